"""Event ids and the timeline's order, shared by detection (:mod:`.detect`)
and the merge across articles (:mod:`.merge`), so that neither imports the other.

An id is the date and the first title words (``2011-03-15-protest-deraa``),
given in the timeline's order so that the ``-2``, ``-3`` of a collision
follow the reading order.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from ...models import Event, SourceRef, parse_fuzzy
from ...slug import slug


def assign_ids(events: list[Event]) -> None:
    """Stable ids: date + title words, ``-2``, ``-3`` on collision (in sorted order)."""
    seen: dict[str, int] = {}
    for ev in sorted(events, key=sort_key):
        words = slug(ev.title, fallback="", stop_words=STOP_WORDS, max_words=6)
        base = f"{ev.date.lower()}-{words}".strip("-")[:72].rstrip("-")
        n = seen.get(base, 0) + 1
        seen[base] = n
        ev.id = base if n == 1 else f"{base}-{n}"


@lru_cache(maxsize=4096)
def fuzzy(value: str) -> tuple:
    """:func:`parse_fuzzy`, remembered: a corpus has a few thousand distinct
    dates, parsed ~20,000 times by the sorts, blocks and merge tests of 2,217
    events at 624 articles.  The tuple (dates and a string) never changes;
    an invalid date raises as before (exceptions are not remembered)."""
    return parse_fuzzy(value)


def sort_key(ev: Event) -> tuple:
    first, last, _ = fuzzy(ev.date)
    if ev.end:
        last = fuzzy(ev.end)[1]
    src = ev.sources[0] if ev.sources else SourceRef(article="", sentence=0)
    return (first, last, ev.title, src.article, src.sentence)
