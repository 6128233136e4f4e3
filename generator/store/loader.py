"""The whole ``data/`` folder: ``check`` and ``load``.

Every file is read (unchanged ones from the parsed cache), then the
references between files are checked, and **every** problem is reported as
``file:line:column: message`` before failing, so one pass fixes everything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

import yaml as pyyaml

from ..errors import DataError, Problem
from ..models import RECORD_TYPES, Briefing
from . import reader, yamlio
from .parsed import ParsedCache
from .reader import read_file
from .validate import REF_PROBLEM, DataFile, dotted, location, references, suggest

def _check_references(files: dict[str, DataFile]) -> None:
    """Every id a record points at must be in its file (checked on every read, cached or not)."""
    for name, f in files.items():
        for rid, rec in f.raw.items():
            for loc, target, value in references(name, rec):
                tf = files[target]
                if tf.exists and not tf.parsed:
                    continue  # target file unreadable: its own problems say why
                if value in tf.ids:
                    continue
                near = suggest(str(value), tf.ids)
                hint = f"did you mean '{near[0]}'?" if near else f"add it to {target}.yaml or fix the id"
                msg = f"{dotted(loc)}: '{value}' is not an id in {target}.yaml ({hint})"
                if not f.nodes:  # read the fast way: parse again to locate the problem
                    reader.roundtrip_read(f)
                f.problems.append(Problem(f.rel, *location(f.nodes[rid], loc), msg, severity=REF_PROBLEM))


def read_all(data_dir: Path, root: Optional[Path] = None, roundtrip: bool = False,
             cached: bool = False) -> dict[str, DataFile]:
    data_dir = Path(data_dir)
    folder = shown(data_dir, root)
    read = ParsedCache(Path(root)).read if cached and root is not None and not roundtrip else read_file
    files = {
        name: read(data_dir / f"{name}.yaml", f"{folder}/{name}.yaml", name, roundtrip)
        for name in RECORD_TYPES
    }
    _check_references(files)
    return files


def shown(folder: Path, root: Optional[Path]) -> str:
    """How a folder is named in messages: relative to the project root."""
    base = Path(root) if root is not None else Path(folder).parent
    try:
        return Path(folder).resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return str(folder)


def as_errors(problems: Iterable[Problem]) -> list[Problem]:
    """Problems as reported: references are errors too, only tagged internally."""
    return [Problem(p.file, p.line, p.column, p.message) for p in problems]


def _problems(data_dir: Path, root: Optional[Path]) -> tuple[list[Problem], dict[str, DataFile]]:
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return [Problem(shown(data_dir, root), None, None,
                        "no data folder yet: run `briefing extract` to create it")], {}
    files = read_all(data_dir, root, cached=True)  # check/load: unchanged files from the cache
    problems = as_errors(p for f in files.values() for p in f.problems)
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0, p.message)), files


def source_owners(data_dir: Path) -> dict[str, tuple[str, str]]:
    """``{id: (path, hash)}`` of the sources in data/sources.yaml, {} when it is
    missing or unreadable: which article held each id at the last extraction,
    so a new article with the same id never takes it (:mod:`generator.ingest`)."""
    try:
        data = yamlio.fast_load((data_dir / "sources.yaml").read_text(encoding="utf-8"))
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
