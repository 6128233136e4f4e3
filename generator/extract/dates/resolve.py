"""Resolution of each pattern kind that needs only the publication date: the
expression's TIMEX3 value at the grain the text supports."""

from __future__ import annotations

import datetime as dt
from typing import Optional

from .arithmetic import (
    _Result, _add_months, _count, _day_num, _iso_week, _month, _month_num, _month_year,
    _nearest_year, _safe_date, _spoken_year, _unresolved, _weekday_date,
)
from .lexicon import _DECADE_WORDS, _DURATION_UNITS, _PARTS, _SEASONS, _SET_UNITS, _WEEKDAYS
from .tense import _past_context, _reported_context


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


def _r_mayday(g, pub, fut) -> _Result:
    """"May Day": 1 May, of the year the tense points to."""
    return _day_month("May", "1", None, pub, fut)


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
    if mod == "last":  # the latest one before this month
        y = pub.year - 1 if m >= pub.month else pub.year
    elif mod == "next":
        y = pub.year + 1 if m <= pub.month else pub.year
    elif mod in ("this", "earlier this", "later this"):
        y = pub.year
    else:
        y = _month_year(pub, m, fut)
    return _month(y, m), None, "month", "relative"


def _r_month_in(g, pub, fut, text: str, start: int, end: int) -> _Result:
    """A bare month in a past-tense clause is the last one ("erupted in March")."""
    res = _r_month(g, pub, fut)
    if res and res[0] and not fut and not g["mo_mod"] and res[0] > _month(pub.year, pub.month) \
            and _past_context(text, start, end):
        m = _month_num(g["mo_m"])
        return _month(pub.year if m <= pub.month else pub.year - 1, m), None, "month", "relative"
    return res


def _r_year(g, pub, fut) -> _Result:
    return g["yr_y"], None, "year", "explicit"


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
    return f"{_iso_week(sat)}-WE", None, "weekend", "relative"


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
        day = (monday + dt.timedelta(days=wd)).isoformat()
        if g["wd_part"]:
            return f"{day}T{_PARTS[g['wd_part'].lower()]}", None, "time", "relative"
        return day, None, "day", "relative"
    else:
        direction = "future" if fut else "past"
    day = _weekday_date(pub, wd, direction).isoformat()
    if g["wd_part"]:
        return f"{day}T{_PARTS[g['wd_part'].lower()]}", None, "time", "relative"
    return day, None, "day", "relative"


def _r_deictic(g, pub, fut) -> _Result:
    word = " ".join(g["dx"].lower().split())
    part = g["dx_part"] or g["dx_part0"] or (word.split()[-1] if word not in ("today", "yesterday", "tomorrow")
                                             else None)
    grain = "time" if part else "day"
    if pub is None:
        return _unresolved(grain)
    shift = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
    day = (pub + dt.timedelta(days=shift)).isoformat()
    if part:
        part = part.lower().replace("mid-", "").replace("mid", "")
        return f"{day}T{_PARTS[part]}", None, "time", "relative"
    return day, None, "day", "relative"


def _r_decade(g, pub, fut) -> _Result:
    return None  # decades are skipped on purpose (too coarse for a timeline)


def _r_clock(g, pub, fut) -> _Result:
    if g["tm_w"]:
        hhmm = "12:00" if g["tm_w"].lower() == "noon" else "24"
    else:
        h = int(g["tm_h"])
        ap = g["tm_ap"].lower()
        if h > 12 or h == 0:
            return None
        if ap.startswith("p") and h != 12:
            h += 12
        elif ap.startswith("a") and h == 12:
            h = 0
        hhmm = f"{h:02d}:{g['tm_m'] or '00'}"
    if pub is None:
        return _unresolved("time")
    if g["tm_wd"]:
        day = _weekday_date(pub, _WEEKDAYS[g["tm_wd"].lower()], "future" if fut else "past")
    elif g["tm_dx"]:
        day = pub + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(g["tm_dx"].lower(), 0))
    elif g["tm_mo"]:
        day = _nearest_year(pub, _month_num(g["tm_mo"]), _day_num(g["tm_d"]), fut)
        if day is None:
            return None
    else:
        day = pub
    return f"{day.isoformat()}T{hhmm}", None, "time", "relative"


