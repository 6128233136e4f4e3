"""Where an event happened: "in Homs", "the northern city of Hama", a venue's city."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional


from ..wordlists import read_word_lists
from .lexicon import DATA



# --------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------

_NAME = r"[A-Z][\w'’-]+(?:\s+(?:al-|el-)?[A-Z][\w'’-]+){0,3}"
_LISTS = ("settlements", "place_nouns", "venues", "prepositions", "not_places", "institutions")


def load_place_words(path: Path = DATA) -> dict[str, tuple[str, ...]]:
    """The ``places`` word lists of the cue file, by name, each entry one word
    (see :func:`read_word_lists`)."""
    return read_word_lists(path, _LISTS, section="places")


_WORDS = load_place_words()
_SETTLEMENTS = _WORDS["settlements"]
"""Nouns of "the northern city of X": a place follows (find_place), a title drops them (_PLACE_NP)."""
_PLACE_NOUNS = _SETTLEMENTS + _WORDS["place_nouns"]
_VENUES = _WORDS["venues"]
_PLACE_PATTERNS = [
    re.compile(rf"\b(?:{'|'.join(_PLACE_NOUNS)}) of (?P<p>{_NAME})"),
    re.compile(rf"\b(?P<p>{_NAME}) (?:{'|'.join(_VENUES)})\b"),
    re.compile(rf"\b(?:{'|'.join(_WORDS['prepositions'])}) (?:the )?(?P<p>{_NAME})"),
]
_NOT_PLACE = frozenset(_WORDS["not_places"])


_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|ish|ese|ean|can|qi|eli)$")
"""'Syrian', 'Turkish', 'Lebanese': adjectives, not places."""
_INSTITUTION = frozenset(_WORDS["institutions"])


# Literal words every match of the first two place patterns contains (None:
# no such test): a text without them skips that pattern's scan.
_PLACE_HINTS: list[Optional[tuple[str, ...]]] = [
    tuple(f"{w} of " for w in _PLACE_NOUNS),
    tuple(f" {w}" for w in _VENUES),
    None,
]


def find_place(text: str) -> str:
    """A place name in *text*: "the northern city of X" beats "in X"."""
    for pat, hints in zip(_PLACE_PATTERNS, _PLACE_HINTS):
        if hints is not None and not any(map(text.__contains__, hints)):
            continue
        for m in pat.finditer(text):
            words = m.group("p").split()
            while words and words[0] in _NOT_PLACE:
                words = words[1:]
            while words and words[-1] in _NOT_PLACE:
                words = words[:-1]
            name = " ".join(words).strip()
            if name.endswith(("’s", "'s")):
                name = name[:-2]
            if (name and name.split()[0] not in _NOT_PLACE and len(name) > 2
                    and not _DEMONYM.match(name) and name.split()[-1] not in _INSTITUTION):
                return name
    return ""
