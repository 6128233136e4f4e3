"""data/*.yaml: safe, located loading and the three-way merge that never loses an edit.

Editors own ``data/*.yaml``; extraction only *proposes* records.  So:

* :func:`check` / :func:`load` read every file with a safe YAML parser (no tags,
  no anchors/aliases -- no billion laughs), validate each record against its
  model in :mod:`generator.models` and report **every** problem as
  ``file:line:column: message`` before failing, so one pass fixes everything.
* :func:`save_extraction` merges a new extraction into the editor's files with
  a three-way merge keyed by record id.  The *base* is the previous extraction,
  committed next to the data in ``data/.extracted/<name>.yaml``; comparing the
  editor's file with it is how we know what the editor changed (a field, a
  deletion, an addition) without asking them to mark anything.

Comments and key order survive: a file that must change and holds anything
plain data cannot carry (a comment, flow style, custom quoting) is edited in
ruamel.yaml's round-trip document.  Everything else takes the fast paths that
make ``check`` and a re-merge of a 100,000-line ``data/`` take about a second
or two: a one-pass libyaml reader, and a libyaml writer that gives exactly
ruamel's text (tested both ways).  Writes are atomic across all files (every
temp file written before any rename).
"""

from __future__ import annotations

import datetime
import difflib
import os
import re
import tempfile
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

import yaml as pyyaml
from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.resolver import implicit_resolvers as _ruamel_implicit_resolvers
from ruamel.yaml.error import CommentMark, MarkedYAMLError
from ruamel.yaml.tokens import CommentToken

from .errors import DataError, Problem
from .models import RECORD_TYPES, Briefing, Record
from .slug import slug

BASE_DIR = ".extracted"
"""Sub-folder of data/ holding the last extraction (the merge base); committed."""


_REF_PROBLEM = "ref"


# --------------------------------------------------------------------------
# YAML dialect: round-trip, strict, tolerant of impossible dates
# --------------------------------------------------------------------------


class _Constructor(RoundTripConstructor):
    """Round-trip constructor that keeps an impossible date as its text.

    ruamel raises a bare ``ValueError`` on ``2012-02-30``; returning the
    string lets the model report it with the field's line and column.
    """

    def construct_yaml_timestamp(self, node, values=None):  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return str(node.value)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


_RESOLVER_1_1 = pyyaml.resolver.Resolver()


class _Representer(RoundTripRepresenter):
    """Quote strings a YAML 1.1 reader would take for something else.

    We read YAML 1.2 (``yes`` is text), but editors' tools and PyYAML read 1.1
    (``yes`` is true, ``12:30`` a number); quoting ``'yes'`` reads the same in both.
    """

    def represent_str(self, data):  # type: ignore[override]
        if type(data) is str and _RESOLVER_1_1.resolve(pyyaml.ScalarNode, data, (True, False)) != \
                "tag:yaml.org,2002:str":
            return self.represent_scalar("tag:yaml.org,2002:str", data, style="'")
        return super().represent_str(data)


_Representer.add_representer(str, _Representer.represent_str)


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.Constructor = _Constructor
    y.Representer = _Representer
    y.indent(mapping=2, sequence=2, offset=0)
    y.width = 4096  # one value per line: diffs stay line-sized
    y.allow_duplicate_keys = False
    return y


def _dump(seq: CommentedSeq, header: str) -> str:
    """YAML text of *seq*; an empty list is written as ``[]`` under *header*.

    (ruamel cannot emit a commented empty sequence, so that case is text.)
    """
    if len(seq) == 0:
        return header + "[]\n"
    from io import StringIO

    out = StringIO()
    _yaml().dump(seq, out)
    return out.getvalue()


# The fast writer.  ruamel's emitter is pure Python (about 3 s CPU per 30,000
# lines); libyaml writes the same text ten times faster.  The two agree on
# every value whose text is "ordinary" -- one line, printable Basic
# Multilingual Plane characters, well under the line width, no null, no
# exponent float -- except one rule: a string that needs quotes and holds an
# apostrophe, which ruamel writes in double quotes ("Assad's: no") and libyaml
# in single ones ('Assad''s: no'); :func:`_requote` rewrites those lines.  A
# record holding anything else is written by ruamel itself.  Block-sequence
# items do not influence each other, so the pieces join into exactly the text
# ruamel would write for the whole list (tests/test_merge.py checks that, and
# that a merge gives the same bytes either way).

_ORDINARY = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")
_ORDINARY_MAX = 1500  # characters: even with every ' doubled, far from width 4096


def _is_12_text(value: str) -> bool:
    """Would a YAML 1.2 reader take this plain scalar for text?"""
    for _tag, regexp in _PLAIN.get(value[:1], ()):
        if regexp.match(value):
            return False
    return True


def _ordinary(value: Any) -> bool:
    """A value both emitters write identically (see above)."""
    if isinstance(value, str):
        return len(value) <= _ORDINARY_MAX and _ORDINARY.search(value) is None
    if isinstance(value, bool) or isinstance(value, int):
        return True
    if isinstance(value, float):
        text = repr(value)
        return "e" not in text and "n" not in text  # no 1e-05, inf, nan
    if isinstance(value, dict):
        return all(type(k) is str and _ordinary(k) and _ordinary(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_ordinary(v) for v in value)
    return type(value) is _date


class _FastWriter(getattr(pyyaml, "CSafeDumper", pyyaml.SafeDumper)):  # type: ignore[misc]
    """libyaml writer quoting what a YAML 1.1 *or* 1.2 reader would misread.

    Never anchors a value that occurs twice: data files refuse anchors.
    """

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: Any, data: str) -> Any:
    if (_RESOLVER_1_1.resolve(pyyaml.ScalarNode, data, (True, False)) != "tag:yaml.org,2002:str"
            or not _is_12_text(data)):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="'")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


_FastWriter.add_representer(str, _represent_str)
_FastWriter.add_representer(CommentedMap, pyyaml.representer.SafeRepresenter.represent_dict)
_FastWriter.add_representer(CommentedSeq, pyyaml.representer.SafeRepresenter.represent_list)

_SINGLE_QUOTED = re.compile(r"^( *(?:- )*(?:[A-Za-z_][A-Za-z0-9_]*: )?)'((?:[^']|'')*''(?:[^']|'')*)'$", re.M)


def _requote(match: re.Match) -> str:
    """``'it''s: x'`` -> ``"it's: x"``, ruamel's choice for quoted text with an apostrophe."""
    text = match.group(2).replace("''", "'").replace("\\", "\\\\").replace('"', '\\"')
    return f'{match.group(1)}"{text}"'


def _fast_dump(items: list) -> str:
    """The text ``_dump(CommentedSeq(items), "")`` gives, for comment-free records."""
    return "".join(_fast_chunks(items))


