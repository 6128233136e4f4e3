"""The project lock: one build (or extract, or render) at a time per project.

Two ``briefing build`` runs in one folder would interleave writes to data/,
docs/ and site/.  ``fcntl.flock`` on ``.build.lock`` makes the second one fail
fast with a message naming the holder.  The kernel drops the lock when the
process dies, so a crash never leaves the project locked; the file itself
stays (it only records the last holder's pid).

The lock is re-entrant within one process (``build --extract`` runs extract
inside build), counted per lock file.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import LockError

LOCK_FILE = ".build.lock"

_held: dict[Path, list] = {}  # lock path -> [file object, depth]


@contextmanager
def project_lock(root: Path) -> Iterator[Path]:
    """Hold ``<root>/.build.lock`` for the duration of the block.

    Raises LockError at once (no waiting) when another process holds it.
    """
    path = (Path(root) / LOCK_FILE).resolve()
    if path in _held:
        _held[path][1] += 1
        try:
            yield path
        finally:
            _held[path][1] -= 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = open(path, "a+", encoding="utf-8")
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.seek(0)
        pid = fh.read().strip() or "unknown"
        fh.close()
        raise LockError(
            f"another briefing build is running (pid {pid}); wait for it or remove {LOCK_FILE}"
        ) from None
    fh.seek(0)
    fh.truncate()
    fh.write(f"{os.getpid()}\n")
    fh.flush()
    _held[path] = [fh, 1]
    try:
        yield path
    finally:
        del _held[path]
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
        fh.close()
