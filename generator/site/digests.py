"""What a build reads and leaves, hashed: the input files' digests and the site's listing.

The build stamp (:mod:`.stamp`) and the incremental plan (:mod:`.manifest`)
both ask "which files changed?"; they ask it here.  Content, not mtimes
alone: editors copy files around and restore backups, so a file's bytes are
read again whenever its stat (ctime included) differs from when they were
hashed (:class:`Digests`), and a clock cannot fool it.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import Iterator, Optional

from ..cache import CACHE_DIR, keep, load_file


def scan(folder: str, rel: str = "") -> Iterator[tuple[str, str, os.stat_result]]:
    """(relative POSIX path, path, stat) of every file under *folder*, sorted
    (a folder's files, then its sub-folders), as ``os.walk`` with sorted names
    gives them; symlinked folders are not followed.  ``os.scandir`` and
    strings: walking ~3,000 files with ``Path`` objects cost more than
    hashing them."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return
    subdirs = []
    for entry in entries:
        if entry.is_dir():
            if not entry.is_symlink():
                subdirs.append(entry)
            continue
        try:
            st = entry.stat()
        except OSError:
            continue  # vanished, or a dangling link
        yield rel + entry.name, entry.path, st
    for entry in subdirs:
        yield from scan(entry.path, f"{rel}{entry.name}/")


_RACY_NS = 2_000_000_000
"""A file whose inode changed less than this before it was hashed is hashed
again next time, whatever its stat says (git's "racily clean" rule): a second
write within the file system's timestamp tick could leave the same stat."""

DIGESTS_FILE = "site-digests.msgpack"
"""In ``.briefing-cache/``: the SHA-256 of each input file with the stat it had."""


class Digests:
    """SHA-256 of files, re-read only when their stat changed.

    Why: a build after one edit hashed all of docs/ (~50 MB at 1,000
    articles) up to three times, to learn that ~8 files changed.  A file is
    trusted unread only when its size, mtime, ctime, inode and device all
    equal those it had when it was hashed *and* its ctime was then at least
    :data:`_RACY_NS` old.  The ctime cannot be set back by a program (any
    write, rename-over or ``touch`` moves it), so restoring a backup with old
    mtimes, copying files around or editing in place is always seen.  A
    missing or damaged cache file only means every file is read again.
    """

    FORMAT = 1

    def __init__(self, root: Optional[Path]):
        """*root*: the project, whose cache file is used; None: no cache (hash everything)."""
        self.path = root / CACHE_DIR / DIGESTS_FILE if root is not None else None
        self.entries: dict = {}  # (tree, relative path) -> (stat, sha256, when hashed)
        self.scanned: dict[str, set] = {}  # tree -> relative paths seen in a full scan of it
        self.changed = False
        if self.path is None:
            return
        try:
            fmt, entries = load_file(self.path)
            if fmt == self.FORMAT and isinstance(entries, dict):
                self.entries = entries
        except Exception:  # missing, damaged, older layout: hash everything
            pass

    def sha(self, key: tuple, path: str, st: os.stat_result) -> str:
        """SHA-256 hex of *path*'s bytes (*st*: its stat, taken before reading)."""
        stat = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
        hit = self.entries.get(key)
        if hit is not None and hit[0] == stat and stat[2] + _RACY_NS <= hit[2]:
            return hit[1]
        now = time.time_ns()
        try:
            with open(path, "rb") as fh:
                digest = hashlib.sha256(fh.read()).hexdigest()
        except OSError:
            self.entries.pop(key, None)
            return f"unreadable {time.time_ns()}"  # never 'unchanged', never kept
        self.entries[key] = (stat, digest, now)
        self.changed = True
        return digest

    def tree(self, folder: Path, label: str) -> dict[str, str]:
        """{relative POSIX path: SHA-256} of every file under *folder*."""
        out = {rel: self.sha((label, rel), path, st) for rel, path, st in scan(os.fspath(folder))}
        self.scanned[label] = set(out)
        return out

    def save(self) -> None:
        """Keep what this run hashed or confirmed; files gone from a tree it
        scanned are dropped, trees it did not reach are kept as they were."""
        if self.path is None:
            return
        gone = [k for k in self.entries if k[0] in self.scanned and k[1] not in self.scanned[k[0]]]
        for k in gone:
            del self.entries[k]
        if self.changed or gone:
            keep(self.path, (self.FORMAT, self.entries))
            self.changed = False


def hash_tree(h, folder: Path, label: str, digests: Optional[Digests] = None) -> None:
    """Feed every file under *folder* (relative path + content digest) into *h*, sorted."""
    if not folder.is_dir():
        h.update(f"{label}:absent\n".encode())
        return
    for rel, digest in (digests or Digests(None)).tree(folder, label).items():
        h.update(f"{label}/{rel}\0{digest}\n".encode())

def site_listing(site: Path) -> str:
    """(path, size, mtime) of every file in site/: any change means 'not intact'."""
    h = hashlib.sha256()
    for rel, _path, st in scan(os.fspath(site)):
        h.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()

