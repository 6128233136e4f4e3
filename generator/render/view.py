"""The view: everything the templates read, as ``v``.

One object joins the page families' views over the shared
:class:`~generator.render.content.Content`, so every template reaches data
the same way and the render cache (:mod:`generator.render.pagecache`)
records a page's reads through this one type.
"""

from __future__ import annotations

from .actors import ActorsView
from .home import HomeView
from .network import NetworkView
from .positions import PositionsView
from .sources import SourcesView
from .timeline import TimelineView


class View(HomeView, TimelineView, ActorsView, PositionsView, NetworkView, SourcesView):
    """Indexes over a Briefing that the templates walk, computed once, sorted and stable."""
