"""Saving an extraction: read what the merge needs, merge, write ``data/`` at once.

:func:`preflight` refuses early (before a long extraction) when an
editor's file cannot be read faithfully; :func:`save_extraction` merges
(:mod:`.merge`) and writes every data file and its merge base in one
all-or-nothing step (:func:`generator.fs.write_all`).

Comments and key order survive: a file that must change and holds anything
plain data cannot carry (a comment, flow style, custom quoting) is edited in
ruamel.yaml's round-trip document.  Everything else takes the fast paths that
make a re-merge of a 100,000-line ``data/`` take a second or two: a one-pass
libyaml reader, and a libyaml writer that gives exactly ruamel's text (tested
both ways).
"""

from __future__ import annotations

import hashlib
import re
import typing
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..config import Config
from ..errors import DataError, Problem
from ..fs import write_all
from ..models import RECORD_TYPES, Briefing, Record
from . import reader
from .base import BASE_DIR, BASE_HEADER, base_chunks, read_base
from .loader import as_errors, shown
from .merge import alias_map, by_id, dump_record, merge_all, plain_docs, rewrite
from .validate import REF_PROBLEM, DataFile
from .yamlio import dump, fast_chunks, fast_dump


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


def _leading_comments(text: str) -> str:
    """The comment lines on top of a file (its header), kept when it is rewritten."""
    out = []
    for line in text.splitlines(keepends=True):
        if not line.startswith("#"):
            break
        out.append(line)
    return "".join(out)


def _read_for_merge(cfg: Config, strings: Optional[dict] = None
                    ) -> tuple[dict[str, DataFile], dict[str, DataFile], dict[str, tuple[str, str]]]:
    """The editor's files (their texts set aside: :func:`_set_aside`), the
    base, and what was set aside by file; DataError if either cannot be read
    faithfully.

    Dangling references do not block: the merge itself may resolve them,
    so they are not looked for here (``check`` and ``load`` do), and each
    file's text is set aside as soon as it is read: one file's text alive
    at a time, not all of them.  Both reads share their strings
    (:func:`.yamlio.fast_load`), and those of *strings* (the extraction's:
    :func:`_share`): a record the editor left alone holds the same text as
    its base and as the new extraction.  The editor's records are kept as
    plain values only (*lean*, :func:`.reader.read_file`).
    """
    data_dir = cfg.path("data")
    strings = {} if strings is None else strings
    folder = shown(data_dir, cfg.root)
    ours, aside = {}, {}
    for name in RECORD_TYPES:  # fast; ruamel later only for files that need it
        ours[name] = f = reader.read_file(data_dir / f"{name}.yaml", f"{folder}/{name}.yaml", name,
                                          strings=strings, lean=True)
        if f.exists:
            aside[name] = _set_aside(f)
    bases = {name: read_base(data_dir / BASE_DIR / f"{name}.yaml", f"{folder}/{BASE_DIR}/{name}.yaml", name,
                             strings=strings)
             for name in RECORD_TYPES}
    blocking = [p for f in (*ours.values(), *bases.values()) for p in f.problems
                if p.severity != REF_PROBLEM]
    if blocking:
        raise DataError(as_errors(blocking) + [Problem(
            folder, None, None,
            "nothing was extracted: fix the problems above, then run `briefing extract` again")])
    return ours, bases, aside


def preflight(cfg: Config) -> None:
    """Raise DataError now if a later :func:`save_extraction` would refuse.

    ``extract`` calls this before the (slow) extraction, so a typo in an
    editor's file costs seconds, not a whole extraction run.  Nothing read
    is kept: :func:`save_extraction` reads ``data/`` again once the articles
    and per-article results are freed (every record of ``data/`` held
    through the extraction came on top of them: 480 of a cached
    re-extract's 862 MB at 2,500 articles), and so also sees an edit saved
    while extraction ran.
    """
    _read_for_merge(cfg)


FAST_MERGE = True
"""False: every changed file goes through ruamel (tests compare the two ways)."""


