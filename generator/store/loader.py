"""The whole ``data/`` folder: ``check`` and ``load``.

Every file is read (unchanged ones from the parsed cache), then the
references between files are checked, and **every** problem is reported as
``file:line:column: message`` before failing, so one pass fixes everything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

import yaml as pyyaml

from ..config import Config
from ..errors import DataError, Problem
from ..models import RECORD_TYPES, Briefing
from . import reader, yamlio
from .parsed import ParsedCache
from .reader import read_file
from .validate import REF_PROBLEM, DataFile, dotted, location, references, suggest


def _check_references(files: dict[str, DataFile]) -> None:
    """Every id a record points at must be in its file (checked on every read, cached or not)."""
    for name, f in files.items():
        refs = f.refs.items() if f.refs is not None else \
            ((rid, references(name, rec)) for rid, rec in f.raw.items())
        for rid, found in refs:
            for loc, target, value in found:
                tf = files[target]
                if tf.exists and not tf.parsed:
                    continue  # target file unreadable: its own problems say why
                if value in tf.ids:
                    continue
                near = suggest(str(value), tf.ids)
                hint = f"did you mean '{near[0]}'?" if near else f"add it to {target}.yaml or fix the id"
                msg = f"{dotted(loc)}: '{value}' is not an id in {target}.yaml ({hint})"
                if not f.nodes:  # read the fast way: parse again to locate the problem
                    if f.path is not None and not f.text:  # a cached read keeps no text
                        try:
                            f.text = reader.decoded(f.path.read_bytes())
                        except (OSError, UnicodeDecodeError):
                            pass  # changed since: the problem is said without a line
                    reader.roundtrip_read(f)
                node = f.nodes.get(rid)
                where = location(node, loc) if node is not None else (None, None)
                f.problems.append(Problem(f.rel, *where, msg, severity=REF_PROBLEM))


def read_all(cfg: Config, cached: bool = False, strings: Optional[dict] = None) -> dict[str, DataFile]:
    """Every data file of *cfg*'s ``data`` folder, read and checked against the others;
    *cached*: unchanged files from the parsed cache (fast plain reads either way);
    *strings*: the table the fast reads share equal strings through (:func:`.yamlio.fast_load`)."""
    data_dir = cfg.path("data")
    folder = shown(data_dir, cfg.root)
    if cached:
        read = ParsedCache(cfg.root).read
    else:
        def read(path: Path, rel: str, name: str) -> DataFile:
            return read_file(path, rel, name, strings=strings)
    files = {name: read(data_dir / f"{name}.yaml", f"{folder}/{name}.yaml", name) for name in RECORD_TYPES}
    _check_references(files)
    return files


def shown(folder: Path, root: Path) -> str:
    """How a folder is named in messages: relative to the project root."""
    try:
        return Path(folder).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(folder)


def as_errors(problems: Iterable[Problem]) -> list[Problem]:
    """Problems as reported: references are errors too, only tagged internally."""
    return [Problem(p.file, p.line, p.column, p.message) for p in problems]


def _problems(cfg: Config) -> tuple[list[Problem], dict[str, DataFile]]:
    data_dir = cfg.path("data")
    if not data_dir.is_dir():
        return [Problem(shown(data_dir, cfg.root), None, None,
                        "no data folder yet: run `briefing extract` to create it")], {}
    files = read_all(cfg, cached=True)  # check/load: unchanged files from the cache
    problems = as_errors(p for f in files.values() for p in f.problems)
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0, p.message)), files


def source_owners(cfg: Config) -> dict[str, tuple[str, str]]:
    """``{id: (path, hash)}`` of the sources in data/sources.yaml, {} when it is
    missing or unreadable: which article held each id at the last extraction,
    so a new article with the same id never takes it (:mod:`generator.ingest`)."""
    try:
        data = yamlio.fast_load((cfg.path("data") / "sources.yaml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, pyyaml.YAMLError):
        return {}
    if not isinstance(data, list):
        return {}
    return {str(r["id"]): (str(r.get("path") or ""), str(r.get("hash") or ""))
            for r in data if isinstance(r, dict) and isinstance(r.get("id"), str)}


def check(cfg: Config) -> list[Problem]:
    """Every problem in ``data/*.yaml``, sorted by file, line and column."""
    return _problems(cfg)[0]


def load(cfg: Config) -> Briefing:
    """All of ``data/`` as typed records; raises DataError listing every problem."""
    problems, files = _problems(cfg)
    if problems:
        raise DataError(problems)
    return Briefing(**{name: f.records for name, f in files.items()})
