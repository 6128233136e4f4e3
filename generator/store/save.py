"""Saving an extraction: read, merge and stage ``data/`` file by file, write it at once.

:func:`preflight` refuses early (before a long extraction) when an
editor's file cannot be read faithfully; :func:`save_extraction` merges
(:mod:`.merge`) one file at a time, staging each data file and its merge
base beside it, and renames them all into place in one all-or-nothing step
(:class:`generator.fs.Staging`, as :func:`generator.fs.write_all`).

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
from ..fs import Staging
from ..models import RECORD_TYPES, Briefing, Record
from . import reader
from .base import BASE_DIR, BASE_HEADER, base_chunks, read_base
from .loader import as_errors, shown
from .merge import MERGE_ORDER, Counts, alias_map, by_id, dump_record, merge_one, plain_doc, rewrite
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


def _read_one(cfg: Config, name: str, strings: Optional[dict] = None, valid: Optional[str] = None
              ) -> tuple[DataFile, DataFile, Optional[tuple[str, str]]]:
    """The editor's file *name* (its text not kept: *lean*, :func:`.reader.read_file`),
    its merge base, and its leading comments and digest (None: no such file).

    Dangling references do not block: the merge itself may resolve them,
    so they are not looked for here (``check`` and ``load`` do).  Both reads
    share their strings (:func:`.yamlio.fast_load`), and those of *strings*
    (the extraction's of this file: :func:`_share`): a record the editor left
    alone holds the same text as its base and as the new extraction.  The
    editor's records are kept as plain values only (*lean*,
    :func:`.reader.read_file`); *valid*: the digest of the file as the plan
    read it (:func:`_plan`), whose records need no second validation.
    """
    data_dir = cfg.path("data")
    folder = shown(data_dir, cfg.root)
    strings = {} if strings is None else strings
    ours = reader.read_file(data_dir / f"{name}.yaml", f"{folder}/{name}.yaml", name, strings=strings, lean=True,
                            valid=valid)
    aside = ours.aside  # its text is not kept: the merge is planned on the records
    base = read_base(data_dir / BASE_DIR / f"{name}.yaml", f"{folder}/{BASE_DIR}/{name}.yaml", name,
                     strings=strings)
    return ours, base, aside


def _blocking(f: DataFile) -> list[Problem]:
    return [p for p in f.problems if p.severity != REF_PROBLEM]


def preflight(cfg: Config) -> None:
    """Raise DataError now if a later :func:`save_extraction` would refuse.

    ``extract`` calls this before the (slow) extraction, so a typo in an
    editor's file costs seconds, not a whole extraction run.  Every file
    is read, one at a time, and every problem reported; nothing read is
    kept: :func:`save_extraction` reads ``data/`` again once the articles
    and per-article results are freed (every record of ``data/`` held
    through the extraction came on top of them: 480 of a cached
    re-extract's 862 MB at 2,500 articles), and so also sees an edit saved
    while extraction ran.
    """
    mine, bases = [], []
    for name in RECORD_TYPES:
        ours, base, _ = _read_one(cfg, name)
        mine += _blocking(ours)
        bases += _blocking(base)
    if mine or bases:
        _refuse(cfg, mine + bases)


def _refuse(cfg: Config, problems: list[Problem]) -> typing.NoReturn:
    raise DataError(as_errors(problems) + [Problem(
        shown(cfg.path("data"), cfg.root), None, None,
        "nothing was extracted: fix the problems above, then run `briefing extract` again")])


def _refuse_all(cfg: Config, problems: list[Problem]) -> typing.NoReturn:
    """Refuse with every file's problems (:func:`preflight` reads them all), not
    only those of the file being read (*problems*: the same, if fixed meanwhile)."""
    preflight(cfg)
    _refuse(cfg, problems)


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

    File by file (:data:`.merge.MERGE_ORDER`): the editor's file and its base
    are read, merged and staged (:class:`generator.fs.Staging`), then dropped
    before the next file is read; every file is renamed into place at the end,
    all or nothing.  What crosses files is ids only: the alias map and the
    editor's deletions of actors and sources (:func:`_plan`, read first), and
    the ids each merged file points at (which keep a vanished record).
    """
    theirs = {}
    for name in RECORD_TYPES:  # first: a spent briefing's records are freed before data/ is read
        theirs[name] = by_id(dump_record(r) for r in briefing.records(name))
        if spend:
            briefing.records(name).clear()
    amap, deleted, digests = _plan(cfg, theirs)
    theirs = rewrite(theirs, amap, deleted)
    counts = Counts(mapped=len(amap))
    kept: dict[str, set[str]] = {name: set() for name in RECORD_TYPES}
    staging = Staging(fsync=True)
    try:
        for name in MERGE_ORDER:
            strings: dict = {}
            _share(theirs[name], strings)
            ours, base, aside = _read_one(cfg, name, strings, digests.get(name))
            del strings
            if _blocking(ours) or _blocking(base):
                _refuse_all(cfg, _blocking(ours) + _blocking(base))
            if name in digests and (aside and aside[1]) != digests[name]:
                _changed(ours)
            refs = _merge_into(cfg, staging, ours, base, aside, theirs.pop(name), kept[name], counts)
            for target, ids in refs.items():
                kept[target] |= ids
            del ours, base, aside
        staging.commit()
    except BaseException:
        staging.abort()
        raise
    return counts.report()


def _plan(cfg: Config, theirs: dict[str, dict[str, dict]]
          ) -> tuple[dict[str, str], dict[str, set[str]], dict[str, Optional[str]]]:
    """What every file's merge needs before the first: the alias map (the editor's
    actors), the editor's deletions of actors and sources (ids), and the digests of
    those two files, which must be the same when their turn to be merged comes."""
    amap: dict[str, str] = {}
    deleted, digests = {}, {}
    for name in ("actors", "sources"):  # read again at their turn: held till then, they doubled the save's peak
        strings: dict = {}
        _share(theirs[name], strings)
        ours, base, aside = _read_one(cfg, name, strings)
        if _blocking(ours) or _blocking(base):
            _refuse_all(cfg, _blocking(ours) + _blocking(base))
        if name == "actors":
            amap = alias_map(ours, base, theirs[name])
        if ours.exists:
            deleted[name] = set(base.raw) - ours.ids
        digests[name] = aside[1] if aside else None
        del ours, base, aside  # before the next file is read
    return amap, deleted, digests


def _merge_into(cfg: Config, staging: Staging, ours: DataFile, bases: DataFile,
                aside: Optional[tuple[str, str]], theirs: dict[str, dict], kept: set[str],
                counts: Counts) -> dict[str, set[str]]:
    """Merge one file and stage what it writes (the editor's file if it changes,
    the base if it differs); return the ids its records point at."""
    data_dir, name = cfg.path("data"), ours.name
    model, base = RECORD_TYPES[name], bases.raw
    ours_base = bases.text.startswith(BASE_HEADER)
    was_empty = ours.exists and not ours.records
    done, m, refs = merge_one(ours, plain_doc(ours), base, theirs, kept)
    if m.dirty and aside is not None:
        _text_again(data_dir / f"{name}.yaml", ours, aside[1])
    roundtrip = (m.dirty and not was_empty and ours.exists
                 and not (FAST_MERGE and _writes_back(ours)))
    if roundtrip:  # the same merge again, into ruamel's document of the file
        done, m, refs = merge_one(ours, _roundtrip_doc(ours), base, theirs, kept)
    counts.add(done)
    lead = aside[0] if aside is not None else ""
    text: Optional[Text] = None
    if ours.exists and not m.dirty:  # nothing to change: not even re-emitted (nor re-read)
        pass
    elif roundtrip:  # its own header comment rides along in the document
        text = dump(m.doc, lead)
    elif not FAST_MERGE:  # e.g. `[]`: restart in block style
        text = (lead if ours.exists else _header(name, model)) + dump(
            CommentedSeq(CommentedMap(n) if type(n) is dict else n for n in m.doc), "")
    else:  # streamed into the file as it is dumped
        text = Stream((lead if ours.exists else _header(name, model),), m.doc)
    if text is not None:
        staging.stage_text(data_dir / f"{name}.yaml", text)
    if not (ours_base and base == theirs):  # else: already the very text
        staging.stage_text(data_dir / BASE_DIR / f"{name}.yaml", Stream(base_chunks(model, theirs)))
    return refs


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


def _text_again(path: Path, f: DataFile, digest: str) -> None:
    """Read *f*'s text again for a file the merge changes; DataError (nothing
    written) if an editor saved it since it was read: the merge was planned on
    the text read then, and must not overwrite the newer one."""
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != digest:
        _changed(f)
    f.text = reader.decoded(data)


def _changed(f: DataFile) -> typing.NoReturn:
    raise DataError([Problem(f.rel, None, None, "changed while `briefing extract` ran, so nothing was "
                                                "written: run `briefing extract` again")])


class Stream:
    """A file's text made piece by piece while it is written (staged).

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
    return f.text == reader.leading_comments(f.text) + fast_dump([f.raw[r.id] for r in f.records])


def _roundtrip_doc(f: DataFile) -> CommentedSeq:
    """ruamel's document of an editor's file, read again now that the merge needs it."""
    if f.doc is None:
        reader.roundtrip_read(f)
    blocking = [p for p in f.problems if p.severity != REF_PROBLEM]
    if f.doc is None or blocking:
        raise DataError(as_errors(blocking) or [Problem(f.rel, None, None, "could not be read again")])
    return f.doc
