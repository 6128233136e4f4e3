"""Who is connected to whom: the actor network and its page (``network.md``).

Two actors are tied when the records put them together:

* **shared events** -- both are among an event's actors (``data/timeline.yaml``);
* **shared stances** -- both take the same side on an issue (supports or
  demands against opposes or rejects; ``warns`` and ``neutral`` take no side);
* **opposite stances** -- they take opposite sides on an issue.

A tie's weight is the number of events plus the number of issues behind it.
At 2,000 actors a drawing of every tie is unreadable, so the page draws the
:data:`DRAWN_NODES` actors with the most weight and the strongest ties among
them, and lists the ties as text (the drawing's text alternative).

Side pairs on an issue grow with the square of its actors (an issue with 500
actors on a side has 125,000 pairs), so stance ties are counted among the
:data:`STANCE_ACTORS` actors with the most positions; event ties are counted
in full (an event names a handful of actors).

Only the drawing's layout needs a library: networkx's spring layout, seeded,
so the same records always give the same picture.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Any, Iterable, Optional

from ..models import Actor, Event
from .content import Content, matrix_row_ok, once
from .page import PageFamily
from .urls import actor_page, issue_page

SIDE = {"supports": 1, "demands": 1, "opposes": -1, "rejects": -1}
"""Which side of an issue a stance takes; the others take none."""

DRAWN_NODES = 40
"""Actors in the drawing: the most connected ones."""

DRAWN_TIES = 120
"""Ties in the drawing: the strongest among the drawn actors."""

LISTED_TIES = 300
"""Ties in the text list under the drawing, strongest first."""

STANCE_ACTORS = 400
"""Stance ties are counted among this many actors (those with most positions)."""

EVIDENCE = 5
"""Event ids kept per tie (its first ones, in date order) for the text list."""

_CENTRE = "\0centre"
"""A node no actor id can be (ids are slugs)."""

WIDTH, HEIGHT, MARGIN = 960, 640, 70
"""The drawing's box (SVG user units) and the room kept for labels at its edges."""


@dataclass(frozen=True)
class Tie:
    """Two actors (ids in order) and what ties them."""

    a: str
    b: str
    events: int
    agree: tuple[str, ...]      # issue ids where they take the same side
    oppose: tuple[str, ...]     # issue ids where they take opposite sides
    sample: tuple[str, ...]     # up to EVIDENCE shared event ids

    @property
    def weight(self) -> int:
        return self.events + len(self.agree) + len(self.oppose)

    @property
    def kind(self) -> str:
        """``against`` when opposite stances outweigh the rest, else ``with``."""
        return "against" if len(self.oppose) > self.events + len(self.agree) else "with"


@dataclass(frozen=True)
class Node:
    """A drawn actor: where it is and how big."""

    id: str
    name: str
    kind: str
    weight: int
    ties: int
    x: float
    y: float
    r: float


@dataclass(frozen=True)
class Network:
    """What the Network page shows."""

    nodes: tuple[Node, ...]         # drawn actors
    drawn: tuple[Tie, ...]          # drawn ties (both ends drawn)
    listed: tuple[Tie, ...]         # strongest ties, as text
    actors: int                     # actors with at least one tie
    ties: int                       # every tie counted
    width: int = WIDTH
    height: int = HEIGHT


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def event_ties(events: Iterable[Event], known: set[str]) -> dict[tuple[str, str], list[str]]:
    """(actor, actor) -> the events both take part in, in the order given."""
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for ev in events:
        ids = sorted({a for a in ev.actors if a in known})
        for a, b in combinations(ids, 2):
            shared[(a, b)].append(ev.id)
    return shared


