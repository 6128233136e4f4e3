"""A throw-away briefing project built from tests/fixtures/briefing (shared by the
render, site and browser tests): mkdocs.yml (its ``briefing`` plugin is the installed
package's), the hand-written pages and assets of the repository, briefing.yml with the
title, and the fixture's data/."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from generator.config import Config

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "briefing"
TITLE = "Syria: the Friends of Syria meeting, July 2012"
EPOCH = "1341792000"  # 2012-07-09: SOURCE_DATE_EPOCH, so "built on" dates are reproducible


def make_project(root: Path) -> Config:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(FIXTURE, root / "data")
    shutil.copytree(REPO / "templates" / "mkdocs", root / "templates" / "mkdocs")
    (root / "docs").mkdir()
    shutil.copy(REPO / "docs" / "about.md", root / "docs" / "about.md")
    shutil.copytree(REPO / "docs" / "assets", root / "docs" / "assets")
    # the title reaches the site name through briefing.yml, as for an editor
    (root / "briefing.yml").write_text(f"title: {json.dumps(TITLE)}\n", encoding="utf-8")
    return Config(root=root, title=TITLE)


def dated_project(root: Path, monkeypatch) -> Config:
    """:func:`make_project` with the build date pinned to :data:`EPOCH`, and its
    configuration loaded from briefing.yml as the CLI would."""
    from generator.config import load_config

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    make_project(root)
    return load_config(root)


def load(cfg: Config):
    from generator import store

    return store.load(cfg)


def load_fixture():
    """The fixture's records, read in place as ``briefing`` reads data/ (its parsed
    cache goes to a temporary project, never into the repository)."""
    import tempfile

    from generator import store

    with tempfile.TemporaryDirectory() as tmp:
        return store.load(Config(root=Path(tmp), data=FIXTURE))
