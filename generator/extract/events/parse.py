"""Parse-based event candidates: a predicate that governs a date expression.

The trigger lexicon (:mod:`.lexicon`) only finds the happenings it has
words for ("killed", "protest"); a news sentence reports many more ("The
Philippines *said on Sunday* it recorded its second case", "the Wall Street
Journal *reported on Monday*", "his *death on 25 June*").  What they share is
structure: the date expression is attached, in the dependency parse, to the
predicate of the happening it dates.  So a candidate event is

- a verb that governs the date expression (through its preposition, or as a
  bare "Friday" / "last week" modifier), or
- an event noun the date expression attaches to ("yesterday's gathering",
  "results from the two carriers on Tuesday"),

and the rules below keep only what the text asserts took place:

- the date is the day of the happening, not the edge or length of a span
  ("since March", "until June", "for two weeks");
- the predicate is not negated ("did not vote on Friday");
- it is not a future, a possibility or an obligation ("will meet on Monday",
  "could vote"), an infinitive ("plans to visit on Friday") or a hypothetical
  ("if they voted on Friday");
- it is not a state ("was the smallest demonstration on Friday", "hope"),
  unless the state verb's subject or object is an event noun ("the vote on
  Friday was close" is dated by the vote).

The cue words are data: ``generator/data/event_cues.yaml`` (lemmas).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional


from ...models import parse_fuzzy
from .. import dates
from .dating import as_of, no_day
from .lexicon import DATA, Cues, cues  # noqa: F401  (DATA: the cue file, named in errors)
from ..quotes import lexicon as speech_cues


SPEECH = speech_cues().verbs - speech_cues().acts  # statements; the acts report deeds
"""Speech verb lemmas: the quote finder's Matcher cues (``verbs`` of
``generator/data/speech_verbs.yaml``) but its ``acts`` ("fire", "begin", "vote"): a dated
one is a statement, and a date before its complement is the statement's.  Compared with a
token's lemma, so the list holds lemmas ("tell", not "told")."""

def happening_key(lemma: str, nominal: bool) -> str:
    """The word that names a happening, the same for its noun and its verb
    ("death" and "died" -> "die"), so one article's reports of it are one."""
    return cues().verbs_of_nouns.get(lemma, lemma) if nominal else lemma


@dataclass(frozen=True)
class Candidate:
    """A predicate (character offsets into the sentence) and the date it governs."""

    start: int
    end: int
    word: str
    lemma: str
    nominal: bool
    timex: dates.Timex
    index: int = -1
    """The predicate's token index in the parse (for :func:`clause_title`)."""


_DATE_VALUE = re.compile(r"^\d{4}(?:-(?:W\d{2}|Q[1-4]|\d{2}(?:-\d{2})?))?")
_CLAUSE_LINKS = ("conj", "xcomp")
"""A verb inherits the auxiliaries and negation of the verb it is coordinated
with ("will meet and sign on Monday") or the infinitive of ("want to meet")."""


