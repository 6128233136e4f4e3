"""The one alternation of every expression kind, and the scan that tries it only at
the word starts where an expression can begin (see ``_TRIGGER_WORDS``)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from spacy.lang.en.stop_words import STOP_WORDS  # spaCy's English list: already loaded with the pipeline

from .lexicon import (
    _CLOCK, _COMMA, _DAY, _DUR_NUM, _DUR_UNIT, _FULL_WEEKDAY, _MONTH, _NUMBER_WORDS, _NUMWORD,
    _ORD, _PART, _SEASON, _SPOKEN_YEAR, _TEENS, _TENS, _TITLE_WORDS, _UNIT, _UNITS_WORD,
    _WEEKDAY, _WORDS, _YEAR, _YEAR_PREP, _ZONE, alternation,
)
from .tense import _future_context


# After "June, 2009" the year ends its phrase: "In June, 2000 people marched" counts people.
_YEAR_ENDS = rf"(?=\s*(?:[.,;:)?!'\"]|--|$)|\s+{alternation(_WORDS['year_ends'])}\b)"

# One alternation, most specific first, scanned once.  Each named group is a
# pattern kind; the resolver for that kind reads its sub-groups.
_PATTERNS = [
    ("iso", rf"(?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>[0-3]\d)(?![\d-])"),
    # "from 3 to 5 July 2012", "3-5 July"
    # clock times: "10 p.m. Wednesday", "noon Thursday", "5 p.m. EST, Nov. 6"
    ("clock",
     rf"(?:around\s+|about\s+|at\s+)?{_CLOCK}{_ZONE}?"
     rf"(?:{_COMMA}(?:on\s+)?(?:(?P<tm_wd>{_FULL_WEEKDAY})|(?P<tm_dx>today|yesterday|tomorrow|tonight)|"
     rf"(?P<tm_mo>{_MONTH})\s+(?P<tm_d>{_DAY})(?!\d)))?"),
    # quarters and halves: "third-quarter", "the 1988 second quarter", "the third quarter of 1984",
    # "this year's third quarter", "the first half"
    ("quarter",
     rf"(?:(?P<q_the>the)\s+)?(?:(?P<q_y1>{_YEAR})\s+|(?P<q_rel>this|last|next)\s+year's\s+|"
     rf"(?P<q_ago>year-ago|year-earlier)\s+)?(?:fiscal[\s-]+)?(?P<q_ord>{_ORD}|final)[\s-]+"
     rf"(?:fiscal[\s-]+)?(?P<q_u>quarter|half)(?![sl]|-to)(?:\s+of\s+(?:fiscal\s+)?(?P<q_y2>{_YEAR}))?"),
    # the quarter the article reports on, and the one a year before it
    ("qref",
     rf"(?P<qr_the>the|this|that)\s+(?:(?P<qr_y>{_YEAR})\s+|(?P<qr_cur>latest|current|same|recent)\s+|"
     rf"(?P<qr_ago>year-ago|year-earlier|comparable|corresponding)\s+(?:year-ago\s+|year-earlier\s+)?)?"
     rf"(?P<qr_u>quarter|period)(?![sl]|-to)(?P<qr_ly>\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year))?"
     r"|(?P<qr_lyq>last\s+year's\s+(?:quarter|period))"
     r"|(?P<qr_adj>year-earlier|year-ago)(?![\s-]+(?:quarter|period|first|second|third|fourth))"),
    # seasons: "this summer", "last fall", "the winter of 1994", "summer 2011"
    ("season",
     rf"(?:(?P<s_mod>this\s+past|this|last|next|early|late|the)\s+)?(?P<s>{_SEASON})"
     rf"(?:\s+of\s+(?P<s_y>{_YEAR}|{_SPOKEN_YEAR})|\s+(?P<s_y2>{_YEAR}))?"),
    # decades and centuries: "the 1980s", "the late 1970s", "the nineties", "the '80s", "20th century"
    ("decade2",
     r"(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:(?P<dc_y>(?:1[89]|20)\d)0'?s|'(?P<dc_s>\d)0s|"
     r"(?P<dc_w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b"),
    ("lastdecade", r"the\s+(?:last|past)\s+decade\b"),
    ("century", r"(?P<c_n>1\d|2[01])(?:st|nd|rd|th)[\s-]+century"),
    ("spoken",
     rf"(?:(?P<sp_the>the\s+year)\s+)?(?:(?P<sp_mo>{_MONTH})\s+)?(?P<sp_y>{_SPOKEN_YEAR})\b"),
    # present, past and future references
    ("ref",
     r"(?P<rf_pr>right\s+now|now|currently|nowadays|these\s+days|at\s+present|presently)"
     r"|(?P<rf_pa>more\s+recently|recently|the\s+past(?!\s+(?:\d|few|several|"
     rf"{_UNITS_WORD}|{_TENS}|{_TEENS}|week|month|year|day|decade|quarter|century|weekend))|"
     r"recent\s+(?:days|years|weeks\s+and\s+months)|"
     r"(?:several|a\s+few|few|many)\s+(?:days|weeks|months|years)\s+ago)"
     r"|(?P<rf_fu>(?:the\s+)?(?:near\s+|distant\s+)?future(?!\s+(?:of|[a-z]+s\b))|soon(?!\s+(?:as|after))|"
     r"(?:the\s+)?coming\s+(?:days|weeks|months|years)|the\s+near\s+term|the\s+short\s+term)"),
    ("dayrange",
     rf"(?:from\s+|between\s+)?(?P<dr_d1>{_DAY})\s*(?:-|--|to|and|until)\s*(?P<dr_d2>{_DAY})\s+"
     rf"(?P<dr_m>{_MONTH})(?:{_COMMA}(?P<dr_y>{_YEAR}))?(?!\d)"),
    # "Tue Mar 15 , 2011", "July 6, 2012", "June 30"
    ("mdy",
     rf"(?:(?P<mdy_wd>{_WEEKDAY}){_COMMA})?(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>{_DAY})(?!\d|:\d)"
     rf"(?:{_COMMA}(?P<mdy_y>{_YEAR})(?!\d))?"),
    # "6 July 2012", "on 30 June", "Friday 6 July"
    ("dmy",
     rf"(?:(?P<dmy_wd>{_FULL_WEEKDAY}){_COMMA}(?:the\s+)?)?(?P<dmy_d>{_DAY})\s+(?:of\s+)?"
     rf"(?P<dmy_m>{_MONTH})(?:{_COMMA}(?P<dmy_y>{_YEAR})(?!\d))?"),
    # "between March and May (2012)", "from March to May"
    ("monthrange",
     rf"(?:between|from)\s+(?P<mr_m1>{_MONTH})\s+(?:and|to|until|through)\s+"
     rf"(?P<mr_m2>{_MONTH})(?:{_COMMA}(?P<mr_y>{_YEAR})(?!\d))?"),
    # "June 2009", "June of 2009", "June, 2009" / "June , 2009" (PTB) -- but not "In June, 2000 people"
    ("my", rf"(?P<my_m>{_MONTH})(?:\s+(?:of\s+)?|\s*,\s*(?={_YEAR}{_YEAR_ENDS}))(?P<my_y>{_YEAR})(?![\d,]\d)"),
    # "June last year", "January this year", "March next year"
    ("monthrel", rf"(?P<mrl_m>{_MONTH})\s+(?P<mrl_mod>last|this|next)\s+year\b"),
    # a holiday named by its month: "May Day" is 1 May
    ("mayday", r"May\s+Day\b(?!s)"),
    # "last/next/this March", "in March", "early March"; bare months except May
    ("month",
     rf"(?:(?P<mo_mod>last|next|this|earlier\s+this|later\s+this)\s+)?"
     rf"(?P<mo_m>{_MONTH})(?=\s*[,.;:)'\"]|\s+(?!\d)|$)"),
    ("decade", r"(?:1[89]|20)\d0'?s\b"),
    ("year", rf"(?:(?<=mid-)|(?<=pre-)|(?<=post-)|(?<![\d,.$£€#-]))(?P<yr_y>{_YEAR})(?![\d%]|,\d|-\d|\.\d|s\b|'s\b)"),
    ("ago",
     rf"(?P<ago_n>{_NUMWORD}|{_TENS}(?:[\s-]{_UNITS_WORD})?|{_TEENS})(?:\s+or\s+so)?\s+(?P<ago_u>day|week|month|year)s?"
     rf"(?:\s+or\s+so)?\s+(?P<ago_w>ago|earlier|before(?!\s+[\w$\u00a3\u20ac])|later)\b"),
    # "that year", "the following year", "the next day", "the same day": the date just named
    ("anaphor",
     r"(?P<an_d>that|the\s+following|the\s+next|the\s+previous|the\s+same|the\s+preceding|that\s+same)\s+"
     r"(?P<an_u>day|week|month|year)\b"),
    ("fyear",
     r"(?P<fy_dur>the\s+(?:fiscal\s+)?year(?=\s+(?:ended|ending|that\s+ended)))|(?P<fy>(?:the|this)\s+(?:current\s+|full\s+|latest\s+)?(?:fiscal\s+)?year(?!\s+(?:ago|earlier|before|later))(?!-)|"
     r"the\s+(?:current|full)\s+year)\b"),
    ("weekend",
     r"(?P<we_mod>last|this|next|past|previous|coming)\s+weekend"),
    ("theweekend", r"the\s+weekend\b"),
    ("yearend", r"(?P<ye_the>the\s+)?year(?:-end|\s+end|'s\s+end)\b"),
    ("rel",
     r"(?P<rel_mod>last|next|this|past|previous|coming|earlier\s+this|later\s+this|"
     r"early\s+this|late\s+this|end\s+of\s+this|end\s+of\s+last)\s+"
     r"(?P<rel_u>week|month|year)\b"),
    # sets: "each July", "every Thursday", "each month", "Tuesday nights", "weekly"
    ("set",
     rf"(?:each|every)\s+(?:(?P<st_m>{_MONTH})|(?P<st_wd>{_FULL_WEEKDAY})|(?P<st_u>day|week|month|quarter|year))\b"
     rf"|(?P<st_wds>{_FULL_WEEKDAY})s?\s+(?:nights|mornings|afternoons|evenings)\b"
     r"|(?P<st_adv>daily|weekly|monthly|quarterly|annually|hourly)\b(?!\s+(?:[a-z]+\s+)?(?:newspaper|paper|magazine|report|basis))"
     r"|(?P<st_rec>recent\s+(?:weeks|months|quarters))"),
    ("weekday",
     rf"(?:(?P<wd_mod>last|next|this|on|coming|past|previous)\s+)?"
     rf"(?P<wd>{_FULL_WEEKDAY})(?!s\b)(?!\s+{_TITLE_WORDS}\b)(?!{_COMMA}(?:the\s+)?(?:{_DAY}\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+\d))"
     rf"(?:\s+(?P<wd_part>{_PART}))?"),
    ("deictic",
     rf"(?:(?P<dx_part0>mid-?afternoon|mid-?morning)\s+)?"
     rf"(?P<dx>today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|"
     rf"last\s+night|overnight)(?:\s+(?P<dx_part>{_PART}))?"),
    ("partofday",
     rf"(?P<pd>(?:the\s+)?mid[\s-]?(?:afternoon|morning)|the\s+(?:morning|afternoon|evening))\b"),
    # "later in the day", "earlier in the week": the day (week...) just named, else publication's
    ("inthe", r"(?:(?<=later\sin\s)|(?<=earlier\sin\s))the\s+(?P<it_u>day|week|month|year)\b"),
    # durations: recognised so that they are not taken for dates ("five years", "the past two weeks")
    ("duration",
     rf"(?:(?:the\s+)?(?:last|past|next|first|coming|previous|following)\s+)?"
     rf"(?P<du_n>{_DUR_NUM})[\s-]+(?P<du_u>{_DUR_UNIT})s?(?:-(?:long|old))?\b(?!-(?:earlier|ago|end))"),
]

_SCAN = re.compile(
    "|".join(rf"(?P<{name}>\b{body})" for name, body in _PATTERNS),
)
_THE_NEXT = (
    r"(?:past|future|near|short|present|time|year|quarter|period|latest|current|same|corresponding|"
    r"comparable|year-|first|second|third|fourth|final|early|late|mid|middle|end|beginning|start|next|"
    r"following|previous|preceding|day|week|month|winter|summer|spring|fall|autumn|twenties|thirties|"
    r"forties|fifties|sixties|seventies|eighties|nineties|fiscal|full|last|coming|morning|afternoon|"
    r"evening|\d)"
)
_TRIGGER_WORDS: list[tuple[str, str]] = (
    [(d, "") for d in "0123456789"]
    + [(m, "") for m in "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec Mon Tue Wed Thu Fri Sat Sun".split()]
    + [(w, r"\b") for w in ("today", "tonight", "yesterday", "tomorrow", "now", "currently", "nowadays",
                             "presently", "recently", "soon", "noon", "midnight",
                             "daily", "weekly", "monthly", "quarterly", "annually", "hourly",
                             "overnight", "future", "spring", "summer", "fall", "autumn", "winter", "year-end", "year",
                             "year-ago", "year-earlier")]
    + [(w, r"\b(?=\s+[\dA-Z])") for w in ("from", "between")]                  # 3-5 July / March to May
    + [(w, r"\b(?=\s+(?:[A-Z]|week|month|year|night|morning|afternoon|evening|spring|summer|fall|"
           r"autumn|winter|quarter|period|day))")
       for w in ("last", "next", "this", "past", "previous", "coming", "that")]
    + [("this", r"\b(?=\s+past\s)"), ("that", r"\b(?=\s+same\s)")]                  # that same day
    + [(w, r"\b(?=\s+(?:this|spring|summer|fall|autumn|winter|[A-Z\d]))") for w in ("earlier", "later", "early", "late")]
    + [("end", r"\b(?=\s+of\s+(?:this|last))"), ("on", r"\b(?=\s+[A-Z])")]  # on Friday
    + [(w, r"\b(?=\s+(?:\d|noon|midnight|present))") for w in ("at", "around", "about")]
    + [("the", rf"\b(?=\s+{_THE_NEXT})"),
       ("these", r"\b(?=\s+days)"), ("right", r"\b(?=\s+now)"), ("more", r"\b(?=\s+recently)"),
       ("recent", r"\b(?=\s+(?:day|week|month|year|quarter))"), ("mid", r"(?=[\s-]?(?:afternoon|morning))"),
       ("each", r"\b(?=\s+(?:[A-Z]|day|week|month|quarter|year))"),
       ("every", r"\b(?=\s+(?:[A-Z]|day|week|month|quarter|year))"),
       ("fiscal", r"\b(?=[\s-]+(?:first|second|third|fourth))")]
    + [(w, r"\b(?=[\s-]+(?:fiscal[\s-]+)?(?:quarter|half))") for w in ("first", "second", "third", "fourth", "final")]
    + [(w, rf"\b(?=[\s-]+(?:(?:few|couple|dozen|of|or|so|and|a|thousand|{_TENS[3:-1]}|"
           rf"one|two|three|four|five|six|seven|eight|nine)[\s-]+)*{_UNIT})")
       for w in _NUMBER_WORDS]
    + [(w, r"\b(?=\s+(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|ten|eleven|twelve|"
           r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|thousand))")
       for w in ("nineteen", "twenty", "two")]
)
"""(word, what must follow it) for every word an expression can start with."""


_TRIGGER_AT = "(?:" + "|".join(re.escape(w) + after for w, after in _TRIGGER_WORDS) + ")"
_TRIGGER_START = re.compile(_TRIGGER_AT)
_TRIGGER_AFTER = re.compile(r"\W" + _TRIGGER_AT)


def _trigger_starts(folded: str) -> list[int]:
    """Where an expression can start: the word starts (``\\b``) where a
    :data:`_TRIGGER_WORDS` word begins with what must follow it.

    Found as "a non-word character, then a word" (plus the text's start)
    rather than with ``\\b(?:...)``: the regex engine then skips in C to the
    next space or punctuation mark instead of trying the pattern at every
    character.  Matches resume after the word as ``finditer`` would.
    """
    first = _TRIGGER_START.match(folded)
    starts = [0] if first else []
    starts.extend(m.start() + 1 for m in _TRIGGER_AFTER.finditer(folded, first.end() if first else 0))
    return starts


# Capitalised words that start an expression at the start of a sentence
# ("Last week", "Now", "The third quarter"): folded to lower case before the
# scan (same length, so offsets hold).  Month and weekday names stay as they
# are on purpose: their capital letter is what tells ``May`` from ``may``.
_FOLDED_WORDS = (
    "Today Tonight Yesterday Tomorrow Last Next This That These The Earlier Later Early Late Now "
    "Currently Recently Previously Formerly Nowadays Presently Soon In At Around About More Recent "
    "Right Overnight Noon Midnight Mid Fiscal First Second Third Fourth Final Spring Summer Fall "
    "Autumn Winter Past Coming Previous Year-ago Year-earlier Each Every " + " ".join(w.capitalize() for w in _NUMBER_WORDS)
).split()
_DEICTIC_CI = re.compile(r"\b(?:" + "|".join(sorted(set(_FOLDED_WORDS), key=len, reverse=True)) + r")\b")

# Every _DEICTIC_CI match starts with one of these (case-sensitive) capitals.
_DEICTIC_HINT = re.compile(r"\b[A-Z]")

# Tense matters only for these kinds; the others ignore ``fut``.
_TENSED = {"dayrange", "mdy", "dmy", "monthrange", "month", "mayday", "weekday", "clock", "quarter", "season",
           "theweekend"}

# Before a bare year we need a temporal preposition, or the year must end its
# phrase ("... in the spring of 2011.") -- "2000 people" is a count.
_YEAR_BEFORE = re.compile(rf"\b{_YEAR_PREP}\s+(?:the\s+)?(?:early\s+|late\s+)?$", re.IGNORECASE)
_YEAR_DETERMINER = re.compile(
    r"(?:\b(?:a|an|the|his|her|its|their|our|my|your|that|this|whose)\s+|'s\s+|\bmid-|\bpre-|\bpost-)$",
    re.IGNORECASE)
# A number after which a year is a count ("the 2000 troops").
_COUNTED = re.compile(r"\s+[a-z]+s\b(?!')")
_YEAR_AFTER = re.compile(r"\s*(?:[.,;:)?!'\"]|--|$)")
_YEAR_AFTER_AND = re.compile(r"\s+and\s+beyond\b")
# A year between a word and a singular noun modifies it, unless a quantity word precedes
# ("some 2000 Chinese workers") or a time zone follows ("at 2010 GMT").
_YEAR_MODIFIER_BEFORE = re.compile(
    r"\b(?!(?:about|some|nearly|almost|over|under|than|around|least|approximately|roughly|"
    r"only|just|to|and|or|at|no|number|total)\s)[a-z]{2,}\s+$")
_YEAR_MODIFIES = re.compile(r"\s+(?!(?:GMT|UTC|EST|EDT|PST|PDT|CST|CDT|hours|hrs)\b)"
                            r"(?:[A-Z][A-Za-z]+|[a-z]*[a-rt-z])\b(?!')")
_MAY_BEFORE = re.compile(
    r"\b(?:in|since|by|until|till|during|of|from|early|late|mid|through|end\s+of|"
    r"last|next|this|earlier\s+this|later\s+this|between|and|to)\s+$|mid-$",
    re.IGNORECASE,
)

# A bare month right after a capitalised word inside a sentence is part of a name
# ("the Long March", "the Women's March"); a month, a weekday or a preposition of a
# title-case headline ("Talks Resume In March") is not such a word.
_IN_A_NAME = re.compile(
    rf"(?<=[\w,;)]\s)(?!{alternation(_WORDS['not_names'])}\s)"
    rf"(?!{_MONTH}\s)(?!{_WEEKDAY},?\s)[A-Z][\w'.-]*\s+$")


# The end of a sentence before a word: its full stop (and a closing quote or bracket), or a line break.
_SENTENCE_END = re.compile(r"(?:[.!?][\"'\u201d\u2019)\]]*\s+|\n\s*)$")
_WORD_BEFORE = re.compile(r"([A-Z][a-z][\w'-]*)\s+$")  # a title-case word
_NOT_A_NAME = frozenset(_WORDS["not_names"])
_NOUN_MONTHS = frozenset(_WORDS["noun_months"])
_PLURAL_AFTER = re.compile(r"\s+([a-z][a-z'-]*s)\b")


def _at_sentence_start(text: str, i: int) -> bool:
    """Does a sentence start at offset *i* (nothing but space before it, or the
    end of a sentence)?"""
    head = text[max(0, i - 8):i]
    return (i <= 8 and not text[:i].strip()) or bool(_SENTENCE_END.search(head))


def _opens_a_name(text: str, start: int, end: int, before: str) -> bool:
    """Is the bare month at *start* part of a name at a sentence's start, where
    every word is capitalised?  "Long March veterans met": a capitalised word
    that is no stop word nor in ``not_names`` opens the sentence before it;
    "March veterans met": a month that is also a noun opens it, before a plural
    that is no stop word ("March was cold" is a date)."""
    w = _WORD_BEFORE.search(before)
    if w is not None:
        word = w.group(1)
        return (_at_sentence_start(text, start - len(w.group(0))) and word not in _NOT_A_NAME
                and word.lower() not in STOP_WORDS and _MONTHS_RE.fullmatch(word) is None
                and _WEEKDAY_RE.fullmatch(word.rstrip(",")) is None)
    if text[start:end].rstrip(". ") in _NOUN_MONTHS and _at_sentence_start(text, start):
        after = _PLURAL_AFTER.match(text, end)
        return after is not None and after.group(1) not in STOP_WORDS
    return False


_MONTHS_RE = re.compile(_MONTH)
_WEEKDAY_RE = re.compile(_WEEKDAY)


def _accept(kind: str, m: re.Match, text: str) -> bool:
    """Filters that a regex cannot say compactly."""
    start = m.start()
    before = text[max(0, start - 30):start]
    if kind == "year":
        score = re.search(r"(\d+)\s*(?:-|to|and)\s*$", before)
        if score and not re.fullmatch(_YEAR, score.group(1)):
            return False  # "41-3 vote" style or a score
        if _YEAR_BEFORE.search(before) or _YEAR_AFTER.match(text, m.end()) or _YEAR_AFTER_AND.match(text, m.end()):
            return True
        # a year as a modifier: "his 1990 projection", "a 1971 convention", "mid-1996",
        # "his unsuccessful 1996 campaign", "predicting 1990 BellSouth earnings"
        if _COUNTED.match(text, m.end()):
            return False
        return bool(_YEAR_DETERMINER.search(before)) or bool(
            _YEAR_MODIFIER_BEFORE.search(before) and _YEAR_MODIFIES.match(text, m.end()))
    if kind == "season":
        return bool(m.group("s_mod") or m.group("s_y") or m.group("s_y2"))
    if kind == "qref" and m.group("qr_u") and m.group("qr_u").lower() == "period":
        return bool(m.group("qr_cur") or m.group("qr_ago") or m.group("qr_y") or m.group("qr_ly"))
    if kind == "ref" and m.group("rf_fu") and m.group().lower() == "future":
        return False  # "future" alone is mostly an adjective ("future talks")
    if kind == "month":
        if not m.group("mo_mod") and (_IN_A_NAME.search(before) or _opens_a_name(text, start, m.end(), before)):
            return False  # "the Long March", "Black September": part of a name
        word = m.group("mo_m").rstrip(".")
        if word in ("May", "Mar", "Jan", "Jun", "Sun", "Sat", "Dec", "Oct", "Sep",
                    "Nov", "Aug", "Apr", "Feb", "Jul", "Sept") and not m.group("mo_mod"):
            # Ambiguous words (May, Mar...) need a temporal preposition.
            return bool(_MAY_BEFORE.search(before))
        return True
    return True


_Found = tuple[int, int, int, str, re.Match, bool]


@lru_cache(maxsize=8192)
def _scan(text: str) -> tuple[_Found, ...]:
    """Every expression a trigger of *text* starts, before any date is resolved.

    ``(trigger start, start, end, kind, groups, future context)`` for each
    trigger whose scan matches and passes :func:`_accept`, in text order.
    Finding expressions is most of the tagger's cost and depends on the
    text alone, while resolving depends on the publication date: a sentence
    repeated in articles of different days (wire copy, boilerplate) is
    scanned once.  All triggers are scanned, also those inside an earlier
    expression; :func:`_tag` skips those exactly where it skipped them
    before (a skipped trigger is never resolved).  The groups are the
    match itself (``g["iso_y"]``; None for a group that did not take part,
    as in ``groupdict()``): read-only, so the cached tuple can be shared,
    and no 45-entry dict is built per expression (~25 ms over the 624
    articles' 7,154 expressions).
    """
    folded = _fold_case(text)
    return _scan_at(text, folded, _trigger_starts(folded))


def _scan_at(text: str, folded: str, starts: Iterable[int]) -> tuple[_Found, ...]:
    """:func:`_scan` at the given start offsets (a test scans at every word start
    to show the trigger list loses nothing)."""
    found: list[_Found] = []
    for start in starts:
        m = _SCAN.match(folded, start)
        if m is None:
            continue
        kind = m.lastgroup
        if kind is None or not _accept(kind, m, text):
            continue
        fut = kind in _TENSED and _future_context(text, m.start(), m.end())
        found.append((start, m.start(), m.end(), kind, m, fut))
    return tuple(found)


def _fold_case(text: str) -> str:
    """Lower-case sentence-initial relative words ("Last week", "Yesterday").

    Same length as ``text`` so offsets stay valid; month and weekday names are
    left alone because their capital letter is what tells ``May`` from ``may``.
    Most sentences have none of the capitalised words every match starts
    with: a scan for those (literals: the engine jumps between their first
    letters) spares them the word-boundary pattern (21 -> ~5 ms over 6,610
    sentences).
    """
    if _DEICTIC_HINT.search(text) is None:
        return text
    return _DEICTIC_CI.sub(lambda m: m.group().lower(), text)
