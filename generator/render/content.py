"""The content objects: a :class:`Briefing`'s records as the pages show them.

:class:`Content` builds, once per render, every index the page families
share: the events and positions with their source sentences, which page
each record is on (the only place that is decided), the per-actor lists and
the records split over several pages.  The page families
(:mod:`~generator.render.home`, :mod:`~generator.render.timeline` ...) add
the queries their templates ask, and :class:`generator.render.view.View`
joins them into the one ``v`` every template walks.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional, TypeVar

from ..config import Config
from ..models import Actor, Briefing, Event, Position, SourceRef, parse_fuzzy
from ..slug import slug
from .text import LAYOUT_GRAIN, build_date, human_date
from .urls import actor_page, actor_year_page, issue_page, letter_stem, timeline_page

STANCES = ("supports", "demands", "warns", "neutral", "opposes", "rejects")

NEWS_AGENCIES = frozenset((
    "reuters", "afp", "agence france-presse", "agence france presse", "ap", "associated press", "the associated press",
    "bbc", "bbc news", "cnn", "al jazeera", "xinhua", "interfax", "itar-tass", "tass", "ria novosti", "sana",
    "upi", "dpa", "ansa", "efe", "kyodo", "yonhap", "bloomberg", "fox news", "msnbc", "nbc", "abc", "cbs",
    "the new york times", "new york times", "the washington post", "washington post", "the guardian",
    "guardian", "the times", "financial times", "the wall street journal", "wall street journal", "politico",
    "breitbart", "usa today", "huffington post", "the huffington post", "nbc news", "abc news", "cbs news",
    "sky news", "france 24", "euronews", "anadolu", "irna", "the independent", "the telegraph", "daily mail",
))


def matrix_row_ok(actor: Actor, outlets: frozenset = frozenset()) -> bool:
    """Whether an actor may be a row of the positions matrix: not a news outlet or agency
    (of kind ``outlet``, by name, or the outlet of a source) and not a fragment ("Earlier Mr Ban",
    a lower-case word)."""
    if actor.kind == "outlet":
        return False
    names = {actor.name.lower(), *(a.lower() for a in actor.aliases)}
    if names & (NEWS_AGENCIES | outlets):
        return False
    words = actor.name.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]  # "the West"
    first = words[0].lower().rstrip(".") if words else ""
    if not first or first in _NOT_A_NAME or (first in _TITLES and len(words) < 3):
        return False
    return not words[0][0].islower() or _particle_name(words)


def _particle_name(words: list[str]) -> bool:
    """"al Qaeda", "al-Assad", "bin Laden", "de Mistura": a name may start with a lower-case
    particle when a capitalised word follows it; any other lower-case start is a fragment."""
    head, _, rest = words[0].partition("-")
    if head not in _PARTICLES:
        return False
    return bool(rest[:1].isupper()) or any(w[:1].isupper() for w in words[1:])


_NOT_A_NAME = frozenset(("earlier", "later", "then", "also", "but", "and", "meanwhile", "however", "when", "while",
                         "after", "before", "since", "as", "if", "so", "yet", "still", "now", "today", "yesterday"))
_TITLES = frozenset(("mr", "mrs", "ms", "miss", "dr"))
_PARTICLES = frozenset(("al", "el", "bin", "ibn", "abu", "de", "da", "di", "du", "van", "von", "der", "le", "la"))


@dataclass
class Ref:
    """A source sentence as shown to readers."""

    article: str
    n: int
    text: str
    anchor: str
    known: bool
    label: str


@dataclass
class EventView:
    e: Event
    refs: list[Ref]
    actors: list[Actor]
    unknown_actors: list[str]
    first: dt.date
    last: dt.date
    grain: str
    when: str
    page: str = ""
    """The page the event is on (``timeline/2012`` or ``timeline/2012-07``, no
    extension), from :meth:`View.event_page`: every link to the event uses it.
    A field, so a page linking to the event re-renders when the event moves."""

    @property
    def id(self) -> str:
        return self.e.id

    @property
    def year(self) -> int:
        """The year the event is filed under (its year page, or that year's months)."""
        return self.first.year

    @property
    def month(self) -> Optional[int]:
        """The month the event is filed under; None when it is dated only to the year."""
        return None if self.grain == "year" else self.first.month


@dataclass
class PositionView:
    p: Position
    actor: Optional[Actor]
    issue_id: str
    issue_label: str
    refs: list[Ref]
    when: str
    page: str = ""
    """The page the position is on (``positions/<issue>`` or, for an issue
    split by letter, ``positions/<issue>/<letter>``; no extension), from
    :meth:`View.position_page`: every link to the position uses it."""

    @property
    def id(self) -> str:
        return self.p.id

    @property
    def name(self) -> str:
        """The actor's name as shown (its id when the actor is not in actors.yaml)."""
        return self.actor.name if self.actor else self.p.actor



_T = TypeVar("_T")


def once(method: Callable[[Any], _T]) -> Callable[[Any], _T]:
    """A view method without arguments computed once per view: several pages
    ask for it (every timeline page its years), and the view does not change
    while pages render."""
    slot = f"_once_{method.__name__}"

    @functools.wraps(method)
    def cached(self: Any) -> _T:
        got = self.__dict__.get(slot)
        if got is None:
            got = self.__dict__[slot] = method(self)
        return got

    return cached


class Content:
    """Indexes over a Briefing that every page family reads."""

    def __init__(self, b: Briefing, cfg: Config):
        self.cfg = cfg
        self._briefing = b
        self.title = cfg.title
        self.actor_lines = yaml_id_lines(cfg.path("data") / "actors.yaml")
        self.built = build_date()
        self.sources = sorted(b.sources, key=lambda s: (s.published or "", s.id))
        self.source_by_id = {s.id: s for s in b.sources}
        self.relevant_sources = [s for s in self.sources if s.relevant]
        self.actor_by_id = {a.id: a for a in b.actors}
        self.actors = sorted(b.actors, key=lambda a: (a.name.lower(), a.id))
        self.issue_label = {i.id: i.label for i in b.issues}
        self.outlets = frozenset(src.outlet.lower() for src in b.sources if src.outlet)
        self._slugs: dict[str, str] = {}
        self._labels: dict[str, str] = {}
        self.cited: dict[str, dict[int, Ref]] = defaultdict(dict)
        self.cited_by: dict[str, list[tuple[str, str]]] = defaultdict(list)
        dated = [(e, parse_fuzzy(e.date)) for e in b.timeline]
        per_year = Counter(d[0].year for _, d in dated)
        # years with more events than cfg.timeline_month_pages: one page per month
        self.split_years = frozenset(y for y, n in per_year.items() if n > cfg.timeline_month_pages)
        self.events = sorted((self._event(e, d) for e, d in dated), key=_event_order)
        per_issue = Counter(self._issue_id(p.issue) for p in b.positions)
        # issues with more positions than cfg.positions_letter_pages: one page per initial letter
        self.split_issues = frozenset(i for i, n in per_issue.items() if n > cfg.positions_letter_pages)
        self.positions = sorted((self._position(p) for p in b.positions),
                                key=lambda v: (v.issue_label.lower(), v.actor.name.lower() if v.actor else v.p.actor, v.id))
        self.actor_refs = {a.id: [self._ref(r, f"{actor_page(a.id)}.html", a.name) for r in a.sources]
                           for a in self.actors}
        self.actor_events: dict[str, list[EventView]] = defaultdict(list)
        for ev in self.events:
            for a in ev.actors:
                self.actor_events[a.id].append(ev)
        self.actor_positions: dict[str, list[PositionView]] = defaultdict(list)
        for pv in self.positions:
            self.actor_positions[pv.p.actor].append(pv)
        # actors with more events+positions than cfg.actor_year_pages: a profile and one page per year
        self.split_actors = frozenset(
            a.id for a in self.actors
            if len(self.actor_events.get(a.id, ())) + len(self.actor_positions.get(a.id, ()))
            > cfg.actor_year_pages)
        self._actor_years = self._by_actor_year()
        self.issues = self._issues(b)
        self._members: dict[str, list[Actor]] = defaultdict(list)
        for a in self.actors:
            if a.affiliation:
                self._members[a.affiliation].append(a)
        # the matrix: stanced positions only (a statement with no stance fills no cell), by
        # actors that are neither news outlets nor fragments of a name
        stanced = [pv for pv in self.positions if pv.actor and pv.p.stance != "neutral"
                   and matrix_row_ok(pv.actor, self.outlets)]
        self.matrix_actors = sorted({pv.actor.id: pv.actor for pv in stanced}.values(),
                                    key=lambda a: (a.name.lower(), a.id))
        self.cells = {(pv.issue_id, pv.p.actor): [] for pv in stanced}
        for pv in sorted(stanced, key=lambda pv: (-pv.p.confidence, pv.id)):
            self.cells[(pv.issue_id, pv.p.actor)].append(pv)
        self._pinned = {i.id for i in b.issues if i.pinned}
        for k in self.cited_by:
            self.cited_by[k] = sorted(set(self.cited_by[k]))

    # -- records -----------------------------------------------------------

    def _ref(self, r: SourceRef, back: str, back_label: str) -> Ref:
        src = self.source_by_id.get(r.article)
        stem = self._slugs.get(r.article)  # once per article: refs repeat articles thousands of times
        if stem is None:
            stem = self._slugs[r.article] = slug(r.article)
        anchor = f"{stem}-s{r.sentence}"
        if src is not None:
            label = self._source_label(src.id)
        else:
            label = f"{r.article} (not in sources.yaml)"
        ref = Ref(r.article, r.sentence, r.text, anchor, src is not None, label)
        if src is not None:
            have = self.cited[r.article].get(r.sentence)
            if have is None or (not have.text and r.text):
                self.cited[r.article][r.sentence] = ref
            self.cited_by[anchor].append((back, back_label))
        return ref

    def _source_label(self, sid: str) -> str:
        got = self._labels.get(sid)
        if got is None:
            src = self.source_by_id[sid]
            got = self._labels[sid] = f"{src.outlet or src.id}, {human_date(src.published)}".strip(", ")
        return got

    def _event(self, e: Event, dated: tuple[dt.date, dt.date, str]) -> EventView:
        first, last, grain = dated
        grain = LAYOUT_GRAIN.get(grain, grain)
        if e.end:
            last = parse_fuzzy(e.end)[1]
        page = self.event_page(first, grain)
        refs = [self._ref(r, f"{page}.html#{e.id}", e.title) for r in e.sources]
        actors = [self.actor_by_id[a] for a in dict.fromkeys(e.actors) if a in self.actor_by_id]
        unknown = [a for a in e.actors if a not in self.actor_by_id]
        when = human_date(e.date) + (f" – {human_date(e.end)}" if e.end else "")
        return EventView(e, refs, actors, unknown, first, last, grain, when, page)

    def event_page(self, first: dt.date, grain: str) -> str:
        """The page an event dated from *first* at *grain* is on: its year's
        page, or in a year split by month (:attr:`split_years`) its month's
        page; an event known only to the year stays on the year page (the
        index of the months).  The only place this is decided."""
        if first.year in self.split_years and grain != "year":
            return timeline_page(first.year, first.month)
        return timeline_page(first.year)

    def _issue_id(self, issue: str) -> str:
        return issue if issue in self.issue_label else slug(issue)

    def _position(self, p: Position) -> PositionView:
        issue_id = self._issue_id(p.issue)
        label = self.issue_label.get(p.issue, p.issue)
        actor = self.actor_by_id.get(p.actor)
        page = self.position_page(issue_id, actor.name if actor else p.actor)
        refs = [self._ref(r, f"{page}.html#{p.id}", p.statement) for r in p.sources]
        return PositionView(p, actor, issue_id, label, refs, human_date(p.date), page)

    def position_page(self, issue_id: str, actor_name: str) -> str:
        """The page a position of *issue_id* by an actor called *actor_name* is
        on: the issue's page, or in an issue split by letter
        (:attr:`split_issues`) the page of the name's initial.  The only place
        this is decided; the letter depends on the name alone, so a page does
        not shift when other positions come or go."""
        page = issue_page(issue_id)
        if issue_id in self.split_issues:
            return f"{page}/{letter_stem(actor_name)}"
        return page

    def _issues(self, b: Briefing) -> list[dict[str, Any]]:
        by_issue: dict[str, list[PositionView]] = defaultdict(list)
        labels: dict[str, str] = {}
        for pv in self.positions:
            by_issue[pv.issue_id].append(pv)
            labels[pv.issue_id] = pv.issue_label
        out = []
        for iid in sorted(by_issue, key=lambda i: (labels[i].lower(), i)):
            stances = []
            for st in STANCES:
                members = [pv for pv in by_issue[iid] if pv.p.stance == st]
                if members:
                    # one name per actor on the home page (its first position)
                    actors = list({pv.p.actor: pv for pv in reversed(members)}.values())[::-1]
                    stances.append({"stance": st, "positions": members, "actors": actors})
            out.append({"id": iid, "label": labels[iid], "positions": by_issue[iid], "stances": stances})
        return out

    # -- items of actors split by year ---------------------------------------

    def actor_item_page(self, actor_id: str, year: Optional[int]) -> str:
        """The page an item (event or position) of *actor_id* dated in *year*
        is listed on: the actor's page, or for an actor split by year
        (:attr:`split_actors`) that year's page.  The only place this is
        decided; an item's page depends on its own date alone."""
        if actor_id in self.split_actors:
            return actor_year_page(actor_id, year)
        return actor_page(actor_id)

    @staticmethod
    def position_year(pv: PositionView) -> Optional[int]:
        """The year a position is filed under on its actor's pages (None: undated)."""
        return parse_fuzzy(pv.p.date)[0].year if pv.p.date else None

    def _by_actor_year(self) -> dict[str, dict[Optional[int], dict[str, list]]]:
        """{actor id: {year: {"events": [...], "positions": [...]}}} of the split actors,
        in the order of the actor's page (one pass over events and positions)."""
        out: dict[str, dict[Optional[int], dict[str, list]]] = {a: {} for a in self.split_actors}
        for aid, years in out.items():
            for ev in self.actor_events.get(aid, ()):
                years.setdefault(ev.year, {"events": [], "positions": []})["events"].append(ev)
            for pv in self.actor_positions.get(aid, ()):
                years.setdefault(self.position_year(pv), {"events": [], "positions": []})["positions"].append(pv)
        return out

    # -- summaries ---------------------------------------------------------

    def span(self) -> Optional[tuple[dt.date, dt.date]]:
        """The period the coverage spans: publication dates of the relevant
        articles (background events from 1948 must not stretch it); the
        events' dates when no article is dated."""
        days = [parse_fuzzy(s.published)[0] for s in self.relevant_sources if s.published]
        if days:
            lo, hi = min(days), max(days)
            # events a little before the first article belong to the story
            return lo - dt.timedelta(days=31), hi
        days = [d for ev in self.events for d in ((ev.first, ev.last) if ev.grain == "day" else (ev.first,))]
        return (min(days), max(days)) if days else None


_TOP_ID = re.compile(r"""^- id: *(?:"([^"]*)"|'([^']*)'|(\S+)) *(?:#.*)?$""")


def yaml_id_lines(path: Path) -> dict[str, int]:
    """{record id: 1-based line of its ``- id:``} in a data file, {} if unreadable.

    A plain line scan (data files are written by the store with ``- id:``
    opening each record); it only feeds edit links, so a file written in
    another style merely loses the line number, never the link.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    out: dict[str, int] = {}
    for n, line in enumerate(text.splitlines(), 1):
        m = _TOP_ID.match(line)
        if m:
            out.setdefault(next(g for g in m.groups() if g is not None), n)
    return out


def _event_order(ev: EventView) -> tuple:
    return (ev.first.year, ev.first.month if ev.grain != "year" else 13,
            ev.grain in ("month", "year"), ev.first, ev.last, ev.e.id)
