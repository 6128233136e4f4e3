"""Incremental extraction: per-article results cached by content and rules.

Re-extracting a corpus after adding one article should cost one article, not
all of them.  A result is stored under the article's content hash *and*
:data:`generator.RULES_VERSION`, so editing an article or changing the rules
redoes exactly what they affect -- nothing else can make a cached entry stale.

Values are JSON by default (``model_dump(mode="json")`` of the per-article
records): a cache folder is then only ever data, never code.  ``fmt="pickle"``
stores any picklable value (e.g. extraction's ``ArticleResult`` dataclasses);
use it only for a cache folder the project itself writes.  The cache lives in
``.briefing-cache/`` (gitignored) and is always safe to delete.  A corrupt or
unreadable entry is treated as a miss, never as an error.

Wired into extraction: ``extract_briefing(..., cache=ArticleCache(...))``
splits the per-article work with :meth:`ArticleCache.lookup_blobs` and stores
what it computed with :meth:`ArticleCache.store_blobs` (the pickled bytes
extraction keeps anyway, so a result is pickled once, not twice).  The key
(:meth:`ArticleCache.key_for`) covers everything the per-article step reads --
the article's content hash, id, publication date (relative dates anchor on
it) and sentence numbering, the issue lexicon, the spaCy model name,
:data:`generator.RULES_VERSION` -- and a fingerprint of the extraction code
itself (``generator/extract/*.py``, ``models.py``): a rule changed without a
version bump still redoes the work instead of serving stale facts.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any, BinaryIO, Callable, Optional


CACHE_DIR = ".briefing-cache"


def content_key(text: str) -> str:
    """A cache key for an article's text (sha256 hex)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ArticleCache:
    """A folder of JSON files, one per (article hash, rules version)."""

    def __init__(self, directory: Path, rules_version: Optional[str] = None, fmt: str = "json"):
        if fmt not in ("json", "pickle"):
            raise ValueError(f"cache format must be json or pickle, not {fmt!r}")
        self.dir = Path(directory)
        self.rules_version = rules_version if rules_version is not None else _rules_version()
        self.fmt = fmt
        self.hits = 0
        self.misses = 0
        self.computed = 0  # results stored by :meth:`store_blobs` (what had to be extracted)

    def _path(self, key: str) -> Path:
        safe = "".join(c for c in str(key) if c.isalnum() or c in "-_")[:128]
        if not safe:
            raise ValueError(f"unusable cache key {key!r}")
        return self.dir / f"rules-{self.rules_version}" / safe[:2] / f"{safe}.{self.fmt}"

    def get(self, key: str) -> Optional[Any]:
        """The cached value for *key*, or None on a miss (or a damaged entry)."""
        try:
            with open(self._path(key), "rb") as fh:
                value = json.loads(fh.read().decode("utf-8")) if self.fmt == "json" else pickle.load(fh)
        except (OSError, ValueError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        """Store *value* (JSON-serialisable, or picklable) atomically (temp file + rename)."""
        if self.fmt == "json":
            blob = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
        else:
            blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self._write(self._path(key), blob)

    @staticmethod
    def _write(path: Path, blob: bytes) -> None:
        write_atomic(path, lambda fh: fh.write(blob))

    # -- the per-article extraction step ------------------------------------

    def key_for(self, article: Any, issues: list, model: str) -> str:
        """The key of one article's extraction: everything the step reads."""
        lexicon = json.dumps([i.model_dump(mode="json") for i in issues], sort_keys=True)
        numbering = ",".join(str(s.index) for s in article.sentences)
        parts = [article.hash, article.id, str(article.published), numbering, model or "",
                 self.rules_version, _code_fingerprint(), content_key(lexicon)]
        return content_key("\x1f".join(parts))

    def lookup_blobs(self, args: list[tuple]) -> tuple[list[tuple[str, bytes]], list[tuple]]:
        """Split ``(article, issues, model)`` work items into cached hits and items to run.

        Each hit is ``(article id, pickled result)``: extraction keeps every
        result as one pickled ``bytes`` until the reduce (far smaller than the
        live objects), so a hit is returned as the file's bytes -- after checking that they unpickle, so a damaged
        entry is still a miss, never an error later.
        """
        if self.fmt != "pickle":
            raise ValueError("lookup_blobs needs a pickle cache")
        done, todo = [], []
        for item in args:
            blob = self._read_blob(self.key_for(*item))
            if blob is None:
                todo.append(item)
            else:
                done.append((item[0].id, blob))
        return done, todo

    def _read_blob(self, key: str) -> Optional[bytes]:
        try:
            with open(self._path(key), "rb") as fh:
                blob = fh.read()
            _check(blob)
        except (OSError, ValueError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                TypeError, IndexError, KeyError):
            self.misses += 1
            return None
        self.hits += 1
        return blob

    def store_blobs(self, args: list[tuple], blobs: list[bytes]) -> None:
        """Keep already-pickled results for *args* (same order): written as they are."""
        for item, blob in zip(args, blobs):
            self._write(self._path(self.key_for(*item)), blob)
            self.computed += 1


def _check(blob: bytes) -> None:
    """Unpickle a stored result in full, both layers (see
    :func:`generator.extract.pack_result`), so a damaged entry is a miss here,
    not an error later in the reduce."""
    from .extract import unpack_result  # extraction imports nothing from here

    unpack_result(blob)


def write_atomic(path: Path, fill: Callable[[BinaryIO], Any]) -> None:
    """Write *path* atomically: *fill* writes a temp file beside it, then a rename.

    *fill* gets the open file, so a large value can be pickled straight into it
    (``pickle.dump``) without a second copy of its bytes in memory.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fill(fh)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def keep_pickle(path: Path, value: Any) -> None:
    """Pickle *value* to the cache file *path* atomically; a cache that cannot
    be written (disk full, read-only) never fails the command that uses it."""
    try:
        write_atomic(path, lambda fh: pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass


def _rules_version() -> str:
    """Read at call time, so a bump (or a test's monkeypatch) takes effect at once."""
    from . import RULES_VERSION as current

    return current


_FINGERPRINT: dict[tuple, str] = {}


def _code_fingerprint() -> str:
    """sha256 over the extraction code (generator/extract/*.py, models.py).

    RULES_VERSION is bumped by hand and easily forgotten; hashing the code
    that produces a result means an edited rule can never be served from a
    stale entry.  Memoised on the files' (name, size, mtime).
    """
    here = Path(__file__).parent
    files = sorted((here / "extract").glob("*.py")) + [here / "models.py"]
    stamp = tuple((f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in files if f.exists())
    if stamp not in _FINGERPRINT:
        h = hashlib.sha256()
        for f in files:
            if f.exists():
                h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
        _FINGERPRINT.clear()
        _FINGERPRINT[stamp] = h.hexdigest()
    return _FINGERPRINT[stamp]
