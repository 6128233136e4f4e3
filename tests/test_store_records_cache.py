"""check/load after an edit re-parse only the records whose text changed -- and
report exactly what a from-scratch read reports.

store.parsed.ParsedCache keeps each data file's validated records with the text of
each top-level ``- `` item; after an edit only the changed items are parsed.
Every test edits real YAML in a real project folder (the fixture data plus
small files written here), then compares the cached read with a read of the
same bytes in a fresh folder that has no cache: same records, same plain
values, same problems (file, line, column, message), whatever the edit.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import store
from generator.config import Config
from generator.store import loader, parsed, yamlio
from generator.errors import DataError

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "briefing"


@pytest.fixture()
def project(tmp_path) -> Path:
    root = tmp_path / "proj"
    shutil.copytree(FIXTURE, root / "data")
    store.check(Config(root=root))  # fills the cache, as the last build did
    return root


class _Spy:
    """Counts the fast parser's calls (and runs the real one)."""

    def __init__(self, monkeypatch):
        self.texts: list[str] = []
        real = yamlio.fast_load

        def spy(text, *a, **k):
            self.texts.append(text)
            return real(text, *a, **k)

        monkeypatch.setattr(yamlio, "fast_load", spy)


def _fresh(root: Path, tmp_path: Path) -> Path:
    """The same data/ bytes in a new project with no cache."""
    other = tmp_path / f"fresh-{len(list(tmp_path.iterdir()))}"
    shutil.copytree(root / "data", other / "data")
    return other


def _read(root: Path) -> dict:
    files = loader.read_all(Config(root=root), cached=True)
    return {name: ([r.model_dump() for r in f.records], f.raw, f.refs, f.ids, f.text) for name, f in files.items()}


def _same_as_fresh(root: Path, tmp_path: Path) -> None:
    other = _fresh(root, tmp_path)
    assert store.check(Config(root=root)) == store.check(Config(root=other))
    assert _read(root) == _read(other)


def _edit(root: Path, name: str, old: str, new: str, count: int = 1) -> None:
    path = root / "data" / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_a_title_edit_parses_one_record_and_loads_the_new_title(project, tmp_path, monkeypatch):
    _edit(project, "timeline", "title: Russia and China water down Annan's transition plan",
          "title: Russia and China weaken the plan")
    spy = _Spy(monkeypatch)
    b = store.load(Config(root=project))
    assert len(spy.texts) == 1 and spy.texts[0].startswith("- id: russia-china-water-down-plan\n")
    ev = {e.id: e for e in b.timeline}
    assert ev["russia-china-water-down-plan"].title == "Russia and China weaken the plan"
    assert ev["geneva-action-group-meeting"].title == "World powers agree a transition plan for Syria in Geneva"
    assert [e.id for e in b.timeline][:2] == ["geneva-action-group-meeting", "russia-china-water-down-plan"]
    _same_as_fresh(project, tmp_path)


def test_nothing_changed_parses_nothing(project, monkeypatch):
    spy = _Spy(monkeypatch)
    store.load(Config(root=project))
    assert spy.texts == []


