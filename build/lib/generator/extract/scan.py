"""Lexicon scans in one regex: the big alternation tried only at plausible word starts.

A lexicon pattern (``\\b(?:phrase|...)``, a hundred phrases or more) run with
``finditer`` is tried at every character of the text, and each try walks
the alternation.  Every match starts at a word start whose first letters
begin one of its phrases (:func:`word_heads`), so the same matches come
from the pattern with that test written in front of it as a lookahead
(``\\b(?=<heads>)(?:phrase|...)``, :func:`at_heads`): one ``finditer``, all in
C.  Measured on the 624 articles: event triggers over 12,926 sentences
102 -> 80 ms (against a Python walk over the head positions), stance verbs
over 14,000 sentences 124 -> 90 ms.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional


def word_heads(words, size: int = 3) -> Optional[frozenset[str]]:
    """First *size* characters of each lower-case phrase in *words*, for
    :func:`at_heads`; None when a phrase is shorter or does not start with a
    letter or digit (then no prefilter is safe)."""
    heads = set()
    for w in words:
        if len(w) < size or not w[:1].isalnum() or not w[:size].isascii() or w[:size] != w[:size].lower():
            return None
        heads.add(w[:size])
    return frozenset(heads)


def _trie(heads: frozenset[str]) -> str:
    """``a(?:bd|cc)|b(?:la|om)|...``: the regex engine rejects a branch on its
    first literal, so a word start costs a few character compares."""
    by_first: dict[str, list[str]] = {}
    for h in sorted(heads):
        by_first.setdefault(h[:1], []).append(re.escape(h[1:]))
    return "|".join(re.escape(c) + "(?:" + "|".join(rest) + ")" for c, rest in by_first.items())


@lru_cache(maxsize=64)
def at_heads(rx: re.Pattern, heads: Optional[frozenset[str]]) -> re.Pattern:
    """*rx* (which must start with ``\\b``) tried only where one of *heads* starts a word.

    ``at_heads(rx, heads).finditer(low)`` gives the matches of
    ``rx.finditer(low)`` when every match of *rx* starts a word with one of
    *heads*: a match of *rx* at such a word start, the next one searched from
    its end.  The lookahead has no
    groups, so group numbers and names stay those of *rx*.  ``heads`` None
    (no prefilter is safe) gives *rx* itself.
    """
    if heads is None:
        return rx
    if not rx.pattern.startswith(r"\b") or not heads:
        raise ValueError("at_heads needs a pattern starting with \\b and at least one head")
    return re.compile(r"\b(?=" + _trie(heads) + ")" + rx.pattern[2:], rx.flags)
