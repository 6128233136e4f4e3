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
2. find triggers (``LEXICON``: kind, strength); negated or modal/future ones
   ("did not vote", "will meet") do not count;
3. pair a trigger with a timex in the same clause (comma segment), or with a
   sentence-initial "On Friday," segment; the pair with the strongest trigger
   wins -- one sentence, one event, so provenance stays one sentence;
4. build a headline-like title by rules (:func:`make_title`).

``merge_events`` then fuses the same happening reported by several articles:
events are blocked by date (exact day, or identical range/week/month/year) and
compared within a block by overlap of content stems, numbers and places.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import Iterable, NamedTuple, Optional

from spacy.lang.en.stop_words import STOP_WORDS

from ..models import Article, Event, Sentence, SourceRef, parse_fuzzy
from ..slug import slug
from . import dates
from .nlp import lower_safe
from .scan import at_heads

TITLE_MAX = 90
"""Longest title; longer ones are cut at a clause boundary."""

# --------------------------------------------------------------------------
# Trigger lexicon (CAMEO-like kinds); strength 3 = physical/decisive act,
# 2 = diplomatic act, 1 = verbal act.
# --------------------------------------------------------------------------

_IRR = r"(?:took|fell|fled|met|held|quit|froze|overran|retook|withdrew|shot|struck|broke|won|lost|sent)"

LEXICON: list[tuple[str, int, str]] = [
    ("kill", 3, r"killed|kills|killing|massacred?|massacres|died|shot dead|executed|slain|slaughtered|dead"),
    ("attack", 3, r"attacked|attacks?|shelled|shelling|bombed|bombings?|bombarded|bombardment|"
                  r"air ?strikes?|exploded|explosions?|blasts?|clashed|clashes|stormed|raided|raids?|"
                  r"ambushed|assaulted|assault|offensive|fired on|opened fire|torched|set fire|"
                  r"set ablaze|crushed|crackdown|struck"),
    ("seize", 3, r"seized|seizing|captured|capturing|took control|overran|recaptured|retook|fell to|"
                 r"took over|occupied"),
    ("defect", 3, r"defected|defections?|deserted|fled"),
    ("vote", 3, r"voted|vote|votes|passed (?:a|the) resolution|adopted|approved|endorsed"),
    ("veto", 3, r"vetoed|blocked"),
    ("sanction", 3, r"imposed (?:new |fresh |tougher |further )?(?:sanctions|an? (?:embargo|ban|curfew|no-fly zone))|"
                    r"sanctioned|froze|expelled|suspended"),
    ("agree", 2, r"agreed|agree|sign|signed|reached (?:a|an) (?:deal|agreement|accord)|accepted|ceasefire took effect|"
                 r"cease-fire took effect|truce took effect"),
    ("ceasefire", 2, r"ceasefire|cease-fire|truce"),
    ("arrest", 3, r"arrested|detained|rounded up|abducted|kidnapped|released|freed"),
    ("resign", 3, r"resigned|stepped down|quit|sacked|dismissed|appointed|sworn in"),
    ("elect", 3, r"elected|elections?|referendum|re-elected"),
    ("protest", 2, r"protested|protests?|protesters|demonstrated|demonstrations?|demonstrators|rallied|"
                   r"marched|took to the streets|uprising|unrest"),
    ("reject", 2, r"rejected|refused|denied|dismissed"),
    ("meet", 2, r"meet|met|meeting|meetings|summit|conference|talks|gathered|gathering|convened|hosted|"
                r"visited|arrived"),
    ("plan", 2, r"unveiled|announced|proposed|launched|presented|introduced|issued (?:a|an) "
                r"(?:statement|communique|declaration|decree)|recalled|withdrew|pulled out"),
    ("condemn", 1, r"condemned|condemning|denounced|accused|criticised|criticized|warned"),
    ("demand", 1, r"called for|urged|demanded|pressed for|appealed|threatened"),
]

