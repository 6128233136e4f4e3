"""Resolution of the kinds that read what the text named before: "the quarter", "a year
earlier", "that day", "in the morning", "last year" in an earnings comparison."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

from .arithmetic import _Result, _add_months, _count, _iso_week, _month, _shift, _unresolved
from .lexicon import _ANAPHOR_SHIFT, _ORDINALS, _PARTS
from .resolve import _r_rel


# "compared with a loss of $3 million last year", "up from last year's $2.34 billion"
_COMPARED = re.compile(r"\b(?:compared\s+with|from|versus)\b[^.;]{0,50}(?:[$#\d][^.;]{0,30})?$")


def _r_relc(g, pub, fut, ctx: _Context) -> _Result:
    """"last year" in an earnings comparison is the reported quarter a year before."""
    res = _r_rel(g, pub, fut)
    if (res and res[2] == "year" and ctx.quarter and not ctx.longer_span
            and " ".join(g["rel_mod"].lower().split()) == "last"):
        before = g.string[max(0, g.start() - 80):g.start()]
        after = g.string[g.end():g.end() + 4]
        if _COMPARED.search(before) and (re.search(r"[$#]\s?\d", before[-40:]) or after.startswith("'s $")):
            y, name = ctx.quarter
            return f"{y - 1}-{name}", None, "quarter", "relative"
    return res


@dataclass
class _Context:
    """What a document has said so far: the last quarter and the last date
    named, for "the quarter", "a year earlier", "that year"."""

    quarter: Optional[tuple[int, str]] = None   # (year, "Q3")
    date: Optional[tuple[str, str]] = None      # (value, grain) of the last date named
    # a span of months or a year ("the first nine months", "for the year") named since
    # the last quarter: "a year earlier" then compares that span, a year before
    longer_span: bool = False


def _quarter_year(pub: dt.date, first_month: int, fut: bool) -> int:
    """The year of a quarter or season named without one: the latest one
    begun by publication (earnings are reported after the quarter)."""
    return pub.year if fut or first_month <= pub.month else pub.year - 1


def _r_quarter(g, pub, fut, ctx: _Context) -> _Result:
    n = _ORDINALS[g["q_ord"].lower()]
    half = g["q_u"].lower() == "half"
    if half and n > 2:
        return None
    name = f"H{n}" if half else f"Q{n}"
    first_month = 1 + (n - 1) * (6 if half else 3)
    year_text = g["q_y1"] or g["q_y2"]
    if year_text:
        y, kind = int(year_text), "explicit"
    elif pub is None:
        return _unresolved("half" if half else "quarter")
    else:
        kind = "relative"
        if g["q_rel"]:
            y = pub.year + {"last": -1, "this": 0, "next": 1}[g["q_rel"].lower()]
        elif g["q_ago"]:
            y = (ctx.quarter[0] if ctx.quarter else _quarter_year(pub, first_month, fut)) - 1
        else:
            y = _quarter_year(pub, first_month, fut)
    if not half and not g["q_ago"] and (not fut or ctx.quarter is None):  # a quarter ahead is not the one reported on
        ctx.quarter = (y, name)
    return f"{y}-{name}", None, "half" if half else "quarter", kind


def _r_qref(g, pub, fut, ctx: _Context) -> _Result:
    """"the quarter", "the latest period" (the quarter reported on) and
    "the year-ago quarter", "last year's period" (the same one a year before)."""
    back = bool(g["qr_ago"] or g["qr_ly"] or g["qr_lyq"] or g["qr_adj"])
    if ctx.quarter is None:
        if g["qr_adj"] or g["qr_y"]:
            if g["qr_y"]:
                return g["qr_y"], None, "year", "explicit"
            return (str(pub.year - 1), None, "year", "relative") if pub else _unresolved("year")
        if pub is None or (g["qr_u"] or "").lower() == "period" or back:
            return None
        n = (pub.month - 1) // 3 + 1
        if g["qr_the"].lower() != "this":  # "the quarter": the last one complete
            y, n = (pub.year, n - 1) if n > 1 else (pub.year - 1, 4)
        else:
            y = pub.year
        return f"{y}-Q{n}", None, "quarter", "relative"
    y, name = ctx.quarter
    if ctx.longer_span and ((g["qr_u"] or "").lower() == "period" or g["qr_adj"]):
        # "the 1988 period", "the year-ago results" after "the first nine months": that span's year
        y = int(g["qr_y"]) if g["qr_y"] else y - back
        return str(y), None, "year", "relative"
    if (g["qr_cur"] or "").lower() == "latest" and pub is not None and name.startswith("Q") \
            and _add_months(y, 3 * int(name[1]), 1) > (pub.year, pub.month):
        # "the latest quarter" has ended by publication, whatever quarter was named before
        n = (pub.month - 1) // 3
        y, n = (pub.year, n) if n else (pub.year - 1, 4)
        return f"{y}-Q{n}", None, "quarter", "relative"
    if (g["qr_cur"] or "").lower() == "current" and pub is not None:
        return f"{pub.year}-Q{(pub.month - 1) // 3 + 1}", None, "quarter", "relative"
    if g["qr_y"]:
        y = int(g["qr_y"])
    elif back:
        y -= 1
    return f"{y}-{name}", None, "quarter", "relative"


def _r_ago(g, pub, fut, ctx: _Context) -> _Result:
    n = _count(g["ago_n"])
    unit = g["ago_u"].lower()
    word = g["ago_w"].lower()
    if word == "later":
        return _later(n, unit, ctx)
    if n is None:
        return _unresolved(unit)
    # "a year ago" in an earnings report is the quarter a year before the one reported;
    # "a year earlier" is a year before the date just named.
    if unit == "year" and ctx.quarter and (word != "ago" or n == 1):
        y, name = ctx.quarter
        if ctx.longer_span:
            return str(y - n), None, "year", "relative"
        return f"{y - n}-{name}", None, "quarter", "relative"
    if word != "ago" and ctx.date is not None:
        moved = _shift(*ctx.date, unit, -n)
        if moved is not None:
            return moved[0], None, moved[1], "relative"
    if pub is None:
        return _unresolved(unit)
    if unit == "day":
        return (pub - dt.timedelta(days=n)).isoformat(), None, "day", "relative"
    if unit == "week":
        return _iso_week(pub - dt.timedelta(weeks=n)), None, "week", "relative"
    if unit == "month":
        return _month(*_add_months(pub.year, pub.month, -n)), None, "month", "relative"
    return str(pub.year - n), None, "year", "relative"


def _later(n: Optional[int], unit: str, ctx: _Context) -> _Result:
    """"died five days later": that long after the date just named.  With no
    such date (or no count: "a few days later") it is a length of time, never
    a date counted from publication."""
    if n is not None and ctx.date is not None:
        moved = _shift(*ctx.date, unit, n)
        if moved is not None:
            return moved[0], None, moved[1], "relative"
    return f"P{'X' if n is None else n}{unit[0].upper()}", None, "duration", "explicit"


def _r_anaphor(g, pub, fut, ctx: _Context) -> _Result:
    unit = g["an_u"].lower()
    n = _ANAPHOR_SHIFT[" ".join(g["an_d"].lower().split())]
    if ctx.date is not None:
        moved = _shift(*ctx.date, unit, n)
        if moved is not None:
            return moved[0], None, moved[1], "relative"
    return None


def _r_partofday(g, pub, fut, ctx: _Context) -> _Result:
    """"in the morning": of the day just named, else of publication."""
    part = g["pd"].lower().split()[-1].replace("mid-", "").replace("mid", "")
    if ctx.date is not None and ctx.date[1] == "day":
        return f"{ctx.date[0]}T{_PARTS[part]}", None, "time", "relative"
    if pub is None:
        return _unresolved("time")
    return f"{pub.isoformat()}T{_PARTS[part]}", None, "time", "relative"


def _r_inthe(g, pub, fut, ctx: _Context) -> _Result:
    """"later in the day": the day (week, month, year) just named, else publication's."""
    unit = g["it_u"].lower()
    if ctx.date is not None and ctx.date[1] == unit:
        return ctx.date[0], None, unit, "relative"
    if pub is None:
        return _unresolved(unit)
    value = {"day": pub.isoformat(), "week": _iso_week(pub), "month": _month(pub.year, pub.month),
             "year": str(pub.year)}[unit]
    return value, None, unit, "relative"
