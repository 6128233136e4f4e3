"""``tag_all`` and ``tag``: scan, resolve in text order with the document's context,
and mark the span TIMEX3 would (modifiers kept, "on" and a full stop left out)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Callable, Iterable, Iterator, Optional

from .arithmetic import _Result
from .context import (
    _Context, _r_ago, _r_anaphor, _r_inthe, _r_partofday, _r_qref, _r_quarter, _r_relc,
)
from .lexicon import _MONTHS, _NUMBERS, _NUMWORD, _WEEKDAYS
from .patterns import _Found, _scan
from .resolve import (
    _r_century, _r_clock, _r_dayrange, _r_decade, _r_decade2, _r_deictic, _r_dmy, _r_duration,
    _r_fyear, _r_iso, _r_lastdecade, _r_mayday, _r_mdy, _r_month, _r_month_in, _r_monthrange, _r_monthrel,
    _r_my, _r_ref, _r_season, _r_set, _r_spoken, _r_theweekend, _r_theweekend_in, _r_weekday, _r_weekend, _r_year,
    _r_yearend,
)
from .timex import Timex


_RESOLVERS: dict[str, Callable[..., _Result]] = {
    "iso": _r_iso, "dayrange": _r_dayrange, "mdy": _r_mdy, "dmy": _r_dmy,
    "monthrange": _r_monthrange, "my": _r_my, "month": _r_month,
    "decade": _r_decade, "year": _r_year, "ago": _r_ago, "weekend": _r_weekend,
    "rel": _r_relc, "weekday": _r_weekday, "deictic": _r_deictic,
    "clock": _r_clock, "inthe": _r_inthe, "set": _r_set, "quarter": _r_quarter, "qref": _r_qref, "season": _r_season,
    "decade2": _r_decade2, "century": _r_century, "spoken": _r_spoken, "ref": _r_ref,
    "monthrel": _r_monthrel, "anaphor": _r_anaphor, "fyear": _r_fyear,
    "partofday": _r_partofday, "duration": _r_duration, "theweekend": _r_theweekend,
    "yearend": _r_yearend, "lastdecade": _r_lastdecade, "mayday": _r_mayday,
}
# These read and update what the document has said so far.
_IN_CONTEXT = {"quarter", "qref", "ago", "anaphor", "partofday", "inthe", "rel"}
_TYPES = {"time": "TIME", "duration": "DURATION", "set": "SET"}


_TIMELINE_GRAINS = {"day", "week", "month", "quarter", "year"}


Named = Optional[tuple[str, str]]
"""The last date a text named, as (value, grain): ``("2014-03-17", "day")``; what
"that day", "the following year" or "five days later" count from."""


def tag_all(text: str, published: Optional[dt.date], context: Named = None) -> list[Timex]:
    """Every temporal expression of *text* with its TIMEX3 type and value:
    dates and times at their grain (``1989-Q3``, ``1998-02-11T22:00``,
    ``1998-SU``, ``198``), ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``, and
    durations (``P5Y``), recognised so that they are not read as dates.

    A quarter, "a year earlier" or "that year" is resolved against what the
    text named before it, so tag a whole article at once, or give the
    *context* the text before it left (:func:`named_last`): "on the same day"
    in one sentence is then the day an earlier one named.
    """
    return list(_tag_cached(text, published, context)[0])


def named_last(text: str, published: Optional[dt.date], context: Named = None) -> Named:
    """The last date named once *text* is read after *context* (*context* itself
    when *text* names none): the context of the text that follows it."""
    return _tag_cached(text, published, context)[1]


def contexts(texts: Iterable[str], published: Optional[dt.date]) -> Iterator[Named]:
    """The context each of *texts* is read in, in order: the last date the texts
    before it named (``None`` for the first).  What an article's sentences are
    tagged with, by the event scan and the dating of positions alike."""
    named: Named = None
    for text in texts:
        yield named
        named = named_last(text, published, named)


def tag(text: str, published: Optional[dt.date], context: Named = None, offsets: bool = False) -> list[Timex]:
    """The expressions of :func:`tag_all` a timeline can hold: dates at the
    grain of a day, week, month, quarter or year (a time of day as its day,
    so that reports of one day merge, of type TIME when the text names no day,
    as in "at 5 p.m.": that day may not be the one taken; a weekend as Saturday to Sunday; a
    season, decade, a present/past/future
    reference or a duration is not a timeline date).

    Relative expressions are resolved against ``published``; without it they
    come back with ``value=None`` and ``resolution='unresolved'``.  Anaphoric
    ones ("that day") are resolved against *context* as in :func:`tag_all`.

    With *offsets*, a length of days counted from a happening the text names
    ("five days after the seizure") comes too, as a day with no value and
    ``resolution='offset'`` (:attr:`Timex.offset`), for a caller that knows
    the happening's day; without, it is a length of time, as in TimeML.
    """
    out = []
    for t in _tag_cached(text, published, context)[0]:
        if t.grain in _TIMELINE_GRAINS:
            out.append(t)
        elif t.grain == "weekend" and t.resolution != "vague" and t.text[:4].lower() == "the ":
            # "over the weekend", past: the week of the weekend just past (which of its days, unsaid)
            out.append(Timex(t.start, t.end, t.text, t.value and t.value[:8], None, "week", t.resolution))
        elif t.grain == "weekend" and t.resolution != "vague":  # on a timeline: Saturday to Sunday
            sat = dt.date.fromisocalendar(int(t.value[:4]), int(t.value[6:8]), 6) if t.value else None
            out.append(Timex(t.start, t.end, t.text, sat and sat.isoformat(),
                             sat and (sat + dt.timedelta(days=1)).isoformat(), "day", t.resolution))
        elif offsets and t.offset is not None:  # "five days after the seizure": the seizure's day, moved
            end = t.offset[2]
            out.append(Timex(t.start, end, text[t.start:end], None, None, "day", "offset", offset=t.offset))
        elif t.grain == "time" and t.type == "TIME":
            day = t.value[:10] if t.value and len(t.value) >= 10 and t.value[4] == "-" else None
            if day or t.value is None:  # still a TIME when the text names no day ("5 p.m.")
                out.append(Timex(t.start, t.end, t.text, day, None, "day", t.resolution,
                                 "DATE" if t.names_day else "TIME", t.names_day))
    return out


@lru_cache(maxsize=4096)
def _tag_cached(text: str, published: Optional[dt.date], context: Named) -> tuple[tuple[Timex, ...], Named]:
    """:func:`tag_all` and :func:`named_last`, remembered: a sentence is tagged
    again with the same publication date and context (events pass the date the
    sentence before named, positions none), so the result is a pure function of
    the three; Timex is frozen."""
    ctx = _Context(date=context)
    return tuple(_resolve(text, published, _scan(text), ctx)), ctx.date


# Words before an expression that belong to it ("early September", "mid-1996",
# "nearly four years ago", "Earlier Sunday"); TIMEX3 keeps them in the span as a
# modifier of the same value.
_LEFT_MOD = re.compile(
    r"(?:(?<![\w-])(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle\s+of|end\s+of|beginning\s+of|start\s+of|"
    r"close\s+of|turn\s+of)(?:\s+|-)(?:the\s+)?)$", re.IGNORECASE)
_LEFT_MOD_DAY = re.compile(r"(?:(?<![\w-])(?:earlier|later|early|late|mid-?afternoon)\s+)$", re.IGNORECASE)
_LEFT_APPROX = re.compile(r"(?:(?<![\w-])(?:nearly|almost|about|some|more\s+than|less\s+than|over|"
                          r"just|only|roughly|around)\s+)$", re.IGNORECASE)
_LEFT_FISCAL = re.compile(r"(?:(?<![\w-])fiscal\s+)$", re.IGNORECASE)
_MODIFIABLE = {"month", "my", "year", "season", "decade2", "mdy", "dmy", "spoken", "rel", "fyear"}
_LEFT_THE = re.compile(r"(?:(?<![\w-])the\s+)$", re.IGNORECASE)
_LEFT_ROUGHLY = re.compile(r"(?:(?<![\w-])(?:around|about|approximately|roughly|sometime|circa)\s+)$",
                           re.IGNORECASE)
_DATE_KINDS = {"mdy", "dmy", "month", "my", "year", "weekday", "rel", "monthrel", "season"}
_EARLIER_THIS = re.compile(r"(?:earlier|later)\s+(?=this\b)", re.IGNORECASE)
_DAY_KINDS = {"weekday", "deictic"}
_APPROX_KINDS = {"ago", "duration"}
# Words a match may start with that are not part of the expression.
_LEAD = re.compile(r"(?:on|at|in)\s+", re.IGNORECASE)
# Abbreviations whose full stop belongs to them ("Nov."); after any other word a
# final full stop ends the sentence, not the expression.
_ABBREVIATIONS = {w for w in list(_MONTHS) + list(_WEEKDAYS) if len(w) <= 4} | {"a.m", "p.m"}


def _extent(kind: str, text: str, start: int, end: int) -> tuple[int, int]:
    """The span TIMEX3 would mark: leading "on"/"at" dropped, modifiers kept,
    a sentence's full stop left out."""
    lead = _LEAD.match(text, start, end)
    if lead and kind in ("weekday", "clock"):
        start = lead.end()
    if text[end - 1:end] == ".":
        word = re.search(r"([\w.]+)\.$", text[max(start, end - 12):end])
        if word is None or word.group(1).lower() not in _ABBREVIATIONS:
            end -= 1
    if kind == "rel":
        lead = _EARLIER_THIS.match(text, start, end)  # "earlier [this month]"
        if lead:
            start = lead.end()
    before = text[max(0, start - 40):start]
    if kind == "rel" and text[start:start + 4].lower() in ("past", "prev", "comi"):
        m = _LEFT_THE.search(before)  # "[the past year]"
        if m:
            start -= len(m.group(0))
            before = text[max(0, start - 40):start]
    for kinds, rx in ((_MODIFIABLE, _LEFT_MOD), (_DAY_KINDS, _LEFT_MOD_DAY), (_APPROX_KINDS, _LEFT_APPROX),
                      ({"year"}, _LEFT_FISCAL), (_DATE_KINDS, _LEFT_ROUGHLY)):
        if kind in kinds:
            m = rx.search(before)
            if m:
                start -= len(m.group(0))
                break
    return start, end


