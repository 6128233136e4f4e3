"""Writing files so that nobody ever sees half of one.

Two ways, each written once here:

* :func:`write_atomic` -- one file: a reader (mkdocs, a browser, the next
  build) and a crash both see either the old file or the new one.
* :class:`Staging` -- many files as one step: each goes to its temporary
  file as soon as it is produced (a large run is never held in memory), and
  nothing visible changes until :meth:`Staging.commit` renames them all; a
  failure before that (a template error on page 9,000, a full disk, a piece
  that cannot be made) leaves every old file as it was.  The page writer
  (:mod:`generator.writer`) and the data store (:func:`write_all`) use it.

Every temporary file sits beside its target, named
``.<name>.<8 random characters>.tmp`` (:data:`TEMP_RE`; :func:`sweep_temps`
removes what a killed run left), so the final ``os.replace`` never crosses a
file system.
"""

from __future__ import annotations

import filecmp
import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Mapping, Optional, Union

from .runtime import umask


def new_file_mode() -> int:
    """The permissions a new file gets (``0666 & ~umask``): a temporary file is
    made 0600, and a page or data file must stay readable by others."""
    return 0o666 & ~umask()


def kept_mode(path: Path) -> int:
    """An existing file's permissions (an editor's choice is kept); a new file's otherwise."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return new_file_mode()


def _temp_beside(path: Path) -> tuple[int, str]:
    return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)


def write_atomic(path: Path, content: Union[bytes, Callable[[BinaryIO], Any]],
                 mode: Optional[int] = None) -> None:
    """Write *path* atomically: *content* (bytes, or a function that writes
    into the open temporary file, so a large value needs no second copy in
    memory), then a rename.  *mode* sets the file's permissions (a temporary
    file is made 0600).  On any failure the temporary file is removed and the
    old *path* is left as it was."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(content, (bytes, bytearray)):
                fh.write(content)
            else:
                content(fh)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Staging:
    """Files staged beside their targets, then all renamed into place (or all dropped).

    A staged file whose bytes equal the existing file's is dropped at once:
    the old file (and its mtime) stays, so nothing downstream rebuilds it.
    *fsync*: each temporary file reaches the disk before any rename (the
    editor's data; pages can be rendered again).
    """

    def __init__(self, fsync: bool = False):
        self.fsync = fsync
        self._staged: dict[Path, str] = {}  # target -> its temporary file
        self._made: list[Path] = []  # folders staging created (removed again on abort, if empty)

    def stage(self, path: Path, blocks: Iterable[bytes], mode: int) -> str:
        """Write *blocks* to a temporary file for *path* (made 0600, then *mode*);
        return the sha256 of the bytes.  Nothing is visible until :meth:`commit`."""
        self._mkdirs(path.parent)
        fd, tmp = _temp_beside(path)
        self._staged[path] = tmp  # before writing: abort() must find it whatever happens
        h = hashlib.sha256()
        with os.fdopen(fd, "wb") as fh:
            for block in blocks:
                h.update(block)
                fh.write(block)
            if self.fsync:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if _same_file(path, tmp):
            del self._staged[path]
            Path(tmp).unlink(missing_ok=True)
        return h.hexdigest()

    def stage_text(self, path: Path, text: Union[str, Iterable[str]]) -> None:
        """:meth:`stage` a UTF-8 text file keeping an existing file's permissions:
        *text* is a ``str`` or ``str`` pieces, written as they are produced (a
        large file never exists whole in memory); a ``str`` equal to the file
        as it is is not written at all."""
        if isinstance(text, str) and path.exists() and path.read_text(encoding="utf-8") == text:
            return
        pieces = [text] if isinstance(text, str) else text
        self.stage(path, (piece.encode("utf-8") for piece in pieces), kept_mode(path))

    def _mkdirs(self, folder: Path) -> None:
        missing = []
        while not folder.exists() and folder != folder.parent:
            missing.append(folder)
            folder = folder.parent
        for f in reversed(missing):
            f.mkdir(exist_ok=True)
            self._made.append(f)

    def commit(self) -> list[Path]:
        """Rename every staged file into place (sorted by path); return their paths.
        On a failure the rest are dropped and the OSError raised."""
        done = []
        try:
            for path in sorted(self._staged, key=str):
                os.replace(self._staged[path], path)
                del self._staged[path]
                done.append(path)
        finally:
            self.abort()  # after a failure: no temporary file left behind
        return done

    def abort(self) -> None:
        """Delete every staged temporary file and the folders staging made (if empty)."""
        for tmp in self._staged.values():
            Path(tmp).unlink(missing_ok=True)
        self._staged.clear()
        for folder in reversed(self._made):
            try:
                folder.rmdir()
            except OSError:  # not empty (a file was committed into it) or gone
                pass
        self._made.clear()


def _same_file(path: Path, tmp: str) -> bool:
    """Is the temporary file byte for byte the existing *path* (then it is not replaced)?"""
    try:
        return path.is_file() and filecmp.cmp(path, tmp, shallow=False)
    except OSError:
        return False


def write_all(files: Mapping[Path, Union[str, Iterable[str]]]) -> int:
    """Write several UTF-8 text files as one step (a :class:`Staging`, synced);
    return how many changed.

    A text is a ``str`` or an iterable of ``str`` pieces, written as it is
    produced so a large file never exists whole in memory.  A crash, a full
    disk or an error while making a piece leaves every old file intact; an
    existing file keeps its permissions.
    """
    staging = Staging(fsync=True)
    try:
        for path, text in sorted(files.items(), key=lambda kv: str(kv[0])):
            staging.stage_text(path, text)
        return len(staging.commit())
    except BaseException:
        staging.abort()
        raise


TEMP_RE = re.compile(r"^\.[A-Za-z0-9][A-Za-z0-9._-]*\.[A-Za-z0-9_]{8}\.tmp$")
"""A temporary file of ours: ``.<name>.<mkstemp's 8 random characters>.tmp``."""


def sweep_temps(root: Path) -> int:
    """Remove temporary files a killed earlier run left under *root*.

    Why: staging writes every file to a temp file before any rename, so a
    SIGKILL half way can leave thousands of hidden ``.*.tmp`` files in docs/.
    Called when a Writer starts; the project lock (lock.py) guarantees no
    other run is staging at the same time.  Returns how many were removed.
    """
    removed = 0
    if not Path(root).is_dir():
        return 0
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            if TEMP_RE.match(name):
                Path(dirpath, name).unlink(missing_ok=True)
                removed += 1
    return removed
