"""The merge base: the last extraction, kept in ``data/.extracted/``.

Written and read by PyYAML alone (one YAML dialect both ways, YAML 1.1),
sorted by id and without defaults, so it diffs well when committed.  Nobody
edits it; a damaged one is reported with the advice to restore it from git.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Optional

import yaml as pyyaml
from pydantic import ValidationError
from ruamel.yaml.comments import CommentedSeq

from ..models import RECORD_TYPES, Record
from . import yamlio
from .merge import new_node
from .reader import decoded
from .validate import DataFile

BASE_DIR = ".extracted"
"""Sub-folder of data/ holding the last extraction (the merge base); committed."""


BASE_HEADER = (
    "# The last extraction, kept so `briefing extract` can tell your edits in data/\n"
    "# from the extractor's output (the base of a three-way merge). Do not edit;\n"
    "# commit it together with data/.\n"
)


def read_base(path: Path, rel: str, name: str, strings: Optional[dict] = None) -> DataFile:
    """The merge base: our own machine-written file, so a fast libyaml read.

    Written and read by PyYAML alone (one YAML dialect both ways); nobody
    edits it, so it needs no comments or locations -- only the records, and
    those only as the merge compares them: ``raw`` holds each record's
    validated plain values (``model_dump``) by id, ``records`` stays empty,
    and of the text only :data:`BASE_HEADER` is kept when the file starts
    with it (our own base, not a hand-made one).  Records and text kept
    besides the values were a third of what a re-extract held of ``data/``.
    """
    f = DataFile(name=name, rel=rel, exists=path.exists())
    if not f.exists:
        return f
    try:  # from its bytes: a string of the text would take twice their size, the parser a copy
        data = path.read_bytes()
        try:
            items = yamlio.fast_load(data, yaml11=True, strings=strings)
        except ValueError:
            items = yamlio.DOUBT
        if items is yamlio.DOUBT:
            items = pyyaml.load(decoded(data), Loader=yamlio.FastLoader)
        items = items or []
    except (pyyaml.YAMLError, UnicodeDecodeError) as exc:
        f.problem(None, None, f"unreadable merge base ({exc}); restore it from git")
        return f
    f.text = BASE_HEADER if data.startswith(BASE_HEADER.encode("utf-8")) else ""
    del data
    model = RECORD_TYPES[name]
    items = items if isinstance(items, list) else [items]
    for i, item in enumerate(items):
        items[i] = None  # each item as read goes once its values are dumped: one copy at a time, not two
        try:
            rec = model.model_validate(item)
        except ValidationError as exc:
            f.problem(None, None, f"invalid record in the merge base ({exc.errors()[0]['msg']}); restore it from git")
            continue
        f.raw.setdefault(rec.id, rec.model_dump(mode="python"))  # first wins, as the merge's by_id
        f.ids.add(rec.id)
    f.doc = CommentedSeq()
    return f


def dump_base(model: type[Record], records: dict[str, dict]) -> str:
    return "".join(base_chunks(model, records))


def base_chunks(model: type[Record], records: dict[str, dict]) -> Iterator[str]:
    """The merge base's text, :data:`.yamlio.CHUNK` records per ``yaml.dump``.

    Every item is a fresh container (nothing shared, so no anchors), and
    block-sequence items do not influence each other: the pieces join into
    the text one dump of the whole list gives.
    """
    yield BASE_HEADER
    ids = sorted(records)
    if not ids:
        yield "[]\n"
    chunk = yamlio.CHUNK
    for at in range(0, len(ids), chunk):
        items = [_unruamel(dict(new_node(model, records[rid]))) for rid in ids[at:at + chunk]]
        yield pyyaml.dump(items, Dumper=yamlio.FastDumper, sort_keys=False, allow_unicode=True,
                          width=4096, default_flow_style=False)


def _unruamel(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _unruamel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unruamel(v) for v in value]
    return value