def _right_after(text: str, prev: Timex, start: int) -> bool:
    """Is *start* right after *prev* (a comma, "at" or space between)?"""
    return prev.grain == "day" and re.fullmatch(r"\s*,?\s*(?:at\s+)?", text[prev.end:start]) is not None


def _tag(text: str, published: Optional[dt.date]) -> list[Timex]:
    return _resolve(text, published, _scan(text))


def _resolve(text: str, published: Optional[dt.date], found: Iterable[_Found],
             ctx: Optional[_Context] = None) -> list[Timex]:
    """The expressions of a scan, in text order, resolved: a trigger inside the
    expression before it is skipped.  *ctx*, what was named before the text, is
    updated as the text names more."""
    out: list[Timex] = []
    ctx = ctx if ctx is not None else _Context()
    pos = 0
    for trigger_start, start, end, kind, g, fut in found:
        if trigger_start < pos:
            continue
        if kind == "month":
            res = _r_month_in(g, published, fut, text, start, end)
        elif kind == "theweekend":
            res = _r_theweekend_in(g, published, fut, text, start, end)
        elif kind in _IN_CONTEXT:
            res = _RESOLVERS[kind](g, published, fut, ctx)
        else:
            res = _RESOLVERS[kind](g, published, fut)
        if res is None:
            continue
        value, end_value, grain, resolution = res
        pos = end
        start, end = _extent(kind, text, start, end)
        # a time of day alone ("5 p.m.", "in the afternoon") is on the day just named or published
        names_day = kind != "partofday" and not (kind == "clock" and not (g["tm_wd"] or g["tm_dx"] or g["tm_mo"]))
        if kind == "clock" and not names_day and out and _right_after(text, out[-1], start):
            # "Tue Mar 15 , 2011 1:48 pm GMT": the time of the day just named
            day = out.pop()
            if day.value and value:
                value = day.value + value[10:]
            start, resolution, names_day = day.start, day.resolution, True
        if out and start < out[-1].end:
            start = out[-1].end
        offset = _offset(text, start, end, value) if kind == "duration" else None
        out.append(Timex(start, end, text[start:end], value, end_value, grain, resolution,
                         _TYPES.get(grain, "DATE"), names_day, offset))
        if value and grain in ("day", "month", "year", "week", "quarter") and kind != "ago":
            ctx.date = (value, grain)
        if kind == "quarter" or (kind == "qref" and grain == "quarter"):
            ctx.longer_span = False
        elif value and (_LONGER_SPAN.fullmatch(value) or kind == "fyear"):
            ctx.longer_span = True
        anchored = _anchored(text, out[-1])
        if anchored is not None:
            out.append(anchored)
            pos = anchored.end
    return out
