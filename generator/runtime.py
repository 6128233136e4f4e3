"""Facts of the running process: the code's fingerprint, the collector's pause, the umask.

Each is written once here, at the bottom of the house, and every room that
needs one imports it: a cache keyed on the code (:func:`code_fingerprint`),
a stage that pauses the cyclic garbage collector (:func:`collector_paused`)
or keeps it off the caller's objects (:func:`heap_frozen`), a file given the
permissions a new file gets (:func:`umask`).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
from pathlib import Path
from typing import Iterator, Optional

PACKAGE = Path(__file__).resolve().parent
"""The ``generator`` package: where :func:`code_fingerprint` looks by default."""


def umask() -> int:
    """The process's umask (reading it means setting it: set back at once)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def collector_paused(freeze: bool = False) -> Iterator[None]:
    """The cyclic garbage collector off for a step; a collector that was off stays off.

    Why: our stages (reading articles, mapping and reducing them, loading
    data/) allocate millions of small objects and no reference cycles, and
    every burst of allocations made the collector walk the whole growing heap
    again.  Reference counting still frees everything.

    *freeze*: at the end, move what the step left alive out of the
    collector's view (``gc.freeze()``, O(1)), so the next collections do not
    walk it either; the caller's stage hands it back with ``gc.unfreeze()``.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def heap_frozen() -> Iterator[bool]:
    """Keep the collector off what is alive now, until the block ends.

    Why: a stage that allocates millions of short-lived objects makes the
    collector run its full pass over and over, and each pass walks every
    object alive, including the caller's (hundreds of thousands of sentence
    objects at 10,000 articles) that the stage never frees.  ``gc.freeze()``
    moves them out of its view, ``gc.unfreeze()`` at the end puts them back;
    garbage the block makes is collected as before.

    Yields whether it froze: False when the caller had frozen objects of its
    own, whose freeze is then neither extended nor undone.
    """
    if gc.get_freeze_count():
        yield False
        return
    gc.freeze()
    try:
        yield True
    finally:
        gc.unfreeze()


_FINGERPRINTS: dict[tuple, str] = {}


def code_fingerprint(patterns: tuple[str, ...] = ("**/*.py",), root: Optional[Path] = None) -> str:
    """SHA-256 over the files of *root* (default: the package) that *patterns* match.

    Each file is fed as its path relative to *root* and its bytes, in sorted
    order, so a rename, an edit, an added or a removed file each change it.
    Why hash code at all: a cache keyed on a hand-bumped version serves stale
    results the day someone forgets to bump it; keyed on the code, an edited
    rule or template function can never be served from an old entry.
    Memoised on every file's (path, size, mtime, ctime), so asking again costs
    a ``stat`` per file.
    """
    root = PACKAGE if root is None else Path(root)
    files = sorted({p for pattern in patterns for p in root.glob(pattern) if p.is_file()})
    stats = []
    for p in files:
        st = p.stat()
        stats.append((p.relative_to(root).as_posix(), st.st_size, st.st_mtime_ns, st.st_ctime_ns))
    key = (str(root), patterns, tuple(stats))
    if key not in _FINGERPRINTS:
        h = hashlib.sha256()
        for p, (rel, *_stat) in zip(files, stats):
            h.update(rel.encode() + b"\0" + p.read_bytes() + b"\0")
        if len(_FINGERPRINTS) > 64:
            _FINGERPRINTS.clear()
        _FINGERPRINTS[key] = h.hexdigest()
    return _FINGERPRINTS[key]
