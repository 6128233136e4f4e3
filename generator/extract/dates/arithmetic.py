"""Date arithmetic and number words: ISO weeks, month shifts, the nearest past or
coming day, spoken years ("nineteen ninety-six")."""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from .lexicon import _MONTHS, _NUMBERS, _WORD_NUMBERS


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
    """The year of a bare month: the nearest one to publication ("in
    January" in a November paper is the coming January, "in March" the
    last one); in a future-tense clause, the next one."""
    if future:
        return pub.year if m >= pub.month else pub.year + 1
    gap = m - pub.month
    if gap > 6:
        return pub.year - 1
    if gap < -6:
        return pub.year + 1
    return pub.year


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


def _unresolved(grain: str) -> _Result:
    return None, None, grain, "unresolved"


def _words_number(text: str) -> Optional[int]:
    """"twenty four" -> 24, "nineteen" -> 19; None when not a number."""
    total = 0
    for w in re.split(r"[\s-]+", text.lower()):
        if w not in _WORD_NUMBERS:
            return None
        total += _WORD_NUMBERS[w]
    return total


def _count(word: str) -> Optional[int]:
    word = " ".join(word.lower().split())
    if word.replace(".", "", 1).isdigit():
        return int(float(word)) if "." not in word else None
    if word in _NUMBERS:
        return _NUMBERS[word]
    return _words_number(word)


def _spoken_year(text: str) -> Optional[int]:
    """"nineteen ninety-six" -> 1996, "two thousand" -> 2000."""
    words = re.split(r"[\s-]+", text.lower().replace(" and ", " "))
    if words[:2] == ["two", "thousand"]:
        rest = _words_number(" ".join(words[2:])) if words[2:] else 0
        return 2000 + rest if rest is not None else None
    century = _WORD_NUMBERS.get(words[0])
    rest = _words_number(" ".join(words[1:]))
    if century is None or rest is None:
        return None
    return century * 100 + rest


def _shift(value: str, grain: str, unit: str, n: int) -> Optional[tuple[str, str]]:
    """*value* (at *grain*) moved by *n* units, at the coarser of the two grains."""
    try:
        if grain == "quarter" and unit == "year":
            return f"{int(value[:4]) + n}{value[4:]}", "quarter"
        if grain == "day" and unit in ("day", "week"):
            d = dt.date.fromisoformat(value) + dt.timedelta(days=n * (7 if unit == "week" else 1))
            return (d.isoformat(), "day") if unit == "day" else (_iso_week(d), "week")
        if grain in ("day", "month") and unit == "month":
            return _month(*_add_months(int(value[:4]), int(value[5:7]), n)), "month"
        if unit == "year" and grain in ("day", "month", "year", "week"):
            return str(int(value[:4]) + n), "year"
    except ValueError:
        return None
    return None
