"""The timeline: its overview page, a page per year (a busy year an index of
its month pages), and the visual timeline drawn on the home and timeline pages.

An event's page is decided by :meth:`Content.event_page` alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from .content import Content, EventView, once
from .page import Job, PageFamily
from .text import MONTHS, day, weekday_day
from .urls import timeline_page


@dataclass
class Bucket:
    """One column of the visual timeline."""

    key: str
    label: str
    short: str
    href: str = ""
    events: list[EventView] = field(default_factory=list)


class TimelineView(Content):
    """What the timeline pages (and the home page's visual timeline) ask."""

    DOTS_UP_TO = 120
    """Up to this many events the visual timeline draws one mark per event;
    beyond, one bar per column (a page of 2,000 marks helps nobody)."""

    @property
    def dense(self) -> bool:
        return len(self.events) > self.DOTS_UP_TO

    def months(self) -> list[dict[str, Any]]:
        """Timeline grouped by month then day (coarser dates last in their month)."""
        months: dict[tuple, dict[str, Any]] = {}
        for ev in self.events:
            if ev.grain == "year":
                key, label, mid = (ev.first.year, 13), f"{ev.first.year}, date within the year unknown", f"month-{ev.first.year}"
            else:
                key = (ev.first.year, ev.first.month)
                label = f"{MONTHS[ev.first.month - 1]} {ev.first.year}"
                mid = f"month-{ev.first.year}-{ev.first.month:02d}"
            m = months.setdefault(key, {"label": label, "id": mid, "days": {}, "page": ev.page,
                                        "month": ev.month})
            if ev.grain == "day":
                dkey, dlabel, did = (0, ev.first), weekday_day(ev.first), f"day-{ev.first.isoformat()}"
            elif ev.grain == "week":
                # after that Monday's own events, under a heading of its own
                dkey, dlabel, did = (0, ev.first, 1), f"Week of {day(ev.first)}", f"week-{ev.e.date.lower()}"
            elif ev.grain == "month":
                dkey, dlabel, did = (1, ev.first), f"Some time in {label}", f"{mid}-undated"
            else:
                dkey, dlabel, did = (1, ev.first), f"Some time in {ev.first.year}", f"{mid}-undated"
            m["days"].setdefault(dkey, {"label": dlabel, "id": did, "events": []})["events"].append(ev)
        return [{"label": m["label"], "id": m["id"], "page": m["page"], "month": m["month"],
                 "days": [m["days"][k] for k in sorted(m["days"])]}
                for _, m in sorted(months.items())]

    @once
    def years(self) -> list[dict[str, Any]]:
        """The overview of the timeline page: per year its event count, whether
        it is split by month, and its months as (label, the page in timeline/
        holding its events, its heading's anchor there, count).  Plain values only,
        so an edit to one event's text does not change it."""
        out = []
        for year, months in sorted(self.months_by_year().items()):
            out.append({"year": year, "count": sum(len(d["events"]) for m in months for d in m["days"]),
                        "split": year in self.split_years,
                        "months": [(m["label"], m["page"].rsplit("/", 1)[-1], m["id"],
                                    sum(len(d["events"]) for d in m["days"]))
                                   for m in months],
                        "month_pages": [m["month"] for m in months
                                        if year in self.split_years and m["month"] is not None]})
        return out

    OVERVIEW_EVENTS = 500
    """The timeline page lists at most this many events (the latest); the
    year pages hold them all."""

    def overview_events(self) -> dict[str, Any]:
        """The events the timeline page lists, in timeline order, one line
        each (date, title, link to its entry): the latest
        :data:`OVERVIEW_EVENTS`, and how many earlier ones the year pages hold."""
        shown = self.events[-self.OVERVIEW_EVENTS:]
        return {"events": [{"when": ev.when, "title": ev.e.title, "href": f"{ev.page}.html#{ev.id}",
                            "sources": len({r.article for r in ev.e.sources})} for ev in shown],
                "earlier": len(self.events) - len(shown)}

    def month_section(self, year: int, month: Optional[int]) -> Optional[dict[str, Any]]:
        """One month of :meth:`year_months` (None: the events dated only to the
        year): the content of a month page, ``timeline/<year>-<mm>.md``."""
        return next((m for m in self.year_months(year) if m["month"] == month), None)

    def year_months(self, year: int) -> list[dict[str, Any]]:
        """:meth:`months` of one year: the content of ``timeline/<year>.md``."""
        return self.months_by_year().get(year, [])

    @once  # every year page asks
    def months_by_year(self) -> dict[int, list[dict[str, Any]]]:
        """:meth:`months` grouped by year."""
        by_year: dict[int, list[dict[str, Any]]] = {}
        for m in self.months():
            by_year.setdefault(m["days"][0]["events"][0].year, []).append(m)
        return by_year

    def buckets(self) -> tuple[str, list[Bucket]]:
        """Visual timeline columns: by day, week or month as density demands.

        Events dated more coarsely than a column (a month on a day axis) are
        left off the axis rather than drawn on a day they did not happen;
        :meth:`off_axis` lists them.
        """
        unit, placed = self._axis()
        if not placed:
            return unit, []
        lo = min(ev.first for ev in placed)
        hi = max(ev.first for ev in placed)
        out: dict[dt.date, Bucket] = {}
        # Empty columns too, so the axis shows real time gaps.
        d = _bucket_start(lo, unit)
        while d <= hi:
            out[d] = _bucket(d, unit)
            d = _next(d, unit)
        for ev in placed:
            out[_bucket_start(ev.first, unit)].events.append(ev)
        for start, b in out.items():
            if not b.events:
                continue
            # the heading of the column's first event, on its year page (a week
            # column can start in a month, even a year, with no event of its own)
            first = b.events[0].first
            day_heading = unit == "day" and any(ev.grain == "day" for ev in b.events)
            anchor = f"day-{start.isoformat()}" if day_heading else f"month-{first.year}-{first.month:02d}"
            b.href = f"{b.events[0].page}.html#{anchor}"
        return unit, [out[k] for k in sorted(out)]

    def _axis(self) -> tuple[str, list[EventView]]:
        if not self.events:
            return "day", []
        lo, hi = self.span() or (min(ev.first for ev in self.events), max(ev.first for ev in self.events))
        inside = [ev for ev in self.events if lo <= ev.first <= hi]
        if not inside:
            return "day", []
        days = (max(ev.first for ev in inside) - min(ev.first for ev in inside)).days
        unit = "day" if days <= 45 else "week" if days <= 300 else "month"
        fits = {"day": ("day", "week"), "week": ("day", "week"), "month": ("day", "week", "month")}[unit]
        return unit, [ev for ev in inside if ev.grain in fits]

    def off_axis(self) -> list[EventView]:
        unit, placed = self._axis()
        ids = {ev.id for ev in placed}
        return [ev for ev in self.events if ev.id not in ids]


class TimelinePages(PageFamily):
    """timeline.md, then one page per year (not in the nav, like actor pages):
    an event edit re-renders and re-builds its year page and the source pages
    it cites, not one page holding the whole timeline or every sentence.  A
    busy year (:attr:`Content.split_years`) is an index of its months, one page each."""

    page, template = "timeline.md", "timeline.md.j2"

    def subpages(self, view: TimelineView) -> Iterable[Job]:
        for y in view.years():
            year = y["year"]
            if not y["split"]:
                yield f"{timeline_page(year)}.md", "timeline_year.md.j2", {"year": year}
                continue
            yield f"{timeline_page(year)}.md", "timeline_year_index.md.j2", {"year": year}
            yield from ((f"{timeline_page(year, mo)}.md", "timeline_month.md.j2", {"year": year, "month": mo})
                        for mo in y["month_pages"])


def _bucket_start(d: dt.date, unit: str) -> dt.date:
    if unit == "day":
        return d
    if unit == "week":
        return d - dt.timedelta(days=d.weekday())
    return d.replace(day=1)


def _next(d: dt.date, unit: str) -> dt.date:
    if unit == "day":
        return d + dt.timedelta(days=1)
    if unit == "week":
        return d + dt.timedelta(days=7)
    return (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _bucket(d: dt.date, unit: str) -> Bucket:
    if unit == "day":
        return Bucket(d.isoformat(), weekday_day(d), f"{d.day} {MONTHS[d.month - 1][:3]}")
    if unit == "week":
        return Bucket(d.isoformat(), f"Week of {day(d)}", f"{d.day} {MONTHS[d.month - 1][:3]}")
    return Bucket(d.isoformat()[:7], f"{MONTHS[d.month - 1]} {d.year}", f"{MONTHS[d.month - 1][:3]} {d.year}")
