"""The editor's workflow through the real `briefing` command.

extract -> edit data/*.yaml by hand -> check -> re-extract (edits kept) -> build;
a broken file stops `build` with a located message and writes nothing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import store
from generator.config import Config
from generator.models import Actor, Briefing, Event, Position, Source, SourceRef

from conftest import REPO

BRIEFING = str(Path(sys.executable).parent / "briefing")


def briefing(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([BRIEFING, "--root", str(root), *args], capture_output=True, text=True)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def small_briefing() -> Briefing:
    ref = SourceRef(article="wire-1", sentence=0, text="The envoy arrived on Friday.")
    return Briefing(
        sources=[Source(id="wire-1", title="Envoy arrives", outlet="Wire", published="2012-07-06")],
        actors=[Actor(id="kofi-annan", name="Kofi Annan", role="envoy", sources=[ref])],
        timeline=[Event(id="2012-07-06-envoy-arrives", date="2012-07-06", title="Envoy arrives",
                        actors=["kofi-annan"], sources=[ref])],
        positions=[Position(id="annan-talks", actor="kofi-annan", issue="talks", stance="supports",
                            statement="Annan supports talks.", sources=[ref])],
    )


@pytest.fixture
def project(tree):
    root = tree({"briefing.yml": "title: Test briefing\n",
                 "docs/index.md": "# rendered earlier\n", "site/index.html": "<p>built earlier</p>\n",
                 "site/.briefing-site": "built by briefing\n"})  # a site Briefing built earlier
    store.save_extraction(Config(root=root), small_briefing())
    return root


def test_check_passes_then_an_edit_with_a_typo_is_located(project):
    assert briefing(project, "check").returncode == 0
    actors = project / "data" / "actors.yaml"
    actors.write_text(actors.read_text().replace("  role: envoy\n", "  rol: UN envoy\n"))
    res = briefing(project, "check")
    assert res.returncode == 1
    assert "data/actors.yaml:8:3: unknown field 'rol' (did you mean 'role'?)" in res.stderr
    assert "Traceback" not in res.stderr


def test_broken_yaml_stops_build_and_nothing_is_written(project):
    tl = project / "data" / "timeline.yaml"
    tl.write_text(tl.read_text().replace("  date: '2012-07-06'\n", "  date: '2012-07-06'\n\tplace: Damascus\n"))
    before = {d: snapshot(project / d) for d in ("data", "docs", "site")}
    res = briefing(project, "build", "--no-extract")
    assert res.returncode == 1
    assert "data/timeline.yaml:8:1: tab character in indentation: indent with spaces" in res.stderr
    assert {d: snapshot(project / d) for d in ("data", "docs", "site")} == before


def test_extract_refuses_to_merge_into_a_broken_file(project):
    (project / "data" / "actors.yaml").write_text("- id: kofi-annan\n  name: [Kofi\n")
    before = snapshot(project / "data")
    res = briefing(project, "extract", "--articles", str(REPO / "seeds"))
    assert res.returncode == 1
    assert "data/actors.yaml:" in res.stderr and "YAML syntax error" in res.stderr
    assert snapshot(project / "data") == before


NEW_ARTICLE = """\
---
id: test-wire-2012-07-09-observers
title: Observers leave Homs
outlet: Test Wire
published: 2012-07-09
---
United Nations observers left the city of Homs on Monday, July 9, 2012, after shelling resumed.

Kofi Annan said on Monday that the observers would return once the fighting stopped.
"""


def test_end_to_end_extract_edit_add_article_reextract(tree):
    root = tree({"briefing.yml": "title: Test briefing\n"})
    shutil.copytree(REPO / "seeds", root / "seeds")
    res = briefing(root, "extract")
    assert res.returncode == 0, res.stderr
    data = root / "data"
    first = store.load(Config(root=root))
    assert first.timeline and first.actors, "the seeds should yield events and actors"

    # the editor: retitle one event (with a comment), delete another, add one by hand
    ev, gone = first.timeline[0], (first.timeline[1].id if len(first.timeline) > 1 else None)
    tl = data / "timeline.yaml"
    text = tl.read_text()
    start = text.index(f"- id: {ev.id}\n")
    text = text[:start] + text[start:].replace("  title: ", "  title: Edited by hand  # verified\n  x: ", 1)
    text = "\n".join(ln for ln in text.split("\n") if not ln.startswith("  x: "))
    if gone:
        s = text.index(f"- id: {gone}\n")
        e = text.find("\n- id: ", s + 1)
        text = text[:s] + (text[e + 1:] if e != -1 else "")
    text += "- id: added-by-hand\n  date: 2012-07-10\n  title: Added by hand\n  resolution: editor\n"
    tl.write_text(text)
    assert briefing(root, "check").returncode == 0, briefing(root, "check").stderr

    (root / "seeds" / "observers.md").write_text(NEW_ARTICLE)
    res = briefing(root, "extract")
    assert res.returncode == 0, res.stderr
    after = {e.id: e for e in store.load(Config(root=root)).timeline}
    assert after[ev.id].title == "Edited by hand" and after[ev.id].edited
    assert "title: Edited by hand  # verified" in tl.read_text()
    assert gone is None or gone not in after
    assert "added-by-hand" in after
    assert "test-wire-2012-07-09-observers" in [s.id for s in store.load(Config(root=root)).sources]
    assert briefing(root, "check").returncode == 0


def test_after_a_real_build_a_broken_file_leaves_docs_and_site_untouched(tree):
    """The real pipeline: build the seeds, break data/, build again -> nothing changes."""
    root = tree({"briefing.yml": "title: Test briefing\n"})
    for name in ("seeds", "templates", "docs"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    first = briefing(root, "build")
    assert first.returncode == 0, first.stderr
    before = {d: snapshot(root / d) for d in ("data", "docs", "site")}
    assert before["site"], "the first build should have produced a site"
    pos = root / "data" / "positions.yaml"
    pos.write_text(pos.read_text().replace("  stance: ", "  stanse: ", 1))
    res = briefing(root, "build")
    assert res.returncode == 1
    assert "data/positions.yaml:" in res.stderr and "unknown field 'stanse' (did you mean 'stance'?)" in res.stderr
    after = {d: snapshot(root / d) for d in ("docs", "site")}
    assert after == {d: before[d] for d in ("docs", "site")}
