"""Which days of a period are key: per-day features and a linear date ranker.

DATEWISE (Ghalandari & Ifrim 2020, see the field guide) ranks a period's
days with a logistic regression over per-day counts, learned from
journalists' timelines.  This module computes those features from the dated
sentences of :mod:`generator.tls`, scores days with a linear model, and
hands the days it ranks first to :func:`generator.tls.summarize_days`.

The product ranks by :data:`COUNTS`, the hand-weighted reference score of
:mod:`generator.keyevents` alone (:func:`generator.tls.rank_dates`).
``train_date_ranker.py``, this module's only user, learns weights over all
:data:`FEATURES` from the Timeline17 dev timelines and scores them
leave-one-topic-out; held out, the learned ranker found fewer gold dates
than :data:`COUNTS` (guide: Quality > Dates), so none is shipped and this
module lives beside the script, outside the ``generator`` package.

Per day of the period, from the sentences that refer to it (day grain) and
the articles published in the period: the hand-weighted reference score,
references by when they were written (before the day, the same day, the
next day, two or more days later, a week or more later), distinct articles,
references in an article's first three sentences, written out with the
month, only as a reference point ("since ..."), from on-topic articles, in
photo captions, undated reports of the publication day, and the articles
published on the day and the day after.  Each count ``x`` becomes
``log(1 + x) / max over the period's days``, so a big corpus and a small
one speak the same scale.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping, Optional, Sequence

import numpy as np

from generator import tls
from generator.models import Article

__all__ = ["FEATURES", "Mention", "DateRanker", "day_features", "COUNTS", "date_features", "summarize"]

FEATURES: tuple[str, ...] = (
    "engine_score",        # keyevents' hindsight-weighted reference count
    "mentions",            # sentences referring to the day
    "mentions_before",     # ... written before the day (plans, forecasts)
    "mentions_same_day",   # ... written on the day
    "mentions_next_day",   # ... written the day after
    "mentions_later",      # ... written two or more days later
    "mentions_week_later",  # ... written seven or more days later
    "articles",            # distinct articles referring to the day
    "articles_later",      # ... published two or more days later
    "lead_mentions",       # references in an article's first three sentences
    "explicit_mentions",   # written with the month ("3 March", not "on Sunday")
    "anchor_mentions",     # only a reference point ("since the 3 March shelling")
    "on_topic_mentions",   # from articles about the corpus' subject
    "caption_mentions",    # photo captions (the day a picture was taken)
    "same_day_reports",    # undated reports of their publication day
    "published",           # articles published on the day
    "published_next_day",  # articles published the day after
)

LEAD_SENTENCES = 3


@dataclass(frozen=True)
class Mention:
    """One sentence referring to one day (or, with ``report``, an undated
    report of its publication day)."""

    day: dt.date
    published: Optional[dt.date]
    article: str
    sentence: int
    explicit: bool = False
    anchor: bool = False
    caption: bool = False
    on_topic: bool = True
    report: bool = False


def _counts(mentions: Iterable[Mention], published: Mapping[dt.date, int],
            engine: Mapping[dt.date, float]) -> dict[dt.date, dict[str, float]]:
    stats: dict[dt.date, dict[str, float]] = defaultdict(lambda: dict.fromkeys(FEATURES, 0.0))
    arts: dict[dt.date, set] = defaultdict(set)
    arts_later: dict[dt.date, set] = defaultdict(set)
    for m in mentions:
        s = stats[m.day]
        if m.report:
            s["same_day_reports"] += 1
            continue
        gap = None if m.published is None else (m.published - m.day).days
        s["mentions"] += 1
        if gap is not None:
            key = ("mentions_before" if gap < 0 else "mentions_same_day" if gap == 0
                   else "mentions_next_day" if gap == 1 else "mentions_later")
            s[key] += 1
            if gap >= 7:
                s["mentions_week_later"] += 1
            if gap >= 2:
                arts_later[m.day].add(m.article)
        arts[m.day].add(m.article)
        s["lead_mentions"] += m.sentence < LEAD_SENTENCES
        s["explicit_mentions"] += m.explicit
        s["anchor_mentions"] += m.anchor
        s["on_topic_mentions"] += m.on_topic
        s["caption_mentions"] += m.caption
    for day, n in published.items():
        stats[day]["published"] += n
        stats[day - dt.timedelta(days=1)]["published_next_day"] += n
    for day, w in engine.items():
        stats[day]["engine_score"] = max(0.0, w)
    for day, a in arts.items():
        stats[day]["articles"] = len(a)
    for day, a in arts_later.items():
        stats[day]["articles_later"] = len(a)
    return stats


def day_features(mentions: Iterable[Mention], published: Mapping[dt.date, int],
                 engine: Mapping[dt.date, float],
                 start: Optional[dt.date] = None, end: Optional[dt.date] = None
                 ) -> tuple[list[dt.date], np.ndarray]:
    """The candidate days (referred to or published on, inside *start*..*end*)
    and their feature matrix, one row per day, columns as :data:`FEATURES`,
    each column ``log(1 + x)`` scaled to a maximum of 1 over the days."""
    stats = _counts(mentions, published, engine)
    days = sorted(d for d, s in stats.items()
                  if (start is None or d >= start) and (end is None or d <= end)
                  and (s["mentions"] or s["same_day_reports"] or s["published"]))
    X = np.array([[math.log1p(stats[d][f]) for f in FEATURES] for d in days], dtype=float)
    if not days:
        return days, np.zeros((0, len(FEATURES)))
    top = X.max(axis=0)
    X = np.divide(X, top, out=np.zeros_like(X), where=top > 0)
    return days, X


@dataclass(frozen=True)
class DateRanker:
    """A linear model over standardized :data:`FEATURES`: score = ((x - mean) / scale) . coef + intercept."""

    coef: tuple[float, ...]
    intercept: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    about: str = ""

    @classmethod
    def counts(cls) -> "DateRanker":
        """Rank by the hand-weighted reference score alone (:mod:`generator.keyevents`)."""
        z = tuple(0.0 for _ in FEATURES)
        one = tuple(1.0 if f == "engine_score" else 0.0 for f in FEATURES)
        return cls(one, 0.0, z, tuple(1.0 for _ in FEATURES), "reference counts")

    def score(self, X: np.ndarray) -> np.ndarray:
        if X.shape[0] == 0:
            return np.zeros(0)
        Z = (X - np.asarray(self.mean)) / np.asarray(self.scale)
        return Z @ np.asarray(self.coef) + self.intercept

    def rank(self, days: Sequence[dt.date], X: np.ndarray) -> list[tuple[dt.date, float]]:
        """Days best first; ties go to the earlier day."""
        s = self.score(X)
        return sorted(((d, float(v)) for d, v in zip(days, s)), key=lambda kv: (-kv[1], kv[0]))


COUNTS = DateRanker.counts()
"""The hand-weighted reference count alone: the order :func:`generator.tls.rank_dates` gives."""


def date_features(cands: Sequence[tls._Candidate], start=None, end=None,
                  articles: Sequence[Article] = ()) -> tuple[list[dt.date], np.ndarray]:
    """The window's candidate days and their :data:`FEATURES` (what a ranker
    scores, and what ``train_date_ranker.py`` learns from); *articles* give
    the publication counts."""
    published: dict[dt.date, int] = defaultdict(int)
    for a in articles:
        if a.published is not None and (start is None or a.published >= start) \
                and (end is None or a.published <= end):
            published[a.published] += 1
    engine = dict(tls.rank_dates(cands, start, end))  # engine_score is clipped at 0 anyway
    return day_features(_mentions(cands), published, engine, start, end)


def _mentions(cands: Sequence[tls._Candidate]) -> Iterable[Mention]:
    for c in cands:
        for d, explicit, anchor in zip(c.days, c.explicit, c.anchor):
            yield Mention(d, c.published, c.article, c.sentence, explicit, anchor, c.caption, c.on_topic)
        if c.on_pub_day and c.published is not None:
            yield Mention(c.published, c.published, c.article, c.sentence, on_topic=c.on_topic, report=True)


def summarize(articles: Sequence[Article], k: int, n: int, ranker: DateRanker = COUNTS,
              start: Optional[dt.date] = None, end: Optional[dt.date] = None,
              prepared: Optional[tls.Prepared] = None) -> list[tuple[dt.date, list[tls.DatedSentence]]]:
    """:func:`generator.tls.summarize` with the days ordered by *ranker*
    (:data:`COUNTS`: the product's own timeline, unchanged)."""
    prepared = prepared or tls.prepare(articles)
    if ranker == COUNTS:
        return tls.summarize(list(articles), k, n, start, end, prepared)
    cands = tls.candidates(prepared, start, end)
    ranked = [d for d, _ in ranker.rank(*date_features(cands, start, end, prepared.articles))]
    return tls.summarize_days(prepared, ranked, k, n, start, end)
