"""A HeidelTime-style temporal tagger: rules, no model.

Why rules: the field guide's lesson from timeline summarization is that a
tagger which resolves *relative* dates well ("on Friday", "last week") is worth
more than clever ranking, and news relative dates are anchored on one thing we
always have -- the publication date.  HeidelTime does this with hand-written
patterns; we do the same with one precompiled alternation scanned once over the
text (linear in its length), and resolve each match against ``published``.

Values keep the grain the text supports (TIMEX3 style): ``2012``, ``2012-07``,
``2012-07-06``, ``2012-W27``.  Without a publication date a relative
expression is kept as written with ``value=None`` -- never guessed.

Works on plain text and on PTB-tokenized text (``Mar 15 , 2011``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Optional

from .nlp import lower_safe as _lower_safe

__all__ = ["Timex", "tag", "reports_on_publication_day"]


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

    def as_json(self) -> dict:
        """The TIMEX3 view of the expression (``briefing dates --format jsonl``)."""
        return {"start": self.start, "end": self.end, "text": self.text,
                "type": self.type, "value": self.value}


# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2,
    "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "several": None, "few": None,
}

# Month names must be capitalized (``may`` is a modal, ``march`` a verb); the
# abbreviations may carry a period.  Longest alternatives first.
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.?"
)
_WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"Tues|Thurs|Thur|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.?"
)
_FULL_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# A weekday that starts a title is a name, not a day ("the Sunday Times").
_TITLE_WORDS = (
    r"(?:Times|Telegraph|Mirror|Express|Herald|Post|Mail|Star|Independent|Tribune|"
    r"Observer|Sport|Review|Club|League|Service|School|Night\s+Live)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_COMMA = r"\s*,?\s*"
_NUMWORD = r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# Words before a bare year that make it a year and not a count ("in 2011").
_YEAR_PREP = (
    r"(?:in|In|since|Since|of|by|until|till|from|From|during|before|after|through|"
    r"early|late|mid-|end of|until|to|and|the year|year|fiscal|FY|summer|winter|"
    r"spring|autumn|fall)"
)

# One alternation, most specific first, scanned once.  Each named group is a
# pattern kind; the resolver for that kind reads its sub-groups.
_PATTERNS = [
    ("iso", rf"(?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>[0-3]\d)(?![\d-])"),
    # "from 3 to 5 July 2012", "3-5 July"
    ("dayrange",
     rf"(?:from\s+|between\s+)?(?P<dr_d1>{_DAY})\s*(?:-|--|to|and|until)\s*(?P<dr_d2>{_DAY})\s+"
     rf"(?P<dr_m>{_MONTH})(?:{_COMMA}(?P<dr_y>{_YEAR}))?(?!\d)"),
    # "Tue Mar 15 , 2011", "July 6, 2012", "June 30"
    ("mdy",
     rf"(?:(?P<mdy_wd>{_WEEKDAY}){_COMMA})?(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>{_DAY})(?![\d:])"
     rf"(?:{_COMMA}(?P<mdy_y>{_YEAR})(?!\d))?"),
    # "6 July 2012", "on 30 June", "Friday 6 July"
    ("dmy",
     rf"(?:(?P<dmy_wd>{_FULL_WEEKDAY}){_COMMA}(?:the\s+)?)?(?P<dmy_d>{_DAY})\s+(?:of\s+)?"
     rf"(?P<dmy_m>{_MONTH})(?:{_COMMA}(?P<dmy_y>{_YEAR})(?!\d))?"),
    # "between March and May (2012)", "from March to May"
    ("monthrange",
     rf"(?:between|from)\s+(?P<mr_m1>{_MONTH})\s+(?:and|to|until|through)\s+"
     rf"(?P<mr_m2>{_MONTH})(?:{_COMMA}(?P<mr_y>{_YEAR})(?!\d))?"),
    ("my", rf"(?P<my_m>{_MONTH})\s+(?:of\s+)?(?P<my_y>{_YEAR})(?![\d,]\d)"),
    # "last/next/this March", "in March", "early March"; bare months except May
    ("month",
     rf"(?:(?P<mo_mod>last|next|this|earlier\s+this|later\s+this)\s+)?"
     rf"(?P<mo_m>{_MONTH})(?=\s*[,.;:)'\"]|\s+(?!\d)|$)"),
    ("decade", r"(?:1[89]|20)\d0'?s\b"),
    ("year", rf"(?<![\d,.$£€#-])(?P<yr_y>{_YEAR})(?![\d%]|,\d|-\d|\.\d|s\b|'s\b)"),
    ("ago",
     rf"(?P<ago_n>{_NUMWORD}|several|a\s+few|few)\s+(?P<ago_u>day|week|month|year)s?\s+ago"),
    ("weekend",
     r"(?P<we_mod>last|this|next|past|previous|coming)\s+weekend"),
    ("rel",
     r"(?P<rel_mod>last|next|this|past|previous|coming|earlier\s+this|later\s+this|"
     r"early\s+this|late\s+this|end\s+of\s+this|end\s+of\s+last)\s+"
     r"(?P<rel_u>week|month|year)\b"),
    ("weekday",
     rf"(?:(?P<wd_mod>last|next|this|on|coming|past|previous)\s+)?"
     rf"(?P<wd>{_FULL_WEEKDAY})(?!s\b)(?!\s+{_TITLE_WORDS}\b)(?!{_COMMA}(?:the\s+)?(?:{_DAY}\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+\d))"
     rf"(?:'s)?(?:\s+(?:morning|afternoon|evening|night))?"),
    ("deictic",
     r"(?P<dx>today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|"
     r"last\s+night)"),
]

_SCAN = re.compile(
    "|".join(rf"(?P<{name}>\b{body})" for name, body in _PATTERNS),
)
# Every match of _SCAN starts at one of these word starts; trying the big
# alternation only there (instead of at every character) is ~10x faster.
# The only capitalised starts _SCAN can match are month and weekday names
# (the folded text has the relative words in lower case), so those are named
# here: "[A-Z][a-z]{2}" sent every capitalised word through _SCAN.
#
# A lower-case word starts an expression only with the right word after it
# ("on" + a weekday, "a" + "few"/a unit, "last" + a name or unit...), so each
# carries a lookahead for what _SCAN needs there: "a", "on", "from", "this"
# and number words are common, and ~75 % of the triggers found without these
# lookaheads (10,862 of 14,084 on the 624 articles) were tried with _SCAN in
# vain.  Each lookahead is implied by every _SCAN alternative starting with
# that word, so no expression is lost; a trigger dropped here consumed no
# word start, so the others are the same.
_UNIT = r"(?:day|week|month|year)"
_TRIGGER_WORDS: list[tuple[str, str]] = (
    [(d, "") for d in "0123456789"]
    + [(m, "") for m in "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec Mon Tue Wed Thu Fri Sat Sun".split()]
    + [(w, r"\b") for w in ("today", "tonight", "yesterday", "tomorrow")]
    + [(w, r"\b(?=\s+[\dA-Z])") for w in ("from", "between")]                  # 3-5 July / March to May
    + [(w, r"\b(?=\s+(?:[A-Z]|week|month|year|night|morning|afternoon|evening))")
       for w in ("last", "next", "this", "past", "previous", "coming")]
    + [(w, r"\b(?=\s+this)") for w in ("earlier", "later", "early", "late")]
    + [("end", r"\b(?=\s+of\s+(?:this|last))"), ("on", r"\b(?=\s+[A-Z])")]  # on Friday
    + [(w, rf"\b(?=\s+(?:few\s+)?{_UNIT})")                                    # two weeks ago
       for w in "a an several few one two three four five six seven eight nine ten eleven twelve".split()]
)
"""(word, what must follow it) for every word an expression can start with."""


_TRIGGER_AT = "(?:" + "|".join(re.escape(w) + after for w, after in _TRIGGER_WORDS) + ")"
_TRIGGER_START = re.compile(_TRIGGER_AT)
_TRIGGER_AFTER = re.compile(r"\W" + _TRIGGER_AT)


def _trigger_starts(folded: str) -> list[int]:
    """Where an expression can start: the word starts (``\\b``) where a
    :data:`_TRIGGER_WORDS` word begins with what must follow it.

    Found as "a non-word character, then a word" (plus the text's start)
    rather than with ``\\b(?:...)``: the regex engine then skips in C to the
    next space or punctuation mark instead of trying the pattern at every
    character (52 -> 42 ms over the 6,610 sentences the 624 articles scan).
    Matches resume after the word as ``finditer`` would, so the starts are
    the same.
    """
    first = _TRIGGER_START.match(folded)
    starts = [0] if first else []
    starts.extend(m.start() + 1 for m in _TRIGGER_AFTER.finditer(folded, first.end() if first else 0))
    return starts


# Case-insensitive words inside the big pattern: only the deictic/relative
# words; month and weekday names stay case-sensitive on purpose.
_DEICTIC_CI = re.compile(
    r"\b(?:Today|Tonight|Yesterday|Tomorrow|This\s+(?:morning|afternoon|evening)|"
    r"Last\s+night|Last|Next|This|Earlier\s+this|Later\s+this|Early\s+this|Late\s+this)\b"
)

# Every _DEICTIC_CI match starts with one of these (case-sensitive) literals.
_DEICTIC_HINT = re.compile(r"Today|Tonight|Yesterday|Tomorrow|This|Last|Next|Earl|Late")

# Future / modal markers before a weekday or month make it point forward.
_FUTURE = re.compile(
    r"\b(?:will|'ll|shall|going\s+to|is\s+due|are\s+due|due\s+to|expected\s+to|"
    r"scheduled|plans?\s+to|planned|set\s+to|wo\s*n't|would\s+be\s+held|to\s+be\s+held|"
    r"to\s+meet|to\s+vote|to\s+hold|deadline)\b",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"[.!?]\s+(?=[A-Z`'\"(])|\n")


# --------------------------------------------------------------------------
# Date arithmetic
# --------------------------------------------------------------------------


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _safe_date(y: int, m: int, d: int) -> Optional[dt.date]:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _nearest_year(pub: dt.date, m: int, d: int, future: bool) -> Optional[dt.date]:
    """Year for a month-day written without one.

    News reports mostly the recent past, so the day is placed in the year that
    puts it nearest to publication; a day more than ~two months ahead is taken
    from the previous year unless the sentence is future tense.
    """
    best = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        cand = _safe_date(y, m, d)
        if cand is None:
            continue
        gap = (cand - pub).days
        if gap > 0 and not future and gap > 62:
            continue
        if gap < 0 and future and -gap > 62:
            continue
        if best is None or abs(gap) < abs((best - pub).days):
            best = cand
    return best


def _month_year(pub: dt.date, m: int, future: bool) -> int:
    """Nearest-past (or nearest-future in future tense) year of a bare month."""
    if future:
        return pub.year if m >= pub.month else pub.year + 1
    return pub.year if m <= pub.month else pub.year - 1


def _weekday_date(pub: dt.date, wd: int, direction: str) -> dt.date:
    """The nearest day named ``wd``; the published weekday is the published day.

    ``direction`` is ``past`` / ``future`` (same weekday allowed) or
    ``before`` / ``after`` (strictly, for "last Friday" / "next Friday").
    """
    diff = (pub.weekday() - wd) % 7
    if direction == "past":
        return pub - dt.timedelta(days=diff)
    if direction == "before":
        return pub - dt.timedelta(days=diff or 7)
    ahead = (wd - pub.weekday()) % 7
    if direction == "future":
        return pub + dt.timedelta(days=ahead)
    return pub + dt.timedelta(days=ahead or 7)


def _day_num(s: str) -> int:
    return int(re.match(r"\d+", s).group())


def _month_num(s: str) -> int:
    return _MONTHS[s.rstrip(".").lower()]


# --------------------------------------------------------------------------
# Resolution of each pattern kind
# --------------------------------------------------------------------------

_Result = Optional[tuple[Optional[str], Optional[str], str, str]]


def _future_context(text: str, start: int, end: int) -> bool:
    """Is the expression in a forward-looking clause of its sentence?"""
    left = 0
    for m in _SENTENCE_BREAK.finditer(text, max(0, start - 200), start):
        left = m.end()
    window = text[max(left, start - 80):start]
    return bool(_FUTURE.search(window))


def _unresolved(grain: str) -> _Result:
    return None, None, grain, "unresolved"


def _r_iso(g, pub, fut) -> _Result:
    d = _safe_date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
    return (d.isoformat(), None, "day", "explicit") if d else None


def _r_dayrange(g, pub, fut) -> _Result:
    m = _month_num(g["dr_m"])
    d1, d2 = _day_num(g["dr_d1"]), _day_num(g["dr_d2"])
    if d2 <= d1:
        return None
    if g["dr_y"]:
        a, b = _safe_date(int(g["dr_y"]), m, d1), _safe_date(int(g["dr_y"]), m, d2)
        kind = "explicit"
    elif pub is None:
        return _unresolved("day")
    else:
        a = _nearest_year(pub, m, d1, fut)
        b = _safe_date(a.year, m, d2) if a else None
        kind = "relative"
    if not a or not b:
        return None
    return a.isoformat(), b.isoformat(), "day", kind


def _r_mdy(g, pub, fut) -> _Result:
    return _day_month(g["mdy_m"], g["mdy_d"], g["mdy_y"], pub, fut)


def _r_dmy(g, pub, fut) -> _Result:
    return _day_month(g["dmy_m"], g["dmy_d"], g["dmy_y"], pub, fut)


def _day_month(month: str, day: str, year: Optional[str], pub, fut) -> _Result:
    m, d = _month_num(month), _day_num(day)
    if year:
        date = _safe_date(int(year), m, d)
        return (date.isoformat(), None, "day", "explicit") if date else None
    if _safe_date(2000, m, d) is None:  # 2000 is a leap year: Feb 29 passes
        return None
    if pub is None:
        return _unresolved("day")
    date = _nearest_year(pub, m, d, fut)
    return (date.isoformat(), None, "day", "relative") if date else None


def _r_monthrange(g, pub, fut) -> _Result:
    m1, m2 = _month_num(g["mr_m1"]), _month_num(g["mr_m2"])
    if g["mr_y"]:
        y = int(g["mr_y"])
        y1 = y if m1 <= m2 else y - 1
        return _month(y1, m1), _month(y, m2), "month", "explicit"
    if pub is None:
        return _unresolved("month")
    y2 = _month_year(pub, m2, fut)
    y1 = y2 if m1 <= m2 else y2 - 1
    return _month(y1, m1), _month(y2, m2), "month", "relative"


def _r_my(g, pub, fut) -> _Result:
    return _month(int(g["my_y"]), _month_num(g["my_m"])), None, "month", "explicit"


def _r_month(g, pub, fut) -> _Result:
    m = _month_num(g["mo_m"])
    mod = " ".join((g["mo_mod"] or "").split())
    if pub is None:
        return _unresolved("month")
    if mod == "last":
        y = pub.year - 1 if m >= pub.month else pub.year
    elif mod == "next":
        y = pub.year + 1 if m <= pub.month else pub.year
    elif mod in ("this", "earlier this", "later this"):
        y = pub.year
    else:
        y = _month_year(pub, m, fut)
    return _month(y, m), None, "month", "relative"


def _r_year(g, pub, fut) -> _Result:
    return g["yr_y"], None, "year", "explicit"


def _r_ago(g, pub, fut) -> _Result:
    word = " ".join(g["ago_n"].lower().split())
    n = int(word) if word.isdigit() else _NUMBERS.get(word)
    unit = g["ago_u"].lower()
    grain = unit if unit != "day" else "day"
    if pub is None or n is None:
        return _unresolved(grain)
    if unit == "day":
        return (pub - dt.timedelta(days=n)).isoformat(), None, "day", "relative"
    if unit == "week":
        return _iso_week(pub - dt.timedelta(weeks=n)), None, "week", "relative"
    if unit == "month":
        return _month(*_add_months(pub.year, pub.month, -n)), None, "month", "relative"
    return str(pub.year - n), None, "year", "relative"


def _r_weekend(g, pub, fut) -> _Result:
    if pub is None:
        return _unresolved("day")
    mod = g["we_mod"].lower()
    if mod in ("last", "past", "previous"):
        sat = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
        if sat + dt.timedelta(days=1) >= pub:
            sat -= dt.timedelta(days=7)
    else:
        # "this"/"coming" weekend: the one of the publication's ISO week;
        # "next" weekend: the one after it.
        sat = pub + dt.timedelta(days=5 - pub.weekday())
        if mod == "next":
            sat += dt.timedelta(days=7)
    return sat.isoformat(), (sat + dt.timedelta(days=1)).isoformat(), "day", "relative"


def _r_rel(g, pub, fut) -> _Result:
    mod = " ".join(g["rel_mod"].lower().split())
    unit = g["rel_u"].lower()
    if pub is None:
        return _unresolved(unit)
    shift = -1 if mod in ("last", "past", "previous", "end of last") else (
        1 if mod in ("next", "coming") else 0)
    if mod in ("past", "previous") and unit != "year":
        # "the past week" is a span ending now; HeidelTime keeps it as last week.
        shift = -1
    if unit == "week":
        return _iso_week(pub + dt.timedelta(weeks=shift)), None, "week", "relative"
    if unit == "month":
        return _month(*_add_months(pub.year, pub.month, shift)), None, "month", "relative"
    return str(pub.year + shift), None, "year", "relative"


def _r_weekday(g, pub, fut) -> _Result:
    if pub is None:
        return _unresolved("day")
    wd = _WEEKDAYS[g["wd"].lower()]
    mod = (g["wd_mod"] or "").lower()
    if mod in ("last", "past", "previous"):
        direction = "before"
    elif mod in ("next", "coming"):
        direction = "after"
    elif mod == "this":
        # The day of the publication week.
        monday = pub - dt.timedelta(days=pub.weekday())
        return (monday + dt.timedelta(days=wd)).isoformat(), None, "day", "relative"
    else:
        direction = "future" if fut else "past"
    return _weekday_date(pub, wd, direction).isoformat(), None, "day", "relative"


def _r_deictic(g, pub, fut) -> _Result:
    if pub is None:
        return _unresolved("day")
    word = " ".join(g["dx"].lower().split())
    shift = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
    return (pub + dt.timedelta(days=shift)).isoformat(), None, "day", "relative"


def _r_decade(g, pub, fut) -> _Result:
    return None  # decades are skipped on purpose (too coarse for a timeline)


_RESOLVERS: dict[str, Callable[..., _Result]] = {
    "iso": _r_iso, "dayrange": _r_dayrange, "mdy": _r_mdy, "dmy": _r_dmy,
    "monthrange": _r_monthrange, "my": _r_my, "month": _r_month,
    "decade": _r_decade, "year": _r_year, "ago": _r_ago, "weekend": _r_weekend,
    "rel": _r_rel, "weekday": _r_weekday, "deictic": _r_deictic,
}

# Tense matters only for these kinds; the others ignore ``fut``.
_TENSED = {"dayrange", "mdy", "dmy", "monthrange", "month", "weekday"}

# Before a bare year we need a temporal preposition, or the year must end its
# phrase ("... in the spring of 2011.") -- "2000 people" is a count.
_YEAR_BEFORE = re.compile(rf"\b{_YEAR_PREP}\s+(?:the\s+)?(?:early\s+|late\s+)?$", re.IGNORECASE)
_YEAR_AFTER = re.compile(r"\s*(?:[.,;:)?!'\"]|--|$)")
_MAY_BEFORE = re.compile(
    r"\b(?:in|since|by|until|till|during|of|from|early|late|mid|through|end\s+of|"
    r"last|next|this|earlier\s+this|later\s+this|between|and|to)\s+$|mid-$",
    re.IGNORECASE,
)


def _accept(kind: str, m: re.Match, text: str) -> bool:
    """Filters that a regex cannot say compactly."""
    start = m.start()
    before = text[max(0, start - 30):start]
    if kind == "year":
        if re.search(r"\d\s*(?:-|to|and)\s*$", before):
            return False  # "41-3 vote" style or a score
        return bool(_YEAR_BEFORE.search(before) or _YEAR_AFTER.match(text, m.end()))
    if kind == "month":
        word = m.group("mo_m").rstrip(".")
        if word in ("May", "Mar", "Jan", "Jun", "Sun", "Sat", "Dec", "Oct", "Sep",
                    "Nov", "Aug", "Apr", "Feb", "Jul", "Sept") and not m.group("mo_mod"):
            # Ambiguous words (May, Mar...) need a temporal preposition.
            return bool(_MAY_BEFORE.search(before))
        return True
    return True


def tag_all(text: str, published: Optional[dt.date]) -> list[Timex]:
    """Every temporal expression of *text* with its TIMEX3 value."""
    return tag(text, published)


def tag(text: str, published: Optional[dt.date]) -> list[Timex]:
    """Find and normalize temporal expressions in ``text``.

    Relative expressions are resolved against ``published``; without it they
    come back with ``value=None`` and ``resolution='unresolved'``.
    """
    return list(_tag_cached(text, published))


@lru_cache(maxsize=4096)
def _tag_cached(text: str, published: Optional[dt.date]) -> tuple[Timex, ...]:
    """:func:`tag`, remembered: events and positions tag the same sentence
    with the same date (a pure function of both; Timex is frozen)."""
    return tuple(_tag(text, published))


def _tag(text: str, published: Optional[dt.date]) -> list[Timex]:
    out: list[Timex] = []
    pos = 0
    for trigger_start, start, end, kind, g, fut in _scan(text):
        if trigger_start < pos:
            continue
        res = _RESOLVERS[kind](g, published, fut)
        if res is None:
            continue
        value, end_value, grain, resolution = res
        out.append(Timex(start, end, text[start:end], value, end_value, grain, resolution))
        pos = end
        anchored = _anchored(text, out[-1])
        if anchored is not None:
            out.append(anchored)
            pos = anchored.end
    return out


_Found = tuple[int, int, int, str, re.Match, bool]


@lru_cache(maxsize=8192)
def _scan(text: str) -> tuple[_Found, ...]:
    """Every expression a trigger of *text* starts, before any date is resolved.

    ``(trigger start, start, end, kind, groups, future context)`` for each
    trigger whose scan matches and passes :func:`_accept`, in text order.
    Finding expressions is most of the tagger's cost and depends on the
    text alone, while resolving depends on the publication date: a sentence
    repeated in articles of different days (wire copy, boilerplate) is
    scanned once.  All triggers are scanned, also those inside an earlier
    expression; :func:`_tag` skips those exactly where it skipped them
    before (a skipped trigger is never resolved).  The groups are the
    match itself (``g["iso_y"]``; None for a group that did not take part,
    as in ``groupdict()``): read-only, so the cached tuple can be shared,
    and no 45-entry dict is built per expression (~25 ms over the 624
    articles' 7,154 expressions).
    """
    found: list[_Found] = []
    folded = _fold_case(text)
    for start in _trigger_starts(folded):
        m = _SCAN.match(folded, start)
        if m is None:
            continue
        kind = m.lastgroup
        if kind is None or not _accept(kind, m, text):
            continue
        fut = kind in _TENSED and _future_context(text, m.start(), m.end())
        found.append((start, m.start(), m.end(), kind, m, fut))
    return tuple(found)


_ANCHORED = re.compile(
    rf"\s*,?\s*(?:just\s+|only\s+)?(?P<n>{_NUMWORD})\s+(?P<u>day|week)s?\s+(?P<dir>after|before)\b", re.IGNORECASE)


def _anchored(text: str, anchor: Timex) -> Optional[Timex]:
    """"on Monday, a day after Crimeans voted": a date relative to the date just named.

    The clause after "a day after" happened that long BEFORE the anchor (and
    "before" means after it).  Only day-grain anchors with a value count.
    """
    if anchor.grain != "day" or not anchor.value or len(anchor.value) != 10:
        return None
    m = _ANCHORED.match(text, anchor.end)
    if m is None:
        return None
    word = m.group("n").lower()
    n = int(word) if word.isdigit() else _NUMBERS.get(word, 1)
    days = n * (7 if m.group("u").lower() == "week" else 1)
    sign = -1 if m.group("dir").lower() == "after" else 1
    day = dt.date.fromisoformat(anchor.value) + dt.timedelta(days=sign * days)
    start = m.end() - len(m.group(0).lstrip(" ,"))
    return Timex(start, m.end(), text[start:m.end()], day.isoformat(), None, "day", "relative")


def _fold_case(text: str) -> str:
    """Lower-case sentence-initial relative words ("Last week", "Yesterday").

    Same length as ``text`` so offsets stay valid; month and weekday names are
    left alone because their capital letter is what tells ``May`` from ``may``.
    Most sentences have none of the capitalised words every match starts
    with: a scan for those (literals: the engine jumps between their first
    letters) spares them the word-boundary pattern (21 -> ~5 ms over 6,610
    sentences).
    """
    if _DEICTIC_HINT.search(text) is None:
        return text
    return _DEICTIC_CI.sub(lambda m: m.group().lower(), text)


# --------------------------------------------------------------------------
# Does an undated sentence report something that happened on the article's day?
# --------------------------------------------------------------------------

_NOT_TODAY = re.compile(
    r"\b(?:will|'ll|shall|would|could|should|might|must|may|can|cannot|wo\s*n't|"
    r"going\s+to|expected\s+to|plans?\s+to|had|since|used\s+to|ago|previously|"
    r"formerly|earlier|last\s+(?:year|month|week)|in\s+(?:1[89]|20)\d\d|"
    r"for\s+(?:the\s+(?:past|last)\s+)?(?:\d+|two|three|four|five|six|several|many|"
    r"months|years|weeks|decades)\b|if|unless)\b",
    re.IGNORECASE,
)
_NOT_TODAY_LOWER = re.compile(_NOT_TODAY.pattern)
_HAS_BEEN = re.compile(r"\b(?:has|have)\s+been\b", re.IGNORECASE)
_HAS_BEEN_LOWER = re.compile(_HAS_BEEN.pattern)
_IRREGULAR_PAST = (
    "said|says|told|tells|met|fled|began|won|took|came|fell|left|shot|struck|hit|went|"
    "gave|made|held|sent|saw|led|broke|fought|lost|overran|ran|rose|spoke|stood|"
    "swept|threw|withdrew|wrote|drew|froze|got|put|set|sought|thought|brought|"
    "bought|caught|taught|felt|kept|meant|built|spent|shut|quit|beat|bled|blew|"
    "dug|hid|laid|lay|slew|split|spread|stole|stuck|tore|woke|wore|chose|forbade|"
    "arrives|attacks|calls|claims|condemns|denies|urges|warns|accuses|announces|"
    "says|kills|vows|rejects|demands|agrees|fires|shells|storms|seizes"
)
_HAPPENING = re.compile(
    rf"\b(?:[a-z]{{3,}}ed|{_IRREGULAR_PAST}|(?:is|are|was|were)\s+[a-z]+ing|"
    rf"(?:has|have)\s+(?!been\b)[a-z]+(?:ed|en|wn|ne|un|ld|ht|id|ot))\b"
)
_ADJECTIVE_ED = re.compile(
    r"\b(?:armed|united|based|alleged|concerned|detailed|limited|related|called|"
    r"interested|advanced|supposed|so-called|renewed|embattled|beleaguered|"
    r"hundred|red|bed|need|speed|seed|feed|shed|indeed|proceed|exceed|succeed|"
    r"agreed-upon|besieged|isolated|organized|organised|coordinated|unprecedented|"
    r"sophisticated|dedicated|complicated|experienced|qualified|educated|skilled|"
    r"talented|aged|wicked|naked|sacred|crooked|rugged|ragged|ed)\b"
)


def reports_on_publication_day(sentence: str) -> bool:
    """Is an undated sentence a report of something that happened that day?

    News leads report the day's happenings in the simple past or present
    ("Troops shelled Homs", "Syria says ..."), so such a sentence can be dated
    by its article.  Background and projection are not: the past perfect
    ("had been"), the future and modals ("will", "would", "could"), durations
    and anchors in the past ("for months", "since", "ago", "last year").  A
    sentence that carries its own date expression is judged by that date
    instead, so it returns False here.
    """
    if tag(sentence, None):
        return False
    low = _lower_safe(sentence)
    if low is not None:  # the two re.I tests as lower-case patterns on the lowered text: same matches
        if _NOT_TODAY_LOWER.search(low) or _HAS_BEEN_LOWER.search(low):
            return False
    elif _NOT_TODAY.search(sentence) or _HAS_BEEN.search(sentence):
        return False
    stripped = _ADJECTIVE_ED.sub(" ", sentence)
    return bool(_HAPPENING.search(stripped))
