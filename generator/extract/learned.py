"""A learned stance component: candidate (holder, target) pairs over the parse, each given a
side by a logistic-regression model kept as data (``generator/data/stance_model.json``).

Why: the hand rules of :mod:`.positions` find a stance only in wordings someone wrote a
rule for, and each new batch of news brings wordings nobody did ("took shots at", "raises
skepticism").  Here the parse proposes every pair a stance could join -- a named actor that
is the subject of a clause or says it, and what the clause is about (object, complement,
prepositional object, the subject of a reported clause, a name inside the quote) -- and a
model trained on the hand-annotated batches (``scripts/train_stance.py``) decides the side
(support, oppose, demand, reject, warn, or none) from features that do not name the
wording: the cue's lemma and lexicon class, the dependency relation of the target, negation
and modality, the polarity of the clause (VADER's rated words, summed), and whether and how
the rules fired.  Running it is a dot product per candidate: no learning library is needed.

Modes (the ``positions`` option of :class:`generator.config.Config`): ``rules`` (the
rules alone), ``learned`` (the model decides every candidate, the rules' findings among
them), ``mix`` (the rules' positions, plus the model's on candidates no rule found).
"""

from __future__ import annotations

import json
import math
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator, Optional

from .frames import _negated, _speaker_of_clause
from .holders import FIRST, Sentence as _Sentence, subject as _subject
from .stance import lexicon
from .targets import _join, _keys, _span_words

MODEL = Path(__file__).resolve().parent.parent / "data" / "stance_model.json"
MODES = ("rules", "learned", "mix")
STANCES = ("support", "demand", "oppose", "reject", "warn")
_FOR, _AGAINST = ("support", "demand"), ("oppose", "reject", "warn")

_OBJ = ("dobj", "dative", "ccomp", "xcomp", "attr", "acomp", "oprd")
_SKIP_TAGS = ("WDT", "WP", "WRB")
_NOT_TARGETS = frozenset(("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"))
_MODALS = frozenset(("would", "could", "might", "may", "can", "will", "should", "must", "'ll", "'d", "ought"))


@dataclass
class Candidate:
    """One (holder, target) pair a stance may join, and what the model reads of it.

    ``cue`` is the clause word the pair hangs on (a verb, or a judging predicate), ``target``
    the head of what it is about, ``rule`` the stance the hand rules gave the same pair (or
    "")."""

    holder: str
    cue: object
    target: object
    source: str          # "subj": the clause's subject; "said": who says the clause
    rule: str = ""
    rule_part: str = ""
    raw: object = None   # the rules' position for the pair, if any
    features: dict = field(default_factory=dict)


@dataclass(frozen=True)
class StanceModel:
    """Multinomial logistic regression as data: one weight row per class over named features."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict  # feature -> tuple of one weight per class

    @classmethod
    def from_dict(cls, d: dict) -> "StanceModel":
        classes = tuple(d["classes"])
        if "none" not in classes or not set(classes) - {"none"} <= set(STANCES):
            raise ValueError(f"classes must be 'none' and stances of {STANCES}, got {classes}")
        bias = tuple(float(b) for b in d["bias"])
        weights = {k: tuple(float(x) for x in v) for k, v in d["weights"].items()}
        if len(bias) != len(classes) or any(len(v) != len(classes) for v in weights.values()):
            raise ValueError("every weight row needs one number per class")
        return cls(classes, bias, weights)

    def probabilities(self, feats: dict) -> list[float]:
        scores = list(self.bias)
        for name, value in feats.items():
            row = self.weights.get(name)
            if row is not None:
                for k, w in enumerate(row):
                    scores[k] += w * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def predict(self, feats: dict) -> tuple[str, float]:
        """The most probable side (none, for: support or demand, against: oppose, reject or
        warn), then its most probable stance, and the side's probability.  A side is what a
        reader of the matrix sees; summing its stances keeps a clear stance whose probability
        two near stances share ("backs" or "demands") from losing to "none"."""
        probs = dict(zip(self.classes, self.probabilities(feats)))
        sides = {"none": probs.get("none", 0.0),
                 "for": sum(probs.get(k, 0.0) for k in _FOR),
                 "against": sum(probs.get(k, 0.0) for k in _AGAINST)}
        side = max(("none", "for", "against"), key=lambda k: sides[k])
        if side == "none":
            return "none", sides["none"]
        stance = max(_FOR if side == "for" else _AGAINST, key=lambda k: probs.get(k, 0.0))
        return stance, sides[side]


_OVERRIDE: list[StanceModel] = []


@lru_cache(maxsize=1)
def _packaged() -> StanceModel:
    try:
        d = json.loads(MODEL.read_text("utf-8"))
        return StanceModel.from_dict(d)
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise RuntimeError(f"{MODEL}: the stance model cannot be read ({e}); "
                           "rebuild it with `.venv/bin/python scripts/train_stance.py --write`") from None


def model() -> StanceModel:
    """The stance model in use: the packaged one, unless :func:`using` gave another."""
    return _OVERRIDE[-1] if _OVERRIDE else _packaged()


@contextmanager
def using(m: StanceModel):
    """Extract with model *m* instead of the packaged one (training's cross-validation
    scores each left-out batch with a model trained without it)."""
    _OVERRIDE.append(m)
    try:
        yield m
    finally:
        _OVERRIDE.pop()


@lru_cache(maxsize=1)
def polarity() -> dict[str, float]:
    """VADER's rated words (mean valence of ten raters, -4..4), read from its installed package:
    a validated polarity lexicon, where a list of our own would hold only the words we met."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) >= 2 and cols[0].isalpha():
            out[cols[0].lower()] = float(cols[1])
    return out


