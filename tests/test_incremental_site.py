"""`briefing build` after an edit rebuilds only the changed pages, and the site
is exactly what a clean full build of the same inputs gives.

Real CLI, real mkdocs --strict, real YAML: a small project (the hand-written
fixture data of tests/fixtures/briefing plus hand pages written here) is built
in full, edited as an editor would, rebuilt, and compared file by file with a
full build of a copy of the same inputs in another folder.  The fallbacks
(page added or removed, navigation title changed, mkdocs.yml changed) must
give a full build, and a failing build must leave the last site in place.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from htmlcheck import build_project, copy_project

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "briefing"
MANIFEST = ".briefing-site.json"

NOTES = """# Field notes

What the desk learned this week.
"""
DESK_NOTES = """# Desk notes on actors

Not in the navigation (mkdocs.yml's not_in_nav covers actors/); see
[what this briefing is](../about.md#what-this-is).
"""
ABOUT_ADDITION = """

## What this is

A hand-written section another page links to.
"""


def _build(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1341532800", "PYTHONHASHSEED": "0",
           "PYTHONPATH": str(project)}
    env.pop("BRIEFING_FULL_SITE_BUILD", None)
    return subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(project), "build", *args],
                          cwd=project, env=env, capture_output=True, text=True, timeout=900)


def _manifest(project: Path) -> dict:
    """The manifest, with the page index it names (kept in .briefing-cache/) as "index"."""
    m = json.loads((project / MANIFEST).read_text(encoding="utf-8"))
    index = project / ".briefing-cache" / "site-index.json"
    if "index_sha256" in m and index.exists():
        m["index"] = json.loads(index.read_text(encoding="utf-8"))
    return m


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _clean_full_build(project: Path, dest: Path) -> Path:
    """The same inputs (data/, docs/, configs, code) built from scratch elsewhere."""
    skip = shutil.ignore_patterns("site", ".site*", ".briefing-*", ".build.lock", "__pycache__", ".cache*")
    shutil.copytree(project, dest, ignore=skip)
    proc = _build(dest)
    assert proc.returncode == 0, proc.stderr
    assert _manifest(dest)["mode"] == "full"
    return dest / "site"


def _same_site(a: Path, b: Path) -> None:
    fa, fb = _files(a), _files(b)
    assert sorted(fa) == sorted(fb), (sorted(set(fa) ^ set(fb)))[:10]
    differ = [name for name in fa if fa[name] != fb[name]]
    assert differ == [], f"differ from a clean full build: {differ[:10]}"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A project built in full once, with a hand page in the nav's "More" and
    one outside the navigation that links to an anchor of a third."""
    root = copy_project(REPO, tmp_path_factory.mktemp("incremental") / "project")
    (root / "docs" / "notes.md").write_text(NOTES, encoding="utf-8")
    (root / "docs" / "actors").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "actors" / "desk-notes.md").write_text(DESK_NOTES, encoding="utf-8")
    about = root / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + ABOUT_ADDITION, encoding="utf-8")
    proc = build_project(root, data_from=FIXTURE)
    assert proc.returncode == 0, proc.stderr
    assert _manifest(root)["mode"] == "full"
    return root


def _index_locations(site: Path) -> dict[str, str]:
    from generator import search

    return search.indexed_pages(site)


def test_one_edit_rebuilds_few_pages_and_equals_a_full_build(project, tmp_path):
    # Hard links to the last site's files: an incremental build must never
    # write into them (the live site is served while it builds).
    kept = {name: project / "site" / name for name in ("timeline.html", "pagefind/pagefind-entry.json", "index.html")}
    for i, (name, path) in enumerate(kept.items()):
        os.link(path, tmp_path / f"kept-{i}")
    old_bytes = {name: path.read_bytes() for name, path in kept.items()}
    _replace(project / "data" / "timeline.yaml",
             "title: World powers agree a transition plan for Syria in Geneva",
             "title: World powers agree a Zanzibarian transition plan in Geneva")
    _replace(project / "data" / "actors.yaml", "role: UN-Arab League envoy", "role: UN-Arab League Quixotic envoy")
    proc = _build(project)
    assert proc.returncode == 0, proc.stderr
    m = _manifest(project)
    assert m["mode"] == "incremental", m["reason"]
    rebuilt = set(m["index"]["rebuilt"])
    assert f"Site: rebuilt {len(rebuilt)} of {len(m['index']['pages'])} page(s) incrementally" in proc.stderr
    assert "timeline.md" in rebuilt and "actors/kofi-annan.md" in rebuilt
    assert "actors/william-hague.md" not in rebuilt  # his page does not mention the event
    assert not {"about.md", "notes.md"} & rebuilt  # unchanged nav pages: only their front matter is read
    assert len(rebuilt) < len(m["index"]["pages"])
    _same_site(project / "site", _clean_full_build(project, tmp_path / "clean"))
    for i, name in enumerate(kept):
        assert (tmp_path / f"kept-{i}").read_bytes() == old_bytes[name], f"the last site's {name} was written"
        assert (project / "site" / name).read_bytes() != old_bytes[name]  # ... and this build changed it

    index = _index_locations(project / "site")
    assert any("Zanzibarian" in text for text in index.values())
    assert any("Quixotic" in text for loc, text in index.items() if loc.startswith("actors/kofi-annan.html"))
    assert not any("a transition plan for Syria in Geneva" in text for text in index.values())
    hague = [text for loc, text in index.items() if loc.startswith("actors/william-hague.html")]
    assert hague and any("Hague" in text for text in hague)  # an unchanged page stays searchable


