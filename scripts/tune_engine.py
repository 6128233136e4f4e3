"""How well the key-events engine's weights generalise, and where its timelines lose.

The engine (:mod:`generator.keyevents`) has four numbers: what a reference
counts when written the same day, the next day or before the day, and the
horizon near which hindsight is unknown.  They were chosen on the ten
Timeline17 dev timelines, so the engine's figures there are in-sample.  This
script scores the choice **leave-one-topic-out**: for each topic, the weights
of a grid that put the most gold days among the top K on the *other* topics'
timelines (ties: the shipped weights) rank the days of this topic's
timelines, and the summarizer (:func:`generator.tls.summarize_days`) picks the
sentences; tilse scores Date-F1 and alignment ROUGE-1 (news-tls protocol, MEAN
as ``t17_eval.py``: F of mean precision and mean recall).

``--where`` prints instead, for the shipped engine, where each timeline's
gold days stand: among the K days returned, named by some sentence but ranked
below K, only published on (no sentence names them), or neither (no article of the
period refers to or was published on them), and the days returned in their
place that lie next to a missed gold day (one day off).

Usage (from the project root):
  .venv/bin/python scripts/tune_engine.py [--corpora ../shared/corpora] [--where]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from generator import tls  # noqa: E402
from generator.keyevents import WEIGHTS, Weights, score_references  # noqa: E402
import eval_tls  # noqa: E402
from train_date_ranker import timelines  # noqa: E402

GRID = tuple(Weights(same_day=s, next_day=n, before=b, horizon_days=h)
             for s, n, b, h in itertools.product((0.0, 0.1, 0.3, 0.5), (0.1, 0.3, 0.5, 1.0),
                                                 (0.0, 0.1, 0.3), (0, 1, 2, 3)))
"""192 weight sets around the shipped ones (which are among them)."""


class Task:
    """One gold timeline: its days, K, window and references, computed once."""

    def __init__(self, topic: str, path: Path, prepared: tls.Prepared):
        self.topic, self.path, self.prepared = topic, path, prepared
        self.gold = set(eval_tls.read_gold(path).get_dates())
        self.start, self.end, self.k = min(self.gold), max(self.gold), len(self.gold)
        self.cands = tls.candidates(prepared, self.start, self.end)
        self.refs = list(tls._references(self.cands, self.start, self.end))
        self.horizon = max((c.published for c in self.cands if c.published is not None), default=None)

    def ranked(self, weights: Weights) -> list[dt.date]:
        """The window's days, best first, as :func:`generator.tls.rank_dates` orders them."""
        score = score_references(self.refs, self.horizon, weights)
        return [d for d, w in sorted(score.items(), key=lambda kv: (-kv[1], kv[0])) if w > 0]

    def top_share(self, weights: Weights) -> float:
        """Share of the gold days among the top K (no sentences chosen: fast)."""
        return len(set(self.ranked(weights)[:self.k]) & self.gold) / self.k

    def evaluate(self, weights: Weights) -> dict:
        """Date-F1 and AR-1 through the summarizer, with the days in this order."""
        def summarize(articles, k, n, start=None, end=None, prepared=None):
            return tls.summarize_days(prepared, self.ranked(weights), k, n, start, end)
        return eval_tls.evaluate(list(self.prepared.articles), self.path, self.prepared, summarize)


def choose(tasks: list[Task]) -> Weights:
    """The grid's weights with the most gold days in the top K over *tasks* (ties: the shipped)."""
    return max(GRID, key=lambda w: (np.mean([t.top_share(w) for t in tasks]), w == WEIGHTS))


def where(tasks: list[Task]) -> None:
    """Where each timeline's gold days stand with the shipped engine."""
    print(f"{'timeline':<40} {'K':>3} {'in K':>5} {'below K':>8} {'published only':>15} {'neither':>8}  one day off")
    totals = defaultdict(int)
    for t in tasks:
        ranked = t.ranked(WEIGHTS)
        top = set(ranked[:t.k])
        published = {c.published for c in t.cands if c.published is not None}
        named = {d for c in t.cands for d in c.days}
        missed = t.gold - top
        row = {"in K": len(t.gold & top), "below K": len(missed & named),
               "published only": len((missed - named) & published),
               "neither": len(missed - named - published)}
        off = sorted(f for f in top - t.gold if any(abs((f - m).days) == 1 for m in missed))
        for key, v in row.items():
            totals[key] += v
        totals["K"] += t.k
        totals["off"] += len(off)
        print(f"{t.topic + '/' + t.path.stem:<40} {t.k:>3} {row['in K']:>5} {row['below K']:>8} "
              f"{row['published only']:>15} {row['neither']:>8}  {len(off)}")
    print(f"{'all ten':<40} {totals['K']:>3} {totals['in K']:>5} {totals['below K']:>8} "
          f"{totals['published only']:>15} {totals['neither']:>8}  {totals['off']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--where", action="store_true", help="where the gold days stand, shipped engine")
    args = ap.parse_args(argv)
    by_topic = timelines(args.corpora)
    if not by_topic:
        print(f"no t17-*/timelines under {args.corpora}: pass --corpora DIR", file=sys.stderr)
        return 2
    tasks = []
    for topic, paths in by_topic.items():
        prepared = tls.prepare(eval_tls.load_t17(args.corpora / f"t17-{topic}"))
        tasks += [Task(topic, p, prepared) for p in paths]
    if args.where:
        where(tasks)
        return 0
    shipped = [t.evaluate(WEIGHTS) for t in tasks]
    held: list[dict] = [{}] * len(tasks)
    for topic in by_topic:
        w = choose([t for t in tasks if t.topic != topic])
        print(f"held out {topic}: same day {w.same_day}, next day {w.next_day}, before {w.before}, "
              f"horizon {w.horizon_days} (shipped: {WEIGHTS.same_day}, {WEIGHTS.next_day}, "
              f"{WEIGHTS.before}, {WEIGHTS.horizon_days})", flush=True)
        for i, t in enumerate(tasks):
            if t.topic == topic:
                held[i] = t.evaluate(w)
    best = choose(tasks)
    print(f"chosen on all five topics: same day {best.same_day}, next day {best.next_day}, "
          f"before {best.before}, horizon {best.horizon_days}")
    print(f"\n{'timeline':<40} {'K':>3} {'random':>6} | shipped F1   AR-1 | held-out F1   AR-1")
    for t, s, h in zip(tasks, shipped, held):
        print(f"{t.topic + '/' + t.path.stem:<40} {t.k:>3} {s['random']:>6.3f} | {s['date_f1']:>10.3f} "
              f"{s['r1']:>6.3f} | {h['date_f1']:>11.3f} {h['r1']:>6.3f}")
    rand = sum(r["random"] for r in shipped) / len(shipped)
    print(f"{'MEAN over ' + str(len(tasks)) + ' timelines':<40} {'':>3} {rand:>6.3f} | "
          f"{eval_tls.mean_f(shipped, 'd'):>10.3f} {eval_tls.mean_f(shipped, 'r1_pr'):>6.3f} | "
          f"{eval_tls.mean_f(held, 'd'):>11.3f} {eval_tls.mean_f(held, 'r1_pr'):>6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
