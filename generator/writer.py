"""The one place that writes generated files (a Pelican-style single writer).

Why a single writer: two templates writing the same page, or a slug such as
``../../etc`` escaping ``docs/``, are bugs that must stop the build rather than
silently clobber a file.  Writing only when the bytes changed keeps
``mkdocs serve`` reloads fast and makes the "pages written" count honest;
writing through a temporary file and ``os.replace`` means a reader (or a crash)
never sees half a page.

Staging (:meth:`Writer.stage_text`, :meth:`Writer.stage_chunks`, then
:meth:`Writer.commit` or :meth:`Writer.abort`) is the same promise for a
whole render without holding it in memory (:class:`generator.fs.Staging`):
nothing visible changes until ``commit`` renames every page, and a failure
before that (a template error on page 9,000, a full disk) leaves docs/
exactly as it was.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Iterable, Union

from .errors import BriefingError, os_error_hint
from .fs import Staging, new_file_mode, sweep_temps, write_atomic

_SEGMENT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

_FILE_MODE = new_file_mode()


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


class Writer:
    """Writes files under *root*, each path at most once per run."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        sweep_temps(self.root)
        self.seen: set[str] = set()
        self.written: list[str] = []
        self._staging = Staging()
        self._keys: dict[Path, str] = {}  # staged target -> its key

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
        try:
            sha = self._staging.stage(path, blocks, _FILE_MODE)  # pages must be readable
        except OSError as exc:  # disk full, file too large: name the page, change nothing
            raise WriteError(f"cannot write {path}: {exc.strerror or exc}; nothing was changed "
                             f"({os_error_hint(exc)}, then re-run)") from exc
        self._keys[path] = key
        return sha

    def commit(self) -> int:
        """Move every staged file into place (sorted); return how many changed."""
        try:
            done = self._staging.commit()
        except OSError as exc:
            raise WriteError(f"cannot write {exc.filename2 or exc.filename}: {exc.strerror or exc}") from exc
        finally:
            keys, self._keys = self._keys, {}
        self.written.extend(keys[path] for path in done)
        return len(done)

    def abort(self) -> None:
        """Delete every staged temporary file and the folders staging made (if empty)."""
        self._staging.abort()
        self._keys.clear()
