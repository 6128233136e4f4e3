"""Typed records at every boundary of the pipeline.

Two families live here:

* ``Article`` / ``Sentence`` -- what ingest hands to extraction (in memory only).
* ``Source`` / ``Actor`` / ``Event`` / ``Position`` / ``Issue`` -- the data
  contract written to ``data/*.yaml``.  Editors edit these files by hand, so the
  models are strict (unknown keys are errors, ids are slugs, dates are real
  dates) and are validated every time the YAML is loaded.

Dates in the data contract keep the *grain* the text supports: ``2012``,
``2012-Q3`` (a quarter), ``2012-07``, an ISO week ``2012-W27``, ``2012-07-06``
or a time of day ``2012-07-06T22:00``.  :class:`FuzzyDate`
validates those strings and knows the first and last day they cover, which is
what sorting and grouping need.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.functional_validators import BeforeValidator
from pydantic.json_schema import WithJsonSchema

# --------------------------------------------------------------------------
# Dates at a grain
# --------------------------------------------------------------------------

_DATE_RE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:W(?P<w>\d{2})|Q(?P<q>\d)|(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:T(?P<hh>\d{2}):(?P<mm>\d{2}))?)?))?$"
)

Grain = Literal["year", "quarter", "month", "week", "day", "time"]


def parse_fuzzy(value: str) -> tuple[dt.date, dt.date, Grain]:
    """Return ``(first day, last day, grain)`` of an ISO date at any grain.

    Raises ``ValueError`` with a message an editor can act on.
    """
    m = _DATE_RE.match(value)
    if not m:
        raise ValueError(
            f"{value!r} is not a date: write YYYY, YYYY-Qn, YYYY-MM, YYYY-Www, YYYY-MM-DD or "
            "YYYY-MM-DDTHH:MM"
        )
    year = int(m["y"])
    if m["q"]:
        quarter = int(m["q"])
        if not 1 <= quarter <= 4:
            raise ValueError(f"{value!r}: quarter {quarter} does not exist (write Q1 to Q4)")
        last_month = quarter * 3
        return (dt.date(year, last_month - 2, 1),
                dt.date(year, last_month, calendar.monthrange(year, last_month)[1]), "quarter")
    if m["w"]:
        week = int(m["w"])
        try:
            first = dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            raise ValueError(f"{value!r}: {year} has no ISO week {week}") from None
        return first, first + dt.timedelta(days=6), "week"
    if m["m"] is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    month = int(m["m"])
    if not 1 <= month <= 12:
        raise ValueError(f"{value!r}: month {month} does not exist")
    if m["d"] is None:
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last), "month"
    day = int(m["d"])
    try:
        d = dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{value!r}: day {day} does not exist in that month") from None
    if m["hh"] is not None:
        hh, mm = int(m["hh"]), int(m["mm"])
        if hh > 24 or mm > 59 or (hh == 24 and mm):
            raise ValueError(f"{value!r}: {hh:02d}:{mm:02d} is not a time of day (write 00:00 to 24:00)")
        return d, d, "time"
    return d, d, "day"


def _coerce_date(value: object) -> object:
    """YAML turns ``2012-07-06`` into a ``date``; keep it as ISO text."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1000 <= value <= 9999:  # `date: 2012`
        return str(value)
    return value


def _check_fuzzy(value: object) -> object:
    if isinstance(value, str):
        parse_fuzzy(value)
    return value


FuzzyDate = Annotated[
    str, BeforeValidator(_check_fuzzy), BeforeValidator(_coerce_date),
    WithJsonSchema({"type": "string",
                    "pattern": r"^\d{4}(-(W\d{2}|Q[1-4]|\d{2}(-\d{2}(T\d{2}:\d{2})?)?))?$",
                    "description": "ISO date at its grain: YYYY, YYYY-Qn, YYYY-MM, YYYY-Www, YYYY-MM-DD "
                                   "or YYYY-MM-DDTHH:MM"}),
]
"""An ISO date string at year, quarter, month, week, day or time-of-day grain (validated); always a
string in the data files, so every YAML or JSON reader gets one type."""

SLUG_RE = r"^[a-z0-9][a-z0-9-]*$"
Slug = Annotated[str, Field(pattern=SLUG_RE, max_length=80)]

