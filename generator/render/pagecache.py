"""Render cache: re-render only the pages whose inputs changed.

Why: after an editor changes one field, ``briefing build`` used to render all
~2,000 pages in memory to find the handful that differ.  Here each page
remembers *what it read* and a fingerprint of *each value it read*; on the
next render a page is reused when every one of those values fingerprints the
same, and rendered again otherwise.

How a page's reads are known (dynamic dependencies, as in build systems such
as Salsa or Shake): templates reach data only through the ``v`` view object
(plus the page's own keyword arguments, e.g. ``actor``, which are part of its
key).  Every ``v.x``, ``v.x[k]``, ``v.x.get(k)`` and ``v.f(args)`` in a
template goes through Jinja's ``Environment.getattr``/``getitem``, which
:class:`TrackingEnvironment` overrides while a page renders.  Reading a whole
attribute (a list, ``v.actors``) records the whole value; reading one key of a
mapping (``v.actor_events.get(actor.id)``) records only that key, which is
what lets an actor page ignore edits to other actors.  Rendering is
deterministic, so if every value a page read last time is unchanged, the
template takes the same path and reads nothing new: the page is the same.

Everything outside the view is in a page's *key*: the template files (project
and built-in), the generator's own code, library versions, the settings
(``briefing.yml``), the build day and the page's keyword arguments.  A value
that cannot be fingerprinted reproducibly (an object with no known structure)
makes its page uncacheable, never stale.

The cache files live in ``.briefing-cache/`` (gitignored, always safe to
delete): ``render.msgpack`` the pages, ``render-texts.msgpack`` the
downloads' text of each record (:class:`LastTexts`), read only by a render
that writes the downloads again.  A missing or damaged file only means
everything is rendered again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import jinja2
from pydantic import BaseModel

from ..runtime import code_fingerprint

FORMAT = 6
"""Bumped when the cache file's layout changes (old files are then ignored).
3: the record texts are UTF-8 bytes.  4: the state's fields as a list (written a record at a time).
5: the record texts in a file of their own (:class:`LastTexts`).  6: the base key of the pages."""

TEXTS_FORMAT = 1
"""Bumped when the record texts' file changes layout."""

_MISSING = "<missing>"
"""Fingerprint of a mapping key that is absent."""


class Unfingerprintable(Exception):
    """A value with no reproducible fingerprint: its page is not cached."""


# --------------------------------------------------------------------------
# Fingerprints
# --------------------------------------------------------------------------


