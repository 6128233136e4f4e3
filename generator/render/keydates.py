"""Key dates of a Briefing: the home page's and the timeline page's summary.

The same engine as ``briefing timeline`` (:mod:`generator.keyevents`,
DATEWISE: a date matters when many sources refer to it, and more when they
still refer to it later); here the references are the *events'* sources,
because the site is rendered from ``data/`` (a :class:`Briefing`, possibly
edited by hand), not from the raw articles:

* each distinct article that supports an event on a date is one reference
  to that date, weighted by the best confidence of the events it supports
  there (an article counted once per date however many events it yields);
* the engine weighs it by hindsight: a report within the date counts
  :data:`~generator.keyevents.W_SAME_DAY`, one written the next day
  :data:`~generator.keyevents.W_NEXT_DAY`, later ones fully, one written before
  the date (a plan) not at all; a date within two days of the newest
  source cannot have been told later yet, so every report of it counts fully;
* a date known only to the week, month or year is vaguer, so its score is
  scaled down (:data:`GRAIN_WEIGHT`); it can still rank when little else is
  dated.

Every event date is ranked, so K dates come back whenever the timeline has
K.  Ties go to the earlier date, then the date's text: the ranking is
deterministic and linear in the number of source references.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Optional

from ..models import Briefing, Event, parse_fuzzy
from ..keyevents import Reference, score_references

GRAIN_WEIGHT = {"time": 1.0, "day": 1.0, "week": 0.5, "month": 0.25, "quarter": 0.15, "year": 0.1}


@dataclass(frozen=True)
class KeyDate:
    """One date of the summary and its events, best first."""

    date: str
    """The date as written in data/timeline.yaml (``2012-07-06``, ``2012-W26``)."""
    first: dt.date
    score: float
    events: tuple[Event, ...]


def _published(briefing: Briefing) -> dict[str, Optional[dt.date]]:
    out: dict[str, Optional[dt.date]] = {}
    for s in briefing.sources:
        try:
            out[s.id] = parse_fuzzy(s.published)[0] if s.published else None
        except ValueError:
            out[s.id] = None
    return out


def _event_rank(e: Event) -> tuple:
    """Best event of a date first: most articles, most sure, then by id."""
    return (-len({r.article for r in e.sources}), -e.confidence, e.id)


def rank(briefing: Briefing) -> list[KeyDate]:
    """Every event date of *briefing*, most referred-to first."""
    published = _published(briefing)
    events: dict[str, list[Event]] = defaultdict(list)
    # date -> article -> best confidence of the date's events it supports
    refs_by_date: dict[str, dict[str, float]] = defaultdict(dict)
    for e in briefing.timeline:
        events[e.date].append(e)
        for r in e.sources:
            have = refs_by_date[e.date].get(r.article, 0.0)
            refs_by_date[e.date][r.article] = max(have, e.confidence)
    refs = []
    span: dict[str, tuple[dt.date, str]] = {}
    for date in events:
        first, last, grain = parse_fuzzy(date)
        span[date] = (first, grain)
        factor = GRAIN_WEIGHT.get(grain, 0.1)
        refs.extend(Reference(date, first, last, published.get(article), weight * factor)
                    for article, weight in refs_by_date[date].items())
    horizon = max((d for d in published.values() if d is not None), default=None)
    score = score_references(refs, horizon)
    out = [KeyDate(date, span[date][0], round(score.get(date, 0.0), 6), tuple(sorted(evs, key=_event_rank)))
           for date, evs in events.items()]
    out.sort(key=lambda k: (-k.score, k.first, k.date))
    return out


def key_dates(briefing: Briefing, k: int) -> list[KeyDate]:
    """The *k* best dates, in date order (a summary reads forwards)."""
    if k <= 0:
        return []
    top = rank(briefing)[:k]
    return sorted(top, key=_reading_order)


def _reading_order(kd: KeyDate) -> tuple:
    """As on the timeline page: by month, a month or year known only
    vaguely after the days within it."""
    grain = parse_fuzzy(kd.date)[2]
    return (kd.first.year, 13 if grain == "year" else kd.first.month,
            grain in ("month", "quarter", "year"), kd.first, kd.date)
