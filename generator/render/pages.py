"""The page list: every page family, in render order, and the paths they claim."""

from __future__ import annotations

from typing import Iterable

from ..errors import TemplateError
from ..writer import check_relpath
from .actors import ActorPages
from .downloads import DownloadsPage
from .home import HomePage
from .network import NetworkPage
from .page import Job, PageFamily
from .positions import PositionPages
from .sources import SourcePages
from .timeline import TimelinePages
from .view import View


class SearchPage(PageFamily):
    """The search page: Pagefind's own UI over the index the site step writes (:mod:`generator.search`)."""

    page, template = "search.md", "search.md.j2"


FAMILIES: tuple[PageFamily, ...] = (HomePage(), TimelinePages(), ActorPages(), PositionPages(), NetworkPage(),
                                    SourcePages(), DownloadsPage(), SearchPage())
"""Every page family, in render order."""


def page_jobs(view: View) -> list[Job]:
    """Every generated page as (relpath, template, extra context), in render order."""
    return [job for family in FAMILIES for job in family.jobs(view)]


def checked_relpaths(rels: Iterable[str]) -> list[str]:
    """*rels* checked as paths inside docs/ (:func:`generator.writer.check_relpath`), none twice."""
    out: list[str] = []
    seen: set[str] = set()
    for rel in rels:
        rel = check_relpath(rel)
        if rel in seen:
            raise TemplateError(f"{rel} would be generated twice (duplicate id?)")
        seen.add(rel)
        out.append(rel)
    return out
