"""The key-events engine: which dates matter, by how sources refer to them.

One engine for the home page and the timeline page (:mod:`generator.render.keydates`,
references = the events' sources in ``data/``) and for ``briefing timeline``
(:mod:`generator.tls`, references = the day expressions of the raw
articles).  The signal is DATEWISE's (Ghalandari & Ifrim 2020, see the
field guide): a date matters when many sources refer to it, and more when
they still refer to it after the fact.  Kept free of heavy imports so that
rendering the site does not load the extraction stack.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Hashable, Iterable, Optional

__all__ = ["Reference", "Weights", "WEIGHTS", "reference_weight", "score_references",
           "W_SAME_DAY", "W_NEXT_DAY", "W_LATER", "W_BEFORE"]

# Weight of one reference to a date, by how long after the date it was written.
# Same-day mentions are the news cycle ("on Monday" in Monday's paper); a day
# still referred to days later ("since the 22 April massacre") mattered.
# References written before the date are plans: they count like a same-day
# mention once the date has come within the sources (a trial's opening, a
# concert, a vote announced for that day), and not at all while it is still
# ahead.  Measured on the Timeline17 dev timelines (see guide/docs/quality/dates.md).
W_SAME_DAY = 0.1
W_NEXT_DAY = 0.3
W_LATER = 1.0
W_BEFORE = 0.1


@dataclass(frozen=True)
class Reference:
    """One source referring to a date: what the key-events engine counts.

    ``key`` names the date as the caller knows it (a day for ``briefing
    timeline``, the date text of an event for the home page); ``first`` and
    ``last`` are its first and last days (the same for a day); ``weight`` is
    the caller's own factor (an event's confidence, a vague grain).
    """

    key: Hashable
    first: dt.date
    last: dt.date
    published: Optional[dt.date]
    weight: float = 1.0
    caption: bool = False


HORIZON_DAYS = 2
"""Dates this close to the newest source cannot have been referred to later yet."""


@dataclass(frozen=True)
class Weights:
    """The engine's weights, by when a reference was written (defaults: the
    module's constants).  Another set is passed only to measure how the
    choice of weights generalises (``scripts/tune_engine.py`` picks them on
    some topics and scores the others); the product uses :data:`WEIGHTS`."""

    same_day: float = W_SAME_DAY
    next_day: float = W_NEXT_DAY
    later: float = W_LATER
    before: float = W_BEFORE
    horizon_days: int = HORIZON_DAYS

    def __post_init__(self) -> None:
        for name in ("same_day", "next_day", "later", "before"):
            if not 0.0 <= getattr(self, name) <= W_LATER:
                raise ValueError(f"key-events weight {name}={getattr(self, name)}: must be between 0 and {W_LATER}")
        if self.horizon_days < 0:
            raise ValueError(f"key-events horizon_days={self.horizon_days}: must be 0 or more")


WEIGHTS = Weights()


def reference_weight(first: dt.date, last: dt.date, published: Optional[dt.date],
                     caption: bool = False, horizon: Optional[dt.date] = None,
                     weights: Weights = WEIGHTS) -> float:
    """How much one reference to the period *first*..*last* counts, by when
    the source was published: before the period (a plan) :data:`W_BEFORE`
    if the period has come by the *horizon* (the newest source's date), else
    0; :data:`W_SAME_DAY` inside it (the news cycle), :data:`W_NEXT_DAY` the
    day after, :data:`W_LATER` later (hindsight).  An undated source counts
    as written the next day; a photo caption's date only as a same-day mention."""
    if published is None:
        w = weights.next_day
    elif published < first:
        w = weights.before if horizon is not None and last <= horizon else 0.0
    elif horizon is not None and (horizon - last).days < weights.horizon_days:
        w = weights.later  # no later source exists to show hindsight: a report counts fully
    else:
        gap = (published - last).days
        w = weights.same_day if gap <= 0 else weights.next_day if gap == 1 else weights.later
    return min(w, weights.same_day) if caption else w


def score_references(refs: Iterable[Reference], horizon: Optional[dt.date] = None,
                     weights: Weights = WEIGHTS) -> dict[Hashable, float]:
    """The key-events engine: each date's weighted reference count
    (DATEWISE's signal).  Every date referred to is scored, a date only
    forecast and still ahead with 0, so a caller can still fill K dates from them.
    *horizon*: the newest source's date, near which hindsight is unknown."""
    score: dict[Hashable, float] = defaultdict(float)
    for r in refs:
        score[r.key] += r.weight * reference_weight(r.first, r.last, r.published, r.caption, horizon, weights)
    return score
