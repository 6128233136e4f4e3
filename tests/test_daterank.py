"""Per-day features and linear date rankers (``scripts/daterank.py``, used by
``scripts/train_date_ranker.py`` only), on days and articles of our own."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from generator import tls

from test_tls import ARTICLES, article

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import daterank  # noqa: E402
from daterank import FEATURES, DateRanker, Mention  # noqa: E402

D = dt.date
col = {f: i for i, f in enumerate(FEATURES)}


def _m(day, published, aid="a", sentence=5, **kw):
    return Mention(day, published, aid, sentence, **kw)


MENTIONS = [
    _m(D(2013, 3, 3), D(2013, 3, 2), "plan"),             # written before the day
    _m(D(2013, 3, 3), D(2013, 3, 3), "same", 0),          # same day, in the lead
    _m(D(2013, 3, 3), D(2013, 3, 4), "next", explicit=True),
    _m(D(2013, 3, 3), D(2013, 3, 12), "late", 1, anchor=True),
    _m(D(2013, 3, 3), D(2013, 3, 12), "late", 7),         # same article again
    _m(D(2013, 3, 5), D(2013, 3, 6), "x", caption=True, on_topic=False),
    _m(D(2013, 3, 6), D(2013, 3, 6), "r", report=True),   # an undated report of its day
]
PUBLISHED = {D(2013, 3, 3): 2, D(2013, 3, 4): 5, D(2013, 3, 9): 1}


def _raw(days, X, day, name):
    """Undo the scaling: log1p(count) / column max."""
    return X[days.index(day), col[name]]


def test_counts_by_when_the_reference_was_written():
    stats = daterank._counts(MENTIONS, PUBLISHED, {D(2013, 3, 3): 2.5})
    s = stats[D(2013, 3, 3)]
    assert (s["mentions"], s["mentions_before"], s["mentions_same_day"], s["mentions_next_day"],
            s["mentions_later"], s["mentions_week_later"]) == (5, 1, 1, 1, 2, 2)
    assert (s["articles"], s["articles_later"]) == (4, 1)
    assert (s["lead_mentions"], s["explicit_mentions"], s["anchor_mentions"]) == (2, 1, 1)
    assert (s["published"], s["published_next_day"], s["engine_score"]) == (2, 5, 2.5)
    assert stats[D(2013, 3, 5)]["caption_mentions"] == 1 and stats[D(2013, 3, 5)]["on_topic_mentions"] == 0
    assert stats[D(2013, 3, 6)]["same_day_reports"] == 1 and stats[D(2013, 3, 6)]["mentions"] == 0


def test_features_are_scaled_per_period_and_days_stay_inside_it():
    days, X = daterank.day_features(MENTIONS, PUBLISHED, {D(2013, 3, 3): 2.5})
    # referred to, reported or published on; 2 March only gets a "next day" count, so it is no candidate
    assert days == [D(2013, 3, 3), D(2013, 3, 4), D(2013, 3, 5), D(2013, 3, 6), D(2013, 3, 9)]
    assert X.shape == (5, len(FEATURES)) and X.max() == pytest.approx(1.0) and X.min() >= 0.0
    assert _raw(days, X, D(2013, 3, 3), "mentions") == pytest.approx(1.0)
    assert _raw(days, X, D(2013, 3, 5), "mentions") == pytest.approx(np.log(2) / np.log(6))
    days, X = daterank.day_features(MENTIONS, PUBLISHED, {}, start=D(2013, 3, 4), end=D(2013, 3, 6))
    assert days == [D(2013, 3, 4), D(2013, 3, 5), D(2013, 3, 6)]
    assert daterank.day_features([], {}, {})[1].shape == (0, len(FEATURES))


def test_a_linear_ranker_orders_days_by_its_weights():
    days, X = daterank.day_features(MENTIONS, PUBLISHED, {D(2013, 3, 3): 2.5})
    by_published = DateRanker(tuple(1.0 if f == "published" else 0.0 for f in FEATURES), 0.0,
                              (0.0,) * len(FEATURES), (1.0,) * len(FEATURES))
    assert [d for d, _ in by_published.rank(days, X)][:3] == [D(2013, 3, 4), D(2013, 3, 3), D(2013, 3, 9)]
    # ties (no engine score) go to the earlier day
    assert [d for d, _ in daterank.COUNTS.rank(days, X)] == days


def test_the_default_ranker_is_the_reference_count_engine():
    cands = tls._candidates(ARTICLES, None, None)
    assert [d for d, _ in tls.rank_dates(cands)] == [d for d, _ in daterank.COUNTS.rank(
        *daterank.date_features(cands, articles=ARTICLES)) if d in dict(tls.rank_dates(cands))]
    assert daterank.summarize(ARTICLES, 3, 2) == tls.summarize(ARTICLES, 3, 2)
    days, X = daterank.date_features(cands, articles=ARTICLES)
    best = max(days, key=lambda d: X[days.index(d), col["engine_score"]])
    assert best == D(2013, 3, 3) == tls.rank_dates(cands)[0][0]


def test_a_learned_ranker_still_returns_k_dates_with_sentences():
    by_published = DateRanker(tuple(1.0 if f == "published" else 0.0 for f in FEATURES), 0.0,
                              (0.0,) * len(FEATURES), (1.0,) * len(FEATURES))
    for k in range(1, 6):
        timeline = daterank.summarize(ARTICLES, k=k, n=1, ranker=by_published)
        assert len(timeline) == k and all(ss for _, ss in timeline), k
    # the ranker changed the choice: a publication day outranks 12 March
    assert daterank.summarize(ARTICLES, k=2, n=1, ranker=by_published) != tls.summarize(ARTICLES, k=2, n=1)


def test_prepared_articles_give_the_same_timelines_for_every_window():
    more = ARTICLES + [article("b1", D(2013, 3, 27), "Ships returned to the port of Varna on 27 March.")]
    prepared = tls.prepare(more)
    for start, end in ((None, None), (D(2013, 3, 11), D(2013, 3, 22)), (D(2013, 3, 1), D(2013, 3, 31))):
        assert (tls.summarize(more, 3, 2, start, end, prepared=prepared)
                == tls.summarize(more, 3, 2, start, end))


def _trainer():
    spec = importlib.util.spec_from_file_location("train_date_ranker", ROOT / "scripts" / "train_date_ranker.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("objective", ["pointwise", "pairwise"])
def test_training_learns_the_feature_that_separates_gold_days(objective):
    rng = np.random.default_rng(0)
    data = []
    for _ in range(3):
        X = rng.random((40, len(FEATURES)))
        y = (X[:, col["articles_later"]] > 0.7).astype(int)
        data.append((X, y))
    ranker = _trainer().train(data, "synthetic", objective=objective)
    assert max(range(len(FEATURES)), key=lambda i: ranker.coef[i]) == col["articles_later"]
    core = _trainer().train(data, "synthetic", objective=objective, features=("mentions", "published"))
    assert all(c == 0.0 for f, c in zip(FEATURES, core.coef) if f not in ("mentions", "published"))
