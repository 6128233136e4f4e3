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

Wiring it into extraction (``generator/extract/__init__.py``): the key must
cover everything the per-article step reads -- the article's content hash,
its id and publication date (relative dates anchor on it), the issue lexicon
and the spaCy model name -- e.g.::

    cache = ArticleCache(cfg.root / CACHE_DIR, fmt="pickle")
    key = content_key("\x1f".join([a.hash, a.id, str(a.published), model, issues_json]))
    result = cache.get(key)
    if result is None:
        result = _run((a, issues, model))
        cache.put(key, result)
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any, Optional

from . import RULES_VERSION

CACHE_DIR = ".briefing-cache"


def content_key(text: str) -> str:
    """A cache key for an article's text (sha256 hex)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ArticleCache:
    """A folder of JSON files, one per (article hash, rules version)."""

    def __init__(self, directory: Path, rules_version: str = RULES_VERSION, fmt: str = "json"):
        if fmt not in ("json", "pickle"):
            raise ValueError(f"cache format must be json or pickle, not {fmt!r}")
        self.dir = Path(directory)
        self.rules_version = rules_version
        self.fmt = fmt
        self.hits = 0
        self.misses = 0

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
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                if self.fmt == "json":
                    fh.write(json.dumps(value, ensure_ascii=False, sort_keys=True,
                                        separators=(",", ":")).encode("utf-8"))
                else:
                    pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
