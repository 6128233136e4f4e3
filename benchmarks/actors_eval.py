"""Actors measured against gold, beside spaCy's raw entity recognizer (prints, never asserts).

Two data sets:

- the gold files under ``tests/gold/`` (in-sample, ``heldout/``, ``heldout2/``
  and every ``actors-heldout*/`` batch, found by its folder's name, so a new batch
  is scored as ``--sets actors-heldoutN`` with no change here): ``briefing
  evaluate``'s actor score;
- the *named sources* of PolNeAR dev (``../shared/corpora/polnear/dev``):
  per article, every annotated quote source that names someone is a gold
  actor; sources that share a name word are one actor ("Donald Trump",
  "Mr. Trump").  A source names someone when the head of its phrase, as the
  trained parser reads it, is capitalised ("Sen. Marco Rubio", "Jeff Weaver,
  Sanders' campaign manager"), an appositive of the head is ("the senator,
  Marco Rubio") or a person's name stands in it as more than a modifier;
  its name words are its capitalised words (not a pronoun, a title or "The",
  a possessive "'s" cut: "Rubio's" is "rubio").  A *described* source ("the
  Florida senator", "one Clinton aide", "a White House pool report") names
  no one: the place or name inside it only modifies the head, and the actor
  it describes cannot be read from the annotation, so it is left out -- except
  a campaign or office ("the Clinton campaign", "Ryan's office"), which speaks
  for the person it names (as the gold sets count it).  ``quotes_eval.py``'s
  older definition (every source with a capitalised word) is printed beside,
  as "capitalised sources".
  Recall: gold actors that some extracted actor of the article names (a
  shared name word, as ``quotes_eval.py`` matches speakers).  Precision:
  extracted person, organisation and outlet actors that name a gold source --
  a lower bound, since an article also names people who are never quoted.
  The raw recognizer lists every surface form of a name apart ("Donald Trump",
  "Trump", "Trump's"), and a quoted person is named in more forms than one
  named once, so that precision favours listing forms apart; "distinct names"
  precision counts, per article, the person, organisation and outlet names that
  share no name word as one each (the same merge the gold sources get), for
  the rules and the raw recognizer alike.
  The rules' actors are merged across articles and carry every article's
  names ("Sen. Rubio" from one, "Marco Rubio" from another), while a raw
  entity is only its own text; the line "with each article's own names only"
  scores the rules' actors named as their article names them, the same
  footing the raw recognizer is on.

"Raw NER" is ``en_core_web_sm`` with no rules: every distinct PERSON, ORG,
GPE, NORP or LOC entity text of an article is one actor with no aliases.

    .venv/bin/python -m benchmarks.actors_eval [--split train|dev | --polnear DIR] [--limit N]

Rules are developed on ``--split train`` (its misses and extras, ``--misses``);
dev is measured, never read for misses.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Optional

from generator import ingest
from generator.config import Config
from generator.evaluate import combine, evaluate, load_gold
from generator.extract import extract_briefing
from generator.extract.model import load
from generator.extract.nlp import normalize
from generator.models import Actor, Briefing, SourceRef

REPO = Path(__file__).resolve().parent.parent
POLNEAR = Path("/work/shared/corpora/polnear/dev")
if not POLNEAR.exists():
    POLNEAR = REPO.parent / "shared" / "corpora" / "polnear" / "dev"
RAW_LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "state", "NORP": "group", "LOC": "state"}

WORD = re.compile(r"[A-Za-z0-9\u2019']+")
STOP = {"the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "said", "says"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their"}


def _words(s: str) -> list[str]:
    return [w.lower().replace("\u2019", "'") for w in WORD.findall(s or "")]


def names_of(names: list[str], possessives: bool = True) -> set[str]:
    """The name words of an actor's names (with a possessive ending cut, unless *possessives*)."""
    ws = {w for n in names for w in _words(n) if w not in STOP and len(w) > 1 and w not in ("'s",)}
    return ws if possessives else {_unpossessed(w) for w in ws}