def stance_ties(stances: Iterable[tuple[str, str, str]], known: set[str], limit: int = STANCE_ACTORS
                ) -> tuple[dict[tuple[str, str], set[str]], dict[tuple[str, str], set[str]]]:
    """(actor, actor) -> issues where they agree, and where they are opposed,
    from (actor id, issue id, stance) triples, among the *limit* actors with
    the most issues on which they take a side."""
    sides: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))  # issue -> actor -> sides
    for actor, issue, stance in stances:
        side = SIDE.get(stance)
        if side is not None and actor in known:
            sides[issue][actor].add(side)
    count = Counter(a for by_actor in sides.values() for a in by_actor)
    kept = {a for a, _ in sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]}
    agree: dict[tuple[str, str], set[str]] = defaultdict(set)
    oppose: dict[tuple[str, str], set[str]] = defaultdict(set)
    for issue, by_actor in sides.items():
        # an actor on both sides of an issue (they changed their mind) is left out of it
        pro = sorted(a for a, s in by_actor.items() if s == {1} and a in kept)
        con = sorted(a for a, s in by_actor.items() if s == {-1} and a in kept)
        for group in (pro, con):
            for a, b in combinations(group, 2):
                agree[(a, b)].add(issue)
        for a in pro:
            for b in con:
                oppose[_pair(a, b)].add(issue)
    return agree, oppose


def build(actors: list[Actor], events: list[Event], stances: Iterable[tuple[str, str, str]],
          nodes: int = DRAWN_NODES, drawn: int = DRAWN_TIES, listed: int = LISTED_TIES) -> Network:
    """The network of *actors* from *events* (in date order) and the
    positions' (actor id, issue id, stance) triples."""
    known = {a.id for a in actors}
    stances = list(stances)
    by_events = event_ties(events, known)
    agree, oppose = stance_ties(stances, known)
    ties = [Tie(a, b, len(by_events.get((a, b), ())), tuple(sorted(agree.get((a, b), ()))),
                tuple(sorted(oppose.get((a, b), ()))), tuple(by_events.get((a, b), ())[:EVIDENCE]))
            for a, b in sorted(set(by_events) | set(agree) | set(oppose))]
    ties.sort(key=lambda t: (-t.weight, t.a, t.b))
    # An actor's weight is what it does (events shared with others, issues it
    # takes a side on), not the sum of its ties: one side of a big issue ties
    # hundreds of actors at once and would outweigh every event.
    weight: Counter[str] = Counter()
    degree: Counter[str] = Counter()
    for t in ties:
        degree[t.a] += 1
        degree[t.b] += 1
    for ev in events:
        ids = {a for a in ev.actors if a in known}
        if len(ids) > 1:
            weight.update(ids)
    weight.update(a for a, _ in {(a, i) for a, i, st in stances if st in SIDE and a in degree})
    top = [a for a, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[:nodes]]
    chosen = set(top)
    shown = _drawn_ties([t for t in ties if t.a in chosen and t.b in chosen], drawn)
    by_id = {a.id: a for a in actors}
    places = layout(top, shown)
    heaviest = max((weight[a] for a in top), default=1)
    drawn_nodes = tuple(
        Node(a, by_id[a].name, by_id[a].kind, weight[a], degree[a], *places[a],
             r=round(5 + 11 * (weight[a] / heaviest) ** 0.5, 1))
        for a in sorted(top, key=lambda a: by_id[a].name.lower()))
    return Network(drawn_nodes, shown, tuple(ties[:listed]), len(weight), len(ties))


def _drawn_ties(among: list[Tie], limit: int) -> tuple[Tie, ...]:
    """The ties to draw (*among* is strongest first): each drawn actor's
    strongest one, so no actor floats alone when it has a tie in the drawing,
    then the strongest others up to *limit*."""
    keep: dict[tuple[str, str], Tie] = {}
    covered: set[str] = set()
    for t in among:
        if t.a not in covered or t.b not in covered:
            keep[(t.a, t.b)] = t
            covered.update((t.a, t.b))
    for t in among:
        if len(keep) >= limit:
            break
        keep.setdefault((t.a, t.b), t)
    order = {(t.a, t.b): i for i, t in enumerate(among)}
    return tuple(sorted(keep.values(), key=lambda t: order[(t.a, t.b)]))


