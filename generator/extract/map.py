"""The map: each article's *pure* step, run in this process or in workers.

:func:`extract_article` parses an article's sentences once (the trained
pipeline) and runs actors, quotes, positions and events on the Docs; the
result is a compact :class:`ArticleResult` that the cache stores and the
reduce (:mod:`.reduce`) reads.  :func:`map_articles` asks relevance first,
serves unchanged articles from the cache and extracts the rest, in article-id
order, with ``cfg.jobs`` worker processes.
"""

from __future__ import annotations

import pickle
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterator, NamedTuple, Optional

from ..config import Config
from ..errors import BriefingError, ExtractError
from ..models import Article, Event, Issue, Source
from ..progress import track
from ..runtime import collector_paused, heap_frozen
from .actors import Entity, extract_actors
from .nlp import normalize, parse, words_of
from .positions import RawPosition, extract_positions, load_issues
from .quotes import extract_quotes, paragraph_starts

MAX_SOURCES = 20
"""Sentences an actor cites at most (per article here, overall in the reduce)."""

try:  # sibling stages owned by other modules; extraction runs without them
    from . import events as _events
except ImportError:  # pragma: no cover
    _events = None
try:
    from . import relevance as _relevance
except ImportError:  # pragma: no cover
    _relevance = None
try:
    from . import dates as _dates
except ImportError:  # pragma: no cover
    _dates = None


class Seen(NamedTuple):
    """One article's view of an actor, as the reduce reads it: plain tuples.

    :class:`actors.Entity` carries sets and Counters (several hundred bytes of
    container overhead each); a corpus-wide reduce keeps one of these per
    actor per article, so they are frozen into sorted tuples once the
    per-article step is done.
    """

    key: str
    kind: str
    mentions: int
    evidence: float
    names: tuple[tuple[str, int], ...]
    roles: tuple[tuple[str, int], ...]
    affiliations: tuple[tuple[str, int], ...]
    aliases: tuple[str, ...]
    sentences: tuple[int, ...]  # sorted, the first MAX_SOURCES only: the reduce cites no more


@dataclass
class ArticleResult:
    """Everything the reduce needs from one article, and nothing more.

    Kept (pickled) for every article until the reduce ends, and stored in the
    cache, so it is compact: actors as :class:`Seen` tuples, no mentions or
    quotes (used only inside the per-article step), and only the sentences
    the reduce may cite (``cited``: list position -> (Sentence.index, text)),
    so the reduce never needs the articles themselves.
    """

    article_id: str
    published: Optional[str]
    entities: tuple[Seen, ...]
    positions: list[RawPosition]
    events: list[Event] = field(default_factory=list)
    event_keys: dict[str, str] = field(default_factory=dict)  # placeholder slug -> actor key
    dates: dict[int, str] = field(default_factory=dict)       # sentence -> own date
    cited: dict[int, tuple[int, str]] = field(default_factory=dict)


def extract_article(article: Article, issues: list[Issue], model: str = "", positions: str = "rules") -> ArticleResult:
    """The per-article step: a pure function of the article (and lexicon).

    A headline the source gave (:meth:`Article.headline`) is parsed and read
    like any sentence -- its actors are named, its quote is a quote, it is the
    sentence before the lead for a pronoun -- but no position is taken from
    it.  A headline restates the lead in a few loaded words ("Obama Slams GOP
    on Economy"): a position there is the lead's counted twice in the matrix,
    or the desk's summary of a stance the story itself words with care, and
    a reader weighs a matrix cell as the actor's own stance.  Quotes and
    events keep it: a quote shows its words and sentence as they stand, and
    fills no cell; a headline's happening is one of the reports of it the
    timeline merges by day and content, as it merges wire copies.
    """
    texts = [normalize(s.text) for s in article.sentences]
    docs = parse(texts, model)
    words = [words_of(d) for d in docs]
    doc = extract_actors(article.id, texts, words, docs=docs)
    quotes = extract_quotes(texts, doc, docs, paragraph_starts(article.raw, ((s.start, s.end) for s in article.sentences)))
    headline = set(article.headline())
    raw = [p for p in extract_positions(docs, texts, doc, quotes, positions) if p.sent not in headline]
    dates = _position_dates(article, {p.sent for p in raw})
    events: list[Event] = []
    event_keys: dict[str, str] = {}
    if _events is not None:
        keys = sorted(doc.entities)
        placeholder = {k: f"k{n}" for n, k in enumerate(keys)}
        sent_actors: dict[int, list[str]] = {}
        for m in doc.mentions:
            sent_actors.setdefault(article.sentences[m.sent].index, []).append(placeholder[m.key])
        events = _events.extract_events(article, sent_actors, ids=False, docs=docs)  # the reduce gives ids
        event_keys = {v: k for k, v in placeholder.items()}
    seen = tuple(_seen(doc.entities[k]) for k in sorted(doc.entities))
    wanted = {s for e in seen for s in e.sentences} | {p.sent for p in raw}
    cited = {s: (article.sentences[s].index, article.sentences[s].text) for s in sorted(wanted)}
    published = article.published.isoformat() if article.published else None
    return ArticleResult(article.id, published, seen, raw, events, event_keys, dates, cited)


