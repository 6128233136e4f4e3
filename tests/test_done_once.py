"""Each step done one way, once: a failing data file is parsed the fast way once
before the located read; one staged text write for the data store and for
``write_all``; one check of a cache file's header for every reader of it."""

from __future__ import annotations

import pytest

from generator import cache, fs, store
from generator.store import reader

from test_merge import data, edit, extraction, project  # noqa: F401  (the merge tests' small project)


def _count(monkeypatch, owner, name: str) -> list:
    calls: list = []
    real = getattr(owner, name)

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return calls


@pytest.mark.parametrize("lean", [True, False])
def test_a_failing_file_is_parsed_the_fast_way_once(tmp_path, monkeypatch, lean):
    """A file the fast read refuses (here: one id twice) goes to the located read at once."""
    path = tmp_path / "actors.yaml"
    path.write_text("- id: a\n  name: A\n- id: a\n  name: B\n", encoding="utf-8")
    fast = _count(monkeypatch, reader, "_fast_read")
    f = reader.read_file(path, "data/actors.yaml", "actors", lean=lean)
    assert len(fast) == 1
    assert [(p.line, "a" in p.message) for p in f.problems] == [(3, True)]


def test_a_file_with_a_tab_or_carriage_return_is_tried_once_on_its_text(tmp_path, monkeypatch):
    path = tmp_path / "actors.yaml"
    path.write_bytes(b"- id: a\r\n  name: A\r\n")
    fast = _count(monkeypatch, reader, "_fast_read")
    f = reader.read_file(path, "data/actors.yaml", "actors", lean=True)
    assert len(fast) == 1 and isinstance(fast[0][1], str) and f.ids == {"a"} and not f.problems


def test_the_store_and_write_all_stage_text_one_way(data, tmp_path, monkeypatch):  # noqa: F811
    """The save's data files and bases, and write_all's files, all go through
    Staging.stage_text (a text equal to the file is not written; permissions kept)."""
    staged = _count(monkeypatch, fs.Staging, "stage_text")
    store.save_extraction(project(data), extraction(**{"kofi-annan": {"role": "UN envoy"}}))
    assert sorted({p.name for _, p, _ in staged}) == ["actors.yaml"]
    assert len(staged) == 2  # the editor's file and its base
    staged.clear()
    (tmp_path / "same.txt").write_text("same", encoding="utf-8")
    assert fs.write_all({tmp_path / "same.txt": "same", tmp_path / "new.txt": iter(["a", "b"])}) == 1
    assert [p.name for _, p, _ in staged] == ["new.txt", "same.txt"]
    assert (tmp_path / "new.txt").read_text(encoding="utf-8") == "ab"


@pytest.mark.parametrize("top", [b"", b"briefing-cache\x00", b"other-magic\x00\x01" + bytes(40),
                                 b"briefing-cache\x00\x63" + bytes(40)], ids=["empty", "short", "magic", "version"])
def test_every_cache_reader_refuses_a_foreign_header_by_one_check(tmp_path, monkeypatch, top):
    path = tmp_path / "c.msgpack"
    path.write_bytes(top)
    with pytest.raises(ValueError, match="not a cache file of this version"):
        cache.loads(top)
    with pytest.raises(ValueError, match="not a cache file of this version"):
        cache.load_file(path)
    f = cache.ValueFile(path)
    with pytest.raises(ValueError, match="not a cache file of this version"):
        list(f.scan())
    f.close()
    checks = _count(monkeypatch, cache, "_head_digest")
    cache.keep(path, [1, "x"])
    assert cache.load_file(path) == [1, "x"] == cache.loads(path.read_bytes())
    f = cache.ValueFile(path)
    assert [v for _, v in f.scan()] == [[1, "x"]]
    f.close()
    assert len(checks) == 3


def test_both_cache_file_readers_refuse_a_damaged_or_cut_body_alike(tmp_path):
    path = tmp_path / "c.msgpack"
    cache.keep_each(path, lambda add: (add([1, "x"]), add({"k": (2, 3)}))[-1])
    f = cache.ValueFile(path)
    assert [v for _, v in f.scan()] == [[1, "x"], {"k": (2, 3)}]
    f.close()
    with pytest.raises(ValueError, match="damaged"):  # one value expected, two there
        cache.load_file(path)
    whole = path.read_bytes()
    for broken, why in ((whole[:-1] + bytes([whole[-1] ^ 1]), "damaged"), (whole[:-2], "damaged|not decodable")):
        path.write_bytes(broken)
        with pytest.raises(ValueError, match=why):
            cache.load_file(path)
        f = cache.ValueFile(path)
        with pytest.raises(ValueError, match=why):
            list(f.scan())
        f.close()


def test_the_save_validates_actors_and_sources_once(data, monkeypatch):  # noqa: F811
    """Both are read to plan the merge (alias map, deletions), dropped, and read again at
    their turn (held through the other files' merges, they doubled the save's peak): the
    second read of the very bytes the plan found valid validates no record again."""
    store.save_extraction(project(data), extraction())
    reads: list = []
    real = reader._fast_read

    def spy(f, text, model, strings=None, lean=False, checked=False):
        reads.append((f.name, checked))
        return real(f, text, model, strings, lean, checked)

    monkeypatch.setattr(reader, "_fast_read", spy)
    validated = _count(monkeypatch, reader.RECORD_TYPES["actors"], "model_validate")
    assert store.save_extraction(project(data), extraction(**{"kofi-annan": {"role": "UN envoy"}})) == "1 updated"
    assert sorted(reads) == [("actors", False), ("actors", True), ("issues", False), ("positions", False),
                             ("sources", False), ("sources", True), ("timeline", False)]
    once = len(validated)
    validated.clear()
    real_read = reader.read_file
    monkeypatch.setattr(reader, "read_file", lambda *a, valid=None, **k: real_read(*a, **k))  # trusting nothing
    store.save_extraction(project(data), extraction(**{"kofi-annan": {"role": "UN special envoy"}}))
    assert len(validated) - once == len(extraction().actors)  # one validation of each actor fewer
