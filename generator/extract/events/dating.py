"""Which date expression dates a trigger: by the parse (the expression its predicate
governs) or, without one, by the clause rules (same comma segment, a leading "On Friday,")."""

from __future__ import annotations

import bisect
import re
from typing import Optional

from .. import dates
from .lexicon import Trigger, cues


_CLAUSE_BREAK = re.compile(r"[,;:]\s|\s[–—-]{1,2}\s")


def _segments(text: str, timexes: list[dates.Timex]) -> list[tuple[int, int]]:
    """Comma/semicolon/colon/dash-separated clauses, timex spans kept whole."""
    flat = text
    spans = [text[t.start:t.end] for t in timexes]
    if any("," in x or ";" in x or ":" in x for x in spans):  # most date expressions have none
        protected = list(text)
        for t in timexes:
            for i in range(t.start, t.end):
                if protected[i] in ",;:":
                    protected[i] = " "
        flat = "".join(protected)
    bounds, start = [], 0
    for m in _CLAUSE_BREAK.finditer(flat):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


def _segment_of(pos: int, segs: list[tuple[int, int]], starts: Optional[list[int]] = None) -> int:
    """The clause holding *pos* (segments are sorted and disjoint: a binary
    search, so a 10,000-character run-on piece costs no quadratic scan); a
    position between clauses or past the end counts in the last one."""
    i = bisect.bisect_right(starts if starts is not None else [a for a, _ in segs], pos) - 1
    return i if i >= 0 and pos < segs[i][1] else len(segs) - 1


_NOT_EVENT_DATE = re.compile(
    r"(?:\bsince\b.*|\b(?:until|till|by|through|throughout|for|over)\s+(?:the\s+)?(?:past\s+|last\s+|end\s+of\s+)?|"
    r"\b(?:in|during)\s+the\s+(?:past|last)\s+)$",
    re.IGNORECASE,
)


def no_day(tx: dates.Timex) -> bool:
    """Is the expression a time of day that names no day ("in the afternoon",
    "at 5 p.m.": :func:`dates.tag` keeps it a TIME)?  The tagger puts it on the
    publication day, but a happening it times may be the day before ("the
    earthquake struck around 5 p.m." in the next morning's paper)."""
    return tx.type == "TIME"


_AS_OF = re.compile(r"\bas\s+of\s+$", re.IGNORECASE)


def as_of(text: str, tx: dates.Timex) -> bool:
    """Is the expression the date of a state ("264 cases as of Wednesday")?"""
    return bool(_AS_OF.search(text, max(0, tx.start - 8), tx.start))


def _over_within(edge: str, tx: dates.Timex) -> bool:
    """Is the span word before the expression "over" a period it places the happening
    within ("warned the West over the weekend": ``over_within`` in the cues)?"""
    words = tx.text.lower().split()
    return edge.lower().startswith("over") and bool(words) and words[-1] in cues().over_within


def pair_date(triggers: list[Trigger], timexes: list[dates.Timex], text: str
              ) -> Optional[tuple[Trigger, dates.Timex]]:
    """The (trigger, timex) pair that dates this sentence, if any.

    A timex dates the triggers of its own clause; a clause that is nothing but
    a leading date ("On Friday, ...") dates the next clause.  Strongest
    trigger first, then the closest.
    """
    segs = _segments(text, timexes)
    starts = [a for a, _ in segs]
    trigger_seg = [_segment_of(t.start, segs, starts) for t in triggers]
    best = None
    for tx in timexes:
        si = _segment_of(tx.start, segs, starts)
        edge = _NOT_EVENT_DATE.search(text[segs[si][0]: tx.start])
        if (edge and not _over_within(edge.group(), tx)) or re.match(r"(?:the\s+)?past\b", tx.text, re.I):
            continue  # "killed since March", "until June": a span's edge, not the day
        if no_day(tx) or as_of(text, tx):
            continue  # "in the afternoon": which day?  "264 cases as of Wednesday": a state
        same = [t for t, ts in zip(triggers, trigger_seg) if ts == si]
        if not same and si == 0 and len(segs) > 1:
            same = [t for t, ts in zip(triggers, trigger_seg) if ts == 1]
        for t in same:
            dist = min(abs(t.start - tx.end), abs(tx.start - t.end))
            key = (-t.strength, dist, t.start)
            if best is None or key < best[0]:
                best = (key, t, tx)
    return (best[1], best[2]) if best else None


_PREDICATES = {"VERB", "AUX"}


def _governor(token, limit: int = 8):
    """The nearest verb at or above *token* in the parse (None at the root)."""
    for _ in range(limit):
        if token.pos_ in _PREDICATES:
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def governed_date(doc, trig: Trigger, timexes: list[dates.Timex]) -> Optional[dates.Timex]:
    """The timex whose phrase the parse attaches to the trigger's predicate
    ("troops [shelled] Homs [on Friday], a week after rebels seized it on 3 March":
    Friday, not the first date named), or None when the parse says nothing
    (no doc, a text that differs from the sentence's, no timex under the verb)."""
    span = doc.char_span(trig.start, trig.end, alignment_mode="expand")
    if span is None or not doc.has_annotation("DEP"):
        return None
    verb = _governor(span.root)
    if verb is None:
        return None
    for tx in timexes:
        tspan = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if tspan is None or tspan.root.i == verb.i:
            continue
        gov = _governor(tspan.root.head)
        if gov is not None and gov.i == verb.i:  # spaCy makes a new Token per access: compare indices
            return tx
    return None


def parsed_pair(doc, triggers: list[Trigger], timexes: list[dates.Timex]
                ) -> Optional[tuple[Trigger, dates.Timex]]:
    """With a parse: the strongest trigger nearest the main clause (fewest heads
    from its verb to the root) among those that govern a date, with that date;
    None when no trigger's predicate governs one."""
    best = None
    for t in triggers:
        tx = governed_date(doc, t, timexes)
        if tx is None:
            continue
        verb = _governor(doc.char_span(t.start, t.end, alignment_mode="expand").root)
        depth = 0
        while verb.head.i != verb.i and depth < 20:
            verb, depth = verb.head, depth + 1
        key = (-t.strength, depth, t.start)
        if best is None or key < best[0]:
            best = (key, t, tx)
    return (best[1], best[2]) if best else None