def _valence(tokens) -> float:
    pol = polarity()
    total = 0.0
    for t in tokens:
        v = pol.get(t.lower_, pol.get(t.lemma_.lower(), 0.0))
        if v and any(c.dep_ == "neg" for c in t.children):
            v = -v
        total += v
    return total


def _lex_class(tok) -> str:
    """The stance lexicon's word class and stance for *tok*, or ''."""
    lex = lexicon()
    low, lemma = tok.lower_, tok.lemma_.lower()
    for name, table in (("verb", lex.verbs), ("noun", lex.nouns), ("adj", lex.adjectives),
                        ("judge", lex.judging), ("effect", lex.effects)):
        st = table.get(lemma) or table.get(low)
        if st:
            return f"{name}:{st}"
    if lemma in lex.speech:
        return "speech"
    if lemma in lex.undoing:
        return "undo"
    return ""


def _bucket(x: float) -> str:
    return "neg2" if x <= -2 else "neg" if x < -0.5 else "pos2" if x >= 2 else "pos" if x > 0.5 else "0"


def features(s: _Sentence, c: Candidate) -> dict:
    """The model's view of a candidate: names of binary features (value 1) and a few scaled
    numbers.  No feature names the sentence's words beyond the cue's and the target's lemmas."""
    cue, t = c.cue, c.target
    lex = lexicon()
    f: dict[str, float] = {"bias_cand": 1.0}
    lemma = cue.lemma_.lower()
    rel = t.dep_ if t.head.i == cue.i else (f"{t.dep_}:{t.head.lower_}" if t.head.dep_ in ("prep", "agent")
                                            else f"far:{t.dep_}")
    cls = _lex_class(cue)
    neg = _negated(cue)
    mods = sorted({a.lower_ for a in cue.children if a.dep_ == "aux" and a.lower_ in _MODALS})
    q = s.quote_at(cue)
    imperative = cue.pos_ == "VERB" and cue.tag_ == "VB" and not any(
        a.dep_ in ("nsubj", "aux", "nsubjpass") for a in cue.children) and cue.dep_ in ("ROOT", "conj")
    clause = [x for x in cue.subtree]
    val = _valence(clause)
    cue_val = polarity().get(cue.lower_, polarity().get(lemma, 0.0))
    tgt_val = _valence(_span_words(t))
    for name in (f"cue={lemma}", f"rel={rel}", f"cue_rel={lemma}|{rel}", f"src={c.source}",
                 f"lex={cls or 'none'}", f"lex_rel={cls or 'none'}|{rel}", f"cue_pos={cue.pos_}",
                 f"t_pos={t.pos_}", f"t_ent={t.ent_type_ or 'none'}", f"src_rel={c.source}|{rel}",
                 f"pol={_bucket(val)}", f"cuepol={_bucket(cue_val)}", f"tpol={_bucket(tgt_val)}",
                 f"rule={c.rule or 'none'}", f"rule_part={c.rule_part or 'none'}",
                 f"rule_src={c.rule or 'none'}|{c.source}"):
        f[name] = 1.0
    if cue.dep_ in ("xcomp", "ccomp", "advcl", "conj"):
        f[f"up={cue.head.lemma_.lower()}"] = 1.0
        f[f"up_lex={_lex_class(cue.head) or 'none'}"] = 1.0
    if neg:
        f["neg"] = 1.0
        f[f"neg_lex={cls or 'none'}"] = 1.0
        f[f"neg_pol={_bucket(val)}"] = 1.0
    for m in mods:
        f[f"mod={m}"] = 1.0
    if imperative and q is not None:
        f["imperative"] = 1.0
    if q is not None:
        f["in_quote"] = 1.0
    if s.actor_of(t, head_only=True):
        f["t_actor"] = 1.0
        f[f"t_actor_pol={_bucket(val)}"] = 1.0
    if t.lower_ in FIRST or t.lower_ in ("it", "this", "that", "you"):
        f["t_vague"] = 1.0
    if any(x.lemma_.lower() in lex.claims for x in (t, *t.children)):
        f["t_claim"] = 1.0
    if s.text.rstrip().rstrip("\u201d\"'").endswith("?"):
        f["question"] = 1.0
    if any(x.dep_ == "mark" and x.lower_ in ("if", "unless", "whether") for x in cue.children):
        f["conditional"] = 1.0
    f["val"] = max(-3.0, min(3.0, val / 2))
    f["cue_val"] = cue_val / 4
    return f


