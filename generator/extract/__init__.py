"""Extraction stages: articles -> actors, events, positions (one module per stage).

:func:`extract_briefing` runs, per article, a *pure* step
(:func:`extract_article`: tokenize once, actors, quotes, positions, events)
that returns plain records, then a deterministic reduce over articles sorted
by id (actors merged by alias, events by :mod:`.events`).  Because the reduce
never depends on the order results arrive in, ``cfg.jobs`` worker processes
give the same output as one.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Optional

from ..config import Config
from ..models import Actor, Article, Briefing, Event, Issue, Position, Source, SourceRef
from . import gazetteer as gz
from .actors import DocActors, Entity, extract_actors, slug
from .nlp import normalize, tokenize
from .positions import IssueMatcher, RawPosition, load_issues, position_id
from .quotes import Quote, extract_quotes

MAX_SOURCES = 20

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


@dataclass
class ArticleResult:
    """Everything one article yields, as plain picklable data.

    Kept for every article until the reduce ends (and pickled into the cache),
    so it holds no sentence texts: the reduce reads those from the articles.
    """

    article_id: str
    doc: DocActors
    quotes: list[Quote]
    positions: list[RawPosition]
    events: list[Event] = field(default_factory=list)
    event_keys: dict[str, str] = field(default_factory=dict)  # placeholder slug -> actor key
    dates: dict[int, str] = field(default_factory=dict)       # sentence -> own date


def extract_article(article: Article, issues: list[Issue], model: str = "") -> ArticleResult:
    """The per-article step: a pure function of the article (and lexicon)."""
    texts = [normalize(s.text) for s in article.sentences]
    words = tokenize(texts, model)
    doc = extract_actors(article.id, texts, words)
    quotes = extract_quotes(texts, doc)
    raw = extract_positions_for(texts, doc, quotes, issues)
    res = ArticleResult(article.id, doc, quotes, raw)
    if _dates is not None and article.published is not None:
        for p in raw:
            if p.sent not in res.dates:
                own = [t for t in _dates.tag(texts[p.sent], article.published)
                       if t.value and t.grain == "day" and t.resolution in ("explicit", "relative")]
                if own and own[0].value <= article.published.isoformat():
                    res.dates[p.sent] = own[0].value
    if _events is not None:
        keys = sorted(doc.entities)
        placeholder = {k: f"k{n}" for n, k in enumerate(keys)}
        sent_actors: dict[int, list[str]] = {}
        for m in doc.mentions:
            sent_actors.setdefault(article.sentences[m.sent].index, []).append(placeholder[m.key])
        res.events = _events.extract_events(article, sent_actors)
        res.event_keys = {v: k for k, v in placeholder.items()}
    return res


_MATCHERS: dict[tuple, IssueMatcher] = {}


def extract_positions_for(texts, doc, quotes, issues: list[Issue]) -> list[RawPosition]:
    from .positions import extract_positions

    key = tuple((i.id, tuple(i.keywords)) for i in issues)
    m = _MATCHERS.get(key)
    if m is None:
        m = _MATCHERS[key] = IssueMatcher(issues)
    return extract_positions(texts, doc, quotes, m)


def _run(args):
    return extract_article(*args)


def extract_briefing(articles: list[Article], cfg: Config, issues: Optional[list[Issue]] = None,
                     cache=None) -> Briefing:
    """Articles -> Briefing (every list sorted by id).

    *cache* (a :class:`generator.cache.ArticleCache`) serves the per-article
    step of unchanged articles; only new or changed ones are extracted.
    """
    issues = list(issues) if issues else load_issues()
    articles = sorted(articles, key=lambda a: a.id)
    verdicts = _relevance_of(articles, cfg)
    todo = [a for a in articles if verdicts[a.id][0]]
    jobs = max(1, int(getattr(cfg, "jobs", 1) or 1))
    args = [(a, issues, cfg.spacy_model) for a in todo]
    cached, args = cache.lookup(args) if cache is not None else ([], args)
    if jobs > 1 and len(args) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as ex:
            results = list(ex.map(_run, args, chunksize=max(1, len(args) // (jobs * 4))))
    else:
        results = [_run(x) for x in args]
    if cache is not None:
        cache.store(args, results)
    results = cached + results  # order-free: every reduce below sorts by article id
    by_id = {a.id: a for a in articles}
    actors, key_to_id = merge_actors(results, by_id)
    positions = _positions(results, by_id, key_to_id)
    timeline = _timeline(results, key_to_id)
    sources = [_source(a, verdicts[a.id]) for a in articles]
    return Briefing(
        sources=sorted(sources, key=lambda s: s.id),
        actors=sorted(actors, key=lambda a: a.id),
        timeline=sorted(timeline, key=lambda e: e.id),
        positions=sorted(positions, key=lambda p: p.id),
        issues=issues,
    )


def _relevance_of(articles: list[Article], cfg: Config) -> dict[str, tuple[bool, str]]:
    if _relevance is None:
        return {a.id: (True, "") for a in articles}
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


# ---------------------------------------------------------------------------
# merging actors across articles


def _global_key(key: str, orgs_map: dict[str, str], surnames: dict[str, str]) -> Optional[str]:
    if key.startswith("org:"):
        return orgs_map.get(key, key)
    if key.startswith("person::"):
        return surnames.get(key[len("person::"):], key)
    return key


def _org_map(org_keys: set[str]) -> dict[str, str]:
    """A shorter org name that is the word-suffix of exactly one longer one joins it."""
    names = sorted(k[4:] for k in org_keys)
    # Index every name under each of its word-suffixes once (linear), instead
    # of testing every pair of names (quadratic in the corpus's organizations).
    by_suffix: dict[str, list[str]] = {}
    for o in names:
        for j, ch in enumerate(o):
            if ch == " ":
                by_suffix.setdefault(o[j + 1:], []).append(o)
    out: dict[str, str] = {}
    for n in names:
        longer = by_suffix.get(n, [])
        if len(longer) == 1:
            out["org:" + n] = "org:" + longer[0]
    for k in list(out):  # chains
        seen = 0
        while out[k] in out and seen < 5:
            out[k] = out[out[k]]
            seen += 1
    return out


def merge_actors(results: list[ArticleResult], articles: dict[str, Article]) -> tuple[list[Actor], dict[tuple[str, str], str]]:
    """One actor per real-world actor; returns actors and (article, doc key) -> id."""
    results = sorted(results, key=lambda r: r.article_id)
    all_keys = {k for r in results for k in r.doc.entities}
    orgs_map = _org_map({k for k in all_keys if k.startswith("org:")})
    # surname -> the full-name person of that surname with most mentions
    full: dict[str, Counter] = {}
    for r in results:
        for k, e in r.doc.entities.items():
            if k.startswith("person:") and not k.startswith("person::"):
                full.setdefault(k.rsplit(":", 1)[1], Counter())[k] += e.mentions
    surnames = {s: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for s, c in full.items()}

    groups: dict[str, list[tuple[str, Entity]]] = {}
    for r in results:
        for k in sorted(r.doc.entities):
            groups.setdefault(_global_key(k, orgs_map, surnames), []).append((r.article_id, r.doc.entities[k]))

    key_to_gkey: dict[tuple[str, str], str] = {}
    for r in results:
        for k in r.doc.entities:
            key_to_gkey[(r.article_id, k)] = _global_key(k, orgs_map, surnames)

    built: dict[str, dict] = {}
    for gkey in sorted(groups):
        members = groups[gkey]
        mentions = sum(e.mentions for _, e in members)
        evidence = max(e.evidence for _, e in members)
        if gkey.startswith("person::") and evidence < 0.5:
            continue  # a lone capitalised word nobody named in full
        built[gkey] = _fold(gkey, members, articles)
        built[gkey]["mentions"] = mentions
        built[gkey]["evidence"] = evidence

    # regimes take their leader's affiliation
    for gkey, rec in built.items():
        if gkey.startswith("regime:") and not rec["affiliation"]:
            leader = surnames.get(gkey.split(":", 1)[1])
            if leader in built and built[leader]["affiliation"]:
                rec["affiliation"] = built[leader]["affiliation"]

    ids: dict[str, str] = {}
    used: set[str] = set()
    order = sorted(built, key=lambda g: (not g.startswith("state:"), g))
    for gkey in order:
        rec = built[gkey]
        base = gz.state_id(gkey[6:]) if gkey.startswith("state:") else slug(rec["name"])
        aid, n = base, 2
        while aid in used:
            aid = f"{base}-{n}"
            n += 1
        used.add(aid)
        ids[gkey] = aid
    # affiliations must name an actor: add states only seen as demonyms
    state_ids = {ids[g]: g for g in ids if g.startswith("state:")}
    extra: dict[str, Actor] = {}
    for gkey, rec in built.items():
        aff = rec["affiliation"]
        if aff and aff not in state_ids and aff not in extra:
            code = next((c for c in set(gz.DEMONYMS.values()) if gz.state_id(c) == aff), None)
            if code is None or aff in used:
                rec["affiliation"] = aff if aff in used else None
                continue
            extra[aff] = Actor(id=aff, name=gz.state_name(code), kind="state", mentions=0,
                               sources=rec["sources"][:MAX_SOURCES], confidence=0.5)
    actors = []
    for gkey in sorted(built):
        rec = built[gkey]
        conf = _confidence(rec, gkey)
        aff = rec["affiliation"]
        if aff == ids[gkey]:
            aff = None
        actors.append(Actor(
            id=ids[gkey], name=rec["name"], kind=rec["kind"], role=rec["role"], affiliation=aff,
            aliases=rec["aliases"], mentions=rec["mentions"], sources=rec["sources"], confidence=conf,
        ))
    actors.extend(extra.values())
    key_to_id = {k: ids[g] for k, g in key_to_gkey.items() if g in ids}
    return actors, key_to_id


def _fold(gkey: str, members: list[tuple[str, Entity]], articles: dict[str, Article]) -> dict:
    names: Counter = Counter()
    roles: Counter = Counter()
    affs: Counter = Counter()
    aliases: set[str] = set()
    refs: set[tuple[str, int]] = set()
    kinds: Counter = Counter()
    for aid, e in members:
        names.update(e.names)
        roles.update(e.roles)
        affs.update(e.affiliations)
        aliases.update(e.aliases)
        kinds[e.kind] += e.mentions
        for s in e.sentences:
            refs.add((aid, s))
    kind = sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    if kind == "person":
        full = [n for n in names if len(n.split()) > 1] or list(names)
        name = sorted(full, key=lambda n: (-names[n], len(n), n))[0]
    elif kind == "state":
        name = gz.state_name(gkey[6:])
    else:
        name = sorted(names, key=lambda n: (-names[n], -len(n), n))[0]
    role = sorted(roles, key=lambda r: (-roles[r], -len(r), r))[0] if roles else ""
    aff = sorted(affs, key=lambda a: (-affs[a], a))[0] if affs else None
    if kind == "state":
        aff = None
    sources = []
    for aid, s in sorted(refs)[:MAX_SOURCES]:
        sent = articles[aid].sentences[s]
        sources.append(SourceRef(article=aid, sentence=sent.index, text=sent.text))
    return {"name": name, "kind": kind, "role": role, "affiliation": aff,
            "aliases": sorted(a for a in aliases if a != name), "sources": sources}


def _confidence(rec: dict, gkey: str) -> float:
    base = rec["evidence"]
    bonus = 0.05 * min(rec["mentions"] - 1, 4)
    conf = base + bonus
    if rec["mentions"] <= 1:
        conf = min(conf, 0.6)
    return round(max(0.05, min(0.99, conf)), 2)


# ---------------------------------------------------------------------------
# positions and events


def _positions(results, articles, key_to_id) -> list[Position]:
    out: dict[str, Position] = {}
    for r in sorted(results, key=lambda r: r.article_id):
        art = articles[r.article_id]
        pub = art.published.isoformat() if art.published else None
        for p in r.positions:
            aid = key_to_id.get((r.article_id, p.actor))
            if aid is None:
                continue
            sent = art.sentences[p.sent]
            pid = position_id(aid, p.issue, r.article_id, sent.index, p.stance)
            if pid in out:
                continue
            out[pid] = Position(
                id=pid, actor=aid, issue=p.issue, stance=p.stance, statement=p.statement,
                quote=p.quote, date=r.dates.get(p.sent, pub),
                sources=[SourceRef(article=r.article_id, sentence=sent.index, text=sent.text)],
                confidence=p.confidence,
            )
    return list(out.values())


def _timeline(results, key_to_id) -> list[Event]:
    if _events is None:
        return []
    evs: list[Event] = []
    for r in sorted(results, key=lambda r: r.article_id):
        for ev in r.events:
            ids = sorted({key_to_id[(r.article_id, r.event_keys[a])] for a in ev.actors
                          if a in r.event_keys and (r.article_id, r.event_keys[a]) in key_to_id})
            evs.append(ev.model_copy(update={"actors": ids}))
    return _events.merge_events(evs)
