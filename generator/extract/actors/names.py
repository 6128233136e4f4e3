"""Canonical names: organisation keys, person keys and genders, capitalised chunks and where a name may start or stop."""

from __future__ import annotations

import re
from itertools import compress
from operator import itemgetter
from typing import Optional

from .. import gazetteer as gz
from ..nlp import Word

PARTICLES = set(gz.LEXICON["particles"])
CONNECTORS = frozenset(gz.LEXICON["name_connectors"])
PREPOSITIONS_PLACE = set(gz.LEXICON["place_prepositions"])
VENUE_NOUNS = set(gz.LEXICON["venue_nouns"])
PLACE_NOUNS = set(gz.LEXICON["place_nouns"])
ACTION_VERBS = set(gz.LEXICON["action_verbs"])
SPEECH_VERBS = set(gz.LEXICON["speech_verbs"])
_BREAKERS = frozenset(gz.LEXICON["run_breakers"])
_DOTTED = re.compile(r"\b([A-Z])\.([A-Z])\.")
_LEAD_THE = re.compile(r"^(the|The)\s+")
_SPACES = re.compile(r"\s+")
_NAME_WORD = re.compile(r"[A-Z](?:[a-z]|['\u2019][A-Z])[\w'\u2019\-]*")  # "Rubio", "O'Malley", "O\u2019Donnell"
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_PLURAL_NAME = re.compile(r"[A-Z][a-z]+[^s]s")
_PERSON_WORD = re.compile(r"(?:[A-Z][\w'\u2019\-\.]*|al-\w+|el-\w+|" + "|".join(map(re.escape, sorted(PARTICLES))) + ")")
"""A word of a person's name: capitalised, or a particle ("Michery el Soheil", "Ludwig van Beethoven")."""


def norm_org(name: str) -> str:
    """Key of an organisation name: dotted acronyms undotted, no article."""
    name = _DOTTED.sub(r"\1\2", name)
    name = _LEAD_THE.sub("", name)
    return _SPACES.sub(" ", name).strip()


def _strip_particle(word: str) -> str:
    low = word.lower()
    for p in ("al-", "el-", "ar-", "as-", "ad-"):
        if low.startswith(p) and len(low) > len(p) + 1:
            return low[len(p):]
    return low


# ---------------------------------------------------------------------------
# chunking


def _is_cap(w: str) -> bool:
    return w[:1].isupper() or (w[:1].isdigit() is False and w[:2].lower() in ("al", "el") and "-" in w and w[3:4].isupper())


_word_text = itemgetter(0)   # Word.text (a Word is a named tuple)
_first_char = itemgetter(0)  # a token is never empty
_AE = frozenset("aAeE")      # first letters of "al-"/"el-" names


def _may_start(t: str) -> bool:
    """Can word *t* start a chunk (capitalised, with a letter)?

    The same test as ``_is_cap(t) and any(c.isalpha() for c in t)``, written
    so the common lower-case word costs two string operations: a chunk start
    is tested for every word of the corpus.
    """
    c0 = t[:1]
    if c0.isupper():
        return c0.isalpha() or any(c.isalpha() for c in t)
    return c0 in "aAeE" and _is_cap(t) and any(c.isalpha() for c in t)


_ASCII_UPPER = re.compile("[A-Z]")
_ASCII_UPPER_OR_AE = re.compile("[A-Zae]")


def _chunk_heads(words: list[Word], hyphen: bool) -> list[int]:
    """Indexes of the words that may start a chunk, ascending: a superset of
    :func:`_may_start`'s words (capitalised, or lower-case "al-"/"el-" names).

    Chunk starts are rare, so no Python loop over the words: their first
    letters are joined into one string (a word is never empty), whose
    character *k* is word *k*'s first letter, and a regex finds the capitals
    (ASCII: ``[A-Z]`` is exactly ``str.isupper``; other text takes the
    map/compress route).  A lower-case start needs a hyphen ("al-Assad"), so
    the a/e words are tried only when the sentence has one (*hyphen*).
    """
    firsts = "".join(map(_first_char, map(_word_text, words)))
    if firsts.isascii():
        rx = _ASCII_UPPER_OR_AE if hyphen else _ASCII_UPPER
        return [m.start() for m in rx.finditer(firsts)]
    n = len(words)
    heads = list(compress(range(n), map(str.isupper, firsts)))
    if hyphen and ("a" in firsts or "e" in firsts):
        heads = sorted({*heads, *compress(range(n), map(_AE.__contains__, firsts))})
    return heads


