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

import datetime as dt
import email.utils
import hashlib
import json
import os
import re
import unicodedata
from functools import partial
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

import yaml

from .detok import display_text, looks_tokenized, split_sentences
from .errors import IngestError, Problem
from .models import UNSAFE_CHARS, Article, Sentence
from .runtime import collector_paused
from .slug import slug
from .yamlsafe import NoAliasLoader

TEXT_EXTS = {".txt", ".md", ".markdown"}
HTML_EXTS = {".html", ".htm"}
JSONL_EXTS = {".jsonl"}
MANIFESTS = ("manifest.yaml", "manifest.yml")
META_KEYS = ("id", "title", "outlet", "published", "url", "language")
_ALIASES = {"date": "published", "time": "published", "source": "outlet", "lang": "language",
            "link": "url"}
MAX_ID = 80

Field = tuple[Any, str, Optional[int]]
"""A metadata value with the file and line it was written on."""


# --------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------


MAX_ARTICLE_MB = 5
"""Default size limit of one article (a file, or a JSONL line), in MB."""


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


# --------------------------------------------------------------------------
# Shared state: problems, manifests, id and content de-duplication
# --------------------------------------------------------------------------


@dataclass
class _Draft:
    """An article's text and metadata before it becomes an ``Article``."""

    file: str
    line: Optional[int]
    raw: str
    meta: dict[str, Field]
    default_id: str


@dataclass
class _Entry:
    """One manifest entry: where it is written and its metadata."""

    file: str
    line: int
    meta: dict[str, Field]


@dataclass
class _State:
    """What one ``read_articles`` call accumulates."""

    root: Path
    base: Path
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)
    manifests: dict[Path, dict[str, _Entry]] = field(default_factory=dict)
    manifest_used: set[tuple[Path, str]] = field(default_factory=set)
    wanted: list[tuple[Article, str, _Draft, str]] = field(default_factory=list)
    """(article, the id it asks for, its draft, where it is) in reading order."""
    allowed: Optional[tuple[Path, ...]] = None
    """Folders a symlinked article may resolve into; None: any."""
    max_bytes: int = MAX_ARTICLE_MB * 1_000_000

    def show(self, p: Path) -> str:
        """Path as shown in problems and ``Article.path``: stable across machines."""
        try:
            return p.relative_to(self.base).as_posix() or p.name
        except ValueError:
            return p.as_posix()

    def error(self, file: str, line: Optional[int], msg: str, col: Optional[int] = None) -> None:
        """Record an error: the article is skipped or read without the bad field."""
        self.problems.append(Problem(file, line, col, msg, "error"))

    def warn(self, file: str, line: Optional[int], msg: str, col: Optional[int] = None) -> None:
        """Record a warning: reading went on, but the editor should look."""
        self.problems.append(Problem(file, line, col, msg, "warning"))

    def admit(self, draft: _Draft) -> None:
        """Turn a draft into an Article unless it is empty or a duplicate."""
        article = _build_article(draft, self)
        if article is None:
            return
        where = draft.file if draft.line is None else f"{draft.file}:{draft.line}"
        if article.hash in self.hashes:
            self.warn(draft.file, draft.line,
                      f"same text as {self.hashes[article.hash]}: skipped; remove one of them")
            return
        self.hashes[article.hash] = where
        self.wanted.append((article, article.id, draft, where))
        self.articles.append(article)

    def settle_ids(self, owners: dict[str, tuple[str, str]]) -> None:
        """Make ids unique without moving any: of the articles wanting one id,
        the one that held it at the last extraction (same path or same text
        in *owners*) keeps it, else the first in reading order; each other one
        gets the id plus a short hash of its own file (and JSONL line), a
        problem naming both.

        Why not ``-2``, ``-3`` in reading order: a new file sorted before the
        others would renumber them, and an editor's edit of ``x-2`` would
        silently move to another article."""
        groups: dict[str, list[tuple[Article, str, _Draft, str]]] = {}
        for item in self.wanted:
            groups.setdefault(item[1], []).append(item)
        taken = set(groups)
        for wanted, items in groups.items():
            if len(items) == 1:
                continue
            owner = _owner(items, *owners.get(wanted, ("", "")))
            for article, _, draft, where in items:
                if article is owner[0]:
                    continue
                article.id = self._suffixed(wanted, where, taken)
                self.error(draft.file, draft.line,
                           f"duplicate id '{wanted}' (also {owner[3]}): renamed to "
                           f"'{article.id}'; give each article its own id")
        self.wanted = []

    @staticmethod
    def _suffixed(wanted: str, where: str, taken: set[str]) -> str:
        """*wanted* plus a hash of *where* (file, JSONL line): the same every run."""
        digest = hashlib.sha1(where.encode("utf-8", "surrogatepass")).hexdigest()
        for n in range(6, 41):
            suffix = f"-{digest[:n]}"
            candidate = wanted[: MAX_ID - len(suffix)].rstrip("-") + suffix
            if candidate not in taken:
                taken.add(candidate)
                return candidate
        raise AssertionError("a SHA-1 prefix collided 35 times")  # pragma: no cover

    def manifest_meta(self, file: Path) -> dict[str, Field]:
        """Manifest entries for *file*: its folder's manifest, and ancestors' by relative path."""
        merged: dict[str, Field] = {}
        folders = [f for f in [file.parent, *file.parent.parents] if f == self.root or self.root in f.parents]
        for folder in reversed(folders):
            entries = self._manifest(folder)
            key = file.relative_to(folder).as_posix()
            if key in entries:
                self.manifest_used.add((folder, key))
                merged.update(entries[key].meta)
        return merged

    def _manifest(self, folder: Path) -> dict[str, _Entry]:
        """Each folder's manifest is parsed once, however many files it describes."""
        if folder not in self.manifests:
            self.manifests[folder] = _load_manifest(folder, self)
        return self.manifests[folder]

    def report_unused_manifest_entries(self) -> None:
        """A manifest entry that matches no article file is most likely a typo in its name."""
        for folder, entries in sorted(self.manifests.items()):
            for name, entry in sorted(entries.items()):
                if (folder, name) not in self.manifest_used and not (folder / name).is_file():
                    self.warn(entry.file, entry.line,
                              f"no file '{name}' beside the manifest: fix the name or remove the entry")


