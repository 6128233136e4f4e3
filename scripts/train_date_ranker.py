"""Score a learned date ranker leave-one-topic-out on the Timeline17 dev timelines.

One training row per (gold timeline, candidate day of its span): the day's
features (:data:`daterank.FEATURES`, from the articles of the span,
as ``briefing timeline --from/--to`` sees them) and whether the journalists'
timeline lists the day.  A logistic regression (scikit-learn, lbfgs,
deterministic) over standardized features learns the weights: pointwise
(gold day or not, as DATEWISE's), pairwise (a gold day above another day
of the same timeline), or anchored (pairwise, with every weight but the
reference-count engine's pulled to 0, so a strong penalty gives back the
engine).

**Leave-one-topic-out** is the held-out figure: for each topic, weights
trained on the other topics' timelines rank the days of this topic's
timelines; the summarizer (:func:`generator.tls.summarize_days`) then picks
the sentences and tilse scores Date-F1 and alignment ROUGE-1 (news-tls
protocol, MEAN as ``t17_eval.py``: F of mean precision and mean recall).
Printed beside the reference-count ranker in use (``daterank.COUNTS``, whose
weights were chosen on these same timelines, so in-sample) and random days.
``--in-sample`` adds weights trained on every topic, scored on the same
timelines (an upper bound, not a result).

Usage (from the project root):
  .venv/bin/python scripts/train_date_ranker.py [--corpora ../shared/corpora]
      [--objective pointwise|pairwise|anchored] [--C 1.0[,0.1,...]] [--features all|core] [--in-sample]
"""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from generator import tls  # noqa: E402
import daterank  # noqa: E402
import eval_tls  # noqa: E402

CORE = ("engine_score", "mentions", "mentions_before", "mentions_later", "articles",
        "articles_later", "published")
"""DATEWISE's counts (references before/after, articles, publications) and the engine's score."""


def timelines(corpora: Path) -> dict[str, list[Path]]:
    """topic -> its gold timelines (t17-* folders with a timelines/ folder)."""
    return {p.name[4:]: sorted((p / "timelines").glob("*.txt"))
            for p in sorted(corpora.glob("t17-*")) if (p / "timelines").is_dir()}


def rows_of(prepared: tls.Prepared, gold_path: Path):
    """Features and labels of one gold timeline's candidate days."""
    gold = set(eval_tls.read_gold(gold_path).get_dates())
    start, end = min(gold), max(gold)
    cands = tls.candidates(prepared, start, end)
    days, X = daterank.date_features(cands, start, end, prepared.articles)
    y = np.array([d in gold for d in days], dtype=int)
    return X, y, days, gold


