"""Score an extracted briefing against a hand-written gold file.

``briefing evaluate GOLD.yaml`` compares ``data/`` with the gold file and
prints precision / recall / F1 per category.  The gold format is documented
in the README ("Gold file format"); in short::

    articles: articles            # folder of the gold's articles (for tests)
    sources: [article-id, ...]    # only records citing these are scored
    actors:    [{name, kind?, role?, aliases?: [...]}, ...]
    non_actors: [Reporter Name, ...]
    quotes:    [{speaker, text}, ...]
    positions: [{actor, stance: for|against|warns|neutral, issue?, keywords?}]
    events:    [{date, keywords: [...]}]

Matching is by surface form (an extracted actor matches a gold actor when its
name or one of its aliases equals the gold name or one of the gold aliases,
case- and punctuation-insensitively), so ids never have to agree.  Actors of
kind ``outlet`` (news outlets cited as sources) are not scored as actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml

from .errors import BriefingError
from .extract.quote_marks import MIN_WORDS, _n_words
from .models import Actor, Briefing

DIRECTION = {"supports": "for", "demands": "for", "opposes": "against", "rejects": "against",
             "warns": "warns", "neutral": "neutral"}
CATEGORIES = ("actors", "actor_attributes", "aliases", "non_actors", "quotes", "positions", "stance", "events")


class GoldError(BriefingError):
    """The gold file is missing or malformed."""


@dataclass
class Score:
    """Counts behind precision (tp_p / n_p) and recall (tp_r / n_r)."""

    tp_p: int = 0
    n_p: int = 0
    tp_r: int = 0
    n_r: int = 0

    @property
    def precision(self) -> float:
        return self.tp_p / self.n_p if self.n_p else 1.0

    @property
    def recall(self) -> float:
        return self.tp_r / self.n_r if self.n_r else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.tp_p += other.tp_p
        self.n_p += other.n_p
        self.tp_r += other.tp_r
        self.n_r += other.n_r


@dataclass
class Report:
    """Scores per category plus what was missed or wrong (for humans)."""

    gold: str
    scores: dict[str, Score] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------


def _norm(text: str) -> str:
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"\b([a-z])\.", r"\1", text)  # U.N. -> un
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[^a-z0-9']+", " ", text).strip()


# a passage in quote marks inside a statement (typographic, ASCII or PTB)
_QUOTED = re.compile(r"(?:[\u201c\"]|``)(.+?)(?:[\u201d\"]|'')")


def _qnorm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower().replace("\u2019", "'")).strip()


def load_gold(path: Path) -> dict[str, Any]:
    """Read and check a gold file; errors name the file and what to fix."""
    path = Path(path)
    if not path.exists():
        raise GoldError(f"{path}: no such gold file")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise GoldError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise GoldError(f"{path}: expected a mapping with sources/actors/quotes/positions/events")
    known = {"articles", "sources", "actors", "non_actors", "quotes", "positions", "events", "notes"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise GoldError(f"{path}: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    for i, a in enumerate(data.get("actors") or []):
        if not isinstance(a, dict) or "name" not in a:
            raise GoldError(f"{path}: actors[{i}] needs a name")
    for i, q in enumerate(data.get("quotes") or []):
        if not isinstance(q, dict) or not {"speaker", "text"} <= set(q):
            raise GoldError(f"{path}: quotes[{i}] needs speaker and text")
    for i, p in enumerate(data.get("positions") or []):
        if not isinstance(p, dict) or "actor" not in p or p.get("stance") not in ("for", "against", "warns", "neutral"):
            raise GoldError(f"{path}: positions[{i}] needs actor and stance (for, against, warns or neutral)")
    for i, e in enumerate(data.get("events") or []):
        if not isinstance(e, dict) or "date" not in e:
            raise GoldError(f"{path}: events[{i}] needs a date")
        e["date"] = str(e["date"])
    return data


def _seed_issue(issue: str, p) -> bool:
    """Issues are derived from the corpus now: a gold issue of the built-in lexicon
    (generator/data/issues.yaml) matches a position whose target or statement names
    one of its keywords."""
    from .extract.positions import load_issues

    kws = next((i.keywords for i in load_issues() if i.id == issue), [])
    text = (getattr(p, "target", "") + " " + p.statement + " " + p.quote).lower()
    return any(re.search(r"\b" + re.escape(k), text) for k in kws)


def _forms(a: Actor) -> set[str]:
    return {_norm(a.name), *(_norm(x) for x in a.aliases)}


def _gold_forms(g: dict[str, Any]) -> list[str]:
    """A gold actor's name then its aliases: every surface form it may be found by."""
    return [g["name"], *(g.get("aliases") or [])]


