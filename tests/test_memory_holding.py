"""What extraction's save and the caches hold at once: by structure, never by a memory figure.

A re-extract at 10,000 articles held data/ three times over (the preflight's
read kept through the extraction, the merge's read, the base's records and
text) and a cache file was packed whole, a copy per level of nesting.  These
tests pin the shapes that keep it down: equal strings read once, the
extraction's plain values used up rather than copied, cache files written a
piece at a time, a file's text read again only when the merge changes it.
"""

from __future__ import annotations

import gc
import shutil
import weakref

import pytest

from generator import cache, store
from generator.errors import DataError
from generator.models import RECORD_TYPES
from generator.store import loader, merge, save, validate, yamlio

from test_merge import data, edit, extraction, project  # noqa: F401  (the merge tests' small project)


def test_fast_load_reads_each_distinct_string_once():
    text = ("- id: p1\n  statement: The talks failed.\n  sources:\n  - text: The talks failed.\n"
            "- id: p2\n  statement: Other words.\n")
    table: dict = {}
    first = yamlio.fast_load(text, strings=table)
    assert first[0]["statement"] is first[0]["sources"][0]["text"]
    assert list(first[0])[0] is list(first[1])[0]  # the key "id" of both records
    again = yamlio.fast_load(text, strings=table)  # a second read through the same table shares too
    assert again[1]["statement"] is first[1]["statement"]
    assert again == first == yamlio.pyyaml.load(text, Loader=yamlio.Fast12Loader)


def test_rewrite_uses_the_extraction_up_instead_of_copying_it():
    theirs = {"positions": {"p": {"id": "p", "actor": "a", "sources": [{"article": "s1"}]}},
              "actors": {"a": {"id": "a", "affiliation": None}}}
    recs = {name: list(v.values()) for name, v in theirs.items()}
    out = merge.rewrite(theirs, {}, {})
    assert all(not v for v in theirs.values())  # taken out of the input
    assert out["positions"]["p"] is recs["positions"][0] and out["actors"]["a"] is recs["actors"][0]


def test_cache_files_are_written_one_item_at_a_time(tmp_path, monkeypatch):
    records = {f"r{i}": (b"x" * 1000, b"y" * 1000) for i in range(200)}
    value = [4, {"page": "entry"}, records, "key"]
    assert b"".join(cache.body_pieces(value)) == cache._packer().pack(value)  # the same bytes as whole
    sizes = [len(p) for p in cache.body_pieces(value)]
    assert max(sizes) < 2100  # one record's texts at most, never the whole map
    path = tmp_path / "c.msgpack"
    cache.keep(path, value)
    assert path.read_bytes() == cache.dumps(value) and cache.load_file(path) == value


def test_save_spends_the_briefing_only_when_asked(data):  # noqa: F811
    kept = extraction()
    store.save_extraction(project(data), kept)
    assert kept.positions and kept.actors
    before = {p.name: p.read_bytes() for p in sorted(data.rglob("*.yaml"))}
    spent = extraction()
    assert store.save_extraction(project(data), spent, spend=True) == "no changes"
    assert not any(spent.records(n) for n in ("sources", "actors", "timeline", "positions", "issues"))
    assert {p.name: p.read_bytes() for p in sorted(data.rglob("*.yaml"))} == before


def test_a_file_saved_during_the_merge_is_not_overwritten(data, monkeypatch):  # noqa: F811
    """The merge drops each file's text and reads it again only to change it: if an
    editor saved it in between, nothing is written and extract says to run again."""
    real = save.merge_one

    def merge_then_editor_saves(ours, *args):
        got = real(ours, *args)
        if ours.name == "actors":
            path = data / "actors.yaml"
            path.write_text(path.read_text(encoding="utf-8").replace("role: envoy", "role: special envoy"),
                            encoding="utf-8")
        return got

    monkeypatch.setattr(save, "merge_one", merge_then_editor_saves)
    edited = (data / "actors.yaml").read_text(encoding="utf-8")
    before = {p.name: p.read_bytes() for p in sorted(data.rglob("*.yaml"))}
    with pytest.raises(DataError, match="changed while `briefing extract` ran"):
        store.save_extraction(project(data), extraction(**{"kofi-annan": {"role": "UN envoy"},
                                                           "assad-ceasefire": {"stance": "supports"}}))
    assert (data / "actors.yaml").read_text(encoding="utf-8") == edited.replace("role: envoy", "role: special envoy")
    after = {p.name: p.read_bytes() for p in sorted(data.rglob("*.yaml")) if p.name != "actors.yaml"}
    assert after == {k: v for k, v in before.items() if k != "actors.yaml"}  # positions staged, never renamed in
    assert not list(data.rglob("*.tmp"))