def _pairs(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Differences gold - other day of one timeline, each gold day weighted
    equally across timelines (a timeline with few non-gold days says little)."""
    pos, neg = X[y == 1], X[y == 0]
    if not len(pos) or not len(neg):
        return np.zeros((0, X.shape[1]))
    return (pos[:, None, :] - neg[None, :, :]).reshape(-1, X.shape[1])


def train(data: list[tuple], about: str, objective: str = "pointwise",
          C: float = 1.0, features: tuple[str, ...] = daterank.FEATURES) -> daterank.DateRanker:
    """Logistic regression over *features* (the others get weight 0); *data*
    holds (X, y, ...) per timeline."""
    from sklearn.linear_model import LogisticRegression

    keep = np.array([f in features for f in daterank.FEATURES])
    X = np.vstack([row[0] for row in data])
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    if objective == "anchored":
        return _anchored(data, keep, mean, scale, 1.0 / C, about)
    if objective == "pointwise":
        y = np.concatenate([row[1] for row in data])
        model = LogisticRegression(C=C, max_iter=5000).fit(((X - mean) / scale)[:, keep], y)
        return daterank.DateRanker(_full(model.coef_[0], keep), float(model.intercept_[0]),
                                   tuple(mean), tuple(scale), about)
    D, W = _pair_rows(data, keep, mean, scale)
    D = np.vstack(D + [-d for d in D])
    W = np.concatenate(W + W)
    lab = np.concatenate([np.ones(len(D) // 2), np.zeros(len(D) // 2)])
    model = LogisticRegression(C=C, max_iter=5000, fit_intercept=False).fit(D, lab, sample_weight=W * len(W) / W.sum())
    return daterank.DateRanker(_full(model.coef_[0], keep), 0.0, tuple(mean), tuple(scale), about)


def _pair_rows(data, keep, mean, scale):
    D, W = [], []
    for row in data:
        d = _pairs(((row[0] - mean) / scale)[:, keep], row[1])
        if len(d):
            D.append(d)
            W.append(np.full(len(d), 1.0 / len(d)))  # every timeline one vote
    return D, W


def _anchored(data, keep, mean, scale, lam: float, about: str) -> daterank.DateRanker:
    """Pairwise logistic loss with an L2 penalty *lam* on every weight but
    the engine's: a large *lam* gives back the reference-count ranking, a
    small one lets the other features move it."""
    from scipy.optimize import minimize

    names = [f for f, k in zip(daterank.FEATURES, keep) if k]
    D, W = _pair_rows(data, keep, mean, scale)
    D, W = np.vstack(D), np.concatenate(W)
    W = W / W.sum()
    pen = np.array([0.0 if f == "engine_score" else 1.0 for f in names])

    def loss(w):
        m = D @ w
        grad = -(W / (1.0 + np.exp(m))) @ D + 2 * lam * pen * w
        return float(W @ np.logaddexp(0.0, -m) + lam * (pen * w * w).sum()), grad

    w0 = np.array([1.0 if f == "engine_score" else 0.0 for f in names])
    w = minimize(loss, w0, jac=True, method="L-BFGS-B").x
    return daterank.DateRanker(_full(w, keep), 0.0, tuple(mean), tuple(scale), about)


def rank_f1(ranker: daterank.DateRanker, rows) -> float:
    """Mean share of gold days among a ranker's top K days (no sentences chosen)."""
    out = []
    for X, y, days, gold in rows:
        top = [d for d, _ in ranker.rank(days, X)[:len(gold)]]
        out.append(len(set(top) & gold) / len(gold))
    return float(np.mean(out))


def _full(coef: np.ndarray, keep: np.ndarray) -> tuple[float, ...]:
    out = np.zeros(len(keep))
    out[keep] = coef
    return tuple(float(c) for c in out)


def _score(prepared, topic_paths, ranker):
    learned = functools.partial(daterank.summarize, ranker=ranker)
    return [eval_tls.evaluate(list(prepared[t].articles), p, prepared[t], learned) for t, p in topic_paths]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--objective", choices=("pointwise", "pairwise", "anchored"), default="pointwise")
    ap.add_argument("--C", default="1.0", help="inverse L2 strength (scikit-learn's C); several, comma-separated: "
                    "chosen for each held-out topic by an inner leave-one-topic-out on the other topics")
    ap.add_argument("--features", choices=("all", "core"), default="all")
    ap.add_argument("--in-sample", action="store_true", help="also score weights trained on every topic")
    args = ap.parse_args(argv)
    feats = daterank.FEATURES if args.features == "all" else CORE
    Cs = [float(c) for c in args.C.split(",")]
    fit = dict(objective=args.objective, features=feats)
    tls_by_topic = timelines(args.corpora)
    if not tls_by_topic:
        print(f"no t17-*/timelines under {args.corpora}: pass --corpora DIR", file=sys.stderr)
        return 2
    prepared, data = {}, {}
    for topic, paths in tls_by_topic.items():
        arts = eval_tls.load_t17(args.corpora / f"t17-{topic}")
        prepared[topic] = tls.prepare(arts)
        data[topic] = [rows_of(prepared[topic], p) for p in paths]
        print(f"{topic}: {len(arts)} articles, {len(paths)} timelines, "
              f"{sum(len(r[1]) for r in data[topic])} candidate days, "
              f"{sum(int(r[1].sum()) for r in data[topic])} gold", flush=True)
    topics = list(tls_by_topic)
    order = [(t, p) for t in topics for p in tls_by_topic[t]]
    counts = _score(prepared, order, daterank.COUNTS)
    held = []
    for topic in topics:
        inner = [t for t in topics if t != topic]
        C = max(Cs, key=lambda c: np.mean([
            rank_f1(train([r for u in inner if u != v for r in data[u]], "", C=c, **fit), data[v]) for v in inner
        ])) if len(Cs) > 1 else Cs[0]
        if len(Cs) > 1:
            print(f"  held out {topic}: C={C} chosen on {', '.join(inner)}")
        ranker = train([row for t in inner for row in data[t]], f"without {topic}", C=C, **fit)
        held += _score(prepared, [(t, p) for t, p in order if t == topic], ranker)
    cols = {"counts": counts, "held-out": held}
    if args.in_sample:
        cols["in-sample"] = _score(prepared, order, train([r for t in topics for r in data[t]], "all", C=Cs[0], **fit))
    print(f"\nranker: {args.objective} logistic regression, C={args.C}, {args.features} features")
    print(f"{'timeline':<40} {'K':>3} {'random':>6}" + "".join(f" | {c:>9} F1   AR-1" for c in cols))
    for i, (t, p) in enumerate(order):
        print(f"{t + '/' + p.stem:<40} {counts[i]['k']:>3} {counts[i]['random']:>6.3f}"
              + "".join(f" | {rows[i]['date_f1']:>12.3f} {rows[i]['r1']:>6.3f}" for rows in cols.values()))
    rand = sum(r["random"] for r in counts) / len(counts)
    print(f"{'MEAN over ' + str(len(order)) + ' timelines':<40} {'':>3} {rand:>6.3f}"
          + "".join(f" | {eval_tls.mean_f(rows, 'd'):>12.3f} {eval_tls.mean_f(rows, 'r1_pr'):>6.3f}"
                    for rows in cols.values()))
    for topic in topics:
        sel = [i for i, (t, _) in enumerate(order) if t == topic]
        print(f"  {topic:<8}" + "".join(
            f"  {c} Date-F1 {eval_tls.mean_f([rows[i] for i in sel], 'd'):.3f} "
            f"AR-1 {eval_tls.mean_f([rows[i] for i in sel], 'r1_pr'):.3f}" for c, rows in cols.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