def _in_scope(refs, sources: Optional[set[str]]) -> bool:
    return sources is None or any(r.article in sources for r in refs)


@dataclass
class _Scope:
    """What one gold file is scored against, built once and read by every step.

    Only records citing the gold's sources are scored, and every step finds
    actors by surface form, so the filtering and the form index live here
    rather than being redone per category.
    """

    gold: dict[str, Any]
    gold_actors: list[dict[str, Any]]
    actors: list[Actor]
    positions: list[Any]
    events: list[Any]
    form_index: dict[str, list[Actor]]
    gold_to_ids: list[set[str]] = field(default_factory=list)

    def find(self, name: str) -> list[Actor]:
        """Extracted actors one of whose forms is *name* (ids never have to agree)."""
        return self.form_index.get(_norm(name), [])

    def gold_ids(self, name: str) -> set[str]:
        """The actor ids a gold speaker or holder names: those of the gold actor
        carrying the name (so an alias counts as its actor), else those found by it."""
        for g, ids in zip(self.gold_actors, self.gold_to_ids):
            if _norm(name) in {_norm(x) for x in _gold_forms(g)}:
                return ids
        return {a.id for a in self.find(name)}


def _scope(briefing: Briefing, gold: dict[str, Any]) -> _Scope:
    """Keep the records in the gold's sources and index the actors by form."""
    sources = set(gold["sources"]) if gold.get("sources") else None
    # an outlet cited as a source is not an actor (the gold lists it among non_actors)
    actors = [a for a in briefing.actors if _in_scope(a.sources, sources) and a.kind != "outlet"]
    form_index: dict[str, list[Actor]] = {}
    for a in actors:
        for f in _forms(a):
            form_index.setdefault(f, []).append(a)
    sc = _Scope(gold=gold, gold_actors=gold.get("actors") or [], actors=actors,
                positions=[p for p in briefing.positions if _in_scope(p.sources, sources)],
                events=[e for e in briefing.timeline if _in_scope(e.sources, sources)],
                form_index=form_index)
    sc.gold_to_ids = [{a.id for f in _gold_forms(g) for a in sc.find(f)} for g in sc.gold_actors]
    return sc


def evaluate(briefing: Briefing, gold_path: Path) -> Report:
    """Score *briefing* against the gold file at *gold_path*.

    Each category is one step below, run in the order the report lists them,
    so the misses read in that order too.
    """
    sc = _scope(briefing, load_gold(gold_path))
    rep = Report(gold=str(gold_path))
    for category, step in (("actors", _score_actors), ("actor_attributes", _score_attributes),
                           ("aliases", _score_aliases), ("non_actors", _score_non_actors),
                           ("quotes", _score_quotes), ("positions", _score_positions),
                           ("events", _score_events)):
        rep.scores[category] = step(sc, rep.misses)
    return rep


def _score_actors(sc: _Scope, misses: list[str]) -> Score:
    """Recall: gold actors found by any form; precision: extracted actors some gold actor finds."""
    s = Score(n_r=len(sc.gold_actors), n_p=len(sc.actors))
    for g, ids in zip(sc.gold_actors, sc.gold_to_ids):
        if ids:
            s.tp_r += 1
        else:
            misses.append(f"actor not found: {g['name']}")
    matched = set().union(*sc.gold_to_ids)
    s.tp_p = sum(1 for a in sc.actors if a.id in matched)
    for a in sc.actors:
        if a.id not in matched:
            misses.append(f"extra actor: {a.id} ({a.kind}, {a.name})")
    return s