def _is_predicate(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass")


def _is_event_noun(tok) -> bool:
    nouns = cues().event_nouns
    if tok.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass", "compound") and _hyphenated(tok) in nouns:
        return True  # "Friday 's weigh-in": the parse's head is "in"
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    lemma = tok.lemma_.lower()
    if lemma in nouns or tok.lower_ in nouns:
        return True
    # "press conference", "news conference": the compound's head decides
    return any(c.dep_ == "compound" and f"{c.lower_} {lemma}" in nouns for c in tok.children)


def _hyphenated(tok) -> str:
    """The hyphenated word a token is part of, lower case ("weigh-in", which the
    tokenizer splits in three and parses with its last part, "in", as the head), or ''."""
    doc, i = tok.doc, tok.i
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_:
        i -= 2
    elif tok.text == "-" and i >= 1 and not doc[i - 1].whitespace_:
        i -= 1
    if doc[i].whitespace_ or i + 2 >= len(doc) or doc[i + 1].text != "-" or doc[i + 1].whitespace_:
        return ""
    return f"{doc[i].lower_}-{doc[i + 2].lower_}"


def _attachment(tspan):
    """(preposition or None, the token the date expression attaches to).

    "on Friday" -> (on, verb); "Friday" as a bare modifier -> (None, verb);
    "yesterday's gathering" -> (None, gathering).
    """
    root = tspan.root
    head = root.head
    if head.i == root.i:
        return None, None
    if root.dep_ == "pobj" and head.pos_ in ("ADP", "SCONJ"):
        return head, head.head if head.head.i != head.i else None
    if head.i in range(tspan.start, tspan.end):  # the expression's own words
        return None, None
    return None, head


def span_edge(prep, tspan=None) -> bool:
    """Is the date the edge or length of a span ("since March", "until June")?
    "over" a period it places a happening within is not ("over the weekend":
    ``over_within`` in the cues)."""
    if prep is None or prep.lower_ not in cues().span_edges:
        return False
    return not (tspan is not None and prep.lower_ == "over" and tspan.root.lemma_.lower() in cues().over_within)


def negated(verb) -> bool:
    """Is the predicate negated ("did not vote", "never met")?  Coordinated and
    infinitive verbs inherit their head's negation."""
    for v in _clause_chain(verb):
        if any(c.dep_ == "neg" for c in v.children):
            return True
    return False


def irrealis(verb) -> bool:
    """Is the predicate a future, a possibility, an obligation, an infinitive or
    a hypothetical ("will meet", "could vote", "plans to visit", "if they met")?"""
    c = cues()
    for v in _clause_chain(verb):
        for ch in v.children:
            if ch.dep_ in ("aux", "auxpass") and (ch.lower_ in c.irrealis or ch.tag_ == "MD" or ch.tag_ == "TO"):
                return True
            if ch.dep_ == "mark" and ch.lower_ in c.hypothetical:
                return True
        if v.tag_ == "VB" and not any(ch.dep_ == "aux" for ch in v.children) and v.dep_ == "ROOT":
            return True  # a bare imperative or headline infinitive: nothing asserted
    if verb.dep_ == "advcl" and verb.head.i != verb.i and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in cues().simultaneous for c in verb.children):
        return _ahead(verb.head)  # "is expected to tell jurors ... when she continues testifying on Tuesday"
    return False


def _ahead(verb) -> bool:
    """Is the verb a future or a possibility: a modal, or an infinitive of an
    expectation, plan or wish ("is expected to tell")?  An infinitive of result
    is not ("was reinstated only to be sacked again when the general declared
    emergency rule in November 2007": the sacking happened)."""
    c = cues()
    for v in _clause_chain(verb):
        for ch in v.children:
            if ch.dep_ in ("aux", "auxpass") and (ch.lower_ in c.irrealis or ch.tag_ == "MD"):
                return True
            if (ch.tag_ == "TO" and v.dep_ == "xcomp"
                    and v.head.lemma_.lower() in c.states | c.prospective):
                return True
    return False


def _clause_chain(verb, limit: int = 4):
    """The verb and the verbs whose auxiliaries it shares (conj, xcomp heads);
    a conjunct with an auxiliary or subject of its own shares none ("we can
    confirm that ... and [the patient] has died today": "has died" is asserted)."""
    v = verb
    yield v
    for _ in range(limit):
        if v.dep_ not in _CLAUSE_LINKS or v.head.i == v.i:
            return
        if v.dep_ == "conj" and any(c.dep_ in ("aux", "auxpass") or c.dep_.startswith("nsubj") for c in v.children):
            return
        v = v.head
        yield v


def state(verb) -> bool:
    """Is the predicate a state ("was the smallest", "hope", "believe")?  A
    light state verb with an event noun as its subject or object is not: that
    noun is the happening (:func:`event_argument`)."""
    return verb.lemma_.lower() in cues().states and event_argument(verb) is None


def present_at(verb, tx: dates.Timex) -> bool:
    """Is a state verb someone's presence at a named place on a day ("Abbas was in
    Cairo on Wednesday to endorse a deal")?  Being somewhere on a day is a visit,
    a happening; a year's presence ("was in Cairo in 2005") or an unnamed place
    ("was in hospital on Friday") stays a state.  The prepositions and the place
    labels are data (``presence_preps``, ``place_labels``)."""
    c = cues()
    if tx.grain != "day" or not any(ch.dep_.startswith("nsubj") for ch in verb.children):
        return False
    return any(ch.dep_ == "prep" and ch.lower_ in c.presence_preps
               and any(o.dep_ == "pobj" and o.ent_type_.lower() in c.place_labels for o in ch.children)
               for ch in verb.children)


