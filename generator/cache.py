"""Incremental extraction: per-article results cached by content and rules.

Re-extracting a corpus after adding one article should cost one article, not
all of them.  A result is stored under the article's content hash *and*
:data:`generator.RULES_VERSION`, so editing an article or changing the rules
redoes exactly what they affect -- nothing else can make a cached entry stale.

Values are JSON (``model_dump(mode="json")`` of the per-article records), not
pickle: a cache folder is only ever data, never code.  The cache lives in
``.briefing-cache/`` (gitignored) and is always safe to delete.  A corrupt or
unreadable entry is treated as a miss, never as an error.
"""

from __future__ import annotations

import hashlib
import json
import os
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

    def __init__(self, directory: Path, rules_version: str = RULES_VERSION):
        self.dir = Path(directory)
        self.rules_version = rules_version
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        safe = "".join(c for c in str(key) if c.isalnum() or c in "-_")[:128]
        if not safe:
            raise ValueError(f"unusable cache key {key!r}")
        return self.dir / f"rules-{self.rules_version}" / safe[:2] / f"{safe}.json"

    def get(self, key: str) -> Optional[Any]:
        """The cached value for *key*, or None on a miss (or a damaged entry)."""
        try:
            with open(self._path(key), encoding="utf-8") as fh:
                value = json.load(fh)
        except (OSError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        """Store a JSON-serialisable *value* atomically (temp file + rename)."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(value, fh, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