def test_a_file_saved_between_the_plan_and_its_merge_is_not_overwritten(data, monkeypatch):  # noqa: F811
    """actors.yaml is read first for the alias map and deletions, then again at its
    turn: an editor's save in between stops the merge, nothing written."""
    real = save.merge_one

    def editor_saves_actors(ours, *args):
        if ours.name == "positions":
            path = data / "actors.yaml"
            path.write_text(path.read_text(encoding="utf-8").replace("role: envoy", "role: special envoy"),
                            encoding="utf-8")
        return real(ours, *args)

    monkeypatch.setattr(save, "merge_one", editor_saves_actors)
    before = {p.name: p.read_bytes() for p in sorted(data.rglob("*.yaml")) if p.name != "actors.yaml"}
    with pytest.raises(DataError, match="actors.yaml: changed while `briefing extract` ran"):
        store.save_extraction(project(data), extraction(**{"assad-ceasefire": {"stance": "supports"}}))
    assert {p.name: p.read_bytes() for p in sorted(data.rglob("*.yaml")) if p.name != "actors.yaml"} == before


def test_the_saves_read_holds_plain_values_sharing_the_extractions_strings(data, monkeypatch):  # noqa: F811
    """The save's read of data/ keeps no validated record per record of data/ (only the
    plain values, validated again as the merge reads them), no file's text once it is
    read, and the new extraction's strings rather than equal copies of its own."""
    seen: dict = {}
    real = save._read_one

    def kept(cfg, name, strings=None, valid=None):
        theirs = dict(strings or {})
        ours, base, aside = real(cfg, name, strings, valid)
        seen[name] = (ours, base, theirs)
        return ours, base, aside

    monkeypatch.setattr(save, "_read_one", kept)
    assert store.save_extraction(project(data), extraction(), spend=True) == "no changes"
    for name in ("sources", "actors", "timeline"):
        ours = seen[name][0]
        assert not isinstance(ours.records, list)  # no record object kept per record
        assert [r.id for r in ours.records] == list(ours.raw)  # made again, in order
        assert ours.text == ""  # set aside as soon as read
    ours, base, theirs = seen["sources"]
    title = ours.raw["a1"]["title"]
    assert title == "Envoy arrives" and theirs[title] is title  # the extraction's very string
    assert base.raw["a1"]["title"] is title


def test_the_save_holds_one_file_of_data_at_a_time(data, monkeypatch):  # noqa: F811
    """Each editor's file and its base are read, merged, staged and dropped before the
    next file is read: when any file is read, no other file's read is still alive
    (actors and sources are read once more first, for the alias map and the
    deletions, and dropped too).  Held whole, data/ and its base were the save's peak."""
    reads: list = []
    alive_at_read: list = []

    def watch(fn):
        def read(*args, **kwargs):
            gc.collect()
            alive_at_read.append(sorted(f.name for f in (r() for r in reads) if f is not None))
            got = fn(*args, **kwargs)
            reads.append(weakref.ref(got))
            return got
        return read

    monkeypatch.setattr(save.reader, "read_file", watch(save.reader.read_file))
    monkeypatch.setattr(save, "read_base", watch(save.read_base))
    edit_actor = data / "actors.yaml"
    edit_actor.write_text(edit_actor.read_text(encoding="utf-8").replace("role: envoy", "role: the envoy"),
                          encoding="utf-8")
    new = extraction(**{"kofi-annan": {"role": "UN envoy"}, "assad-ceasefire": {"stance": "supports"},
                        "2012-07-08-talks-fail": {"title": "Talks collapse"}})
    assert store.save_extraction(project(data), new, spend=True) == "2 updated, 1 kept as edited"
    assert len(alive_at_read) == 14  # actors and sources twice (plan, merge), the others once; base each time
    for i, alive in enumerate(alive_at_read):
        assert len(alive) <= 1, alive  # at most the editor's file whose base is being read
        if i % 2 == 0:
            assert alive == [], alive  # an editor's file: nothing of data/ alive


def test_the_merge_order_carries_ids_forward_only():
    """Each file is merged after every file that can point at it (merge.MERGE_ORDER):
    the only cross-file state of the merge is then the ids pointed at."""
    assert sorted(merge.MERGE_ORDER) == sorted(RECORD_TYPES)
    everything = {"affiliation": "x", "actors": ["x"], "anchor": "s", "actor": "x", "sources": [{"article": "s"}]}
    for i, name in enumerate(merge.MERGE_ORDER):
        targets = {target for _, target, _ in validate.references(name, everything)}
        assert targets <= set(merge.MERGE_ORDER[i:]), (name, targets)


