"""Render streams pages to the writer (issue #7: 2.1 GB peak at 10,000 articles).

What must not change while the site is no longer held in memory: every file
is byte for byte what the all-in-memory render (``render.pages``) produces;
a failure half way leaves docs/ exactly as it was (no page replaced, no
temporary file, no new folder); unchanged files are not touched.  No memory
figure is asserted here (measured in the README, not in tests).
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest
import yaml

from briefing_project import dated_project
from generator import store
from generator.render import pagecache
from generator import render as R
from generator.config import load_config
from generator.errors import TemplateError
from generator.models import Actor, Briefing, Event, Issue, Position, Source, SourceRef
from generator.runtime import umask
from generator.writer import Writer, WriteError



@pytest.fixture
def project(tmp_path, monkeypatch):
    return dated_project(tmp_path / "proj", monkeypatch)


def files(docs: Path) -> dict[str, bytes]:
    """Every file under *docs* (temporary files included: none may be left)."""
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


def folders(docs: Path) -> list[str]:
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_dir())


def small_briefing() -> Briefing:
    """Our own records: non-ASCII text (wide strings), two years, an empty issue list."""
    ref = SourceRef(article="a1", sentence=2, text="Ministers met in Genève — “talks” résumé")
    return Briefing(
        sources=[Source(id="a1", title="Talks in Genève", outlet="Le Temps", published="2013-01-05"),
                 Source(id="b2", title="Aftermath", outlet="Wire", published="2014-03-01")],
        actors=[Actor(id="lakhdar-brahimi", name="Lakhdar Brahimi", sources=[ref]),
                Actor(id="syria", name="Syria", kind="state", mentions=3)],
        timeline=[Event(id="talks", date="2013-01-04", title="Talks in Genève", actors=["lakhdar-brahimi"],
                        sources=[ref]),
                  Event(id="after", date="2014-02", title="Aftermath, 50% “done”", sources=[ref])],
        positions=[Position(id="p1", actor="syria", issue="talks", stance="rejects",
                            statement="No talks — ever", sources=[ref])],
        issues=[],
    )


def test_streamed_render_is_byte_identical_to_in_memory_pages(project):
    """Render (staging each page, downloads in chunks) == render.pages() for every generated file."""
    b = store.load(project)
    expected = R.pages(b, project)
    R.render(b, project)
    got = files(project.path("docs"))
    for rel, text in expected.items():
        assert got[rel] == text.encode("utf-8"), rel
    assert not [rel for rel in got if rel.rsplit("/", 1)[-1].startswith(".")]  # no temp file left


@pytest.mark.parametrize("briefing", [small_briefing(), Briefing()], ids=["own-records", "empty"])
def test_download_chunks_equal_one_dump(project, briefing):
    """The chunked downloads (first from nothing, then from the record cache) equal one json/yaml dump."""
    view = R.View(briefing, project)
    plain = R.downloads(briefing, view)
    last: dict = {}
    for round in range(2):  # second round: every record's text comes from the first's
        kept: dict = {}
        texts = R.RecordTexts(last.get, kept.__setitem__)
        parts = [(rel, b"".join(c.encode("utf-8") if isinstance(c, str) else c for c in chunks).decode("utf-8"))
                 for rel, chunks in R.download_parts(briefing, view, texts)]
        assert dict(parts) == plain
        assert [rel for rel, _ in parts] == list(R.DOWNLOADS)
        assert texts.made == (len(kept) if round == 0 else 0)
        last = kept


def test_template_failure_late_leaves_docs_as_it_was(project):
    """A template that fails on the last source page: every earlier page was staged, none replaced."""
    R.render(store.load(project), project)
    docs = project.path("docs")
    before, dirs = files(docs), folders(docs)
    # an edit that changes every page, so every page is staged before the failure
    settings = yaml.safe_load((project.root / "briefing.yml").read_text(encoding="utf-8")) or {}
    settings["title"] = "Edited title"
    (project.root / "briefing.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    project = load_config(project.root)
    b = store.load(project)
    last = sorted(b.sources, key=lambda s: (s.published or "", s.id))[-1].id
    (project.root / "templates").mkdir(exist_ok=True)
    (project.root / "templates" / "source.md.j2").write_text(
        "{{ MARKER }}\n{% if source.id == '" + last + "' %}{{ v.no_such_thing }}{% endif %}\nx\n",
        encoding="utf-8")
    with pytest.raises(TemplateError, match="source.md.j2"):
        R.render(b, project)
    assert files(docs) == before and folders(docs) == dirs


def test_new_folders_removed_when_render_fails(project):
    """A first render that fails leaves no folder it made (actors/, sources/, timeline/, downloads/)."""
    docs = project.path("docs")
    before, dirs = files(docs), folders(docs)
    (project.root / "templates").mkdir(exist_ok=True)
    (project.root / "templates" / "downloads.md.j2").write_text("{{ nope }}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="downloads.md.j2"):
        R.render(store.load(project), project)
    assert files(docs) == before and folders(docs) == dirs


def test_hand_written_page_in_the_way_stops_before_anything_is_written(project):
    docs = project.path("docs")
    (docs / "actors").mkdir(parents=True, exist_ok=True)
    b = store.load(project)
    victim = sorted(b.actors, key=lambda a: (a.name.lower(), a.id))[-1].id
    (docs / "actors" / f"{victim}.md").write_text("# My own notes\n", encoding="utf-8")
    before = files(docs)
    with pytest.raises(TemplateError, match="hand-written"):
        R.render(b, project)
    assert files(docs) == before


def test_unchanged_files_are_not_touched_and_changed_count_is_honest(project):
    b = store.load(project)
    first = R.render(b, project)
    docs = project.path("docs")
    assert first == len(R.pages(b, project))
    stamp = {rel: os.stat(docs / rel).st_mtime_ns for rel in files(docs)}
    (project.root / ".briefing-cache" / "render.msgpack").unlink()  # force every page to render again
    assert R.render(store.load(project), project) == 0
    assert {rel: os.stat(docs / rel).st_mtime_ns for rel in files(docs)} == stamp


# -- the writer's staging ----------------------------------------------------


def test_stage_commit_abort(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "same.md").write_text("same\n", encoding="utf-8")
    (docs / "old.md").write_text("old\n", encoding="utf-8")
    w = Writer(docs)
    assert w.stage_text("same.md", "same\n") == pagecache.sha(b"same\n")
    assert w.stage_text("old.md", "new\n") == pagecache.sha(b"new\n")
    assert w.stage_chunks("deep/er/big.json", iter(["{", "\"é\": 1", "}\n"])) == pagecache.sha(
        "{\"é\": 1}\n".encode("utf-8"))
    assert (docs / "old.md").read_text() == "old\n" and not (docs / "deep/er/big.json").exists()
    with pytest.raises(WriteError, match="twice"):
        w.stage_text("old.md", "again\n")
    assert w.commit() == 2
    assert files(docs) == {"deep/er/big.json": "{\"é\": 1}\n".encode(), "old.md": b"new\n", "same.md": b"same\n"}
    assert oct((docs / "old.md").stat().st_mode & 0o777) == oct(0o666 & ~umask())

    w = Writer(docs)
    w.stage_text("old.md", "newer\n")
    w.stage_text("fresh/page.md", "x\n")
    w.abort()
    assert files(docs)["old.md"] == b"new\n" and not (docs / "fresh").exists()
    assert sorted(files(docs)) == ["deep/er/big.json", "old.md", "same.md"]


def test_disk_full_while_staging_names_the_file_and_changes_nothing(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("a\n", encoding="utf-8")
    w = Writer(docs)
    w.stage_text("a.md", "a2\n")

    def full():
        yield "part one"
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(WriteError, match=r"downloads/briefing\.json.*No space left"):
        w.stage_chunks("downloads/briefing.json", full())
    w.abort()
    assert files(docs) == {"a.md": b"a\n"} and folders(docs) == []


def test_unchanged_streamed_file_keeps_its_mtime(tmp_path):
    docs = tmp_path / "docs"
    (docs / "downloads").mkdir(parents=True)
    (docs / "downloads" / "t.csv").write_text("id\nx\n", encoding="utf-8")
    os.utime(docs / "downloads" / "t.csv", ns=(1, 1))
    w = Writer(docs)
    w.stage_chunks("downloads/t.csv", iter(["id\n", "x\n"]))
    assert w.commit() == 0
    assert (docs / "downloads" / "t.csv").stat().st_mtime_ns == 1
    assert files(docs) == {"downloads/t.csv": b"id\nx\n"}


# -- tidy, streamed ------------------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

_LINEISH = st.text(alphabet=st.sampled_from(list("ab #?!+ \t") + ["\n", "\r", "\x0b", "\x0c", "\x1c",
                                                                     "\x85", "\u2028", "\u2029", "—", "“"]))


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_LINEISH, max_size=12))
def test_tidy_stream_equals_tidy_however_the_text_is_cut(pieces):
    """Any cut of the text into pieces (a '\\r' and its '\\n' in two pieces too) tidies the same."""
    assert "".join(R.tidy_stream(pieces)) == R.tidy("".join(pieces))


def test_tidy_stream_known_cases():
    assert "".join(R.tidy_stream(["# A\n", "text", "\n## B\n\n\n", "!!! note\r", "\n  x  \n\n"])) == \
        "# A\ntext\n\n## B\n\n!!! note\n  x\n"
    assert "".join(R.tidy_stream([])) == "\n" == R.tidy("")
    assert "".join(R.tidy_stream(["\n\n", "  "])) == "\n" == R.tidy("\n\n  ")


def test_big_page_is_streamed_and_byte_identical(project, monkeypatch):
    """Pages over the in-memory size go to the writer in chunks; the docs are the same."""
    b = store.load(project)
    expected = R.pages(b, project)
    monkeypatch.setattr(R, "_SMALL_PAGE", 10)  # every page takes the streaming path
    R.render(b, project)
    got = files(project.path("docs"))
    assert {rel: got[rel] for rel in expected} == {rel: t.encode("utf-8") for rel, t in expected.items()}
    assert R.render(store.load(project), project) == 0


def test_a_new_writer_removes_temp_files_a_killed_run_left(tmp_path):
    """A SIGKILL while staging leaves hidden temps; the next run sweeps them, and only them."""
    from generator.writer import Writer

    docs = tmp_path / "docs"
    (docs / "actors").mkdir(parents=True)
    left = [docs / ".index.md.ab12_x9Z.tmp", docs / "actors" / ".kofi-annan.md.q1w2e3r4.tmp"]
    keep = [docs / "actors" / "kofi-annan.md", docs / ".notes.tmp", docs / "draft.tmp"]
    for f in left + keep:
        f.write_text("x", encoding="utf-8")
    Writer(docs)
    assert [f for f in left if f.exists()] == []
    assert all(f.exists() for f in keep)


# -- the downloads' record texts: a file of their own, never held whole ----------


def _values(value):
    """Every value inside *value* (containers and the page entries opened)."""
    stack = [value]
    while stack:
        v = stack.pop()
        yield v
        if isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, (list, tuple, set, frozenset)):
            stack.extend(v)
        elif isinstance(v, pagecache.Entry):
            stack.extend((v.key, v.reads, v.sha, v.stat))


def _texts_file(project) -> list:
    from generator import cache

    f = cache.ValueFile(project.root / ".briefing-cache" / "render-texts.msgpack")
    try:
        return [value for _, value in f.scan()]
    finally:
        f.close()


def test_page_cache_file_holds_no_download_texts(project):
    """The texts (~300 MB decoded at 10,000 articles) are in render-texts.msgpack, in the
    order the downloads use them; render.msgpack, which every render reads, holds none."""
    from generator import cache

    b = store.load(project)
    R.render(b, project)
    folder = project.root / ".briefing-cache"
    assert not [v for v in _values(cache.load_file(folder / "render.msgpack")) if isinstance(v, bytes)]
    head, *entries = _texts_file(project)
    assert head == [pagecache.TEXTS_FORMAT, pagecache.code_digest()]
    view = R.View(b, project)
    n_records = sum(len(b.records(n)) for n in R._RECORD_FILES)
    assert [k[:2] for k, _ in entries] == ["y:"] * n_records + ["j:"] * n_records + \
        ["t:"] * len(view.events) + ["c:"] * len(view.events)
    docs = project.path("docs") / "downloads"
    joined = {p: (docs / name).read_bytes() for p, name in
              (("y:", "briefing.yaml"), ("j:", "briefing.json"), ("t:", "timeline.json"), ("c:", "timeline.csv"))}
    assert all(text in joined[k[:2]] for k, text in entries)


def test_unchanged_render_never_reads_the_download_texts(project, monkeypatch):
    R.render(store.load(project), project)
    opened = []
    real = pagecache.LastTexts.__init__
    monkeypatch.setattr(pagecache.LastTexts, "__init__", lambda self, *a: (opened.append(a), real(self, *a))[1])
    assert R.render(store.load(project), project) == 0
    assert opened == []


def test_download_texts_are_read_after_the_pages_one_by_one_and_reused(project, monkeypatch):
    """An edit makes the downloads be written again: the last texts are opened once every
    page has rendered, only their index is held, and only what the edit changed is made again."""
    R.render(store.load(project), project)
    before = _texts_file(project)
    (project.path("data") / "actors.yaml").write_text(
        (project.path("data") / "actors.yaml").read_text(encoding="utf-8").replace(
            "name: Kofi Annan", "name: Kofi A. Annan", 1), encoding="utf-8")
    order, lasts, made = [], [], []
    real_stream, real_last, real_text = R._render_stream, pagecache.LastTexts.__init__, R.RecordTexts.text
    monkeypatch.setattr(R, "_render_stream", lambda env, name, **kw: (order.append("page"),
                                                                      real_stream(env, name, **kw))[1])

    def last(self, *a):
        order.append("texts")
        real_last(self, *a)
        lasts.append((len(self), [v for v in _values(vars(self)) if isinstance(v, bytes)]))

    def text(self, key, make):
        got = real_text(self, key, make)
        made.append(self.made)
        return got

    monkeypatch.setattr(pagecache.LastTexts, "__init__", last)
    monkeypatch.setattr(R.RecordTexts, "text", text)
    R.render(store.load(project), project)
    assert order.count("texts") == 1 and order[-1] == "texts" and "page" in order
    assert lasts == [(len(before) - 1, [])]  # every text of the last render indexed, none held
    # the actor's YAML and JSON, and the events naming it first (their TimelineJS group)
    assert 2 <= made[-1] <= 2 + 2 * sum(1 for k, _ in before[1:] if k.startswith("t:"))
    assert made[-1] < len(before) // 4
    expected = R.pages(store.load(project), project)
    got = files(project.path("docs"))
    assert {rel: got[rel] for rel in expected} == {rel: t.encode("utf-8") for rel, t in expected.items()}
    assert R.render(store.load(project), project) == 0


def test_last_texts_of_other_code_or_damaged_are_a_miss(tmp_path):
    path = tmp_path / "render-texts.msgpack"
    texts = [("y:fp1", b"- id: a\n"), ("t:fp2", "“x”".encode())]
    pagecache.save_texts(path, "code-1", lambda keep: [keep(k, t) for k, t in texts])
    last = pagecache.LastTexts(path, "code-1")
    assert [last.get(k) for k, _ in texts] == [t for _, t in texts] and last.get("y:other") is None
    last.close()
    assert len(pagecache.LastTexts(path, "code-2")) == 0  # made by other code: made afresh
    assert len(pagecache.LastTexts(tmp_path / "missing", "code-1")) == 0
    blob = path.read_bytes()
    path.write_bytes(blob[:-3])
    assert len(pagecache.LastTexts(path, "code-1")) == 0
    path.write_bytes(blob[:-3] + b"\xc0\xc0\xc0")  # same length, other bytes: the digest differs
    assert len(pagecache.LastTexts(path, "code-1")) == 0
    pagecache.save_texts(path, "code-1", lambda keep: keep("y:fp1", "text, not bytes"))
    assert len(pagecache.LastTexts(path, "code-1")) == 0


def test_keep_each_writes_each_value_as_it_comes(tmp_path):
    """The file grows while *fill* runs (nothing is held to the end); fill's own error
    passes through and leaves the old file; a cache that cannot be written never stops fill."""
    from generator import cache

    path = tmp_path / "c" / "f.msgpack"
    sizes = []

    def fill(add):
        for i in range(3):
            add([f"k{i}", b"x" * 100_000])
            sizes.append(sum(p.stat().st_size for p in path.parent.iterdir()))
        return "done"

    assert cache.keep_each(path, fill) == "done"
    assert sizes[0] > 100_000 and sizes[1] > 200_000 and sizes[2] > 300_000
    f = cache.ValueFile(path)
    assert [v for _, v in f.scan()] == [[f"k{i}", b"x" * 100_000] for i in range(3)]
    f.close()
    old = path.read_bytes()

    def failing(add):
        add(["k", b"y"])
        raise TemplateError("late failure")

    with pytest.raises(TemplateError):
        cache.keep_each(path, failing)
    assert path.read_bytes() == old and sorted(p.name for p in path.parent.iterdir()) == ["f.msgpack"]
    assert cache.keep_each(path, lambda add: (add(object()), "still done")[1]) == "still done"
    assert path.read_bytes() == old  # a value of no known type: the file is not replaced
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    assert cache.keep_each(blocked / "f.msgpack", lambda add: (add([1]), "no cache")[1]) == "no cache"


def test_old_page_entries_are_dropped_when_no_key_can_match(project, monkeypatch):
    """A template, the code, the settings or the day changed (the base of every page's
    key): the last render's entries cannot be reused, so they are not held while every
    page renders again; after a data edit they are kept for reuse."""
    R.render(store.load(project), project)
    held = []
    real = R._stage_pages
    monkeypatch.setattr(R, "_stage_pages", lambda *a: (held.append(len(a[8].pages)), real(*a))[1])
    (project.root / "templates").mkdir(exist_ok=True)
    (project.root / "templates" / "unused.md.j2").write_text("x\n", encoding="utf-8")
    R.render(store.load(project), project)
    data = project.path("data") / "actors.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("name: Kofi Annan", "name: Kofi A. Annan", 1),
                    encoding="utf-8")
    R.render(store.load(project), project)
    assert held[0] == 0 and held[1] > 10