EDITS = {
    "id renamed": ("timeline", "- id: russia-china-water-down-plan\n", "- id: russia-china-water-down-plan-x\n"),
    "record removed": None,
    "comment between records": ("timeline", "- id: hostile-event\n", "# an editor's note\n- id: hostile-event\n"),
    "comment at the top": ("actors", "- id: ", "# checked by the desk\n\n- id: "),
    "records swapped": None,
    "a record appended": None,
    "quoted title over two lines": ("timeline", "title: Russia and China water down Annan's transition plan",
                                    "title: \"Russia and China water down\n    Annan's plan\""),
    "document start added": ("timeline", "- id: geneva-action-group-meeting\n", "---\n- id: geneva-action-group-meeting\n"),
    "anchor and alias": ("timeline", "  place: Geneva\n", "  place: &p Geneva\n  summary2: *p\n"),
    "tab indentation": ("timeline", "  place: Geneva\n", "\tplace: Geneva\n"),
    "indented list": None,
    "unknown field": ("timeline", "  place: Geneva\n", "  plaec: Geneva\n"),
    "bad date": ("timeline", "date: 2012-06-30\n", "date: 2012-13-45\n"),
    "duplicate id": ("timeline", "- id: russia-china-water-down-plan\n", "- id: geneva-action-group-meeting\n"),
    "duplicate key": ("timeline", "  place: Geneva\n", "  place: Geneva\n  place: Paris\n"),
    "dangling reference": ("timeline", "actors: [russia]", "actors: [rusia]"),
    "broken YAML": ("timeline", "  place: Geneva\n", "  place: [Geneva\n"),
    "not a mapping": ("issues", "- id: ", "- just text\n- id: "),
    "a dash alone on its line": ("timeline", "- id: hostile-event\n", "-\n  id: hostile-event\n"),
}


@pytest.mark.parametrize("what", sorted(EDITS))
def test_any_edit_reads_as_from_scratch(project, tmp_path, what):
    edit = EDITS[what]
    path = project / "data" / "timeline.yaml"
    text = path.read_text(encoding="utf-8")
    if what == "records swapped":
        items = parsed.record_chunks(text)
        path.write_text("".join([items[1], items[0]] + items[2:]), encoding="utf-8")
    elif what == "record removed":
        items = parsed.record_chunks(text)
        path.write_text("".join(items[:1] + items[2:]), encoding="utf-8")
    elif what == "a record appended":
        copy = parsed.record_chunks(text)[0].replace("id: geneva-action-group-meeting", "id: geneva-2")
        path.write_text(text + copy, encoding="utf-8")
    elif what == "indented list":
        path.write_text("".join("  " + ln if ln.strip() else ln for ln in text.splitlines(keepends=True)),
                        encoding="utf-8")
    else:
        _edit(project, *edit)
    _same_as_fresh(project, tmp_path)
    _same_as_fresh(project, tmp_path)  # and again, now from what the edit left in the cache


def test_problems_after_an_edit_name_the_file_and_line(project):
    _edit(project, "timeline", "date: 2012-06-30\n", "date: 2012-13-45\n")
    with pytest.raises(DataError) as err:
        store.load(Config(root=project))
    problems = err.value.problems
    assert [(p.file, p.line) for p in problems] == [("data/timeline.yaml", 2)]
    assert "date" in problems[0].message


def test_split_only_plain_block_lists():
    assert parsed.record_chunks("# head\n\n- id: a\n  x: 1\n# note\n- id: b\n") == \
        ["- id: a\n  x: 1\n# note\n", "- id: b\n"]
    for text in ("---\n- id: a\n", "%YAML 1.2\n---\n- id: a\n", "[{id: a}]\n", "  - id: a\n",
                 "- id: a\n\tx: 1\n", "- id: a\n...\n", "id: a\n", ""):
        assert parsed.record_chunks(text) is None, text


@pytest.mark.parametrize("command", [["review", "--limit", "1"], ["evaluate", "tests/gold/seeds.yaml"]])
def test_review_and_evaluate_read_data_through_the_parsed_cache(tmp_path, command):
    """Like check, render and build: a later command after one edit re-parses only that edit."""
    from click.testing import CliRunner

    from generator.cli import main

    root = tmp_path / "proj"
    shutil.copytree(FIXTURE, root / "data")
    args = [str(FIXTURE.parents[2] / a) if a.startswith("tests/") else a for a in command]
    res = CliRunner().invoke(main, ["--root", str(root), *args])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in (root / ".briefing-cache" / "data").iterdir()) == \
        ["actors.msgpack", "issues.msgpack", "positions.msgpack", "sources.msgpack", "timeline.msgpack"]