_CHUNK = 256
"""Records per ``yaml.dump`` call when streaming a file: PyYAML builds a node
for every scalar of what it is given before writing any of it, so one call
per file held a second, heavier copy of the whole file in memory."""


def _fast_chunks(items: Iterable) -> Iterator[str]:
    """:func:`_fast_dump`'s text in pieces of at most :data:`_CHUNK` records.

    *items* may be a generator: nothing but the current chunk is held.
    """
    batch: list = []
    empty = True

    def flush() -> Iterator[str]:
        if batch:
            text = pyyaml.dump(batch, Dumper=_FastWriter, sort_keys=False, allow_unicode=True,
                               width=4096, default_flow_style=False)
            batch.clear()
            yield _SINGLE_QUOTED.sub(_requote, text) if "''" in text else text

    for item in items:
        empty = False
        if _ordinary(item):
            batch.append(item)
            if len(batch) >= _CHUNK:
                yield from flush()
        else:
            yield from flush()
            yield _dump(CommentedSeq([_commented(item)]), "")
    yield from flush()
    if empty:
        yield "[]\n"


def _commented(value: Any) -> Any:
    """Plain containers -> ruamel's, so ruamel writes them as it would have read them."""
    if isinstance(value, dict):
        return CommentedMap((k, _commented(v)) for k, v in value.items())
    if isinstance(value, list):
        return CommentedSeq(_commented(v) for v in value)
    return value


def _header(name: str, model: type[Record]) -> str:
    """The comment on top of a generated file: what it is and how to edit it."""
    fields = ", ".join(model.model_fields)
    lines = [
        f"data/{name}.yaml -- {_first_line(model)}",
        "Written by `briefing extract`; yours to edit. Re-extracting keeps every field you",
        "change, every record you delete stays deleted and records you add stay.",
        "Changed records get `edited: true`. Run `briefing check` after editing.",
        f"Fields: {fields}.",
    ]
    return "".join(f"# {line}\n" for line in lines)


def _first_line(model: type[Record]) -> str:
    line = (model.__doc__ or model.__name__).strip().splitlines()[0]
    return re.sub(r"\s*\(``[^`]*``\)", "", line)


_date = datetime.date

_BASE_HEADER = (
    "# The last extraction, kept so `briefing extract` can tell your edits in data/\n"
    "# from the extractor's output (the base of a three-way merge). Do not edit;\n"
    "# commit it together with data/.\n"
)


def _leading_comments(text: str) -> str:
    out = []
    for line in text.splitlines(keepends=True):
        if not line.startswith("#"):
            break
        out.append(line)
    return "".join(out)


# --------------------------------------------------------------------------
# Reading one file
# --------------------------------------------------------------------------


@dataclass
class _File:
    """One parsed data file: its round-trip document and what validated."""

    name: str
    rel: str
    exists: bool = False
    text: str = ""
    doc: Optional[CommentedSeq] = None  # None: missing or unreadable
    records: list[Record] = field(default_factory=list)
    nodes: dict[str, CommentedMap] = field(default_factory=dict)  # id -> node (valid records)
    raw: dict[str, dict] = field(default_factory=dict)  # id -> plain values (valid records)
    parsed: bool = False  # the YAML parsed into a list (records may still be invalid)
    ids: set[str] = field(default_factory=set)  # every id written, valid record or not
    problems: list[Problem] = field(default_factory=list)

    def problem(self, line: Optional[int], col: Optional[int], msg: str) -> None:
        self.problems.append(Problem(self.rel, line, col, msg))


def _read_file(path: Path, rel: str, name: str, roundtrip: bool = False) -> _File:
    """Parse and validate one data file.

    A valid file is read by libyaml (fast; ``check``/``load`` run on every
    build); ruamel's round-trip parser -- slow, but it knows every line and
    column -- runs only when there is a problem to locate or when the merge
    needs the document to edit (*roundtrip*).  Both read YAML 1.2.
    """
    f = _File(name=name, rel=rel, exists=path.exists())
    if not f.exists:
        return f
    try:
        f.text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        f.problem(None, None, f"not UTF-8 text ({exc.reason} at byte {exc.start}): save it as UTF-8")
        return f
    if "\t" in f.text and _scan_tabs(f):
        return f
    if not roundtrip and _fast_read(f, RECORD_TYPES[name]):
        return f
    if _scan_events(f):
        return f
    _roundtrip_read(f)
    return f


def _fast_read(f: _File, model: type[Record]) -> bool:
    """Read a file that is entirely valid without locations; False = take the slow path."""
    try:
        data = _fast_load(f.text)
    except Exception:  # any doubt (syntax, duplicate key): the located path says it properly
        return False
    if data is _DOUBT:
        return False
    data = [] if data is None else data
    if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
        return False
    records = []
    for item in data:
        try:
            records.append(model.model_validate(item))
        except ValidationError:
            return False
    ids = [r.id for r in records]
    if len(set(ids)) != len(ids):
        return False
    f.records, f.ids, f.parsed = records, set(ids), True
    f.raw = {r.id: item for r, item in zip(records, data)}
    return True


def _roundtrip_read(f: _File) -> None:
    f.records, f.ids, f.raw, f.nodes = [], set(), {}, {}
    try:
        doc = _yaml().load(f.text)
    except MarkedYAMLError as exc:
        _yaml_error(f, exc)
        return
    if doc is None:
        doc = CommentedSeq()
    if not isinstance(doc, CommentedSeq):
        f.problem(1, 1, f"expected a list of records (each starting with '- '), found a {_kind(doc)}")
        return
    f.doc, f.parsed = doc, True
    _validate_records(f, RECORD_TYPES[f.name])