# durations that an earnings report compares "a year earlier": six to eleven months, a year
_LONGER_SPAN = re.compile(r"P(?:[6-9]|1[01])M|P1Y")


# "five days after the seizure": a length, the signal, a determiner and the happening's words
# (up to three, to a stop word or punctuation: "the vote was held" ends at "was")
_OFFSET_OF = re.compile(
    r"\s+(?P<dir>after|before)\s+(?:the|this|that|his|her|its|their)\s+"
    r"(?P<what>[\w-]+(?:\s+(?!(?:was|were|is|are|had|has|in|on|at|of|by|and|or|to|for|with|when|which|that)\b)[\w-]+){0,2})",
    re.IGNORECASE)
# a length that is a length ("jailed for two days after the protest"), not an offset
_LENGTH_BEFORE = re.compile(r"\b(?:for|within|in|over|than|of|about|lasting|spent|took|after)\s+$", re.IGNORECASE)
_PLAIN_LENGTH = re.compile(r"P(\d+)([DW])")


def _offset(text: str, start: int, end: int, value: Optional[str]) -> Optional[tuple[int, int]]:
    """(signed days, start and end of the happening's words) when the length at *start*-*end*
    counts from a happening named right after it ("five days after the seizure"),
    else None.  Only a plain count of days or weeks ("the past five days" is no
    offset) that is not the object of "for", "within"...."""
    length = _PLAIN_LENGTH.fullmatch(value or "")
    if length is None or not text[start:start + 1].isalnum() or text[start:end].lower().startswith(
            ("the ", "last ", "past ", "next ", "first ", "coming ", "previous ", "following ")):
        return None
    m = _OFFSET_OF.match(text, end)
    if m is None or _LENGTH_BEFORE.search(text, max(0, start - 12), start):
        return None
    days = int(length.group(1)) * (7 if length.group(2) == "W" else 1)
    return (days if m.group("dir").lower() == "after" else -days), m.start("what"), m.end()


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
