"""The actors: the list of all actors by kind, a page per actor, and a big
actor's profile with one page per year.

An item's page on its actor's pages is decided by :meth:`Content.actor_item_page` alone.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Iterable, Optional

from ..models import Actor
from .content import STANCES, Content
from .page import Job, PageFamily
from .urls import actor_page, issue_page

KIND_LABELS = {"person": "People", "state": "States", "organization": "Organizations", "group": "Groups",
               "outlet": "News outlets cited as sources"}
KIND_SINGULAR = {"person": "person", "state": "state", "organization": "organization", "group": "group",
                 "outlet": "news outlet cited as a source"}
KIND_ORDER = ("person", "state", "organization", "group", "outlet")
"""Outlets last: they are the sources of reports, not parties to them."""


class ActorsView(Content):
    """What the actor pages ask."""

    def actor_year_items(self, actor_id: str, year: Optional[int]) -> dict[str, list]:
        """The events and positions on one year page of a split actor (its content)."""
        return self._actor_years.get(actor_id, {}).get(year, {"events": [], "positions": []})

    def actor_years(self, actor_id: str) -> list[dict[str, Any]]:
        """The years table of a split actor's profile, plain values only (so
        editing one event's text re-renders its year page, not the profile):
        per year (undated last) its label, page and counts."""
        years = self._actor_years.get(actor_id, {})
        return [{"year": y, "label": "Date unknown" if y is None else str(y),
                 "page": self.actor_item_page(actor_id, y),
                 "events": len(years[y]["events"]), "positions": len(years[y]["positions"])}
                for y in sorted(years, key=lambda y: (y is None, y or 0))]

    def actor_issues(self, actor_id: str) -> list[dict[str, Any]]:
        """Per issue an actor took positions on: its label, the issue's page
        and how many of the actor's positions per stance (plain values)."""
        by_issue: dict[str, dict[str, Any]] = {}
        for pv in self.actor_positions.get(actor_id, ()):
            got = by_issue.setdefault(pv.issue_id, {"id": pv.issue_id, "label": pv.issue_label,
                                                    "page": issue_page(pv.issue_id), "n": 0, "stances": Counter()})
            got["n"] += 1
            got["stances"][pv.p.stance] += 1
        return [{**i, "stances": [(st, i["stances"][st]) for st in STANCES if i["stances"][st]]}
                for i in sorted(by_issue.values(), key=lambda i: (i["label"].lower(), i["id"]))]

    def actor_edit_url(self, actor: Actor) -> str:
        """actors.yaml, at the actor's line when known (GitHub's ``#L<n>``)."""
        line = self.actor_lines.get(actor.id)
        return f"actors.yaml#L{line}" if line else "actors.yaml"

    def members(self, actor: Actor) -> list[Actor]:
        """Actors whose affiliation is *actor* (a state's officials)."""
        return self._members.get(actor.id, [])

    LETTERS_FROM = 30
    """A kind with more actors than this is split under letter headings
    (scales to hundreds); a short list stays one list (a heading per name
    would spread 10 actors over three screens)."""

    def actor_groups(self) -> list[dict[str, Any]]:
        """Actors by kind, then by first letter when the kind is long."""
        groups = []
        for kind in KIND_ORDER:
            members = [a for a in self.actors if a.kind == kind]
            if not members:
                continue
            letters: dict[str, list[Actor]] = defaultdict(list)
            for a in members:
                ch = a.name.strip()[:1].upper()
                letters[ch if ch.isalpha() else "#"].append(a)
            groups.append({"kind": kind, "label": KIND_LABELS[kind], "count": len(members),
                           "count_label": f"{len(members)} "
                           + (KIND_SINGULAR[kind] if len(members) == 1 else KIND_LABELS[kind].lower()),
                           "by_letter": len(members) > self.LETTERS_FROM,
                           "letters": [{"letter": k, "actors": letters[k]} for k in sorted(letters)]})
        return groups


class ActorPages(PageFamily):
    """actors/index.md, then a page per actor; a big actor
    (:attr:`Content.split_actors`) a profile page and one page per year."""

    page, template = "actors/index.md", "actors_index.md.j2"

    def subpages(self, view: ActorsView) -> Iterable[Job]:
        for actor in view.actors:
            if actor.id not in view.split_actors:
                yield f"{actor_page(actor.id)}.md", "actor.md.j2", {"actor": actor}
                continue
            yield f"{actor_page(actor.id)}.md", "actor_profile.md.j2", {"actor": actor}
            yield from ((f"{y['page']}.md", "actor_year.md.j2", {"actor": actor, "year": y["year"]})
                        for y in view.actor_years(actor.id))
