"""A `briefing build` with nothing changed since the last good build skips the work.

Real CLI, real mkdocs: the first build stamps its inputs; a second build finds
them unchanged and site/ untouched and says so; any change to data/, templates,
docs/ hand pages or to site/ itself makes the next build a full one again.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from htmlcheck import build_project, copy_project

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "briefing"


def _build(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1341532800", "PYTHONPATH": str(project)}
    return subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(project), "build"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=900)


def _snapshot(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_project(REPO, tmp_path_factory.mktemp("stamp"))
    proc = build_project(root, data_from=FIXTURE)
    assert proc.returncode == 0, proc.stderr
    return root


def test_unchanged_build_is_skipped_and_site_untouched(project):
    before = _snapshot(project / "site")
    proc = _build(project)
    assert proc.returncode == 0, proc.stderr
    assert "site/ is up to date" in proc.stderr
    assert "Rendered" not in proc.stderr
    assert _snapshot(project / "site") == before


@pytest.mark.parametrize("change", ["data", "template", "hand_page", "site_file", "site_gone"])
def test_any_change_rebuilds(project, change):
    assert "up to date" in _build(project).stderr  # start from a stamped, current site
    if change == "data":
        f = project / "data" / "timeline.yaml"
        f.write_text(f.read_text(encoding="utf-8") + "\n# an editor's note\n", encoding="utf-8")
    elif change == "template":
        t = next((project / "templates").rglob("*.j2"), None) or next((project / "templates").rglob("*.*"))
        t.write_text(t.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    elif change == "hand_page":
        page = project / "docs" / "about.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    elif change == "site_file":
        (project / "site" / "index.html").write_text("tampered", encoding="utf-8")
    else:
        import shutil

        shutil.rmtree(project / "site")
    proc = _build(project)
    assert proc.returncode == 0, proc.stderr
    assert "Built the site" in proc.stderr and "up to date" not in proc.stderr
    assert "tampered" not in (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "up to date" in _build(project).stderr  # and the new build is stamped


def test_download_yaml_is_the_same_as_one_whole_dump():
    """render.dump_yaml (one record at a time, for speed) writes exactly yaml.dump's text."""
    import yaml

    from briefing_project import load_fixture
    from generator import render

    data = render._dump_records(load_fixture())
    data["hostile"] = [{"x": "- y: z # not a comment", "k": ["1", {"q": None}], "long": "w " * 120},
                       {"é": "ü\u2028x", "quote": "'\"", "n": 3}]
    data["empty"] = []
    data["odd key: yes"] = [{"a": 1}]
    want = yaml.dump(data, Dumper=render._Dumper, sort_keys=True, allow_unicode=True, width=100)
    assert render.dump_yaml(data) == want