def _unpossessed(w: str) -> str:
    """"rubio's" -> "rubio", "sanders'" -> "sanders" (a name word, not its possessive)."""
    return w[:-2] if w.endswith("'s") else w.rstrip("'")


def source_names(src: str, possessives: bool = True) -> set[str]:
    """The name words of a source: its capitalised words, lower-cased, without the stop
    words and pronouns (and, unless *possessives*, with a possessive ending cut)."""
    caps = [w.lower().replace("\u2019", "'") for w in WORD.findall(src) if w[:1].isupper()]
    if not possessives:
        caps = [_unpossessed(w) for w in caps]
    return set(caps) - STOP - PRONOUNS - {""}


SPEAKS_FOR = frozenset(("campaign", "office"))
"""Heads of a described source that speak for the person named in it ("the Clinton campaign")."""


def named_source(doc) -> Optional[set[str]]:
    """The name words of a parsed source phrase that names someone, its speaking
    campaign's or office's person, or None for a description (see the module's docstring)."""
    root = next(iter(doc.sents)).root
    words = source_names(doc.text, possessives=False)
    if root.text[:1].isupper() or any(c.dep_ in ("appos", "conj") and c.text[:1].isupper() for c in root.children) \
            or any(e.label_ == "PERSON" and e.root.dep_ not in ("poss", "compound", "nmod", "amod") for e in doc.ents):
        return words
    if root.lemma_.lower() in SPEAKS_FOR:
        owner = source_names(" ".join(c.text for c in root.children if c.dep_ in ("poss", "compound")), possessives=False)
        return owner or None
    return None


def raw_briefing(articles) -> Briefing:
    """Actors as the raw entity recognizer gives them: one per distinct entity text."""
    nlp = load("")
    seen: dict[tuple[str, str], Actor] = {}
    for a in articles:
        texts = [normalize(s.text) for s in a.sentences]
        for s, doc in zip(a.sentences, nlp.pipe(texts)):
            for ent in doc.ents:
                kind = RAW_LABELS.get(ent.label_)
                if kind is None:
                    continue
                key = (ent.text, kind)
                act = seen.get(key)
                if act is None:
                    act = seen[key] = Actor(id=f"raw-{len(seen)}", name=ent.text, kind=kind, sources=[])
                act.sources.append(SourceRef(article=a.id, sentence=s.index, text=s.text))
    return Briefing(actors=list(seen.values()))


def gold_sets() -> dict[str, list[Path]]:
    gold = REPO / "tests" / "gold"
    out = {"in-sample": sorted(gold.glob("*.yaml"))}
    for name in ("heldout", "heldout2"):  # heldout3.. (no prefix) hold positions, in their own format
        out[name] = sorted((gold / name).glob("*.yaml"))
    for folder in sorted(gold.glob("actors-heldout*"), key=lambda p: (len(p.name), p.name)):
        out[folder.name] = sorted(folder.glob("*.yaml"))
    return out


def score_gold(paths: list[Path], misses: bool = False) -> dict[str, tuple[float, float]]:
    reports = {"rules": [], "raw": []}
    for path in paths:
        g = load_gold(path)
        arts, _ = ingest.read_articles(path.parent / g["articles"])
        arts = [a for a in arts if a.id in set(g["sources"])]
        reports["rules"].append(evaluate(extract_briefing(arts, Config(root=REPO)), path))
        reports["raw"].append(evaluate(raw_briefing(arts), path))
        if misses:
            _print_misses(path, reports["rules"][-1], reports["raw"][-1])
    out = {}
    for k, reps in reports.items():
        s = combine(reps).scores["actors"]
        out[k] = (s.precision, s.recall, s.tp_r, s.n_r)
    return out


