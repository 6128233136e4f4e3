"""Held-out 6: positions (actor, stance, target, sentence) on eight more PolNeAR train articles.

The gold in tests/gold/heldout6/ (seeded draw, see its README) was written by hand
before any extractor was run on these articles and is never edited.  Scored as
held-out 3, 4 and 5 (:func:`generator.evaluate.evaluate_positions`, relevance off)
once the rules being written now are frozen; until then only its form is checked, so
that no run prints its misses.
"""

from __future__ import annotations

from pathlib import Path

from generator.evaluate import load_positions_gold

REPO = Path(__file__).resolve().parent.parent
FOLDER = REPO / "tests" / "gold" / "heldout6"


def test_heldout6_gold_is_well_formed():
    gold = sorted(FOLDER.glob("*.yaml"))
    assert len(gold) == 8
    n = 0
    for g in gold:
        data = load_positions_gold(g)
        assert data["corpus"] == "polnear/train" and len(data["sources"]) == 1
        n += len(data["positions"])
    assert n == 46
