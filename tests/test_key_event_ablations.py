"""``scripts/key_event_ablations.py`` (ranking rules measured and not shipped), on
articles and a gold timeline of our own."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from generator import tls

from test_tls import ARTICLES, article
from test_tune_engine import _gold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import key_event_ablations as ablations  # noqa: E402
import tune_engine  # noqa: E402

D = dt.date


def _task(tmp_path, articles, *gold):
    return tune_engine.Task("varna", _gold(tmp_path, *gold), tls.prepare(articles))


def test_every_variant_starts_from_the_shipped_ranking(tmp_path):
    task = _task(tmp_path, ARTICLES, D(2013, 3, 3), D(2013, 3, 18))
    product = [d for d, _ in tls.rank_dates(tls.candidates(task.prepared, task.start, task.end),
                                            task.start, task.end)]
    for name, (rank, grid) in ablations.VARIANTS.items():
        assert rank(task, grid[0]) == product, name
        # ties between settings go to the shipped one
        assert ablations._choose([task], rank, grid) in grid


def test_near_days_demotes_the_neighbour_of_a_chosen_day(tmp_path):
    arts = [article(f"n{i}", D(2013, 3, 10 + i),
                    f"Troops shelled Varna on 3 March, killing {40 + i} people, the governor said.",
                    f"The governor of Varna resigned on 4 March, {i + 2} officials said on the radio.",
                    f"Parliament met in Varna on 6 March to elect a governor, session {i}.")
            for i in range(3)]
    arts.append(article("n9", D(2013, 3, 14), "Parliament met in Varna on 6 March to elect the new governor."))
    task = _task(tmp_path, arts, D(2013, 3, 3), D(2013, 3, 14))
    assert ablations._near_days(task, 1.0)[:3] == [D(2013, 3, 6), D(2013, 3, 3), D(2013, 3, 4)]
    # with 4 March next to the chosen 3 March, its score is halved below 6 March's
    assert ablations._near_days(task, 0.5)[:2] == [D(2013, 3, 6), D(2013, 3, 3)]
    assert ablations._near_days(task, 0.5)[2] == D(2013, 3, 4)


def test_edges_put_the_window_bounds_first(tmp_path):
    arts = [article("p1", D(2013, 3, 10), "Troops shelled Varna on 5 March, killing 40 people, residents said.",
                    "The governor of Varna resigned on 10 March after the shelling of the port."),
            article("p2", D(2013, 3, 9), "Troops shelled Varna on 5 March, killing dozens in the harbour.",
                    "The siege of Varna began on 1 March, residents of the old town said.")]
    task = _task(tmp_path, arts, D(2013, 3, 1), D(2013, 3, 10))
    shipped = ablations._edges(task, "none")
    assert shipped[0] == D(2013, 3, 5) and D(2013, 3, 1) in shipped[1:] and D(2013, 3, 10) in shipped[1:]
    both = ablations._edges(task, "start+end")
    assert both[:2] == [D(2013, 3, 1), D(2013, 3, 10)]
    assert both[2:] == [d for d in shipped if d not in both[:2]]
    assert ablations._edges(task, "end")[:2] == [D(2013, 3, 10), D(2013, 3, 5)]
