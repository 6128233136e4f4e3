"""The reduce: one deterministic pass over the per-article results, sorted by article id.

Actors are merged across articles by :mod:`.merge`; positions take the
merged actors' ids; events are merged by :mod:`.events`.  The reduce never
depends on the order results arrive in, so ``cfg.jobs`` workers give the
same output as one.
"""

from __future__ import annotations

from typing import Callable, Iterable, Optional

from ..models import Briefing, Event, Position, SourceRef
from .map import ArticleResult, Mapped, _collector_paused, _events, _frozen_heap
from .merge import merge_actors
from .positions import position_id


def reduce_mapped(mapped: Mapped) -> Briefing:
    """The deterministic cross-article reduce: actors merged by alias, events by :mod:`.events`."""
    with _frozen_heap(), _collector_paused():
        actors, ids = merge_actors(mapped.actors_only)
        positions, timeline = _positions_and_timeline(mapped.each(), ids)
    return Briefing(
        sources=mapped.sources,
        actors=sorted(actors, key=lambda a: a.id),
        timeline=sorted(timeline, key=lambda e: e.id),
        positions=sorted(positions, key=lambda p: p.id),
        issues=mapped.issues,
    )


def _positions_and_timeline(results: Iterable[ArticleResult],
                            actor_id: Callable[[str], Optional[str]]) -> tuple[list[Position], list[Event]]:
    """Positions and (merged) events, in one pass over the results sorted by article id."""
    out: dict[str, Position] = {}
    evs: list[Event] = []
    for r in results:
        known = {e.key for e in r.entities}
        for p in r.positions:
            aid = actor_id(p.actor) if p.actor in known else None
            if aid is None:
                continue
            index, text = r.cited[p.sent]
            pid = position_id(aid, p.issue, r.article_id, index, p.stance)
            if pid in out:
                continue
            out[pid] = Position(
                id=pid, actor=aid, issue=p.issue, stance=p.stance, statement=p.statement,
                quote=p.quote, date=r.dates.get(p.sent, r.published),
                sources=[SourceRef(article=r.article_id, sentence=index, text=text)],
                confidence=p.confidence,
            )
        for ev in r.events:
            keys = (r.event_keys[a] for a in ev.actors if a in r.event_keys)
            ids = sorted({i for i in map(actor_id, keys) if i is not None})
            # the event was unpickled for this pass and is ours: its actors are
            # replaced in place (as model_copy(update=...) did, unvalidated), no copy
            vars(ev)["actors"] = ids
            evs.append(ev)
    timeline = _events.merge_events(evs, copy=False) if _events is not None else []
    return list(out.values()), timeline
