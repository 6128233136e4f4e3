"""The PolNeAR named-source scorer: which annotated sources name someone, and by what words."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.extract.model import load

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # benchmarks/ is not an installed package
from benchmarks.actors_eval import named_source, names_of, source_names  # noqa: E402


def _named(src: str):
    return named_source(load("")(src))


def test_a_source_names_someone_when_its_head_is_a_name():
    assert _named("Sen. Marco Rubio") == {"marco", "rubio"}
    assert _named("Jeff Weaver, Sanders\u2019 campaign manager") == {"jeff", "weaver", "sanders"}
    assert _named("Trump") == {"trump"}


def test_a_description_names_no_one_unless_a_campaign_speaks_for_its_person():
    assert _named("the Florida senator") is None
    assert _named("one Clinton aide") is None
    assert _named("the Clinton campaign") == {"clinton"}
    assert _named("Ryan\u2019s office") == {"ryan"}


def test_possessive_endings_are_cut_only_where_asked():
    assert source_names("Rubio's") == {"rubio's"}
    assert source_names("Rubio's", possessives=False) == {"rubio"}
    assert names_of(["Sanders\u2019"], possessives=False) == {"sanders"}


def test_distinct_name_precision_counts_a_name_once_whatever_its_forms():
    """"Donald Trump", "Trump" and "Trump's" are one name: one hit, not three; a
    name that shares no word with a source is one miss."""
    from benchmarks.actors_eval import distinct_precision
    from generator.models import Actor

    raw = [Actor(id=f"r{k}", name=n, kind="person") for k, n in enumerate(("Donald Trump", "Trump", "Trump's", "Jane Roe"))]
    merged = [Actor(id="t", name="Donald Trump", kind="person", aliases=["Trump"]),
              Actor(id="j", name="Jane Roe", kind="person"), Actor(id="o", name="Ohio", kind="state")]
    gold = {"a": [{"donald", "trump"}]}
    assert distinct_precision({"a": raw}, gold) == (0.5, 1, 2)
    assert distinct_precision({"a": merged}, gold) == (0.5, 1, 2)


def test_every_actors_heldout_batch_is_well_formed_and_draws_fresh_articles():
    """Each ``tests/gold/actors-heldout*/`` batch (found by name, as actors_eval finds
    it): every file is valid gold with one source that its articles file holds, and no
    article is scored in two batches (each batch was drawn from articles no gold used)."""
    import pytest

    from benchmarks.actors_eval import REPO, gold_sets
    from generator import ingest
    from generator.evaluate import load_gold

    batches = {k: v for k, v in gold_sets().items() if k.startswith("actors-heldout")}
    assert "actors-heldout8" in batches and len(batches["actors-heldout8"]) == 7
    seen: dict[str, str] = {}
    ids_of: dict[Path, set[str]] = {}
    for name, paths in batches.items():
        assert paths, name
        for p in paths:
            g = load_gold(p)
            assert len(g["sources"]) == 1 and isinstance(g.get("actors"), list), p
            src = (p.parent / g["articles"]).resolve()
            if not src.exists():
                pytest.skip(f"{src} not present (the shared corpora are optional)")
            if src not in ids_of:
                ids_of[src] = {a.id for a in ingest.read_articles(src)[0]}
            assert g["sources"][0] in ids_of[src], p
            assert seen.setdefault(g["sources"][0], name) == name, f"{p} scores an article of {seen[g['sources'][0]]}"
    assert REPO.joinpath("tests", "gold", "actors-heldout8", "README.md").exists()
