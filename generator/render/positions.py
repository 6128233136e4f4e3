"""The positions: the matrix of who stands where, a page per issue (a big
issue an index of its pages by the actors' initial letter).

A position's page is decided by :meth:`Content.position_page` alone.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Iterable, Optional

from ..models import Actor
from .content import Content, once
from .page import Job, PageFamily
from .urls import issue_page


class PositionsView(Content):
    """What the positions pages (and the home page's list of issues) ask."""

    NAMES_PER_STANCE = 8
    """The positions page and the home page name at most this many actors per stance and issue."""

    @once  # every issue page asks
    def issue_list(self) -> list[dict[str, Any]]:
        """Every issue at a glance, plain values only (so editing one position's
        text re-renders its own page, not positions.md): id, label, page,
        count, per stance the number of actors and the first
        :attr:`NAMES_PER_STANCE` as (name, page, position id), and for an issue
        split by letter its letters as (letter, page, count)."""
        out = []
        for issue in self.issues:
            stances = [{"stance": s["stance"], "n": len(s["actors"]),
                        "names": [(pv.name, pv.page, pv.id) for pv in s["actors"][: self.NAMES_PER_STANCE]]}
                       for s in issue["stances"]]
            out.append({"id": issue["id"], "label": issue["label"], "page": issue_page(issue["id"]),
                        "count": len(issue["positions"]), "stances": stances,
                        "letters": self._letters(issue) if issue["id"] in self.split_issues else []})
        return out

    def issue_summary(self, issue_id: str) -> Optional[dict[str, Any]]:
        """One entry of :meth:`issue_list` (the head of an issue's own page)."""
        return next((i for i in self.issue_list() if i["id"] == issue_id), None)

    def _letters(self, issue: dict[str, Any]) -> list[tuple[str, str, int]]:
        count: Counter = Counter(pv.page for pv in issue["positions"])
        return [(_letter_label(page), page, count[page]) for page in sorted(count, key=_letter_order)]

    def issue_positions(self, issue_id: str, page: str) -> list[dict[str, Any]]:
        """The positions on *page* of issue *issue_id*, by stance (the content of
        an issue page or of one of its letter pages)."""
        for issue in self.issues:
            if issue["id"] == issue_id:
                return [{"stance": s["stance"], "positions": members}
                        for s in issue["stances"]
                        if (members := [pv for pv in s["positions"] if pv.page == page])]
        return []

    MATRIX_ROWS = 40
    """The positions matrix shows the actors with most positions; all are listed below it."""

    MATRIX_COLUMNS = 12
    """The positions matrix shows the issues most actors take sides on (pinned ones first)."""

    def matrix_rows(self) -> list[Actor]:
        """The actors with most cells among the matrix's columns, by name."""
        cols = {c["id"] for c in self.matrix_columns()}
        count = Counter(a for (i, a) in self.cells if i in cols)
        top = sorted((a for a in self.matrix_actors if count[a.id]),
                     key=lambda a: (-count[a.id], -a.mentions, a.name.lower(), a.id))
        return sorted(top[: self.MATRIX_ROWS], key=lambda a: (a.name.lower(), a.id))

    @once
    def matrix_columns(self) -> list[dict[str, Any]]:
        """Issues as matrix columns: pinned first, then by the number of actors with a stance on
        them; "other" never.  Each with its label, page and how many actors are for and against."""
        actors: dict[str, dict[str, str]] = defaultdict(dict)
        for (iid, aid), cell in self.cells.items():
            actors[iid][aid] = cell[0].p.stance
        labels = {i["id"]: i["label"] for i in self.issue_list()}
        ids = sorted((i for i in actors if i != "other" and i in labels),
                     key=lambda i: (i not in self._pinned, -len(actors[i]), labels[i].lower(), i))
        out = []
        for iid in ids[: self.MATRIX_COLUMNS]:
            st = actors[iid].values()
            out.append({"id": iid, "label": labels[iid], "page": issue_page(iid),
                        "for": sum(1 for x in st if x in ("supports", "demands")),
                        "against": sum(1 for x in st if x in ("opposes", "rejects", "warns"))})
        return out


def _letter_label(page: str) -> str:
    stem = page.rsplit("/", 1)[-1]
    return "#" if stem == "0" else stem.upper()


def _letter_order(page: str) -> tuple[bool, str]:
    stem = page.rsplit("/", 1)[-1]
    return (stem != "0", stem)


class PositionPages(PageFamily):
    """positions.md, then one page per issue; a big issue
    (:attr:`Content.split_issues`) an index of its letter pages."""

    page, template = "positions.md", "positions.md.j2"

    def subpages(self, view: PositionsView) -> Iterable[Job]:
        for issue in view.issue_list():
            iid = issue["id"]
            if not issue["letters"]:
                yield f"{issue['page']}.md", "positions_issue.md.j2", {"issue_id": iid, "page": issue["page"]}
                continue
            yield f"{issue['page']}.md", "positions_issue_index.md.j2", {"issue_id": iid}
            yield from ((f"{page}.md", "positions_issue.md.j2", {"issue_id": iid, "page": page})
                        for _, page, _ in issue["letters"])
