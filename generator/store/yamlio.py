"""The two YAML dialects of ``data/``: what is read and written, and how.

* **Round-trip** (ruamel.yaml, YAML 1.2): keeps an editor's comments, key
  order and quoting; knows every line and column, so problems are located.
  Slow (pure Python), so used only to locate a problem or to edit a file
  that holds something plain data cannot carry.
* **Fast** (libyaml through PyYAML): :func:`fast_load` reads plain data in
  one pass over the parser's events, by ruamel's YAML 1.2 table, and
  returns :data:`DOUBT` for anything the round-trip reader must judge;
  :func:`fast_dump` writes exactly the text ruamel would.

Both quote a string that a YAML 1.1 reader (PyYAML, many editors' tools)
would take for something else, so every reader gets the same values.
"""

from __future__ import annotations

import datetime
import re
from io import StringIO
from typing import Any, Iterable, Iterator, Optional

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.resolver import implicit_resolvers as _ruamel_implicit_resolvers

FastLoader = getattr(pyyaml, "CSafeLoader", pyyaml.SafeLoader)
"""libyaml's safe loader (about 5x faster than PyYAML's own)."""
FastDumper = getattr(pyyaml, "CSafeDumper", pyyaml.SafeDumper)


# --------------------------------------------------------------------------
# Round-trip: strict, tolerant of impossible dates
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


def rt_yaml() -> YAML:
    y = YAML(typ="rt")
    y.Constructor = _Constructor
    y.Representer = _Representer
    y.indent(mapping=2, sequence=2, offset=0)
    y.width = 4096  # one value per line: diffs stay line-sized
    y.allow_duplicate_keys = False
    return y


def dump(seq: CommentedSeq, header: str) -> str:
    """YAML text of *seq*; an empty list is written as ``[]`` under *header*.

    (ruamel cannot emit a commented empty sequence, so that case is text.)
    """
    if len(seq) == 0:
        return header + "[]\n"
    out = StringIO()
    rt_yaml().dump(seq, out)
    return out.getvalue()


# --------------------------------------------------------------------------
# The fast writer
# --------------------------------------------------------------------------

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
    return type(value) is datetime.date


class _FastWriter(FastDumper):  # type: ignore[misc, valid-type]
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


def fast_dump(items: list) -> str:
    """The text ``dump(CommentedSeq(items), "")`` gives, for comment-free records."""
    return "".join(fast_chunks(items))


CHUNK = 256
"""Records per ``yaml.dump`` call when streaming a file: PyYAML builds a node
for every scalar of what it is given before writing any of it, so one call
per file held a second, heavier copy of the whole file in memory."""


def fast_chunks(items: Iterable) -> Iterator[str]:
    """:func:`fast_dump`'s text in pieces of at most :data:`CHUNK` records.

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
            if len(batch) >= CHUNK:
                yield from flush()
        else:
            yield from flush()
            yield dump(CommentedSeq([commented(item)]), "")
    yield from flush()
    if empty:
        yield "[]\n"


def commented(value: Any) -> Any:
    """Plain containers -> ruamel's, so ruamel writes them as it would have read them."""
    if isinstance(value, dict):
        return CommentedMap((k, commented(v)) for k, v in value.items())
    if isinstance(value, list):
        return CommentedSeq(commented(v) for v in value)
    return value



# --------------------------------------------------------------------------
# The fast reader: libyaml's events, YAML 1.2 values
# --------------------------------------------------------------------------


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
    class Fast12Loader(_CParser, _FastConstructor, _Resolver12):  # type: ignore[misc, valid-type]
        def __init__(self, stream):
            _CParser.__init__(self, stream)
            _FastConstructor.__init__(self)
            _Resolver12.__init__(self)
else:  # pragma: no cover
    class Fast12Loader(pyyaml.reader.Reader, pyyaml.scanner.Scanner, pyyaml.parser.Parser,  # type: ignore[no-redef]
                        pyyaml.composer.Composer, _FastConstructor, _Resolver12):
        def __init__(self, stream):
            pyyaml.reader.Reader.__init__(self, stream)
            pyyaml.scanner.Scanner.__init__(self)
            pyyaml.parser.Parser.__init__(self)
            pyyaml.composer.Composer.__init__(self)
            _FastConstructor.__init__(self)
            _Resolver12.__init__(self)


