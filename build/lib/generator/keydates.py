"""Key dates of a Briefing: the home page's timeline summary.

:func:`generator.tls.summarize` picks key days from raw articles; the site is
rendered from ``data/`` (a :class:`Briefing`, possibly edited by hand), so the
home page ranks the dates of the *events* instead, in the same spirit
(DATEWISE: a date matters when many sources refer to it):

* each distinct article that supports an event on a date is one reference
  to that date, weighted by the best confidence of the events it supports
  there (an article counted once per date however many events it yields);
* a reference from an article published *after* the date counts extra
  (:data:`HINDSIGHT`): the story was still being told later;
* a date known only to the week, month or year is vaguer, so its score is
  scaled down (:data:`GRAIN_WEIGHT`); it can still rank when little else is
  dated.

Ties go to the earlier date, then the date's text: the ranking is
deterministic and linear in the number of source references.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Optional

from .models import Briefing, Event, parse_fuzzy

HINDSIGHT = 0.5
"""Extra weight of a reference from an article published after the date."""

GRAIN_WEIGHT = {"day": 1.0, "week": 0.5, "month": 0.25, "year": 0.1}


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
    refs: dict[str, dict[str, float]] = defaultdict(dict)
    for e in briefing.timeline:
        events[e.date].append(e)
        for r in e.sources:
            have = refs[e.date].get(r.article, 0.0)
            refs[e.date][r.article] = max(have, e.confidence)
    out = []
    for date, evs in events.items():
        first, last, grain = parse_fuzzy(date)
        score = 0.0
        for article, weight in refs[date].items():
            pub = published.get(article)
            later = pub is not None and pub > last
            score += weight * (1.0 + (HINDSIGHT if later else 0.0))
        score *= GRAIN_WEIGHT.get(grain, 0.1)
        out.append(KeyDate(date, first, round(score, 6), tuple(sorted(evs, key=_event_rank))))
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
            grain in ("month", "year"), kd.first, kd.date)