ActorKind = Literal["person", "organization", "state", "group", "outlet"]
"""``outlet``: a news outlet or agency named as the source of a report ("told CNN", "according to
Reuters"), not a party to it; listed with the actors, never a row of the positions matrix.  An outlet
that acts (hosts, sues, is shut down) is an ``organization``."""
Stance = Literal["supports", "opposes", "demands", "rejects", "warns", "neutral"]
Resolution = Literal["explicit", "relative", "publication", "unresolved", "editor"]


# --------------------------------------------------------------------------
# Ingest records (in memory)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article.

    ``start``/``end`` are character offsets into ``Article.raw`` (the text as
    read, possibly PTB-tokenized), so a fact can always be traced back to the
    original bytes; ``text`` is the detokenized form shown to readers.
    """

    index: int
    text: str
    start: int
    end: int


TitleOrigin = Literal["given", "derived"]
"""Where an article's title came from.  ``given``: the source named it (a ``title`` field of a JSONL
record, front matter or a manifest entry, an HTML page's title, a Markdown ``# heading`` as the first
line); ``derived``: ingest made it from the first sentence, which is then the lead, not a headline."""

_TITLE_ORIGINS = ("given", "derived")
_WORD_CHARS = re.compile(r"[^\w]+")


@dataclass
class Article:
    """One source article after ingest: metadata, text and sentences.

    ``title_origin`` defaults to ``derived``, the safe side: a headline is set apart only when the
    source said which its title is, so an article built without one loses no sentence.
    """

    id: str
    path: str
    raw: str
    text: str
    hash: str
    title: str = ""
    outlet: str = ""
    published: Optional[dt.date] = None
    url: str = ""
    language: str = "en"
    tokenized: bool = False
    sentences: list[Sentence] = field(default_factory=list)
    source_id: str = ""
    """The id as the source wrote it, when it gave one (``id`` is its slug)."""
    title_origin: TitleOrigin = "derived"
    """Whether the source gave ``title`` or ingest derived it (:data:`TitleOrigin`)."""

    def __post_init__(self) -> None:
        if self.title_origin not in _TITLE_ORIGINS:
            raise ValueError(f"article {self.id!r}: title_origin {self.title_origin!r} is not one of "
                             f"{', '.join(_TITLE_ORIGINS)}")

    def sentence(self, index: int) -> Sentence:
        return self.sentences[index]

    def headline(self) -> tuple[int, ...]:
        """Positions in :attr:`sentences` of the headline: the leading sentences that restate a
        *given* title (many sources repeat it as the text's first line, "Gowdy Slams ...").

        Compared on letters and digits only (case, punctuation and the Markdown ``#`` aside), and
        only whole sentences from the first: a derived title is the lead itself, and a first
        sentence that merely starts like the title is no headline, so both give ``()``.
        """
        if self.title_origin != "given":
            return ()
        want = _WORD_CHARS.sub("", self.title.casefold())
        got = ""
        for i, s in enumerate(self.sentences):
            got += _WORD_CHARS.sub("", s.text.casefold())
            if not want or not want.startswith(got):
                return ()
            if got == want:
                return tuple(range(i + 1))
        return ()


# --------------------------------------------------------------------------
# Data contract (data/*.yaml)
# --------------------------------------------------------------------------


UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Control characters (but tab and newlines) and the Unicode bidi embeddings,
overrides and isolates.  Why refused: an override (U+202E) written as a YAML
escape reverses how the text after it is displayed on the site, so a record can
show one thing and say another ("Trojan Source"); a control character has no
business in a name or a sentence.  The marks LRM/RLM, which right-to-left
text needs, are allowed."""


def unsafe_char_problem(value: str) -> str:
    """Why *value* may not stand in a data field, or ''."""
    m = UNSAFE_CHARS.search(value)
    if m is None:
        return ""
    import unicodedata

    ch = m.group()
    name = unicodedata.name(ch, "a control character")
    return (f"character U+{ord(ch):04X} ({name}) at position {m.start() + 1} is not allowed "
            "(it hides or reorders what readers see): remove it")


class Record(BaseModel):
    """Base of every YAML record: strict, so a typo in a key is an error, and
    free of the characters of :data:`UNSAFE_CHARS` in every text field."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_unsafe_chars(cls, value):
        """Every text field, and every text in a list field (nested records check their own).
        Why a field validator: the problem is then located at the field's line."""
        if type(value) is str:
            if UNSAFE_CHARS.search(value):
                raise ValueError(unsafe_char_problem(value))
        elif type(value) is list and value and type(value[0]) is str and UNSAFE_CHARS.search("".join(value)):
            raise ValueError(unsafe_char_problem("".join(value)))
        return value


class SourceRef(Record):
    """Provenance: which sentence of which article supports a fact."""

    article: str
    sentence: int = Field(ge=0)
    text: str = ""


class Source(Record):
    """One article the briefing is built from (``data/sources.yaml``)."""

    id: Slug
    title: str = ""
    outlet: str = ""
    published: Optional[FuzzyDate] = None
    url: str = ""
    path: str = ""
    language: str = "en"
    hash: str = ""
    sentences: int = Field(default=0, ge=0)
    relevant: bool = True
    relevance: str = ""
    edited: bool = False


class Actor(Record):
    """A person, organization, state or group, or a news outlet cited as a source (``data/actors.yaml``)."""

    id: Slug
    name: str = Field(min_length=1)
    kind: ActorKind = "person"
    role: str = ""
    affiliation: Optional[Slug] = None
    aliases: list[str] = Field(default_factory=list)
    mentions: int = Field(default=0, ge=0)
    sources: list[SourceRef] = Field(default_factory=list)
    confidence: float = Field(default=1.0, ge=0, le=1)
    edited: bool = False


class Event(Record):
    """A dated happening (``data/timeline.yaml``).

    ``date`` is at the grain the text supports; ``end`` closes a range (a week
    or weekend written as two days).  ``date_text`` is the expression as written
    and ``resolution`` says how it became a date (``relative`` ones name the
    article whose publication date anchored them in ``anchor``).
    """

    id: Slug
    date: FuzzyDate
    end: Optional[FuzzyDate] = None
    date_text: str = ""
    resolution: Resolution = "explicit"
    anchor: Optional[str] = None
    title: str = Field(min_length=1)
    summary: str = ""
    actors: list[Slug] = Field(default_factory=list)
    place: str = ""
    sources: list[SourceRef] = Field(default_factory=list)
    confidence: float = Field(default=1.0, ge=0, le=1)
    edited: bool = False

    @model_validator(mode="after")
    def _end_after_start(self) -> "Event":
        if self.end is not None and parse_fuzzy(self.end)[1] < parse_fuzzy(self.date)[0]:
            raise ValueError(f"end {self.end} is before date {self.date}")
        return self

    @property
    def first_day(self) -> dt.date:
        return parse_fuzzy(self.date)[0]

    @property
    def grain(self) -> Grain:
        return parse_fuzzy(self.date)[2]


class Position(Record):
    """Where an actor stands on an issue (``data/positions.yaml``)."""

    id: Slug
    actor: Slug
    issue: str = Field(min_length=1)
    stance: Stance = "neutral"
    statement: str = Field(min_length=1)
    quote: str = ""
    target: str = ""
    """What the stance is towards, as written ("a no-fly zone over Syria")."""
    date: Optional[FuzzyDate] = None
    sources: list[SourceRef] = Field(default_factory=list)
    confidence: float = Field(default=1.0, ge=0, le=1)
    edited: bool = False


class Issue(Record):
    """An entry of the editable issue lexicon (``data/issues.yaml``).

    Extraction derives issues from what the corpus's positions are about
    (:mod:`generator.extract.issues`).  An editor renames an issue by changing
    ``label``, merges two by moving keywords into one, splits one by dividing
    its keywords, and keeps an issue as a matrix column with ``pinned: true``;
    an edited or pinned issue's keywords are matched before anything derived.
    """

    id: Slug
    label: str = Field(min_length=1)
    keywords: list[str] = Field(default_factory=list)
    pinned: bool = False
    edited: bool = False

    @field_validator("keywords")
    @classmethod
    def _lower(cls, v: list[str]) -> list[str]:
        return [k.lower() for k in v]


RECORD_TYPES: dict[str, type[Record]] = {
    "sources": Source,
    "actors": Actor,
    "timeline": Event,
    "positions": Position,
    "issues": Issue,
}
"""``data/<name>.yaml`` → the record type of each entry in it."""


@dataclass
class Briefing:
    """Everything in ``data/``: what render reads and extract writes."""

    sources: list[Source] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    timeline: list[Event] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    def records(self, name: str) -> list[Record]:
        return getattr(self, name)
