"""The lexicons the actor rules look words up in, beside the entity recognizer.

States come from :mod:`pycountry` (well kept, offline); the word lists are
ours, kept as data in ``generator/data/actor_lexicon.yaml``: demonyms, capitals and other stand-ins that speak for a state
("Moscow rejected ..."), titles that give a role, words that head an
organisation's name, and the words that make a capitalised span *not* an actor
(months, weekdays, documents).  All lookups are dictionary lookups on
lower-cased text, so they cost nothing per token.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pycountry
import yaml

from ..slug import slug

LEXICON_PATH = Path(__file__).resolve().parent.parent / "data" / "actor_lexicon.yaml"
"""The word lists, as data: edited there, each list with a comment on its use."""


def _load() -> dict:
    with LEXICON_PATH.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


LEXICON = _load()
_SHORT: dict[str, str] = LEXICON["short_names"]
_EXTRA_NAMES: dict[str, str] = LEXICON["extra_state_names"]
DEMONYMS: dict[str, str] = LEXICON["demonyms"]
STAND_INS: dict[str, str] = LEXICON["stand_ins"]
TITLES: list[str] = LEXICON["titles"]
TITLE_MODIFIERS = set(LEXICON["title_modifiers"])
RANKS = set(LEXICON["ranks"])
HONORIFICS: dict[str, str] = LEXICON["honorifics"]
ORG_HEADS = set(LEXICON["org_heads"])
STATE_PLACE_PREPOSITIONS = frozenset(LEXICON["state_place_prepositions"])
KNOWN_ORGS: dict[str, object] = LEXICON["known_orgs"]
KNOWN_ACRONYMS: dict[str, str] = LEXICON["known_acronyms"]
OUTLETS = set(LEXICON["outlets"])
OUTLET_PROGRAMME_WORDS = frozenset(LEXICON["outlet_programme_words"])
OUTLET_HEADS = frozenset(LEXICON["outlet_heads"])
GROUP_NOUNS = set(LEXICON["group_nouns"])
GOVERNMENT_NOUNS = set(LEXICON["government_nouns"])
NON_ACTOR_HEADS = set(LEXICON["non_actor_heads"])
TIME_WORDS = set(LEXICON["time_words"])
FEMALE_NAMES = set(LEXICON["female_names"])
MALE_NAMES = set(LEXICON["male_names"])
PLURAL_KINDS = {"state", "group", "organization"}


def is_outlet(name: str) -> bool:
    """Is *name* a news outlet's, one of its programmes' ("NBC Nightly News",
    "Fox News Sunday": the outlet's name, then at most three words ending in a
    programme word) or a newspaper's ("Chicago Tribune": two words or more ending
    in an outlet head)?  Each is a source, not a party, unless it acts."""
    low = name.lower().split()
    if " ".join(low) in OUTLETS:
        return True
    if low[:1] == ["the"]:
        low = low[1:]
    if len(low) >= 2 and low[-1] in OUTLET_HEADS:
        return True
    return any(" ".join(low[:k]) in OUTLETS and len(low) - k <= 3 and low[-1] in OUTLET_PROGRAMME_WORDS
               for k in (1, 2, 3) if k < len(low))


@lru_cache(maxsize=1)
def states() -> dict[str, str]:
    """Lower-cased state name -> ISO alpha-2 code."""
    table: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v and "," not in v:
                table[v.lower()] = c.alpha_2
    for code, short in _SHORT.items():
        table[short.lower()] = code
    table.update(_EXTRA_NAMES)
    return table


@lru_cache(maxsize=None)
def state_name(code: str) -> str:
    """Short reader name of a state by ISO code."""
    if code in _SHORT:
        return _SHORT[code]
    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return code
    return getattr(c, "common_name", None) or c.name


def state_id(code: str) -> str:
    return slug(state_name(code))


TITLE_SET = set(TITLES)
MAX_TITLE_WORDS = max(len(t.split()) for t in TITLES)
