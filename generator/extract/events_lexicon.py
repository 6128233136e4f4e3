"""The event trigger lexicon (CAMEO-like kinds and strengths) and the words that
undo a trigger: negation, modals, hedges, background, quotation marks."""

from __future__ import annotations

import re
from typing import NamedTuple, Optional

from .nlp import lower_safe
from .scan import at_heads


# --------------------------------------------------------------------------
# Trigger lexicon (CAMEO-like kinds); strength 3 = physical/decisive act,
# 2 = diplomatic act, 1 = verbal act.
# --------------------------------------------------------------------------

_IRR = r"(?:took|fell|fled|met|held|quit|froze|overran|retook|withdrew|shot|struck|broke|won|lost|sent)"

LEXICON: list[tuple[str, int, str]] = [
    ("kill", 3, r"killed|kills|killing|massacred?|massacres|died|shot dead|executed|slain|slaughtered|dead"),
    ("attack", 3, r"attacked|attacks?|shelled|shelling|bombed|bombings?|bombarded|bombardment|"
                  r"air ?strikes?|exploded|explosions?|blasts?|clashed|clashes|stormed|raided|raids?|"
                  r"ambushed|assaulted|assault|offensive|fired on|opened fire|torched|set fire|"
                  r"set ablaze|crushed|crackdown|struck"),
    ("seize", 3, r"seized|seizing|captured|capturing|took control|overran|recaptured|retook|fell to|"
                 r"took over|occupied"),
    ("defect", 3, r"defected|defections?|deserted|fled"),
    ("vote", 3, r"voted|vote|votes|passed (?:a|the) resolution|adopted|approved|endorsed"),
    ("veto", 3, r"vetoed|blocked"),
    ("sanction", 3, r"imposed (?:new |fresh |tougher |further )?(?:sanctions|an? (?:embargo|ban|curfew|no-fly zone))|"
                    r"sanctioned|froze|expelled|suspended"),
    ("agree", 2, r"agreed|agree|sign|signed|reached (?:a|an) (?:deal|agreement|accord)|accepted|ceasefire took effect|"
                 r"cease-fire took effect|truce took effect"),
    ("ceasefire", 2, r"ceasefire|cease-fire|truce"),
    ("arrest", 3, r"arrested|detained|rounded up|abducted|kidnapped|released|freed"),
    ("resign", 3, r"resigned|stepped down|quit|sacked|dismissed|appointed|sworn in|was made (?:an?|the)|"
                  r"was named|were named"),
    ("disaster", 3, r"earthquakes?|quakes?|tsunamis?|hurricanes?|cyclones?|typhoons?|floods?|flooded|"
                    r"landslides?|erupted|eruption"),
    ("born", 1, r"was born|were born"),
    ("elect", 3, r"elected|elections?|referendum|re-elected"),
    ("protest", 2, r"protested|protests?|protesters|demonstrated|demonstrations?|demonstrators|rallied|"
                   r"marched|took to the streets|uprising|unrest"),
    ("reject", 2, r"rejected|refused|denied|dismissed"),
    ("meet", 2, r"meet|met|meeting|meetings|summit|conference|talks|gathered|gathering|convened|hosted|"
                r"visited|arrived|landed"),
    ("plan", 2, r"unveiled|announced|proposed|launched|presented|introduced|issued|recalled|withdrew|"
                r"pulled out|promised|vowed"),
    ("condemn", 1, r"condemned|condemning|denounced|accused|criticised|criticized|warned"),
    ("demand", 1, r"called for|urged|demanded|pressed for|appealed|threatened"),
]

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


NOMINAL = frozenset(
    """meeting meetings summit conference talks gathering ceasefire cease-fire truce protests
    protest protesters demonstrations demonstration demonstrators uprising unrest elections
    election referendum attack attacks airstrike airstrikes bombing bombings explosion
    explosions blast blasts raid raids assault offensive crackdown clashes shelling bombardment
    defection defections massacre massacres vote dead killing killings earthquake earthquakes quake
    quakes tsunami tsunamis hurricane hurricanes cyclone typhoon flood floods landslide eruption""".split()
) | {"air strike", "air strikes"}
"""Noun triggers name a kind of happening but do not assert one happened
("abiding by a cease-fire", "the Paris meeting was a major obstacle"): a
sentence whose only triggers are nominal is an event only when it carries its
own date ("a meeting in Geneva last weekend"), never by publication date."""

_BACKGROUND = re.compile(
    r"\b(?:previous|previously|already|so far|to date|twice|three times|in the past|long|"
    r"once|repeatedly|frequently|often|regularly|routinely|usually|since|ever)\b", re.IGNORECASE)
"""Undated sentences with these words recap the past: not the publication day's news."""
_BACKGROUND_LOWER = re.compile(_BACKGROUND.pattern)


def _background(text: str) -> bool:
    """``_BACKGROUND.search(text)``, on lower_safe text without re.I (same matches)."""
    low = lower_safe(text)
    return bool(_BACKGROUND_LOWER.search(low) if low is not None else _BACKGROUND.search(text))

_HEDGE = re.compile(r"\b(?:whether|not clear|unclear|not known|unconfirmed|if|unless)\b", re.IGNORECASE)

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