def _owner(items: list, path: str, digest: str):
    """The item (article, ...) that held an id at the last extraction: the one
    from that file (of a JSONL file's lines, the one with that text), else the
    one with that text wherever it moved, else the first read."""
    same_path = [i for i in items if path and i[0].path == path]
    if len(same_path) == 1:
        return same_path[0]
    same_text = [i for i in (same_path or items) if digest and i[0].hash == digest]
    return same_text[0] if same_text else items[0]


_ALL_EXTS = TEXT_EXTS | HTML_EXTS | JSONL_EXTS


# --------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------


def _list_files(path: Path) -> list[Path]:
    """Every non-hidden file under *path*, sorted by relative path (stable order)."""
    if path.is_file():
        return [path]
    found: list[Path] = []
    for folder, dirs, names in os.walk(path, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(folder) / n for n in names if not n.startswith("."))
    return sorted(found, key=lambda p: p.relative_to(path).as_posix())


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


# --------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")


def _read_text(file: Path, shown: str, state: _State) -> Optional[str]:
    """Bytes -> normalised text, or None (with a problem) for unreadable or binary files."""
    try:
        if not _may_read(file, shown, state):
            return None
        data = file.read_bytes()
    except OSError as exc:  # broken symlink, no permission: report, do not crash
        state.error(shown, None, f"cannot be read ({exc.strerror or exc}): fix its permissions or remove it")
        return None
    text = _decode(data, shown, state)
    if text is None:
        return None
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > 0.1 * len(sample):
        state.error(shown, None, "not a text file (binary content): remove it or convert it to UTF-8 text")
        return None
    return normalise(text)


def _may_read(file: Path, shown: str, state: _State) -> bool:
    """False (with a problem) for a symlink out of the allowed folders or a
    file over the size limit (a JSONL file's lines are limited one by one)."""
    if state.allowed is not None and file.is_symlink() and file.exists():  # a dangling one: "cannot be read"
        real = file.resolve()
        if not any(real == a or a in real.parents for a in state.allowed):
            state.error(shown, None, f"is a symlink to {real}, outside the project: not read (copy the "
                                     "file in, or set follow_symlinks: true in briefing.yml)")
            return False
    size = file.stat().st_size
    if size > state.max_bytes and file.suffix.lower() not in JSONL_EXTS:
        state.error(shown, None, _too_big(size, state.max_bytes))
        return False
    return True


