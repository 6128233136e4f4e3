"""The home page (``index.md``): the period covered, the key dates, the main actors.

The key dates are the timeline page's summary too (:mod:`generator.render.keydates`).
"""

from __future__ import annotations

from typing import Any

from ..models import Actor, parse_fuzzy
from . import keydates
from .content import Content, EventView, once
from .page import PageFamily
from .text import capitalized, day, human_date


class HomeView(Content):
    """What the home page asks."""

    @property
    def period(self) -> tuple[str, str]:
        days = [parse_fuzzy(s.published)[0] for s in self.relevant_sources if s.published]
        if not days:
            span = self.span()
            if span is None:
                return ("", "")
            days = list(span)
        return (day(min(days)), day(max(days)))

    EVENTS_PER_KEY_DATE = 3
    """A key date shows its best event and at most this many in all."""

    @once  # the home and the timeline page both show them
    def key_dates(self) -> list[dict[str, Any]]:
        """The home page's timeline summary: cfg.key_events dates ranked by
        :mod:`generator.render.keydates` (sources referring to them), in date
        order, each with its best events."""
        by_id = {ev.id: ev for ev in self.events}
        out: list[dict[str, Any]] = []
        for kd in keydates.key_dates(self._briefing, self.cfg.key_events):
            evs = [by_id[e.id] for e in kd.events if e.id in by_id]
            if not evs:
                continue
            articles = {r.article for ev in evs for r in ev.refs}
            out.append({"date": kd.date, "when": capitalized(human_date(kd.date)),
                        "events": evs[: self.EVENTS_PER_KEY_DATE],
                        "more": len(evs) - self.EVENTS_PER_KEY_DATE, "href": _date_href(evs[0]),
                        "page": evs[0].page,
                        "n_sources": len(articles)})
        return out

    def main_actors(self, n: int = 10) -> list[Actor]:
        return sorted(self.actors, key=lambda a: (-a.mentions, a.name.lower(), a.id))[:n]


def _date_href(ev: EventView) -> str:
    """The timeline heading of an event's date (day, week or month)."""
    if ev.grain == "day":
        return f"day-{ev.first.isoformat()}"
    if ev.grain == "week":
        return f"week-{ev.e.date.lower()}"
    if ev.grain == "month":
        return f"month-{ev.first.year}-{ev.first.month:02d}"
    return f"month-{ev.first.year}"


class HomePage(PageFamily):
    page, template = "index.md", "index.md.j2"