def _score_attributes(sc: _Scope, misses: list[str]) -> Score:
    """Kind and role of found actors, judged on the most mentioned actor a gold
    actor finds (the one a reader sees first); one count serves P and R."""
    s = Score()
    by_id = {a.id: a for a in sc.actors}
    for g, ids in zip(sc.gold_actors, sc.gold_to_ids):
        if not ids or not ({"kind", "role"} & set(g)):
            continue
        a = by_id[sorted(ids, key=lambda i: (-by_id[i].mentions, i))[0]]
        ok = (g.get("kind") in (None, a.kind)) and (not g.get("role") or g["role"].lower() in a.role.lower())
        s.n_p += 1
        s.n_r += 1
        s.tp_p += ok
        s.tp_r += ok
        if not ok:
            misses.append(f"attributes of {g['name']}: got kind={a.kind} role={a.role!r}, want {g.get('kind')} {g.get('role')!r}")
    return s


def _score_aliases(sc: _Scope, misses: list[str]) -> Score:
    """Alias merging: all forms of a gold actor reach one actor (recall); no
    extracted actor joins two gold actors (precision)."""
    s = Score()
    for g in sc.gold_actors:
        forms = _gold_forms(g)
        if len(forms) < 2:
            continue
        s.n_r += 1
        ids = [{a.id for a in sc.find(f)} for f in forms]
        common = set.intersection(*ids) if all(ids) else set()
        if common and all(len(x) == 1 for x in ids):
            s.tp_r += 1
        else:
            misses.append(f"aliases of {g['name']} not merged: {dict(zip(forms, map(sorted, ids)))}")
    owners: dict[str, set[int]] = {}
    for gi, ids in enumerate(sc.gold_to_ids):
        for i in ids:
            owners.setdefault(i, set()).add(gi)
    s.n_p = len(owners)
    s.tp_p = sum(1 for o in owners.values() if len(o) == 1)
    for i, o in owners.items():
        if len(o) > 1:
            misses.append(f"actor {i} merges {', '.join(sc.gold_actors[k]['name'] for k in sorted(o))}")
    return s


def _score_non_actors(sc: _Scope, misses: list[str]) -> Score:
    """Accuracy of keeping reporters and other non-actors out of the actors."""
    non = sc.gold.get("non_actors") or []
    wrong = [n for n in non if sc.find(n)]
    for n in wrong:
        misses.append(f"non-actor extracted as actor: {n}")
    ok = len(non) - len(wrong)
    return Score(ok, len(non), ok, len(non))