def save_extraction(cfg: Config, briefing: Briefing, spend: bool = False) -> str:
    """Merge a new extraction into ``data/``; return a one-line report.

    *spend*: empty each of *briefing*'s record lists once read into plain
    values, for a caller that has no further use for it (``extract``): its
    records would otherwise stay alive through the merge beside those values
    and the editor's files.

    Refuses (DataError) when an editor's file has a per-file problem: merging
    into a file we cannot read faithfully could lose their work.

    The merge is planned on the fast plain reads.  Only a file that must
    change *and* holds something plain data cannot carry (a comment, flow
    style, its own quoting -- any text :func:`fast_dump` would not write
    back byte for byte) is parsed again by ruamel and merged into that
    round-trip document; every other file is written by the fast writer.
    """
    data_dir = cfg.path("data")
    theirs = {}
    for name in RECORD_TYPES:  # first: a spent briefing's records are freed before data/ is read
        theirs[name] = by_id(dump_record(r) for r in briefing.records(name))
        if spend:
            briefing.records(name).clear()
    strings: dict = {}
    for recs in theirs.values():
        _share(recs, strings)
    ours, bases, aside = _read_for_merge(cfg, strings)
    del strings
    amap = alias_map(ours["actors"], bases["actors"], theirs["actors"])
    base = {name: f.raw for name, f in bases.items()}
    ours_base = {name for name, f in bases.items() if f.text.startswith(BASE_HEADER)}
    del bases
    deleted = {name: set(base[name]) - ours[name].ids for name in RECORD_TYPES if ours[name].exists}
    theirs = rewrite(theirs, amap, deleted)
    was_empty = {name for name, f in ours.items() if f.exists and not f.records}
    counts, merged = merge_all(ours, base, theirs, plain_docs(ours))
    for name, m in merged.items():
        if m.dirty and name in aside:
            _text_again(data_dir / f"{name}.yaml", ours[name], aside[name][1])
    roundtrip = {name for name, m in merged.items()
                 if m.dirty and name not in was_empty and ours[name].exists
                 and not (FAST_MERGE and _writes_back(ours[name]))}
    if roundtrip:  # same merge again, into ruamel's documents for those files
        docs = plain_docs(ours)
        docs.update({name: _roundtrip_doc(ours[name]) for name in sorted(roundtrip)})
        counts, merged = merge_all(ours, base, theirs, docs)
    counts.mapped = len(amap)
    writes: dict[Path, Text] = {}
    for name, m in merged.items():
        model, f = RECORD_TYPES[name], ours[name]
        lead = aside[name][0] if name in aside else ""
        text: Text
        if f.exists and not m.dirty:  # nothing to change: not even re-emitted (nor re-read)
            pass
        elif name in roundtrip:  # its own header comment rides along in the document
            text = dump(m.doc, lead)
        elif not FAST_MERGE:  # e.g. `[]`: restart in block style
            text = (lead if f.exists else _header(name, model)) + dump(
                CommentedSeq(CommentedMap(n) if type(n) is dict else n for n in m.doc), "")
        else:  # streamed into the file as it is dumped (see write_all)
            text = Stream((lead if f.exists else _header(name, model),), m.doc)
        if not (f.exists and not m.dirty):
            writes[data_dir / f"{name}.yaml"] = text
        if not (name in ours_base and base[name] == theirs[name]):  # else: already the very text
            writes[data_dir / BASE_DIR / f"{name}.yaml"] = Stream(base_chunks(model, theirs[name]))
    write_all(writes)
    return counts.report()


def _share(value: typing.Any, strings: dict) -> typing.Any:
    """*value* with each string replaced, in place, by the one *strings* holds equal to it.

    Filled from the extraction before ``data/`` is read, the table makes the
    editor's files and the base share the extraction's strings: three equal
    copies of every text of a re-extract's unchanged records were one.
    """
    kind = type(value)
    if kind is str:
        return strings.setdefault(value, value)
    if kind is dict:
        for k, v in value.items():
            value[k] = _share(v, strings)
    elif kind is list:
        for i, v in enumerate(value):
            value[i] = _share(v, strings)
    return value


def _set_aside(f: DataFile) -> tuple[str, str]:
    """(*f*'s leading comments, the digest of its text); the text itself is dropped.

    The merge is planned on the records; only a file that must change needs
    its text again (:func:`_text_again`), and the texts of every file held
    through the merge were the largest strings alive (positions.yaml's is
    stored two bytes a character once it holds a curly quote).
    """
    lead, digest = _leading_comments(f.text), hashlib.sha256(f.text.encode("utf-8", "surrogatepass")).hexdigest()
    f.text = ""
    return lead, digest


def _text_again(path: Path, f: DataFile, digest: str) -> None:
    """Read *f*'s text again for a file the merge changes; DataError (nothing
    written) if an editor saved it since it was read: the merge was planned on
    the text read then, and must not overwrite the newer one."""
    text = path.read_text(encoding="utf-8")
    if hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() != digest:
        raise DataError([Problem(f.rel, None, None, "changed while `briefing extract` ran, so nothing was "
                                                    "written: run `briefing extract` again")])
    f.text = text


class Stream:
    """A file's text made piece by piece while :func:`write_all` writes it.

    The whole text of ``data/`` (and as much again for ``data/.extracted/``)
    never has to exist as strings at once: each piece is dumped, written to
    the temp file and dropped.  *records*, if given, go through
    :func:`fast_chunks` after the *head* pieces.
    """

    def __init__(self, head: Iterable[str], records: Optional[Iterable] = None):
        self.head, self.records = head, records

    def __iter__(self) -> Iterator[str]:
        yield from self.head
        if self.records is not None:
            yield from fast_chunks(self.records)


Text = typing.Union[str, Stream]


def _writes_back(f: DataFile) -> bool:
    """Does the fast writer reproduce this file byte for byte (no comments etc. to keep)?"""
    return f.text == _leading_comments(f.text) + fast_dump([f.raw[r.id] for r in f.records])


def _roundtrip_doc(f: DataFile) -> CommentedSeq:
    """ruamel's document of an editor's file, read again now that the merge needs it."""
    if f.doc is None:
        reader.roundtrip_read(f)
    blocking = [p for p in f.problems if p.severity != REF_PROBLEM]
    if f.doc is None or blocking:
        raise DataError(as_errors(blocking) or [Problem(f.rel, None, None, "could not be read again")])
    return f.doc
