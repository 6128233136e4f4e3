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
    cache: dict = {}
    for _ in range(2):  # second round: every record's text comes from the cache
        parts = [(rel, b"".join(c.encode("utf-8") if isinstance(c, str) else c for c in chunks).decode("utf-8"))
                 for rel, chunks in R.download_parts(briefing, view, cache)]
        assert dict(parts) == plain
        assert [rel for rel, _ in parts] == list(R.DOWNLOADS)


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


# -- the downloads' record texts: a file of their own ---------------------------


def _loaded_files(monkeypatch) -> list[str]:
    """Names of the cache files read from now on (the real reader still runs)."""
    from generator import cache

    names: list[str] = []
    real = cache.load_file

    def spy(path):
        names.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(cache, "load_file", spy)
    return names


def _values(value):
    """Every value inside *value* (containers and the project's records opened)."""
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


def test_page_cache_file_holds_no_download_texts(project):
    """The texts (~300 MB decoded at 10,000 articles) are in render-texts.msgpack,
    and render.msgpack, which every render reads, holds none of them."""
    from generator import cache

    b = store.load(project)
    R.render(b, project)
    folder = project.root / ".briefing-cache"
    assert not [v for v in _values(cache.load_file(folder / "render.msgpack")) if isinstance(v, bytes)]
    fmt, key, texts = cache.load_file(folder / "render-texts.msgpack")
    assert (fmt, key) == (pagecache.TEXTS_FORMAT, pagecache.code_digest())
    view = R.View(b, project)
    assert len(texts) == sum(len(b.records(n)) for n in R._RECORD_FILES) + len(view.events)
    yaml_text = (project.path("docs") / "downloads" / "briefing.yaml").read_bytes()
    assert all(y in yaml_text for y, _ in texts.values() if not y.startswith(b"- unique_id") and y[:2] == b"- ")


def test_unchanged_render_never_reads_the_download_texts(project, monkeypatch):
    R.render(store.load(project), project)
    loaded = _loaded_files(monkeypatch)
    assert R.render(store.load(project), project) == 0
    assert loaded == ["render.msgpack"]


def test_download_texts_are_read_after_the_pages_and_reused(project, tmp_path, monkeypatch):
    """An edit makes the downloads be written again: the texts are read once every
    page has rendered (never held while they render), and only the edited record is dumped."""
    R.render(store.load(project), project)
    (project.path("data") / "actors.yaml").write_text(
        (project.path("data") / "actors.yaml").read_text(encoding="utf-8").replace(
            "name: Kofi Annan", "name: Kofi A. Annan", 1), encoding="utf-8")
    order: list[str] = []
    real_stream, real_texts = R._render_stream, pagecache.load_texts
    monkeypatch.setattr(R, "_render_stream", lambda env, name, **kw: (order.append("page"),
                                                                      real_stream(env, name, **kw))[1])
    monkeypatch.setattr(pagecache, "load_texts", lambda *a: (order.append("texts"), real_texts(*a))[1])
    D = sys.modules["generator.render.downloads"]  # (the package's name ``downloads`` is its function)
    dumped = []
    real_dump = D.yaml.dump
    monkeypatch.setattr(D.yaml, "dump", lambda data, **kw: (dumped.append(data), real_dump(data, **kw))[1])
    R.render(store.load(project), project)
    assert order.count("texts") == 1 and order[-1] == "texts" and "page" in order
    records = [d[0] for d in dumped if isinstance(d, list)]
    assert len(records) == 1 and records[0]["name"] == "Kofi A. Annan"
    expected = R.pages(store.load(project), project)
    got = files(project.path("docs"))
    assert {rel: got[rel] for rel in expected} == {rel: t.encode("utf-8") for rel, t in expected.items()}


def test_download_texts_of_other_code_or_damaged_are_a_miss(tmp_path):
    path = tmp_path / "render-texts.msgpack"
    texts = {"fp1": (b"- id: a\n", b"    {}"), "tl:fp2": ("x".encode(), b"y")}
    pagecache.save_texts(path, "code-1", texts)
    assert pagecache.load_texts(path, "code-1") == texts
    assert pagecache.load_texts(path, "code-2") == {}  # texts made by other code: dumped afresh
    assert pagecache.load_texts(tmp_path / "missing", "code-1") == {}
    path.write_bytes(path.read_bytes()[:-3])
    assert pagecache.load_texts(path, "code-1") == {}
    pagecache.save_texts(path, "code-1", {"fp1": ("text, not bytes", b"")})
    assert pagecache.load_texts(path, "code-1") == {}
