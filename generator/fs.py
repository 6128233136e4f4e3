"""The one atomic write of a single file.

Why atomic: a reader (mkdocs, a browser, the next build) and a crash both see
either the old file or the new one, never half of it.  The bytes go to a
temporary file beside the target, named ``.<name>.<8 random characters>.tmp``
(what :mod:`generator.writer` recognises as its own leftover), and
``os.replace`` puts it in place.  The multi-file writes (the page writer, the
data store) stage every file this way first, then rename them all.
"""

from __future__ import annotations

import filecmp
import os
import tempfile
from pathlib import Path
from typing import Any, BinaryIO, Callable, Optional, Union

from .runtime import umask


def write_atomic(path: Path, content: Union[bytes, Callable[[BinaryIO], Any]],
                 mode: Optional[int] = None) -> None:
    """Write *path* atomically: *content* (bytes, or a function that writes
    into the open temporary file, so a large value needs no second copy in
    memory), then a rename.  *mode* sets the file's permissions (a temporary
    file is made 0600).  On any failure the temporary file is removed and the
    old *path* is left as it was."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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


def _mode(path: Path) -> int:
    """Keep an existing file's permissions; new files get the usual 0666 & ~umask."""
    if path.exists():
        return path.stat().st_mode & 0o777
    return 0o666 & ~umask()


def write_all(files: dict[Path, Any]) -> int:
    """Write several text files as one step: all temps first, then renames.

    A text is a ``str`` or an iterable of ``str`` pieces (a :class:`Stream`),
    written as it is produced so a large file never exists whole in memory.
    A crash, a full disk or an error while making a piece leaves every old
    file intact; files whose content did not change are not touched (stable
    mtimes, no spurious rebuilds).  Returns how many files changed.
    """
    files = {p: t for p, t in files.items()
             if not (isinstance(t, str) and p.exists() and p.read_text(encoding="utf-8") == t)}
    temps: list[tuple[str, Path]] = []
    try:
        for path, text in sorted(files.items(), key=lambda kv: kv[0]):
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            temps.append((tmp, path))
            os.chmod(tmp, _mode(path))
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                for piece in ([text] if isinstance(text, str) else text):
                    fh.write(piece)
                fh.flush()
                os.fsync(fh.fileno())
        changed = [(tmp, path) for tmp, path in temps if not _same_file(tmp, path)]
        for tmp, path in temps:
            if (tmp, path) not in changed:
                os.unlink(tmp)
        for tmp, path in changed:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in temps:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise
    return len(changed)


def _same_file(new: str, old: Path) -> bool:
    """Is the temp file *new* byte for byte the existing *old* (then it is not replaced)?"""
    return old.is_file() and filecmp.cmp(new, old, shallow=False)