def _position_dates(article: Article, sents: set[int]) -> dict[int, str]:
    """Sentence -> the day it names for what it reports, for the sentences in *sents*.

    Dated as events are (:func:`.events.detect.scan_article`): each sentence's
    expressions are tagged after the date the sentences before it named
    (:func:`.dates.contexts`), so "the same day" and "a day later" count from
    that date, and a date only counts if it is a day the text names (explicit
    or relative, not the publication date by default) no later than publication.
    """
    dates: dict[int, str] = {}
    if _dates is None or article.published is None or not sents:
        return dates
    published, last = article.published, max(sents)
    texts = [s.text for s in article.sentences[:last + 1]]
    for i, (sent, context) in enumerate(zip(article.sentences, _dates.contexts(texts, published))):
        if i not in sents:
            continue
        own = [t for t in _dates.tag(sent.text, published, context)
               if t.value and t.grain == "day" and t.resolution in ("explicit", "relative")]
        if own and own[0].value <= published.isoformat():
            dates[i] = own[0].value
    return dates


def _seen(e: Entity) -> Seen:
    def pairs(c: Counter) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(c.items()))

    return Seen(e.key, e.kind, e.mentions, e.evidence, pairs(e.names), pairs(e.roles),
                pairs(e.affiliations), tuple(sorted(e.aliases)), tuple(sorted(e.sentences)[:MAX_SOURCES]))


def _run(args) -> bytes:
    """One article's result, pickled: a single bytes object per article is what
    the map keeps (a worker process returns it as is; the cache stores it).

    An unexpected failure is a defect of the extractor, not of the article, but
    the article is what reproduces it: the error names it (nothing has been
    written yet, so data/ stays as it was), and ``--debug`` shows the traceback.
    """
    try:
        return pack_result(extract_article(*args))
    except BriefingError:
        raise
    except Exception as exc:  # noqa: BLE001 -- any defect, reported with its article
        a = args[0]
        raise ExtractError(
            f"{a.path or a.id}: extraction failed on article {a.id!r} ({type(exc).__name__}: {exc}); "
            "data/ is unchanged. Rerun with --debug for the traceback and report it with this article; "
            "moving the article out of the input lets the others build.") from exc


def pack_result(r: ArticleResult) -> bytes:
    """*r* pickled in two layers: what every pass of the reduce reads (id,
    date, actors, cited sentences) and, pickled on its own inside, what only
    its last pass reads (positions, events, their keys and dates).

    The reduce walks the results three times (:func:`merge_actors` twice,
    then :func:`_positions_and_timeline`); events -- pydantic models -- and
    positions were 34 of the 48 ms each pass spent unpickling at 624
    articles, for the two passes that never look at them.  A truncated blob
    still fails to unpickle as a whole (the inner bytes sit inside the outer
    pickle).
    """
    inner = pickle.dumps((r.positions, r.events, r.event_keys, r.dates), protocol=pickle.HIGHEST_PROTOCOL)
    return pickle.dumps((r.article_id, r.published, r.entities, r.cited, inner), protocol=pickle.HIGHEST_PROTOCOL)


def unpack_result(blob: bytes, details: bool = True) -> ArticleResult:
    """:func:`pack_result` undone; *details* False leaves positions, events, event
    keys and dates empty (not unpickled)."""
    article_id, published, entities, cited, inner = pickle.loads(blob)
    if not details:
        return ArticleResult(article_id, published, entities, [], cited=cited)
    positions, events, event_keys, dates = pickle.loads(inner)
    return ArticleResult(article_id, published, entities, positions, events, event_keys, dates, cited)