def _scan_tabs(f: _File) -> bool:
    """Tabs in indentation are a YAML error with a confusing message; name them."""
    found = False
    for n, line in enumerate(f.text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            f.problem(n, indent.index("\t") + 1, "tab character in indentation: indent with spaces")
            found = True
    return found


class _Resolver12(pyyaml.resolver.BaseResolver):
    """PyYAML resolving plain scalars by YAML 1.2 rules -- ruamel's own table,
    so the fast and the round-trip readers agree on every value."""

    yaml_implicit_resolvers: dict = {}


for _versions, _tag, _regexp, _first in _ruamel_implicit_resolvers:
    if (1, 2) in _versions and _tag.rsplit(":", 1)[1] in ("bool", "float", "int", "null", "timestamp"):
        _Resolver12.add_implicit_resolver(_tag, _regexp, _first)


class _FastConstructor(pyyaml.constructor.SafeConstructor):
    """Safe constructor that refuses duplicate keys and keeps impossible dates as text."""

    def construct_mapping(self, node, deep=False):
        keys = [k.value for k, _ in node.value]
        if len(set(keys)) != len(keys):
            raise pyyaml.constructor.ConstructorError(None, None, "duplicate key", node.start_mark)
        return super().construct_mapping(node, deep)

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return str(node.value)


_FastConstructor.add_constructor("tag:yaml.org,2002:timestamp", _FastConstructor.construct_yaml_timestamp)
_FastConstructor.add_constructor("tag:yaml.org,2002:map", _FastConstructor.construct_yaml_map)
try:
    from yaml.cyaml import CParser as _CParser
except ImportError:  # pragma: no cover - PyYAML without libyaml
    _CParser = None

if _CParser is not None:
    class _Fast12Loader(_CParser, _FastConstructor, _Resolver12):  # type: ignore[misc, valid-type]
        def __init__(self, stream):
            _CParser.__init__(self, stream)
            _FastConstructor.__init__(self)
            _Resolver12.__init__(self)
else:  # pragma: no cover
    class _Fast12Loader(pyyaml.reader.Reader, pyyaml.scanner.Scanner, pyyaml.parser.Parser,  # type: ignore[no-redef]
                        pyyaml.composer.Composer, _FastConstructor, _Resolver12):
        def __init__(self, stream):
            pyyaml.reader.Reader.__init__(self, stream)
            pyyaml.scanner.Scanner.__init__(self)
            pyyaml.parser.Parser.__init__(self)
            pyyaml.composer.Composer.__init__(self)
            _FastConstructor.__init__(self)
            _Resolver12.__init__(self)


_EventLoader = getattr(pyyaml, "CSafeLoader", pyyaml.SafeLoader)  # libyaml: ~5x faster scan

_DOUBT = object()
"""What :func:`_fast_load` returns for anything the located path must judge."""

_CTOR = _FastConstructor()
_PLAIN = {first: list(rs) for first, rs in _Resolver12.yaml_implicit_resolvers.items()}
_ScalarNode = pyyaml.nodes.ScalarNode
_CTOR_11 = pyyaml.constructor.SafeConstructor()
_PLAIN_11 = {first: [(tag, rx) for tag, rx in rs] for first, rs in
             pyyaml.resolver.Resolver.yaml_implicit_resolvers.items()}


def _plain_scalar(value: str, table: dict = _PLAIN, ctor: Any = _CTOR) -> Any:
    """A plain (unquoted) scalar's value by the YAML 1.2 table, as ``_Fast12Loader`` reads it
    (or by PyYAML's 1.1 table, as ``CSafeLoader`` reads the merge base)."""
    for tag, regexp in table.get(value[:1], ()):
        if regexp.match(value):
            if tag not in ctor.yaml_constructors or tag.endswith((":merge", ":value")):
                raise ValueError(f"not a plain value: {value!r}")  # -> the full loader decides
            return ctor.yaml_constructors[tag](ctor, _ScalarNode(tag, value))
    return value


def _fast_load(text: str, yaml11: bool = False) -> Any:
    """Parse *text* into plain Python in one pass over libyaml's events.

    The same values as ``pyyaml.load(text, Loader=_Fast12Loader)`` (tested),
    but the checks of :func:`_scan_events` ride along on the same events
    instead of costing a second parse: any anchor, alias, tag, second
    document or duplicate key returns :data:`_DOUBT`, and the caller then
    takes the slow path that says exactly what and where.  On the Syria
    corpus this halves the CPU time of ``check``.
    """
    if _CParser is None:  # pragma: no cover
        return _DOUBT
    table, ctor = (_PLAIN_11, _CTOR_11) if yaml11 else (_PLAIN, _CTOR)
    parser = _CParser(text)
    stack: list[list] = []  # [container, pending mapping key or _DOUBT]
    root: Any = None
    docs = 0
    scalar_ev, mstart, sstart = pyyaml.ScalarEvent, pyyaml.MappingStartEvent, pyyaml.SequenceStartEvent
    end_evs = (pyyaml.MappingEndEvent, pyyaml.SequenceEndEvent)
    ev = parser.get_event()
    while ev is not None:
        kind = type(ev)
        if kind is scalar_ev:
            if ev.anchor is not None or ev.tag is not None:
                return _DOUBT
            value = ev.value
            if ev.implicit[0] and value[:1] in table:  # most text starts with a letter: no lookup
                value = _plain_scalar(value, table, ctor)
        elif kind is mstart or kind is sstart:
            if ev.anchor is not None or ev.tag is not None:
                return _DOUBT
            stack.append([{} if kind is mstart else [], _DOUBT])
            ev = parser.get_event()
            continue
        elif kind in end_evs:
            value = stack.pop()[0]
        elif kind is pyyaml.DocumentStartEvent:
            docs += 1
            if docs > 1:
                return _DOUBT
            ev = parser.get_event()
            continue
        elif kind is pyyaml.AliasEvent:
            return _DOUBT
        else:  # stream/document end
            ev = parser.get_event()
            continue
        if not stack:
            root = value
        else:
            top = stack[-1]
            container = top[0]
            if type(container) is list:
                container.append(value)
            elif top[1] is _DOUBT:
                if isinstance(value, (dict, list)) or value in container:
                    return _DOUBT  # a complex or a duplicate key
                top[1] = value
            else:
                container[top[1]] = value
                top[1] = _DOUBT
        ev = parser.get_event()
    return root


def _scan_events(f: _File) -> bool:
    """Reject syntax errors, tags, anchors/aliases and extra documents.

    Works on parser events (nothing is constructed), so an alias bomb costs
    nothing and a ``!!python/object`` tag never reaches a constructor.
    """
    bad = False
    docs = 0
    try:
        for ev in pyyaml.parse(f.text, Loader=_EventLoader):
            line, col = ev.start_mark.line + 1, ev.start_mark.column + 1
            if isinstance(ev, pyyaml.DocumentStartEvent):
                docs += 1
                if docs == 2:
                    f.problem(line, col, "a second YAML document ('---'): keep one list of records per file")
                    bad = True
            elif isinstance(ev, pyyaml.AliasEvent):
                f.problem(line, col, f"alias '*{ev.anchor}' is not allowed: write the value out")
                bad = True
            elif isinstance(ev, pyyaml.NodeEvent):
                if ev.anchor is not None:
                    f.problem(line, col, f"anchor '&{ev.anchor}' is not allowed: write values out in full")
                    bad = True
                tag = getattr(ev, "tag", None)
                if tag is not None and tag != "!":
                    f.problem(line, col, f"tag '{tag}' is not allowed: plain values only")
                    bad = True
    except pyyaml.MarkedYAMLError as exc:
        _yaml_error(f, exc)
        return True
    except pyyaml.reader.ReaderError as exc:  # a control character: not a MarkedYAMLError
        line = f.text.count("\n", 0, exc.position) + 1
        col = exc.position - (f.text.rfind("\n", 0, exc.position) + 1) + 1
        f.problem(line, col, f"character #x{exc.character:04x} is not allowed in YAML "
                             "(a control character): delete it")
        return True
    return bad


def _yaml_error(f: _File, exc: Any) -> None:
    """A parser error at the problem's mark, naming where the construct began."""
    mark, ctx = exc.problem_mark or exc.context_mark, exc.context_mark
    text = (exc.problem or exc.context or "not valid YAML").split("\n")[0]
    if exc.context and ctx is not None and mark is not None and ctx.line != mark.line:
        text += f" ({exc.context} started at line {ctx.line + 1})"
    key = re.search(r'found duplicate key "([^"]*)"', str(exc))
    if key:
        text = f"duplicate field '{key.group(1)}' in one record"
    line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
    f.problem(line, col, f"YAML syntax error: {text}")


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    if value is None:
        return "empty value"
    return f"{type(value).__name__} ({str(value)[:40]!r})"


def _plain(node: Any) -> Any:
    """Round-trip containers/scalars -> plain Python, for validation and compare."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def _validate_records(f: _File, model: type[Record]) -> None:
    first_line: dict[str, int] = {}
    for i, node in enumerate(f.doc):
        line, col = f.doc.lc.item(i)
        if not isinstance(node, CommentedMap):
            f.problem(line + 1, col + 1, f"record {i + 1} must be a mapping of fields (key: value), found a {_kind(node)}")
            continue
        rid = node.get("id")
        if isinstance(rid, str):
            f.ids.add(rid)
            if rid in first_line:
                at = _at(node, ("id",))
                f.problem(*at, f"duplicate id '{rid}' (first used at line {first_line[rid]})")
                continue
            first_line[rid] = _at(node, ("id",))[0]
        try:
            record = model.model_validate(_plain(node))
        except ValidationError as exc:
            for err in exc.errors():
                f.problem(*_at(node, err["loc"], err["type"]), _message(err, model))
            continue
        f.records.append(record)
        f.nodes[record.id] = node
        f.raw[record.id] = _plain(node)


def _at(node: Any, loc: Iterable[Any], kind: str = "") -> tuple[int, int]:
    """1-based line/column of *loc* inside a record node.

    Points at the key for unknown/missing-field errors, at the value otherwise;
    falls back to the deepest container that exists.
    """
    line, col = node.lc.line, node.lc.col
    loc = list(loc)
    for n, part in enumerate(loc):
        last = n == len(loc) - 1
        if isinstance(node, CommentedMap) and part in node:
            line, col = node.lc.key(part) if (last and kind == "extra_forbidden") else node.lc.value(part)
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line, col = node.lc.item(part)
            node = node[part]
        else:
            break
    return line + 1, col + 1


def _dotted(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _model_at(model: type[BaseModel], loc: Iterable[Any]) -> type[BaseModel]:
    """The (nested) model a location points into, e.g. sources[0] -> SourceRef."""
    for part in loc:
        if isinstance(part, int) or part not in model.model_fields:
            continue
        ann = model.model_fields[part].annotation
        for cand in (ann, *typing.get_args(ann)):
            if isinstance(cand, type) and issubclass(cand, BaseModel):
                model = cand
                break
    return model


def _suggest(word: str, choices: Iterable[str]) -> list[str]:
    return difflib.get_close_matches(word, sorted(set(choices)), n=3, cutoff=0.6)


def _message(err: dict, model: type[Record]) -> str:
    """A pydantic error, said the way an editor can act on it."""
    loc, kind, msg = tuple(err["loc"]), err["type"], err["msg"]
    where = _dotted(loc)
    value = err.get("input")
    if kind == "extra_forbidden":
        known = list(_model_at(model, loc[:-1]).model_fields)
        near = _suggest(str(loc[-1]), known)
        hint = f"did you mean '{near[0]}'?" if near else "known fields: " + ", ".join(known)
        return f"unknown field '{loc[-1]}' ({hint})"
    if kind == "missing":
        return f"missing required field '{where}'"
    if kind == "string_pattern_mismatch":
        return (f"{where}: {value!r} is not a valid id: use lowercase letters, digits and "
                f"hyphens, e.g. '{slug(value, fallback='an-id')}'")
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", err.get("ctx", {}).get("expected", ""))
        near = _suggest(str(value), choices)
        hint = f" (did you mean '{near[0]}'?)" if near else ""
        return f"{where}: {value!r} is not one of {', '.join(choices)}{hint}"
    msg = msg.removeprefix("Value error, ")
    msg = msg[:1].lower() + msg[1:]
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return f"{where}: {msg}, got {_kind(value)}"
    return f"{where}: {msg}" if where else msg


# --------------------------------------------------------------------------
# References between files
# --------------------------------------------------------------------------


def _references(name: str, rec: dict) -> Iterator[tuple[tuple, str, Any]]:
    """Every id a record points at: ``(location, target file, id)``."""
    if name == "actors" and rec.get("affiliation"):
        yield ("affiliation",), "actors", rec["affiliation"]
    if name == "timeline":
        for i, a in enumerate(rec.get("actors") or []):
            yield ("actors", i), "actors", a
        if rec.get("anchor"):
            yield ("anchor",), "sources", rec["anchor"]
    if name == "positions" and rec.get("actor"):
        yield ("actor",), "actors", rec["actor"]
    for i, ref in enumerate(rec.get("sources") or [] if name != "sources" else []):
        if isinstance(ref, dict) and ref.get("article"):
            yield ("sources", i, "article"), "sources", ref["article"]


def _check_references(files: dict[str, _File]) -> None:
    for name, f in files.items():
        for rid, rec in f.raw.items():
            for loc, target, value in _references(name, rec):
                tf = files[target]
                if tf.exists and not tf.parsed:
                    continue  # target file unreadable: its own problems say why
                if value in tf.ids:
                    continue
                near = _suggest(str(value), tf.ids)
                hint = f"did you mean '{near[0]}'?" if near else f"add it to {target}.yaml or fix the id"
                msg = f"{_dotted(loc)}: '{value}' is not an id in {target}.yaml ({hint})"
                if not f.nodes:  # read the fast way: parse again to locate the problem
                    _roundtrip_read(f)
                f.problems.append(Problem(f.rel, *_at(f.nodes[rid], loc), msg, severity=_REF_PROBLEM))


# --------------------------------------------------------------------------
# Public: check and load
# --------------------------------------------------------------------------


def _read_all(data_dir: Path, root: Optional[Path] = None, roundtrip: bool = False,
              cached: bool = False) -> dict[str, _File]:
    data_dir = Path(data_dir)
    shown = _shown(data_dir, root)
    read = _ParsedCache(Path(root)).read if cached and root is not None and not roundtrip else _read_file
    files = {
        name: read(data_dir / f"{name}.yaml", f"{shown}/{name}.yaml", name, roundtrip)
        for name in RECORD_TYPES
    }
    _check_references(files)
    return files


class _ParsedCache:
    """The validated records of each data file, kept in ``.briefing-cache/``
    keyed by the file's bytes, so a build after one edit re-parses only the
    edited file -- and of that file only the records whose text changed.

    Only a file that read entirely valid is kept, and exactly what
    :func:`_fast_read` makes of it is restored (records, plain values, ids,
    text), so every problem is still found: a file's own problems come from
    its bytes (unchanged = still none), and references between files are
    checked afresh on every read.  The key also covers the code that
    validates (``models.py``, ``store.py``) and pydantic's version.  A
    missing or damaged entry is a miss; a failed write is ignored.

    Per record (:func:`_record_chunks`): when a kept file was a plain block
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
        from .cache import CACHE_DIR

        self.dir = root / CACHE_DIR / "data"

    def read(self, path: Path, rel: str, name: str, roundtrip: bool = False) -> _File:
        try:
            data = path.read_bytes()
        except OSError:
            return _read_file(path, rel, name, roundtrip)
        code = self._code_key(name)
        key = self._key(code, data)
        entry = self._path(name)
        old = self._load(entry, code)
        if old is not None and old[0] == key:
            _, records, raw, ids, _ = old
            return _File(name=name, rel=rel, exists=True, text=_text(data), records=records,
                         raw=raw, ids=ids, parsed=True)
        f = None
        if old is not None and not roundtrip and old[4] is not None:
            f = _read_by_records(data, rel, name, old)
        if f is None:
            f = _read_file(path, rel, name, roundtrip)
        if f.parsed and not f.problems and f.doc is None:
            chunks = _record_chunks(f.text)
            digests = None
            if chunks is not None and len(chunks) == len(f.records):
                digests = [_chunk_key(c) for c in chunks]
            self._keep(entry, (self.FORMAT, code, key, f.records, f.raw, f.ids, digests))
        return f

    def _load(self, entry: Path, code: str) -> Optional[tuple]:
        """(file key, records, raw, ids, item digests) kept for this code, or None."""
        try:
            from .cache import load_file

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
            import hashlib

            import pydantic

            h = hashlib.sha256(f"{name}\0{pydantic.VERSION}\0".encode())
            for code in (Path(__file__), Path(__file__).with_name("models.py")):
                h.update(code.read_bytes())
            cls._CODE[name] = h.hexdigest()
        return cls._CODE[name]

    @staticmethod
    def _key(code: str, data: bytes) -> str:
        import hashlib

        return hashlib.sha256(code.encode() + b"\0" + data).hexdigest()

    def _keep(self, entry: Path, value: tuple) -> None:
        from .cache import keep

        keep(entry, value)


def _text(data: bytes) -> str:
    """The bytes as ``Path.read_text`` gives them (UTF-8, universal newlines)."""
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


_ITEM_START = re.compile(r"^-(?: |$)", re.M)
_OTHER_AT_COLUMN_0 = re.compile(r"^(?![ #]|-(?: |$)|$)", re.M)


def _record_chunks(text: str) -> Optional[list[str]]:
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
    import hashlib

    return hashlib.blake2b(chunk.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _read_by_records(data: bytes, rel: str, name: str, old: tuple) -> Optional[_File]:
    """Read a file from the records kept for its unchanged items, parsing only
    the changed ones; None when that cannot be done exactly (the caller then
    reads the whole file, which locates any problem)."""
    try:
        text = _text(data)
    except UnicodeDecodeError:
        return None
    chunks = _record_chunks(text)
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
                items = _fast_load(chunk)
            except Exception:
                return None
            if items is _DOUBT or not isinstance(items, list) or len(items) != 1 \
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
    return _File(name=name, rel=rel, exists=True, text=text, records=records, raw=raw,
                 ids=set(raw), parsed=True)


def _shown(folder: Path, root: Optional[Path]) -> str:
    """How a folder is named in messages: relative to the project root."""
    base = Path(root) if root is not None else Path(folder).parent
    try:
        return Path(folder).resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return str(folder)


def _as_errors(problems: Iterable[Problem]) -> list[Problem]:
    """Problems as reported: references are errors too, only tagged internally."""
    return [Problem(p.file, p.line, p.column, p.message) for p in problems]


def _problems(data_dir: Path, root: Optional[Path]) -> tuple[list[Problem], dict[str, _File]]:
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return [Problem(_shown(data_dir, root), None, None,
                        "no data folder yet: run `briefing extract` to create it")], {}
    files = _read_all(data_dir, root, cached=True)  # check/load: unchanged files from the cache
    problems = _as_errors(p for f in files.values() for p in f.problems)
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0, p.message)), files


