"""Actors merged across articles: one actor per real-world actor.

Per-article actors (:class:`.map.Seen`) meet here: organisations by name (a
shorter name that is the word-suffix of exactly one longer one joins it),
persons by surname (a bare surname joins the full name of that surname named
most), and spellings that differ by a letter or two (Sergei/Sergey Lavrov,
Davutoglu/Davatoglu) by Jaro-Winkler similarity (:class:`People`; rapidfuzz,
C speed, compared only within a block of names sharing their first two letters).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Optional

from rapidfuzz.distance import JaroWinkler

from ..models import Actor, SourceRef
from . import gazetteer as gz
from .actors import slug
from .actors.names import person_key
from .map import MAX_SOURCES, ArticleResult, Seen


SURNAME_SPELLING = 0.93
"""Jaro-Winkler similarity from which two surnames of five letters or more are
one name spelt two ways (Davutoglu/Davatoglu 0.96; Clinton/Clayton 0.85)."""
FIRST_SPELLING = 0.93
"""The same for first names of four letters or more (Sergei/Sergey 0.933; Michael/Michelle 0.921)."""


class People:
    """Persons named in full across the corpus, folded over spelling variants.

    ``canon(key)`` is the full-name key a person key joins: the variant with
    most mentions among those whose surnames and first names are spelling
    variants of each other; ``surname(s)`` the full-name key a bare surname
    joins (the person of that surname, or a variant of it, named most).
    """

    def __init__(self, mentions: Counter) -> None:
        self.sur_of = _spelling_classes({k.rsplit(":", 1)[1]: n for k, n in mentions.items()}, SURNAME_SPELLING)
        by_sur: dict[str, list[tuple[str, str, int]]] = {}  # surname -> (key, first name, mentions)
        for k, n in mentions.items():
            _, first, sur = k.split(":", 2)
            by_sur.setdefault(self.sur_of.get(sur, sur), []).append((k, first, n))
        self.full: dict[str, str] = {}
        self.surnames: dict[str, str] = {}
        for sur, keys in by_sur.items():
            firsts: Counter = Counter()
            for _, first, n in keys:
                firsts[first] += n
            first_of = _spelling_classes(firsts, FIRST_SPELLING)
            totals: Counter = Counter()
            for k, first, n in keys:
                target = f"person:{first_of.get(first, first)}:{sur}"
                self.full[k] = target
                totals[target] += n
            self.surnames[sur] = _most(totals)

    def canon(self, key: str) -> str:
        return self.full.get(key, key)

    def surname(self, sur: str) -> Optional[str]:
        return self.surnames.get(self.sur_of.get(sur, sur))


def _most(counts: Counter) -> str:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _spelling_classes(counts: dict[str, int], cutoff: float, min_len: int = 5) -> dict[str, str]:
    """name -> the spelling of its class with most mentions, for names that
    have a variant (Jaro-Winkler >= *cutoff*, same first two letters)."""
    min_len = 4 if cutoff == FIRST_SPELLING else min_len
    blocks: dict[str, list[str]] = {}
    for name in sorted(counts):
        if len(name) >= min_len:
            blocks.setdefault(name[:2], []).append(name)
    out: dict[str, str] = {}
    for names in blocks.values():
        if len(names) < 2:
            continue
        parent = {n: n for n in names}

        def root(n: str) -> str:
            while parent[n] != n:
                n = parent[n]
            return n

        for a_i, a in enumerate(names):
            for b in names[a_i + 1:]:
                if abs(len(a) - len(b)) <= 2 and JaroWinkler.similarity(a, b) >= cutoff:
                    parent[root(b)] = root(a)
        classes: dict[str, list[str]] = {}
        for n in names:
            classes.setdefault(root(n), []).append(n)
        for members in classes.values():
            if len(members) > 1:
                best = sorted(members, key=lambda m: (-counts[m], m))[0]
                out.update((m, best) for m in members)
    return out


def _display_name(names: Counter) -> str:
    """The name a person's record shows: its most used name of two words or
    more, the shorter on a tie (as :meth:`_Fold.record` picks it)."""
    full = [n for n in names if len(n.split()) > 1] or list(names)
    return sorted(full, key=lambda n: (-names[n], len(n), n))[0]


def _person_rekey(names_of: dict[str, Counter]) -> dict[str, str]:
    """Full-name person key -> the key its own name gives, where they differ.

    An article's key is made from the first span that named the person, so a
    word the recognizer glued before the name ("Street Donald Trump",
    "Telling Jeb Bush") makes a key of its own while the names counted under
    it are "Donald Trump": the key of the name shown wins.  A name that is the
    word-suffix of exactly one longer shown name of the same surname
    ("Wasserman Schultz" of "Debbie Wasserman Schultz") joins that one."""
    shown: dict[str, str] = {}
    out: dict[str, str] = {}
    for key, names in names_of.items():
        name = _display_name(names)
        first, sur = person_key(name)
        target = f"person:{first}:{sur}" if first and sur and sur == key.rsplit(":", 1)[1] else key
        if target != key:
            out[key] = target
        shown.setdefault(target, name)
    by_suffix: dict[str, set[str]] = {}
    for key, name in shown.items():
        words = name.split()
        for j in range(1, len(words) - 1):
            by_suffix.setdefault(" ".join(words[j:]), set()).add(key)
    joins = {}
    for key, name in shown.items():
        longer = by_suffix.get(name, set()) - {key}
        if len(longer) == 1:
            joins[key] = next(iter(longer))
    for key in [*out, *joins]:
        target, seen = out.get(key, key), 0
        while target in joins and seen < 5:  # chains end (a cycle cannot: each step is longer)
            target, seen = joins[target], seen + 1
        if target != key:
            out[key] = target
    return out


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


@dataclass
class _Keys:
    """How a per-article actor key becomes the corpus-wide key of its actor.

    Built from the first pass over the corpus (every name seen), read in the
    second (the fold) and by the returned ``actor_id``, so the three maps that
    decide it travel together.
    """

    orgs_map: dict[str, str]
    people: People
    rekey: dict[str, str]

    def global_key(self, key: str) -> Optional[str]:
        """Orgs by longer name, bare surnames by the person named most, full names by spelling class."""
        if key.startswith("org:"):
            return self.orgs_map.get(key, key)
        if key.startswith("person::"):
            return self.people.surname(key[len("person::"):]) or key
        if key.startswith("person:"):
            return self.people.canon(self.rekey.get(key, key))
        return key


def merge_actors(results: Callable[[], Iterable[ArticleResult]]) -> tuple[list[Actor], Callable[[str], Optional[str]]]:
    """One actor per real-world actor; returns actors and doc key -> actor id.

    *results* gives a fresh pass over the per-article results, sorted by
    article id; it is walked twice (names first, then the fold), so no
    corpus-wide list of per-article actors is ever held.
    """
    keys = _corpus_keys(results)
    built = _records(_fold_corpus(results, keys))  # the folds are freed once their records exist
    _leaders_affiliation(built, keys.people)
    ids, used = _actor_ids(built)
    extra = _demonym_states(built, ids, used)
    actors = [*_actors(built, ids), *extra.values()]

    def actor_id(key: str) -> Optional[str]:
        """The actor a per-article key ended up in (None: dropped)."""
        return ids.get(keys.global_key(key))

    return actors, actor_id


def _corpus_keys(results: Callable[[], Iterable[ArticleResult]]) -> _Keys:
    """First pass: every org key and every full name, so that short org names,
    glued names and spelling variants can be folded before any actor is built."""
    org_keys: set[str] = set()
    names_of: dict[str, Counter] = {}  # full-name person key -> its names and their counts
    for r in results():
        for e in r.entities:
            if e.key.startswith("org:"):
                org_keys.add(e.key)
            elif e.key.startswith("person:") and not e.key.startswith("person::"):
                names = names_of.setdefault(e.key, Counter())
                for n, k in e.names:
                    names[n] += k
                names[""] += e.mentions  # the mentions, kept apart from the names
    full: Counter = Counter()  # full-name person key (its name's) -> mentions
    rekey = _person_rekey({k: Counter({n: c for n, c in v.items() if n}) for k, v in names_of.items()})
    for k, v in names_of.items():
        full[rekey.get(k, k)] += v[""]
    return _Keys(orgs_map=_org_map(org_keys), people=People(full), rekey=rekey)


def _fold_corpus(results: Callable[[], Iterable[ArticleResult]], keys: _Keys) -> dict[str, _Fold]:
    """Second pass: sum each actor's evidence over the articles, citing each
    article's sentences once per actor however many of its keys joined it."""
    folds: dict[str, _Fold] = {}
    for r in results():
        cited: dict[str, set[int]] = {}
        for e in r.entities:
            gkey = keys.global_key(e.key)
            fold = folds.get(gkey)
            if fold is None:
                fold = folds[gkey] = _Fold()
            fold.add(e)
            cited.setdefault(gkey, set()).update(e.sentences)
        for gkey, sents in cited.items():
            folds[gkey].cite(r, sents)
    return folds


