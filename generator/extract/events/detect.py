"""One article's dated events: the sentences that report a happening, when, and
in what words (the pipeline is described in :mod:`generator.extract.events`).

Per sentence: mask quoted speech, find the lexicon's triggers
(:mod:`.lexicon`), pair one with the date expression that governs it
(:mod:`.dating`), add the parse-based model's other dated predicates
(:mod:`.parse`), title each (:mod:`.titles`), place it (:mod:`.places`); the
article's repeats of one happening at a coarser grain are dropped
(:func:`finest_grain`).  What cannot be dated safely is :class:`Held` for
``briefing review``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ...models import Article, Event, Sentence, SourceRef
from .. import dates
from ..nlp import lower_safe
from .dating import pair_date, parsed_pair
from .ids import assign_ids, fuzzy, sort_key
from .lexicon import (
    Trigger, _CLOSE, _HEDGE, _HEDGE_LOWER, _MODAL, _MODAL_LOWER, _NEGATION, _NEGATION_LOWER,
    _OPEN, _QUOTE_MARK, _STRENGTH, _TRIGGER, _background, _lower_matches,
)
from .parse import (
    SPEECH, Candidate, candidates, clause_title, dates_a_thing, happening_key, in_main_clause, indefinite_past,
    promised,
)
from .places import find_place
from .titles import _PRONOUN_START, _title


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
    before: Optional[tuple[str, list]] = None  # the previous sentence and its expressions
    # each sentence read after the last date the ones before it named ("on the same day" is it)
    read_in = dates.contexts((s.text for s in article.sentences), article.published)
    for i, (sent, context) in enumerate(zip(article.sentences, read_in)):
        previous, before = before, None
        masked, inside = _mask_quotes(sent.text, inside)
        if len(sent.text.split(None, 4)) < 5:  # fewer than five words (split no further than that)
            continue
        asserted, hypothetical = find_triggers(masked)
        doc = docs[i] if docs is not None and i < len(docs) else None
        if doc is not None and doc.text != sent.text:
            doc = None  # the parse must be of this very text: offsets are shared
        timexes = _from_happenings(_timexes(sent.text, article.published, context), sent.text, keyed, doc)
        before = (sent.text, timexes)
        parsed = candidates(doc, timexes, article.published) if doc is not None and timexes else []
        if not asserted and not parsed:
            if hypothetical:
                scan.held.append(Held(article.id, sent.index, sent.text, "future or hypothetical"))
            continue
        actors = sorted(set((sentence_actors or {}).get(sent.index, [])))
        ev = (_event_for(article, sent, masked, asserted, scan, actors, doc, timexes,
                         i < LEAD or (not timexes and (_names_day(previous, article.published)
                                                       or _after_the_leads(sent.text, article))))
              if asserted else None)
        if ev is not None:
            trig = _main_trigger(asserted)
            keyed.append((ev, happening_key(_lemma_of(trig, doc), trig.nominal), trig.nominal))
        keyed.extend(_parsed_events(article, sent, parsed, asserted, timexes, ev, scan, actors, doc))
    scan.events = finest_grain(keyed)
    if ids:
        assign_ids(scan.events)
        scan.events.sort(key=sort_key)
    return scan


def extract_events(article: Article, sentence_actors: dict[int, list[str]] | None = None,
                   ids: bool = True, docs: Optional[list] = None) -> list[Event]:
    """The dated events one article reports (see :func:`scan_article`); with
    *docs* (one parsed spaCy ``Doc`` per sentence), each is dated by the
    expression its predicate governs in the parse."""
    return scan_article(article, sentence_actors, ids, docs).events


def _timexes(text: str, published, context: dates.Named = None) -> list[dates.Timex]:
    return dates.tag(text, published, context, offsets=True)


def _from_happenings(timexes: list[dates.Timex], text: str, keyed: list[tuple[Event, str, bool]],
                     doc=None) -> list[dates.Timex]:
    """*timexes* with each offset from a happening ("five days after the seizure",
    resolution ``offset``) dated from the day of the latest event of the article
    that happening is (the same :func:`.parse.happening_key`: "the seizure" is
    "seized Homs on 3 March"), moved by its days.  An offset from a happening the
    article has not dated keeps no value: a length of time, and no date for the
    sentence (nor the publication day's)."""
    if not any(t.resolution == "offset" for t in timexes):
        return timexes
    out = []
    for t in timexes:
        if t.resolution == "offset" and t.offset is not None:
            day = _happening_day(text, t, keyed, doc)
            if day is not None:
                moved = dt.date.fromisoformat(day) + dt.timedelta(days=t.offset[0])
                t = dates.Timex(t.start, t.end, t.text, moved.isoformat(), None, "day", "relative")
        out.append(t)
    return out


def _happening_day(text: str, t: dates.Timex, keyed: list[tuple[Event, str, bool]], doc=None) -> Optional[str]:
    """The day of the article's latest event that the happening words of an
    offset name ("seizure" of "five days after the seizure": where the tagger
    found them, :attr:`dates.Timex.offset`), or None."""
    _, start, end = t.offset
    words = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    lemmas = ([w.lemma_.lower() for w in words] if words is not None
              else [w.lower() for w in text[start:end].split()])
    wanted = {happening_key(w, True) for w in lemmas} | {happening_key(w[:-1], True) for w in lemmas if w.endswith("s")}
    for ev, key, _ in reversed(keyed):
        if key in wanted and len(ev.date) == 10:
            return ev.date
    return None


def _parsed_events(article: Article, sent: Sentence, parsed: list[Candidate], triggers: list[Trigger],
                   timexes: list[dates.Timex], lexical: Optional[Event], scan: EventScan,
                   actors: list[str], doc=None) -> list[tuple[Event, str, bool]]:
    """Events of the parse-based model (:mod:`.parse`) the trigger
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
    :func:`.parse.happening_key`): at a coarser grain ("his death last
    June" where the article also says "his death on 25 June"), or as a noun
    on the day a verb reports it ("today's death" beside "has died today").  A
    statement (a speech verb) is no repeat of another ("said on Thursday" and "said
    earlier this week" are two statements): only what was said tells them apart."""
    out = []
    for ev, key, nominal in keyed:
        first, last, _ = fuzzy(ev.date)
        repeated = any(o is not ev and ko == key and (
            (o.date != ev.date and not (key in SPEECH and not nominal and not no)
             and first <= fuzzy(o.date)[0] and fuzzy(o.date)[1] <= last)
            or (o.date == ev.date and nominal and not no)) for o, ko, no in keyed)
        if not repeated:
            out.append(ev)
    return out


def _candidate_trigger(c: Candidate, triggers: list[Trigger]) -> Trigger:
    """A parse candidate as a trigger: the lexicon's kind and strength where a
    lexicon trigger covers its word, else a statement (a speech verb: a verb, not a
    noun, with a lemma of the quote finder's cues) or an act."""
    for t in triggers:
        if t.start <= c.start < t.end or c.start <= t.start < c.end:
            return t
    kind, strength = ("say", 1) if c.lemma in SPEECH and not c.nominal else ("act", 2)
    return Trigger(c.start, c.end, c.word, kind, strength)


LEAD = 4
"""Sentences of an article's lead (the headline among them): an undated report there is of
the publication day.  Further down, an undated past tense is as often background ("Ministers
urged people ...", "prosecutors used the same testimony") as the day's news, so it takes
the publication date only right after a sentence that names that day ("There was no letup
in violence Friday. At least 25 people were killed ..."); otherwise it is :class:`Held` for
``briefing review``, where an editor can date it."""


def _names_day(sentence: Optional[tuple[str, list]], published) -> bool:
    """Does the (text, expressions) sentence name the publication day itself?"""
    if sentence is None or published is None:
        return False
    return any(t.value == published.isoformat() for t in sentence[1])


_AFTER_THE = re.compile(r"\s*(?:After|Following)\s+the\s+([a-z]+?)(?:s|es)?\s*,")
"""A sentence that opens "After the meeting," goes on from a happening the article named."""


def _after_the_leads(text: str, article: Article) -> bool:
    """Does *text* open "After the meeting," where the lead (whose undated reports are
    of the publication day) names that meeting?  Then it continues the day's news:
    "More than 100 countries meeting in Paris have called ... After the meeting, the
    107 countries involved issued a communique"."""
    m = _AFTER_THE.match(text)
    if m is None:
        return False
    noun = re.compile(rf"\b{re.escape(m.group(1))}", re.IGNORECASE)
    return any(noun.search(s.text) for s in article.sentences[:LEAD])


def _event_for(article: Article, sent: Sentence, masked: str, triggers: list[Trigger],
               scan: EventScan, actors: list[str], doc, timexes: list[dates.Timex],
               reports_day: bool = True) -> Optional[Event]:
    pair = pair_date(triggers, timexes, sent.text) if timexes else None
    if pair is not None and doc is not None and doc.text == sent.text and len(timexes) > 1:
        pair = parsed_pair(doc, triggers, timexes) or pair  # the parse knows which date is whose
    if pair is not None and doc is not None and doc.text == sent.text and (
            dates_a_thing(doc, pair[1])  # "set a Saturday deadline": the date is the deadline's
            or (pair[0].nominal and promised(doc, pair[0].start, pair[0].end))):
        return None  # "promised a parliamentary election in February": not a happening yet
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
        if not reports_day:  # a report of the day, or background: an editor decides
            scan.held.append(Held(article.id, sent.index, sent.text, "no date of its own, outside the lead"))
            return None
        else:
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
    if article.published and fuzzy(date)[0] > article.published:
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