def source_owners(data_dir: Path) -> dict[str, tuple[str, str]]:
    """``{id: (path, hash)}`` of the sources in data/sources.yaml, {} when it is
    missing or unreadable: which article held each id at the last extraction,
    so a new article with the same id never takes it (:mod:`generator.ingest`)."""
    try:
        data = _fast_load((data_dir / "sources.yaml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, pyyaml.YAMLError):
        return {}
    if not isinstance(data, list):
        return {}
    return {str(r["id"]): (str(r.get("path") or ""), str(r.get("hash") or ""))
            for r in data if isinstance(r, dict) and isinstance(r.get("id"), str)}


def check(data_dir: Path, root: Optional[Path] = None) -> list[Problem]:
    """Every problem in ``data/*.yaml``, sorted by file, line and column."""
    return _problems(data_dir, root)[0]


def load(data_dir: Path, root: Optional[Path] = None) -> Briefing:
    """All of ``data/`` as typed records; raises DataError listing every problem."""
    problems, files = _problems(data_dir, root)
    if problems:
        raise DataError(problems)
    return Briefing(**{name: f.records for name, f in files.items()})


# --------------------------------------------------------------------------
# Merge
# --------------------------------------------------------------------------


@dataclass
class _Counts:
    added: int = 0
    updated: int = 0
    edited: int = 0
    deleted: int = 0
    removed: int = 0
    mapped: int = 0

    def report(self) -> str:
        parts = [
            (self.added, "added"), (self.updated, "updated"), (self.edited, "kept as edited"),
            (self.deleted, "kept deleted"), (self.removed, "removed"),
            (self.mapped, "actor(s) resolved to an editor's actor by alias"),
        ]
        text = ", ".join(f"{n} {what}" for n, what in parts if n)
        return text or "no changes"


def _dump_record(rec: Record) -> dict:
    return rec.model_dump(mode="python")


def _by_id(records: Iterable[dict]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for r in records:
        out.setdefault(r["id"], r)  # the extraction should not repeat ids; first wins
    return out


def _norm(name: str) -> str:
    return " ".join(str(name).casefold().split())


def _alias_map(ours: _File, base: _File, theirs: dict[str, dict]) -> dict[str, str]:
    """Extracted actor id -> editor's actor id, from names the *editor* added.

    An editor merges actor B into A by adding B's name as an alias of A (or
    by renaming A's id).  Only names the editor introduced count -- names that
    were already in the last extraction would otherwise glue together actors
    the extractor keeps apart on purpose.
    """
    base_names = {rid: {_norm(n) for n in (r.name, *r.aliases)} for rid, r in
                  ((r.id, r) for r in base.records)}
    index: dict[str, set[str]] = {}
    for r in ours.records:
        for n in {_norm(n) for n in (r.name, *r.aliases)} - base_names.get(r.id, set()):
            index.setdefault(n, set()).add(r.id)
    mapping: dict[str, str] = {}
    for tid, t in theirs.items():
        names = {_norm(n) for n in (t["name"], *t.get("aliases", []))}
        targets = set().union(*(index.get(n, set()) for n in names)) - {tid}
        if len(targets) == 1:
            mapping[tid] = targets.pop()
    return {k: v for k, v in mapping.items() if v not in mapping}


def _rewrite(theirs: dict[str, dict[str, dict]], amap: dict[str, str],
             deleted: dict[str, set[str]]) -> dict[str, dict[str, dict]]:
    """Apply the alias map and drop references to records the editor deleted.

    A fact whose only sources the editor deleted, or a position whose actor the
    editor deleted, goes with them: deleting is the editor's strongest word.
    """
    out: dict[str, dict[str, dict]] = {}
    gone_actors, gone_sources = deleted.get("actors", set()), deleted.get("sources", set())

    def actor(a: Optional[str]) -> Optional[str]:
        a = amap.get(a, a)
        return None if a in gone_actors else a

    for name, recs in theirs.items():
        kept: dict[str, dict] = {}
        for rid, rec in recs.items():
            if name == "actors" and rid in amap:
                continue
            rec = dict(rec)
            if name == "actors" and rec.get("affiliation"):
                rec["affiliation"] = actor(rec["affiliation"])
            if name == "timeline":
                rec["actors"] = list(dict.fromkeys(a for a in map(actor, rec["actors"]) if a))
                if rec.get("anchor") in gone_sources:
                    rec["anchor"] = None
            if name == "positions":
                rec["actor"] = actor(rec["actor"])
                if rec["actor"] is None:
                    continue
            if name != "sources" and rec.get("sources"):
                refs = [s for s in rec["sources"] if s["article"] not in gone_sources]
                if not refs:
                    continue
                rec["sources"] = refs
            kept[rid] = rec
        out[name] = kept
    return out


def _yaml_value(key: str, value: Any) -> Any:
    """A model value as it should appear in YAML (nested maps ordered).

    Dates stay ISO strings at every grain; the writers quote the ones a YAML
    reader would take for a date or a year (``'2012-07-06'``, ``'2012'``), so
    every reader of the data contract gets one type for ``date``.
    """
    if isinstance(value, dict):
        return CommentedMap((k, _yaml_value(k, v)) for k, v in value.items() if v not in ("", None))
    if isinstance(value, list):
        seq = CommentedSeq(_yaml_value(key, v) for v in value)
        return seq
    return value


def _defaults(model: type[Record]) -> dict[str, Any]:
    out = {}
    for name, info in model.model_fields.items():
        if info.default_factory is not None:
            out[name] = info.default_factory()
        elif not info.is_required():
            out[name] = info.default
    return out


def _new_node(model: type[Record], rec: dict) -> CommentedMap:
    """A fresh record in model field order, defaults left out (short files)."""
    defaults = _defaults(model)
    node = CommentedMap()
    for key in model.model_fields:
        if key in rec and (key not in defaults or rec[key] != defaults[key]):
            node[key] = _yaml_value(key, rec[key])
    return node


def _set(node: CommentedMap, model: type[Record], key: str, value: Any) -> None:
    """Set one field in an editor's record, keeping its other lines and comments."""
    defaults = _defaults(model)
    if key in defaults and value == defaults[key]:
        if key in node:
            del node[key]
        return
    if key in node:
        node[key] = _yaml_value(key, value)
        return
    order = list(model.model_fields)
    pos = sum(1 for k in node if k in order and order.index(k) < order.index(key))
    node.insert(pos, key, _yaml_value(key, value))


class _FreshDoc:
    """A new file's records, made into YAML nodes only as they are written.

    A first extraction writes every record as new; building all their
    ruamel nodes up front held a third copy of the whole extraction.
    Nothing edits a fresh document (an editor has no records in it), so
    reading it is all it supports.
    """

    def __init__(self, model: type[Record], records: dict[str, dict]):
        self.model, self.records, self.ids = model, records, sorted(records)

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self) -> Iterator[CommentedMap]:
        for rid in self.ids:
            yield _new_node(self.model, self.records[rid])

    def __getitem__(self, i: int) -> CommentedMap:
        return _new_node(self.model, self.records[self.ids[i]])


@dataclass
class _Merged:
    name: str
    doc: CommentedSeq
    vanished: list[str] = field(default_factory=list)  # untouched, gone from extraction
    dirty: bool = False  # False: the editor's text is written back byte for byte


def _merge_file(ours: _File, doc: Optional[CommentedSeq], base: dict[str, dict], theirs: dict[str, dict],
                counts: _Counts) -> _Merged:
    """Merge one file into *doc* (the editor's records; None: no file yet)."""
    model = RECORD_TYPES[ours.name]
    if doc is None:  # first extraction of this file
        counts.added += len(theirs)
        return _Merged(ours.name, _FreshDoc(model, theirs))  # type: ignore[arg-type]
    merged = _Merged(ours.name, doc)
    nodes = {n.get("id"): n for n in doc if isinstance(n, CommentedMap)}
    fields = [k for k in model.model_fields if k not in ("id", "edited")]
    ours_ids = set()
    for rec in ours.records:
        ours_ids.add(rec.id)
        b, t, o = base.get(rec.id), theirs.get(rec.id), _dump_record(rec)
        node = nodes[rec.id]
        if b is None:
            continue  # added by the editor: theirs alone
        touched = any(o[k] != b[k] for k in fields)
        if touched and not o["edited"]:
            node["edited"] = True
            merged.dirty = True
        if touched or o["edited"]:
            counts.edited += 1
        if t is None:
            if not (touched or o["edited"]):
                merged.vanished.append(rec.id)
            continue
        changed = [k for k in fields if o[k] == b[k] and t[k] != o[k]]
        for k in changed:
            _set(node, model, k, t[k])
        merged.dirty |= bool(changed)
        counts.updated += bool(changed)
    for rid in sorted(set(theirs) - ours_ids):
        if rid in base:
            counts.deleted += 1
        else:
            doc.append(_new_node(model, theirs[rid]))
            merged.dirty = True
            counts.added += 1
    return merged


def _drop_vanished(merged: dict[str, _Merged], counts: _Counts) -> None:
    """Remove untouched records the extraction no longer produces -- unless
    something that stays still points at them (an editor's event, say)."""
    doomed = {name: set(m.vanished) for name, m in merged.items()}
    if not any(doomed.values()):
        return  # the common case: no need to collect every reference
    referenced: dict[str, set[str]] = {name: set() for name in merged}
    for name, m in merged.items():
        for node in m.doc:
            if isinstance(node, dict) and node.get("id") in doomed[name]:
                continue
            for _, target, value in _references(name, _plain(node)):
                referenced[target].add(value)
    for name, m in merged.items():
        gone = doomed[name] - referenced[name]
        if not gone:
            continue
        for i in reversed(range(len(m.doc))):
            if isinstance(m.doc[i], dict) and m.doc[i].get("id") in gone:
                del m.doc[i]
                m.dirty = True
        counts.removed += len(gone)


# Comments between records: ruamel hangs the comment lines *after* a record on
# the deepest last key of that record.  Appending a key (``edited: true``) or
# deleting the record would move or drop them, so every record's tail is
# detached before merging and hung back on after.


def _tail_slot(node: Any) -> Optional[tuple[Any, Any, int]]:
    found = None
    while isinstance(node, (CommentedMap, CommentedSeq)) and len(node):
        key = list(node.keys())[-1] if isinstance(node, CommentedMap) else len(node) - 1
        found = (node, key, 2 if isinstance(node, CommentedMap) else 0)
        child = node[key]
        if isinstance(child, (CommentedMap, CommentedSeq)) and child.fa.flow_style():
            break
        node = child
    return found


def _detach_tail(record: CommentedMap) -> str:
    """Remove and return the comment lines that follow *record* (not its EOL comment)."""
    slot = _tail_slot(record)
    entry = slot and slot[0].ca.items.get(slot[1])
    if not entry or entry[slot[2]] is None:
        return ""
    tok = entry[slot[2]]
    if tok.value.startswith("#"):
        eol, _, rest = tok.value.partition("\n")
        tok.value = eol + "\n"
        return rest
    entry[slot[2]] = None
    return tok.value[1:]


def _attach_tail(record: CommentedMap, tail: str) -> None:
    slot = _tail_slot(record)
    if not tail or slot is None:
        return
    node, key, idx = slot
    entry = node.ca.items.setdefault(key, [None, None, None, None])
    if entry[idx] is not None:
        entry[idx].value = entry[idx].value.rstrip("\n") + "\n" + tail
    else:
        entry[idx] = CommentToken("\n" + tail, CommentMark(0), None)


def _reattach_tails(doc: CommentedSeq, tails: list[tuple[str, str]]) -> None:
    """Hang each tail back on its record; a deleted record's on the one before it."""
    alive = {n.get("id"): n for n in doc if isinstance(n, CommentedMap)}
    lead, target, pending = "", None, {}
    for rid, tail in tails:
        target = rid if rid in alive else target
        if target is None:
            lead += tail
        else:
            pending[target] = pending.get(target, "") + tail
    for rid, tail in pending.items():
        _attach_tail(alive[rid], tail)
    if lead:
        if doc.ca.comment is None:
            doc.ca.comment = [None, []]
        doc.ca.comment[1] = (doc.ca.comment[1] or []) + [CommentToken(lead, CommentMark(0), None)]


_FastLoader = getattr(pyyaml, "CSafeLoader", pyyaml.SafeLoader)
_FastDumper = getattr(pyyaml, "CSafeDumper", pyyaml.SafeDumper)


def _read_base(path: Path, rel: str, name: str) -> _File:
    """The merge base: our own machine-written file, so a fast libyaml read.

    Written and read by PyYAML alone (one YAML dialect both ways); nobody
    edits it, so it needs no comments or locations -- only the records.
    """
    f = _File(name=name, rel=rel, exists=path.exists())
    if not f.exists:
        return f
    try:
        f.text = path.read_text(encoding="utf-8")
        try:
            items = _fast_load(f.text, yaml11=True)
        except ValueError:
            items = _DOUBT
        if items is _DOUBT:
            items = pyyaml.load(f.text, Loader=_FastLoader)
        items = items or []
    except (pyyaml.YAMLError, UnicodeDecodeError) as exc:
        f.problem(None, None, f"unreadable merge base ({exc}); restore it from git")
        return f
    model = RECORD_TYPES[name]
    for item in items if isinstance(items, list) else [items]:
        try:
            rec = model.model_validate(item)
        except ValidationError as exc:
            f.problem(None, None, f"invalid record in the merge base ({exc.errors()[0]['msg']}); restore it from git")
            continue
        f.records.append(rec)
        f.ids.add(rec.id)
    f.doc = CommentedSeq()
    return f


def _dump_base(model: type[Record], records: dict[str, dict]) -> str:
    return "".join(_base_chunks(model, records))


def _base_chunks(model: type[Record], records: dict[str, dict]) -> Iterator[str]:
    """The merge base's text, :data:`_CHUNK` records per ``yaml.dump``.

    Every item is a fresh container (nothing shared, so no anchors), and
    block-sequence items do not influence each other: the pieces join into
    the text one dump of the whole list gives.
    """
    yield _BASE_HEADER
    ids = sorted(records)
    if not ids:
        yield "[]\n"
    for at in range(0, len(ids), _CHUNK):
        items = [_unruamel(dict(_new_node(model, records[rid]))) for rid in ids[at:at + _CHUNK]]
        yield pyyaml.dump(items, Dumper=_FastDumper, sort_keys=False, allow_unicode=True,
                          width=4096, default_flow_style=False)


def _unruamel(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _unruamel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unruamel(v) for v in value]
    return value


_PREFLIGHT: dict[Path, tuple[tuple, tuple]] = {}
"""data folder -> (the files' bytes, what :func:`preflight` read from them)."""


def _merge_inputs(data_dir: Path) -> tuple:
    paths = [data_dir / f"{n}.yaml" for n in RECORD_TYPES] + [data_dir / BASE_DIR / f"{n}.yaml" for n in RECORD_TYPES]
    return tuple(p.read_bytes() if p.is_file() else None for p in paths)


def _read_for_merge(data_dir: Path, root: Optional[Path]) -> tuple[dict[str, _File], dict[str, _File]]:
    """The editor's files and the base; DataError if either cannot be read faithfully.

    Dangling references do not block: the merge itself may resolve them.
    What :func:`preflight` read is reused only if every file is still byte
    for byte the same (an editor may save while extraction runs).
    """
    hit = _PREFLIGHT.pop(Path(data_dir).resolve(), None)
    if hit is not None and hit[0] == _merge_inputs(Path(data_dir)):
        return hit[1]
    ours = _read_all(data_dir, root)  # fast; ruamel later only for files that need it
    shown = _shown(data_dir, root)
    bases = {name: _read_base(data_dir / BASE_DIR / f"{name}.yaml", f"{shown}/{BASE_DIR}/{name}.yaml", name)
             for name in RECORD_TYPES}
    blocking = [p for f in (*ours.values(), *bases.values()) for p in f.problems
                if p.severity != _REF_PROBLEM]
    if blocking:
        raise DataError(_as_errors(blocking) + [Problem(
            shown, None, None,
            "nothing was extracted: fix the problems above, then run `briefing extract` again")])
    return ours, bases


def preflight(data_dir: Path, root: Optional[Path] = None) -> None:
    """Raise DataError now if a later :func:`save_extraction` would refuse.

    ``extract`` calls this before the (slow) extraction, so a typo in an
    editor's file costs seconds, not a whole extraction run.  What it read
    is kept for :func:`save_extraction` (if nothing changes meanwhile).
    """
    data_dir = Path(data_dir)
    inputs = _merge_inputs(data_dir)
    _PREFLIGHT[data_dir.resolve()] = (inputs, _read_for_merge(data_dir, root))


_FAST_MERGE = True
"""False: every changed file goes through ruamel (tests compare the two ways)."""


def save_extraction(data_dir: Path, briefing: Briefing, root: Optional[Path] = None) -> str:
    """Merge a new extraction into ``data/``; return a one-line report.

    Refuses (DataError) when an editor's file has a per-file problem: merging
    into a file we cannot read faithfully could lose their work.

    The merge is planned on the fast plain reads.  Only a file that must
    change *and* holds something plain data cannot carry (a comment, flow
    style, its own quoting -- any text :func:`_fast_dump` would not write
    back byte for byte) is parsed again by ruamel and merged into that
    round-trip document; every other file is written by the fast writer.
    """
    data_dir = Path(data_dir)
    ours, bases = _read_for_merge(data_dir, root)
    base = {name: _by_id(_dump_record(r) for r in f.records) for name, f in bases.items()}
    theirs = {name: _by_id(_dump_record(r) for r in briefing.records(name)) for name in RECORD_TYPES}
    amap = _alias_map(ours["actors"], bases["actors"], theirs["actors"])
    deleted = {name: set(base[name]) - ours[name].ids for name in RECORD_TYPES if ours[name].exists}
    theirs = _rewrite(theirs, amap, deleted)
    was_empty = {name for name, f in ours.items() if f.exists and not f.records}
    counts, merged = _merge_all(ours, base, theirs, _plain_docs(ours))
    roundtrip = {name for name, m in merged.items()
                 if m.dirty and name not in was_empty and ours[name].exists
                 and not (_FAST_MERGE and _writes_back(ours[name]))}
    if roundtrip:  # same merge again, into ruamel's documents for those files
        docs = _plain_docs(ours)
        docs.update({name: _roundtrip_doc(ours[name]) for name in sorted(roundtrip)})
        counts, merged = _merge_all(ours, base, theirs, docs)
    counts.mapped = len(amap)
    writes: dict[Path, Text] = {}
    for name, m in merged.items():
        model, f = RECORD_TYPES[name], ours[name]
        lead = _leading_comments(f.text)
        text: Text
        if f.exists and not m.dirty:  # nothing to change: not even re-emitted
            text = f.text
        elif name in roundtrip:  # its own header comment rides along in the document
            text = _dump(m.doc, lead)
        elif not _FAST_MERGE:  # e.g. `[]`: restart in block style
            text = (lead if f.exists else _header(name, model)) + _dump(CommentedSeq(m.doc), "")
        else:  # streamed into the file as it is dumped (see write_all)
            text = _Stream((lead if f.exists else _header(name, model),), m.doc)
        writes[data_dir / f"{name}.yaml"] = text
        same = bases[name].text.startswith(_BASE_HEADER) and base[name] == theirs[name]
        writes[data_dir / BASE_DIR / f"{name}.yaml"] = (
            bases[name].text if same else _Stream(_base_chunks(model, theirs[name])))
    write_all(writes)
    return counts.report()


class _Stream:
    """A file's text made piece by piece while :func:`write_all` writes it.

    The whole text of ``data/`` (and as much again for ``data/.extracted/``)
    never has to exist as strings at once: each piece is dumped, written to
    the temp file and dropped.  *records*, if given, go through
    :func:`_fast_chunks` after the *head* pieces.
    """

    def __init__(self, head: Iterable[str], records: Optional[Iterable] = None):
        self.head, self.records = head, records

    def __iter__(self) -> Iterator[str]:
        yield from self.head
        if self.records is not None:
            yield from _fast_chunks(self.records)


Text = typing.Union[str, _Stream]


def _merge_all(ours: dict[str, _File], base: dict, theirs: dict,
               docs: dict[str, Optional[CommentedSeq]]) -> tuple[_Counts, dict[str, _Merged]]:
    counts = _Counts()
    tails = {name: [(n["id"], _detach_tail(n)) for n in doc if isinstance(n, CommentedMap)]
             for name, doc in docs.items() if doc is not None}
    merged = {name: _merge_file(ours[name], docs[name], base[name], theirs[name], counts)
              for name in RECORD_TYPES}
    _drop_vanished(merged, counts)
    for name, t in tails.items():
        _reattach_tails(merged[name].doc, t)
    return counts, merged


def _plain_docs(ours: dict[str, _File]) -> dict[str, Optional[CommentedSeq]]:
    """The editor's records as fresh comment-free documents (None: no file)."""
    return {name: CommentedSeq(CommentedMap(f.raw[r.id]) for r in f.records) if f.exists else None
            for name, f in ours.items()}


def _writes_back(f: _File) -> bool:
    """Does the fast writer reproduce this file byte for byte (no comments etc. to keep)?"""
    return f.text == _leading_comments(f.text) + _fast_dump([f.raw[r.id] for r in f.records])


def _roundtrip_doc(f: _File) -> CommentedSeq:
    """ruamel's document of an editor's file, read again now that the merge needs it."""
    if f.doc is None:
        _roundtrip_read(f)
    blocking = [p for p in f.problems if p.severity != _REF_PROBLEM]
    if f.doc is None or blocking:
        raise DataError(_as_errors(blocking) or [Problem(f.rel, None, None, "could not be read again")])
    return f.doc


# --------------------------------------------------------------------------
# Atomic, all-or-nothing writes
# --------------------------------------------------------------------------


def _mode(path: Path) -> int:
    """Keep an existing file's permissions; new files get the usual 0666 & ~umask."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_all(files: dict[Path, Any]) -> int:
    """Write several text files as one step: all temps first, then renames.

    A text is a ``str`` or an iterable of ``str`` pieces (a :class:`_Stream`),
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
    import filecmp

    return old.is_file() and filecmp.cmp(new, old, shallow=False)