def _print_misses(path: Path, rules, raw) -> None:
    """The rules' actor misses and extras, each gold miss marked when the raw recognizer found it."""
    raw_missed = {m for m in raw.misses if m.startswith("actor not found")}
    for m in rules.misses:
        if m.startswith(("actor not found", "extra actor")):
            mark = "  (raw found it)" if m.startswith("actor not found") and m not in raw_missed else ""
            print(f"  {path.parent.name}/{path.name}: {m}{mark}")


def polnear_gold(directory: Path, ids: set[str], described: bool = False) -> dict[str, list[set[str]]]:
    """Article id -> gold actors (each a set of name words): named sources, or with
    *described* every source with a capitalised word (``quotes_eval.py``'s definition)."""
    golds = [g for g in map(json.loads, (directory / "gold.jsonl").open(encoding="utf-8")) if g["id"] in ids]
    sources = sorted({q["source"].strip(" ,") for g in golds for q in g["quotes"]})
    if described:
        names = {s: source_names(s) for s in sources}
    else:
        named = [s for s in sources if source_names(s)]
        names = dict(zip(named, map(named_source, load("").pipe(named))))
    out: dict[str, list[set[str]]] = {}
    for g in golds:
        clusters: list[set[str]] = []
        for q in g["quotes"]:
            ws = names.get(q["source"].strip(" ,"))
            if not ws:
                continue
            for c in clusters:
                if c & ws:
                    c |= ws
                    break
            else:
                clusters.append(set(ws))
        out[g["id"]] = clusters
    return out


def per_article(b: Briefing) -> dict[str, list[Actor]]:
    """Article id -> its actors, from the actors' sources (the raw recognizer cites every mention)."""
    out: dict[str, list[Actor]] = {}
    for a in b.actors:
        for art in {r.article for r in a.sources}:
            out.setdefault(art, []).append(a)
    return out


def extracted_per_article(arts, own: Optional[dict] = None) -> dict[str, list[Actor]]:
    """Article id -> the merged actors its own entities ended in (an actor's
    sources are capped, so they do not list every article).

    A merged actor carries the names of every article it was seen in; given a
    dict *own*, it is filled with the same actors named only as their own
    article names them (what the raw recognizer is scored on)."""
    import generator.extract as ex
    from generator.extract import map_articles, merge_actors  # noqa: F811

    mod = getattr(ex, "map", ex)
    saved, mod._relevance = mod._relevance, None
    try:
        mapped = map_articles(arts, Config(root=REPO))
    finally:
        mod._relevance = saved
    actors, actor_id = merge_actors(mapped.actors_only)
    by_id = {a.id: a for a in actors}
    out: dict[str, list[Actor]] = {}
    for r in mapped.actors_only():
        ids = {actor_id(e.key) for e in r.entities} - {None}
        out[r.article_id] = [by_id[i] for i in sorted(ids)]
        if own is not None:
            names: dict[str, set[str]] = {}
            for e in r.entities:
                if actor_id(e.key) is not None:
                    names.setdefault(actor_id(e.key), set()).update([n for n, _ in e.names], e.aliases)
            own[r.article_id] = [Actor(id=i, name=by_id[i].name if by_id[i].name in names[i] else sorted(names[i])[0],
                                       kind=by_id[i].kind, aliases=sorted(names[i]), sources=[]) for i in sorted(ids)]
    return out


def score_polnear(by_article: dict[str, list[Actor]], gold: dict[str, list[set[str]]], possessives: bool = False):
    tp_r = n_r = tp_p = n_p = 0
    for art, clusters in gold.items():
        actors = by_article.get(art, [])
        names = [names_of([a.name, *a.aliases], possessives) for a in actors]
        n_r += len(clusters)
        tp_r += sum(1 for c in clusters if any(c & n for n in names))
        for a, n in zip(actors, names):
            if a.kind in ("person", "organization", "outlet"):
                n_p += 1
                tp_p += any(c & n for c in clusters)
    return (tp_p / n_p if n_p else 0.0, tp_r / n_r if n_r else 0.0, tp_p, n_p, tp_r, n_r)