def _too_big(size: int, limit: int) -> str:
    return (f"is {size / 1e6:.1f} MB, over the {limit / 1e6:g} MB limit for one article: not read "
            "(split it, or raise max_article_mb in briefing.yml)")


def _decode(data: bytes, shown: str, state: _State) -> Optional[str]:
    """UTF-8 (BOM or not), UTF-16/32 with a BOM, else Windows-1252 with a warning.

    A NUL byte means binary (or BOM-less UTF-16, which we recognise by its
    every-other-byte NULs) rather than text in a legacy encoding.
    """
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                break
    if b"\x00" in data:
        codec = _bomless_utf16(data)
        if codec:
            return data.decode(codec, errors="replace")
        state.error(shown, None, "not a text file (binary content): remove it or convert it to UTF-8 text")
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        state.warn(shown, line, "not UTF-8: read as Windows-1252 (Latin-1); save the file as UTF-8")
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def _bomless_utf16(data: bytes) -> Optional[str]:
    """``utf-16-le``/``-be`` when nearly every other byte of ASCII-ish text is NUL."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    for codec, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros.count(0) >= 0.9 * len(zeros):
            return codec
    return None


def normalise(text: str) -> str:
    """Unix line endings and NFC, so offsets and hashes do not depend on the editor used."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", clean_text(text))


def clean_text(text: str) -> str:
    """Bidi embeddings, overrides and isolates removed, other control characters
    (but tab and newline) made spaces: data/ refuses them in every field
    (:data:`generator.models.UNSAFE_CHARS`), and an article is untrusted."""
    if UNSAFE_CHARS.search(text) is None:  # the common case: one scan, no copy
        return text
    return UNSAFE_CHARS.sub(lambda m: "" if "\u202a" <= m.group() <= "\u2069" else " ", text)


# --------------------------------------------------------------------------
# YAML with line numbers (front matter and manifests)
# --------------------------------------------------------------------------


class _Loader(NoAliasLoader):
    """SafeLoader that leaves dates as strings: we check them ourselves and
    report ``2012-02-30`` as a located problem instead of crashing; anchors
    and aliases are refused (an article is untrusted input)."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _yaml_lines(text: str) -> tuple[Any, dict[tuple[str, ...], int]]:
    """Parse YAML; also return the 0-based line of every key, two levels deep."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    lines: dict[tuple[str, ...], int] = {}
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            lines[(str(k.value),)] = k.start_mark.line
            if isinstance(v, yaml.MappingNode):
                for k2, _ in v.value:
                    lines[(str(k.value), str(k2.value))] = k2.start_mark.line
    return data, lines


def _meta_fields(data: dict, lines: dict, prefix: tuple[str, ...], file: str,
                 first_line: int) -> tuple[dict[str, Field], list[str]]:
    """Known metadata keys (aliases folded) as Fields; also the unknown keys."""
    meta: dict[str, Field] = {}
    unknown = []
    for key, value in data.items():
        name = _ALIASES.get(str(key).lower(), str(key).lower())
        if name not in META_KEYS:
            unknown.append(str(key))
            continue
        line = lines.get(prefix + (str(key),))
        meta[name] = (value, file, None if line is None else line + first_line)
    return meta, unknown


def _error_mark(exc: yaml.YAMLError, text: str) -> Any:
    """Where to point the editor: the problem, or where the unclosed thing began
    when YAML only noticed the problem at the end of the text."""
    mark = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    if context is not None and (mark is None or mark.index >= len(text.rstrip())):
        return context
    return mark


_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


def _front_matter(text: str, shown: str, state: _State) -> tuple[dict[str, Field], str]:
    """Split ``---`` YAML front matter from the body; bad YAML is reported, body kept."""
    if not re.match(r"---[ \t]*\n", text):
        return {}, text
    close = _FENCE.search(text, text.index("\n") + 1)
    if close is None:
        state.error(shown, 1, "front matter opened with '---' is never closed: add a '---' line after it")
        return {}, text
    yaml_text = text[text.index("\n") + 1: close.start()]
    body = text[close.end() + 1:]
    try:
        data, lines = _yaml_lines(yaml_text)
    except yaml.YAMLError as exc:
        mark = _error_mark(exc, yaml_text)
        line = mark.line + 2 if mark else 1
        state.error(shown, line, f"front matter is not valid YAML ({getattr(exc, 'problem', exc)}): "
                                 "fix it or remove it", None if not mark else mark.column + 1)
        return {}, body
    if data is None:
        return {}, body
    if not isinstance(data, dict):
        state.error(shown, 2, "front matter must be a mapping such as 'title: ...' and 'published: YYYY-MM-DD'")
        return {}, body
    meta, _ = _meta_fields(data, lines, (), shown, 2)
    return meta, body


