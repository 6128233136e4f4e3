"""The one place that writes generated files (a Pelican-style single writer).

Why a single writer: two templates writing the same page, or a slug such as
``../../etc`` escaping ``docs/``, are bugs that must stop the build rather than
silently clobber a file.  Writing only when the bytes changed keeps
``mkdocs serve`` reloads fast and makes the "pages written" count honest;
writing through a temporary file and ``os.replace`` means a reader (or a crash)
never sees half a page.

Staging (:meth:`Writer.stage_text`, :meth:`Writer.stage_chunks`, then
:meth:`Writer.commit` or :meth:`Writer.abort`) is the same promise for a
whole render without holding it in memory: each file goes to its temporary
file as soon as it is produced (only the path is kept), and nothing visible
changes until ``commit`` renames them all.  A failure before that (a template
error on page 9,000, a full disk) leaves docs/ exactly as it was.
"""

from __future__ import annotations

import filecmp
import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Iterable, Union

from .errors import BriefingError, os_error_hint
from .fs import write_atomic
from .runtime import umask

_SEGMENT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


_FILE_MODE = 0o666 & ~umask()


class WriteError(BriefingError):
    """A generated path is unsafe or was produced twice in one run."""


def check_relpath(relpath: str) -> str:
    """Return *relpath* normalised to ``/`` separators, or raise WriteError.

    Only relative paths made of slug-like segments are allowed: no ``..``,
    no absolute paths, no NUL, no hidden files, no backslashes.
    """
    if not isinstance(relpath, str) or not relpath:
        raise WriteError(f"refusing to write an empty path: {relpath!r}")
    if "\x00" in relpath or "\\" in relpath:
        raise WriteError(f"refusing to write {relpath!r}: NUL or backslash in path")
    if relpath.startswith("/") or re.match(r"^[A-Za-z]:", relpath):
        raise WriteError(f"refusing to write {relpath!r}: absolute path")
    parts = relpath.split("/")
    for part in parts:
        if part in ("", ".", "..") or not _SEGMENT_RE.match(part):
            raise WriteError(
                f"refusing to write {relpath!r}: segment {part!r} is not a slug "
                "(letters, digits, '.', '_', '-'; no '..')"
            )
    return "/".join(parts)


_TEMP_RE = re.compile(r"^\.[A-Za-z0-9][A-Za-z0-9._-]*\.[A-Za-z0-9_]{8}\.tmp$")
"""A temporary file of ours: ``.<name>.<mkstemp's 8 random characters>.tmp``."""


def sweep_temps(root: Path) -> int:
    """Remove temporary files a killed earlier run left under *root*.

    Why: staging writes every page to a temp file before any rename, so a
    SIGKILL half way can leave thousands of hidden ``.*.tmp`` files in docs/.
    Called when a Writer starts; the project lock (lock.py) guarantees no
    other run is staging at the same time.  Returns how many were removed.
    """
    removed = 0
    if not Path(root).is_dir():
        return 0
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            if _TEMP_RE.match(name):
                Path(dirpath, name).unlink(missing_ok=True)
                removed += 1
    return removed


