"""The parsed cache: each data file's validated records, kept between runs.

``check`` and ``load`` run on every build; re-parsing and re-validating a
100,000-line ``data/`` each time cost seconds.  Kept by the file's bytes
(and, per record, by each item's text), so only what an editor changed is
read again.  See :class:`ParsedCache` for why this is exact.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Optional

import pydantic
from pydantic import ValidationError

from ..cache import CACHE_DIR, keep, load_file
from ..models import RECORD_TYPES
from ..runtime import code_fingerprint
from . import yamlio
from .reader import decoded, read_file
from .validate import DataFile


class ParsedCache:
    """The validated records of each data file, kept in ``.briefing-cache/``
    keyed by the file's bytes, so a build after one edit re-parses only the
    edited file -- and of that file only the records whose text changed.

    Only a file that read entirely valid is kept, and exactly what
    :func:`.reader._fast_read` makes of it is restored (records, plain values, ids,
    text), so every problem is still found: a file's own problems come from
    its bytes (unchanged = still none), and references between files are
    checked afresh on every read.  The key also covers the code that
    validates (``models.py``, the ``store`` package) and pydantic's version.  A
    missing or damaged entry is a miss; a failed write is ignored.

    Per record (:func:`record_chunks`): when a kept file was a plain block
    list, each top-level ``- `` item's text is remembered with its record, so
    after an edit only the items whose text changed are parsed and validated
    (one event title edited: one record of ~4,000, instead of the whole 2 MB
    file).  This is exact because the fast reader refuses anchors, aliases,
    tags and directives -- the only YAML that links one item to another --
    and the split is taken only when every line at column 0 starts an item,
    is a comment or is blank; anything else, and any item that does not read
    as one valid record, reads the whole file as before.
    """

    FORMAT = 2

    def __init__(self, root: Path):
        self.dir = root / CACHE_DIR / "data"

    def read(self, path: Path, rel: str, name: str) -> DataFile:
        try:
            data = path.read_bytes()
        except OSError:
            return read_file(path, rel, name)
        code = self._code_key(name)
        key = self._key(code, data)
        entry = self._path(name)
        old = self._load(entry, code)
        if old is not None and old[0] == key:
            _, records, raw, ids, _ = old
            return DataFile(name=name, rel=rel, exists=True, text=decoded(data), records=records,
                            raw=raw, ids=ids, parsed=True)
        f = None
        if old is not None and old[4] is not None:
            f = _read_by_records(data, rel, name, old)
        if f is None:
            f = read_file(path, rel, name)
        if f.parsed and not f.problems and f.doc is None:
            chunks = record_chunks(f.text)
            digests = None
            if chunks is not None and len(chunks) == len(f.records):
                digests = [_chunk_key(c) for c in chunks]
            # a list, not a tuple: written a record at a time (generator.cache.body_pieces)
            self._keep(entry, [self.FORMAT, code, key, f.records, f.raw, f.ids, digests])
        return f

    def _load(self, entry: Path, code: str) -> Optional[tuple]:
        """(file key, records, raw, ids, item digests) kept for this code, or None."""
        try:
            fmt, got_code, key, records, raw, ids, digests = load_file(entry)
        except Exception:  # missing, damaged, older layout: read the file
            return None
        if fmt != self.FORMAT or got_code != code:
            return None
        return key, records, raw, ids, digests

    def _path(self, name: str) -> Path:
        return self.dir / f"{name}.msgpack"

    _CODE: dict[str, str] = {}

    @classmethod
    def _code_key(cls, name: str) -> str:
        """The file's name and everything that validates it (read once per process)."""
        if name not in cls._CODE:
            code = code_fingerprint(("store/*.py", "models.py"))
            cls._CODE[name] = hashlib.sha256(f"{name}\0{pydantic.VERSION}\0{code}".encode()).hexdigest()
        return cls._CODE[name]

    @staticmethod
    def _key(code: str, data: bytes) -> str:
        return hashlib.sha256(code.encode() + b"\0" + data).hexdigest()

    def _keep(self, entry: Path, value: tuple) -> None:
        keep(entry, value)


_ITEM_START = re.compile(r"^-(?: |$)", re.M)
_OTHER_AT_COLUMN_0 = re.compile(r"^(?![ #]|-(?: |$)|$)", re.M)


def record_chunks(text: str) -> Optional[list[str]]:
    """*text* cut before each top-level ``- `` line: one piece per item.

    None unless the file is a plain block list: nothing but comments and
    blank lines before the first item, no tab, and every other line at
    column 0 starting an item, a comment or empty (a ``---``, a directive,
    a flow list or an indented list is read whole).
    """
    if "\t" in text or _OTHER_AT_COLUMN_0.search(text):
        return None
    starts = [m.start() for m in _ITEM_START.finditer(text)]
    if not starts or any(ln.strip() and not ln.lstrip().startswith("#")
                         for ln in text[:starts[0]].splitlines()):
        return None
    return [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]


def _chunk_key(chunk: str) -> bytes:
    return hashlib.blake2b(chunk.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _read_by_records(data: bytes, rel: str, name: str, old: tuple) -> Optional[DataFile]:
    """Read a file from the records kept for its unchanged items, parsing only
    the changed ones; None when that cannot be done exactly (the caller then
    reads the whole file, which locates any problem)."""
    try:
        text = decoded(data)
    except UnicodeDecodeError:
        return None
    chunks = record_chunks(text)
    if chunks is None:
        return None
    _, old_records, old_raw, _, digests = old
    known = {d: r for d, r in zip(digests, old_records)}
    model = RECORD_TYPES[name]
    records, raw = [], {}
    for chunk in chunks:
        rec = known.get(_chunk_key(chunk))
        if rec is not None and rec.id in old_raw:
            item = old_raw[rec.id]
        else:
            try:
                items = yamlio.fast_load(chunk)
            except Exception:
                return None
            if items is yamlio.DOUBT or not isinstance(items, list) or len(items) != 1 \
                    or not isinstance(items[0], dict):
                return None
            item = items[0]
            try:
                rec = model.model_validate(item)
            except ValidationError:
                return None
        if rec.id in raw:
            return None  # a duplicate id: the whole read says where
        records.append(rec)
        raw[rec.id] = item
    return DataFile(name=name, rel=rel, exists=True, text=text, records=records, raw=raw,
                 ids=set(raw), parsed=True)
