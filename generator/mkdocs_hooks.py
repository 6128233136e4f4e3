"""The ``briefing`` MkDocs plugin (``plugins: [briefing]`` in mkdocs.yml).

A plugin registered by the package's entry point, not a ``hooks:`` file path,
so any project folder (``briefing --root ELSEWHERE``) gets it without copying
code next to its mkdocs.yml.

Why hooks rather than asking the editor to maintain mkdocs.yml:

* **Hand-written pages join the navigation by themselves.**  An editor drops
  ``docs/notes.md`` next to ``docs/about.md`` and it appears in the menu,
  under "More", sorted by title.  Generated pages (they carry
  :data:`generator.render.MARKER`) are never added: the actor pages would put
  hundreds of links into every page, since Material embeds the whole
  navigation in each one.  Pages already in ``nav`` or matched by
  ``not_in_nav``/``exclude_docs`` stay where the editor put them.
* **The site name is the briefing's title** (``title`` in briefing.yml), so
  the header and the home page agree without editing two files.

The same computations serve zensical, which does not run MkDocs hooks:
:func:`generator.site` writes their result into the config copy it hands
to zensical.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from pathlib import Path
from typing import Any, Iterable, Optional

from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

MORE = "More"

# How `briefing build` talks to this plugin inside the mkdocs process it starts.
ENV_PLAN = "BRIEFING_INCREMENTAL_PLAN"
"""Set for an incremental mkdocs run: the JSON plan the plugin follows."""
ENV_PAGES = "BRIEFING_PAGE_INDEX"
"""Set for every mkdocs run we start: where the plugin writes its page index."""
"""Navigation section of the hand-written pages that nav does not list."""

_FRONT = re.compile(r"\A---\r?\n(.*?)\r?\n(?:---|\.\.\.)\r?\n", re.S)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)


def _marker() -> str:
    from generator.render import MARKER

    return MARKER


def page_title(path: Path) -> str:
    """What MkDocs would call the page: front-matter title, first ``# `` heading, file name."""
    import yaml

    text = path.read_text(encoding="utf-8", errors="replace")
    m = _FRONT.match(text)
    if m:
        try:
            meta = yaml.safe_load(m.group(1))
        except yaml.YAMLError:
            meta = None
        if isinstance(meta, dict) and str(meta.get("title") or "").strip():
            return str(meta["title"]).strip()
        text = text[m.end():]
    h = _HEADING.search(text)
    if h:
        return h.group(1)
    return path.stem.replace("-", " ").replace("_", " ").capitalize()


def _nav_files(nav: Any) -> set[str]:
    """Every page path a ``nav`` config lists (nested sections included)."""
    out: set[str] = set()
    if isinstance(nav, str):
        out.add(nav.lstrip("./"))
    elif isinstance(nav, dict):
        for v in nav.values():
            out |= _nav_files(v)
    elif isinstance(nav, list):
        for item in nav:
            out |= _nav_files(item)
    return out


def hand_written_pages(docs: Path, nav: Any, skip: Optional[Any] = None) -> list[tuple[str, str]]:
    """(title, path) of the Markdown pages of *docs* a person wrote and *nav*
    does not list, sorted by title then path.

    *skip* is a pathspec (MkDocs' ``not_in_nav``/``exclude_docs``): a page it
    matches stays out.  Hidden folders and files are skipped as MkDocs does.
    """
    if not docs.is_dir():
        return []
    listed = _nav_files(nav)
    marker = ""  # imported on first need: generator.render is slow to import and rarely needed here
    found = []
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        if rel in listed or any(part.startswith(".") for part in Path(rel).parts):
            continue
        if skip is not None and any(s is not None and s.match_file(rel) for s in _specs(skip)):
            continue
        marker = marker or _marker()
        with path.open("r", encoding="utf-8", errors="replace") as fh:
            if marker in fh.read(2048):
                continue
        found.append((page_title(path), rel))
    return sorted(found, key=lambda t: (t[0].lower(), t[1]))


