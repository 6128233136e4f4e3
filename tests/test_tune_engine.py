"""``scripts/tune_engine.py`` (how the key-events engine's weights generalise,
where a timeline's gold days stand), on articles and a gold timeline of our own."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from generator import tls
from generator.keyevents import WEIGHTS

from test_tls import ARTICLES

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import tune_engine  # noqa: E402

D = dt.date


def _gold(tmp_path: Path, *days: dt.date) -> Path:
    """A tilse-format gold timeline, one invented sentence a day."""
    path = tmp_path / "gold.txt"
    path.write_text("".join(f"{d.isoformat()}\nSomething happened in Varna.\n{'-' * 32}\n" for d in days),
                    encoding="utf-8")
    return path


def test_a_task_ranks_as_the_product_does(tmp_path):
    prepared = tls.prepare(ARTICLES)
    task = tune_engine.Task("varna", _gold(tmp_path, D(2013, 3, 3), D(2013, 3, 18)), prepared)
    assert (task.start, task.end, task.k) == (D(2013, 3, 3), D(2013, 3, 18), 2)
    product = [d for d, _ in tls.rank_dates(tls.candidates(prepared, task.start, task.end),
                                            task.start, task.end)]
    assert task.ranked(WEIGHTS) == product
    # 3 March and 12 March lead; 18 March, gold, is third
    assert task.top_share(WEIGHTS) == 0.5
    assert WEIGHTS in tune_engine.GRID and tune_engine.choose([task]) in tune_engine.GRID


def test_where_sorts_every_gold_day(tmp_path, capsys):
    prepared = tls.prepare(ARTICLES)
    # of the gold's 3, 6 and 20 March: 3 March is the best-referred day (returned),
    # 20 March is a publication day no sentence names, 6 March is neither
    task = tune_engine.Task("varna", _gold(tmp_path, D(2013, 3, 3), D(2013, 3, 6), D(2013, 3, 20)), prepared)
    tune_engine.where([task])
    row = capsys.readouterr().out.splitlines()[1].split()
    assert row[:2] == ["varna/gold", "3"]
    assert [int(x) for x in row[2:6]] == [1, 0, 1, 1]  # returned, below K, published only, neither
