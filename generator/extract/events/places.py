"""Where an event happened: "in Homs", "the northern city of Hama", a venue's city."""

from __future__ import annotations

import re
from typing import Optional



# --------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------

_NAME = r"[A-Z][\w'’-]+(?:\s+(?:al-|el-)?[A-Z][\w'’-]+){0,3}"
_SETTLEMENTS = ("city", "town", "village", "province", "district", "suburb", "region")
"""Nouns of "the northern city of X": a place follows (find_place), a title drops them (_PLACE_NP)."""
_PLACE_NOUNS = _SETTLEMENTS + ("neighbourhood", "neighborhood", "capital")
_VENUES = ("conference", "summit", "meeting", "talks")
_PLACE_PATTERNS = [
    re.compile(rf"\b(?:{'|'.join(_PLACE_NOUNS)}) of (?P<p>{_NAME})"),
    re.compile(rf"\b(?P<p>{_NAME}) (?:{'|'.join(_VENUES)})\b"),
    re.compile(rf"\b(?:in|near|outside|around|at|into|from) (?:the )?(?P<p>{_NAME})"),
]
_NOT_PLACE = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "The", "A", "An", "This", "That",
    "Reuters", "President", "Mr", "Mrs", "Ms", "Dr", "General", "Gen", "Minister",
}


_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|ish|ese|ean|can|qi|eli)$")
"""'Syrian', 'Turkish', 'Lebanese': adjectives, not places."""
_INSTITUTION = {"League", "Council", "Army", "Observatory", "Committee", "Committees", "Nations",
                "Union", "Party", "Government", "Ministry", "Agency", "Forces", "Organization",
                "Organisation", "Court", "Assembly", "Front", "Brigade", "Brigades", "Guard"}


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