def layout(ids: list[str], ties: Iterable[Tie], seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions in the drawing's box: a seeded spring layout (networkx), so tied
    actors sit close and the same records give the same picture; rounded to a
    tenth so the SVG does not change with the last bits of a float."""
    if not ids:
        return {}
    if len(ids) == 1:
        return {ids[0]: (WIDTH / 2, HEIGHT / 2)}
    import networkx as nx  # only the page that draws needs it

    g = nx.Graph()
    g.add_nodes_from(ids)
    g.add_weighted_edges_from((t.a, t.b, t.weight) for t in ties)
    # actors with no drawn tie hang on a hidden centre: alone, the spring
    # layout pushes them to the corners and squeezes the rest together
    g.add_edges_from((_CENTRE, n) for n in ids if not any(g.neighbors(n)))
    # unweighted: a few very strong ties would pull their ends into one blot
    pos = nx.spring_layout(g, seed=seed, weight=None, k=2.2 / len(ids) ** 0.5, iterations=300)
    pos.pop(_CENTRE, None)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1

    def place(v: float, lo: float, span: float, size: int) -> float:
        return round(MARGIN + float(v - lo) / float(span) * (size - 2 * MARGIN), 1)  # a float, not numpy's

    return {n: (place(pos[n][0], min(xs), span_x, WIDTH), place(pos[n][1], min(ys), span_y, HEIGHT))
            for n in ids}


def describe(t: Tie, issue_label: Optional[dict[str, str]] = None) -> str:
    """One tie in words: 'together in 3 events; same side on sanctions; opposed on ...'."""
    label = issue_label or {}
    parts = []
    if t.events:
        parts.append(f"together in {t.events} event{'s' if t.events != 1 else ''}")
    if t.agree:
        parts.append("same side on " + ", ".join(label.get(i, i) for i in t.agree))
    if t.oppose:
        parts.append("opposed on " + ", ".join(label.get(i, i) for i in t.oppose))
    return "; ".join(parts)


class NetworkView(Content):
    """What the Network page asks."""

    @once  # computed when the page renders, not for every render
    def network(self) -> dict[str, Any]:
        """The actor network (:func:`build`) as plain values for the
        Network page: drawn nodes and ties, and the strongest ties in words
        with links to the actors, events and issues behind them."""
        # the matrix's rule: no news outlets or fragments of names among the actors
        people = [a for a in self.actors if matrix_row_ok(a, self.outlets)]
        net = build(people, [ev.e for ev in self.events],
                    [(pv.p.actor, pv.issue_id, pv.p.stance) for pv in self.positions])
        names = {a.id: a.name for a in self.actors}
        event_by_id = {ev.id: ev for ev in self.events}
        place = {n.id: n for n in net.nodes}

        def issues(ids: tuple[str, ...]) -> list[tuple[str, str]]:
            return [(self.issue_label.get(i, i), issue_page(i)) for i in ids]

        ties = [{"a": (names[t.a], actor_page(t.a)), "b": (names[t.b], actor_page(t.b)),
                 "weight": t.weight, "kind": t.kind, "events": t.events,
                 "sample": [(event_by_id[e].e.title, event_by_id[e].page, e) for e in t.sample],
                 "agree": issues(t.agree), "oppose": issues(t.oppose)} for t in net.listed]
        edges = [(place[t.a].x, place[t.a].y, place[t.b].x, place[t.b].y, t.kind,
                  round(min(1 + t.weight ** 0.5, 6), 1),
                  f"{names[t.a]} – {names[t.b]}: {describe(t, self.issue_label)}")
                 for t in net.drawn]
        return {"nodes": net.nodes, "edges": edges, "ties": ties, "actors": net.actors,
                "count": net.ties, "drawn": len(net.drawn), "width": net.width, "height": net.height}


class NetworkPage(PageFamily):
    page, template = "network.md", "network.md.j2"
