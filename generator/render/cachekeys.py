"""What makes a page's render reusable: its key, and whether its file is still the one written.

A page's key holds everything outside the view it depends on (templates,
code, settings, the day, its own arguments); what it read of the view is
recorded by :mod:`generator.render.pagecache`.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from ..config import Config
from ..models import Briefing
from . import pagecache
from .downloads import RECORD_FILES
from .jinja import DEFAULT_TEMPLATES
from .text import build_date


def inputs_key(base: str, briefing: Briefing, cfg: Config, fps: pagecache.Fingerprints) -> str:
    """Everything a render reads: *base*, every record (in order) and actors.yaml's text
    (the View reads its line numbers for edit links)."""
    h = hashlib.sha256(base.encode())
    for name in RECORD_FILES:
        h.update(f"\0{name}\0".encode())
        h.update("|".join([fps.of(r) for r in briefing.records(name)]).encode())
    try:
        h.update(b"\0" + (cfg.path("data") / "actors.yaml").read_bytes())
    except OSError:
        h.update(b"\0-")
    return h.hexdigest()


def all_on_disk(docs: Path, state: pagecache.State) -> bool:
    """Every file of the last render is still the one it wrote."""
    if not state.pages:
        return False
    for rel, entry in state.pages.items():
        stat = entry.stat
        if not still_on_disk(docs / rel, entry):
            return False
        state.dirty = state.dirty or entry.stat != stat
    return True


def cache_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path



def base_key(cfg: Config) -> str:
    """What every page depends on besides the view: templates, code, settings, the day."""
    parts = [pagecache.tree_digest([cfg.path("templates"), DEFAULT_TEMPLATES]), pagecache.code_digest(),
             repr(cfg), build_date()]
    return pagecache.sha("\x1f".join(parts).encode("utf-8", "surrogateescape"))


def page_key(base: str, rel: str, tpl: str, kw: dict[str, Any], fps: pagecache.Fingerprints) -> str:
    try:
        extra = "|".join(f"{k}={fps.of(v)}" for k, v in sorted(kw.items()))
    except pagecache.Unfingerprintable:
        extra = f"uncacheable:{os.getpid()}:{id(kw)}"
    return pagecache.sha(f"{base}\x1f{rel}\x1f{tpl}\x1f{extra}".encode("utf-8", "surrogateescape"))


def record_finder(briefing: Briefing):
    """(type name, id) -> the record of this briefing (for re-evaluating a method call)."""
    index: dict[tuple[str, str], Any] = {}

    def find(type_name: str, rid: str) -> Any:
        if not index:
            for name in RECORD_FILES:
                for r in briefing.records(name):
                    index.setdefault((type(r).__name__, r.id), r)
        return index.get((type_name, rid))

    return find


def still_on_disk(path: Path, entry: pagecache.Entry) -> bool:
    """The file render wrote last time is still there, unchanged (by stat, else by content)."""
    stat = pagecache.file_stat(path)
    if not stat:
        return False
    if entry.stat and stat == entry.stat:
        return True
    try:
        same = pagecache.sha(path.read_bytes()) == entry.sha
    except OSError:
        return False
    if same:
        entry.stat = stat
    return same