def event_argument(verb):
    """The event noun that is a state verb's subject or object, or None
    ("the vote on Friday was close", "held talks")."""
    for ch in verb.children:
        if ch.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and _is_event_noun(ch):
            return ch
    return None


def _predicate(tok, limit: int = 8):
    """The happening a date attached to *tok* dates: the nearest event noun or
    predicate verb at or above it; None at the root, after *limit* steps, or
    past a span's edge ("strengthened ... after a slow response in 2003": the
    strengthening is not dated 2003)."""
    for _ in range(limit):
        if _is_event_noun(tok):
            return tok, True
        if _is_predicate(tok):
            return tok, False
        if tok.head.i == tok.i or span_edge(tok if tok.pos_ in ("ADP", "SCONJ") else None):
            return None
        tok = tok.head
    return None


def purpose_head(verb):
    """The verb a purpose clause or a gerund complement serves, or *verb* itself:
    "measures it has taken [to combat the outbreak] earlier this week" (a date at
    the end of the sentence is parsed under the infinitive but dates the taking);
    "officials predicted [worsening outbreaks] on Thursday" (the prediction is
    what happened)."""
    if not _is_predicate(verb.head) or verb.head.i == verb.i:
        return verb
    if verb.dep_ == "advcl" and any(c.tag_ == "TO" for c in verb.children):
        return verb.head
    if verb.dep_ == "xcomp" and verb.tag_ == "VBG" and not any(c.dep_.startswith("nsubj") for c in verb.children):
        return verb.head
    return verb


_CLOCK_AFTER = re.compile(r"\s*\d{1,2}:\d\d\b")
_BAR_BEFORE = re.compile(r"\|\s*$")
_CLOCK_BEFORE = re.compile(r"\b\d{1,2}:\d\d(?:\s*(?:am|pm|gmt|bst|edt|est|utc|cet|et))*\s*,?\s*$", re.I)


def dateline(text: str, tx: dates.Timex) -> bool:
    """Is the expression a wire dateline's ("HONG KONG | Mon Apr 27, 2009 7:16 am
    EDT", "Page last updated at 16:51 GMT, Tuesday, 19 January 2010")?  It dates the report, not a happening: the first clause says when
    that happened ("said on Sunday")."""
    before = text[max(0, tx.start - 20):tx.start]
    return bool(_CLOCK_AFTER.match(text, tx.end) or _BAR_BEFORE.search(before) or _CLOCK_BEFORE.search(before))


def _modifies_thing(tspan, prep, head) -> bool:
    """A date that is a possessive, compound or "of" modifier of a noun that
    names no happening ("organisers of Sunday's awards have pledged", "the
    biggest acts of last year") dates that thing, not the clause around it."""
    if head.pos_ not in ("NOUN", "PROPN") or _is_event_noun(head):
        return False
    if prep is None:
        return tspan.root.dep_ in ("poss", "compound", "nmod", "amod")
    return prep.lower_ == "of"


def prospective(noun) -> bool:
    """Is the event noun the object of a promise, a plan, a call, a forecast or a
    postponement ("promised a parliamentary election in February"), or described
    by one ("another protest predicted again Friday")?"""
    verbs = cues().prospective
    return ((noun.dep_ == "dobj" and noun.head.lemma_.lower() in verbs)
            or (noun.dep_.startswith("nsubj") and forecast_participle(noun.head))
            or any(c.dep_ == "acl" and c.lemma_.lower() in verbs for c in noun.children))


def forecast_participle(verb) -> bool:
    """A bare participle of a prospective verb ("[another protest] predicted
    again Friday", "the vote scheduled for Sunday"): its date is the forecast
    happening's, which has not taken place.  The parse sometimes reads the
    participle as a past tense; an event noun for its subject gives it away
    (a protest predicts nothing)."""
    if verb.lemma_.lower() not in cues().prospective or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    return verb.tag_ == "VBN" or any(c.dep_ == "nsubj" and _is_event_noun(c) for c in verb.children)


