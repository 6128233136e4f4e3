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
from typing import Iterator, Optional

import pydantic
from pydantic import ValidationError

from ..cache import CACHE_DIR, keep, load_file
from ..models import RECORD_TYPES
from ..runtime import code_fingerprint
from . import yamlio
from .reader import decoded, read_file
from .validate import DataFile, references


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

    FORMAT = 3

    def __init__(self, root: Path):
        self.dir = root / CACHE_DIR / "data"
        # equal strings of every file read through this cache are one string (:func:`..cache.load_file`)
        self.strings: dict[str, str] = {}

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
            _, records, refs, ids, _ = old
            return _cached(name, rel, path, records, refs, ids)
        f = None
        if old is not None and old[4] is not None:
            f = _read_by_records(data, rel, name, old)
        del data, old
        if f is None:
            f = read_file(path, rel, name)
        if f.parsed and not f.problems and f.doc is None:
            digests = [_chunk_key(c) for c in _chunks(f.text)]
            if len(digests) != len(f.records):
                digests = None
            refs = f.refs if f.refs is not None else {rid: list(references(name, item))
                                                      for rid, item in f.raw.items()}
            # a list, not a tuple: written a record at a time (generator.cache.body_pieces)
            self._keep(entry, [self.FORMAT, code, key, f.records, refs, f.ids, digests])
            return _cached(name, rel, path, f.records, refs, f.ids)
        return f

    def _load(self, entry: Path, code: str) -> Optional[tuple]:
        """(file key, records, references by id, ids, item digests) kept for this code, or None."""
        try:
            fmt, got_code, key, records, refs, ids, digests = load_file(entry, strings=self.strings)
        except Exception:  # missing, damaged, older layout: read the file
            return None
        if fmt != self.FORMAT or got_code != code:
            return None
        return key, records, refs, ids, digests

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


def _cached(name: str, rel: str, path: Path, records: list, refs: dict, ids: set) -> DataFile:
    """A valid file as :func:`.loader.load` keeps it: its records and the ids they
    point at, not the plain values they were made from nor its text (read again
    from *path* only to locate a dangling reference): at 10,000 articles the
    values held beside the records took as much again."""
    return DataFile(name=name, rel=rel, exists=True, records=records, refs=refs, ids=ids, parsed=True,
                    path=path)


def _chunks(text: str) -> Iterator[str]:
    """:func:`record_chunks` one piece at a time (none when it would give None):
    the pieces of a file held at once were a second copy of its text."""
    if "\t" in text or _OTHER_AT_COLUMN_0.search(text):
        return
    starts = _ITEM_START.finditer(text)
    first = next(starts, None)
    if first is None or any(ln.strip() and not ln.lstrip().startswith("#")
                            for ln in text[:first.start()].splitlines()):
        return
    a = first.start()
    for m in starts:
        yield text[a:m.start()]
        a = m.start()
    yield text[a:]


def record_chunks(text: str) -> Optional[list[str]]:
    """*text* cut before each top-level ``- `` line: one piece per item.

    None unless the file is a plain block list: nothing but comments and
    blank lines before the first item, no tab, and every other line at
    column 0 starting an item, a comment or empty (a ``---``, a directive,
    a flow list or an indented list is read whole).
    """
    return list(_chunks(text)) or None


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
    _, old_records, old_refs, _, digests = old
    known = {d: r for d, r in zip(digests, old_records)}
    model = RECORD_TYPES[name]
    records, refs = [], {}
    chunks = 0
    for chunk in _chunks(text):
        chunks += 1
        rec = known.get(_chunk_key(chunk))
        if rec is not None and rec.id in old_refs:
            found = old_refs[rec.id]
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
            found = list(references(name, item))
        if rec.id in refs:
            return None  # a duplicate id: the whole read says where
        records.append(rec)
        refs[rec.id] = found
    if not chunks:
        return None
    return DataFile(name=name, rel=rel, exists=True, text=text, records=records, refs=refs,
                    ids=set(refs), parsed=True)