def _chunks(words: list[Word], hyphen: bool = True) -> list[tuple[int, int]]:
    """Maximal runs of capitalised words, with ``of``/particles inside.

    *hyphen* False promises that no word contains "-" (see :func:`_chunk_heads`).
    """
    spans = []
    n = len(words)
    i = 0
    for h in _chunk_heads(words, hyphen):
        if h < i or not _may_start(words[h].text):
            continue  # inside the chunk before, or not a start
        i = h
        j = i + 1
        while j < n:
            t = words[j].text
            if _may_start(t) and t.lower() not in _BREAKERS:
                j += 1
            elif (t.lower() in CONNECTORS or t in PARTICLES) and j + 1 < n and _is_cap(words[j + 1].text):
                j += 2
            elif t.lower() in CONNECTORS and j + 2 < n and words[j + 1].text == "the" and _is_cap(words[j + 2].text) \
                    and words[j + 2].text.lower() not in _BREAKERS:
                j += 3
            elif (t == "and" and _org_and(words, i, j)) or (t in _POSSESSIVE and _org_possessive(words, j)):
                j += 2
            else:
                break
        spans.append((i, j))
        i = j
    return spans


_POSSESSIVE = frozenset(("'s", "\u2019s", "'", "\u2019"))
_GROUP_POSSESSORS = ("men", "women", "people", "children", "workers", "farmers", "veterans", "mothers")


def _org_and(words: list[Word], i: int, j: int) -> bool:
    """"Forces of Freedom and Change": "and" inside an "<Head> of X and Y" name.

    Only when the span so far is an organisation head with "of" and the word
    after "and" is one capitalised word ending the name (not a state or a
    known body: "Ministry of Defence and Russia" stays two names).
    """
    if words[j].text != "and" or j + 1 >= len(words) or not _is_cap(words[j + 1].text):
        return False
    if j + 2 < len(words) and _is_cap(words[j + 2].text):
        return False
    low = [w.text.lower() for w in words[i:j]]
    if "of" not in low or not any(l in gz.ORG_HEADS for l in low[:low.index("of")]):
        return False
    nxt = words[j + 1].text.lower()
    return nxt not in gz.states() and nxt not in gz.STAND_INS and nxt not in gz.KNOWN_ORGS and nxt not in gz.DEMONYMS


def _org_possessive(words: list[Word], j: int) -> bool:
    """"Fishermen's Association", "Workers' Party": a group's possessive inside a name."""
    if j < 1 or j + 1 >= len(words) or words[j].text not in _POSSESSIVE:
        return False
    owner = words[j - 1].text.lower()
    if not owner.endswith(_GROUP_POSSESSORS) and not (words[j].text in ("'", "\u2019") and owner.endswith("s")):
        return False
    return words[j + 1].text.lower() in gz.ORG_HEADS and owner not in gz.states()

_PLURAL_VERBS = frozenset(gz.LEXICON["plural_verbs"])


def _plural_common_noun(word: str, nxt: str, at_start: bool) -> bool:
    """"Crimeans voted", sentence-initial "Councillors have": plural nouns, not people.

    A people's plural (-ians/-eans) is never one person; a sentence-initial
    word ending in -s followed by a plural-only verb is a common noun.
    """
    if word in gz.MALE_NAMES or word in gz.FEMALE_NAMES:
        return False
    if word.endswith(("ians", "eans")) and len(word) > 5:
        return True
    return at_start and word.endswith("s") and not word.endswith(("ss", "us", "is")) and nxt in _PLURAL_VERBS


def _gender_of(name: str) -> Optional[str]:
    first = name.split()[0].lower() if name else ""
    if first in gz.FEMALE_NAMES:
        return "f"
    if first in gz.MALE_NAMES:
        return "m"
    return None


# ---------------------------------------------------------------------------
# per article


def person_key(name: str) -> tuple[str, str]:
    parts = [p for p in name.replace(".", "").split() if p.lower() not in gz.HONORIFICS]
    if not parts:
        return "", ""
    return parts[0].lower(), _strip_particle(parts[-1])
