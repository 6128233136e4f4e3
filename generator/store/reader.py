"""Reading one data file: the fast way when it is valid, the located way when not.

Checks run cheapest first: UTF-8, tabs in indentation, then libyaml's
one-pass read and validation; only a file with a problem (or one the merge
must edit, *roundtrip*) is scanned for syntax, tags, anchors and extra
documents, then read by ruamel, which knows every line and column.
"""

from __future__ import annotations

import hashlib
import re
import typing
from pathlib import Path
from typing import Any, Optional

import yaml as pyyaml
from pydantic import ValidationError
from ruamel.yaml.comments import CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from ..models import RECORD_TYPES, Record
from . import yamlio
from .validate import DataFile, Revalidated, kind_of, validate_records


def read_file(path: Path, rel: str, name: str, roundtrip: bool = False,
              strings: Optional[dict] = None, lean: bool = False, valid: Optional[str] = None) -> DataFile:
    """Parse and validate one data file.

    A valid file is read by libyaml (fast; ``check``/``load`` run on every
    build); ruamel's round-trip parser -- slow, but it knows every line and
    column -- runs only when there is a problem to locate or when the merge
    needs the document to edit (*roundtrip*).  Both read YAML 1.2.

    *lean*: a valid file keeps no validated records, only its plain values
    (:class:`.validate.Revalidated` makes each record again as it is read),
    and no text: only its leading comments and the digest of its bytes
    (:attr:`.validate.DataFile.aside`).  A file of plain lines (no tab, no
    carriage return) is parsed from its bytes, never made a string: the text
    of ``positions.yaml`` at 10,000 articles is 60 MB as bytes, twice that as
    a string once it holds a curly quote, and the parser took a UTF-8 copy
    of the string besides.

    *valid* (with *lean*): the digest of bytes a read moments ago found valid
    (the save reads actors.yaml and sources.yaml once to plan, once to merge):
    the same bytes are parsed again but their records not validated again.
    """
    f = DataFile(name=name, rel=rel, exists=path.exists())
    if not f.exists:
        return f
    if lean:
        data = path.read_bytes()
        f.aside = (head_of(data), hashlib.sha256(data).hexdigest())
        tried = b"\t" not in data and b"\r" not in data  # the same text as read_text gives
        if tried and _fast_read(f, data, RECORD_TYPES[name], strings, lean, checked=f.aside[1] == valid):
            return f
        del data
        _read_text(f, path, name, roundtrip or tried, strings, lean)  # failed fast once: not again
        f.text = ""  # set aside: read again only if the merge changes the file
        return f
    _read_text(f, path, name, roundtrip, strings, lean)
    return f


def _read_text(f: DataFile, path: Path, name: str, slow: bool, strings: Optional[dict], lean: bool) -> None:
    """The file as text; the fast read unless *slow* (the merge needs the document,
    or the fast read of these very bytes failed already), then the located one."""
    try:
        f.text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        f.problem(None, None, f"not UTF-8 text ({exc.reason} at byte {exc.start}): save it as UTF-8")
        return
    if "\t" in f.text and _scan_tabs(f):
        return
    if not slow and _fast_read(f, f.text, RECORD_TYPES[name], strings, lean):
        return
    if _scan_events(f):
        return
    roundtrip_read(f)


def head_of(data: bytes) -> str:
    """The comment lines on top of a file's bytes (its header), as text; "" if
    they are not UTF-8 (the file's own read then says so)."""
    try:
        if b"\r" in data:
            return leading_comments(decoded(data))
        end = 0
        while data.startswith(b"#", end):
            nl = data.find(b"\n", end)
            end = len(data) if nl < 0 else nl + 1
        return leading_comments(data[:end].decode("utf-8"))
    except UnicodeDecodeError:
        return ""


def leading_comments(text: str) -> str:
    """The comment lines on top of a file (its header), kept when it is rewritten."""
    out = []
    for line in text.splitlines(keepends=True):
        if not line.startswith("#"):
            break
        out.append(line)
    return "".join(out)


def decoded(data: bytes) -> str:
    """The bytes as ``Path.read_text`` gives them (UTF-8, universal newlines)."""
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def _fast_read(f: DataFile, text: typing.Union[str, bytes], model: type[Record], strings: Optional[dict] = None,
               lean: bool = False, checked: bool = False) -> bool:
    """Read a file that is entirely valid without locations; False = take the slow path.

    *lean*: each record is validated and dropped, ``f.records`` validates
    them again when read (the merge reads them once): the save held a
    record per item of ``data/`` beside the plain values it was made from.
    *checked* (with *lean*): these very bytes were found valid already, so
    the records are not validated here."""
    try:
        data = yamlio.fast_load(text, strings=strings)
    except Exception:  # any doubt (syntax, duplicate key): the located path says it properly
        return False
    if data is yamlio.DOUBT:
        return False
    data = [] if data is None else data
    if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
        return False
    records, ids = [], []
    if lean and checked:
        ids = [item["id"] for item in data]
    for item in data if not (lean and checked) else ():
        try:
            rec = model.model_validate(item)
        except ValidationError:
            return False
        ids.append(rec.id)
        if not lean:
            records.append(rec)
    if len(set(ids)) != len(ids):
        return False
    f.ids, f.parsed = set(ids), True
    f.raw = dict(zip(ids, data))
    f.records = Revalidated(model, f.raw) if lean else records  # type: ignore[assignment]
    return True


def roundtrip_read(f: DataFile) -> None:
    f.records, f.ids, f.raw, f.nodes = [], set(), {}, {}
    try:
        doc = yamlio.rt_yaml().load(f.text)
    except MarkedYAMLError as exc:
        _yaml_error(f, exc)
        return
    if doc is None:
        doc = CommentedSeq()
    if not isinstance(doc, CommentedSeq):
        f.problem(1, 1, f"expected a list of records (each starting with '- '), found a {kind_of(doc)}")
        return
    f.doc, f.parsed = doc, True
    validate_records(f, RECORD_TYPES[f.name])


def _scan_tabs(f: DataFile) -> bool:
    """Tabs in indentation are a YAML error with a confusing message; name them."""
    found = False
    for n, line in enumerate(f.text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            f.problem(n, indent.index("\t") + 1, "tab character in indentation: indent with spaces")
            found = True
    return found


def _scan_events(f: DataFile) -> bool:
    """Reject syntax errors, tags, anchors/aliases and extra documents.

    Works on parser events (nothing is constructed), so an alias bomb costs
    nothing and a ``!!python/object`` tag never reaches a constructor.
    """
    bad = False
    docs = 0
    try:
        for ev in pyyaml.parse(f.text, Loader=yamlio.FastLoader):
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


def _yaml_error(f: DataFile, exc: Any) -> None:
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