def test_a_vanished_record_is_kept_by_a_later_files_reference_and_its_own(data):  # noqa: F811
    """A vanished source stays while an editor's actor cites it (sources is merged
    after actors), a vanished actor while another actor names it as affiliation (its
    own file); a vanished position, which nothing points at, goes."""
    edit_actor = data / "actors.yaml"
    edit_actor.write_text(edit_actor.read_text(encoding="utf-8") +
                          "- id: by-hand\n  name: By Hand\n  affiliation: assad\n"
                          "  sources:\n  - article: a2\n    sentence: 0\n", encoding="utf-8")
    gone = {"a2", "assad", "assad-ceasefire", "2012-07-08-talks-fail"}
    store.save_extraction(project(data), extraction(drop=gone))
    loaded = store.load(project(data))
    assert "a2" in [s.id for s in loaded.sources] and "assad" in [a.id for a in loaded.actors]
    assert "assad-ceasefire" not in [p.id for p in loaded.positions]
    assert store.check(project(data)) == []


def test_the_saves_read_of_a_plain_file_makes_no_string_of_its_text(data, monkeypatch):  # noqa: F811
    """A data file of plain lines and its base are parsed from their bytes: as a string
    the text took twice their size (two bytes a character once a curly quote is in it)
    and the parser a UTF-8 copy of it besides.  A file the merge changes is read again."""
    texts: list = []
    real = type(data).read_text

    def read_text(self, *args, **kwargs):
        texts.append(self.name)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(type(data), "read_text", read_text)
    assert store.save_extraction(project(data), extraction(), spend=True) == "no changes"
    assert texts == []
    assert store.save_extraction(project(data), extraction(**{"kofi-annan": {"role": "UN envoy"}})) == "1 updated"
    assert texts == []  # the changed file's text is decoded from its bytes, checked against the digest
    assert "role: UN envoy" in real(data / "actors.yaml", encoding="utf-8")


def test_a_loaded_file_keeps_its_records_and_references_only(data):  # noqa: F811
    """``load`` read every file's records, its plain values (strings of their own) and its
    text, all held at once: at 10,000 articles the values and text took as much as the
    records.  A cached read, fresh or served from the cache, keeps the records and the ids
    they point at; a dangling reference is still located by reading the file again."""
    cfg = project(data)
    for _ in range(2):  # the first read fills the cache, the second is served by it
        files = loader.read_all(cfg, cached=True)
        assert files["positions"].records and files["timeline"].records
        for f in files.values():
            assert not f.raw and not f.text
            assert set(f.refs) == f.ids == {r.id for r in f.records}
    fresh = loader.read_all(cfg)
    assert {n: f.refs for n, f in files.items()} == \
        {n: {rid: list(validate.references(n, rec)) for rid, rec in f.raw.items()} for n, f in fresh.items()}
    edit(data / "actors.yaml", "- id: kofi-annan\n", "- id: kofi-annan-2\n")  # the others served cached
    warm = store.check(cfg)
    shutil.rmtree(data.parent / ".briefing-cache")
    assert warm == store.check(cfg)
    assert any(p.file.endswith("timeline.yaml") and p.line and "'kofi-annan'" in p.message for p in warm)


def test_a_cached_read_shares_equal_strings_as_a_fresh_read_does(data):  # noqa: F811
    """The cache decoder made a new string for every occurrence of an id, a name, a date
    and a field name: at 10,000 articles a load served from the parsed cache held 660 MB
    where the same records sharing their strings hold 440 MB."""
    cfg = project(data)
    loader.read_all(cfg, cached=True)  # fills the cache
    files = loader.read_all(cfg, cached=True)  # served by it
    values, names = [], []
    for f in files.values():
        for rec in f.records:
            values += [v for v in rec.__dict__.values() if type(v) is str]
            values += [x for v in rec.__dict__.values() if type(v) is list for x in v if type(x) is str]
            names += list(rec.model_fields_set)
    assert len(values) > len(set(values)) and len(names) > len(set(names))  # there are repeats to share
    assert len({id(v) for v in values}) == len(set(values))
    assert len({id(n) for n in names}) == len(set(names))
    assert {n: f.records for n, f in files.items()} == \
        {n: f.records for n, f in loader.read_all(cfg).items()}  # the same records as a fresh read
