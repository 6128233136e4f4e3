"""What extraction's save and the caches hold at once: by structure, never by a memory figure.

A re-extract at 10,000 articles held data/ three times over (the preflight's
read kept through the extraction, the merge's read, the base's records and
text) and a cache file was packed whole, a copy per level of nesting.  These
tests pin the shapes that keep it down: equal strings read once, the
extraction's plain values used up rather than copied, cache files written a
piece at a time, a file's text read again only when the merge changes it.
"""

from __future__ import annotations

import pytest

from generator import cache, store
from generator.errors import DataError
from generator.store import merge, save, yamlio

from test_merge import data, extraction, project  # noqa: F401  (the merge tests' small project)


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
    real = save.merge_all

    def merge_then_editor_saves(*args):
        got = real(*args)
        path = data / "actors.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("role: envoy", "role: special envoy"),
                        encoding="utf-8")
        return got

    monkeypatch.setattr(save, "merge_all", merge_then_editor_saves)
    edited = (data / "actors.yaml").read_text(encoding="utf-8")
    with pytest.raises(DataError, match="changed while `briefing extract` ran"):
        store.save_extraction(project(data), extraction(**{"kofi-annan": {"role": "UN envoy"}}))
    assert (data / "actors.yaml").read_text(encoding="utf-8") == edited.replace("role: envoy", "role: special envoy")


def test_the_saves_read_holds_plain_values_sharing_the_extractions_strings(data, monkeypatch):  # noqa: F811
    """The save's read of data/ keeps no validated record per record of data/ (only the
    plain values, validated again as the merge reads them), no file's text once it is
    read, and the new extraction's strings rather than equal copies of its own."""
    seen = {}
    real = save._read_for_merge

    def kept(cfg, strings=None):
        theirs = dict(strings or {})
        ours, bases, aside = real(cfg, strings)
        seen.update(ours=ours, bases=bases, theirs=theirs)
        return ours, bases, aside

    monkeypatch.setattr(save, "_read_for_merge", kept)
    assert store.save_extraction(project(data), extraction(), spend=True) == "no changes"
    ours, theirs = seen["ours"], seen["theirs"]
    for name in ("sources", "actors", "timeline"):
        assert not isinstance(ours[name].records, list)  # no record object kept per record
        assert [r.id for r in ours[name].records] == list(ours[name].raw)  # made again, in order
        assert ours[name].text == ""  # set aside as soon as read
    title = ours["sources"].raw["a1"]["title"]
    assert title == "Envoy arrives" and theirs[title] is title  # the extraction's very string
    assert seen["bases"]["sources"].raw["a1"]["title"] is title