_TRIGGER = re.compile(
    "|".join(rf"(?P<{kind}_{i}>\b(?:{body})\b)" for i, (kind, _, body) in enumerate(LEXICON)),
    re.IGNORECASE,
)
_STRENGTH = {f"{kind}_{i}": (kind, s) for i, (kind, s, _) in enumerate(LEXICON)}
# The same alternation for lower-cased ASCII text: no IGNORECASE and the
# shared leading \b tested once per position, ~3x faster than _TRIGGER and,
# on ASCII text (where lower() keeps every offset), the same matches.
_TRIGGER_LOWER = re.compile(
    r"\b(?:" + "|".join(rf"(?P<{kind}_{i}>(?:{body})\b)" for i, (kind, _, body) in enumerate(LEXICON)) + ")"
)



def _literal_prefix(alt: str) -> str:
    """The characters every match of regex alternative *alt* starts with."""
    out = []
    for k, ch in enumerate(alt):
        if not (ch.isalpha() or ch in " -") or alt[k + 1:k + 2] in ("?", "*", "+", "{"):
            break
        out.append(ch)
    return "".join(out)


def _top_level_alternatives(body: str) -> list[str]:
    alts, depth, cur = [], 0, []
    for ch in body:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "|" and depth == 0:
            alts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    return alts + ["".join(cur)]


def _trigger_heads() -> Optional[frozenset[str]]:
    """First three letters of every trigger alternative (None if one has fewer).

    _TRIGGER_LOWER can only match where a word starts with one of these, so
    :func:`find_triggers` tries it only there instead of scanning every
    character with the ~150-branch alternation.
    """
    heads = set()
    for _, _, body in LEXICON:
        for alt in _top_level_alternatives(body):
            pre = _literal_prefix(alt)
            if len(pre) < 3:
                return None
            heads.add(pre[:3])
    return frozenset(heads)


_HEADS = _trigger_heads()


def _long_heads(size: int = 5) -> Optional[frozenset[str]]:
    """The literal beginnings of the trigger alternatives, up to *size* characters.

    The scan tries the trigger pattern only where a word starts with one of
    these; five letters ("kille", "shell") instead of three ("kil", "she")
    send fewer word starts through the ~150-branch alternation (trigger scan
    over 12,926 sentences 86 -> 70 ms).  Every match starts with its
    alternative's literal beginning, so none is lost.
    """
    if _HEADS is None:
        return None
    return frozenset(_literal_prefix(alt)[:size] for _, _, body in LEXICON
                     for alt in _top_level_alternatives(body))


_TRIGGER_AT_HEADS = at_heads(_TRIGGER_LOWER, _long_heads())


def _lower_matches(low: str):
    """_TRIGGER_LOWER.finditer(low), trying the pattern only at word starts with a known head
    (the pattern tried only at word starts with a head, in one regex: :mod:`.scan`)."""
    return _TRIGGER_AT_HEADS.finditer(low)


NOMINAL = frozenset(
    """meeting meetings summit conference talks gathering ceasefire cease-fire truce protests
    protest protesters demonstrations demonstration demonstrators uprising unrest elections
    election referendum attack attacks airstrike airstrikes bombing bombings explosion
    explosions blast blasts raid raids assault offensive crackdown clashes shelling bombardment
    defection defections massacre massacres vote dead killing killings""".split()
) | {"air strike", "air strikes"}
"""Noun triggers name a kind of happening but do not assert one happened
("abiding by a cease-fire", "the Paris meeting was a major obstacle"): a
sentence whose only triggers are nominal is an event only when it carries its
own date ("a meeting in Geneva last weekend"), never by publication date."""

_BACKGROUND = re.compile(
    r"\b(?:previous|previously|already|so far|to date|twice|three times|in the past|long|"
    r"once|repeatedly|frequently|often|regularly|routinely|usually|since|ever)\b", re.IGNORECASE)
