"""Incremental extraction: per-article results cached by content and rules.

Re-extracting a corpus after adding one article should cost one article, not
all of them.  A result is stored under the article's content hash *and*
:data:`generator.RULES_VERSION`, so editing an article or changing the rules
redoes exactly what they affect -- nothing else can make a cached entry stale.

Values are JSON (``model_dump(mode="json")`` of the per-article records) or,
with ``fmt="msgpack"``, records of any shape (extraction's ``ArticleResult``
dataclasses) in the tagged MessagePack of :func:`dumps`: a cache folder is
only ever data, never code, whatever is planted in it.  The cache lives in
``.briefing-cache/`` (gitignored) and is always safe to delete.  A corrupt,
foreign or unreadable entry is treated as a miss, never as an error.

Wired into extraction: ``extract_briefing(..., cache=ArticleCache(...))``
splits the per-article work with :meth:`ArticleCache.lookup_blobs` and stores
what it computed with :meth:`ArticleCache.store_blobs`.  The key
(:meth:`ArticleCache.key_for`) covers everything the per-article step reads --
the article's content hash, id, publication date (relative dates anchor on
it), sentence numbering and headline sentences (no position is taken from
them), the issue lexicon, the spaCy model name,
:data:`generator.RULES_VERSION` -- and a fingerprint of the extraction code
itself (``generator/extract/*.py``, ``models.py``): a rule changed without a
version bump still redoes the work instead of serving stale facts.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterator, Optional

from markupsafe import Markup
from pydantic import BaseModel

from .fs import write_atomic
from .runtime import code_fingerprint


CACHE_DIR = ".briefing-cache"


def content_key(text: str) -> str:
    """A cache key for an article's text (sha256 hex)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ArticleCache:
    """A folder of cache files, one per (article hash, rules version)."""

    def __init__(self, directory: Path, rules_version: Optional[str] = None, fmt: str = "json"):
        if fmt not in ("json", "msgpack"):
            raise ValueError(f"cache format must be json or msgpack, not {fmt!r}")
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
                data = fh.read()
            value = json.loads(data.decode("utf-8")) if self.fmt == "json" else loads(data)
        except (OSError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        """Store *value* (JSON-serialisable, or records for msgpack) atomically (temp file + rename)."""
        if self.fmt == "json":
            blob = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
        else:
            blob = dumps(value)
        write_atomic(self._path(key), blob)

    # -- the per-article extraction step ------------------------------------

    def key_for(self, article: Any, issues: list, model: str, positions: str = "rules") -> str:
        """The key of one article's extraction: everything the step reads.  The issue
        lexicon is not among it: issues are given in the reduce (:mod:`.extract.issues`),
        so an editor's issues.yaml changes no article's result."""
        numbering = ",".join(str(s.index) for s in article.sentences)
        headline = ",".join(map(str, article.headline()))  # a given title sets its sentences apart
        parts = [article.hash, article.id, str(article.published), numbering, headline, model or "",
                 self.rules_version, _code_fingerprint()]
        if positions != "rules":  # the learned stance model (its weights are in the fingerprint)
            parts.append(positions)
        return content_key("\x1f".join(parts))

    def lookup_blobs(self, args: list[tuple], pack: Callable[[Any], bytes]) -> tuple[list[tuple[str, bytes]], list[tuple]]:
        """Split ``(article, issues, model)`` work items into cached hits and items to run.

        Each hit is ``(article id, packed result)`` in extraction's in-memory
        form (*pack*: :func:`generator.extract.pack_result`, which the reduce reads):
        the stored record is decoded in full first, so a damaged entry is a
        miss, never an error later.
        """
        if self.fmt != "msgpack":
            raise ValueError("lookup_blobs needs a msgpack cache")
        done, todo = [], []
        for item in args:
            try:
                result = self.get(self.key_for(*item))
                blob = None if result is None else pack(result)
            except (AttributeError, TypeError, ValueError, KeyError, IndexError):  # an older record layout
                blob = None
                self.hits, self.misses = self.hits - 1, self.misses + 1
            if blob is None:
                todo.append(item)
            else:
                done.append((item[0].id, blob))
        return done, todo

    def store_blobs(self, args: list[tuple], blobs: list[bytes], unpack: Callable[[bytes], Any]) -> None:
        """Keep the results extraction computed for *args* (same order), each
        given in its in-memory form (*unpack* reads it), stored as a record (:func:`dumps`)."""
        for item, blob in zip(args, blobs):
            try:
                self.put(self.key_for(*item), unpack(blob))
            except (OSError, TypeError, ValueError, OverflowError):
                continue  # not cached: extracted again next time
            self.computed += 1


def _rules_version() -> str:
    """Read at call time, so a bump (or a test's monkeypatch) takes effect at once."""
    from . import RULES_VERSION as current

    return current


def _code_fingerprint(here: Optional[Path] = None) -> str:
    """The fingerprint (:func:`generator.runtime.code_fingerprint`) of the
    extraction code (generator/extract/**/*.py, its packages included; models.py, slug.py) and the lexicons it
    reads (generator/data/*.yaml: stance, actors, issues; the learned stance model's weights).

    RULES_VERSION is bumped by hand and easily forgotten; hashing the code
    that produces a result means an edited rule can never be served from a
    stale entry.
    """
    return code_fingerprint(("extract/**/*.py", "models.py", "slug.py", "data/*.yaml", "data/stance_model.json"),
                            root=here)


# --------------------------------------------------------------------------
# Cache files: data, never code
# --------------------------------------------------------------------------

MAGIC = b"briefing-cache\x00"
CODEC_VERSION = 1
"""Bumped when the encoding below changes: older files are then misses."""

_TUPLE, _RECORD, _DATE, _DATETIME, _SET, _FROZENSET, _MARKUP, _COUNTER = range(1, 9)


def dumps(value: Any) -> bytes:
    """*value* as a cache file's bytes: a header (magic, codec version, the
    SHA-256 of the body) and a MessagePack body.

    Why not pickle: a pickle is a program, and a file planted in
    ``.briefing-cache/`` would run during the next build.  MessagePack is
    data; the few Python types caches hold are tagged extension values
    (tuples, dates, sets, and the project's own records: dataclasses, named
    tuples and pydantic models, by class name and fields), so any record type
    round-trips without this module knowing its fields.  A reader builds
    only classes of the ``generator`` package that are records, without
    running their constructors (as pickle restores them)."""
    body = b"".join(body_pieces(value))
    return MAGIC + bytes([CODEC_VERSION]) + hashlib.sha256(body).digest() + body


def body_pieces(value: Any) -> Iterator[bytes]:
    """The MessagePack body of *value* in pieces: a list or dict (at any depth,
    not inside a record) as its header, then each item packed on its own.

    The same bytes as packing it whole (a container's bytes are its header and
    its items').  Why: a record or tuple is an extension value, which holds its
    packed contents, so packing a large nested value whole held a copy per
    level (a render cache of 77 MB at 2,500 articles took 160 MB more to save);
    a value given as lists and dicts is written a piece at a time
    (:func:`keep`), and nothing but the current piece is held.
    """
    packer = _packer()
    stack: list[Iterator[Any]] = [iter((value,))]
    while stack:
        item = next(stack[-1], _END)
        if item is _END:
            stack.pop()
        elif type(item) is list:
            yield packer.pack_array_header(len(item))
            stack.append(iter(item))
        elif type(item) is dict:
            yield packer.pack_map_header(len(item))
            stack.append(x for kv in item.items() for x in kv)
        else:
            yield packer.pack(item)


_END = object()


def loads(blob: bytes) -> Any:
    """:func:`dumps` undone; ValueError for anything else (a damaged, planted
    or older file), which every caller treats as a miss."""
    digest = _head_digest(blob[:_HEAD])
    body = memoryview(blob)[_HEAD:]  # not a copy of the body
    if hashlib.sha256(body).digest() != digest:
        raise ValueError("cache file damaged (digest differs)")
    try:
        return _unpack(body)
    except ValueError:
        raise
    except Exception as exc:  # the decoder's own errors (truncated data, bad types) are misses too
        raise ValueError(f"cache file not decodable: {exc}") from None


def load_file(path: Path, strings: Optional[dict] = None) -> Any:
    """:func:`loads` of a file (OSError or ValueError on a miss), read a piece at a
    time: the values are built as the bytes come, never beside the whole file
    (a render cache of 300 MB at 10,000 articles held its bytes and its values at
    once).  The digest is checked when the last byte is read; a value already
    decoded from a damaged file is dropped, never returned.

    *strings*: the table equal strings of records and tuples are shared through
    (their fields, the items of their lists, their fields-set names), as a fresh
    read of the data files shares them (:func:`.store.yamlio.fast_load`): the
    decoder makes a new string for every occurrence, and ``load`` served from the
    parsed cache at 10,000 articles held 660 MB of records where the same records
    sharing their strings hold 390 MB."""
    hook = _decode if strings is None else functools.partial(_decode, strings=strings)
    with open(path, "rb") as fh, _unpacking(fh, hook) as unpacker:
        value = unpacker.unpack()
        if unpacker.read_bytes(1):
            raise ValueError("cache file damaged (digest differs)")
    return value


@contextlib.contextmanager
def _unpacking(fh: BinaryIO, hook: Callable[..., Any]) -> Iterator[Any]:
    """An unpacker of the cache file open in *fh*, read from its start a piece at
    a time, for :func:`load_file` and :meth:`ValueFile.scan`.  ValueError for a
    file of another kind or version, for undecodable data (the decoder's own
    errors: truncated data, bad types) or, when the block ends, for a body
    whose digest differs or that has bytes left unread."""
    fh.seek(0)
    digest = _head_digest(fh.read(_HEAD))
    body = _Digested(fh)
    try:
        yield _mp()[3](body, read_size=1 << 20, ext_hook=hook, raw=False, strict_map_key=False,
                       use_list=True, max_buffer_size=_MAX_BUFFER)
    except ValueError:
        raise
    except Exception as exc:
        raise ValueError(f"cache file not decodable: {exc}") from None
    if body.read(1) or body.digest.digest() != digest:
        raise ValueError("cache file damaged (digest differs)")


_HEAD = len(MAGIC) + 1 + 32
"""A cache file's header: the magic, the codec version, the SHA-256 of the body."""


def _head_digest(top: bytes) -> bytes:
    """The body's digest a cache file's header (*top*, its first :data:`_HEAD` bytes)
    gives; ValueError if it is not the header of a file of this codec version."""
    if len(top) < _HEAD or top[:len(MAGIC)] != MAGIC or top[len(MAGIC)] != CODEC_VERSION:
        raise ValueError("not a cache file of this version")
    return top[len(MAGIC) + 1:_HEAD]


_MAX_BUFFER = 2**31 - 1
"""The most one value's bytes may take in the reader's buffer (msgpack's own
default, 100 MB, is below one page's record at 10,000 articles)."""


class _Digested:
    """A file read for the unpacker, hashing every byte it gives."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh, self.digest = fh, hashlib.sha256()

    def read(self, n: int = -1) -> bytes:
        data = self.fh.read(n)
        self.digest.update(data)
        return data


class _Body:
    """A cache file being written: its header with room for the digest, then
    the body a piece at a time, hashed as written; :meth:`close` puts the digest in."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh, self.digest = fh, hashlib.sha256()
        fh.write(MAGIC + bytes([CODEC_VERSION]) + bytes(32))

    def write(self, piece: bytes) -> None:
        self.fh.write(piece)
        self.digest.update(piece)

    def close(self) -> None:
        self.fh.seek(len(MAGIC) + 1)
        self.fh.write(self.digest.digest())


def keep(path: Path, value: Any) -> None:
    """Write *value* to the cache file *path* atomically; a cache that cannot
    be written (disk full, read-only, a value of no known type) never fails
    the command that uses it."""
    def write(fh: BinaryIO) -> None:  # streamed (:func:`body_pieces`)
        body = _Body(fh)
        for piece in body_pieces(value):
            body.write(piece)
        body.close()

    try:
        write_atomic(path, write)
    except (OSError, TypeError, ValueError, OverflowError):
        pass


def keep_each(path: Path, fill: Callable[[Callable[[Any], None]], Any]) -> Any:
    """Write the cache file *path* atomically as values one after another:
    ``fill(add)`` calls ``add(value)`` for each, in order, and what it returns
    is returned.  Read back with :class:`ValueFile`.

    Why: a value that is made while other work goes on (the downloads' texts,
    made as the downloads are written) goes to the file at once, never held
    to the end.  As with :func:`keep`, a file that cannot be written (disk
    full, read-only, a value of no known type) leaves the old one in place and
    never fails the work of *fill*, whose own errors pass through as they are."""
    done: dict[str, Any] = {}

    def write(fh: BinaryIO) -> None:
        body, packer, broken = _Body(fh), _packer(), []

        def add(value: Any) -> None:
            if not broken:
                try:
                    body.write(packer.pack(value))
                except (OSError, TypeError, ValueError, OverflowError):
                    broken.append(True)

        done["started"] = True
        done["result"] = fill(add)
        if broken:
            raise _Unkept
        body.close()

    try:
        write_atomic(path, write)
    except _Unkept:
        pass
    except (OSError, TypeError, ValueError, OverflowError):
        if "result" in done:  # the work is done; only the file failed
            pass
        elif "started" in done:  # the work itself failed
            raise
        else:  # no file could be opened: do the work without it
            return fill(lambda value: None)
    return done["result"]


class _Unkept(Exception):
    """A value could not be written: the file being written is dropped."""


class ValueFile:
    """A cache file written by :func:`keep_each`, open for reading values by place.

    :meth:`scan` gives each value with its place, once; :meth:`read` reads one
    again by place, so a caller keeps an index rather than the values (the
    file stays open: replacing it meanwhile changes nothing read here).
    """

    def __init__(self, path: Path) -> None:
        self._fh = open(path, "rb")

    def scan(self) -> Iterator[tuple[int, Any]]:
        """(place, value) of each value, in order; ValueError for a file of
        another kind or version, or damaged (its digest is checked after the
        last value: a caller uses nothing it saw until the scan ends)."""
        with _unpacking(self._fh, _decode) as unpacker:
            start = 0
            for value in unpacker:
                end = unpacker.tell()
                yield (start << 32) | (end - start), value
                start = end

    def read(self, place: int) -> Any:
        """The value at *place* (as :meth:`scan` gave it)."""
        self._fh.seek(_HEAD + (place >> 32))
        return _unpack(self._fh.read(place & 0xFFFFFFFF))

    def close(self) -> None:
        self._fh.close()


_MP: list = []  # srsly's msgpack (Packer, unpackb, ExtType, Unpacker), imported on first use


def _mp():
    if not _MP:
        from srsly.msgpack import ExtType, _packer, _unpacker

        _MP.extend((_packer.Packer, _unpacker.unpackb, ExtType, _unpacker.Unpacker))
    return _MP


def _packer():
    return _mp()[0](default=_encode, use_bin_type=True, strict_types=True)


def _unpack(body: bytes, strings: Optional[dict] = None) -> Any:
    hook = _decode if strings is None else functools.partial(_decode, strings=strings)
    return _mp()[1](body, ext_hook=hook, raw=False, strict_map_key=False, use_list=True)


def _ext(code: int, value: Any):
    packer, _, ext, _ = _mp()
    return ext(code, packer(default=_encode, use_bin_type=True, strict_types=True).pack(value))


def _encode(obj: Any) -> Any:
    """What MessagePack cannot write itself (strict types: every subclass comes here)."""
    t = type(obj)
    if t is tuple:
        return _ext(_TUPLE, list(obj))
    if isinstance(obj, tuple) and hasattr(t, "_fields"):  # a NamedTuple
        return _ext(_RECORD, [_class_name(t), list(obj)])
    if isinstance(obj, BaseModel):
        return _ext(_RECORD, [_class_name(t), dict(obj.__dict__), sorted(obj.model_fields_set)])
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return _ext(_RECORD, [_class_name(t), {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}])
    if t is dt.datetime:
        return _ext(_DATETIME, obj.isoformat())
    if t is dt.date:
        return _ext(_DATE, obj.isoformat())
    if t is set:
        return _ext(_SET, sorted(obj, key=repr))
    if t is frozenset:
        return _ext(_FROZENSET, sorted(obj, key=repr))
    if t is Markup:
        return _ext(_MARKUP, str(obj))
    if t is Counter:
        return _ext(_COUNTER, dict(obj))
    if isinstance(obj, str):
        return str(obj)
    if isinstance(obj, int) and not isinstance(obj, bool):
        return int(obj)
    if isinstance(obj, dict):
        return dict(obj)
    if isinstance(obj, list):
        return list(obj)
    raise TypeError(f"cannot cache a {t.__module__}.{t.__qualname__}")


def _decode(code: int, data: bytes, strings: Optional[dict] = None) -> Any:
    value = _unpack(data, strings)
    if code == _TUPLE:
        if strings is not None:
            _share_items(value, strings)
        return tuple(value)
    if code == _RECORD:
        if strings is not None:
            _share_record(value, strings)
        return _record(value)
    if code == _DATE:
        return dt.date.fromisoformat(value)
    if code == _DATETIME:
        return dt.datetime.fromisoformat(value)
    if code == _SET:
        return set(value)
    if code == _FROZENSET:
        return frozenset(value)
    if code == _MARKUP:
        return Markup(value)
    if code == _COUNTER:
        return Counter(value)
    raise ValueError(f"unknown extension type {code}")


def _share_items(items: list, strings: dict) -> None:
    """Each string of *items* (and of a list among them) replaced, in place, by the equal one *strings* holds."""
    for i, v in enumerate(items):
        if type(v) is str:
            items[i] = strings.setdefault(v, v)
        elif type(v) is list:
            _share_items(v, strings)


def _share_record(value: list, strings: dict) -> None:
    """A record's field values and fields-set names (:func:`_encode`) sharing *strings*
    (its nested records and tuples were shared as they were decoded)."""
    fields = value[1]
    if type(fields) is dict:
        for k, v in fields.items():
            if type(v) is str:
                fields[k] = strings.setdefault(v, v)
            elif type(v) is list:
                _share_items(v, strings)
    elif type(fields) is list:
        _share_items(fields, strings)
    if len(value) > 2 and type(value[2]) is list:
        _share_items(value[2], strings)


def _class_name(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


def _record_class(name: str) -> type:
    """The record class *name* names: only a dataclass, named tuple or
    pydantic model of an already imported ``generator`` module."""
    import sys

    cls = _CLASSES.get(name)
    if cls is not None:
        return cls
    module, _, qualname = str(name).partition(":")
    if not (module == "generator" or module.startswith("generator.")) or module not in sys.modules:
        raise ValueError(f"cache names a class outside the loaded generator package: {name!r}")
    obj: Any = sys.modules[module]
    for part in qualname.split("."):
        obj = getattr(obj, part, None)
    if not isinstance(obj, type) or not (dataclasses.is_dataclass(obj) or issubclass(obj, BaseModel)
                                         or (issubclass(obj, tuple) and hasattr(obj, "_fields"))):
        raise ValueError(f"cache names {name!r}, which is not a record class")
    _CLASSES[name] = obj
    return obj


_CLASSES: dict[str, type] = {}
"""Record classes already looked up, by the name a cache file gives."""


def _record(value: list) -> Any:
    cls = _record_class(value[0])
    fields = value[1]
    if issubclass(cls, tuple):
        return cls(*fields)
    if issubclass(cls, BaseModel):
        obj = cls.model_construct(_fields_set=set(value[2]) if len(value) > 2 else None, **fields)
        return obj
    obj = cls.__new__(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    if set(fields) != names:
        raise ValueError(f"cache record of {value[0]} has other fields than the class")
    for k, v in fields.items():
        object.__setattr__(obj, k, v)
    return obj
