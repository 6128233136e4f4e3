"""The incremental site build inside mkdocs: rebuild only the docs/ pages that changed.

``briefing build`` (:mod:`.manifest`) hands the plugin a plan naming the
changed pages and the last build's page index; :class:`Incremental` makes
mkdocs rebuild only those pages, gives the others their anchors back so that
every link is still checked, and merges the search index.  Every build the
plugin runs for ``briefing build`` writes the page index the next plan needs
(:func:`write_page_index`).
"""

from __future__ import annotations

import functools
import json
import logging
import os
from pathlib import Path
from typing import Any, Optional

from mkdocs.exceptions import PluginError

INCREMENTAL_PLUGINS = frozenset({"material/search", "briefing"})
"""Plugins whose output we know to depend on a page alone (or, for search,
which we merge): any other plugin may keep cross-page state -> full build."""

_DIRTY_WARNING = "A 'dirty' build is being performed"


class NotIncremental(PluginError):
    """This build cannot be done incrementally; ``briefing build`` then runs a full one."""

    def __init__(self, why: str) -> None:
        super().__init__(f"briefing: incremental build not possible: {why}")


class _DropDirtyWarning(logging.Filter):
    """mkdocs warns that --dirty may give a stale navigation: under --strict
    that warning alone would abort.  Our incremental build checks the
    navigation itself (:meth:`Incremental.check_nav`), so the warning is moot."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_DIRTY_WARNING)


class Incremental:
    """One ``mkdocs build --dirty`` run driven by ``briefing build``'s plan.

    "Modified" is decided by content hash (the plan's ``changed`` list, made by
    :mod:`.manifest`), never by mtimes.  Every page embeds the navigation,
    so the titles, addresses and front matter of the nav pages must be what
    the last build had (:meth:`check_nav`), else a full build runs.
    """

    def __init__(self, plan: dict) -> None:
        self.changed = set(plan["changed"])
        self.prev_pages: dict = plan["pages"]
        self.prev_nav = plan.get("nav")
        self.rebuilt: set[str] = set()
        self.search_spans: dict[str, tuple[int, int]] = {}
        self._seen = 0
        self.files: Any = None
        self._modified: dict[str, bool] = {}
        self.old_site: str = plan["site"]
        """The last site: read here, never written (this run writes into an empty folder)."""

    @classmethod
    def start(cls, plan_file: str, config: Any) -> "Incremental":
        try:
            plan = json.loads(Path(plan_file).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise NotIncremental(f"cannot read the plan {plan_file}: {exc}") from None
        if plan.get("docs_dir") != str(Path(config.docs_dir).resolve()):
            raise NotIncremental(f"docs_dir {config.docs_dir} is not the folder the plan hashed")
        others = sorted(set(config.plugins) - INCREMENTAL_PLUGINS)
        if others:
            raise NotIncremental(f"plugins {others} may depend on other pages")
        logging.getLogger("mkdocs.commands.build").addFilter(_DropDirtyWarning())
        return cls(plan)

    def take_files(self, files: Any) -> None:
        self.files = files
        for f in files:
            f.is_modified = functools.partial(self.is_modified, f)

    def is_modified(self, f: Any) -> bool:
        """Asked up to four times per file (copy, read, build, restore): answered once."""
        known = self._modified.get(f.src_uri)
        if known is None:
            known = bool(f.src_uri in self.changed or f.generated_by
                         or not os.path.exists(os.path.join(self.old_site, f.dest_uri)))  # not in the last site
            self._modified[f.src_uri] = known
        return known

    def read_nav_pages(self, nav: Any, config: Any) -> None:
        """Read the front matter of the unchanged pages in the navigation
        (cheap: no Markdown rendering), which gives their titles and the meta
        Material shows in the nav (icon, status); :meth:`check_nav` then
        compares them with the last build's."""
        for page in nav.pages:
            if page.markdown is None and not self.is_modified(page.file):
                page.read_source(config)

    def check_nav(self, nav: list) -> None:
        if nav != self.prev_nav:
            raise NotIncremental("the navigation (a title, an address or front matter of a nav page) changed")

    def restore_pages(self, files: Any) -> None:
        """Anchors and anchor links of the skipped pages, as the last build found
        them: mkdocs then validates every link to an anchor as a full build does
        (an edited page that lost an anchor another page links to still warns)."""
        for f in files.documentation_pages():
            if f.page is None or f.is_modified():
                continue
            rec = self.prev_pages.get(f.src_uri)
            if rec is None:
                raise NotIncremental(f"no record of {f.src_uri} from the last build")
            anchors = rec.get("anchors")
            f.page.present_anchor_ids = None if anchors is None else set(anchors)
            links = {}
            for target, found in (rec.get("links") or {}).items():
                tf = files.get_file_from_path(target)
                if tf is None:
                    raise NotIncremental(f"{f.src_uri} links to {target}, which is gone")
                links[tf] = dict(found)
            f.page.links_to_anchors = links

    def page_built(self, page: Any, config: Any) -> None:
        """Runs after the search plugin indexed *page*: its entries are the new tail."""
        self.rebuilt.add(page.file.src_uri)
        search = search_plugin(config)
        if search is not None:
            n = len(search.search_index.entries)
            self.search_spans[page.file.src_uri] = (self._seen, n)
            self._seen = n

    def merge_search(self, config: Any) -> None:
        """The search index a full build writes: per page in build order, the new
        entries of rebuilt pages and the previous index's entries of the others."""
        search = search_plugin(config)
        if search is None:
            if "material/search" in config.plugins:
                raise NotIncremental("the search plugin is not the one we know how to merge")
            return
        path = Path(self.old_site) / "search" / "search_index.json"
        try:
            old = json.loads(path.read_text(encoding="utf-8"))
            old_docs = old["docs"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise NotIncremental(f"cannot read the previous {path.name}: {exc}") from None
        by_page: dict[str, list] = {}
        for entry in old_docs:
            by_page.setdefault(str(entry.get("location", "")).split("#", 1)[0], []).append(entry)
        new = search.search_index.entries
        merged: list = []
        urls = set()
        for f in self.files.documentation_pages():
            if f.page is None:
                continue
            urls.add(f.page.url)
            if f.src_uri in self.rebuilt:
                a, b = self.search_spans.get(f.src_uri, (0, 0))
                merged.extend(new[a:b])
            else:
                merged.extend(by_page.get(f.page.url, []))
        if set(by_page) - urls:
            raise NotIncremental(f"the previous search index has pages this build lacks: {sorted(set(by_page) - urls)[:3]}")
        search.search_index.entries = merged


def search_plugin(config: Any) -> Any:
    """Material's search plugin, when it is the one configured (``- search``
    under the Material theme resolves to it)."""
    plugin = config.plugins.get("material/search")
    index = getattr(plugin, "search_index", None)
    return plugin if isinstance(getattr(index, "entries", None), list) else None


def nav_fingerprint(items: Any) -> list:
    """What every page's HTML shows of the navigation: kind, title, address and
    front matter of each item (Material shows a nav page's icon and status)."""
    out = []
    for item in items or []:
        entry: dict = {"kind": type(item).__name__, "title": item.title}
        if getattr(item, "is_page", False) or getattr(item, "is_link", False):
            entry["url"] = item.url
        if getattr(item, "is_page", False):
            entry["meta"] = json.loads(json.dumps(item.meta or {}, sort_keys=True, default=str))
        if getattr(item, "children", None):
            entry["children"] = nav_fingerprint(item.children)
        out.append(entry)
    return out


def page_index(files: Any) -> dict:
    """Per page: the anchors it has and the anchors it links to (by target src_uri)."""
    return {f.src_uri: page_record(f.page) for f in files.documentation_pages() if f.page is not None}


def page_record(page: Any) -> dict:
    """One page's entry of :func:`page_index`."""
    anchors = None if page.present_anchor_ids is None else sorted(page.present_anchor_ids)
    links = {t.src_uri: dict(found) for t, found in (page.links_to_anchors or {}).items()}
    return {"anchors": anchors, "links": links}


def write_page_index(path: Path, nav: Any, files: Any, rebuilt: Optional[list]) -> None:
    """Write ``json.dumps({"nav": nav, "pages": page_index(files), "rebuilt": rebuilt},
    sort_keys=True)`` (no "rebuilt" when None), the same bytes, one page at a time.

    Why: at 10,000 articles the index is ~74 MB of JSON; built as one dict and
    one string it cost several hundred MB at the very end of the build.
    """
    enc = json.JSONEncoder(sort_keys=True)
    pages = [] if files is None else sorted(
        (f for f in files.documentation_pages() if f.page is not None), key=lambda f: f.src_uri)
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{"nav": ' + enc.encode(nav) + ', "pages": {')
        for i, f in enumerate(pages):
            fh.write((", " if i else "") + enc.encode(f.src_uri) + ": " + enc.encode(page_record(f.page)))
        fh.write("}")
        if rebuilt is not None:
            fh.write(', "rebuilt": ' + enc.encode(rebuilt))
        fh.write("}")