def _load_manifest(folder: Path, state: "_State") -> dict[str, _Entry]:
    """``manifest.yaml`` of *folder*: file name -> metadata Fields (with lines)."""
    path = next((folder / m for m in MANIFESTS if (folder / m).is_file()), None)
    if path is None:
        return {}
    shown = state.show(path)
    text = _read_text(path, shown, state)
    if text is None:
        return {}
    try:
        data, lines = _yaml_lines(text)
    except yaml.YAMLError as exc:
        mark = _error_mark(exc, text)
        state.error(shown, mark.line + 1 if mark else None,
                    f"not valid YAML ({getattr(exc, 'problem', exc)}): fix the manifest",
                    mark.column + 1 if mark else None)
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        state.error(shown, 1, "expected a mapping of file name -> {title, outlet, published, ...}")
        return {}
    return _manifest_entries(data, lines, shown, state)


def _manifest_entries(data: dict, lines: dict, shown: str, state: _State) -> dict[str, _Entry]:
    """Validate each manifest entry; unknown keys are warned about (likely typos)."""
    entries: dict[str, _Entry] = {}
    for name, entry in data.items():
        line = lines.get((str(name),), 0) + 1
        if not isinstance(entry, dict):
            state.error(shown, line, f"entry '{name}' must be a mapping of title, outlet, published, ...")
            continue
        meta, unknown = _meta_fields(entry, lines, (str(name),), shown, 1)
        for key in unknown:
            state.warn(shown, lines.get((str(name), key), line - 1) + 1,
                       f"unknown key '{key}' in entry '{name}' (known: {', '.join(sorted(META_KEYS))})")
        entries[str(name)] = _Entry(shown, line, meta)
    return entries


# --------------------------------------------------------------------------
# Format readers -> drafts
# --------------------------------------------------------------------------

_MD_TITLE = re.compile(r"\A\s*#[ \t]+([^\n]*)")  # closing #s stripped in Python: no backtracking


def _text_draft(text: str, shown: str, stem: str, ext: str, manifest: dict[str, Field],
                state: _State) -> _Draft:
    """``.txt``/``.md``: front matter beats the manifest; a Markdown ``# heading`` is a title."""
    front, body = _front_matter(text, shown, state)
    meta = dict(manifest)
    if ext != ".txt":
        heading = _MD_TITLE.match(body)
        if heading and "title" not in meta:
            meta["title"] = (heading.group(1).rstrip(" \t#"), shown, None)
    meta.update(front)
    return _Draft(shown, None, body, meta, stem)


def _jsonl_drafts(text: str, shown: str, stem: str, defaults: dict[str, Field],
                  state: _State) -> Iterator[_Draft]:
    """``.jsonl``: one article per line; bad lines are reported and skipped."""
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        if len(line) > state.max_bytes:
            state.error(shown, lineno, _too_big(len(line.encode("utf-8")), state.max_bytes))
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            state.error(shown, lineno, f"not valid JSON ({exc.msg}): fix or remove the line", exc.colno)
            continue
        if not isinstance(record, dict):
            state.error(shown, lineno, 'expected a JSON object such as {"id": ..., "time": ..., "text": ...}')
            continue
        body = record.get("text", record.get("body", ""))
        if isinstance(body, list):
            body = "\n".join(str(s) for s in body)
        meta = dict(defaults)
        meta.update(_meta_fields({k: v for k, v in record.items() if v is not None}, {}, (), shown, 0)[0])
        meta = {k: (v[0], shown, lineno) for k, v in meta.items()}
        yield _Draft(shown, lineno, normalise(str(body)), meta, f"{stem}-{lineno}")


def _html_draft(text: str, shown: str, stem: str, manifest: dict[str, Field]) -> _Draft:
    """``.html``: the main text, with ``<meta>`` tags below the manifest in precedence."""
    body, html_meta = html_main_text(text)
    meta = {k: (v, shown, line) for k, (v, line) in html_meta.items()}
    meta.update(manifest)
    return _Draft(shown, None, normalise(body), meta, stem)


