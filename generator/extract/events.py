"""Dated events: which sentences report a happening, when, and in what words.

Why rules and not a model: the briefing runs offline on a blank spaCy
pipeline, and a timeline is only as good as its dates -- so the design follows
the timeline-summarization lesson (see the field guide): find a *happening*
with a trigger lexicon in the spirit of CAMEO codes, date it with the
sentence's own temporal expression (``dates.tag``), and fall back to the
publication date only when the sentence's tense says it reports that day
(``dates.reports_on_publication_day``).  A sentence whose date cannot be
resolved, or that speaks of the future, is *held* for ``briefing review``
rather than guessed.

Pipeline per sentence (``scan_article``):

1. mask quoted speech (a trigger inside a quote is someone's words, not a
   reported happening) -- quotes may run over several sentences;
2. find triggers (``LEXICON``, data in ``generator/data/event_triggers.yaml``:
   kind, strength); negated or modal/future ones ("did not vote", "will meet")
   do not count;
3. pair a trigger with a timex in the same clause (comma segment), or with a
   sentence-initial "On Friday," segment; the pair with the strongest trigger
   wins;
4. with the sentence's parse, add the parse-based model's events
   (:mod:`.events_parse`): every predicate -- a verb, or an event noun -- that
   governs a date expression and is asserted (not negated, future, modal,
   hypothetical, a state), one per date the lexicon's event did not take, so
   happenings the lexicon has no word for ("said on Sunday", "reported on
   Monday", "his death on 25 June") and a sentence's second dated happening
   are found; a happening the article repeats at a coarser grain is dropped
   (:func:`finest_grain`);
5. build a headline-like title by rules (:func:`make_title`), or from the
   predicate's own clause for a happening outside the main clause.

``merge_events`` then fuses the same happening reported by several articles:
events are blocked by date (exact day, or identical range/week/month/year) and
compared within a block by overlap of content stems, numbers and places.

The work is shared by sibling modules, imported one way: :mod:`.events_lexicon`
(triggers), :mod:`.events_parse` (the parse-based model), :mod:`.events_dating`
(which expression dates a trigger, from the parse or the clause rules),
:mod:`.events_places`, :mod:`.events_titles`, this module (detection, ids and order) and :mod:`.events_merge`, which builds on the
ids and order here; its names are served from here too (``merge_events``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from spacy.lang.en.stop_words import STOP_WORDS

from ..models import Article, Event, Sentence, SourceRef, parse_fuzzy
from ..slug import slug
from . import dates
from .events_dating import pair_date, parsed_pair
from .events_lexicon import (
    Trigger, _CLOSE, _HEDGE, _HEDGE_LOWER, _MODAL, _MODAL_LOWER, _NEGATION, _NEGATION_LOWER,
    _OPEN, _QUOTE_MARK, _STRENGTH, _TRIGGER, _background, _lower_matches,
)
from .events_parse import SPEECH, Candidate, candidates, clause_title, happening_key, in_main_clause, indefinite_past
from .events_places import find_place
from .events_titles import _PRONOUN_START, _title
from .nlp import lower_safe


def _mask_quotes(text: str, inside: bool) -> tuple[str, bool]:
    """Blank out quoted speech; return (masked text, still inside a quote).

    Straight double quotes toggle; typographic quotes open and close.  A
    sentence that starts inside a quote (the quote began in an earlier
    sentence) is masked up to its closing mark.
    """
    if not _QUOTE_MARK.search(text):  # most sentences: nothing to toggle
        return (" " * len(text) if inside else text), inside
    # visit only the marks (a regex scan), copying or blanking the text between
    out = []
    pos = 0
    for m in _QUOTE_MARK.finditer(text):
        k, ch = m.start(), m.group()
        out.append(" " * (k - pos) if inside else text[pos:k])
        out.append(" ")
        inside = True if ch in _OPEN else False if ch in _CLOSE else not inside
        pos = k + 1
    out.append(" " * (len(text) - pos) if inside else text[pos:])
    return "".join(out), inside


@dataclass(frozen=True)
class Held:
    """A sentence that reports a happening but could not be dated safely.

    Kept for ``briefing review`` so an editor can date it by hand; never
    written to the timeline on a guess.
    """

    article: str
    sentence: int
    text: str
    reason: str
    date_text: str = ""


@dataclass
class EventScan:
    events: list[Event] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)


# --------------------------------------------------------------------------
# Per-article extraction
# --------------------------------------------------------------------------


def find_triggers(masked: str) -> tuple[list[Trigger], list[Trigger]]:
    """Triggers in *masked* text: (asserted, future-or-hypothetical).

    A pure function of the text, remembered per distinct sentence (a bounded
    LRU of frozen triggers: wire copy and boilerplate repeat across
    articles); each call gets lists of its own.
    """
    asserted, hypothetical = _triggers_cached(masked)
    return list(asserted), list(hypothetical)


@lru_cache(maxsize=8192)
def _triggers_cached(masked: str) -> tuple[tuple[Trigger, ...], tuple[Trigger, ...]]:
    asserted, hypothetical = _find_triggers(masked)
    return tuple(asserted), tuple(hypothetical)


def _find_triggers(masked: str) -> tuple[list[Trigger], list[Trigger]]:
    """:func:`find_triggers`, computed."""
    asserted, hypothetical = [], []
    low = lower_safe(masked)
    if low is not None:  # lower-case patterns on the lowered text: same offsets, no re.I
        matches, text, negation, modal, hedge = _lower_matches(low), low, _NEGATION_LOWER, _MODAL_LOWER, _HEDGE_LOWER
    else:
        matches, text, negation, modal, hedge = _TRIGGER.finditer(masked), masked, _NEGATION, _MODAL, _HEDGE
    hedge_end: Optional[int] = None
    for m in matches:
        before = text[max(0, m.start() - 40): m.start()]
        if negation.search(before):
            continue
        kind, strength = _STRENGTH[m.lastgroup]
        trig = Trigger(m.start(), m.end(), masked[m.start():m.end()], kind, strength)
        if hedge_end is None:
            h = hedge.search(text)
            hedge_end = h.end() if h else len(masked) + 1
        # _HEDGE.search(masked[:start]): the first hedge word ends before the
        # trigger (none can end exactly at it: a trigger starts after a non-word
        # character, every hedge word ends with a letter)
        if modal.search(before) or hedge_end <= m.start():
            hypothetical.append(trig)
        else:
            asserted.append(trig)
    return asserted, hypothetical


def _main_trigger(triggers: list[Trigger]) -> Trigger:
    return min(triggers, key=lambda t: (-t.strength, t.start))


def scan_article(article: Article, sentence_actors: dict[int, list[str]] | None = None,
                 ids: bool = True, docs: Optional[list] = None) -> EventScan:
    """Events of one article plus the sentences held back for review.

    *ids* False leaves every event's id ``pending`` and the events in text
    order: for a caller that hands them to :func:`merge_events`, which
    sorts them and gives ids itself (the article's own ids never reach the
    timeline; 0.04 s of sorting and validated id assignments at 624
    articles).
    """
    scan = EventScan()
    inside = False
    keyed: list[tuple[Event, str, bool]] = []  # (event, happening key, nominal) for :func:`finest_grain`
    for i, sent in enumerate(article.sentences):
        masked, inside = _mask_quotes(sent.text, inside)
        if len(sent.text.split(None, 4)) < 5:  # fewer than five words (split no further than that)
            continue
        asserted, hypothetical = find_triggers(masked)
        doc = docs[i] if docs is not None and i < len(docs) else None
        if doc is not None and doc.text != sent.text:
            doc = None  # the parse must be of this very text: offsets are shared
        timexes = _timexes(sent.text, article.published) if asserted or doc is not None else []
        parsed = candidates(doc, timexes, article.published) if doc is not None and timexes else []
        if not asserted and not parsed:
            if hypothetical:
                scan.held.append(Held(article.id, sent.index, sent.text, "future or hypothetical"))
            continue
        actors = sorted(set((sentence_actors or {}).get(sent.index, [])))
        ev = _event_for(article, sent, masked, asserted, scan, actors, doc, timexes) if asserted else None
        if ev is not None:
            trig = _main_trigger(asserted)
            keyed.append((ev, happening_key(_lemma_of(trig, doc), trig.nominal), trig.nominal))
        keyed.extend(_parsed_events(article, sent, parsed, asserted, timexes, ev, scan, actors, doc))
    scan.events = finest_grain(keyed)
    if ids:
        _assign_ids(scan.events)
        scan.events.sort(key=_sort_key)
    return scan


def extract_events(article: Article, sentence_actors: dict[int, list[str]] | None = None,
                   ids: bool = True, docs: Optional[list] = None) -> list[Event]:
    """The dated events one article reports (see :func:`scan_article`); with
    *docs* (one parsed spaCy ``Doc`` per sentence), each is dated by the
    expression its predicate governs in the parse."""
    return scan_article(article, sentence_actors, ids, docs).events


def _timexes(text: str, published) -> list[dates.Timex]:
    return dates.tag(text, published)


def _parsed_events(article: Article, sent: Sentence, parsed: list[Candidate], triggers: list[Trigger],
                   timexes: list[dates.Timex], lexical: Optional[Event], scan: EventScan,
                   actors: list[str], doc=None) -> list[tuple[Event, str, bool]]:
    """Events of the parse-based model (:mod:`.events_parse`) the trigger
    lexicon did not find: one per date of the sentence not already an event's
    (one sentence may date two happenings: "lodged a patent application in
    2006 and filed it in 2007")."""
    out: list[tuple[Event, str, bool]] = []
    taken = {lexical.date} if lexical is not None else set()
    for c in parsed:
        tx = c.timex
        if tx.value in taken:
            continue
        taken.add(tx.value)
        trig = _candidate_trigger(c, triggers)
        own_title = lexical is not None or bool(out) or not in_main_clause(doc, c)
        ev = _dated_event(article, sent, trig, tx, timexes, [trig, *triggers], scan, actors,
                          clause_title(doc, c, timexes) if own_title else None)
        if ev is not None:
            out.append((ev, happening_key(c.lemma, c.nominal), c.nominal))
    return out


def _lemma_of(trig: Trigger, doc) -> str:
    """The lemma of a trigger's word, as the parse has it when there is one
    ("died" -> "die")."""
    if doc is not None:
        span = doc.char_span(trig.start, trig.end, alignment_mode="expand")
        if span is not None:
            return span.root.lemma_.lower()
    return trig.word.lower()


def finest_grain(keyed: list[tuple[Event, str, bool]]) -> list[Event]:
    """One article's events, without those that repeat a happening (the same
    :func:`.events_parse.happening_key`): at a coarser grain ("his death last
    June" where the article also says "his death on 25 June"), or as a noun
    on the day a verb reports it ("today's death" beside "has died today")."""
    out = []
    for ev, key, nominal in keyed:
        first, last, _ = _fuzzy(ev.date)
        repeated = any(o is not ev and ko == key and (
            (o.date != ev.date and first <= _fuzzy(o.date)[0] and _fuzzy(o.date)[1] <= last)
            or (o.date == ev.date and nominal and not no)) for o, ko, no in keyed)
        if not repeated:
            out.append(ev)
    return out


def _candidate_trigger(c: Candidate, triggers: list[Trigger]) -> Trigger:
    """A parse candidate as a trigger: the lexicon's kind and strength where a
    lexicon trigger covers its word, else a statement (a speech verb) or an act."""
    for t in triggers:
        if t.start <= c.start < t.end or c.start <= t.start < c.end:
            return t
    kind, strength = ("say", 1) if c.lemma in SPEECH else ("act", 2)
    return Trigger(c.start, c.end, c.word, kind, strength)


def _event_for(article: Article, sent: Sentence, masked: str, triggers: list[Trigger],
               scan: EventScan, actors: Optional[list[str]] = None, doc=None,
               timexes: Optional[list[dates.Timex]] = None) -> Optional[Event]:
    if timexes is None:
        timexes = _timexes(sent.text, article.published)
    pair = pair_date(triggers, timexes, sent.text) if timexes else None
    if pair is not None and doc is not None and doc.text == sent.text and len(timexes) > 1:
        pair = parsed_pair(doc, triggers, timexes) or pair  # the parse knows which date is whose
    if pair is not None:
        trig, tx = pair
        if tx.value is None:
            scan.held.append(Held(article.id, sent.index, sent.text, "unresolved date", tx.text))
            return None
        date, end, resolution, date_text = tx.value, tx.end_value, tx.resolution, tx.text
        if resolution not in ("explicit", "relative"):
            resolution = "relative"
        anchor = article.id if resolution == "relative" else None
    elif (not timexes and article.published and any(not t.nominal for t in triggers)
          and not _background(masked) and _reports_today(sent.text)
          and not indefinite_past(doc, _main_trigger([t for t in triggers if not t.nominal]))):
        trig, tx = _main_trigger([t for t in triggers if not t.nominal]), None
        date, end, resolution, date_text = article.published.isoformat(), None, "publication", ""
        anchor = article.id
    else:
        return None
    return _make_event(article, sent, trig, timexes, triggers, scan, actors,
                       date, end, resolution, date_text, anchor)


def _dated_event(article: Article, sent: Sentence, trig: Trigger, tx: dates.Timex,
                 timexes: list[dates.Timex], triggers: list[Trigger], scan: EventScan,
                 actors: Optional[list[str]], title: Optional[str] = None) -> Optional[Event]:
    """The event of *trig* dated by *tx* (a resolved expression of the sentence);
    *title* given, it replaces the sentence's rule-built title."""
    resolution = tx.resolution if tx.resolution in ("explicit", "relative") else "relative"
    anchor = article.id if resolution == "relative" else None
    return _make_event(article, sent, trig, timexes, triggers, scan, actors,
                       tx.value, tx.end_value, resolution, tx.text, anchor, title)


def _make_event(article: Article, sent: Sentence, trig: Trigger, timexes: list[dates.Timex],
                triggers: list[Trigger], scan: EventScan, actors: Optional[list[str]],
                date: str, end: Optional[str], resolution: str, date_text: str,
                anchor: Optional[str], title: Optional[str] = None) -> Optional[Event]:
    """The event record, or None (held for review when its date is after publication)."""
    if article.published and _fuzzy(date)[0] > article.published:
        scan.held.append(Held(article.id, sent.index, sent.text, "future date", date_text))
        return None
    title = title or _title(sent.text, trig, timexes, triggers)
    if not title:
        return None
    place = _place(sent.text)
    if place and len(title.split()) < 4 and place not in title:
        title = f"{title} in {place}"  # "Anti-government protest" -> "... in Houla"
    confidence = _confidence(trig, resolution, sent.text)
    if _PRONOUN_START.match(title):
        confidence = round(max(0.05, confidence - 0.2), 2)  # "He urged ...": who?
    if end is not None and end == date:
        end = None
    return Event(
        id="pending",
        date=date,
        end=end,
        date_text=date_text,
        resolution=resolution,
        anchor=anchor,
        title=title,
        summary=sent.text.strip(),
        place=place,
        sources=[SourceRef(article=article.id, sentence=sent.index, text=sent.text)],
        confidence=confidence,
        actors=actors or [],
    )


@lru_cache(maxsize=8192)
def _place(text: str) -> str:
    """:func:`find_place`, remembered per text (a pure function of it)."""
    return find_place(text)


@lru_cache(maxsize=8192)
def _reports_today(text: str) -> bool:
    """:func:`dates.reports_on_publication_day`, remembered per text (a pure function of it)."""
    return dates.reports_on_publication_day(text)


def _confidence(trig: Trigger, resolution: str, text: str) -> float:
    """Trigger strength + how the date was found + a sane sentence length."""
    c = {3: 0.55, 2: 0.45, 1: 0.3}[trig.strength]
    c += {"explicit": 0.3, "relative": 0.25, "publication": 0.1}.get(resolution, 0.0)
    n = len(text.split())
    c += 0.1 if 8 <= n <= 40 else -0.1 if n > 60 else 0.0
    return round(max(0.05, min(0.95, c)), 2)


# --------------------------------------------------------------------------
# Ids and order
# --------------------------------------------------------------------------


def _assign_ids(events: list[Event]) -> None:
    """Stable ids: date + title words, ``-2``, ``-3`` on collision (in sorted order)."""
    seen: dict[str, int] = {}
    for ev in sorted(events, key=_sort_key):
        words = slug(ev.title, fallback="", stop_words=STOP_WORDS, max_words=6)
        base = f"{ev.date.lower()}-{words}".strip("-")[:72].rstrip("-")
        n = seen.get(base, 0) + 1
        seen[base] = n
        ev.id = base if n == 1 else f"{base}-{n}"


@lru_cache(maxsize=4096)
def _fuzzy(value: str) -> tuple:
    """:func:`parse_fuzzy`, remembered: a corpus has a few thousand distinct
    dates, parsed ~20,000 times by the sorts, blocks and merge tests of 2,217
    events at 624 articles.  The tuple (dates and a string) never changes;
    an invalid date raises as before (exceptions are not remembered)."""
    return parse_fuzzy(value)


def _sort_key(ev: Event) -> tuple:
    first, last, _ = _fuzzy(ev.date)
    if ev.end:
        last = _fuzzy(ev.end)[1]
    src = ev.sources[0] if ev.sources else SourceRef(article="", sentence=0)
    return (first, last, ev.title, src.article, src.sentence)


_PARTS = ("events_lexicon", "events_parse", "events_dating", "events_places", "events_titles", "events_merge")


def __getattr__(name: str):
    """``events.merge_events``, ``events.make_title`` ...: every name of the event
    modules stays reachable from ``generator.extract.events``.  Looked up on use
    (PEP 562) because :mod:`.events_merge` imports this module's ids and order."""
    from importlib import import_module

    for part in _PARTS:
        module = import_module(f"{__package__}.{part}")
        if hasattr(module, name):
            return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
