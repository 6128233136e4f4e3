"""The record the tagger returns: one temporal expression with its TIMEX3 type and value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Timex:
    """One temporal expression found in a text."""

    start: int
    end: int
    text: str
    value: Optional[str]
    end_value: Optional[str]
    grain: str
    resolution: str
    type: str = "DATE"
    """TIMEX3 type: DATE, TIME (a time of day), DURATION or SET."""
    names_day: bool = True
    """For a time of day: does the text name its day ("Tuesday night", "10 p.m.
    Wednesday", "this morning"), or is the day the one just named or the
    publication's ("5 p.m.", "in the afternoon")?"""
    offset: Optional[tuple[int, int, int]] = None
    """For a length of days or weeks before a happening the text names ("five days
    after the seizure", "a week before the vote"): (days from that happening's day
    to the one meant, the start and the end of the happening's words, "seizure").  TimeML marks the length
    alone; :func:`~generator.extract.dates.tag` gives it as a day whose value the
    caller finds from the day of that happening (``resolution='offset'``)."""

    def as_json(self) -> dict:
        """The TIMEX3 view of the expression (``briefing dates --format jsonl``)."""
        return {"start": self.start, "end": self.end, "text": self.text,
                "type": self.type, "value": self.value}
