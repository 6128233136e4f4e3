"""Incremental render: after an edit only the pages whose inputs changed are
rendered and rewritten, and the result is always the clean render's, byte for byte.

Every test renders a real project (the fixture briefing, or data written
here), edits it the way an editor would (a text edit of data/*.yaml, a
template, briefing.yml), renders again through the cache and compares the
whole docs/ tree with a from-scratch render of the same inputs (no cache).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from briefing_project import EPOCH, FIXTURE, REPO, dated_project
from conftest import CORPUS
from generator import store
from generator.render import pagecache
from generator import render as R
from generator.config import load_config
from generator.errors import TemplateError
from generator.store import loader, validate



@pytest.fixture
def project(tmp_path, monkeypatch):
    return dated_project(tmp_path / "proj", monkeypatch)


def render(cfg, cache=True) -> int:
    return R.render(store.load(cfg), cfg, cache=cache)


def tree(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


def stamps(docs: Path) -> dict[str, tuple[int, int]]:
    return {rel: (os.stat(docs / rel).st_ino, os.stat(docs / rel).st_mtime_ns) for rel in tree(docs)}


def clean_render(cfg, tmp: Path) -> dict[str, bytes]:
    """The same project rendered from scratch (no cache, no earlier pages)."""
    other = tmp / "clean"
    shutil.rmtree(other, ignore_errors=True)
    shutil.copytree(cfg.root, other, ignore=shutil.ignore_patterns(".briefing-cache"))
    docs = other / "docs"
    for path in sorted(docs.rglob("*.md")):
        if R.is_generated(path):
            path.unlink()
    shutil.rmtree(docs / "downloads", ignore_errors=True)
    ocfg = load_config(other)
    render(ocfg, cache=False)
    return tree(docs)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class RenderCount:
    """Counts templates rendered (the real function still runs)."""

    def __init__(self, monkeypatch):
        self.names: list[str] = []
        real = R._render_stream  # every page is rendered through it (streamed to the writer)

        def counting(env, name, **ctx):
            self.names.append(name)
            return real(env, name, **ctx)

        monkeypatch.setattr(R, "_render_stream", counting)


# -- one field edited --------------------------------------------------------


def test_one_title_edit_rewrites_only_the_pages_that_show_it(project, tmp_path, monkeypatch):
    docs = project.path("docs")
    render(project)
    before = stamps(docs)
    edit(project.path("data") / "timeline.yaml", "title: Friends of Syria meet in Paris and call for sanctions",
         "title: Friends of Syria meet in Paris and demand sanctions")
    count = RenderCount(monkeypatch)
    written = render(project)
    after = stamps(docs)
    changed = {rel for rel in after if after[rel] != before.get(rel)}
    # the event's timeline page, its actors' pages, the downloads
    assert {"actors/hillary-clinton.md", "actors/william-hague.md",
            "downloads/briefing.yaml", "downloads/timeline.csv"} <= changed
    assert any(rel.startswith("timeline") for rel in changed)
    for rel in changed:
        assert b"demand sanctions" in (docs / rel).read_bytes(), rel
    # an actor not in that event and the positions page: neither rendered nor rewritten
    for rel in ("actors/gennady-gatilov.md", "actors/bashar-al-assad.md", "positions.md", "actors/index.md"):
        assert after[rel] == before[rel], rel
    assert "actor.md.j2" in count.names and len(count.names) < 12  # 12 actors + 7 pages before
    assert "positions.md.j2" not in count.names
    assert written == len(changed)
    assert tree(docs) == clean_render(project, tmp_path)


def test_nothing_changed_renders_nothing_and_writes_nothing(project, monkeypatch):
    docs = project.path("docs")
    render(project)
    before = stamps(docs)
    count = RenderCount(monkeypatch)
    assert render(project) == 0
    assert count.names == []
    assert stamps(docs) == before


EDITS = {
    # a record shown on many pages: the actor's page, the index, events, positions, members
    "actor name": ("actors.yaml", "name: Hillary Clinton", "name: Hillary Rodham Clinton"),
    "actor kind": ("actors.yaml", "kind: person\n  role: Deputy Foreign Minister",
                   "kind: group\n  role: Deputy Foreign Minister"),
    "affiliation": ("actors.yaml", "affiliation: russia", "affiliation: syria"),
    "source outlet": ("sources.yaml", "outlet: Associated Press", "outlet: AP"),
    "source date": ("sources.yaml", "published: 2012-07-06", "published: 2012-07-05"),
    "issue label": ("issues.yaml", "label: Sanctions on Syria", "label: Sanctions against Syria"),
    "stance": ("positions.yaml", "stance: demands", "stance: supports"),
    "event date": ("timeline.yaml", "date: 2012-06-30", "date: 2012-06-29"),
    "event confidence": ("timeline.yaml", "confidence: 0.9\n", "confidence: 0.2\n"),
    "sentence text": ("actors.yaml", "Clinton told reporters.", "Clinton told the press."),
}


@pytest.mark.parametrize("what", sorted(EDITS))
def test_any_edit_gives_the_clean_render(project, tmp_path, what):
    name, old, new = EDITS[what]
    render(project)
    edit(project.path("data") / name, old, new)
    render(project)
    assert tree(project.path("docs")) == clean_render(project, tmp_path)


def test_edit_shifting_lines_of_actors_yaml_moves_edit_links(project, tmp_path):
    """Actor pages link to their line of actors.yaml: a line added above moves them all."""
    render(project)
    assert b'edit_url: "actors.yaml#L10"' in (project.path("docs") / "actors/kofi-annan.md").read_bytes()
    edit(project.path("data") / "actors.yaml", "  aliases: [Clinton, Secretary Clinton]\n",
         "  aliases:\n    - Clinton\n    - Secretary Clinton\n")
    render(project)
    got = tree(project.path("docs"))
    assert got == clean_render(project, tmp_path)
    assert b'edit_url: "actors.yaml#L12"' in got["actors/kofi-annan.md"]


def test_removed_record_removes_its_page_and_references(project, tmp_path):
    render(project)
    path = project.path("data") / "timeline.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("- id: hostile-event")
    end = text.index("- id: friends-of-syria-paris")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    render(project)
    got = tree(project.path("docs"))
    assert got == clean_render(project, tmp_path)
    assert not any(b"hostile-event" in body for body in got.values())


# -- inputs outside data/ ----------------------------------------------------


def test_template_edit_rerenders_every_page_using_it(project, tmp_path):
    docs = project.path("docs")
    render(project)
    override = project.path("templates") / "actor.md.j2"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text((R.DEFAULT_TEMPLATES / "actor.md.j2").read_text(encoding="utf-8")
                        + "\nReviewed by the desk.\n", encoding="utf-8")
    render(project)
    actor_pages = [rel for rel in tree(docs) if rel.startswith("actors/") and rel != "actors/index.md"]
    assert len(actor_pages) == 12
    for rel in actor_pages:
        assert "Reviewed by the desk." in (docs / rel).read_text(encoding="utf-8"), rel
    assert tree(docs) == clean_render(project, tmp_path)
    # a macro file used by every page
    macros = project.path("templates") / "_macros.md.j2"
    macros.write_text((R.DEFAULT_TEMPLATES / "_macros.md.j2").read_text(encoding="utf-8")
                      + "{# a comment changes no output #}\n", encoding="utf-8")
    render(project)
    assert tree(docs) == clean_render(project, tmp_path)


def test_briefing_yml_title_and_key_events(project, tmp_path):
    docs = project.path("docs")
    render(project)
    (project.root / "briefing.yml").write_text('title: "Paris, July 2012"\nkey_events: 2\n', encoding="utf-8")
    cfg = load_config(project.root)
    render(cfg)
    assert "Paris, July 2012" in (docs / "index.md").read_text(encoding="utf-8")
    assert tree(docs) == clean_render(cfg, tmp_path)


def test_build_day_change_rerenders_dated_pages(project, tmp_path, monkeypatch):
    docs = project.path("docs")
    render(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) + 86400))
    render(project)
    assert "2012-07-10" in (docs / "downloads.md").read_text(encoding="utf-8")
    assert tree(docs) == clean_render(project, tmp_path)


# -- the files on disk -------------------------------------------------------


def test_deleted_or_hand_changed_generated_page_is_rendered_again(project, tmp_path):
    docs = project.path("docs")
    render(project)
    (docs / "actors" / "kofi-annan.md").unlink()
    page = docs / "positions.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nscribble\n", encoding="utf-8")
    assert render(project) == 2
    assert tree(docs) == clean_render(project, tmp_path)


def test_hand_written_page_in_the_way_is_still_refused(project):
    docs = project.path("docs")
    render(project)
    page = docs / "actors" / "kofi-annan.md"
    page.write_text("# My own notes on Annan\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="hand-written page"):
        render(project)
    assert page.read_text(encoding="utf-8") == "# My own notes on Annan\n"
    assert (docs / "about.md").read_bytes() == (REPO / "docs" / "about.md").read_bytes()


def test_damaged_cache_file_is_ignored(project, tmp_path):
    render(project)
    cache = project.root / ".briefing-cache" / "render.msgpack"
    assert cache.exists()
    cache.write_bytes(b"\x80\x05garbage")
    edit(project.path("data") / "actors.yaml", "name: Kofi Annan", "name: Kofi A. Annan")
    render(project)
    assert tree(project.path("docs")) == clean_render(project, tmp_path)


def test_failed_template_leaves_docs_and_cache_alone(project):
    docs = project.path("docs")
    render(project)
    before = tree(docs)
    cache = (project.root / ".briefing-cache" / "render.msgpack").read_bytes()
    override = project.path("templates") / "timeline.md.j2"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text("{{ v.no_such_thing }}\n", encoding="utf-8")
    edit(project.path("data") / "actors.yaml", "name: Kofi Annan", "name: Kofi A. Annan")
    with pytest.raises(TemplateError, match="timeline.md.j2"):
        render(project)
    assert tree(docs) == before
    assert (project.root / ".briefing-cache" / "render.msgpack").read_bytes() == cache


# -- data written here (not the fixture) --------------------------------------


def _own_project(root: Path, n: int) -> None:
    """n actors in two states, an event per actor, positions on two issues."""
    root.mkdir(parents=True)
    (root / "docs").mkdir()
    data = root / "data"
    data.mkdir()
    src = "".join(f"- id: wire-{i:02d}\n  title: Report {i}\n  outlet: Wire {i % 3}\n"
                  f"  published: 2020-03-{1 + i % 28:02d}\n  sentences: 5\n" for i in range(n))
    actors = "- id: state-a\n  name: Alphaland\n  kind: state\n  mentions: 5\n" \
             "- id: state-b\n  name: Betaland\n  kind: state\n  mentions: 4\n"
    actors += "".join(f"- id: person-{i:02d}\n  name: Person Nr {i}\n  kind: person\n  role: Minister {i}\n"
                      f"  affiliation: state-{'ab'[i % 2]}\n  mentions: {i + 1}\n  sources:\n"
                      f"    - {{article: wire-{i:02d}, sentence: 1, text: \"Person Nr {i} spoke.\"}}\n"
                      for i in range(n))
    events = "".join(f"- id: event-{i:02d}\n  date: 2020-03-{1 + i % 28:02d}\n  title: Meeting number {i}\n"
                     f"  actors: [person-{i:02d}, state-{'ab'[i % 2]}]\n  sources:\n"
                     f"    - {{article: wire-{i:02d}, sentence: 2, text: \"They met, {i}.\"}}\n"
                     f"  confidence: 0.{5 + i % 5}\n" for i in range(n))
    issues = "- id: talks\n  label: Peace talks\n- id: aid\n  label: Food aid\n"
    positions = "".join(f"- id: pos-{i:02d}\n  actor: person-{i:02d}\n  issue: {('talks', 'aid')[i % 2]}\n"
                        f"  stance: {('supports', 'opposes', 'demands')[i % 3]}\n  statement: Position {i}.\n"
                        f"  sources:\n    - {{article: wire-{i:02d}, sentence: 3, text: \"Said {i}.\"}}\n"
                        for i in range(n))
    for name, text in (("sources", src), ("actors", actors), ("timeline", events),
                       ("issues", issues), ("positions", positions)):
        (data / f"{name}.yaml").write_text(text, encoding="utf-8")


def test_own_data_state_rename_reaches_every_member_page(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = tmp_path / "own"
    _own_project(root, 30)
    cfg = load_config(root)
    render(cfg)
    docs = cfg.path("docs")
    before = stamps(docs)
    edit(cfg.path("data") / "actors.yaml", "name: Alphaland", "name: Alpha Republic")
    render(cfg)
    after = stamps(docs)
    members = [f"actors/person-{i:02d}.md" for i in range(0, 30, 2)]
    others = [f"actors/person-{i:02d}.md" for i in range(1, 30, 2)]
    for rel in members:
        assert "Alpha Republic" in (docs / rel).read_text(encoding="utf-8"), rel
        assert after[rel] != before[rel]
    for rel in others:
        assert after[rel] == before[rel], rel
    assert tree(docs) == clean_render(cfg, tmp_path)


def test_downloads_assembled_from_record_texts_equal_one_dump(tmp_path):
    """The cached per-record YAML/JSON gives exactly yaml.dump / json.dumps of the whole."""
    root = tmp_path / "own"
    _own_project(root, 12)
    (root / "data" / "issues.yaml").write_text("", encoding="utf-8")  # an empty file: []
    edit(root / "data" / "positions.yaml", "issue: talks", "issue: tälks — “quoted”")
    cfg = load_config(root)
    b = store.load(cfg)
    view = R.View(b, cfg)
    plain = R.downloads(b, view)
    last: dict = {}

    def cached(b, view):
        """The downloads from the last call's texts (each text kept as it is used)."""
        nonlocal last
        kept: dict = {}
        texts = R.RecordTexts(last.get, kept.__setitem__)
        got = R.downloads(b, view, texts, pagecache.Fingerprints())
        last = kept
        return got, texts.made

    assert cached(b, view) == (plain, 2 * sum(len(b.records(n)) for n in R._RECORD_FILES) + 2 * len(view.events))
    json.loads(plain["downloads/briefing.json"])
    assert cached(b, view) == (plain, 0)  # every text from the last call
    b.actors[0].name = "Renamed"
    b.timeline[0].title = "Retitled"
    view = R.View(b, cfg)
    got, made = cached(b, view)
    assert got == R.downloads(b, view) and 4 <= made < len(last) // 2
    assert "Retitled" in cached(b, view)[0]["downloads/timeline.csv"]
    b.timeline.clear()  # no events: an empty TimelineJS list, a CSV of the header alone
    view = R.View(b, cfg)
    assert cached(b, view)[0] == R.downloads(b, view)


