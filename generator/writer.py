"""The one place that writes generated files (a Pelican-style single writer).

Why a single writer: two templates writing the same page, or a slug such as
``../../etc`` escaping ``docs/``, are bugs that must stop the build rather than
silently clobber a file.  Writing only when the bytes changed keeps
``mkdocs serve`` reloads fast and makes the "pages written" count honest;
writing through a temporary file and ``os.replace`` means a reader (or a crash)
never sees half a page.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from .errors import BriefingError

_SEGMENT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()


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
        self.seen: set[str] = set()
        self.written: list[str] = []

    def target(self, relpath: str) -> Path:
        """Absolute path of *relpath* after the safety checks."""
        rel = check_relpath(relpath)
        path = (self.root / rel).resolve()
        if self.root != path and self.root not in path.parents:
            raise WriteError(f"refusing to write {relpath!r}: it resolves outside {self.root}")
        return path

    def write(self, relpath: str, text: str) -> bool:
        """Write *text* to *relpath*; return True if the file changed."""
        path = self.target(relpath)
        key = check_relpath(relpath)
        if key in self.seen:
            raise WriteError(f"{key} was generated twice in one run (two records with one slug?)")
        self.seen.add(key)
        data = text.encode("utf-8")
        try:
            if path.is_file() and path.read_bytes() == data:
                return False
        except OSError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, _FILE_MODE)  # mkstemp makes 0600; pages must be readable
            os.replace(tmp, path)
        except OSError as exc:  # disk full, file too large: name the page, keep the old one
            Path(tmp).unlink(missing_ok=True)
            raise WriteError(f"cannot write {path}: {exc.strerror or exc}; the previous page was "
                             "kept (free disk space, then re-run)") from exc
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.written.append(key)
        return True
