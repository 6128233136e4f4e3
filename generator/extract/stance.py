"""The stance lexicon, read once, and the spaCy ``Matcher`` built from it.

The words are data (``generator/data/stance.yaml``): verbs, multi-word verbs,
nouns, adjectives and judging words, each under the stance it carries, plus
the verb classes the rules of :mod:`.positions` ask about (speech, naming,
negating, undoing, light verbs).  The built-in issue lexicon, the optional
seed of :mod:`.issues`, is read here too.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional

import yaml

from ..models import Issue

LEXICON = Path(__file__).resolve().parent.parent / "data" / "stance.yaml"
DATA = Path(__file__).resolve().parent.parent / "data" / "issues.yaml"


@dataclass
class Lexicon:
    """stance.yaml, read once: lemma sets and the Matcher patterns built from them."""

    verbs: dict[str, str]
    phrases: dict[tuple[str, ...], str]
    nouns: dict[str, str]
    adjectives: dict[str, str]
    judging: dict[str, str]
    judging_phrases: dict[tuple[str, ...], str]
    roles: dict[str, str]
    prefixes: dict[str, str]
    effects: dict[str, str]
    naming: frozenset[str]
    speech: frozenset[str]
    negating: frozenset[str]
    light: frozenset[str]
    undoing: frozenset[str]
    undoing_nouns: frozenset[str]
    cautioning: frozenset[str]
    press: frozenset[str]
    actions: frozenset[str]
    candidacies: frozenset[str]
    times: frozenset[str]
    instruments: frozenset[str]
    kin: frozenset[str]
    choices: frozenset[str]
    audiences: frozenset[str]
    offices: frozenset[str]
    quarrels: frozenset[str]
    promising: frozenset[str]
    states: frozenset[str]
    light_deeds: frozenset[str]
    rival_preps: frozenset[str]
    racing: frozenset[str]
    directing: frozenset[str]
    defeating: frozenset[str]
    proposing: frozenset[str]
    described: frozenset[str]
    burdens: frozenset[str]
    posing: frozenset[str]
    intent: frozenset[str]
    open_choices: frozenset[str]
    telling: frozenset[str]
    ending: frozenset[str]
    future: frozenset[str]
    addressing: frozenset[str]
    given: frozenset[str]
    claims: frozenset[str]
    hardware: frozenset[str]
    hosting: frozenset[str]
    faulting: frozenset[str]
    amok: frozenset[str]
    amok_verbs: frozenset[str]
    doubting: frozenset[str]
    things: frozenset[str]
    asking: frozenset[str]

    @property
    def stance_words(self) -> frozenset[str]:
        """Every word with a stance of its own in the lists (verbs, nouns, adjectives,
        judging words, roles, effects): a rated word among them is left to its list."""
        return frozenset({*self.verbs, *self.nouns, *self.adjectives, *self.judging, *self.roles, *self.effects})


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    d = yaml.safe_load(LEXICON.read_text("utf-8"))

    def flat(section: dict) -> dict[str, str]:
        return {w.lower(): st for st, ws in section.items() for w in ws}

    judging = {w: {"positive": "support", "negative": "oppose", "alarming": "warn"}[k]
               for k, ws in d["evaluative"].items() for w in ws}
    phrases = {tuple(p.lower().split()): st for st, ps in d["phrases"].items() for p in ps}
    judged = {tuple(p.lower().split()): {"positive": "support", "negative": "oppose"}[k]
              for k, ps in d["judging_phrases"].items() for p in ps}
    sets = {name: frozenset(d[name]) for name in _WORD_SETS}
    return Lexicon(flat(d["verbs"]), phrases, flat(d["nouns"]), flat(d["adjectives"]), judging, judged,
                   flat(d["roles"]), flat(d["prefixes"]), flat(d["effects"]), **sets)


@dataclass(frozen=True)
class Rated:
    """The rated words of stance.yaml's ``rated`` section: word -> stance, and the confidence
    their positions give up against the hand-listed judging words."""

    words: dict[str, str]
    discount: float
    part: str  # the rule family their positions count as (JUDGE: judging words)


@lru_cache(maxsize=1)
def rated() -> Rated:
    """Evaluative words of a validated sentiment lexicon (VADER's ``vader_lexicon.txt``, read
    from its installed package): each word rated by ten raters, mean and spread on each line.
    A word counts when its mean is far enough from neutral and its raters agree; the words
    stance.yaml already lists, and its ``exclude`` list, are left to their own rules."""
    d = yaml.safe_load(LEXICON.read_text("utf-8"))["rated"]
    package, _, name = d["lexicon"].partition("/")
    try:
        text = resources.files(package).joinpath(name).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as e:
        raise RuntimeError(f"{LEXICON}: rated.lexicon {d['lexicon']!r} is not installed ({e}); "
                           "run `make install`") from None
    lex = lexicon()
    listed = lex.stance_words | set(d["exclude"])
    words: dict[str, str] = {}
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) < 3 or not cols[0].isalpha() or cols[0] in listed:
            continue  # emoticons, "can't stand" and the like; words with a rule of their own
        mean, spread = float(cols[1]), float(cols[2])
        if abs(mean) >= d["min_valence"] and spread <= d["max_spread"]:
            words[cols[0].lower()] = "support" if mean > 0 else "oppose"
    return Rated(words, float(d["discount"]), str(d["part"]))


# the plain word lists of stance.yaml: every set-typed field of the Lexicon, read under its own name
_WORD_SETS = tuple(f.name for f in fields(Lexicon) if f.type == "frozenset[str]")


_MATCHERS: dict[int, object] = {}


def matcher_for(vocab):
    """A spaCy ``Matcher`` over the lexicon for *vocab* (one per pipeline):
    labels are ``<stance>|<part>`` with part VERB, PHRASE, NOUN, ADJ, ROLE, PREFIX, EFFECT, JUDGE,
    JPHRASE (a judging phrase, "a candidate of the establishment"),
    RATED (a judging word of the rated lexicon, :func:`rated`), DIRECT ("told him to go"), DEFEAT
    ("the one who can beat Trump"), FAR ("goes nowhere near far enough"), FAULT ("McCain has
    forgotten that"), ASK ("asked a judge to block the rules") or AMOK ("government gone wild")."""
    got = _MATCHERS.get(id(vocab))
    if got is not None:
        return got
    from spacy.matcher import Matcher

    lex = lexicon()
    m = Matcher(vocab)
    for part, table, pos in (("VERB", lex.verbs, ["VERB"]), ("NOUN", lex.nouns, ["NOUN"]),
                             ("ADJ", lex.adjectives, ["ADJ"]), ("ROLE", lex.roles, ["NOUN"]),
                             ("EFFECT", lex.effects, ["VERB"])):
        by: dict[str, list[str]] = {}
        for w, st in table.items():
            by.setdefault(st, []).append(w)
        for st, ws in by.items():
            pats = [[{"LEMMA": {"IN": sorted(ws)}, "POS": {"IN": pos}}]]
            if part == "ADJ":  # "was worried", "is opposed": a participle, not the verb ("open up the economy")
                pats.append([{"LOWER": {"IN": sorted(ws)}, "POS": "VERB", "TAG": "VBN"}])
            m.add(f"{st}|{part}", pats)
    for words, st in lex.phrases.items():
        pat = [{"LEMMA": words[0], "POS": {"IN": ["VERB", "AUX", "ADJ"]}}]
        pat += [{"OP": "?", "POS": {"IN": ["ADV", "PRON"]}}] if words[0] in ("call", "take") else []
        pat += [{"LOWER": w} for w in words[1:]]
        m.add(f"{st}|PHRASE", [pat])
    for w, st in lex.prefixes.items():  # "anti-Trump": the prefix, a hyphen, the name
        m.add(f"{st}|PREFIX", [[{"LOWER": w}, {"ORTH": "-"}, {"IS_ALPHA": True}]])
    by = {}
    for w, st in lex.judging.items():
        by.setdefault(st, []).append(w)
    for st, ws in by.items():
        m.add(f"{st}|JUDGE", [[{"LOWER": {"IN": sorted(ws)}, "POS": {"IN": ["NOUN", "ADJ", "VERB"]}}]])
    for words, st in lex.judging_phrases.items():  # "a candidate of the establishment"
        m.add(f"{st}|JPHRASE", [[{"LEMMA": w} for w in words]])
    by = {}
    for w, st in rated().words.items():
        by.setdefault(st, []).append(w)
    listed = sorted(lex.stance_words)
    for st, ws in by.items():  # "attacks" is the noun "attack" of the list, not a rated word
        m.add(f"{st}|RATED", [[{"LOWER": {"IN": sorted(ws)}, "LEMMA": {"NOT_IN": listed},
                                "POS": {"IN": ["NOUN", "ADJ"]}}]])
    m.add("demand|DIRECT", [[{"LEMMA": {"IN": sorted(lex.directing)}, "POS": "VERB"}]])
    m.add("oppose|DEFEAT", [[{"LEMMA": {"IN": sorted(lex.defeating)}, "POS": "VERB"}]])
    m.add("oppose|FAR", [[{"LEMMA": "go"}]])  # the rule checks for "far enough" below it
    m.add("demand|ASK", [[{"LEMMA": {"IN": sorted(lex.asking)}, "POS": "VERB"}]])
    m.add("oppose|FAULT", [[{"LEMMA": {"IN": sorted(lex.faulting)}, "POS": "VERB"}]])
    m.add("oppose|AMOK", [[{"LEMMA": {"IN": sorted(lex.amok_verbs)}, "POS": "VERB"}, {"LOWER": {"IN": sorted(lex.amok)}}]])
    _MATCHERS[id(vocab)] = m
    return m


# ---------------------------------------------------------------------------
# issue lexicon (the optional seed of :mod:`.issues`)


def load_issues(path: Optional[Path] = None) -> list[Issue]:
    """The built-in issue lexicon (generator/data/issues.yaml), or the one at *path*."""
    return _load_default() if path is None else [Issue(**d) for d in yaml.safe_load(Path(path).read_text("utf-8"))]


@lru_cache(maxsize=1)
def _load_default() -> list[Issue]:
    return [Issue(**d) for d in yaml.safe_load(DATA.read_text("utf-8"))]