def promised(doc, start: int, end: int) -> bool:
    """:func:`prospective` for the word at *start*..*end* of a parsed sentence;
    False without a parse."""
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    return span is not None and prospective(span.root)


_PREP_BEFORE = re.compile(r"\b(?:on|in|at|during|of|from|after)\s+$", re.I)


def dates_a_thing(doc, tx: dates.Timex) -> bool:
    """Does the parse make the expression a modifier of a noun that names no
    happening ("set a Saturday deadline")?  Then it dates that thing, not the
    clause's trigger (:func:`_modifies_thing`).  A date after a preposition
    never is ("say on Friday security forces opened fire" is sometimes parsed
    with "Friday" on "forces"; "protests after Friday prayers" are Friday's).
    False without a parse."""
    tspan = doc.char_span(tx.start, tx.end, alignment_mode="expand") if doc is not None else None
    if tspan is None or _PREP_BEFORE.search(doc.text, max(0, tx.start - 12), tx.start):
        return False
    prep, head = _attachment(tspan)
    return head is not None and _modifies_thing(tspan, prep, head)


def not_done(verb) -> bool:
    """A verb that says its complement did not happen ("failed to clinch a
    deal on Saturday")."""
    return verb.lemma_.lower() in cues().unrealized and any(c.dep_ == "xcomp" for c in verb.children)


def reporting_verb(verb, tspan):
    """The speech verb a date between it and its complement belongs to: "Chan
    said on Friday the world had to be ready" is parsed with "on Friday" under
    "had"; a date before the complement's subject is the statement's."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.lemma_.lower() not in SPEECH or not (head.i < tspan.start):
        return verb
    subjects = [c.left_edge.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects and tspan.end <= min(subjects):
        return head
    return verb


def perfect_mismatch(verb, tx: dates.Timex, published: Optional[dt.date]) -> bool:
    """English has no present perfect with a finished past date ("*has sold last
    June"): a present perfect verb with one was given the date by a parse error
    ("has sold ... since his death last June"); "has died today", "have boosted
    fares this year" keep theirs."""
    if published is None or not any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")
                                     for c in verb.children):
        return False
    try:
        first, last, _ = parse_fuzzy(tx.value)
    except ValueError:
        return True
    return not (first <= published <= last)


_OFFSET = re.compile(r"\b(?:after|before)$", re.I)
"""An expression that ends on its signal ("a week after"): the happening it counts
from follows, undated.  "A year later" counts from the date the text named last and
the tagger resolved it so (:func:`dates.named_last`): a date like any other."""


def indefinite_past(doc, trig) -> bool:
    """Does the parse say an undated trigger is no report of the publication
    day?  A present perfect ("Madonna has donated $250,000", "aid workers have
    arrived") places a happening at no particular time, and a trigger in a
    relative or subordinate clause ("the virus that has killed 86 people",
    "after a patient died") is background; so neither takes the publication
    date ("Approved by a 41-3 vote, the resolution ..." still does).  Without a parse: False (the clause
    rules decide)."""
    if doc is None or not doc.has_annotation("DEP"):
        return False
    span = doc.char_span(trig.start, trig.end, alignment_mode="expand")
    if span is None:
        return False
    verb = span.root
    while not _is_predicate(verb) and verb.head.i != verb.i:
        verb = verb.head
    if any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children):
        return True
    if verb.dep_ == "advcl":  # "after a patient died": background to the main clause
        return any(c.dep_ == "mark" for c in verb.children)
    return verb.dep_ in ("relcl", "acl")


def _dateable(tx: dates.Timex) -> bool:
    """A date a timeline can hold: resolved, a calendar value (no PRESENT_REF),
    a date or time of day (no duration or set), not an offset from another
    happening ("a week after rebels seized the town"), not a time of day that
    names no day ("struck around 5 o'clock in the afternoon")."""
    return (tx.value is not None and tx.type in ("DATE", "TIME")
            and bool(_DATE_VALUE.match(tx.value)) and not re.match(r"(?:the\s+)?past\b", tx.text, re.I)
            and not _OFFSET.search(tx.text) and not no_day(tx))


