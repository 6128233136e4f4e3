"""The event trigger lexicon (CAMEO-like kinds and strengths, kept as data in
``generator/data/event_triggers.yaml``) and the words that undo a trigger:
negation, modals, hedges, background, quotation marks."""

from __future__ import annotations

import re
from pathlib import Path
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple, Optional

import yaml

from ..nlp import lower_safe
from ..scan import at_heads
from ..wordlists import LOWER_PHRASE, read_word_lists


# --------------------------------------------------------------------------
# Trigger lexicon (CAMEO-like kinds), as data: generator/data/event_triggers.yaml
# --------------------------------------------------------------------------

TRIGGERS = Path(__file__).resolve().parent.parent.parent / "data" / "event_triggers.yaml"
"""The trigger words by kind and strength, the nominal ones, and the word lists that
place or undo a trigger (irregular pasts, background, hedges): edited there."""

_WORD_LISTS = ("irregular_past", "background", "hedges")


def load_word_lists(path: Path = TRIGGERS) -> dict[str, tuple[str, ...]]:
    """The lexicon's word lists by name (lower-case words or phrases, in file order;
    see :func:`read_word_lists`)."""
    return read_word_lists(path, _WORD_LISTS, LOWER_PHRASE)


def _words_rx(words) -> str:
    """A whole-word alternation of *words* in file order (a phrase's spaces as written)."""
    return r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", " ") for w in words) + r")\b"


_LISTS = load_word_lists()
_IRR = "(?:" + "|".join(_LISTS["irregular_past"]) + ")"

_KIND = re.compile(r"^[a-z]+$")


def load_triggers(path: Path = TRIGGERS) -> tuple[list[tuple[str, int, str]], frozenset[str]]:
    """(kind, strength, alternation of forms) per lexicon entry, in file order,
    and the nominal trigger words.  A malformed entry is an error naming the
    file, the entry and what to write."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries, nominal = raw.get("triggers"), raw.get("nominal")
    if not isinstance(entries, list) or not isinstance(nominal, list):
        raise ValueError(f"{path}: needs a 'triggers' list and a 'nominal' list")
    lexicon = []
    for n, e in enumerate(entries, 1):
        ok = (isinstance(e, dict) and isinstance(e.get("kind"), str) and _KIND.match(e["kind"])
              and e.get("strength") in (1, 2, 3) and isinstance(e.get("forms"), list) and e["forms"]
              and all(isinstance(f, str) and f.strip() and f == f.lower() for f in e["forms"]))
        if not ok:
            raise ValueError(f"{path}: trigger entry {n} ({e!r:.80}) needs kind (lower-case letters), "
                             "strength (1, 2 or 3) and forms (a list of lower-case regular expressions)")
        try:
            re.compile("|".join(e["forms"]))
        except re.error as err:
            raise ValueError(f"{path}: trigger entry {n} ({e['kind']}): a form is not a regular expression: {err}")
        lexicon.append((e["kind"], e["strength"], "|".join(e["forms"])))
    return lexicon, frozenset(" ".join(str(w).lower().split()) for w in nominal)


LEXICON, _NOMINAL_WORDS = load_triggers()

_TRIGGER = re.compile(
    "|".join(rf"(?P<{kind}_{i}>\b(?:{body})\b)" for i, (kind, _, body) in enumerate(LEXICON)),
    re.IGNORECASE,
)
_STRENGTH = {f"{kind}_{i}": (kind, s) for i, (kind, s, _) in enumerate(LEXICON)}
# The same alternation for lower-cased ASCII text: no IGNORECASE and the
# shared leading \b tested once per position, ~3x faster than _TRIGGER and,
# on ASCII text (where lower() keeps every offset), the same matches.
_TRIGGER_LOWER = re.compile(
    r"\b(?:" + "|".join(rf"(?P<{kind}_{i}>(?:{body})\b)" for i, (kind, _, body) in enumerate(LEXICON)) + ")"
)



def _literal_prefix(alt: str) -> str:
    """The characters every match of regex alternative *alt* starts with."""
    out = []
    for k, ch in enumerate(alt):
        if not (ch.isalpha() or ch in " -") or alt[k + 1:k + 2] in ("?", "*", "+", "{"):
            break
        out.append(ch)
    return "".join(out)


def _top_level_alternatives(body: str) -> list[str]:
    alts, depth, cur = [], 0, []
    for ch in body:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "|" and depth == 0:
            alts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    return alts + ["".join(cur)]


def _trigger_heads() -> Optional[frozenset[str]]:
    """First three letters of every trigger alternative (None if one has fewer).

    _TRIGGER_LOWER can only match where a word starts with one of these, so
    :func:`find_triggers` tries it only there instead of scanning every
    character with the ~150-branch alternation.
    """
    heads = set()
    for _, _, body in LEXICON:
        for alt in _top_level_alternatives(body):
            pre = _literal_prefix(alt)
            if len(pre) < 3:
                return None
            heads.add(pre[:3])
    return frozenset(heads)


_HEADS = _trigger_heads()


def _long_heads(size: int = 5) -> Optional[frozenset[str]]:
    """The literal beginnings of the trigger alternatives, up to *size* characters.

    The scan tries the trigger pattern only where a word starts with one of
    these; five letters ("kille", "shell") instead of three ("kil", "she")
    send fewer word starts through the ~150-branch alternation (trigger scan
    over 12,926 sentences 86 -> 70 ms).  Every match starts with its
    alternative's literal beginning, so none is lost.
    """
    if _HEADS is None:
        return None
    return frozenset(_literal_prefix(alt)[:size] for _, _, body in LEXICON
                     for alt in _top_level_alternatives(body))


_TRIGGER_AT_HEADS = at_heads(_TRIGGER_LOWER, _long_heads())


def _lower_matches(low: str):
    """_TRIGGER_LOWER.finditer(low), trying the pattern only at word starts with a known head
    (the pattern tried only at word starts with a head, in one regex: :mod:`.scan`)."""
    return _TRIGGER_AT_HEADS.finditer(low)


NOMINAL = _NOMINAL_WORDS
"""Noun triggers name a kind of happening but do not assert one happened
("abiding by a cease-fire", "the Paris meeting was a major obstacle"): a
sentence whose only triggers are nominal is an event only when it carries its
own date ("a meeting in Geneva last weekend"), never by publication date."""

_BACKGROUND = re.compile(_words_rx(_LISTS["background"]), re.IGNORECASE)
"""Undated sentences with these words recap the past: not the publication day's news."""
_BACKGROUND_LOWER = re.compile(_BACKGROUND.pattern)


