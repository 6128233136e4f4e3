"""Held-out 5: positions (actor, stance, target, sentence) on eight more PolNeAR train articles.

The gold in tests/gold/heldout5/ (seeded draw, see its README) was written by hand
before any extractor was run on these articles and is never edited.
"""

from __future__ import annotations

from pathlib import Path

from generator.evaluate import load_positions_gold

REPO = Path(__file__).resolve().parent.parent
FOLDER = REPO / "tests" / "gold" / "heldout5"


def test_heldout5_gold_is_well_formed():
    gold = sorted(FOLDER.glob("*.yaml"))
    assert len(gold) == 8
    n = 0
    for g in gold:
        data = load_positions_gold(g)
        assert data["corpus"] == "polnear/train" and len(data["sources"]) == 1
        n += len(data["positions"])
    assert n == 33