DOUBT = object()
"""What :func:`fast_load` returns for anything the located path must judge."""

_CTOR = _FastConstructor()
_PLAIN = {first: list(rs) for first, rs in _Resolver12.yaml_implicit_resolvers.items()}
_ScalarNode = pyyaml.nodes.ScalarNode
_CTOR_11 = pyyaml.constructor.SafeConstructor()
_PLAIN_11 = {first: [(tag, rx) for tag, rx in rs] for first, rs in
             pyyaml.resolver.Resolver.yaml_implicit_resolvers.items()}


def _plain_scalar(value: str, table: dict = _PLAIN, ctor: Any = _CTOR) -> Any:
    """A plain (unquoted) scalar's value by the YAML 1.2 table, as ``Fast12Loader`` reads it
    (or by PyYAML's 1.1 table, as ``CSafeLoader`` reads the merge base)."""
    for tag, regexp in table.get(value[:1], ()):
        if regexp.match(value):
            if tag not in ctor.yaml_constructors or tag.endswith((":merge", ":value")):
                raise ValueError(f"not a plain value: {value!r}")  # -> the full loader decides
            return ctor.yaml_constructors[tag](ctor, _ScalarNode(tag, value))
    return value


def fast_load(text: "str | bytes", yaml11: bool = False, strings: Optional[dict] = None) -> Any:
    """Parse *text* (a string, or UTF-8 bytes: libyaml reads them without a
    copy) into plain Python in one pass over libyaml's events.

    The same values as ``pyyaml.load(text, Loader=Fast12Loader)`` (tested),
    but the checks of :func:`.reader._scan_events` ride along on the same events
    instead of costing a second parse: any anchor, alias, tag, second
    document or duplicate key returns :data:`DOUBT`, and the caller then
    takes the slow path that says exactly what and where.  On the Syria
    corpus this halves the CPU time of ``check``.

    Equal strings come back as one object (*strings*: the table to share
    them through, so several reads can share theirs too): every record
    repeats the same dozen keys, and a sentence is cited by its position's
    statement and source, by actors and by events.  libyaml makes a new
    object for each; kept apart, they were about half of a read data file
    in memory.
    """
    if _CParser is None:  # pragma: no cover
        return DOUBT
    table, ctor = (_PLAIN_11, _CTOR_11) if yaml11 else (_PLAIN, _CTOR)
    share = ({} if strings is None else strings).setdefault
    parser = _CParser(text)
    stack: list[list] = []  # [container, pending mapping key or DOUBT]
    root: Any = None
    docs = 0
    scalar_ev, mstart, sstart = pyyaml.ScalarEvent, pyyaml.MappingStartEvent, pyyaml.SequenceStartEvent
    end_evs = (pyyaml.MappingEndEvent, pyyaml.SequenceEndEvent)
    ev = parser.get_event()
    while ev is not None:
        kind = type(ev)
        if kind is scalar_ev:
            if ev.anchor is not None or ev.tag is not None:
                return DOUBT
            value = ev.value
            if ev.implicit[0] and value[:1] in table:  # most text starts with a letter: no lookup
                value = _plain_scalar(value, table, ctor)
            if type(value) is str:
                value = share(value, value)
        elif kind is mstart or kind is sstart:
            if ev.anchor is not None or ev.tag is not None:
                return DOUBT
            stack.append([{} if kind is mstart else [], DOUBT])
            ev = parser.get_event()
            continue
        elif kind in end_evs:
            value = stack.pop()[0]
        elif kind is pyyaml.DocumentStartEvent:
            docs += 1
            if docs > 1:
                return DOUBT
            ev = parser.get_event()
            continue
        elif kind is pyyaml.AliasEvent:
            return DOUBT
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
            elif top[1] is DOUBT:
                if isinstance(value, (dict, list)) or value in container:
                    return DOUBT  # a complex or a duplicate key
                top[1] = value
            else:
                container[top[1]] = value
                top[1] = DOUBT
        ev = parser.get_event()
    return root


def plain(node: Any) -> Any:
    """Round-trip containers/scalars -> plain Python, for validation and compare."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node

