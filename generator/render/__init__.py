"""data/*.yaml (a :class:`Briefing`) -> Markdown pages in docs/, via Jinja.

The rooms of the renderer, bottom up:

* :mod:`.text` (data text escaped for Markdown, dates in words),
  :mod:`.urls` (which file holds which record), :mod:`.generated` (which
  files of docs/ are the renderer's);
* :mod:`.content` (the records as the pages show them, and which page each
  is on), then one module per page family -- :mod:`.home`,
  :mod:`.timeline`, :mod:`.actors`, :mod:`.positions`, :mod:`.network`,
  :mod:`.sources`, :mod:`.downloads` -- each holding the queries its
  templates ask and a :class:`~.page.PageFamily` naming its pages;
  :mod:`.view` joins the families' queries into the one ``v`` of every
  template, :mod:`.pages` lists the families in render order;
* :mod:`.jinja` (the environment and streamed, tidied rendering),
  :mod:`.moved` (maps from old deep links), :mod:`.pagecache` and
  :mod:`.cachekeys` (re-render only what changed);
* this module: :func:`render`, which renders every page and hands it to the
  one :class:`~generator.writer.Writer`.

Why it is built this way:

* Each page is handed to the writer as soon as it is rendered, which stages
  it to a temporary file (the text is dropped; the downloads are written
  chunk by chunk); only when every page rendered are they all moved into
  place, so a failing template never leaves docs/ half written and the
  whole site is never held in memory.  Pages that did not change are not
  rewritten.
* Generated pages carry :data:`MARKER`; only such pages are ever deleted, so
  hand-written pages (``docs/about.md``) are never touched.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import jinja2

from ..config import Config
from ..errors import TemplateError
from ..models import Briefing
from ..progress import track
from ..writer import Writer
from . import cachekeys, pagecache
from .content import STANCES, EventView, PositionView, Ref, matrix_row_ok, yaml_id_lines
from .downloads import DOWNLOADS, RECORD_FILES as _RECORD_FILES, RecordTexts, _Dumper, _dump_records, \
    download_parts, downloads, dump_yaml
from .generated import MARKER, MOVED_DIR, is_generated, refuse_hand_written, remove_stale
from .jinja import DEFAULT_TEMPLATES, environment, tidy, tidy_stream
from .jinja import render_stream as _render_stream  # every page renders through this name (tests count on it)
from .moved import SHARD_ANCHORS, moved_maps, moved_shard
from .pages import FAMILIES, checked_relpaths, page_jobs
from .text import build_date, human_date, md_text, safe_url
from .timeline import Bucket
from .urls import actor_page, actor_stem, actor_year_page, issue_page, letter_stem, source_page, timeline_page
from .view import View

__all__ = [
    "render", "pages", "View", "environment", "downloads", "download_parts", "RecordTexts", "dump_yaml",
    "moved_maps", "moved_shard", "is_generated", "build_date", "human_date", "md_text", "safe_url", "tidy",
    "tidy_stream", "source_page", "actor_page", "actor_stem", "actor_year_page", "issue_page", "letter_stem",
    "timeline_page", "matrix_row_ok", "yaml_id_lines", "Ref", "EventView", "PositionView", "Bucket",
    "FAMILIES", "MARKER", "MOVED_DIR", "DOWNLOADS", "DEFAULT_TEMPLATES", "SHARD_ANCHORS", "STANCES",
    "TemplateError",
]


def pages(briefing: Briefing, cfg: Config) -> dict[str, str]:
    """Every generated file of docs/, rendered in memory: {relpath: text}."""
    env = environment(cfg)
    view = View(briefing, cfg)
    jobs = page_jobs(view)
    rels = checked_relpaths(rel for rel, _, _ in jobs)
    out = {rel: "".join(_render_stream(env, tpl, v=view, **kw)) for rel, (_, tpl, kw) in zip(rels, jobs)}
    texts = downloads(briefing, view)
    texts.update(moved_maps(view, SHARD_ANCHORS))
    checked_relpaths(list(out) + list(texts))
    out.update(texts)
    return out


def render(briefing: Briefing, cfg: Config, cache: bool = True) -> int:
    """Render *briefing* into cfg.docs; return the number of files (re)written.

    Nothing is written unless every page rendered.  Stale generated pages
    (carrying the marker, no longer produced) are deleted; hand-written
    pages are never touched, and a generated path that collides with a
    hand-written page is an error.

    With *cache* (the default) a page whose recorded inputs are unchanged
    since the last render, and whose file is still the one written then, is
    neither rendered nor written (:mod:`generator.render.pagecache`); the result is
    the same as rendering everything (tested byte for byte).
    """
    docs = cfg.path("docs")
    if not cache:
        return _write_all(docs, pages(briefing, cfg), set())
    from ..cache import CACHE_DIR

    state_path = cfg.root / CACHE_DIR / "render.msgpack"
    old = pagecache.load_state(state_path)  # the pages alone: the downloads' texts are read below, if needed
    env = environment(cfg)
    try:  # compiled templates kept too (Jinja keys them by name and source checksum)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cachekeys.cache_dir(cfg.root / CACHE_DIR / "jinja")))
    except OSError:
        pass
    fps = pagecache.Fingerprints()
    base = cachekeys.base_key(cfg)
    inputs = cachekeys.inputs_key(base, briefing, cfg, fps)
    if old.inputs == inputs and cachekeys.all_on_disk(docs, old):
        # the very same inputs as the last complete render, every file still as written:
        # every page would come out the same, so none is rendered, checked or written
        if old.dirty:  # same bytes, new stat (a copy, a touch): remember the new stat
            old.dirty = False
            pagecache.save_state(state_path, old)
        return remove_stale(docs, set(old.pages))
    if old.base != base:  # templates, code, settings or the day changed: no page key can match
        old.pages = {}  # (held while every page renders again, they cost ~60 MB at 10,000 articles)
    view = View(briefing, cfg)
    jobs = page_jobs(view)
    rels = checked_relpaths(rel for rel, _, _ in jobs)
    checker = pagecache.Checker(view, cachekeys.record_finder(briefing), fps)
    new = pagecache.State(base=base)
    writer = Writer(docs)
    try:
        rendered, current = _stage_pages(writer, docs, env, view, jobs, rels, base, fps, old, new, checker)
        del old  # its entries still in use are in new.pages
        maps = moved_maps(view, SHARD_ANCHORS)
        checked_relpaths(rels + list(DOWNLOADS) + list(maps))
        shas = _stage_downloads(writer, briefing, view, fps, cfg.root / CACHE_DIR / "render-texts.msgpack")
        for rel, text in maps.items():
            refuse_hand_written(docs / rel, rel)
            shas[rel] = writer.stage_text(rel, text)
        rendered.update(shas)
        if all(rel in new.pages for rel in rels):  # every page cacheable: the shortcut above may apply
            new.inputs = inputs
            for rel, digest in shas.items():
                new.pages[rel] = pagecache.Entry("download", {}, digest)
        changed = writer.commit()
    except BaseException:
        writer.abort()  # nothing of this run becomes visible
        raise
    changed += remove_stale(docs, rendered | current)
    for rel in rendered:
        entry = new.pages.get(rel)
        if entry is not None:
            entry.stat = pagecache.file_stat(docs / rel)
    pagecache.save_state(state_path, new)
    return changed


def _stage_pages(writer: Writer, docs: Path, env: jinja2.Environment, view: View,
                 jobs: list, rels: list[str], base: str, fps: pagecache.Fingerprints,
                 old: pagecache.State, new: pagecache.State,
                 checker: pagecache.Checker) -> tuple[set[str], set[str]]:
    """Render each page whose inputs changed and stage it at once (its text is
    then dropped: 12,000 pages held until the end cost ~1 GB at 10,000
    articles); reuse the others.  Returns (rendered, reused) relpaths."""
    rendered: set[str] = set()
    current: set[str] = set()
    for rel, (_, tpl, kw) in track(zip(rels, jobs), len(rels), "Rendering", "pages"):
        key = cachekeys.page_key(base, rel, tpl, kw, fps)
        entry = old.pages.get(rel)
        if entry is not None and entry.key == key and cachekeys.still_on_disk(docs / rel, entry) \
                and checker.still(entry.reads):
            new.pages[rel] = entry
            current.add(rel)
            continue
        refuse_hand_written(docs / rel, rel)
        digest, reads = _render_tracked(env, tpl, view, kw, checker, lambda pieces: _stage(writer, rel, pieces))
        rendered.add(rel)
        if reads is not None:
            new.pages[rel] = pagecache.Entry(key, reads, digest)
    return rendered, current


def _stage_downloads(writer: Writer, briefing: Briefing, view: View, fps: pagecache.Fingerprints,
                     texts_path: Path) -> dict[str, str]:
    """Stage the four downloads, each record's text reused from the last render
    while its content is unchanged; return {relpath: sha256}.

    The texts are read from their cache file one by one as they are needed
    (after every page rendered) and the new file is written as the downloads
    are: no render holds them all (:class:`~.pagecache.LastTexts`).  The new
    file replaces the old one even if a later step fails: a text is a function
    of its record and the code."""
    key = pagecache.code_digest()
    last = pagecache.LastTexts(texts_path, key)
    try:
        return pagecache.save_texts(texts_path, key, lambda keep: {
            rel: writer.stage_chunks(rel, chunks)
            for rel, chunks in download_parts(briefing, view, RecordTexts(last.get, keep), fps)})
    finally:
        last.close()


_SMALL_PAGE = 1 << 20
"""A page up to this many characters is compared with its file in memory;
a bigger one is streamed to a temporary file (the writer compares that)."""


def _stage(writer: Writer, rel: str, pieces: Iterator[str]) -> str:
    head: list[str] = []
    size = 0
    for piece in pieces:
        head.append(piece)
        size += len(piece)
        if size > _SMALL_PAGE:
            return writer.stage_chunks(rel, itertools.chain(head, pieces))
    return writer.stage_text(rel, "".join(head))


def _write_all(docs: Path, rendered: dict[str, str], current: set[str]) -> int:
    """Write *rendered* (refusing to replace a hand-written page), then delete
    generated pages that are neither rendered nor *current* (kept as they are)."""
    for rel in rendered:
        refuse_hand_written(docs / rel, rel)
    writer = Writer(docs)
    try:
        for rel, text in sorted(rendered.items()):
            writer.stage_text(rel, text)
        changed = writer.commit()
    except BaseException:
        writer.abort()
        raise
    changed += remove_stale(docs, set(rendered) | current)
    return changed


def _render_tracked(env: jinja2.Environment, tpl: str, view: View, kw: dict[str, Any],
                    checker: pagecache.Checker, sink: Callable[[Iterator[str]], Any]
                    ) -> tuple[Any, Optional[dict]]:
    """Render one page into *sink* (which consumes its pieces) recording what
    it read; returns (what *sink* returned, reads); reads None = not cacheable."""
    reads = pagecache.Reads()
    env.reads = reads  # type: ignore[attr-defined]
    try:
        got = sink(_render_stream(env, tpl, v=view, **kw))
    finally:
        env.reads = None  # type: ignore[attr-defined]
    return got, checker.fingerprints(reads)