def _specs(skip: Any) -> Iterable[Any]:
    return skip if isinstance(skip, (list, tuple)) else [skip]


def extend_nav(nav: Any, pages: list[tuple[str, str]]) -> Any:
    """*nav* with *pages* added under :data:`MORE` (an existing MORE section grows)."""
    if not pages or not isinstance(nav, list):
        return nav
    entries = [{title: rel} for title, rel in pages]
    out = list(nav)
    for i, item in enumerate(out):
        if isinstance(item, dict) and list(item) == [MORE] and isinstance(item[MORE], list):
            out[i] = {MORE: list(item[MORE]) + entries}
            return out
    out.append({MORE: entries})
    return out


def briefing_title(project: Path) -> Optional[str]:
    """The ``title`` of the project's briefing.yml, None when it sets none."""
    import yaml

    from generator.config import CONFIG_FILE, load_config

    path = project / CONFIG_FILE
    if not path.exists():
        return None
    cfg = load_config(project)  # a bad briefing.yml fails the build with its message
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return cfg.title if isinstance(raw, dict) and "title" in raw else None


# -- MkDocs event handlers ------------------------------------------------------


def on_config(config: Any) -> Any:
    """Site name from briefing.yml; hand-written pages added to nav."""
    project = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
    title = briefing_title(project)
    if title:
        # Material writes site_name into the HTML unescaped (as page titles).
        config.site_name = str(escape(title))
    if config.nav:
        docs = Path(config.docs_dir)
        skip = [config.get("not_in_nav"), config.get("exclude_docs")]
        config.nav = extend_nav(config.nav, hand_written_pages(docs, config.nav, skip))
    return config


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

    Besides :func:`on_config`, the plugin carries ``briefing build``'s
    incremental site build (:mod:`generator.site`); a plain ``mkdocs build``
    sets neither of its environment variables and gets none of it.  With
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
        import os

        config = on_config(config)
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

    from generator.cache import CACHE_DIR

    folder = Path(config.config_file_path).resolve().parent / CACHE_DIR / "jinja-site"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # a read-only project still builds, just without the cache
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))


# -- Memory: pages on disk between mkdocs' two passes ---------------------------


SPILL_PREFIX = "mkdocs-spill-"
"""Name of a build's spill folder: this prefix, the process id, a random part."""