"""Undated sentences with these words recap the past: not the publication day's news."""
_BACKGROUND_LOWER = re.compile(_BACKGROUND.pattern)


def _background(text: str) -> bool:
    """``_BACKGROUND.search(text)``, on lower_safe text without re.I (same matches)."""
    low = lower_safe(text)
    return bool(_BACKGROUND_LOWER.search(low) if low is not None else _BACKGROUND.search(text))

_HEDGE = re.compile(r"\b(?:whether|not clear|unclear|not known|unconfirmed|if|unless)\b", re.IGNORECASE)

_NEGATION = re.compile(r"\b(?:not|n't|never|no|without|failed to)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_MODAL = re.compile(
    r"\b(?:will|'ll|shall|would|could|might|may|should|must|can|to|plans? to|expected to|"
    r"going to|due to|set to|aims? to|hopes? to|threatens? to|wants? to)\s+(?:\w+\s+){0,1}$",
    re.IGNORECASE,
)
# The three without re.I, for lower_safe() text (their letters are all lower-case a-z):
# ~2x faster, the same matches at the same offsets.
_HEDGE_LOWER = re.compile(_HEDGE.pattern)
_NEGATION_LOWER = re.compile(_NEGATION.pattern)
_MODAL_LOWER = re.compile(_MODAL.pattern)

# --------------------------------------------------------------------------
# Quotes
# --------------------------------------------------------------------------

_OPEN = "“«"
_CLOSE = "”»"
_QUOTE_MARK = re.compile('[“«”»"]')


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


# --------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------


class Trigger(NamedTuple):
    """A trigger word found in a sentence (offsets into the masked text).

    A named tuple, not a frozen dataclass: ~7,000 are made at 624 articles,
    and the title cache hashes them in its keys (a tuple hashes in C, a
    dataclass calls its Python ``__hash__``).
    """

    start: int
    end: int
    word: str
    kind: str
    strength: int

    @property
    def nominal(self) -> bool:
        return " ".join(self.word.lower().split()) in NOMINAL


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
        if _NOT_EVENT_DATE.search(text[segs[si][0]: tx.start]) or re.match(r"(?:the\s+)?past\b", tx.text, re.I):
            continue  # "killed since March", "until June": a span's edge, not the day
        same = [t for t, ts in zip(triggers, trigger_seg) if ts == si]
        if not same and si == 0 and len(segs) > 1:
            same = [t for t, ts in zip(triggers, trigger_seg) if ts == 1]
        for t in same:
            dist = min(abs(t.start - tx.end), abs(tx.start - t.end))
            key = (-t.strength, dist, t.start)
            if best is None or key < best[0]:
                best = (key, t, tx)
    return (best[1], best[2]) if best else None


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
    for i, sent in enumerate(article.sentences):
        masked, inside = _mask_quotes(sent.text, inside)
        if len(sent.text.split(None, 4)) < 5:  # fewer than five words (split no further than that)
            continue
        asserted, hypothetical = find_triggers(masked)
        if not asserted:
            if hypothetical:
                scan.held.append(Held(article.id, sent.index, sent.text, "future or hypothetical"))
            continue
        actors = sorted(set((sentence_actors or {}).get(sent.index, [])))
        doc = docs[i] if docs is not None and i < len(docs) else None
        ev = _event_for(article, sent, masked, asserted, scan, actors, doc)
        if ev is not None:
            scan.events.append(ev)
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


def _event_for(article: Article, sent: Sentence, masked: str, triggers: list[Trigger],
               scan: EventScan, actors: Optional[list[str]] = None, doc=None) -> Optional[Event]:
    timexes = dates.tag(sent.text, article.published)
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
          and not _background(masked) and _reports_today(sent.text)):
        trig, tx = _main_trigger([t for t in triggers if not t.nominal]), None
        date, end, resolution, date_text = article.published.isoformat(), None, "publication", ""
        anchor = article.id
    else:
        return None
    if article.published and _fuzzy(date)[0] > article.published:
        scan.held.append(Held(article.id, sent.index, sent.text, "future date", date_text))
        return None
    title = _title(sent.text, trig, timexes, triggers)
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