_DROP_TAGS = ["script", "style", "nav", "header", "footer", "aside", "noscript", "form", "iframe",
              "svg", "template", "button", "figure"]
_BLOCK_TAGS = ["p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt"]
_HTML_META = {"og:title": "title", "twitter:title": "title", "og:site_name": "outlet",
              "og:url": "url", "article:published_time": "published", "datepublished": "published",
              "date": "published", "pubdate": "published", "publishdate": "published",
              "dc.date": "published", "og:locale": "language"}


def html_main_text(html: str) -> tuple[str, dict[str, tuple[str, Optional[int]]]]:
    """Main text of a page (paragraphs joined by blank lines) and its metadata.

    Page chrome (scripts, navigation, header, footer, asides) is dropped; the
    text comes from ``<article>`` or ``<main>`` when the page has one, so
    teasers and menus elsewhere do not become sentences (the longest one
    when related-story cards are ``<article>`` elements too).  Metadata values
    carry the line of the tag they came from.
    """
    from bs4 import BeautifulSoup  # imported here: only HTML input pays for it

    soup = BeautifulSoup(html, "html.parser")
    meta = _html_meta(soup)
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    candidates = soup.find_all("article") or soup.find_all("main")
    root = max(candidates, key=lambda el: len(el.get_text())) if candidates else soup.body or soup
    blocks = [el for el in root.find_all(_BLOCK_TAGS) if el.find(_BLOCK_TAGS) is None]
    parts = ["\n".join(" ".join(ln.split()) for ln in el.get_text().split("\n")).strip() for el in blocks]
    if not any(parts):
        parts = [" ".join(ln.split()) for ln in root.get_text().split("\n")]
    return "\n\n".join(p for p in parts if p), meta


def _html_meta(soup: Any) -> dict[str, tuple[str, Optional[int]]]:
    """``<meta>`` tags, ``<html lang>``, canonical link, ``<h1>``/``<title>``: first found wins."""
    meta: dict[str, tuple[str, Optional[int]]] = {}

    def put(key: str, value: Any, tag: Any) -> None:
        if isinstance(value, str) and value.strip() and key not in meta:
            meta[key] = (" ".join(value.split()), getattr(tag, "sourceline", None))

    for tag in soup.find_all("meta"):
        name = str(tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        if name in _HTML_META:
            put(_HTML_META[name], tag.get("content"), tag)
    for tag in soup.find_all("time", attrs={"datetime": True}, limit=1):
        put("published", tag["datetime"], tag)
    for tag in soup.find_all("link", rel="canonical", limit=1):
        put("url", tag.get("href"), tag)
    for name in ("h1", "title"):
        tag = soup.find(name)
        if tag is not None:
            put("title", tag.get_text(), tag)
    if soup.html is not None:
        put("language", soup.html.get("lang"), soup.html)
    return meta


# --------------------------------------------------------------------------
# Drafts -> articles
# --------------------------------------------------------------------------


def _build_article(d: _Draft, state: _State) -> Optional[Article]:
    """Split sentences, detokenize, resolve metadata; None for an empty text."""
    if not d.raw.strip():
        what = "line" if d.line is not None else "file"
        state.error(d.file, d.line, f"empty article: add text or remove the {what}")
        return None
    tokenized = looks_tokenized(d.raw)
    spans = split_sentences(d.raw, tokenized)
    sentences = [Sentence(i, display_text(d.raw[s:e], tokenized), s, e) for i, (s, e, _) in enumerate(spans)]
    text = _join(sentences, [p for _, _, p in spans], "\n" if tokenized and "\n" in d.raw.strip() else " ")
    art = Article(
        id=_article_id(d, state), path=d.file, raw=d.raw, text=text,
        hash=content_hash(sentences),
        tokenized=tokenized, sentences=sentences,
    )
    art.published = _published(d, state)
    art.source_id = _text(d.meta, "id")
    art.title = _text(d.meta, "title") or derive_title(sentences)
    art.outlet = _text(d.meta, "outlet") or dateline_outlet(sentences)
    art.url = _text(d.meta, "url")
    art.language = _language(_text(d.meta, "language")) or "en"
    return art


def content_hash(sentences: list[Sentence]) -> str:
    """sha256 of the display sentences joined by single spaces.

    Independent of line endings, paragraphing and PTB spacing, so the same
    story saved twice in different shapes is recognised as one; hashed
    sentence by sentence to avoid another full copy of a 50 MB text.
    """
    h = hashlib.sha256()
    for i, s in enumerate(sentences):
        h.update(((" " if i else "") + s.text).encode("utf-8"))
    return h.hexdigest()


def _join(sentences: list[Sentence], paras: list[int], sep: str) -> str:
    """Display text: sentences joined by *sep*, paragraphs by a blank line."""
    out: list[str] = []
    for i, s in enumerate(sentences):
        if i:
            out.append("\n\n" if paras[i] != paras[i - 1] else sep)
        out.append(s.text)
    return "".join(out)


def _text(meta: dict[str, Field], key: str) -> str:
    """A metadata value as one-line text (YAML may hand us numbers or None)."""
    value = meta.get(key, (None,))[0]
    return "" if value is None else " ".join(clean_text(str(value)).split())


def _language(value: str) -> str:
    """``en-GB`` / ``en_GB`` -> ``en``: the code extraction and templates use."""
    return re.split(r"[-_]", value.lower())[0] if value else ""


def _article_id(d: _Draft, state: _State) -> str:
    """Metadata id (made a slug, with a warning if it was not one) or the file stem."""
    wanted = _text(d.meta, "id")
    if not wanted:
        return slugify(d.default_id)
    slug = slugify(wanted)
    if slug != wanted:
        _, file, line = d.meta["id"]
        state.warn(file, line, f"id '{wanted}' is not a slug (a-z, 0-9, '-'): using '{slug}'")
    return slug


def _published(d: _Draft, state: _State) -> Optional[dt.date]:
    """The publication date, or None with a located problem if it is not a real date."""
    if "published" not in d.meta:
        return None
    value, file, line = d.meta["published"]
    try:
        return parse_date(value)
    except ValueError as exc:
        state.error(file, line, f"{exc}: write it as YYYY-MM-DD (the article is read without a date)")
        return None


_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])")


