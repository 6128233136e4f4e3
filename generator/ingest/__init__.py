"""Ingest: a folder (or one file) of articles -> ``Article`` records.

Formats: ``.txt``/``.md`` (optional YAML front matter), ``.html``/``.htm``
(main text only) and ``.jsonl`` (one article per line, news-tls fields).
Metadata comes from, highest precedence first: front matter (or the JSONL
record itself), the folder's ``manifest.yaml``, the HTML ``<meta>`` tags, and
last what the text itself shows (first sentence, a ``(Reuters)`` dateline).

Nothing is printed: every difficulty becomes a located
:class:`~generator.errors.Problem` so the CLI can show them all at once; with
``strict=True`` any error-level problem raises :class:`IngestError` instead.
Everything here is a single pass over the bytes, so a 50 MB file costs time
and memory in proportion to its size.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, Optional

from ..errors import IngestError, Problem
from ..models import Article
from ..runtime import collector_paused
from .articles import MAX_ID, content_hash, dateline_outlet, derive_title, parse_date, slugify
from .files import (_ALL_EXTS, HTML_EXTS, JSONL_EXTS, MAX_ARTICLE_MB, TEXT_EXTS, _list_files, _read_text,
                    clean_text, normalise)
from .formats import _Draft, _html_draft, _jsonl_drafts, _text_draft, html_main_text
from .meta import MANIFESTS, META_KEYS, Field
from .state import _State

__all__ = ["HTML_EXTS", "JSONL_EXTS", "MANIFESTS", "MAX_ARTICLE_MB", "MAX_ID", "META_KEYS", "TEXT_EXTS",
           "Field", "clean_text", "content_hash", "dateline_outlet", "derive_title", "html_main_text",
           "normalise", "parse_date", "read_articles", "slugify"]


def read_articles(path: Path, strict: bool = False, *, project: Optional[Path] = None,
                  follow_symlinks: bool = False,
                  max_bytes: int = MAX_ARTICLE_MB * 1_000_000,
                  owners: Optional[dict[str, tuple[str, str]]] = None) -> tuple[list[Article], list[Problem]]:
    """Read every article under *path* (a folder, recursively, or one file).

    Returns the articles in sorted file order (JSONL in line order) and the
    problems met.  Unreadable or empty articles are skipped, not fatal, so one
    bad file does not stop a briefing; ``strict=True`` makes errors fatal.

    A file that is a symlink resolving outside *path* and *project* is not
    read (an article is published in the downloads and the search index: a
    link to ``/etc/passwd`` would publish it) unless *follow_symlinks*; an
    article over *max_bytes* is skipped with a problem naming the option
    that raises the limit.

    *owners* (``{id: (path, hash)}`` from data/sources.yaml) says which article
    held an id before: of several articles wanting one id, that one keeps it
    (see :meth:`_State.settle_ids`).
    """
    path = Path(path).resolve()
    if not path.exists():
        raise IngestError(f"{path}: no such file or folder: check the `articles` option")
    root = path if path.is_dir() else path.parent
    allowed = None if follow_symlinks else tuple(
        p.resolve() for p in (root, project) if p is not None)
    state = _State(root=root, base=root.parent, allowed=allowed, max_bytes=max_bytes)
    # ingest makes millions of small, acyclic objects (sentences, spans); the collector
    # rescanning them made a 50 MB file ~40 % slower, growing faster than linearly
    with collector_paused():
        for file in _list_files(path):
            for draft in _read_file(file, state):
                state.admit(draft)
    state.settle_ids(owners or {})
    state.report_unused_manifest_entries()
    if not state.articles and not state.problems:
        state.warn(state.show(path), None, "no articles found: add .txt, .md, .html or .jsonl files")
    if strict and any(p.severity == "error" for p in state.problems):
        raise _strict_error(state.problems)
    return state.articles, state.problems


def _strict_error(problems: list[Problem]) -> IngestError:
    """One IngestError naming every problem, so an editor fixes all in one pass."""
    n = len(problems)
    lines = "\n".join(str(p) for p in problems)
    err = IngestError(f"{n} problem{'s' if n != 1 else ''} in the articles:\n{lines}")
    err.problems = list(problems)  # type: ignore[attr-defined]
    return err


def _read_file(file: Path, state: _State) -> Iterator[_Draft]:
    """Dispatch on the extension; unknown files are reported and skipped."""
    shown = state.show(file)
    ext = file.suffix.lower()
    if file.name.lower() in MANIFESTS:
        return
    if ext not in _ALL_EXTS:
        state.warn(shown, None, f"unknown file type '{ext or file.name}': skipped "
                                "(articles are .txt, .md, .html or .jsonl)")
        return
    text = _read_text(file, shown, state)
    if text is None:
        return
    manifest = state.manifest_meta(file)
    if ext in JSONL_EXTS:
        defaults = {k: v for k, v in manifest.items() if k in ("outlet", "language")}
        yield from _jsonl_drafts(text, shown, file.stem, defaults, state)
    elif ext in HTML_EXTS:
        yield _html_draft(text, shown, file.stem, manifest)
    else:
        yield _text_draft(text, shown, file.stem, ext, manifest, state)