def _background(text: str) -> bool:
    """``_BACKGROUND.search(text)``, on lower_safe text without re.I (same matches)."""
    low = lower_safe(text)
    return bool(_BACKGROUND_LOWER.search(low) if low is not None else _BACKGROUND.search(text))

_HEDGE = re.compile(_words_rx(_LISTS["hedges"]), re.IGNORECASE)

_NEGATION = re.compile(r"\b(?:not|n't|never|no|without|failed to)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_MODAL = re.compile(
    r"\b(?:will|'ll|shall|would|could|might|may|should|must|can|to|plans? to|expected to|"
    r"going to|due to|set to|aims? to|hopes? to|threatens? to|wants? to)\s+(?:\w+\s+){0,1}$",
    re.IGNORECASE,
)
# The three without re.I, for lower_safe() text (their letters are all lower-case a-z):
# ~2x faster, the same matches at the same offsets.
_HEDGE_LOWER = re.compile(_HEDGE.pattern)
_NEGATION_LOWER = re.compile(_NEGATION.pattern)
_MODAL_LOWER = re.compile(_MODAL.pattern)

# --------------------------------------------------------------------------
# Cues of the parse-based model and the clause rules, as data: generator/data/event_cues.yaml
# --------------------------------------------------------------------------

DATA = Path(__file__).resolve().parent.parent.parent / "data" / "event_cues.yaml"
"""The cue lemmas of the parse-based model (:mod:`.parse`) and of the clause rules (:mod:`.dating`)."""


@dataclass(frozen=True)
class Cues:
    """The cue lemmas of ``event_cues.yaml``, one frozen set per list."""

    event_nouns: frozenset[str]
    states: frozenset[str]
    irrealis: frozenset[str]
    hypothetical: frozenset[str]
    span_edges: frozenset[str]
    unrealized: frozenset[str]
    prospective: frozenset[str]
    simultaneous: frozenset[str]
    over_within: frozenset[str]
    presence_preps: frozenset[str]
    place_labels: frozenset[str]
    verbs_of_nouns: dict[str, str]


@lru_cache(maxsize=1)
def cues() -> Cues:
    """The cue lists, read once; a missing list is an error naming the file."""
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8")) or {}
    lists = [f for f in Cues.__dataclass_fields__ if f != "verbs_of_nouns"]
    missing = [f for f in lists if not isinstance(raw.get(f), list)]
    if missing:
        raise ValueError(f"{DATA}: missing list(s) {', '.join(missing)}: each is a YAML list of lemmas")
    if not isinstance(raw.get("verbs_of_nouns"), dict):
        raise ValueError(f"{DATA}: verbs_of_nouns must be a mapping of noun lemma: verb lemma")
    return Cues(**{f: frozenset(str(w).lower() for w in raw[f]) for f in lists},
                verbs_of_nouns={str(k).lower(): str(v).lower() for k, v in raw["verbs_of_nouns"].items()})


# --------------------------------------------------------------------------
# Quotes
# --------------------------------------------------------------------------

_OPEN = "“«"
_CLOSE = "”»"
_QUOTE_MARK = re.compile('[“«”»"]')


# --------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------


class Trigger(NamedTuple):
    """A trigger word found in a sentence (offsets into the masked text).

    A named tuple, not a frozen dataclass: ~7,000 are made at 624 articles,
    and the title cache hashes them in its keys (a tuple hashes in C, a
    dataclass calls its Python ``__hash__``).
    """

    start: int
    end: int
    word: str
    kind: str
    strength: int

    @property
    def nominal(self) -> bool:
        return " ".join(self.word.lower().split()) in NOMINAL
