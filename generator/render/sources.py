"""The sources: the list of articles and a page per article with the
sentences the briefing cites from it (each linked back to what cites it)."""

from __future__ import annotations

from typing import Iterable

from .content import Content, Ref
from .page import Job, PageFamily
from .urls import source_page


class SourcesView(Content):
    """What the source pages ask."""

    def source_sentences(self, article: str) -> list[Ref]:
        return [self.cited[article][n] for n in sorted(self.cited.get(article, {}))]


class SourcePages(PageFamily):
    """sources.md, then one page per source article (not in the nav)."""

    page, template = "sources.md", "sources.md.j2"

    def subpages(self, view: SourcesView) -> Iterable[Job]:
        return ((f"sources/{source_page(s.id)}.md", "source.md.j2", {"source": s}) for s in view.sources)