TITLE_CACHE_SIZE = 8192
_TITLES: dict[tuple, str] = {}


def _title(text: str, trig: Trigger, timexes: list[dates.Timex], triggers: list[Trigger]) -> str:
    """:func:`make_title`, remembered per sentence (bounded, least recently used out).

    A title is built from the text, the triggers and where the date
    expressions stand -- never from the dates they resolve to -- so the key
    leaves out the timexes' values: the same sentence in articles published
    on different days (wire copy) gets its title once.
    """
    key = (text, trig, tuple((t.start, t.end, t.text) for t in timexes), tuple(triggers))
    title = _TITLES.pop(key, None)
    if title is None:
        title = make_title(text, trig, timexes, triggers)
        if len(_TITLES) >= TITLE_CACHE_SIZE:
            for k in list(islice(_TITLES, len(_TITLES) - TITLE_CACHE_SIZE * 3 // 4)):
                del _TITLES[k]
    _TITLES[key] = title
    return title


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


# --------------------------------------------------------------------------
# Titles
# --------------------------------------------------------------------------

_DATELINE = re.compile(
    r"^(?:.{0,100}?\((?:Reuters|AP|AFP|Xinhua|dpa)\)\s*[-–—]+\s*|"
    r".{0,40}?Last updated at \d{1,2}:\d\d(?: GMT)?\s*(?:Help\s+)?|"
    r".{0,60}?\b\d{1,2}:\d\d\s*(?:GMT|BST|EDT|EST|UTC|CET)\s+)"
)
_ATTRIB_LEAD = re.compile(
    r"^(?:[^,“”\"]{0,80}?\s)?(?:(?:said|say|says|reported|report|reports|claimed|claim|confirmed|noted|announced)"
    r"\s+(?:that\s+)?|told\s+[^,“”\"]{1,40}?\s+that\s+)",
)
_AUX_START = re.compile(r"(?:have|has|had|was|were|is|are|will|would|did)\b")
_PRONOUN_START = re.compile(r"^(?:He|She|They|It|We|I|You|This|That|These|Those)\b")
_PARTICIPLE_LEAD = re.compile(
    r"^(?P<part>[A-Z]\w+ed\s+(?:\w+\s+){0,3}?by\s[^,]{3,80}),\s+(?:the|a|an)\s+"
    r"(?P<np>(?:[\w’'-]+\s+){0,3}?[\w’'-]+)(?=\s+(?:also|has|have|is|are|was|were|had|will|\w+s|\w+ed)\b)"
)
_LEAD_ADVERBIAL = re.compile(
    r"^(?:But|And|However|Meanwhile|Also|Earlier|Later|Separately|In addition|Elsewhere|"
    r"Nevertheless|Nonetheless|Still|Yet|So|Now|Instead)\s*,?\s+|"
    r"^(?:(?:Besides|At|On|In|After|Before|During|Despite|Following|Amid|Joined by|Although|"
    r"Though|Even though|While|As|Since|With|Without|Under|By|For|From|Hours after|Days after|"
    r"Weeks after|Shortly after|Speaking|Asked|According to|Apart from|Along with|Like|Unlike)"
    r"\s[^,“”\"]{1,80}),\s+",
)
_ATTRIB_TAIL = re.compile(
    r",\s+(?:[^,]{0,60}\s)?(?:said|say|says|reported|report|reports|added|claimed|claim|claims|"
    r"according to [^,.]+)\.?$"
)
_PLACE_NP = re.compile(
    r"\bthe\s+(?:(?:northern|southern|eastern|western|central|north|south|east|west|"
    r"northwestern|northeastern|southwestern|southeastern|restive|besieged|rebel-held|"
    r"flashpoint|embattled|coastal|border|[A-Z][a-z]+(?:ian|ish|ese|i))\s+)*"
    rf"(?:{'|'.join(_SETTLEMENTS)}) of\s+"
)
_PLACE_NP_HINTS = tuple(f"{w} of" for w in _SETTLEMENTS)
"""Every _PLACE_NP match contains one of these: a title without them skips the substitution."""
_PASSIVE = re.compile(
    r"(?<!\bwho )(?<!\bwhich )(?<!\bthat )\b(?:was|were|has been|have been|had been)\s+(?=(?:\w+ed|killed|shot|taken|seized|held|"
    r"hit|struck|sent|met|caught|driven|forced|beaten|given|found|made)\b)"
)
_CASUALTY_WHEN = re.compile(
    r"^(?P<a>(?:(?:at least|more than|some|about|nearly|around|over)\s+)?[\d,]+\s+(?:\w+\s+){0,2}?"
    r"(?:killed|died|dead|wounded|injured))\s+(?:when|as|after|while)\s+"
    r"(?!a result|part of|well|many|much|of|usual|before)(?P<b>.+)$",
    re.IGNORECASE,
)
_VERBISH = re.compile(rf"^(?:\w+ed|{_IRR})\b")
_AUX = re.compile(rf"\s(?:have|has|had|was|were|is|are|did|\w+ed|{_IRR})\b")
_FUNCTION_WORD_LIST = ("of the a an and or to in by with for on at from as that which who while "
                       "its their his her but into after when is are was were has have had such also been").split()
_FUNCTION_WORDS = frozenset(_FUNCTION_WORD_LIST)
_FUNCTION_TAIL = re.compile(r"(?:\s+(?:" + "|".join(_FUNCTION_WORD_LIST) + "))+$", re.IGNORECASE)


def _drop_function_tail(s: str) -> str:
    """``_FUNCTION_TAIL.sub("", s)``, with the regex run only when it can match.

    The pattern ends at ``$`` but is tried at every whitespace of the title
    (~17 us a title, a quarter of :func:`make_title`).  It can match only
    when the last whitespace-separated word is a function word (ASCII: no
    re.I case folding to think about), or when the text ends in whitespace
    (``$`` also matches before a final newline): otherwise *s* is returned
    as it is, which is what the substitution would give.
    """
    if not s or s[-1].isspace():
        return _FUNCTION_TAIL.sub("", s)
    parts = s.rsplit(None, 1)
    if len(parts) < 2 or (parts[1].isascii() and parts[1].lower() not in _FUNCTION_WORDS):
        return s
    return _FUNCTION_TAIL.sub("", s)
_BOUNDARIES = re.compile(r",\s|;\s|\s(?:and|while|who|which|as|after|when|but|with|to|that)\s")


_DATE_AS_SUBJECT = re.compile(r"\s*(?:'s\s+\w+\s+)?(?:was|is|saw|marked|has|had|brought|will|proved)\b")


_PRE_TIMEX_WORDS = ("just", "on", "in", "at", "during", "since", "earlier", "early", "late", "by", "from",
                    "until", "of", "nearly", "almost", "about", "some", "around", "roughly", "over", "more than")
_PRE_TIMEX = re.compile(r"(?:\b(?:" + "|".join(_PRE_TIMEX_WORDS) + r")\s+|\bmid-)*$", re.IGNORECASE)
"""The words that go with a date ("on", "early", "mid-") right before it: dropped with it."""
_PRE_TIMEX_REVERSED = re.compile(
    r"(?:\s+(?:" + "|".join(w[::-1] for w in _PRE_TIMEX_WORDS) + r")\b|-dim\b)*", re.IGNORECASE)
""":data:`_PRE_TIMEX` spelt backwards, to be matched at the start of the reversed text."""


def _pre_timex_start(before: str) -> int:
    """``_PRE_TIMEX.search(before).start()``: where the words before a date begin.

    The search tries the pattern at every position of *before* (a third of
    :func:`make_title`'s cost) to find where the run of these words that
    ends the text starts.  The run splits one way only (each word is a whole
    word, its whitespace all of the whitespace after it), so peeling it off
    from the end -- the reversed pattern matched once at the start of the
    reversed text -- finds the same start.  A text ending in a newline
    (where ``$`` also matches before it) takes the search.
    """
    if before.endswith("\n"):
        return _PRE_TIMEX.search(before).start()
    return len(before) - _PRE_TIMEX_REVERSED.match(before[::-1]).end()


def _strip_timexes(text: str, timexes: list[dates.Timex]) -> str:
    for t in sorted(timexes, key=lambda t: -t.start):
        if not text[: t.start].strip() and _DATE_AS_SUBJECT.match(text[t.end:]):
            continue  # "Friday was the bloodiest day": the date is the subject
        cut_from = _pre_timex_start(text[: t.start])
        head, tail = text[:cut_from].rstrip(), text[t.end:].lstrip(" ")
        if tail.startswith(",") and (not head or head.endswith(",")):
            tail = tail[1:].lstrip()  # "On Friday, X" / "X, on Friday, Y"
        text = head + " " + tail
    return re.sub(r"\s+([,.;:])", r"\1", text).strip()


def _coordinated_focus(text: str, trig: Trigger, timexes: list[dates.Timex]) -> Optional[str]:
    """'X have A and just last weekend B' -> 'X B' (the dated conjunct)."""
    for t in timexes:
        before = text[: t.start]
        m = re.search(r"\s(?:and|but)\s+(?:just\s+|also\s+|then\s+)?$", before)
        after = text[t.end:].lstrip(" ,")
        if not m or not _VERBISH.match(after):
            continue
        subj = _AUX.search(" " + before)
        if subj is None or subj.start() < 2:
            continue
        return before[: subj.start() - 1].strip() + " " + after
    return None


def _reduced_relative(text: str, trig: Trigger, base: int, timexes: list[dates.Timex]) -> Optional[str]:
    """'... noted a resolution voted by X ...' -> 'Resolution voted by X ...'.

    Also 'the Golan Heights occupied in 1967' -> 'Golan Heights occupied in 1967'
    when the participle is dated right after it.  The clause ends at the next comma.
    """
    pos = trig.start - base
    if pos <= 0 or not re.match(r"\w+ed\b", text[pos:]):
        return None
    m = re.search(r"\b(?:a|an|the|A|An)\s+((?:[\w’'-]+\s+){1,4})$", text[:pos])
    if not m or (m.start() == 0 and text[:1] == "T"):
        return None
    after = text[trig.end - base:]
    by_agent = re.match(r"\s*(?:\S+\s+){0,6}by\b", after)
    dated = any(0 <= t.start - trig.end <= 12 for t in timexes)
    if not by_agent and not (dated and m.start() > 0):
        return None
    rest = text[m.start(1):]
    stop = re.search(r",\s", rest[trig.end - base - m.start(1):])
    return rest if stop is None else rest[: trig.end - base - m.start(1) + stop.start()]


_NP_BEFORE = re.compile(
    r"\b(?:after|at|of|during|before|following|since|in|from|about|over|for|attended|"
    r"held|hosted|joined|called|attend|host)\s+(?:(?:a|an|the|this|that|its|their|his|her)\s+)?"
    r"(?P<np>(?:(?!(?:a|an|the|this|that|to)\b)[a-z][\w-]*\s+){0,2})$"
)
"""A noun trigger that is the object of a preposition or verb: '... after a meeting ...'."""


def _nominal_focus(text: str, trig: Trigger, timexes: list[dates.Timex]) -> Optional[tuple[int, str]]:
    """'... after a meeting of world powers in Geneva last weekend' -> 'Meeting of world powers in Geneva'."""
    if not trig.nominal:
        return None
    m = _NP_BEFORE.search(text[: trig.start])
    if not m:
        return None  # the noun is the subject ("Protests were held"): use the clause
    for t in timexes:
        gap = text[trig.start: t.start]
        if t.start >= trig.end and 2 <= len(gap.split()) <= 10 and not re.search(r"[,;:]", gap):
            return m.start("np"), text[m.start("np"): t.end]
    return None


_NONRESTRICTIVE = re.compile(
    r"^(?P<np>[^,]{3,60}),\s+(?:which|who)\s+"
    r"(?P<cl>(?!(?:it|they|he|she|we|i|you|the|a|an|its|his|her|their)\b)[^,]+)"
)
"""A subject relative ('X, which seized ...'); object relatives ('which it captured') are not."""


def _dated_relative_clause(s: str, trig_pos: int, timexes: list[dates.Timex]
                           ) -> tuple[str, list[dates.Timex]]:
    """'The Baath Party, which seized power in 1963, has ...' -> 'The Baath Party seized power in 1963'.

    Only when both the trigger and its date sit in the relative clause: then
    the clause, not the main verb, is what happened on that date.
    """
    m = _NONRESTRICTIVE.match(s)
    if not m or not m.start("cl") <= trig_pos < m.end("cl"):
        return s, timexes
    inside = [t for t in timexes if m.start("cl") <= t.start and t.end <= m.end("cl")]
    if not inside:
        return s, timexes
    shift = m.start("cl") - (len(m["np"]) + 1)
    moved = [dates.Timex(t.start - shift, t.end - shift, t.text, t.value, t.end_value, t.grain,
                         t.resolution) for t in inside]
    return f"{m['np']} {m['cl']}", moved


def make_title(text: str, trig: Trigger, timexes: list[dates.Timex],
               triggers: Optional[list[Trigger]] = None) -> str:
    """A short headline for the sentence, built by rules; '' if none fits.

    Steps: drop the dateline, the attribution ("Activists said that"), short
    leading adverbials ("At the Paris conference,"), the trailing attribution
    (", residents said") and the date expressions; focus on the dated conjunct
    or on a reduced relative ("a plan unveiled by Annan"); compress headline
    style (drop passive auxiliaries, "the northern city of"), reorder "N killed
    when X" to "X; N killed"; cut cleanly at a clause boundary.
    """
    s = text
    base = 0
    last_trigger = max(t.start for t in (triggers or [trig]))
    coord = _coordinated_focus(s, trig, timexes)
    nominal = None if coord else _nominal_focus(s, trig, timexes)
    if coord:
        s = coord
        timexes = []
    elif nominal:
        base, s = nominal
        timexes = [dates.Timex(t.start - base, t.end - base, t.text, t.value, t.end_value,
                               t.grain, t.resolution) for t in timexes if t.start >= base]
    else:
        for pat in (_DATELINE, _LEAD_ADVERBIAL, _ATTRIB_LEAD, _LEAD_ADVERBIAL, _ATTRIB_LEAD):
            # a dateline needs "(Reuters)" or a clock time: most sentences skip the regex
            m = None if pat is _DATELINE and "(" not in s and ":" not in s else pat.match(s)
            if m and pat is _ATTRIB_LEAD and _AUX_START.match(s[m.end():]):
                continue  # "groups who they say have killed": the subject is before
            if m and m.end() <= max(trig.start, last_trigger) - base and m.end() < len(s) - 20:
                s, base = s[m.end():], base + m.end()
        m = _PARTICIPLE_LEAD.match(s)
        if m:  # rewritten text: offsets no longer hold, so find the dates by their words
            s = f"{m['np']} {m['part'][:1].lower()}{m['part'][1:]}"
            timexes = [dates.Timex(i, i + len(t.text), t.text, t.value, t.end_value, t.grain,
                                   t.resolution) for t in timexes if (i := s.find(t.text)) >= 0]
            base = 0
        else:
            rel = _reduced_relative(s, trig, base, timexes)
            if rel:
                base += s.index(rel)
                s = rel
            timexes = [dates.Timex(t.start - base, t.end - base, t.text, t.value, t.end_value,
                                   t.grain, t.resolution) for t in timexes
                       if t.start >= base and t.end - base <= len(s)]
            s, timexes = _dated_relative_clause(s, trig.start - base, timexes)
    s = _strip_timexes(s, timexes)
    s = _ATTRIB_TAIL.sub("", s.rstrip(". "))
    if any(map(s.__contains__, _PLACE_NP_HINTS)):
        s = _PLACE_NP.sub("", s)
    if "was" in s or "were" in s or "been" in s:  # every _PASSIVE match has one of these
        s = _PASSIVE.sub("", s)
    s = " ".join(s.split()).strip(" .,;:")  # = re.sub(r"\s+", " ", s).strip(...): \s is str.isspace
    m = _CASUALTY_WHEN.match(s)
    if m:
        s = f"{m['b'].rstrip(' .')}; {m['a'][:1].lower()}{m['a'][1:]}"
    s = re.sub(r"^(?:[^\w“\"‘']+|\d{1,2}:\d\d\b\s*(?:GMT|BST)?)+", "", s)  # bullets, clock times
    s = _balance_quotes(s)
    w = _word_rx(trig.word).search(s)
    s = _cut(s, w.end() if w else 0)
    return s[:1].upper() + s[1:] if s else ""


@lru_cache(maxsize=1024)
def _word_rx(word: str) -> re.Pattern:
    """``\\b<word>\\b``, compiled once per trigger word (a few hundred distinct)."""
    return re.compile(rf"\b{re.escape(word)}\b")


def _balance_quotes(s: str) -> str:
    if s.count("“") != s.count("”") or s.count('"') % 2:
        s = re.sub(r"[“”\"]", "", s)
    return s


def _cut(s: str, keep: int = 0) -> str:
    """At most TITLE_MAX characters, cut at a clause boundary when possible.

    The boundary must come after *keep* (the end of the trigger word) so the
    title keeps its verb: "Supporters armed with sticks" is no headline.
    """
    if len(s) <= TITLE_MAX:
        return _drop_function_tail(s).strip(" ,;:")
    low = max(30, keep) if keep < TITLE_MAX - 10 else 30
    cuts = [m.start() for m in _BOUNDARIES.finditer(s) if low <= m.start() <= TITLE_MAX]
    if cuts:
        s = s[: cuts[-1]]
    else:
        s = s[: s.rfind(" ", 0, TITLE_MAX)]
    s = _drop_function_tail(s).strip(" ,;:")
    return _balance_quotes(s)


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


_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_WORD_NUMBER = re.compile(r"\b(?:" + "|".join(list(_NUMBER_WORDS)[2:]) + r")\b", re.IGNORECASE)
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
    words = [w.strip("'’.,") for w in _STEM_WORD.findall(text)]
    return frozenset([_stem_cached(w) for w in words if w and w not in STOP_WORDS and len(w) > 2 or w.isdigit()])


_WORD_NUMBER_LOWER = re.compile(_WORD_NUMBER.pattern)
_STEM_WORD = re.compile(r"[a-z][a-z'’-]+|\d[\d,.]*")
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
    coarse = _fuzzy(a.date)[2] in ("month", "quarter", "year") or a.end is not None  # a.grain
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
    if _fuzzy(ev.date)[2] == "day" and ev.end is None:  # ev.grain
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
    for ev in sorted(events, key=_sort_key):
        blocks.setdefault(_block_key(ev), []).append(ev)
    merged: list[Event] = []
    for key in sorted(blocks):
        merged.extend(_merge_block(blocks[key], copy))
    _assign_ids(merged)
    merged.sort(key=_sort_key)
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
