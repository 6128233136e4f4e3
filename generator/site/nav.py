"""The site's navigation and name, from the project rather than a hand-kept mkdocs.yml.

* **Hand-written pages join the navigation by themselves.**  An editor drops
  ``docs/notes.md`` next to ``docs/about.md`` and it appears in the menu,
  under "More", sorted by title.  Generated pages (they carry
  :data:`generator.render.MARKER`) are never added: the actor pages would put
  hundreds of links into every page, since Material embeds the whole
  navigation in each one.  Pages already in ``nav`` or matched by
  ``not_in_nav``/``exclude_docs`` stay where the editor put them.
* **The site name is the briefing's title** (``title`` in briefing.yml), so
  the header and the home page agree without editing two files.

The plugin applies both to mkdocs' config (:func:`on_config`); zensical runs
no MkDocs plugins, so the builder applies them to the config copy it hands to
zensical (:func:`apply_to_dict`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable, Optional

from markupsafe import escape

MORE = "More"
"""Navigation section of the hand-written pages that nav does not list."""

_FRONT = re.compile(r"\A---\r?\n(.*?)\r?\n(?:---|\.\.\.)\r?\n", re.S)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)


def _marker() -> str:
    from ..render import MARKER

    return MARKER


def page_title(path: Path) -> str:
    """What MkDocs would call the page: front-matter title, first ``# `` heading, file name."""
    import yaml

    text = path.read_text(encoding="utf-8", errors="replace")
    m = _FRONT.match(text)
    if m:
        try:
            meta = yaml.safe_load(m.group(1))
        except yaml.YAMLError:
            meta = None
        if isinstance(meta, dict) and str(meta.get("title") or "").strip():
            return str(meta["title"]).strip()
        text = text[m.end():]
    h = _HEADING.search(text)
    if h:
        return h.group(1)
    return path.stem.replace("-", " ").replace("_", " ").capitalize()


def _nav_files(nav: Any) -> set[str]:
    """Every page path a ``nav`` config lists (nested sections included)."""
    out: set[str] = set()
    if isinstance(nav, str):
        out.add(nav.lstrip("./"))
    elif isinstance(nav, dict):
        for v in nav.values():
            out |= _nav_files(v)
    elif isinstance(nav, list):
        for item in nav:
            out |= _nav_files(item)
    return out


def hand_written_pages(docs: Path, nav: Any, skip: Optional[Any] = None) -> list[tuple[str, str]]:
    """(title, path) of the Markdown pages of *docs* a person wrote and *nav*
    does not list, sorted by title then path.

    *skip* is a pathspec (MkDocs' ``not_in_nav``/``exclude_docs``): a page it
    matches stays out.  Hidden folders and files are skipped as MkDocs does.
    """
    if not docs.is_dir():
        return []
    listed = _nav_files(nav)
    marker = ""  # imported on first need: generator.render is slow to import and rarely needed here
    found = []
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        if rel in listed or any(part.startswith(".") for part in Path(rel).parts):
            continue
        if skip is not None and any(s is not None and s.match_file(rel) for s in _specs(skip)):
            continue
        marker = marker or _marker()
        with path.open("r", encoding="utf-8", errors="replace") as fh:
            if marker in fh.read(2048):
                continue
        found.append((page_title(path), rel))
    return sorted(found, key=lambda t: (t[0].lower(), t[1]))


def _specs(skip: Any) -> Iterable[Any]:
    return skip if isinstance(skip, (list, tuple)) else [skip]


def extend_nav(nav: Any, pages: list[tuple[str, str]]) -> Any:
    """*nav* with *pages* added under :data:`MORE` (an existing MORE section grows)."""
    if not pages or not isinstance(nav, list):
        return nav
    entries = [{title: rel} for title, rel in pages]
    out = list(nav)
    for i, item in enumerate(out):
        if isinstance(item, dict) and list(item) == [MORE] and isinstance(item[MORE], list):
            out[i] = {MORE: list(item[MORE]) + entries}
            return out
    out.append({MORE: entries})
    return out


def briefing_title(project: Path) -> Optional[str]:
    """The ``title`` of the project's briefing.yml, None when it sets none."""
    import yaml

    from ..config import CONFIG_FILE, load_config

    path = project / CONFIG_FILE
    if not path.exists():
        return None
    cfg = load_config(project)  # a bad briefing.yml fails the build with its message
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return cfg.title if isinstance(raw, dict) and "title" in raw else None


def on_config(config: Any) -> Any:
    """Site name from briefing.yml; hand-written pages added to nav."""
    project = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
    title = briefing_title(project)
    if title:
        # Material writes site_name into the HTML unescaped (as page titles).
        config.site_name = str(escape(title))
    if config.nav:
        docs = Path(config.docs_dir)
        skip = [config.get("not_in_nav"), config.get("exclude_docs")]
        config.nav = extend_nav(config.nav, hand_written_pages(docs, config.nav, skip))
    return config


def apply_to_dict(project: Path, docs: Path, data: dict) -> None:
    """What :func:`on_config` does, on a plain config dict (zensical's copy of mkdocs.yml)."""
    import pathspec

    title = briefing_title(project)
    if title:
        data["site_name"] = str(escape(title))  # as on_config: Material does not escape it
    if isinstance(data.get("nav"), list):
        skip = [pathspec.GitIgnoreSpec.from_lines(str(data[k]).splitlines())
                for k in ("not_in_nav", "exclude_docs") if data.get(k)]
        data["nav"] = extend_nav(data["nav"], hand_written_pages(docs, data["nav"], skip))
