"""One event per happening across articles: blocks by date, then content stems,
numbers and places decide whether two reports are the same happening."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from spacy.lang.en.stop_words import STOP_WORDS

from ...models import Event
from ..dates import MONTHS, NUMBER_WORDS
from ..dates.lexicon import alternation
from ..nlp import lower_safe
from .ids import assign_ids, fuzzy, sort_key


# --------------------------------------------------------------------------
# Merging across articles
# --------------------------------------------------------------------------

MERGE_OVERLAP = 0.5
"""Share of the smaller event's content stems the other must contain."""
MERGE_MIN_SHARED = 3

_RES_RANK = {"editor": 0, "explicit": 1, "relative": 2, "publication": 3, "unresolved": 4}


def _stem(w: str) -> str:
    for suf in ("ing", "ed", "es", "s", "e"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[: -len(suf)]
    return w


_NUMBER_WORDS = {w: n for w, n in NUMBER_WORDS.items() if n <= 20}
_WORD_NUMBER = re.compile(r"\b(?:" + "|".join(w for w, n in _NUMBER_WORDS.items() if n >= 2) + r")\b", re.IGNORECASE)
"""Counts written as words ('two people') compare with digits; 'one' is too ambiguous."""


def content_stems(ev: Event) -> frozenset[str]:
    """Content words (stemmed), numbers and place of an event's summary."""
    return _stems(ev.summary, ev.place)


@lru_cache(maxsize=8192)
def _stems(summary: str, place: str) -> frozenset[str]:
    """:func:`content_stems` of a summary and place, remembered: the same
    sentence reported by several articles is one summary to compare.

    On text lower() keeps (:func:`.nlp.lower_safe`) the number words are
    replaced after lower-casing, by the pattern without re.I: the same
    words at the same places, ~2x faster; each word's stem is remembered
    (a corpus's words repeat).
    """
    text = f"{summary} {place}"
    low = lower_safe(text)
    if low is not None:
        text = _WORD_NUMBER_LOWER.sub(_number_of, low)
    else:
        text = _WORD_NUMBER.sub(_number_of, text).lower()
    text = _DAY_OR_CLOCK.sub(" ", text)
    words = [w.strip("'’.,") for w in _STEM_WORD.findall(text)]
    return frozenset([_stem_cached(w) for w in words if w and w not in STOP_WORDS and len(w) > 2 or w.isdigit()])


_WORD_NUMBER_LOWER = re.compile(_WORD_NUMBER.pattern)
_MONTH = alternation(MONTHS) + r"\b\.?"  # the tagger's names
_DAY_OR_CLOCK = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}|\b\d{{1,2}}:\d\d\b")
"""A day of the month ("May 17", "17 May") or a clock time ("8:14") is no count: two
reports of one day must not share a "17" by their datelines (the WHO's "8,480 cases" and
Japan's "17 cases" on May 17 are two happenings)."""
_STEM_WORD = re.compile(r"[a-z][a-z0-9'’-]+|\d[\d,.]*")  # "h1n1" is a word, not two 1s
_stem_cached = lru_cache(maxsize=16384)(_stem)


def _number_of(m: re.Match) -> str:
    """The digits of a number word.  re.I also matches letters that fold to
    ASCII ("\u017fix" with a long s, the Kelvin sign), which lower() keeps:
    casefold() maps those; anything else stays as written."""
    word = m.group()
    n = _NUMBER_WORDS.get(word.lower())
    if n is None:
        n = _NUMBER_WORDS.get(word.casefold())
    return word if n is None else str(n)


def _numbers(stems: frozenset[str]) -> set[str]:
    """Counts (not years): two reports with different tolls are different reports."""
    return {w.replace(",", "") for w in stems if w[:1].isdigit() and not re.fullmatch(r"(?:19|20)\d\d", w)}