def _objects(v) -> Iterator[object]:
    """What a clause is about: its objects and complements, its prepositions' objects, the
    object of an infinitive under it ("refused to back X"), each conjunct."""
    for c in v.children:
        if c.dep_ in _OBJ:
            yield c
            if c.dep_ == "xcomp":
                yield from (g for g in c.children if g.dep_ in ("dobj", "ccomp"))
        elif c.dep_ == "prep":
            yield from (g for g in c.children if g.dep_ in ("pobj", "pcomp"))
        elif c.dep_ == "prt":
            for p in c.children:
                if p.dep_ == "prep":
                    yield from (g for g in p.children if g.dep_ == "pobj")


def _fit(t) -> bool:
    return not (t.is_punct or t.tag_ in _SKIP_TAGS or t.ent_type_ in _NOT_TARGETS or t.pos_ in ("DET", "NUM", "SPACE"))


def candidates(s: _Sentence) -> list[Candidate]:
    """Every (holder, target) pair the sentence offers: for each verb or predicate, the actors
    of its subject towards its objects, and whoever says the clause towards its subject and
    objects; names inside a quote towards its speaker's nearest verb.  Deduplicated on
    (holder, cue, target)."""
    lex = lexicon()
    if not s.mentions and not s.quotes:
        return []
    out: dict[tuple, Candidate] = {}

    def add(holder: str, cue, t, source: str) -> None:
        if not holder or not _fit(t) or t.i == cue.i:
            return
        if s.actor_of(t, head_only=True) == holder:
            return
        out.setdefault((holder, cue.i, t.i), Candidate(holder, cue, t, source))

    for v in s.doc:
        pred = v.pos_ == "VERB" or v.pos_ in ("ADJ", "NOUN") and v.dep_ in ("acomp", "attr") or (
            v.pos_ == "AUX" and v.dep_ == "ROOT")
        if not pred or v.lemma_ in lex.speech and not any(c.dep_ == "prep" for c in v.children):
            continue
        objs = [t for t in _objects(v)] if v.pos_ in ("VERB", "AUX") else []
        if v.pos_ in ("VERB", "AUX"):
            subj = _subject(v)
            if subj is not None:
                for h in s.holders(subj):
                    for t in objs:
                        add(h, v, t, "subj")
        cop = v.head if v.dep_ in ("acomp", "attr") else v
        said = _speaker_of_clause(s, cop, lex)
        if said:
            own = next((c for c in cop.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
            for t in ([own] if own is not None else []) + objs:
                if t.lower_ not in FIRST:
                    add(said, v, t, "said")
    for a, b, q in s.quotes:
        if not q.speaker or q.speaker not in s.entities:
            continue
        for t in s.doc:
            if a <= t.idx < b and t.ent_type_ in ("PERSON", "ORG", "NORP") and t.dep_ != "compound":
                v = t.head
                while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
                    v = v.head
                add(q.speaker, v, t, "said")
    return list(out.values())


def decide(s: _Sentence, found: list, mode: str) -> Iterator[tuple[Candidate, str, float]]:
    """(candidate, stance, probability) of every candidate the model gives a side, in *mode*
    ``learned`` or ``mix`` (where a pair the rules found keeps the rules' position and is not
    asked).  *found*: the rules' findings in the sentence, as
    :func:`.positions._positions_in` records them."""
    m = model()
    for c in labelled(s, found):
        if mode == "mix" and c.rule:
            continue
        c.features = features(s, c)
        label, p = m.predict(c.features)
        if label != "none":
            yield c, label, p


def labelled(s: _Sentence, found: list) -> list[Candidate]:
    """The sentence's candidates, each marked with the rules' finding for the same pair (the
    rules' pairs the parse walk did not propose are added), in a stable order."""
    cands = {(c.holder, c.cue.i, c.target.i): c for c in candidates(s)}
    for holder, stance, cue, t, part, raw in found:
        c = cands.get((holder, cue.i, t.i))
        if c is None:
            c = cands[(holder, cue.i, t.i)] = Candidate(holder, cue, t, "rule")
        if not c.rule:
            c.rule, c.rule_part, c.raw = stance, part, raw
    return [cands[k] for k in sorted(cands)]


def target_text(t) -> tuple[str, str]:
    """A candidate's target as written and as keys (the issue step groups by the keys)."""
    words = _span_words(t)
    return _join(words) or t.text, _keys(t, words)


def valid_mode(value: str) -> Optional[str]:
    """Why *value* is no ``positions`` mode, or None."""
    return None if value in MODES else f"option 'positions' must be one of {', '.join(MODES)}, got {value!r}"