def spill_parent(config: Any) -> Optional[str]:
    """The project's ``.briefing-cache/`` (made if needed), swept of the spill
    folders of builds that died without cleaning up; None (the system's
    temporary folder) when it cannot be made, e.g. a read-only project."""
    from generator.cache import CACHE_DIR

    root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
    folder = root / CACHE_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    for old in folder.glob(f"{SPILL_PREFIX}*"):
        pid = old.name[len(SPILL_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            import shutil

            shutil.rmtree(old, ignore_errors=True)
    return str(folder)


def _alive(pid: int) -> bool:
    """Whether process *pid* exists (always "yes" on Windows, where
    ``os.kill(pid, 0)`` would terminate it)."""
    if pid == os.getpid() or os.name == "nt":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but not ours to signal (or no kill on this system): leave it
        return True
    return True


class PageSpill:
    """Each page's HTML, and its search entries, on disk instead of in memory.

    Why: mkdocs' ``build()`` converts every page first (keeping its Markdown
    and HTML on the Page object) and renders them with the theme only after
    the last one, and never lets go of either; the search plugin then keeps
    every page's text until it dumps the whole index as one string.  At
    10,000 articles that was 1.8 GB.  Here each page's HTML waits in a file of
    a per-build temporary folder between the two passes and is dropped once
    the page is written; its search entries are encoded as the search plugin
    would encode them and appended to one file, and the index is written by
    splicing that file into the (empty) index the plugin wrote.  The bytes are
    those of a build without it: JSON text of a list is its items' texts
    joined by the separator, so encoding entry by entry changes nothing.

    The folder is removed when the build ends, fails or is interrupted
    (``on_post_build``, ``on_build_error``, ``on_shutdown``; the
    TemporaryDirectory's own finalizer at exit as a last resort); one a
    killed build left is swept by the next (:func:`spill_parent`).  It lives
    under *parent* (the project's ``.briefing-cache/``), not in the system's
    temporary folder: that is often a tmpfs, where the spilled pages would
    still take memory.
    """

    PAGES_FILE = "pages.html"
    SEARCH_FILE = "search-docs.json"

    def __init__(self, parent: Optional[str] = None) -> None:
        self._parent = parent
        self._tmp: Optional[Any] = None
        self._html: dict[str, tuple[int, int]] = {}
        """Per page (src_uri): offset and length of its HTML in the pages file."""
        self._pages_fd: Optional[int] = None
        self._size = 0
        self._search: Any = None
        """None: not decided yet; False: entries stay with the search plugin; else the plugin."""
        self._search_fh: Any = None
        self._entries = 0

    def _folder(self) -> str:
        import tempfile

        if self._tmp is None:
            self._tmp = tempfile.TemporaryDirectory(prefix=f"{SPILL_PREFIX}{os.getpid()}-", dir=self._parent)
        return self._tmp.name

    def put_html(self, key: str, html: str) -> None:
        """Append the page's HTML to the one pages file (a file per page cost
        ~0.6 ms each to create: 2 s CPU for 3,000 pages, against 0.1 s)."""
        if self._pages_fd is None:
            self._pages_fd = os.open(os.path.join(self._folder(), self.PAGES_FILE),
                                     os.O_RDWR | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
        data = html.encode("utf-8", "surrogatepass")  # any str comes back as it went
        os.lseek(self._pages_fd, self._size, os.SEEK_SET)
        view = memoryview(data)
        while view:
            view = view[os.write(self._pages_fd, view):]
        self._html[key] = (self._size, len(data))
        self._size += len(data)

    def take_html(self, key: str) -> Optional[str]:
        """The page's HTML, once (None when it was not spilled or was taken)."""
        span = self._html.pop(key, None)
        if span is None or self._pages_fd is None:
            return None
        offset, length = span
        os.lseek(self._pages_fd, offset, os.SEEK_SET)
        parts, left = [], length
        while left:
            chunk = os.read(self._pages_fd, left)
            if not chunk:
                raise PluginError(f"briefing: the page spill file ended early ({key})")
            parts.append(chunk)
            left -= len(chunk)
        return b"".join(parts).decode("utf-8", "surrogatepass")

    def take_search_entries(self, config: Any) -> None:
        """Move the entries the search plugin just made for a page to the spill file."""
        search = self._search_target(config)
        if not search:
            return
        import json

        entries = search.search_index.entries
        if not entries:
            return
        if self._search_fh is None:
            self._search_fh = open(os.path.join(self._folder(), self.SEARCH_FILE), "wb")
        parts = []
        for entry in entries:
            # What the plugin's json.dumps(..., separators=(",", ":"), default=str) writes for it.
            parts.append(json.dumps(entry, separators=(",", ":"), default=str))
        text = ",".join(parts)
        self._search_fh.write(((b"," if self._entries else b"") + text.encode("utf-8")))
        self._entries += len(entries)
        del entries[:]

    def _search_target(self, config: Any) -> Any:
        """The search plugin when its entries can be spilled: Material's, enabled,
        and not keeping an index across `mkdocs serve --dirty` rebuilds."""
        if self._search is None:
            search = _search_plugin(config)
            ok = (search is not None and getattr(search, "config", {}).get("enabled", True)
                  and not getattr(search, "is_dirty", True)
                  and getattr(search, "search_index_prev", None) is None)
            self._search = search if ok else False
        return self._search

    def complete_search_index(self, config: Any) -> None:
        """Put the spilled entries into the index the search plugin wrote without them."""
        if not self._search or self._search_fh is None:
            return
        self._search_fh.close()
        path = Path(config.site_dir) / "search" / "search_index.json"
        head = path.read_bytes() if path.exists() else b""
        tail = b'"docs":[]}'
        if not head.endswith(tail):
            raise PluginError(f"briefing: {path} is not the index we know how to complete; "
                              "set release_pages: false under the briefing plugin in mkdocs.yml")
        tmp = path.with_name(f".{path.name}.briefing.tmp")
        with open(tmp, "wb") as out, open(os.path.join(self._folder(), self.SEARCH_FILE), "rb") as src:
            out.write(head[:-2])
            while True:
                chunk = src.read(1 << 20)
                if not chunk:
                    break
                out.write(chunk)
            out.write(b"]}")
        os.replace(tmp, path)

    def close(self) -> None:
        """Remove the folder and everything in it (idempotent)."""
        if self._search_fh is not None:
            self._search_fh.close()
            self._search_fh = None
        if self._pages_fd is not None:
            os.close(self._pages_fd)
            self._pages_fd = None
        self._html.clear()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None


# -- Links inside raw HTML ------------------------------------------------------

log = logging.getLogger("mkdocs.plugins.briefing")
_RAW_HREF = re.compile(r'<a\s[^<>]*?\bhref="([^"]*)"')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def check_raw_links(page: Any, config: Any, files: Any) -> None:
    """Validate the ``<a href>`` links written as raw HTML in a generated page.

    Why: mkdocs checks only Markdown links, and our big pages write their
    provenance, matrix and entries as raw HTML (a raw block costs Markdown
    almost nothing; guide/docs/performance-history.md "Where mkdocs spends its time").  A missing target
    is reported here at ``validation.links.not_found``; an anchor link joins
    the page's ``links_to_anchors``, so mkdocs' own end-of-build check (and
    the incremental build's record of it) treats it like any Markdown link.
    Hand-written pages are skipped: their raw HTML may show examples in code.
    """
    import html as _html
    import posixpath

    if not page.meta.get("generated_by") or not page.markdown:
        return
    base = posixpath.dirname(page.file.src_uri)
    for raw in dict.fromkeys(_RAW_HREF.findall(page.markdown)):
        href = _html.unescape(raw)
        if not href or _SCHEME.match(href) or href.startswith(("/", "//")):
            continue
        path, _, anchor = href.partition("#")
        if not path:
            target = page.file
        else:
            rel = posixpath.normpath(posixpath.join(base, path))
            target = files.get_file_from_path(rel[:-5] + ".md" if rel.endswith(".html") else rel)
            if target is None:
                log.log(config.validation.links.not_found,
                        f"Doc file '{page.file.src_uri}' contains a raw HTML link '{href}', "
                        f"but the target '{rel}' is not found among documentation files.")
                continue
        if anchor and target.page is not None and page.links_to_anchors is not None:
            page.links_to_anchors.setdefault(target, {}).setdefault(anchor, href)


# -- Incremental builds ---------------------------------------------------------

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
    :mod:`generator.site`), never by mtimes.  Every page embeds the navigation,
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
        import json

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
        search = _search_plugin(config)
        if search is not None:
            n = len(search.search_index.entries)
            self.search_spans[page.file.src_uri] = (self._seen, n)
            self._seen = n

    def merge_search(self, config: Any) -> None:
        """The search index a full build writes: per page in build order, the new
        entries of rebuilt pages and the previous index's entries of the others."""
        import json

        search = _search_plugin(config)
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


def _search_plugin(config: Any) -> Any:
    """Material's search plugin, when it is the one configured (``- search``
    under the Material theme resolves to it)."""
    plugin = config.plugins.get("material/search")
    index = getattr(plugin, "search_index", None)
    return plugin if isinstance(getattr(index, "entries", None), list) else None


def nav_fingerprint(items: Any) -> list:
    """What every page's HTML shows of the navigation: kind, title, address and
    front matter of each item (Material shows a nav page's icon and status)."""
    import json

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
    import json

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
