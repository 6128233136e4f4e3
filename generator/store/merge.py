"""The three-way merge that never loses an edit.

Editors own ``data/*.yaml``; extraction only *proposes* records.  A new
extraction (*theirs*) is merged into the editor's records (*ours*) keyed by
record id, against the previous extraction (*base*, :mod:`.base`):
comparing ours with the base is how we know what the editor changed (a
field, a deletion, an addition) without asking them to mark anything.  A
field the editor changed is kept (and the record marked ``edited: true``),
a record they deleted stays deleted, one they added stays; everything the
editor did not touch follows the extraction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Optional

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

from ..models import RECORD_TYPES, Record
from .validate import DataFile, Revalidated, references
from .yamlio import plain


@dataclass
class Counts:
    """What a merge did, record by record: the one-line report ``extract`` prints."""

    added: int = 0
    updated: int = 0
    edited: int = 0
    deleted: int = 0
    removed: int = 0
    mapped: int = 0

    def add(self, other: "Counts") -> None:
        for k in vars(other):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def report(self) -> str:
        parts = [
            (self.added, "added"), (self.updated, "updated"), (self.edited, "kept as edited"),
            (self.deleted, "kept deleted"), (self.removed, "removed"),
            (self.mapped, "actor(s) resolved to an editor's actor by alias"),
        ]
        text = ", ".join(f"{n} {what}" for n, what in parts if n)
        return text or "no changes"


def dump_record(rec: Record) -> dict:
    return rec.model_dump(mode="python")


def by_id(records: Iterable[dict]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for r in records:
        out.setdefault(r["id"], r)  # the extraction should not repeat ids; first wins
    return out


def _norm(name: str) -> str:
    return " ".join(str(name).casefold().split())


def alias_map(ours: DataFile, base: DataFile, theirs: dict[str, dict]) -> dict[str, str]:
    """Extracted actor id -> editor's actor id, from names the *editor* added
    (*base*: as :func:`.base.read_base` reads it, plain values by id).

    An editor merges actor B into A by adding B's name as an alias of A (or
    by renaming A's id).  Only names the editor introduced count -- names that
    were already in the last extraction would otherwise glue together actors
    the extractor keeps apart on purpose.
    """
    base_names = {rid: {_norm(n) for n in (r["name"], *r["aliases"])} for rid, r in base.raw.items()}
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


def rewrite(theirs: dict[str, dict[str, dict]], amap: dict[str, str],
             deleted: dict[str, set[str]]) -> dict[str, dict[str, dict]]:
    """Apply the alias map and drop references to records the editor deleted.

    A fact whose only sources the editor deleted, or a position whose actor the
    editor deleted, goes with them: deleting is the editor's strongest word.
    *theirs* is used up: each record is taken out of it and changed in place,
    not copied (a second dict per extracted record, alive at the merge's peak).
    """
    out: dict[str, dict[str, dict]] = {}
    gone_actors, gone_sources = deleted.get("actors", set()), deleted.get("sources", set())

    def actor(a: Optional[str]) -> Optional[str]:
        a = amap.get(a, a)
        return None if a in gone_actors else a

    for name, recs in theirs.items():
        kept: dict[str, dict] = {}
        for rid in list(recs):
            rec = recs.pop(rid)
            if name == "actors" and rid in amap:
                continue
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


def new_node(model: type[Record], rec: dict) -> CommentedMap:
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
            yield new_node(self.model, self.records[rid])

    def __getitem__(self, i: int) -> CommentedMap:
        return new_node(self.model, self.records[self.ids[i]])


@dataclass
class Merged:
    name: str
    doc: CommentedSeq
    vanished: list[str] = field(default_factory=list)  # untouched, gone from extraction
    dirty: bool = False  # False: the editor's text is written back byte for byte


def _merge_file(ours: DataFile, doc: Optional[CommentedSeq], base: dict[str, dict], theirs: dict[str, dict],
                counts: Counts) -> Merged:
    """Merge one file into *doc* (the editor's records; None: no file yet)."""
    model = RECORD_TYPES[ours.name]
    if doc is None:  # first extraction of this file
        counts.added += len(theirs)
        return Merged(ours.name, _FreshDoc(model, theirs))  # type: ignore[arg-type]
    merged = Merged(ours.name, doc)
    at = {n.get("id"): i for i, n in enumerate(doc) if isinstance(n, dict)}

    def node_of(rid: str) -> CommentedMap:
        """The record's node, to change: a plain one (:func:`plain_docs`) becomes
        ruamel's map now, so the editor's values it was read from stay as read."""
        node = doc[at[rid]]
        if type(node) is dict:
            node = doc[at[rid]] = CommentedMap(node)
        return node

    fields = [k for k in model.model_fields if k not in ("id", "edited")]
    ours_ids = set()
    for rec in ours.records:
        ours_ids.add(rec.id)
        b, t, o = base.get(rec.id), theirs.get(rec.id), dump_record(rec)
        if b is None:
            continue  # added by the editor: theirs alone
        touched = any(o[k] != b[k] for k in fields)
        if touched and not o["edited"]:
            node_of(rec.id)["edited"] = True
            merged.dirty = True
        if touched or o["edited"]:
            counts.edited += 1
        if t is None:
            if not (touched or o["edited"]):
                merged.vanished.append(rec.id)
            continue
        changed = [k for k in fields if o[k] == b[k] and t[k] != o[k]]
        for k in changed:
            _set(node_of(rec.id), model, k, t[k])
        merged.dirty |= bool(changed)
        counts.updated += bool(changed)
    for rid in sorted(set(theirs) - ours_ids):
        if rid in base:
            counts.deleted += 1
        else:
            doc.append(new_node(model, theirs[rid]))
            merged.dirty = True
            counts.added += 1
    return merged


MERGE_ORDER = ("positions", "timeline", "actors", "issues", "sources")
"""The order the files are merged in, one at a time: a record points only at
its own file or at a file after it (:func:`.validate.references`: events and
positions at actors and sources, actors at actors and sources), so when a file
is merged every record that could keep one of its vanished records alive has
been merged already, and only the ids it points at are carried forward."""


def _drop_vanished(m: Merged, kept: set[str], counts: Counts) -> dict[str, set[str]]:
    """Remove untouched records the extraction no longer produces -- unless
    something that stays still points at them: an id in *kept* (pointed at by
    the files merged before, :data:`MERGE_ORDER`) or a record of this file.
    Return the ids the records that stay point at, by target file."""
    doomed = set(m.vanished)
    referenced: dict[str, set[str]] = {}
    for node in m.doc:
        if isinstance(node, dict) and node.get("id") in doomed:
            continue
        for _, target, value in references(m.name, node if type(node) is dict else plain(node)):
            referenced.setdefault(target, set()).add(value)
    gone = doomed - kept - referenced.get(m.name, set())
    if gone:
        for i in reversed(range(len(m.doc))):
            if isinstance(m.doc[i], dict) and m.doc[i].get("id") in gone:
                del m.doc[i]
                m.dirty = True
        counts.removed += len(gone)
    return referenced


# --------------------------------------------------------------------------
# Comments between records
# --------------------------------------------------------------------------

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


def merge_one(ours: DataFile, doc: Optional[CommentedSeq], base: dict[str, dict], theirs: dict[str, dict],
              kept: set[str]) -> tuple[Counts, Merged, dict[str, set[str]]]:
    """Merge one file (:func:`_merge_file`) and drop its vanished records but those
    in *kept* (:func:`_drop_vanished`); the ids its records point at come back too,
    for the files merged after it (:data:`MERGE_ORDER`)."""
    counts = Counts()
    tails = [(n["id"], _detach_tail(n)) for n in doc if isinstance(n, CommentedMap)] if doc is not None else []
    merged = _merge_file(ours, doc, base, theirs, counts)
    referenced = _drop_vanished(merged, kept, counts)
    if doc is not None:
        _reattach_tails(merged.doc, tails)
    return counts, merged, referenced


def plain_doc(f: DataFile) -> Optional[CommentedSeq]:
    """The editor's records as a fresh comment-free document (None: no file).

    It holds the plain values as read, not a copy: a record becomes
    ruamel's map only when the merge changes it (:func:`_merge_file`), so an
    unchanged file costs no second map per record.
    """
    if not f.exists:
        return None
    if isinstance(f.records, Revalidated):  # its records are made from these very values, in order
        return CommentedSeq(f.raw.values())
    return CommentedSeq(f.raw[r.id] for r in f.records)