def _same(a: Event, b: Event, sa: frozenset[str], sb: frozenset[str]) -> bool:
    shared = sa & sb
    coarse = fuzzy(a.date)[2] in ("month", "quarter", "year") or a.end is not None  # a.grain
    need_shared = MERGE_MIN_SHARED + (1 if coarse else 0)
    need_overlap = MERGE_OVERLAP + (0.1 if coarse else 0.0)
    if len(shared) < need_shared or not sa or not sb:
        return False
    if a.place and b.place and a.place != b.place:
        return False
    na, nb = _numbers(sa), _numbers(sb)
    if na and nb and not na & nb:
        return False
    return len(shared) / min(len(sa), len(sb)) >= need_overlap


def _block_key(ev: Event) -> tuple:
    """Events can only merge within a block: the same day, or the same span."""
    if fuzzy(ev.date)[2] == "day" and ev.end is None:  # ev.grain
        return ("day", ev.date)
    return ("span", ev.date, ev.end or "")


def merge_events(events: Iterable[Event], copy: bool = True) -> list[Event]:
    """One event per happening, sources from every article that reports it.

    Deterministic: blocks by date, union-find inside a block in sorted order,
    the best member (date resolution, confidence, title length) gives title,
    date and place; sources and actors are unions, sorted.  A day event also
    joins a weekend/week range that contains it only if an editor merges them
    -- ranges are compared with ranges, days with days.

    The input events are left as they were, unless *copy* is False: then
    they are the caller's to give away (the reduce's, unpickled for this
    call) and are reused and changed instead of copied (~2,000 copies at
    624 articles).
    """
    blocks: dict[tuple, list[Event]] = {}
    for ev in sorted(events, key=sort_key):
        blocks.setdefault(_block_key(ev), []).append(ev)
    merged: list[Event] = []
    for key in sorted(blocks):
        merged.extend(_merge_block(blocks[key], copy))
    assign_ids(merged)
    merged.sort(key=sort_key)
    return merged


def _merge_block(block: list[Event], copy: bool = True) -> list[Event]:
    parent = list(range(len(block)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    stems = [content_stems(e) for e in block]
    for i in range(len(block)):
        for j in range(i + 1, len(block)):
            if find(i) != find(j) and _same(block[i], block[j], stems[i], stems[j]):
                parent[find(j)] = find(i)
    groups: dict[int, list[Event]] = {}
    for i, ev in enumerate(block):
        groups.setdefault(find(i), []).append(ev)
    return [_fuse(g, copy) for _, g in sorted(groups.items())]


def _fuse(group: list[Event], copy: bool = True) -> Event:
    if len(group) == 1:
        return _copy_event(group[0]) if copy else group[0]
    best = min(group, key=lambda e: (_RES_RANK.get(e.resolution, 9), -e.confidence, len(e.title), e.title))
    refs = {(r.article, r.sentence): r for e in group for r in e.sources}
    out = _copy_event(best) if copy else best
    out.sources = [refs[k] for k in sorted(refs)]
    out.actors = sorted({a for e in group for a in e.actors})
    out.place = best.place or next((e.place for e in group if e.place), "")
    n_articles = len({r.article for r in out.sources})
    out.confidence = round(min(0.95, max(e.confidence for e in group) + 0.05 * (n_articles - 1)), 2)
    return out


def _copy_event(ev: Event) -> Event:
    """``ev.model_copy(deep=True)`` without the generic deep copy.

    Python's ``deepcopy`` walks every field recursively (~80 % of
    :func:`_fuse` on a corpus where most events stand alone).  An event's
    only mutable parts are its two lists and the source references in one
    of them (every other field is a string, number or bool), so a shallow
    model copy with those copied gives the same independent event: same
    values, same fields-set, nothing shared that can change.
    """
    out = ev.model_copy()
    values = out.__dict__  # the copy's own dict: set here without re-validating values already valid
    values["actors"] = list(ev.actors)
    values["sources"] = [r.model_copy() for r in ev.sources]
    return out
