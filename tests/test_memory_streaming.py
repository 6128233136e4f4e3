"""Extraction's memory-saving plumbing changes nothing but memory.

``briefing extract`` keeps each article's result as one pickled, compact
record, reduces them in streaming passes without the articles, and writes
``data/`` and ``data/.extracted/`` piece by piece into temp files.  These
tests pin the behaviour that must survive that: the same bytes whatever the
article order, the cache mix or the chunk size; provenance (article,
sentence, text) intact; the writer still all-or-nothing.  No memory figure is
asserted here (see README "Performance" and benchmarks/).

The fixture is a made-up harbour dispute written for these tests: one person
(Marta Ostrova) is named in more sentences than an actor may cite, across
several articles, so the reduce's "first 20 citations" rule is exercised.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator import fs
from generator.store import base, save, yamlio
from generator.cache import ArticleCache
from generator.cli import main
from generator.config import Config
from generator.extract import extract_briefing, map_articles, reduce_mapped
from generator.ingest import read_articles
from generator.models import RECORD_TYPES

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpora" / "t17-syria"


def _article(day: int, title: str, lines: list[str]) -> str:
    return (f"---\ntitle: {title}\noutlet: Harbour Post\npublished: 2022-03-{day:02d}\n---\n"
            + "\n\n".join(lines) + "\n")


ARTICLES = {
    "a-strike.md": _article(1, "Dock workers strike in Veldra", [
        "Dock workers in the port of Veldra began a strike on Monday over unpaid wages.",
        "Port director Marta Ostrova said the cranes had stopped at dawn.",
        "The Dockers Union leader, Pavel Kranz, said the strike would last until wages were paid.",
        *[f"Marta Ostrova said ship number {n} could not be unloaded." for n in range(1, 9)],
        "\"We will not move a single container until we are paid,\" Kranz told reporters.",
    ]),
    "b-talks.md": _article(3, "Talks on the Veldra strike", [
        "Marta Ostrova met union leaders on Wednesday to discuss the strike.",
        *[f"Marta Ostrova said berth {n} was closed to traffic." for n in range(1, 9)],
        "Pavel Kranz rejected the port's offer and called for a higher wage.",
        "The Transport Minister, Ilse Varga, said the government supports the talks.",
    ]),
    "c-deal.md": _article(5, "Strike ends at Veldra port", [
        "The strike at the port of Veldra ended on Friday after a wage deal.",
        *[f"Marta Ostrova said crane crew {n} returned to work." for n in range(1, 9)],
        "Pavel Kranz welcomed the deal and said workers would return on Saturday.",
        "Ilse Varga praised both sides for the deal.",
    ]),
    "d-aside.md": _article(7, "Ferry timetable changes", [
        "Ferries to the islands will run on a winter timetable from April.",
        "The port's ticket office will open at seven in the morning.",
    ]),
}


@pytest.fixture
def arts(tmp_path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _dicts(b) -> dict:
    return {n: [r.model_dump(mode="json") for r in b.records(n)] for n in RECORD_TYPES}


def _data(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "data").rglob("*.yaml"))}


def _extract_cli(root: Path, arts: Path) -> dict[str, bytes]:
    run = CliRunner().invoke(main, ["--root", str(root), "extract", "--articles", str(arts)])
    assert run.exit_code == 0, run.output
    return _data(root)


# ---------------------------------------------------------------------------
# the reduce: order-free, no articles needed, provenance intact


def test_briefing_is_the_same_whatever_the_article_order(arts):
    articles, problems = read_articles(arts)
    assert problems == []
    forward = extract_briefing(articles, Config(root=arts.parent))
    backward = extract_briefing(list(reversed(articles)), Config(root=arts.parent))
    assert _dicts(forward) == _dicts(backward)
    assert any(a.name == "Marta Ostrova" for a in forward.actors)


def test_reduce_needs_no_articles_and_keeps_provenance(arts):
    articles, _ = read_articles(arts)
    mapped = map_articles(articles, Config(root=arts.parent))
    texts = {(a.id, s.index): s.text for a in articles for s in a.sentences}
    del articles  # the reduce must work from the mapped results alone
    b = reduce_mapped(mapped)
    refs = [ref for name in ("actors", "timeline", "positions") for r in b.records(name) for ref in r.sources]
    assert refs, "the fixture yields facts with sources"
    for ref in refs:  # every citation is the exact sentence of its article
        assert texts[(ref.article, ref.sentence)] == ref.text
    assert {s.id for s in b.sources} == {"a-strike", "b-talks", "c-deal", "d-aside"}


def test_an_actor_cites_the_first_twenty_sentences_naming_it(arts):
    articles, _ = read_articles(arts)
    b = extract_briefing(articles, Config(root=arts.parent))
    ostrova = next(a for a in b.actors if a.name == "Marta Ostrova")
    naming = sorted((a.id, s.index) for a in articles for s in a.sentences if "Ostrova" in s.text)
    assert len(naming) > 20  # more than an actor may cite
    assert [(r.article, r.sentence) for r in ostrova.sources] == naming[:20]
    assert ostrova.sources[0].text == "Port director Marta Ostrova said the cranes had stopped at dawn."
    assert ostrova.mentions >= len(naming)


def test_a_position_statement_that_is_its_sentence_is_one_string(arts):
    b = extract_briefing(read_articles(arts)[0], Config(root=arts.parent))
    same = [p for p in b.positions if p.statement == p.sources[0].text]
    assert same, "the fixture has positions stated in a whole sentence"
    assert all(p.statement is p.sources[0].text for p in same)


def test_handing_freed_memory_back_is_never_an_error():
    from generator.runtime import release_freed_memory

    assert release_freed_memory() in (True, False)  # False: no glibc here


def test_cached_and_fresh_results_mix_to_the_same_briefing(arts, tmp_path):
    articles, _ = read_articles(arts)
    cold = _dicts(extract_briefing(articles, Config(root=tmp_path)))
    cache_dir = tmp_path / "cache"
    half = ArticleCache(cache_dir, fmt="msgpack")
    extract_briefing(articles[:2], Config(root=tmp_path), cache=half)  # caches two of four
    mixed = ArticleCache(cache_dir, fmt="msgpack")
    assert _dicts(extract_briefing(articles, Config(root=tmp_path), cache=mixed)) == cold
    assert mixed.hits == 2 and mixed.computed >= 1


def test_a_damaged_cache_entry_is_extracted_again(arts, tmp_path):
    articles, _ = read_articles(arts)
    cache_dir = tmp_path / "cache"
    first = ArticleCache(cache_dir, fmt="msgpack")
    cold = _dicts(extract_briefing(articles, Config(root=tmp_path), cache=first))
    entries = sorted(cache_dir.rglob("*.msgpack"))
    assert len(entries) == first.computed >= 3
    entries[0].write_bytes(entries[0].read_bytes()[:40])  # truncated: not a pickle any more
    again = ArticleCache(cache_dir, fmt="msgpack")
    assert _dicts(extract_briefing(articles, Config(root=tmp_path), cache=again)) == cold
    assert (again.computed, again.hits) == (1, first.computed - 1)



def test_an_entry_of_another_shape_or_a_planted_pickle_is_extracted_again(arts, tmp_path):
    """A well-formed cache file holding something other than a result (an
    older layout), or a pickle put in its place, is a miss, not a reduce error
    and never code run."""
    import pickle

    from generator import cache as cache_mod

    articles, _ = read_articles(arts)
    cache_dir = tmp_path / "cache"
    first = ArticleCache(cache_dir, fmt="msgpack")
    cold = _dicts(extract_briefing(articles, Config(root=tmp_path), cache=first))
    entries = sorted(cache_dir.rglob("*.msgpack"))
    entries[0].write_bytes(cache_mod.dumps(("not", "a result")))
    entries[1].write_bytes(pickle.dumps(cache_mod.loads(entries[1].read_bytes())))
    again = ArticleCache(cache_dir, fmt="msgpack")
    assert _dicts(extract_briefing(articles, Config(root=tmp_path), cache=again)) == cold
    assert (again.computed, again.hits) == (2, first.computed - 2)


# ---------------------------------------------------------------------------
# the writer: pieces join into exactly one dump's text


RECORDS = [
    {"id": "a", "name": "Assad's: no", "when": dt.date(2012, 7, 6), "n": 3, "x": 0.5},
    {"id": "b", "name": "yes", "aliases": ["on", "12:30", "null", "2012-07-06"]},
    {"id": "c", "name": "emoji \U0001F600 beyond the BMP"},  # not "ordinary": ruamel writes it
    {"id": "d", "sources": [{"article": "x", "sentence": 0, "text": "He said: \"it's over\" -- 'done'."}]},
    {"id": "e", "name": "line\nbreak", "score": 1e-05},
    {"id": "f", "name": "plain text, nothing special"},
]


@pytest.mark.parametrize("chunk", [1, 2, 4])
def test_fast_writer_pieces_join_to_one_dump(monkeypatch, chunk):
    whole = yamlio.fast_dump(RECORDS * 3)
    monkeypatch.setattr(yamlio, "CHUNK", chunk)
    assert yamlio.fast_dump(RECORDS * 3) == whole
    assert "".join(yamlio.fast_chunks(iter(RECORDS * 3))) == whole  # a generator works too
    assert yaml.safe_load(whole)[0]["name"] == "Assad's: no"
    assert yamlio.fast_dump([]) == "[]\n"


@pytest.mark.parametrize("chunk", [1, 2])
def test_merge_base_pieces_join_to_one_dump(arts, monkeypatch, chunk):
    articles, _ = read_articles(arts)
    b = extract_briefing(articles, Config(root=arts.parent))
    model = RECORD_TYPES["positions"]
    records = {r.id: r.model_dump(mode="python") for r in b.positions}
    assert len(records) > chunk  # more than one piece
    whole = base.dump_base(model, records)
    monkeypatch.setattr(yamlio, "CHUNK", chunk)
    assert base.dump_base(model, records) == whole
    assert len(yaml.safe_load(whole)) == len(records)
    assert base.dump_base(model, {}).endswith("[]\n")


def test_extract_writes_the_same_bytes_whatever_the_chunk_size(arts, tmp_path, monkeypatch):
    big = _extract_cli(tmp_path / "one", arts)
    monkeypatch.setattr(yamlio, "CHUNK", 1)
    small = _extract_cli(tmp_path / "many", arts)
    assert big == small
    assert set(big) == {f"data/{n}.yaml" for n in RECORD_TYPES} | {f"data/.extracted/{n}.yaml" for n in RECORD_TYPES}


def test_re_extracting_unchanged_articles_touches_no_file(arts, tmp_path):
    root = tmp_path / "proj"
    first = _extract_cli(root, arts)
    stamps = {p: p.stat().st_mtime_ns for p in (root / "data").rglob("*.yaml")}
    shutil.rmtree(root / ".briefing-cache")  # re-extracted for real, not served from the cache
    assert _extract_cli(root, arts) == first
    assert {p: p.stat().st_mtime_ns for p in (root / "data").rglob("*.yaml")} == stamps
    assert not list((root / "data").rglob("*.tmp"))


def test_a_piece_that_fails_midway_leaves_every_old_file(tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "sub" / "b.yaml"
    a.write_text("old a\n", encoding="utf-8")

    def pieces():
        yield "- id: x\n"
        raise ValueError("dump failed halfway")

    with pytest.raises(ValueError):
        fs.write_all({a: save.Stream(["# head\n"], None), b: save.Stream(pieces())})
    assert a.read_text(encoding="utf-8") == "old a\n"
    assert not b.exists()
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_streamed_file_with_the_same_text_is_not_replaced(tmp_path):
    a = tmp_path / "a.yaml"
    a.write_text("- id: x\n", encoding="utf-8")
    before = a.stat().st_mtime_ns, a.stat().st_ino
    assert fs.write_all({a: save.Stream(["- id", ": x\n"])}) == 0
    assert (a.stat().st_mtime_ns, a.stat().st_ino) == before
    assert fs.write_all({a: save.Stream(["- id: y\n"])}) == 1
    assert a.read_text(encoding="utf-8") == "- id: y\n"
    assert not list(tmp_path.glob(".*.tmp"))


# ---------------------------------------------------------------------------
# the real corpus (skipped when it is absent)


@pytest.mark.skipif(not (CORPUS / "articles.jsonl").exists(), reason="Syria corpus not available")
def test_corpus_extract_is_byte_identical_across_chunking_and_jobs(tmp_path, monkeypatch):
    lines = (CORPUS / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:40]
    arts = tmp_path / "articles"
    arts.mkdir()
    (arts / "syria.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    plain = _extract_cli(tmp_path / "plain", arts)
    monkeypatch.setattr(yamlio, "CHUNK", 7)
    chunked = _extract_cli(tmp_path / "chunked", arts)
    assert plain == chunked
    run = CliRunner().invoke(main, ["--root", str(tmp_path / "jobs"), "extract", "--jobs", "2",
                                    "--articles", str(arts)])
    assert run.exit_code == 0, run.output
    assert _data(tmp_path / "jobs") == plain
    assert len(yaml.safe_load(plain["data/sources.yaml"])) == 40
