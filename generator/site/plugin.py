"""The ``briefing`` MkDocs plugin (``plugins: [briefing]`` in mkdocs.yml).

A plugin registered by the package's entry point (pyproject.toml), not a
``hooks:`` file path, so any project folder (``briefing --root ELSEWHERE``)
gets it without copying code next to its mkdocs.yml.  It wires mkdocs'
events to the jobs of this room: the navigation and site name (:mod:`.nav`),
links in raw HTML (:mod:`.links`), the incremental build
(:mod:`.incremental`) and the page spill (:mod:`.spill`).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, Optional

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from ..cache import CACHE_DIR
from . import nav as site_nav
from .env import ENV_PAGES, ENV_PLAN
from .incremental import INCREMENTAL_PLUGINS, Incremental, nav_fingerprint, write_page_index
from .links import check_raw_links
from .spill import PageSpill, spill_parent

log = logging.getLogger("mkdocs.plugins.briefing")


class BriefingConfig(base.Config):
    """Options of ``- briefing:`` under ``plugins:`` in mkdocs.yml."""

    release_pages = c.Optional(c.Type(bool))
    """Keep no page's Markdown, HTML or search entries in memory longer than
    mkdocs needs them (:class:`PageSpill`); the site is byte-identical either
    way.  Unset (the default): on, unless mkdocs.yml configures a plugin or
    hook other than search and briefing -- one we do not know may read a
    page's Markdown or HTML after we let go of it.  ``true``/``false``: always
    on/off."""


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Entry point ``briefing`` of ``mkdocs.plugins`` (see pyproject.toml).

    Besides :func:`.nav.on_config`, the plugin carries ``briefing build``'s
    incremental site build (:mod:`.manifest`, :mod:`.incremental`); a plain
    ``mkdocs build`` sets neither of its environment variables and gets none of it.  With
    ``release_pages`` (default) it also keeps mkdocs' memory flat in the
    number of pages (:class:`PageSpill`).
    """

    def __init__(self) -> None:
        super().__init__()
        self._inc: Optional[Incremental] = None
        self._index_out: Optional[str] = None
        self._nav: Any = None
        self._index: dict = {}
        self._spill: Optional[PageSpill] = None

    def on_config(self, config: Any) -> Any:
        config = site_nav.on_config(config)
        self._index_out = os.environ.get(ENV_PAGES) or None
        plan = os.environ.get(ENV_PLAN)
        self._inc = Incremental.start(plan, config) if plan else None
        self._close_spill()
        if self._releases_pages(config):
            self._spill = PageSpill(spill_parent(config))
        return config

    def _releases_pages(self, config: Any) -> bool:
        if self.config.release_pages is not None:
            return self.config.release_pages
        others = sorted(set(config.plugins) - INCREMENTAL_PLUGINS)
        if others:
            log.info(f"briefing: pages stay in memory (release_pages unset): plugins {others} may read them later")
            return False
        return True

    def _close_spill(self) -> None:
        if self._spill is not None:
            self._spill.close()
            self._spill = None

    @event_priority(-100)
    def on_files(self, files: Any, *, config: Any) -> Any:
        if self._inc is not None:
            self._inc.take_files(files)
        return files

    @event_priority(-100)
    def on_nav(self, nav: Any, *, config: Any, files: Any) -> Any:
        if self._inc is not None:
            self._inc.read_nav_pages(nav, config)
        self._nav = nav
        return nav

    @event_priority(-100)
    def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
        """Every page is read (or skipped) by now: check the navigation, give the
        skipped pages their anchors back, and take this build's page index."""
        if self._index_out:  # run by `briefing build` (a plain `mkdocs build` is left as it is)
            _cache_templates(env, config)
        nav = nav_fingerprint(getattr(self._nav, "items", None))
        if self._inc is not None:
            self._inc.check_nav(nav)
            self._inc.restore_pages(files)
        # The per-page part is read from the pages when the index is written
        # (nothing changes anchors after this point): no copy of every page's
        # anchors and links is held through the second pass.
        self._index = {"nav": nav, "files": files}
        return env

    def _check_links(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        check_raw_links(page, config, files)
        return html

    @event_priority(-100)
    def _spill_html(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        """Last of every plugin's on_page_content: the page's HTML goes to disk
        until its turn in the second pass, and its Markdown is dropped (``""``,
        not None: ``Page.title`` treats None as "never read")."""
        if self._spill is None:
            return html
        self._spill.put_html(page.file.src_uri, html)
        page.markdown = ""
        return ""

    on_page_content = CombinedEvent(_check_links, _spill_html)

    @event_priority(100)
    def _restore_html(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        """Before the search plugin indexes the page and the theme renders it."""
        if self._spill is not None:
            html = self._spill.take_html(page.file.src_uri)
            if html is not None:
                page.content = html
        return context

    @event_priority(-100)
    def _page_indexed(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        if self._inc is not None:
            self._inc.page_built(page, config)
        elif self._spill is not None:
            self._spill.take_search_entries(config)
        return context

    on_page_context = CombinedEvent(_restore_html, _page_indexed)

    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Any, config: Any) -> Optional[str]:
        """The page is written: nothing reads its HTML again (anchor checks use
        ``present_anchor_ids``, the index its search entries)."""
        if self._spill is not None and page.content:
            page.content = ""
        return None

    @event_priority(100)
    def _before_search_index(self, *, config: Any) -> None:
        """Before the search plugin writes its index (priority 100 runs first)."""
        if self._inc is not None:
            self._inc.merge_search(config)
            self._index["rebuilt"] = sorted(self._inc.rebuilt)
        if self._index_out:
            write_page_index(Path(self._index_out), self._index.get("nav"), self._index.get("files"),
                             self._index.get("rebuilt"))

    @event_priority(-100)
    def _after_search_index(self, *, config: Any) -> None:
        """After the search plugin wrote its index of the entries it still
        holds (none, when they were spilled): the spilled entries go in."""
        try:
            if self._spill is not None:
                self._spill.complete_search_index(config)
        finally:
            self._close_spill()

    on_post_build = CombinedEvent(_before_search_index, _after_search_index)

    def on_build_error(self, *, error: Exception) -> None:
        self._close_spill()

    def on_shutdown(self) -> None:
        self._close_spill()


def _cache_templates(env: Any, config: Any) -> None:
    """Keep the compiled theme templates between builds (Jinja's own bytecode cache).

    Why: every mkdocs run compiles Material's ~50 templates again (~1 s CPU),
    a third of an incremental build's fixed cost.  Jinja keys each entry by
    the template's name and file and checks its source's checksum, and writes
    entries atomically: the HTML is the same with or without the cache.
    """
    from jinja2 import FileSystemBytecodeCache

    folder = Path(config.config_file_path).resolve().parent / CACHE_DIR / "jinja-site"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # a read-only project still builds, just without the cache
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