def distinct_precision(by_article: dict[str, list[Actor]], gold: dict[str, list[set[str]]]):
    """Precision over each article's distinct names: its person, organisation and
    outlet actors merged when they share a name word (as :func:`polnear_gold`
    merges the sources), each merged name counted once."""
    tp = n = 0
    for art, clusters in gold.items():
        names: list[set[str]] = []
        for a in by_article.get(art, []):
            if a.kind not in ("person", "organization", "outlet"):
                continue
            ws = names_of([a.name, *a.aliases], False)
            for other in [c for c in names if c & ws]:
                names.remove(other)
                ws |= other
            names.append(ws)
        n += len(names)
        tp += sum(1 for ws in names if any(c & ws for c in clusters))
    return (tp / n if n else 0.0, tp, n)


def _print_polnear_misses(found: dict[str, dict[str, list[Actor]]], gold: dict[str, list[set[str]]]) -> None:
    """Named sources the rules miss (with what the raw recognizer called them), and rule
    person/organisation actors that name no source."""
    for art, clusters in sorted(gold.items()):
        names = {k: [(a, names_of([a.name, *a.aliases], False)) for a in by.get(art, [])] for k, by in found.items()}
        for c in clusters:
            if any(c & n for _, n in names["rules"]):
                continue
            raw = [f"{a.name} ({a.kind})" for a, n in names["raw"] if c & n]
            print(f"  {art}: source {sorted(c)} missed; raw: {', '.join(raw) or '-'}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--polnear", type=Path, default=POLNEAR, help="a PolNeAR split's folder (default: dev)")
    ap.add_argument("--split", choices=("train", "dev"), help="PolNeAR split beside dev's folder (overrides --polnear)")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--skip-gold", action="store_true")
    ap.add_argument("--misses", action="store_true", help="print the rules' gold misses and extras")
    ap.add_argument("--sets", default="", help="comma-separated gold sets (in-sample, heldout, ...); default all")
    args = ap.parse_args()
    if args.split:
        args.polnear = POLNEAR.parent / args.split
    if not args.skip_gold:
        wanted = set(filter(None, args.sets.split(",")))
        for name, paths in gold_sets().items():
            if wanted and name not in wanted:
                continue
            for k, (p, r, tp, n) in score_gold(paths, args.misses).items():
                print(f"gold {name:10s} {k:5s}: actors P {p:.3f} R {r:.3f} ({tp}/{n} gold found)")
    if args.polnear.exists():
        arts, _ = ingest.read_articles(args.polnear / "articles.jsonl")
        arts = sorted(arts, key=lambda a: a.id)[: args.limit or None]
        ids = {a.id for a in arts}
        gold = polnear_gold(args.polnear, ids)
        own: dict[str, list[Actor]] = {}
        found = {"rules": extracted_per_article(arts, own), "raw": per_article(raw_briefing(arts))}
        if args.misses:
            _print_polnear_misses(found, gold)
        for what, g, old in (("named sources", gold, False),
                             ("capitalised sources", polnear_gold(args.polnear, ids, described=True), True)):
            for k, by in found.items():
                p, r, tp_p, n_p, tp_r, n_r = score_polnear(by, g, possessives=old)
                print(f"polnear {args.polnear.name} {what} {k:5s}: P {p:.3f} ({tp_p}/{n_p}) R {r:.3f} ({tp_r}/{n_r}) "
                      f"over {len(g)} articles")
        for k, by in found.items():
            p, tp, n = distinct_precision(by, gold)
            print(f"polnear {args.polnear.name} named sources, distinct names {k:5s}: P {p:.3f} ({tp}/{n})")
        p, r, tp_p, n_p, tp_r, n_r = score_polnear(own, gold)
        print(f"polnear {args.polnear.name} named sources, rules with each article's own names only: "
              f"P {p:.3f} ({tp_p}/{n_p}) R {r:.3f} ({tp_r}/{n_r})")


if __name__ == "__main__":
    main()
