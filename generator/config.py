"""Typed configuration: one option per field, each with a default and a why.

Options come from ``briefing.yml`` at the project root (all optional) and are
overridden by command-line flags.  Every error is collected and reported at
once, before anything runs.
"""

from __future__ import annotations

import reprlib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from . import yamlsafe
from .errors import ConfigError

CONFIG_FILE = "briefing.yml"


@dataclass
class Config:
    """Settings of one briefing project."""

    root: Path = field(default_factory=Path.cwd)
    """Project folder; every relative path below is resolved against it."""

    title: str = "Briefing"
    """Site title shown in the header and on the home page."""

    articles: Path = Path("seeds")
    """Folder or file of source articles (txt, md, html, jsonl)."""

    data: Path = Path("data")
    """Folder of the structured YAML editors edit."""

    docs: Path = Path("docs")
    """Folder the Markdown pages are rendered into (mkdocs ``docs_dir``)."""

    site: Path = Path("site")
    """Folder the static site is built into."""

    templates: Path = Path("templates")
    """The project's Jinja templates; a file here overrides the built-in one."""

    spacy_model: str = "en_core_web_sm"
    """The trained spaCy pipeline extraction runs on: ``en_core_web_sm`` (3.8.0,
    installed by ``make install`` and checked against pinned digests when it
    loads), or any installed pipeline's package name or path (``en_core_web_md``,
    ``en_core_web_lg``, ``en_core_web_trf``)."""

    builder: str = "mkdocs"
    """Static site builder: ``mkdocs`` (default) or ``zensical``."""

    positions: str = "rules"
    """How positions are read from the parse: ``rules`` (default: the hand rules of
    ``generator/extract/positions.py``), ``learned`` (a logistic-regression model,
    ``generator/data/stance_model.json``, decides the side of every (holder, target)
    pair the parse offers, the rules' findings among them) or ``mix`` (the rules'
    positions, plus the model's on pairs no rule found).  Why the rules stay the
    default: on leave-one-batch-out cross-validation over the hand-annotated batches
    neither beat them clearly (``mix`` gains recall for precision; figures in
    ``guide/docs/quality/positions.md``)."""

    key_events: int = 8
    """How many key events the home page shows."""

    topic: list[str] = field(default_factory=list)
    """Keywords of the briefing's subject; articles mentioning none are marked
    off-topic and kept out of actors and events (empty = derive from corpus)."""

    follow_symlinks: bool = False
    """Read articles, docs/ and templates/ entries that are symlinks to somewhere
    outside the project.  Off: such a link is refused with a message, because
    whatever it points at (``/etc/passwd``) would be published in the site, its
    downloads and its search index."""

    max_article_mb: int = 5
    """Size limit of one article (a file, or one JSONL line), in MB; a bigger
    one is skipped with a message.  Why a limit: extraction runs the trained
    pipeline on every sentence, in time proportional to the article's size
    (about a minute per MB of ordinary prose on one core), and a news article
    is rarely over 100 KB; a bigger file is more likely a mistake than a story."""

    relevance: bool = True
    """Set articles that are off the briefing's subject (or page chrome) aside
    before extraction.  ``relevance: off`` (or ``briefing extract --all``) keeps
    every article; each source still records why it was kept or set aside."""

    jobs: int = 1
    """Worker processes for per-article extraction."""

    timeline_month_pages: int = 200
    """A timeline year with more events than this gets one page per month
    (``timeline/<year>-<mm>.md``) and its year page becomes an index of them.
    Why: a page's size is what an edit to one of its events costs the
    incremental site build (mkdocs converts and indexes the whole page again);
    an event takes ~1 KB of Markdown, so 200 keeps a year page near 200 KB,
    while quiet years stay one page a reader can scroll."""

    positions_letter_pages: int = 200
    """An issue with more positions than this gets one page per initial letter
    of the actors' names (``positions/<issue>/<letter>.md``) under its own
    page ``positions/<issue>.md``; smaller issues are one page.  Why: the
    catch-all issue holds half of all positions (2,450 at 1,000 articles,
    ~2.5 MB on one page), and editing one position costs the site build the
    whole page it is on; a position takes ~1 KB, as an event does."""

    actor_year_pages: int = 200
    """An actor with more events and positions (together) than this keeps
    ``actors/<id>.md`` as a profile (who, per issue the stances, a table of
    years) and gets one page per year, ``actors/<id>/<year>.md``, with that
    year's events and positions.  Why: an actor page repeats every event and
    position of the actor with its sources (0.7-1.1 KB each; Bashar
    al-Assad's page was 6.6 MB at 10,000 articles), and editing one event
    costs the site build every page that lists it; at 200 the largest actor
    page measured at 10,000 articles is 306 KB (a year page), an unsplit one
    210 KB (at 300: 334 KB unsplit)."""

    def path(self, name: str) -> Path:
        """Absolute path of a folder option."""
        p = getattr(self, name)
        return p if p.is_absolute() else self.root / p