def _r_season(g, pub, fut) -> _Result:
    code, first_month = _SEASONS[g["s"].lower()]
    year_text = g["s_y"] or g["s_y2"]
    if year_text:
        y = int(year_text) if year_text.isdigit() else _spoken_year(year_text)
        return (f"{y}-{code}", None, "season", "explicit") if y else None
    if pub is None:
        return _unresolved("season")
    mod = (g["s_mod"] or "").lower()
    if mod == "last":
        y = pub.year if first_month + 3 <= pub.month else pub.year - 1
    elif mod == "next":
        y = pub.year + 1 if first_month <= pub.month else pub.year
    else:
        y = pub.year
    return f"{y}-{code}", None, "season", "relative"


def _r_decade2(g, pub, fut) -> _Result:
    if g["dc_y"]:
        value = g["dc_y"]
    elif g["dc_s"]:
        value = "19" + g["dc_s"]
    else:
        value = f"19{_DECADE_WORDS[g['dc_w'].lower()]}"
    return value, None, "decade", "explicit"


def _r_century(g, pub, fut) -> _Result:
    return f"{int(g['c_n']) - 1:02d}", None, "century", "explicit"


def _r_spoken(g, pub, fut) -> _Result:
    y = _spoken_year(g["sp_y"])
    if y is None or not 1800 <= y <= 2099:
        return None
    if g["sp_mo"]:
        return _month(y, _month_num(g["sp_mo"])), None, "month", "explicit"
    return str(y), None, "year", "explicit"


def _r_ref(g, pub, fut) -> _Result:
    value = "PRESENT_REF" if g["rf_pr"] else "PAST_REF" if g["rf_pa"] else "FUTURE_REF"
    return value, None, "ref", "relative"


def _r_monthrel(g, pub, fut) -> _Result:
    if pub is None:
        return _unresolved("month")
    y = pub.year + {"last": -1, "this": 0, "next": 1}[g["mrl_mod"].lower()]
    return _month(y, _month_num(g["mrl_m"])), None, "month", "relative"


def _r_theweekend(g, pub, fut) -> _Result:
    """"over the weekend": the last one (TIMEX3 ``1990-W32-WE``)."""
    if pub is None:
        return _unresolved("weekend")
    sat = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
    if fut and pub.weekday() < 5:
        sat += dt.timedelta(days=7)
    # "the weekend" may be the last or the coming one: not precise enough for a timeline
    return f"{_iso_week(sat)}-WE", None, "weekend", "vague"


def _r_theweekend_in(g, pub, fut, text: str, start: int, end: int) -> _Result:
    """"the weekend" in a past-tense clause ("warned the West over the weekend") is
    the one just past: a date a timeline can hold, at the grain of its week (the
    text says which weekend, not which of its days)."""
    res = _r_theweekend(g, pub, fut)
    if res[0] and not fut and (_past_context(text, start, end) or _reported_context(text, start)):
        return res[0], None, "weekend", "relative"
    return res


def _r_yearend(g, pub, fut) -> _Result:
    if pub is None:
        return _unresolved("year")
    return str(pub.year), None, "year", "relative"


def _r_lastdecade(g, pub, fut) -> _Result:
    if pub is None:
        return _unresolved("decade")
    return str(pub.year // 10 - 1), None, "decade", "relative"


def _r_fyear(g, pub, fut) -> _Result:
    if g["fy_dur"]:  # "for the year ended March 31": a year's length
        return "P1Y", None, "duration", "explicit"
    if pub is None:
        return _unresolved("year")
    return str(pub.year), None, "year", "relative"


def _r_set(g, pub, fut) -> _Result:
    """A recurrence ("each July" ``XXXX-07``, "every Thursday" ``XXXX-WXX-4``,
    "weekly" ``P1W``): typed SET, so it is never read as one date; "recent
    weeks" is a duration (``PXW``) as TimeML annotates it."""
    if g["st_rec"]:
        return f"PX{g['st_rec'].split()[-1][0].upper()}", None, "duration", "vague"
    if g["st_m"]:
        return f"XXXX-{_month_num(g['st_m']):02d}", None, "set", "explicit"
    wd = g["st_wd"] or g["st_wds"]
    if wd:
        return f"XXXX-WXX-{_WEEKDAYS[wd.lower()] + 1}", None, "set", "explicit"
    return _SET_UNITS[(g["st_u"] or g["st_adv"]).lower()], None, "set", "explicit"


def _r_duration(g, pub, fut) -> _Result:
    n = _count(g["du_n"])
    unit = _DURATION_UNITS[g["du_u"].lower()]
    amount = "X" if n is None else str(n)
    value = f"PT{amount}{unit[1:]}" if unit.startswith("T") else f"P{amount}{unit}"
    return value, None, "duration", "explicit"