def candidates(doc, timexes: list[dates.Timex], published: Optional[dt.date] = None) -> list[Candidate]:
    """Every (predicate, date) pair of a parsed sentence that the rules keep,
    in text order; at most one per date expression.  With *published*, a
    present perfect only takes a date that includes that day
    (:func:`perfect_mismatch`)."""
    if doc is None or not doc.has_annotation("DEP"):
        return []
    out = []
    for tx in timexes:
        if not _dateable(tx):
            continue
        tspan = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if tspan is None:
            continue
        prep, head = _attachment(tspan)
        if head is None or span_edge(prep, tspan):
            continue
        if dateline(doc.text, tx) or _modifies_thing(tspan, prep, head) or as_of(doc.text, tx):
            continue
        found = _predicate(head)
        if found is None:
            continue
        tok, nominal = found
        if not nominal:
            tok = reporting_verb(purpose_head(tok), tspan)
            if (negated(tok) or irrealis(tok) or not_done(tok) or forecast_participle(tok)
                    or perfect_mismatch(tok, tx, published)):
                continue
            if tok.lemma_.lower() in cues().states and not present_at(tok, tx):
                arg = event_argument(tok)
                if arg is None:
                    continue
                tok, nominal = arg, True
        elif _nominal_unasserted(tok):
            continue
        out.append(Candidate(tok.idx, tok.idx + len(tok.text), tok.text, tok.lemma_.lower(), nominal, tx, tok.i))
    return _one_per_predicate(out)


_GRAIN_RANK = {"time": 0, "day": 1, "week": 2, "month": 3, "quarter": 4, "half": 5, "season": 5, "year": 6}


def _one_per_predicate(found: list[Candidate]) -> list[Candidate]:
    """One date per predicate, the finest ("on Friday, 9 March" and "this
    month" under one verb date one happening), in text order."""
    best: dict[int, Candidate] = {}
    for c in found:
        old = best.get(c.index)
        if old is None or _GRAIN_RANK.get(c.timex.grain, 9) < _GRAIN_RANK.get(old.timex.grain, 9):
            best[c.index] = c
    return sorted(best.values(), key=lambda c: c.start)


_REL_PRONOUNS = frozenset({"who", "which", "that", "whom"})
_TITLE_DROP = frozenset({"punct", "cc", "mark", "advcl", "parataxis", "appos", "relcl", "acl"})
_DANGLING = frozenset({"cc", "punct", "prep", "mark", "det", "case"})
"""Words a title neither starts nor ends with once its dates are gone."""
_NP_PARTS = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod", "case"})


def in_main_clause(doc, cand: Candidate) -> bool:
    """Is the candidate the sentence's main happening (the root verb, the
    complement of a root speech verb, or an event noun that is their subject or
    object)?  Then the sentence's rule-built title is its title; a happening of
    a subordinate clause gets :func:`clause_title`."""
    tok = doc[cand.index]
    if cand.nominal:
        if tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr"):
            return False
        tok = tok.head
    return tok.dep_ == "ROOT" or (tok.dep_ == "ccomp" and tok.head.dep_ == "ROOT")


def _noun_phrase(tok) -> list:
    """The noun a relative or participle clause hangs on, with its determiner and
    modifiers ("a no-fly zone"); a pronoun ("similar to that imposed on Libya")
    stands for the nearest noun above it."""
    for _ in range(4):
        if tok.pos_ != "PRON" or tok.head.i == tok.i:
            break
        tok = tok.head
        while tok.pos_ not in ("NOUN", "PROPN") and tok.head.i != tok.i and tok.pos_ in ("ADP", "ADJ"):
            tok = tok.head
    left = [t for c in tok.children if c.dep_ in _NP_PARTS and c.i < tok.i for t in c.subtree]
    return sorted(left, key=lambda t: t.i) + [tok]


