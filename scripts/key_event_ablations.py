"""Changes to the key-events ranking that were measured and not shipped, each scored two ways.

Each variant re-orders the days the engine (:mod:`generator.keyevents`)
scores, by a rule with one setting; the first setting of each grid is the
shipped engine.  For every variant the script prints

- **in-sample**: the setting that puts the most gold days among the top K on
  all ten Timeline17 dev timelines, scored there (optimistic: chosen on the
  data it is scored on);
- **leave-one-topic-out**: for each topic, the setting chosen on the other
  topics' timelines (ties: the shipped one) ranks this topic's days;

both through the summarizer (:func:`generator.tls.summarize_days`), Date-F1
and alignment ROUGE-1 as ``t17_eval.py`` computes them, with haiti/bbc
apart: 11 gold days of a 12-day window, the timeline where random days
(0.917) beat the engine unless it is perfect.

Variants: ``span`` adds ``a * log(1 + days from the day to its last
reference)`` (how long the day is still talked of); ``near_days`` ranks days
greedily, multiplying a day's score by ``b`` once a neighbouring day is
taken (one event reported on two days); ``published`` adds ``b * log(1 +
articles published on the day)``; ``horizon`` changes how many of the newest
days count every reference fully; ``edges`` puts the window's first and/or
last day first (the bounds of a gold timeline are gold days by
construction, so this one measures the benchmark, not the engine).

Usage (from the project root, ~5 minutes):
  .venv/bin/python scripts/key_event_ablations.py [--corpora ../shared/corpora] [VARIANT ...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from generator import tls  # noqa: E402
from generator.keyevents import WEIGHTS, Weights, score_references  # noqa: E402
import eval_tls  # noqa: E402
from train_date_ranker import timelines  # noqa: E402
from tune_engine import Task  # noqa: E402

Ranker = Callable[[Task, object], list]


def _order(score: dict) -> list[dt.date]:
    return [d for d, w in sorted(score.items(), key=lambda kv: (-kv[1], kv[0])) if w > 0]


def _base(t: Task) -> dict:
    return score_references(t.refs, t.horizon, WEIGHTS)


def _span(t: Task, a: float) -> list[dt.date]:
    last: dict[dt.date, int] = defaultdict(int)
    for c in t.cands:
        for d in c.days:
            if c.published is not None:
                last[d] = max(last[d], (c.published - d).days)
    return _order({d: w + a * math.log1p(last[d]) for d, w in _base(t).items() if w > 0})


def _near_days(t: Task, b: float) -> list[dt.date]:
    left = {d: w for d, w in _base(t).items() if w > 0}
    out = []
    while left:
        day = min(left, key=lambda d: (-left[d], d))
        out.append(day)
        del left[day]
        for d in left:
            if abs((d - day).days) == 1:
                left[d] *= b
    return out


def _published(t: Task, b: float) -> list[dt.date]:
    counts: dict[dt.date, int] = defaultdict(int)
    for a in t.prepared.articles:
        if a.published is not None and t.start <= a.published <= t.end:
            counts[a.published] += 1
    score = defaultdict(float, {d: w for d, w in _base(t).items() if w > 0})
    for d, n in counts.items():
        score[d] += b * math.log1p(n)
    return _order(score)


def _horizon(t: Task, h: int) -> list[dt.date]:
    w = Weights(WEIGHTS.same_day, WEIGHTS.next_day, WEIGHTS.later, WEIGHTS.before, h)
    return _order(score_references(t.refs, t.horizon, w))


def _edges(t: Task, which: str) -> list[dt.date]:
    ranked = _order(_base(t))
    first = [d for d in ((t.start,) if "start" in which else ()) + ((t.end,) if "end" in which else ())
             if d in ranked]
    return first + [d for d in ranked if d not in first]


VARIANTS: dict[str, tuple[Ranker, Sequence]] = {
    "span": (_span, (0.0, 0.1, 0.3, 0.5, 1.0, 2.0)),
    "near_days": (_near_days, (1.0, 0.9, 0.7, 0.5, 0.3)),
    "published": (_published, (0.0, 0.1, 0.2, 0.5, 1.0)),
    "horizon": (_horizon, (WEIGHTS.horizon_days, 0, 1, 3)),
    "edges": (_edges, ("none", "start", "end", "start+end")),
}


def _top_share(t: Task, ranked: list[dt.date]) -> float:
    return len(set(ranked[:t.k]) & t.gold) / t.k


def _choose(tasks: list[Task], rank: Ranker, grid: Sequence):
    """The setting with the most gold days in the top K over *tasks* (ties: the shipped, first)."""
    return max(grid, key=lambda p: (np.mean([_top_share(t, rank(t, p)) for t in tasks]), p == grid[0]))


def _evaluate(t: Task, ranked: list[dt.date]) -> dict:
    def summarize(articles, k, n, start=None, end=None, prepared=None):
        return tls.summarize_days(prepared, ranked, k, n, start, end)
    return eval_tls.evaluate(list(t.prepared.articles), t.path, t.prepared, summarize)


def _line(name: str, setting: str, rows: list[dict], tasks: list[Task]) -> str:
    haiti = [r["date_f1"] for r, t in zip(rows, tasks) if t.topic == "haiti"]
    return (f"{name:<12} {setting:<40} {eval_tls.mean_f(rows, 'd'):>7.3f} {eval_tls.mean_f(rows, 'r1_pr'):>6.3f}"
            f"  haiti {haiti[0] if haiti else float('nan'):.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("variants", nargs="*", choices=[[], *VARIANTS], default=[])
    args = ap.parse_args(argv)
    by_topic = timelines(args.corpora)
    if not by_topic:
        print(f"no t17-*/timelines under {args.corpora}: pass --corpora DIR", file=sys.stderr)
        return 2
    tasks: list[Task] = []
    for topic, paths in by_topic.items():
        prepared = tls.prepare(eval_tls.load_t17(args.corpora / f"t17-{topic}"))
        tasks += [Task(topic, p, prepared) for p in paths]
    print(f"{'variant':<12} {'setting':<40} {'Date-F1':>7} {'AR-1':>6}")
    print(_line("shipped", "", [_evaluate(t, _order(_base(t))) for t in tasks], tasks), flush=True)
    for name in args.variants or VARIANTS:
        rank, grid = VARIANTS[name]
        best = _choose(tasks, rank, grid)
        print(_line(name, f"in-sample {best}", [_evaluate(t, rank(t, best)) for t in tasks], tasks))
        chosen = {topic: _choose([t for t in tasks if t.topic != topic], rank, grid) for topic in by_topic}
        rows = [_evaluate(t, rank(t, chosen[t.topic])) for t in tasks]
        picks = ",".join(str(chosen[topic]) for topic in by_topic)
        print(_line(name, f"held out ({picks})", rows, tasks), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
