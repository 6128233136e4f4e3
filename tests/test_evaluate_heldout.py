"""Held-out evaluation: real extraction on articles the rules were never written against.

tests/gold/heldout/ holds six short articles (other outlets, styles, crises and
years than the in-sample gold in tests/gold/) whose gold was written and
committed before the extractor was first run on them.  The floors below are
what the extraction scored when this test was written, rounded down by about
0.05, so that a regression shows; they are NOT targets.  Do not tune
extraction rules against these articles: that would turn them into in-sample
scores.  The README "Extraction quality" section lists the same numbers.
Run with `-s` to see the score table and the misses.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import ingest
from conftest import assert_floors, evaluate_gold_file

REPO = Path(__file__).resolve().parent.parent
HELDOUT = REPO / "tests" / "gold" / "heldout"
GOLD_FILES = sorted(HELDOUT.glob("*.yaml"))

# micro-averaged over the held-out gold files: category -> (P, R) floors
FLOORS = {
    "actors": (0.85, 0.95),            # 0.88 / 0.98 after credit and org-name rules (was 0.76 / 0.95)
    "actor_attributes": (0.96, 0.96),  # 1.00 / 1.00 after job titles beat ranks, org heads (was 0.81)
    "aliases": (0.95, 0.70),           # 1.00 / 0.79 after declared acronyms/nicknames, group plurals (was 0.53);
                                       # 1.00 / 0.74 on the entity recognizer (capitals it tags as persons or
                                       # organisations, "signed for Kyiv", no longer stand in for their state)
    "non_actors": (0.96, 0.96),        # 1.00 / 1.00 after credit rules (was 0.87)
    "quotes": (0.95, 0.92),            # 1.00 / 0.95 after short partial quotes, group plurals (was 0.89 / 0.81)
    "positions": (0.73, 0.63),         # 0.78 / 0.68 from the parse (regex extractor: 0.71 / 0.51 with the trained pipeline)
    "events": (0.47, 0.42),            # 0.53 / 0.47
}


@pytest.fixture(scope="module")
def reports():
    return {g.stem: evaluate_gold_file(g) for g in GOLD_FILES}


def test_heldout_set_is_separate_and_complete():
    """Six held-out gold files, one per article, none shared with the in-sample gold."""
    arts, problems = ingest.read_articles(HELDOUT / "articles")
    assert not problems
    assert len(GOLD_FILES) >= 6
    assert {a.id for a in arts} == {g.stem for g in GOLD_FILES}
    in_sample, _ = ingest.read_articles(REPO / "tests" / "gold" / "articles")
    assert not {a.id for a in arts} & {a.id for a in in_sample}


def test_heldout_micro_average_stays_above_measured_floors(reports):
    assert_floors(reports, FLOORS, "held-out", misses=30)
