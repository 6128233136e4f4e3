"""Memory: each page's HTML and search entries on disk between mkdocs' two passes.

See :class:`PageSpill`; the plugin turns it on with its ``release_pages``
option (:mod:`.plugin`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Optional

from mkdocs.exceptions import PluginError

from ..cache import CACHE_DIR
from ..fs import new_file_mode, write_atomic
from .incremental import search_plugin

SPILL_PREFIX = "mkdocs-spill-"
"""Name of a build's spill folder: this prefix, the process id, a random part."""


def spill_parent(config: Any) -> Optional[str]:
    """The project's ``.briefing-cache/`` (made if needed), swept of the spill
    folders of builds that died without cleaning up; None (the system's
    temporary folder) when it cannot be made, e.g. a read-only project."""
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
            search = search_plugin(config)
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

        def splice(out: Any) -> None:
            with open(os.path.join(self._folder(), self.SEARCH_FILE), "rb") as src:
                out.write(head[:-2])
                while True:
                    chunk = src.read(1 << 20)
                    if not chunk:
                        break
                    out.write(chunk)
                out.write(b"]}")

        write_atomic(path, splice, mode=new_file_mode())  # a web server must read it

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