def _h(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _hb(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


_FIELDS: dict[type, tuple[str, ...]] = {}
_FLAT = frozenset((str, int, float, bool, type(None)))
"""Types whose ``repr`` is exact and the same in every run (so a tuple of them is too)."""


class Fingerprints:
    """Content fingerprints of view values, memoised for one render.

    Records (pydantic models) and the view's dataclasses are memoised by
    ``id()``; the memo keeps a reference to each object so an id is never
    reused for another object during the run.  Containers are not memoised
    (they are often built afresh by a view method).
    """

    def __init__(self) -> None:
        self._memo: dict[int, tuple[Any, str]] = {}

    def of(self, value: Any) -> str:
        t = type(value)
        if t in _FLAT:
            return f"{t.__name__}:{value!r}" if t is not str else \
                "s:" + (value if len(value) < 64 else _h(value))
        hit = self._memo.get(id(value))  # only live records/dataclasses are in the memo
        if hit is not None:
            return hit[1]
        kind = _KIND.get(t) or _kind(t)
        if kind == "seq":
            if all(type(x) in _FLAT for x in value):  # e.g. (href, label): repr is exact
                return _h(f"{t.__qualname__}{tuple(value)!r}")
            of = self.of
            return _h(t.__qualname__ + "[" + "|".join([of(x) for x in value]) + "]")
        if kind == "map":
            if t is _TrackedMapping:
                value = value.unwrapped()
            return _h("{" + "|".join(f"{self.of(k)}={self.of(v)}" for k, v in value.items()) + "}")
        if kind == "str":  # Markup and other str subclasses
            return f"{t.__qualname__}:" + _h(str(value))
        if kind == "date":
            return f"{t.__name__}:{value.isoformat()}"
        if kind == "set":
            return _h("set[" + "|".join(sorted(self.of(x) for x in value)) + "]")
        if kind == "model":
            # pydantic-core's JSON of a record: every field, in C (models.py excludes none)
            digest = _h(f"{t.__module__}.{t.__qualname__}:") + _hb(value.__pydantic_serializer__.to_json(value))
        elif kind == "dc":
            values = tuple(getattr(value, n) for n in _FIELDS[t])
            if all(type(x) in _FLAT for x in values):  # a Ref: strings and numbers only
                digest = _h(f"{t.__module__}.{t.__qualname__}{values!r}")
            else:
                parts = [f"{n}={self.of(x)}" for n, x in zip(_FIELDS[t], values)]
                digest = _h(f"{t.__module__}.{t.__qualname__}(" + "|".join(parts) + ")")
        else:
            raise Unfingerprintable(f"{t.__module__}.{t.__qualname__}")
        self._memo[id(value)] = (value, digest)
        return digest


def _kind(t: type) -> str:
    """How :meth:`Fingerprints.of` treats values of type *t* (decided once per type)."""
    if issubclass(t, (list, tuple)):
        kind = "seq"
    elif issubclass(t, dict) or t is _TrackedMapping:
        kind = "map"
    elif issubclass(t, str):
        kind = "str"
    elif t is dt.date or t is dt.datetime:
        kind = "date"
    elif issubclass(t, (set, frozenset)):
        kind = "set"
    elif issubclass(t, BaseModel):
        kind = "model"
    elif dataclasses.is_dataclass(t):
        kind = "dc"
        _FIELDS[t] = tuple(f.name for f in dataclasses.fields(t))
    else:
        kind = "other"
    _KIND[t] = kind
    return kind


_KIND: dict[type, str] = {}


# --------------------------------------------------------------------------
# Recording what a page reads
# --------------------------------------------------------------------------

Location = tuple
"""``("a", name)`` a whole attribute, ``("k", name, key)`` one key of a
mapping attribute, ``("c", name, args)`` a method call."""


class Reads:
    """Where one page read the view: the locations, in first-read order.

    Values are fingerprinted after the page rendered, by :meth:`Checker.fingerprints`
    (the view does not change while pages render), so a location read by many
    pages, or already checked, is fingerprinted once per run.
    """

    def __init__(self) -> None:
        self.seen: dict[Location, None] = {}
        self.cacheable = True

    def note(self, loc: Location) -> None:
        self.seen[loc] = None


_ABSENT = object()


class _TrackedMapping(Mapping):
    """A view mapping handed to a template: records each key read, or the
    whole mapping when it is iterated, sized or tested for truth."""

    def __init__(self, name: str, data: Mapping, reads: Reads) -> None:
        self._name, self._data, self._reads = name, data, reads

    def unwrapped(self) -> Mapping:
        return self._data

    def __getitem__(self, key: Any) -> Any:
        self._note_key(key)
        return self._data[key]

    def get(self, key: Any, default: Any = None) -> Any:
        self._note_key(key)
        return self._data.get(key, default)  # never inserts into a defaultdict

    def __contains__(self, key: Any) -> bool:
        self._note_key(key)
        return key in self._data

    def _note_key(self, key: Any) -> None:
        if _plain_key(key):
            self._reads.note(("k", self._name, key))
        else:
            self._reads.note(("a", self._name))

    def _whole(self) -> Mapping:
        self._reads.note(("a", self._name))
        return self._data

    def __iter__(self) -> Iterator:
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())

    def __bool__(self) -> bool:
        return bool(self._whole())

    def keys(self):  # type: ignore[override]
        return self._whole().keys()

    def items(self):  # type: ignore[override]
        return self._whole().items()

    def values(self):  # type: ignore[override]
        return self._whole().values()


def _plain_key(key: Any) -> bool:
    if type(key) in (str, int):
        return True
    return type(key) is tuple and all(type(k) in (str, int) for k in key)


def _arg_desc(arg: Any) -> tuple:
    """How a method argument is named in the cache: a plain value, or a record by type and id."""
    if arg is None or type(arg) in (str, int, float, bool):
        return ("v", arg)
    if isinstance(arg, BaseModel) and isinstance(getattr(arg, "id", None), str):
        return ("r", type(arg).__name__, arg.id)
    raise Unfingerprintable(type(arg).__qualname__)


class TrackingEnvironment(jinja2.Environment):
    """A Jinja environment that records a page's reads from its view object.

    Outside :meth:`tracking` (``reads`` is None) it behaves exactly like
    :class:`jinja2.Environment`.
    """

    view_type: type = object
    reads: Optional[Reads] = None

    def getattr(self, obj: Any, attribute: str) -> Any:
        reads = self.reads
        if reads is None or type(obj) is not self.view_type:
            try:  # jinja2.Environment.getattr, inlined: this runs for every ``a.b`` of a page
                return getattr(obj, attribute)
            except AttributeError:
                pass
            try:
                return obj[attribute]
            except (TypeError, LookupError, AttributeError):
                return self.undefined(obj=obj, name=attribute)
        value = super().getattr(obj, attribute)
        if attribute.startswith("_"):  # the view's internals: not tracked, so not cached
            reads.cacheable = False
            return value
        return _track(attribute, value, reads)

    def getitem(self, obj: Any, argument: Any) -> Any:
        reads = self.reads
        if reads is None or type(obj) is not self.view_type:
            return super().getitem(obj, argument)
        value = super().getitem(obj, argument)
        if not isinstance(argument, str) or argument.startswith("_"):
            reads.cacheable = False
            return value
        return _track(argument, value, reads)


def _track(name: str, value: Any, reads: Reads) -> Any:
    if isinstance(value, jinja2.Undefined):
        return value
    if isinstance(value, dict):
        return _TrackedMapping(name, value, reads)
    if callable(value) and hasattr(value, "__self__"):
        return _tracked_call(name, value, reads)
    reads.note(("a", name))
    return value


def _tracked_call(name: str, method: Callable, reads: Reads) -> Callable:
    def call(*args: Any, **kwargs: Any) -> Any:
        result = method(*args, **kwargs)
        try:
            desc = (tuple(_arg_desc(a) for a in args),
                    tuple(sorted((k, _arg_desc(v)) for k, v in kwargs.items())))
        except Unfingerprintable:
            reads.cacheable = False
            return result
        reads.note(("c", name, desc))
        return result

    return call


# --------------------------------------------------------------------------
# Checking recorded reads against a new view
# --------------------------------------------------------------------------


class Checker:
    """Evaluates recorded locations on the current view (each location once)."""

    def __init__(self, view: Any, records: Callable[[str, str], Any], fps: Fingerprints) -> None:
        self.view, self.records, self.fps = view, records, fps
        self._memo: dict[Location, Optional[str]] = {}

    def still(self, reads: dict[Location, str]) -> bool:
        """True if every recorded value fingerprints the same now."""
        memo = self._memo
        for loc, fp in reads.items():
            now = memo[loc] if loc in memo else memo.setdefault(loc, self._evaluate(loc))
            if now != fp:
                return False
        return True

    def fingerprints(self, reads: Reads) -> Optional[dict[Location, str]]:
        """{location: fingerprint} of a page just rendered; None = not cacheable."""
        if not reads.cacheable:
            return None
        memo = self._memo
        out: dict[Location, str] = {}
        for loc in reads.seen:
            now = memo[loc] if loc in memo else memo.setdefault(loc, self._evaluate(loc))
            if now is None:
                return None
            out[loc] = now
        return out

    def _evaluate(self, loc: Location) -> Optional[str]:
        try:
            value = getattr(self.view, loc[1])
            if loc[0] == "a":
                return self.fps.of(value)
            if loc[0] == "k":
                got = value.get(loc[2], _ABSENT) if isinstance(value, Mapping) else _ABSENT
                return _MISSING if got is _ABSENT else self.fps.of(got)
            if loc[0] == "c":
                args, kwargs = loc[2]
                return self.fps.of(value(*[self._arg(a) for a in args],
                                         **{k: self._arg(a) for k, a in kwargs}))
        except Exception:  # anything unexpected: treat as changed (re-render)
            return None
        return None

    def _arg(self, desc: tuple) -> Any:
        if desc[0] == "v":
            return desc[1]
        rec = self.records(desc[1], desc[2])
        if rec is None:
            raise LookupError(desc)
        return rec


# --------------------------------------------------------------------------
# Keys and the cache file
# --------------------------------------------------------------------------


def tree_digest(folders: list[Path]) -> str:
    """Names and bytes of every file under *folders* (missing folders count too)."""
    h = hashlib.sha256()
    for n, folder in enumerate(folders):
        h.update(f"#{n}:{folder.is_dir()}\0".encode())
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            h.update(path.relative_to(folder).as_posix().encode("utf-8", "surrogateescape") + b"\0")
            h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def code_digest() -> str:
    """The generator's own code (every module of it: :func:`generator.runtime.code_fingerprint`)
    and the libraries whose output pages contain."""
    from importlib.metadata import version

    import pydantic
    import yaml

    parts = [code_fingerprint(), sys.version,
             version("jinja2"), version("markupsafe"), pydantic.VERSION, yaml.__version__,
             str(getattr(yaml, "__with_libyaml__", False))]
    return _h("\x1f".join(parts))


@dataclasses.dataclass
class Entry:
    """One page as last rendered: its key, what it read, and the file written."""

    key: str
    reads: dict
    sha: str
    stat: tuple = ()


@dataclasses.dataclass
class State:
    """What the page cache file holds: the pages, never the downloads' record texts
    (:func:`load_texts`), which a render whose inputs are unchanged never needs."""

    pages: dict[str, Entry] = dataclasses.field(default_factory=dict)
    inputs: str = ""  # the render's whole input, when every page was cacheable
    dirty: bool = False  # a file's stat was refreshed (same bytes): worth saving
    base: str = ""  # what every page's key holds (:func:`.cachekeys.base_key`)


def load_state(path: Path) -> State:
    """The cache file's contents; an empty state if missing, damaged or old."""
    try:
        from ..cache import load_file

        fmt, pages, inputs, dirty, base = load_file(path)
        if fmt != FORMAT:
            return State()
        state = State(dict(pages), str(inputs), bool(dirty), str(base))
    except Exception:  # missing, truncated, from another version: start afresh
        return State()
    if not all(isinstance(e, Entry) for e in state.pages.values()):
        return State()
    return state


def save_state(path: Path, state: State) -> None:
    """Write atomically; a failure to write the cache never fails the render.

    The fields go as a plain list, so the file is written a page at a time
    (:func:`generator.cache.body_pieces`)."""
    from ..cache import keep

    keep(path, [FORMAT, state.pages, state.inputs, state.dirty, state.base])


class LastTexts:
    """The downloads' texts the last render wrote (:func:`save_texts`), by key.

    Only an index is held (key -> place in the file); a text is read from
    the file when it is asked for.  Why: at 10,000 articles the texts are
    about 300 MB once decoded, and held whole they made ``render`` the step
    of the largest peak.  The file's digest is checked before any text is
    given; a missing, damaged or old file, or one made by other code, is an
    empty index (every text is made afresh)."""

    def __init__(self, path: Path, key: str) -> None:
        from ..cache import ValueFile

        self._index: dict[str, int] = {}
        self._file = None
        try:
            file = ValueFile(path)
        except OSError:
            return
        index: dict[str, int] = {}
        try:
            values = file.scan()
            first = next(values, None)
            if first is None or first[1] != [TEXTS_FORMAT, key]:
                raise ValueError("texts of another format or other code")
            for place, value in values:
                if type(value) is not list or len(value) != 2 or type(value[0]) is not str \
                        or type(value[1]) is not bytes:
                    raise ValueError("not a text entry")
                index[value[0]] = place
        except (OSError, ValueError, TypeError):
            file.close()
            return
        self._index, self._file = index, file

    def __len__(self) -> int:
        return len(self._index)

    def get(self, key: str) -> Optional[bytes]:
        place = self._index.get(key)
        if place is None:
            return None
        try:
            got = self._file.read(place)  # type: ignore[union-attr]
        except (OSError, ValueError):
            return None
        return got[1] if type(got) is list and len(got) == 2 and got[0] == key else None

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._index = {}


def save_texts(path: Path, key: str, fill: Callable[[Callable[[str, bytes], None]], Any]) -> Any:
    """Write the texts file as ``fill(keep)`` hands each (key, text) to *keep*
    (the downloads are written meanwhile: no text is held to the end); return
    what *fill* returns.  A text is a function of its record's content and of
    the code (*key*), so this file never has to agree with the page cache
    file, and a failure to write it never fails the render."""
    from ..cache import keep_each

    def values(add: Callable[[Any], None]) -> Any:
        add([TEXTS_FORMAT, key])
        return fill(lambda k, text: add([k, text]))

    return keep_each(path, values)


def file_stat(path: Path) -> tuple:
    """(size, mtime_ns, inode) of a file, () if it does not exist."""
    try:
        st = path.stat()
    except OSError:
        return ()
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