def _records(folds: dict[str, _Fold]) -> dict[str, dict]:
    """Corpus key -> the actor's record, in key order, dropping a lone
    capitalised word nobody named in full (too little evidence to be an actor)."""
    built: dict[str, dict] = {}
    for gkey in sorted(folds):
        fold = folds[gkey]
        if gkey.startswith("person::") and fold.evidence < 0.5:
            continue
        built[gkey] = fold.record(gkey)
        built[gkey]["mentions"] = fold.mentions
        built[gkey]["evidence"] = fold.evidence
    return built


def _leaders_affiliation(built: dict[str, dict], people: People) -> None:
    """A regime ("the Assad regime") takes its leader's affiliation when it has none."""
    for gkey, rec in built.items():
        if gkey.startswith("regime:") and not rec["affiliation"]:
            leader = people.surname(gkey.split(":", 1)[1])
            if leader in built and built[leader]["affiliation"]:
                rec["affiliation"] = built[leader]["affiliation"]


def _actor_ids(built: dict[str, dict]) -> tuple[dict[str, str], set[str]]:
    """Corpus key -> a unique actor id, and the ids used.  States go first so
    they keep their plain ids; a clash takes the next free ``-2``, ``-3``."""
    ids: dict[str, str] = {}
    used: set[str] = set()
    for gkey in sorted(built, key=lambda g: (not g.startswith("state:"), g)):
        base = gz.state_id(gkey[6:]) if gkey.startswith("state:") else slug(built[gkey]["name"])
        aid, n = base, 2
        while aid in used:
            aid = f"{base}-{n}"
            n += 1
        used.add(aid)
        ids[gkey] = aid
    return ids, used


