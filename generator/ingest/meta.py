"""Ingest's metadata: YAML front matter and ``manifest.yaml``, each value
located (file and line) so a bad one is reported where it is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import yaml

from ..yamlsafe import NoAliasLoader
from .files import _read_text, _Reading

MANIFESTS = ("manifest.yaml", "manifest.yml")
META_KEYS = ("id", "title", "outlet", "published", "url", "language")
_ALIASES = {"date": "published", "time": "published", "source": "outlet", "lang": "language",
            "link": "url"}

Field = tuple[Any, str, Optional[int]]
"""A metadata value with the file and line it was written on."""


@dataclass
class _Entry:
    """One manifest entry: where it is written and its metadata."""

    file: str
    line: int
    meta: dict[str, Field]



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


def _front_matter(text: str, shown: str, state: _Reading) -> tuple[dict[str, Field], str]:
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


def _load_manifest(folder: Path, state: _Reading) -> dict[str, _Entry]:
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


def _manifest_entries(data: dict, lines: dict, shown: str, state: _Reading) -> dict[str, _Entry]:
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