def _quote_index(positions: list[Any]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Normalised quote -> its speakers, and normalised quoted term -> the
    actors whose statements hold it in quote marks."""
    quoted: dict[str, set[str]] = {}
    termed: dict[str, set[str]] = {}
    for p in positions:
        if p.quote:
            quoted.setdefault(_qnorm(p.quote), set()).add(p.actor)
        for term in _QUOTED.findall(p.statement):
            termed.setdefault(_qnorm(term), set()).add(p.actor)
    return quoted, termed


def _score_quotes(sc: _Scope, misses: list[str]) -> Score:
    """Quotes (from positions carrying a quote).  A gold quote of one or two
    words is no quote record (.extract.quotes.is_quotation): it is found inside
    quote marks in the statement of a position its speaker holds, where the
    data keeps it."""
    quoted, termed = _quote_index(sc.positions)
    gq = sc.gold.get("quotes") or []
    s = Score(n_r=len(gq), n_p=len(quoted))
    right: set[str] = set()
    for q in gq:
        want = sc.gold_ids(q["speaker"])
        if _n_words(q["text"]) < MIN_WORDS:
            s.tp_r += _quoted_term_found(q, want, termed, misses)
        else:
            s.tp_r += _quote_found(q, want, quoted, right, misses)
    s.tp_p = len(right)
    for k in quoted:
        if k not in right and not any(_qnorm(q["text"]) in k or k in _qnorm(q["text"]) for q in gq):
            misses.append(f"extra quote: {k[:50]!r} by {sorted(quoted[k])}")
    return s


def _quoted_term_found(q: dict[str, Any], want: set[str], termed: dict[str, set[str]], misses: list[str]) -> bool:
    """A short gold quote counts when one of its speaker's statements quotes it."""
    got = termed.get(_qnorm(q["text"]), set())
    if got & want:
        return True
    misses.append(f"quoted term {q['text']!r}: want {q['speaker']}, got {sorted(got) or 'none'}")
    return False


def _quote_found(q: dict[str, Any], want: set[str], quoted: dict[str, set[str]], right: set[str],
                 misses: list[str]) -> bool:
    """A gold quote counts when an extracted quote holding it (or, past twelve
    characters, held by it) has the gold speaker; those quotes join *right*."""
    t = _qnorm(q["text"])
    hits = [k for k in quoted if t in k or (len(k) > 12 and k in t)]
    good = [k for k in hits if quoted[k] & want]
    if good:
        right.update(good)
        return True
    got = sorted({a for k in hits for a in quoted[k]})
    misses.append(f"quote {q['text'][:40]!r}: want {q['speaker']}, got {got or 'no quote'}")
    return False


def _positions_held(sc: _Scope, g: dict[str, Any]) -> list[Any]:
    """The positions matching gold position *g*: its holder, direction, issue
    (named or derived from the corpus) and every one of its keywords."""
    want = sc.gold_ids(g["actor"])
    kws = [k.lower() for k in g.get("keywords") or []]
    return [p for p in sc.positions if p.actor in want and DIRECTION[p.stance] == g["stance"]
            and (not g.get("issue") or p.issue == g["issue"] or _seed_issue(g["issue"], p))
            and all(k in (p.statement + " " + p.quote).lower() for k in kws)]


def _score_positions(sc: _Scope, misses: list[str]) -> Score:
    """Non-neutral positions.  Precision is looser than recall: a stanced
    position is right when some gold item has its actor and direction."""
    stanced = [p for p in sc.positions if p.stance != "neutral"]
    gp = sc.gold.get("positions") or []
    s = Score(n_r=len(gp), n_p=len(stanced))
    right: set[str] = set()
    for g in gp:
        good = _positions_held(sc, g)
        if good:
            s.tp_r += 1
            right.update(p.id for p in good)
        else:
            kws = [k.lower() for k in g.get("keywords") or []]
            misses.append(f"position not found: {g['actor']} {g['stance']} {g.get('issue', '')} {kws}")
    for p in stanced:
        if p.id in right or any(p.actor in sc.gold_ids(g["actor"]) and DIRECTION[p.stance] == g["stance"] for g in gp):
            s.tp_p += 1
        else:
            misses.append(f"extra position: {p.actor} {p.stance} {p.issue}: {p.statement[:60]!r}")
    return s


def _event_matches(e, g: dict[str, Any]) -> bool:
    """Same date, and every gold keyword in the event's title or summary."""
    text = (e.title + " " + e.summary).lower()
    return e.date == g["date"] and all(k.lower() in text for k in g.get("keywords") or [])


def _score_events(sc: _Scope, misses: list[str]) -> Score:
    """Timeline events against gold events, matched by :func:`_event_matches` both ways."""
    ge = sc.gold.get("events") or []
    s = Score(n_r=len(ge), n_p=len(sc.events))
    for g in ge:
        if any(_event_matches(e, g) for e in sc.events):
            s.tp_r += 1
        else:
            misses.append(f"event not found: {g['date']} {g.get('keywords')}")
    for e in sc.events:
        if any(_event_matches(e, g) for g in ge):
            s.tp_p += 1
        else:
            misses.append(f"extra event: {e.date} {e.title[:60]!r}")
    return s


def combine(reports: list[Report]) -> Report:
    """Micro-averaged report over several gold files."""
    out = Report(gold=", ".join(r.gold for r in reports))
    for c in CATEGORIES:
        if not any(c in r.scores for r in reports):
            continue
        s = Score()
        for r in reports:
            if c in r.scores:
                s.add(r.scores[c])
        out.scores[c] = s
    for r in reports:
        out.misses.extend(r.misses)
    return out


def format_report(report: Report, misses: int = 30) -> str:
    """A table of P/R/F1 per category, then the first misses."""
    lines = [f"Evaluation against {report.gold}", "",
             f"{'category':<18} {'P':>6} {'R':>6} {'F1':>6}   (P n / R n)"]
    for c in CATEGORIES:
        s = report.scores.get(c)
        if s is None:
            continue
        lines.append(f"{c:<18} {s.precision:6.2f} {s.recall:6.2f} {s.f1:6.2f}   ({s.n_p} / {s.n_r})")
    if report.misses and misses:
        lines += ["", f"First {min(misses, len(report.misses))} of {len(report.misses)} misses:"]
        lines += [f"  - {m}" for m in report.misses[:misses]]
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# positions gold with targets and sentences (tests/gold/heldout3/)

STANCES = ("support", "demand", "oppose", "reject", "warn")
SIDE = {"support": "for", "demand": "for", "oppose": "against", "reject": "against", "warn": "against",
        "supports": "for", "demands": "for", "opposes": "against", "rejects": "against", "warns": "against"}
"""Which side of its target a stance puts an actor on: the direction scored."""


def load_positions_gold(path: Path) -> dict[str, Any]:
    """Read a positions gold file (``corpus``, ``sources``, ``actors``, ``positions`` with
    actor, stance, target, keywords and sentence); errors name the file and the item."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise GoldError(f"{path}: cannot read the gold file: {exc}") from None
    if not isinstance(data, dict) or not data.get("sources"):
        raise GoldError(f"{path}: expected a mapping with corpus, sources, actors and positions")
    for i, p in enumerate(data.get("positions") or []):
        if not isinstance(p, dict) or not {"actor", "stance", "sentence"} <= set(p) or p["stance"] not in STANCES:
            raise GoldError(f"{path}: positions[{i}] needs actor, sentence and a stance ({', '.join(STANCES)})")
        if p.get("keywords"):  # YAML reads an unquoted true / no / 2016 as a bool or a number: the word meant
            p["keywords"] = [str(k).lower() if isinstance(k, bool) else str(k) for k in p["keywords"]]
    return data


def evaluate_positions(briefing: Briefing, gold_path: Path) -> Report:
    """Stanced positions against a positions gold file, one to one.

    An extracted position matches a gold one when its actor carries one of the
    gold actor's forms, it takes the same side (for: support, demand; against:
    oppose, reject, warn), its sentence or quote holds the gold sentence
    snippet, and its target (else its quote, else its statement) holds one of
    the gold keywords.  Each extracted position matches at most one gold item.
    ``stance`` counts matched positions whose fine stance is the gold's too.
    """
    gold = load_positions_gold(gold_path)
    sources = set(gold["sources"])
    rep = Report(gold=str(gold_path))
    forms: dict[str, set[str]] = {}
    for g in gold.get("actors") or []:
        fs = {_norm(g["name"]), *(_norm(a) for a in g.get("aliases") or [])}
        for f in fs:
            forms.setdefault(f, set()).update(fs)
    actor_forms = {a.id: _forms(a) for a in briefing.actors}
    stanced = [p for p in briefing.positions if p.stance != "neutral" and _in_scope(p.sources, sources)]
    gp = gold.get("positions") or []
    used: set[str] = set()
    s, fine = Score(n_r=len(gp), n_p=len(stanced)), Score()

    def ok(p, g) -> bool:
        want = forms.get(_norm(g["actor"]), {_norm(g["actor"])})
        if not actor_forms.get(p.actor, {p.actor}) & want or SIDE[p.stance] != SIDE[g["stance"]]:
            return False
        where = _qnorm(" ".join([*(r.text for r in p.sources), p.statement, p.quote]))
        if _qnorm(g["sentence"]) not in where:
            return False
        kws = [_qnorm(k) for k in g.get("keywords") or []]
        what = _qnorm(getattr(p, "target", "") or p.quote or p.statement)
        return not kws or any(k in what for k in kws)

    for g in gp:
        hit = next((p for p in stanced if p.id not in used and ok(p, g)), None)
        if hit is None:
            rep.misses.append(f"position not found: {g['actor']} {g['stance']} {g.get('target', '')!r}")
            continue
        used.add(hit.id)
        s.tp_r += 1
        fine.n_p += 1
        fine.n_r += 1
        same = hit.stance.rstrip("s") == g["stance"]
        fine.tp_p += same
        fine.tp_r += same
    s.tp_p = len(used)
    for p in stanced:
        if p.id not in used:
            rep.misses.append(f"extra position: {p.actor} {p.stance} {p.issue}: "
                              f"{(getattr(p, 'target', '') or p.statement)[:70]!r}")
    rep.scores["positions"] = s
    rep.scores["stance"] = fine
    return rep