_OPTIONS = {f.name: f for f in fields(Config) if f.name != "root"}


def _type_problem(key: str, value: Any, default: Any) -> str:
    """Why *value* cannot stand for option *key* (whose default is *default*), or ''."""
    if isinstance(default, Path):
        ok, want = isinstance(value, (str, Path)), "a path"
    elif isinstance(default, bool):
        ok, want = isinstance(value, bool), "true or false"
    elif isinstance(default, int):
        ok, want = isinstance(value, int) and not isinstance(value, bool), "int"
    elif isinstance(default, list):
        ok, want = isinstance(value, list) and all(isinstance(v, str) for v in value), "a list of strings"
    else:
        ok, want = isinstance(value, type(default)), type(default).__name__
    if not ok:
        return f"option {key!r} must be {want}, got {reprlib.repr(value)}"
    from .models import unsafe_char_problem

    for text in ([value] if isinstance(value, str) else value if isinstance(value, list) else []):
        problem = unsafe_char_problem(str(text))
        if problem:
            return f"option {key!r}: {problem}"
    return ""


OUTPUTS = ("data", "docs", "site")
"""The folders Briefing writes into (``site`` it replaces whole)."""

INPUTS = ("articles", "templates")
"""The folders Briefing only reads."""


def _inside(path: Path, folder: Path) -> bool:
    """*path* is *folder* or somewhere below it."""
    return path == folder or folder in path.parents


def folder_problems(cfg: Config) -> list[str]:
    """Why the output folders of *cfg* are unsafe to write, or [].

    Why: ``site`` is replaced whole on every build and ``data``/``docs`` are
    written file by file, so each must be a folder of its own inside the
    project: never the project root or a folder above it (``site: .`` would
    replace the project), never outside it (``site: /tmp/x`` would wipe
    another folder), never one of the other folders or inside one of them
    (``site: data`` would replace the editor's YAML with HTML).
    Paths are compared after resolving symlinks."""
    root = cfg.root.resolve()
    where = {name: cfg.path(name).resolve() for name in OUTPUTS + INPUTS}
    problems, placed = [], []
    for name in OUTPUTS:
        path, shown = where[name], getattr(cfg, name)
        if path == root:
            problems.append(f"option {name!r} ({shown}) is the project folder itself: "
                            f"name a folder inside it (e.g. {name}: {name})")
        elif not _inside(path, root):
            above = " (a folder above it)" if _inside(root, path) else ""
            problems.append(f"option {name!r} ({shown}) is outside the project {root}{above}: "
                            f"an output folder must be inside it (e.g. {name}: {name})")
        elif path.exists() and not path.is_dir():
            problems.append(f"option {name!r} ({shown}) is a file, not a folder: name a folder "
                            f"(e.g. {name}: {name})")
        else:
            placed.append(name)
    for i, name in enumerate(placed):
        for other in placed[i + 1:] + list(INPUTS):
            if _inside(where[name], where[other]) or _inside(where[other], where[name]):
                problems.append(f"options {name!r} ({getattr(cfg, name)}) and {other!r} "
                                f"({getattr(cfg, other)}) overlap: each needs a folder of its own")
    return problems


def load_config(root: Path | None = None, **overrides: Any) -> Config:
    """Read ``briefing.yml`` (if any) under *root*, apply *overrides*, validate."""
    root = (root or Path.cwd()).resolve()
    raw: dict[str, Any] = {}
    cfg_file = root / CONFIG_FILE
    if cfg_file.exists():
        try:
            raw = yamlsafe.load(cfg_file.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"{cfg_file}: not valid YAML: {exc}") from None
        if not isinstance(raw, dict):
            raise ConfigError(f"{cfg_file}: expected a mapping of options")
    raw.update({k: v for k, v in overrides.items() if v is not None})
    errors: list[str] = []
    values: dict[str, Any] = {}
    defaults = Config()
    for key, value in raw.items():
        if key not in _OPTIONS:
            errors.append(f"unknown option {key!r} (known: {', '.join(sorted(_OPTIONS))})")
            continue
        problem = _type_problem(key, value, getattr(defaults, key))
        if problem:
            errors.append(problem)
        else:
            values[key] = Path(value) if isinstance(getattr(defaults, key), Path) else value
    if values.get("positions", "rules") not in ("rules", "learned", "mix"):
        errors.append(f"option 'positions' must be rules, learned or mix, got {values['positions']!r}")
    if values.get("builder", "mkdocs") not in ("mkdocs", "zensical"):
        errors.append(f"option 'builder' must be mkdocs or zensical, got {values['builder']!r}")
    errors += folder_problems(Config(root=root, **values))
    if values.get("max_article_mb", 1) < 1:
        errors.append(f"option 'max_article_mb' must be at least 1, got {values['max_article_mb']}")
    if errors:
        raise ConfigError(f"{cfg_file.name}: " + "; ".join(errors))
    return Config(root=root, **values)
