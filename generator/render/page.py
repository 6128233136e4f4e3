"""A page family: the pages of one kind, each from one template (Pelican's generators).

A family names its own page (``timeline.md`` from ``timeline.md.j2``) and
the pages under it (one per year, per actor, per issue ...) as
:data:`Job` s; :mod:`generator.render.pages` asks every family in turn, and
the renderer renders each job with the view as ``v`` and the job's own
arguments.  The view queries a family's templates ask sit next to it, in
the family's module.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from .content import Content

Job = tuple[str, str, dict[str, Any]]
"""One page to render: (path under docs/, template, the template's arguments besides ``v``)."""


class PageFamily:
    """The family's own page, then :meth:`subpages`."""

    page = ""
    """The family's own page, a path under docs/ (``timeline.md``)."""
    template = ""
    """Its template (``timeline.md.j2``)."""

    def jobs(self, view: Content) -> Iterator[Job]:
        yield self.page, self.template, {}
        yield from self.subpages(view)

    def subpages(self, view: Content) -> Iterable[Job]:
        """The pages under the family's own (none for a page that stands alone)."""
        return ()