@pytest.mark.skipif(not (CORPUS / "articles.jsonl").exists(), reason=f"Syria corpus not at {CORPUS}")
def test_corpus_articles_cached_render_equals_clean(tmp_path, monkeypatch):
    """Real extracted data (40 articles of the Syria corpus): edit one title, compare."""
    from generator import pipeline

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    lines = (CORPUS / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:40]
    (tmp_path / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    root = tmp_path / "corpus"
    (root / "docs").mkdir(parents=True)
    cfg = load_config(root, articles=tmp_path / "articles.jsonl")
    pipeline.extract(cfg)
    render(cfg)
    path = cfg.path("data") / "timeline.yaml"
    text = path.read_text(encoding="utf-8")
    i = text.index("\n  title: ") + len("\n  title: ")
    i += text[i] in "'\""
    path.write_text(text[:i] + "Edited " + text[i:], encoding="utf-8")
    render(cfg)
    assert tree(cfg.path("docs")) == clean_render(cfg, tmp_path)


# -- data/ read once per change (store's parsed-file cache) ----------------------


def _without_cache(read, cfg):
    shutil.rmtree(cfg.root / ".briefing-cache" / "data", ignore_errors=True)
    return read(cfg)


def _problems_without_cache(cfg) -> list:
    return _without_cache(store.check, cfg)


def test_parsed_cache_still_reports_every_problem(project):
    data = project.path("data")
    assert store.check(project) == []  # warms the cache
    assert sorted(p.name for p in (project.root / ".briefing-cache" / "data").iterdir()) == \
        ["actors.msgpack", "issues.msgpack", "positions.msgpack", "sources.msgpack", "timeline.msgpack"]
    # a reference broken by editing another file: the unchanged (cached) timeline is where it points
    edit(data / "actors.yaml", "- id: william-hague", "- id: william-hague-2")
    warm = store.check(project)
    assert warm == _problems_without_cache(project)
    assert any(p.file.endswith("timeline.yaml") and p.line and "william-hague" in p.message for p in warm)
    assert any(p.file.endswith("positions.yaml") and "william-hague" in p.message for p in warm)
    # a problem inside a file that was valid (and cached) before
    edit(data / "issues.yaml", "label: Sanctions on Syria", "label: [Sanctions")
    store.check(project)
    warm = store.check(project)
    assert warm == _problems_without_cache(project)
    assert any(p.file.endswith("issues.yaml") for p in warm)


def test_parsed_cache_gives_the_same_records_as_a_fresh_read(project):
    data = project.path("data")
    crlf = (data / "actors.yaml").read_bytes().replace(b"\n", b"\r\n")
    (data / "actors.yaml").write_bytes(crlf)
    fresh = _without_cache(store.load, project)
    store.load(project)
    warm = store.load(project)  # every file from the cache
    assert warm == fresh
    files = loader.read_all(project, cached=True)
    assert files["actors"].refs == {rid: list(validate.references("actors", rec))
                                    for rid, rec in _without_cache(loader.read_all, project)["actors"].raw.items()}
    edit(data / "positions.yaml", "- id: clinton-sanctions\n  actor: hillary-clinton",
         "- id: clinton-sanctions\n  actor: kofi-annan")
    assert store.load(project) == _without_cache(store.load, project)


def test_damaged_parsed_cache_is_a_miss(project):
    store.load(project)
    for entry in (project.root / ".briefing-cache" / "data").iterdir():
        entry.write_bytes(b"not a pickle")
    assert store.load(project) == _without_cache(store.load, project)


def test_page_reading_view_internals_is_never_cached(project, tmp_path):
    """A project template reaching past the view's public names (``v._briefing``)
    is rendered every time: what it reads is not tracked."""
    docs = project.path("docs")
    override = project.path("templates") / "downloads.md.j2"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text("{{ MARKER }}\n\n# Downloads\n\n{% for a in v._briefing.actors %}{{ a.name }}; {% endfor %}\n",
                        encoding="utf-8")
    render(project)
    edit(project.path("data") / "actors.yaml", "name: Kofi Annan", "name: Kofi A. Annan")
    render(project)
    assert "Kofi A. Annan;" in (docs / "downloads.md").read_text(encoding="utf-8")
    assert tree(docs) == clean_render(project, tmp_path)


def test_unchanged_inputs_skip_the_view_but_not_a_changed_file(project, tmp_path, monkeypatch):
    """Same briefing, templates, settings and day: nothing is built at all, unless a
    file render wrote is gone or changed (then that file is rendered again)."""
    docs = project.path("docs")
    render(project)
    views = []
    real = R.View.__init__

    def counting(self, *a, **k):
        views.append(1)
        real(self, *a, **k)

    monkeypatch.setattr(R.View, "__init__", counting)
    assert render(project) == 0
    assert views == []
    shutil.copy2(docs / "timeline.md", tmp_path / "t.md")
    (docs / "timeline.md").unlink()
    shutil.copy2(tmp_path / "t.md", docs / "timeline.md")  # same bytes, new inode
    assert render(project) == 0 and views == []
    (docs / "downloads" / "timeline.csv").write_text("scribbled\n", encoding="utf-8")
    assert render(project) == 1 and views == [1]
    assert tree(docs) == clean_render(project, tmp_path)
    # a briefing changed in memory (not in data/) is not mistaken for the one on disk
    b = store.load(project)
    b.actors[0].name = "Changed In Memory"
    R.render(b, project)
    assert "Changed In Memory" in (docs / "actors" / f"{b.actors[0].id}.md").read_text(encoding="utf-8")