def parse_date(value: Any) -> Optional[dt.date]:
    """ISO day (time part ignored), a YAML/Python date, or an RFC 2822 date.

    Raises ValueError naming the value when it is not a real calendar day.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip() if value is not None else ""
    if not s:
        return None
    m = _ISO_DAY.match(s)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise ValueError(f"published date '{s}' does not exist") from None
    try:
        return email.utils.parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"published date '{s}' is not a date") from None


# --------------------------------------------------------------------------
# Ids, titles, outlets
# --------------------------------------------------------------------------

slugify = partial(slug, max_len=MAX_ID, fallback="article", fold=True)
"""An article id from a file name or a metadata id: :func:`generator.slug.slug`
folded to ASCII (``Genève`` -> ``geneve``; a name in another script gets a
hash, so two never collide; nothing left gives ``article-<hash>``), at most
:data:`MAX_ID` characters.  It can never contain ``/`` or ``..``."""


_OUTLETS = {"reuters": "Reuters", "ap": "Associated Press", "associated press": "Associated Press",
            "afp": "AFP", "upi": "UPI", "dpa": "dpa", "bloomberg": "Bloomberg", "xinhua": "Xinhua"}
_DATELINE = re.compile(r"\((" + "|".join(re.escape(k) for k in _OUTLETS) + r")\)", re.I)
_DATELINE_HEAD = re.compile(r"^.{0,160}?\((?:" + "|".join(re.escape(k) for k in _OUTLETS) + r")\)\s*[-–—]*\s*",
                            re.I)
_BOILERPLATE = re.compile(
    r"^(?:continued from page \d+|continued|advertisement|skip to (?:main )?content|share(?: this)?"
    r"(?: article| story)?|print|email|home|menu|close|loading\W*)\W*$", re.I)


def dateline_outlet(sentences: list[Sentence]) -> str:
    """``LONDON (Reuters) -`` in the first sentence names the outlet (agency copy)."""
    for s in sentences[:2]:
        m = _DATELINE.search(s.text[:300])
        if m:
            return _OUTLETS[m.group(1).lower()]
    return ""


def derive_title(sentences: list[Sentence], limit: int = 100) -> str:
    """First real sentence, without dateline or page boilerplate, cut at a word."""
    for s in sentences[:5]:
        text = _DATELINE_HEAD.sub("", s.text).strip()
        if text and not _BOILERPLATE.match(text):
            if len(text) <= limit:
                return text
            cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:-–— ")
            return cut + "…"
    return ""
