"""Validation: each record against its model, every problem said where and how to fix it.

A :class:`DataFile` is one parsed data file and the problems found in it.
Messages name the field (``sources[0].article``), point at the key or the
value in the file, and suggest the near name (``did you mean 'role'?``),
so one pass over ``briefing check`` fixes everything.
"""

from __future__ import annotations

import difflib
import re
import typing
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Optional

from pydantic import BaseModel, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..errors import Problem
from ..models import Record
from ..slug import slug
from .yamlio import plain

REF_PROBLEM = "ref"
"""The severity a dangling reference is tagged with inside the store (the merge
may resolve it, so it does not block a merge; it is reported as an error)."""


@dataclass
class DataFile:
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
    aside: Optional[tuple[str, str]] = None
    """A lean read's (:func:`.reader.read_file`) leading comments and the sha256 of
    the file's bytes, in place of its text."""

    def problem(self, line: Optional[int], col: Optional[int], msg: str) -> None:
        self.problems.append(Problem(self.rel, line, col, msg))


class Revalidated:
    """A valid file's records, validated again from its plain values as they are iterated.

    What the merge needs of the editor's records is each one once, in
    order (:func:`.reader.read_file` with *lean*); holding them all beside
    the plain values they were validated from doubled what a read file
    kept.  The values are valid, so validating again cannot fail.
    """

    def __init__(self, model: type[Record], raw: dict[str, dict]):
        self.model, self.raw = model, raw

    def __len__(self) -> int:
        return len(self.raw)

    def __iter__(self) -> Iterator[Record]:
        validate = self.model.model_validate
        for item in self.raw.values():
            yield validate(item)


def kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    if value is None:
        return "empty value"
    return f"{type(value).__name__} ({str(value)[:40]!r})"


def validate_records(f: DataFile, model: type[Record]) -> None:
    first_line: dict[str, int] = {}
    for i, node in enumerate(f.doc):
        line, col = f.doc.lc.item(i)
        if not isinstance(node, CommentedMap):
            f.problem(line + 1, col + 1, f"record {i + 1} must be a mapping of fields (key: value), found a {kind_of(node)}")
            continue
        rid = node.get("id")
        if isinstance(rid, str):
            f.ids.add(rid)
            if rid in first_line:
                at = location(node, ("id",))
                f.problem(*at, f"duplicate id '{rid}' (first used at line {first_line[rid]})")
                continue
            first_line[rid] = location(node, ("id",))[0]
        try:
            record = model.model_validate(plain(node))
        except ValidationError as exc:
            for err in exc.errors():
                f.problem(*location(node, err["loc"], err["type"]), _message(err, model))
            continue
        f.records.append(record)
        f.nodes[record.id] = node
        f.raw[record.id] = plain(node)


def location(node: Any, loc: Iterable[Any], kind: str = "") -> tuple[int, int]:
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


def dotted(loc: Iterable[Any]) -> str:
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


def suggest(word: str, choices: Iterable[str]) -> list[str]:
    return difflib.get_close_matches(word, sorted(set(choices)), n=3, cutoff=0.6)


def _message(err: dict, model: type[Record]) -> str:
    """A pydantic error, said the way an editor can act on it."""
    loc, kind, msg = tuple(err["loc"]), err["type"], err["msg"]
    where = dotted(loc)
    value = err.get("input")
    if kind == "extra_forbidden":
        known = list(_model_at(model, loc[:-1]).model_fields)
        near = suggest(str(loc[-1]), known)
        hint = f"did you mean '{near[0]}'?" if near else "known fields: " + ", ".join(known)
        return f"unknown field '{loc[-1]}' ({hint})"
    if kind == "missing":
        return f"missing required field '{where}'"
    if kind == "string_pattern_mismatch":
        return (f"{where}: {value!r} is not a valid id: use lowercase letters, digits and "
                f"hyphens, e.g. '{slug(value, fallback='an-id')}'")
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", err.get("ctx", {}).get("expected", ""))
        near = suggest(str(value), choices)
        hint = f" (did you mean '{near[0]}'?)" if near else ""
        return f"{where}: {value!r} is not one of {', '.join(choices)}{hint}"
    msg = msg.removeprefix("Value error, ")
    msg = msg[:1].lower() + msg[1:]
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return f"{where}: {msg}, got {kind_of(value)}"
    return f"{where}: {msg}" if where else msg


# --------------------------------------------------------------------------
# References between files
# --------------------------------------------------------------------------


def references(name: str, rec: dict) -> Iterator[tuple[tuple, str, Any]]:
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