def clause_title(doc, cand: Candidate, timexes: list[dates.Timex]) -> str:
    """A short title from the predicate's own clause, for a happening outside
    the sentence's main clause ("In the town that rebels seized on 3 March,
    troops killed 20 people on Friday" -> "Rebels seized the town"): the clause
    without its date expressions, subordinate clauses and connectives; a shared
    subject is repeated, a relative pronoun replaced by the noun it stands for."""
    tok = doc[cand.index]
    if cand.nominal:
        words = list(tok.subtree)
    else:
        words = [tok] + [t for ch in tok.children if ch.dep_ not in _TITLE_DROP for t in ch.subtree]
        words.sort(key=lambda t: t.i)
    if tok.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in tok.children):
        subject = [c for c in tok.head.children if c.dep_.startswith("nsubj")]
        if subject:  # "lodged ... and filed it in 2007": the subject is shared
            words = list(subject[0].subtree) + words
    if tok.dep_ in ("relcl", "acl") and not cand.nominal:
        words = _with_antecedent(tok, words)
    elif not cand.nominal and tok.tag_ in ("VBD", "VBZ", "VBP") and not any(
            t.dep_.startswith("nsubj") for t in words):
        words = _stray_subject(doc, tok) + words
    return _join(doc, _without_dates(words, timexes))


def _with_antecedent(verb, words: list) -> list:
    """A relative or participle clause's words with the noun it describes in
    the relative pronoun's place ("troops who had arrived" -> "Troops had
    arrived"; "the town that rebels seized" -> "rebels seized the town")."""
    head_np = _noun_phrase(verb.head)
    rel = [t for t in words if t.lower_ in _REL_PRONOUNS and t.head.i == verb.i]
    if not rel and verb.dep_ == "acl":
        return head_np + words
    if not rel:
        if verb.dep_ == "relcl" and not any(c.dep_ == "dobj" for c in verb.children):
            k = next(n for n, t in enumerate(words) if t.i == verb.i) + 1
            return words[:k] + head_np + words[k:]  # "measures it has taken" -> "it has taken measures"
        return words
    r = rel[0]
    words = [t for t in words if t.i != r.i]
    if r.dep_.startswith("nsubj"):
        return head_np + words
    k = next(n for n, t in enumerate(words) if t.i == verb.i) + 1
    return words[:k] + head_np + words[k:]


def _stray_subject(doc, verb) -> list:
    """The noun phrase just before a finite verb the parse left without a
    subject ("since [the uprising against Assad] began in March 2011" is parsed
    with "the uprising" under "since"): the largest one ending at the verb."""
    best = None
    for t in doc[:verb.i]:
        if t.pos_ in ("NOUN", "PROPN") and t.right_edge.i == verb.i - 1 and (
                best is None or t.left_edge.i < best.left_edge.i):
            best = t
    return list(doc[best.left_edge.i:best.right_edge.i + 1]) if best is not None else []


def _without_dates(words: list, timexes: list[dates.Timex]) -> list:
    """*words* without the date expressions, their "'s" and a preposition left
    with nothing but a date to govern."""
    spans = [(tx.start, tx.end) for tx in timexes]

    def dated(t) -> bool:
        return any(a <= t.idx < b for a, b in spans)

    keep = [t for t in words if not dated(t) and not (t.dep_ == "case" and dated(t.head))]
    keep = [t for t in keep if not (t.dep_ == "prep" and list(t.children) and all(dated(c) for c in t.children))]
    while keep and keep[-1].dep_ in _DANGLING:  # "the protests in April and May" -> "the protests"
        keep.pop()
    while keep and keep[0].dep_ in _DANGLING - {"det"}:
        keep.pop(0)
    return keep


def _join(doc, words: list) -> str:
    """The words as text (their own spacing where adjacent), capitalised."""
    parts = []
    for n, t in enumerate(words):
        parts.append(t.text)
        if n + 1 < len(words):
            parts.append(t.whitespace_ if words[n + 1].i == t.i + 1 else " ")
    text = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s{2,}", " ", "".join(parts))).strip(" ,;:-")
    return text[:1].upper() + text[1:] if text else ""


def _nominal_unasserted(noun) -> bool:
    """An event noun made by a future, hypothetical or negated verb ("will
    hold a meeting on Friday", "did not attend Monday's rally"), or the object
    of a promise, a plan or a call ("promised a parliamentary election in
    February": ``prospective`` in the cues).  A subject is presupposed whatever
    its verb: "yesterday's gathering could be seen as a start" still says the
    gathering took place."""
    if noun.dep_ in ("nsubj", "nsubjpass"):
        return False
    verb = noun.head
    for _ in range(4):
        if _is_predicate(verb):
            return irrealis(verb) or negated(verb) or prospective(noun)
        if verb.head.i == verb.i:
            return False
        verb = verb.head
    return False