def test_no_docs_change_still_builds_incrementally(project, tmp_path):
    """Without the stamp (e.g. removed by hand) the site step has nothing to redo but the nav pages."""
    (project / ".briefing-build.json").unlink(missing_ok=True)
    proc = _build(project)
    assert proc.returncode == 0, proc.stderr
    m = _manifest(project)
    assert m["mode"] == "incremental", m["reason"]
    assert "actors/william-hague.md" not in m["index"]["rebuilt"]
    _same_site(project / "site", _clean_full_build(project, tmp_path / "clean"))


@pytest.mark.parametrize("change", ["page_added", "page_removed", "nav_title", "mkdocs_yml", "manifest_damaged"])
def test_fallbacks_give_a_full_build(project, tmp_path, change):
    docs = project / "docs"
    if change == "page_added":
        (docs / "more-notes.md").write_text("# More notes\n\nA second hand page.\n", encoding="utf-8")
        why = "added"
    elif change == "page_removed":
        (docs / "more-notes.md").unlink()
        why = "removed"
    elif change == "nav_title":
        _replace(docs / "notes.md", "# Field notes", "# Desk notes")
        why = "navigation"
    elif change == "mkdocs_yml":
        _replace(project / "mkdocs.yml", "site_description: ", "site_description: Edited. ")
        why = "mkdocs.yml"
    else:
        m = _manifest(project)
        m["docs"] = 5
        (project / MANIFEST).write_text(json.dumps(m), encoding="utf-8")
        _replace(docs / "notes.md", "What the desk", "What our desk")
        why = "damaged"
    proc = _build(project)
    assert proc.returncode == 0, proc.stderr
    m = _manifest(project)
    assert m["mode"] == "full" and why in m["reason"], m["reason"]
    _same_site(project / "site", _clean_full_build(project, tmp_path / "clean"))


def test_failing_build_leaves_the_last_site(project, tmp_path):
    before, manifest = _files(project / "site"), _manifest(project)
    # An edit that removes an anchor an *unchanged* page outside the nav (so
    # not rebuilt) links to: a full build warns (--strict fails); the
    # incremental one must find it too, or it would succeed where a full fails.
    _replace(project / "docs" / "about.md", "## What this is", "## What it is")
    proc = _build(project)
    assert proc.returncode == 1
    assert "what-this-is" in proc.stderr and "actors/desk-notes.md" in proc.stderr
    assert _files(project / "site") == before
    assert _manifest(project) == manifest
    assert not list(project.glob(".site.build-*"))

    _replace(project / "docs" / "about.md", "## What it is", "## What this is")
    proc = _build(project)
    assert proc.returncode == 0, proc.stderr
    assert _manifest(project)["mode"] == "incremental", _manifest(project)["reason"]
    _same_site(project / "site", _clean_full_build(project, tmp_path / "clean"))


def test_touched_site_gives_a_full_build(project):
    (project / "site" / "sources.html").write_text("tampered", encoding="utf-8")
    _replace(project / "data" / "actors.yaml", "role: UN-Arab League Quixotic envoy", "role: UN-Arab League envoy")
    proc = _build(project)
    assert proc.returncode == 0, proc.stderr
    m = _manifest(project)
    assert m["mode"] == "full" and "changed since the last build" in m["reason"]
    assert "tampered" not in (project / "site" / "sources.html").read_text(encoding="utf-8")