def _demonym_states(built: dict[str, dict], ids: dict[str, str], used: set[str]) -> dict[str, Actor]:
    """Affiliations must name an actor: add the states only seen as demonyms
    ("Syrian"), and drop an affiliation that names neither such a state nor an actor."""
    state_ids = {ids[g]: g for g in ids if g.startswith("state:")}
    extra: dict[str, Actor] = {}
    for rec in built.values():
        aff = rec["affiliation"]
        if aff and aff not in state_ids and aff not in extra:
            code = next((c for c in set(gz.DEMONYMS.values()) if gz.state_id(c) == aff), None)
            if code is None or aff in used:
                rec["affiliation"] = aff if aff in used else None
                continue
            extra[aff] = Actor(id=aff, name=gz.state_name(code), kind="state", mentions=0,
                               sources=rec["sources"][:MAX_SOURCES], confidence=0.5)
    return extra


def _actors(built: dict[str, dict], ids: dict[str, str]) -> list[Actor]:
    """The records as actors, in key order; no actor is affiliated with itself."""
    actors = []
    for gkey in sorted(built):
        rec = built[gkey]
        aff = rec["affiliation"]
        if aff == ids[gkey]:
            aff = None
        actors.append(Actor(
            id=ids[gkey], name=rec["name"], kind=rec["kind"], role=rec["role"], affiliation=aff,
            aliases=rec["aliases"], mentions=rec["mentions"], sources=rec["sources"],
            confidence=_confidence(rec, gkey),
        ))
    return actors


class _Fold:
    """One actor's evidence summed over the articles that mention it."""

    __slots__ = ("names", "roles", "affs", "aliases", "kinds", "mentions", "evidence", "refs")

    def __init__(self) -> None:
        self.names: Counter = Counter()
        self.roles: Counter = Counter()
        self.affs: Counter = Counter()
        self.aliases: set[str] = set()
        self.kinds: Counter = Counter()
        self.mentions = 0
        self.evidence = float("-inf")
        self.refs: list[SourceRef] = []

    def add(self, e: Seen) -> None:
        for target, pairs in ((self.names, e.names), (self.roles, e.roles), (self.affs, e.affiliations)):
            for k, n in pairs:
                target[k] += n
        self.aliases.update(e.aliases)
        self.kinds[e.kind] += e.mentions
        self.mentions += e.mentions
        self.evidence = max(self.evidence, e.evidence)

    def cite(self, r: ArticleResult, sents: set[int]) -> None:
        """Keep the first MAX_SOURCES (article, sentence) pairs in sorted order:
        articles arrive sorted by id, so the first ones seen are the ones kept."""
        for s in sorted(sents)[:MAX_SOURCES - len(self.refs)]:
            index, text = r.cited[s]
            self.refs.append(SourceRef(article=r.article_id, sentence=index, text=text))

    def record(self, gkey: str) -> dict:
        names, roles, affs = self.names, self.roles, self.affs
        kind = sorted(self.kinds.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
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
        return {"name": name, "kind": kind, "role": role, "affiliation": aff,
                "aliases": sorted(a for a in self.aliases if a != name), "sources": list(self.refs)}


def _confidence(rec: dict, gkey: str) -> float:
    base = rec["evidence"]
    bonus = 0.05 * min(rec["mentions"] - 1, 4)
    conf = base + bonus
    if rec["mentions"] <= 1:
        conf = min(conf, 0.6)
    return round(max(0.05, min(0.99, conf)), 2)
