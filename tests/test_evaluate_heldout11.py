"""Held-out 11: positions (actor, stance, target, sentence) on eight more PolNeAR train articles.

The gold in tests/gold/heldout11/ (seeded draw, see its README) was written by hand
before any extractor was run on these articles and is never edited.  Scored as
held-out 3 to 10 (:func:`generator.evaluate.evaluate_positions`, relevance off).
Run with ``-s`` to see the table and the misses.
"""

from conftest import polnear_positions_batch

test_heldout11_positions_stay_above_measured_floors, test_heldout11_gold_is_well_formed = polnear_positions_batch(
    "heldout11", (0.0, 0.0), positions=51)  # floors set once the gold is scored