class Writer:
    """Writes files under *root*, each path at most once per run."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        sweep_temps(self.root)
        self.seen: set[str] = set()
        self.written: list[str] = []
        self._staged: dict[str, tuple[str, Path]] = {}  # key -> (temp file, target)
        self._made: list[Path] = []  # folders staging created (removed again on abort)

    def target(self, relpath: str) -> Path:
        """Absolute path of *relpath* after the safety checks."""
        rel = check_relpath(relpath)
        path = (self.root / rel).resolve()
        if self.root != path and self.root not in path.parents:
            raise WriteError(f"refusing to write {relpath!r}: it resolves outside {self.root}")
        return path

    def _claim(self, relpath: str) -> tuple[str, Path]:
        """(key, target) of *relpath*, which must not have been produced before in this run."""
        path = self.target(relpath)
        key = check_relpath(relpath)
        if key in self.seen:
            raise WriteError(f"{key} was generated twice in one run (two records with one slug?)")
        self.seen.add(key)
        return key, path

    def write(self, relpath: str, text: str) -> bool:
        """Write *text* to *relpath*; return True if the file changed."""
        key, path = self._claim(relpath)
        data = text.encode("utf-8")
        try:
            if path.is_file() and path.read_bytes() == data:
                return False
        except OSError:
            pass
        try:
            write_atomic(path, data, mode=_FILE_MODE)  # mkstemp makes 0600; pages must be readable
        except OSError as exc:  # disk full, file too large: name the page, keep the old one
            raise WriteError(f"cannot write {path}: {exc.strerror or exc}; the previous page was "
                             f"kept ({os_error_hint(exc)}, then re-run)") from exc
        self.written.append(key)
        return True

    # -- staging: a whole run, all or nothing, without holding it in memory --

    def stage_text(self, relpath: str, text: str) -> str:
        """Stage *text* for *relpath* (nothing visible until :meth:`commit`);
        return the sha256 of its UTF-8 bytes.  An identical file is not staged."""
        key, path = self._claim(relpath)
        data = text.encode("utf-8")
        try:
            if path.is_file() and path.read_bytes() == data:
                return hashlib.sha256(data).hexdigest()
        except OSError:
            pass
        return self._stage(key, path, [data])

    def stage_chunks(self, relpath: str, chunks: Iterable[Union[str, bytes]]) -> str:
        """:meth:`stage_text` of the chunks joined, written chunk by chunk (a
        100 MB download is never one string); a bytes chunk is UTF-8 already."""
        key, path = self._claim(relpath)
        return self._stage(key, path, (c.encode("utf-8") if isinstance(c, str) else c for c in chunks))

    def _stage(self, key: str, path: Path, blocks: Iterable[bytes]) -> str:
        self._mkdirs(path.parent)
        h = hashlib.sha256()
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        except OSError as exc:
            raise WriteError(f"cannot write {path}: {exc.strerror or exc}; nothing was changed "
                             f"({os_error_hint(exc)}, then re-run)") from exc
        self._staged[key] = (tmp, path)  # before writing: abort() must find it whatever happens
        try:
            with os.fdopen(fd, "wb") as fh:
                for block in blocks:
                    h.update(block)
                    fh.write(block)
            os.chmod(tmp, _FILE_MODE)  # mkstemp makes 0600; pages must be readable
        except OSError as exc:  # disk full, file too large: name the page, change nothing
            raise WriteError(f"cannot write {path}: {exc.strerror or exc}; nothing was changed "
                             f"({os_error_hint(exc)}, then re-run)") from exc
        if _same_file(path, tmp):  # unchanged: leave the old file (and its mtime) alone
            del self._staged[key]
            Path(tmp).unlink(missing_ok=True)
        return h.hexdigest()

    def _mkdirs(self, folder: Path) -> None:
        """Create *folder* and missing parents up to the root itself (a new
        project has no docs/ yet), remembering them for :meth:`abort`."""
        missing = []
        while not folder.exists() and (folder == self.root or self.root in folder.parents):
            missing.append(folder)
            folder = folder.parent
        for f in reversed(missing):
            f.mkdir(exist_ok=True)
            self._made.append(f)

    def commit(self) -> int:
        """Move every staged file into place (sorted); return how many changed."""
        done = 0
        try:
            for key in sorted(self._staged):
                tmp, path = self._staged[key]
                try:
                    os.replace(tmp, path)
                except OSError as exc:
                    raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from exc
                del self._staged[key]
                self.written.append(key)
                done += 1
        finally:
            self.abort()  # after a failure: no temporary file left behind
        return done

    def abort(self) -> None:
        """Delete every staged temporary file and the folders staging made (if empty)."""
        for tmp, _ in self._staged.values():
            Path(tmp).unlink(missing_ok=True)
        self._staged.clear()
        for folder in reversed(self._made):
            try:
                folder.rmdir()
            except OSError:  # not empty (a file was committed into it) or gone
                pass
        self._made.clear()


def _same_file(path: Path, tmp: str) -> bool:
    try:
        return path.is_file() and filecmp.cmp(path, tmp, shallow=False)
    except OSError:
        return False