@dataclass
class Mapped:
    """The map's output: all the reduce needs, without the articles.

    ``results`` holds (article id, pickled :class:`ArticleResult`) sorted by
    id; the reduce unpickles them one at a time, in passes, so the corpus's
    per-article results are never all alive as objects at once.
    """

    sources: list[Source]
    results: list[tuple[str, bytes]]
    issues: list[Issue]

    def each(self) -> Iterator[ArticleResult]:
        for _, blob in self.results:
            yield unpack_result(blob)

    def actors_only(self) -> Iterator[ArticleResult]:
        """:meth:`each` with only id, date, actors and cited sentences (the
        rest empty): what :func:`merge_actors` reads, unpickled faster."""
        for _, blob in self.results:
            yield unpack_result(blob, details=False)


@contextmanager
def _frozen_heap() -> Iterator[Callable[[tuple], bytes]]:
    """Keep the cyclic garbage collector off what was alive before a stage.

    The map and the reduce allocate millions of short-lived objects, so the
    collector runs its full (oldest-generation) pass over and over, and each
    pass walks every object alive: the caller's articles (several hundred
    thousand sentence objects at 10,000 articles), which the stage never
    frees (:func:`generator.runtime.heap_frozen`).

    Yields the per-article step to use: :func:`_run_settled`, or plain
    :func:`_run` when the caller's freeze is left alone.
    """
    with heap_frozen() as froze:
        yield _run_settled if froze else _run


def _run_settled(args) -> bytes:
    """:func:`_run` with the collector paused, then what the step left alive frozen.

    The per-article step makes no reference cycles (the collector found 0
    garbage in the 624- and 1,000-article maps), so collecting during it
    only walks the article's own words and candidates: paused.  Afterwards
    nothing temporary is left (reference counting freed it), only the
    bounded per-sentence caches (words, candidates, triggers, dates), which
    every full collection walked again (7 full passes cost 0.5 of 5.4 s CPU
    at 624 articles): frozen.  Frozen objects are still freed by reference
    counting when a cache drops them; the stage's unfreeze hands the rest
    back to the collector.  ``gc.freeze()`` is O(1) (it splices the
    generation lists).  Worker processes run this too.
    """
    with collector_paused(freeze=True):
        return _run(args)


def map_articles(articles: list[Article], cfg: Config, issues: Optional[list[Issue]] = None,
                 cache=None) -> Mapped:
    """Relevance, then the per-article step of every relevant article.

    Returns no reference to *articles*: a caller that drops its own list
    frees the articles' text before the reduce builds the briefing.
    """
    with _frozen_heap() as step:
        return _map(articles, cfg, issues, cache, step)


def _map(articles: list[Article], cfg: Config, issues: Optional[list[Issue]], cache,
         step: Callable[[tuple], bytes] = _run) -> Mapped:
    issues = list(issues) if issues else load_issues()
    articles = sorted(articles, key=lambda a: a.id)
    verdicts = _relevance_of(articles, cfg)
    sources = [_source(a, verdicts[a.id]) for a in articles]
    jobs = max(1, int(getattr(cfg, "jobs", 1) or 1))
    args = [(a, issues, cfg.spacy_model, getattr(cfg, "positions", "rules")) for a in articles if verdicts[a.id][0]]
    del articles
    cached, args = cache.lookup_blobs(args, pack_result) if cache is not None else ([], args)
    if jobs > 1 and len(args) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as ex:
            blobs = list(track(ex.map(_run_settled, args, chunksize=max(1, len(args) // (jobs * 4))),
                               len(args), "Extracting", "on-topic articles"))
    else:
        blobs = [step(x) for x in track(args, len(args), "Extracting", "on-topic articles")]
    if cache is not None:
        cache.store_blobs(args, blobs, unpack_result)
    fresh = [(item[0].id, blob) for item, blob in zip(args, blobs)]
    # order-free: the reduce reads results sorted by article id
    results = sorted(cached + fresh, key=lambda r: r[0])
    return Mapped(sorted(sources, key=lambda s: s.id), results, issues)


def _relevance_of(articles: list[Article], cfg: Config) -> dict[str, tuple[bool, str]]:
    if _relevance is None:
        return {a.id: (True, "") for a in articles}
    if not getattr(cfg, "relevance", True):
        return _relevance.keep_all(articles)
    topic = list(cfg.topic or [])
    if hasattr(_relevance, "assess_all"):
        return _relevance.assess_all(articles, topic or None)
    return {a.id: tuple(_relevance.assess(a)) for a in articles}


def _source(a: Article, verdict: tuple[bool, str]) -> Source:
    return Source(
        id=a.id, title=a.title, outlet=a.outlet,
        published=a.published.isoformat() if a.published else None,
        url=a.url, path=a.path, language=a.language or "en", hash=a.hash,
        sentences=len(a.sentences), relevant=bool(verdict[0]), relevance=verdict[1],
    )
