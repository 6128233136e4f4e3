"""A HeidelTime-style temporal tagger: rules, no model.

Why rules: the field guide's lesson from timeline summarization is that a
tagger which resolves *relative* dates well ("on Friday", "last week") is worth
more than clever ranking, and news relative dates are anchored on one thing we
always have -- the publication date.  HeidelTime does this with hand-written
patterns; we do the same with one precompiled alternation scanned once over the
text (linear in its length), and resolve each match against ``published``.

Values keep the grain the text supports (TIMEX3 style): ``2012``, ``2012-07``,
``2012-07-06``, ``2012-W27``.  Without a publication date a relative
expression is kept as written with ``value=None`` -- never guessed.

Works on plain text and on PTB-tokenized text (``Mar 15 , 2011``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Optional

from .nlp import lower_safe as _lower_safe

__all__ = ["Timex", "tag", "reports_on_publication_day"]


@dataclass(frozen=True)
class Timex:
    """One temporal expression found in a text."""

    start: int
    end: int
    text: str
    value: Optional[str]
    end_value: Optional[str]
    grain: str
    resolution: str
    type: str = "DATE"
    """TIMEX3 type: DATE, TIME (a time of day), DURATION or SET."""

    def as_json(self) -> dict:
        """The TIMEX3 view of the expression (``briefing dates --format jsonl``)."""
        return {"start": self.start, "end": self.end, "text": self.text,
                "type": self.type, "value": self.value}


# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2,
    "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "several": None, "few": None,
}

# Month names must be capitalized (``may`` is a modal, ``march`` a verb); the
# abbreviations may carry a period.  Longest alternatives first.
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.?"
)
_WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"Tues|Thurs|Thur|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.?"
)
_FULL_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# A weekday that starts a title is a name, not a day ("the Sunday Times").
_TITLE_WORDS = (
    r"(?:Times|Telegraph|Mirror|Express|Herald|Post|Mail|Star|Independent|Tribune|"
    r"Observer|Sport|Review|Club|League|Service|School|Night\s+Live)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_COMMA = r"\s*,?\s*"
_NUMWORD = r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# Words before a bare year that make it a year and not a count ("in 2011").
_YEAR_PREP = (
    r"(?:in|In|since|Since|of|by|until|till|from|From|during|before|after|through|between|both|due|"
    r"early|late|mid-|end of|until|to|and|the year|year|fiscal|FY|summer|winter|"
    r"spring|autumn|fall)"
)

_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
# "nineteen ninety-six", "two thousand": years as a transcript says them.
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNITS_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_SPOKEN_YEAR = (
    rf"(?:(?:nineteen|twenty)\s+(?:{_TENS}(?:[\s-]{_UNITS_WORD})?|{_TEENS})|"
    rf"two\s+thousand(?:\s+and)?(?:\s+(?:{_UNITS_WORD}|{_TEENS}))?(?![\s-]+(?:years|people|troops|dollars)\b))"
)
_CLOCK = (
    r"(?:(?P<tm_h>[01]?\d)(?::(?P<tm_m>[0-5]\d))?\s*(?P<tm_ap>a\.m\.|p\.m\.|am\b|pm\b)|"
    r"(?P<tm_w>noon|midnight))"
)
_ZONE = r"(?:\s+(?:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|local\s+time|\(\d{4}\s+GMT\)))"
_PART = r"(?:morning|afternoon|evening|night)"
_DUR_UNIT = r"(?:second|minute|hour|day|week|month|year|decade|quarter|century)"
_DUR_NUM = (
    rf"(?:\d+(?:\.\d+)?|{_NUMWORD}|{_TENS}(?:[\s-]{_UNITS_WORD})?|{_TEENS}|several|a\s+few|few|many|"
    r"a\s+couple\s+of|a\s+couple|couple\s+of|a\s+dozen|dozens\s+of|hundreds\s+of)"
)

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
    ("my", rf"(?P<my_m>{_MONTH})\s+(?:of\s+)?(?P<my_y>{_YEAR})(?![\d,]\d)"),
    # "June last year", "January this year", "March next year"
    ("monthrel", rf"(?P<mrl_m>{_MONTH})\s+(?P<mrl_mod>last|this|next)\s+year\b"),
    # "last/next/this March", "in March", "early March"; bare months except May
    ("month",
     rf"(?:(?P<mo_mod>last|next|this|earlier\s+this|later\s+this)\s+)?"
     rf"(?P<mo_m>{_MONTH})(?=\s*[,.;:)'\"]|\s+(?!\d)|$)"),
    ("decade", r"(?:1[89]|20)\d0'?s\b"),
    ("year", rf"(?:(?<=mid-)|(?<=pre-)|(?<=post-)|(?<![\d,.$£€#-]))(?P<yr_y>{_YEAR})(?![\d%]|,\d|-\d|\.\d|s\b|'s\b)"),
    ("ago",
     rf"(?P<ago_n>{_NUMWORD}|{_TENS}(?:[\s-]{_UNITS_WORD})?|{_TEENS})(?:\s+or\s+so)?\s+(?P<ago_u>day|week|month|year)s?"
     rf"(?:\s+or\s+so)?\s+(?P<ago_w>ago|earlier|before)\b"),
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
# Every match of _SCAN starts at one of these word starts; trying the big
# alternation only there (instead of at every character) is ~10x faster.
# The only capitalised starts _SCAN can match are month and weekday names
# (the folded text has the relative words in lower case), so those are named
# here: "[A-Z][a-z]{2}" sent every capitalised word through _SCAN.
#
# A lower-case word starts an expression only with the right word after it
# ("on" + a weekday, "a" + "few"/a unit, "last" + a name or unit...), so each
# carries a lookahead for what _SCAN needs there: "a", "on", "from", "this"
# and number words are common, and ~75 % of the triggers found without these
# lookaheads (10,862 of 14,084 on the 624 articles) were tried with _SCAN in
# vain.  Each lookahead is implied by every _SCAN alternative starting with
# that word, so no expression is lost; a trigger dropped here consumed no
# word start, so the others are the same.
_UNIT = r"(?:day|week|month|year|hour|minute|second|decade|quarter|centur)"
_NUMBER_WORDS = (
    "a an several few many one two three four five six seven eight nine ten eleven twelve "
    "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty "
    "sixty seventy eighty ninety couple dozens hundreds"
).split()
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
    + [("this", r"\b(?=\s+past\s)")]
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

# Future / modal markers before a weekday or month make it point forward.
_FUTURE = re.compile(
    r"\b(?:will|'ll|shall|going\s+to|is\s+due|are\s+due|due\s+to|expected\s+to|"
    r"scheduled|plans?\s+to|planned|set\s+to|wo\s*n't|would\s+be\s+held|to\s+be\s+held|"
    r"to\s+meet|to\s+vote|to\s+hold|deadline|is\s+to|are\s+to|effective|expects?\s+to|hopes?\s+to)\b",
    re.IGNORECASE,
)
# A sentence ends at a full stop, but not after an initial ("Daniel P. Davison")
# or a title ("Mr. Bush").
_SENTENCE_BREAK = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)(?<!\bGen)(?<!\bSen)(?<!\bRep)"
    r"[.!?]\s+(?=[A-Z`'\"(])|\n")


# --------------------------------------------------------------------------
# Date arithmetic
# --------------------------------------------------------------------------


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _safe_date(y: int, m: int, d: int) -> Optional[dt.date]:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _nearest_year(pub: dt.date, m: int, d: int, future: bool) -> Optional[dt.date]:
    """Year for a month-day written without one.

    News reports mostly the recent past, so the day is placed in the year that
    puts it nearest to publication; a day more than ~two months ahead is taken
    from the previous year unless the sentence is future tense.
    """
    best = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        cand = _safe_date(y, m, d)
        if cand is None:
            continue
        gap = (cand - pub).days
        if gap > 0 and not future and gap > 62:
            continue
        if gap < 0 and future and -gap > 62:
            continue
        if best is None or abs(gap) < abs((best - pub).days):
            best = cand
    return best


def _month_year(pub: dt.date, m: int, future: bool) -> int:
    """The year of a bare month: the nearest one to publication ("in
    January" in a November paper is the coming January, "in March" the
    last one); in a future-tense clause, the next one."""
    if future:
        return pub.year if m >= pub.month else pub.year + 1
    gap = m - pub.month
    if gap > 6:
        return pub.year - 1
    if gap < -6:
        return pub.year + 1
    return pub.year


def _weekday_date(pub: dt.date, wd: int, direction: str) -> dt.date:
    """The nearest day named ``wd``; the published weekday is the published day.

    ``direction`` is ``past`` / ``future`` (same weekday allowed) or
    ``before`` / ``after`` (strictly, for "last Friday" / "next Friday").
    """
    diff = (pub.weekday() - wd) % 7
    if direction == "past":
        return pub - dt.timedelta(days=diff)
    if direction == "before":
        return pub - dt.timedelta(days=diff or 7)
    ahead = (wd - pub.weekday()) % 7
    if direction == "future":
        return pub + dt.timedelta(days=ahead)
    return pub + dt.timedelta(days=ahead or 7)


def _day_num(s: str) -> int:
    return int(re.match(r"\d+", s).group())


def _month_num(s: str) -> int:
    return _MONTHS[s.rstrip(".").lower()]


# --------------------------------------------------------------------------
# Resolution of each pattern kind
# --------------------------------------------------------------------------

_Result = Optional[tuple[Optional[str], Optional[str], str, str]]


def _future_context(text: str, start: int, end: int) -> bool:
    """Is the expression in a forward-looking clause of its sentence?"""
    left = 0
    for m in _SENTENCE_BREAK.finditer(text, max(0, start - 200), start):
        left = m.end()
    window = text[max(left, start - 80):start]
    if _REPORTED_PAST.search(window):
        return False  # '"... will concentrate on ...," Mr. Gerstner said Friday'
    return any(not _PAST_OF_PLAN.search(window, 0, m.start()) for m in _FUTURE.finditer(window))


# A report's past-tense verb right before the expression dates the report, not the plan.
_REPORTED_PAST = re.compile(r"\b(?:said|told|announced|reported|added|stated|noted)\s+(?:on\s+)?$")
# "had been due to", "was scheduled to": a plan as it stood in the past.
_PAST_OF_PLAN = re.compile(r"\b(?:had\s+been|was|were)\s+(?:previously\s+|originally\s+)?$", re.IGNORECASE)


# A past-tense verb; a participle after "be" ("to be published") is not one.
_PAST = re.compile(
    r"(?<!\bbe )(?<!\bbeen )(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bbeing )"
    r"\b(?!(?:added|noted|stated|reported|announced|indicated)\b)"  # a report's verb is not the event's
    r"(?:was|were|had|did|began|came|fell|rose|took|bought|brought|sold|paid|won|made|got|held|"
    r"met|left|went|lost|sent|[a-z]{3,}ed)\b")


def _past_context(text: str, start: int, end: int) -> bool:
    """Does a past-tense verb come shortly before the expression in its
    sentence, or right after it ("In March, the company received ...")?"""
    left = 0
    for m in _SENTENCE_BREAK.finditer(text, max(0, start - 200), start):
        left = m.end()
    if _PAST.search(text, max(left, start - 60), start):
        return True
    after = _SENTENCE_BREAK.search(text, end, end + 60)
    return bool(_PAST.search(text, end, after.start() if after else min(len(text), end + 60)))


def _unresolved(grain: str) -> _Result:
    return None, None, grain, "unresolved"


def _r_iso(g, pub, fut) -> _Result:
    d = _safe_date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
    return (d.isoformat(), None, "day", "explicit") if d else None


def _r_dayrange(g, pub, fut) -> _Result:
    m = _month_num(g["dr_m"])
    d1, d2 = _day_num(g["dr_d1"]), _day_num(g["dr_d2"])
    if d2 <= d1:
        return None
    if g["dr_y"]:
        a, b = _safe_date(int(g["dr_y"]), m, d1), _safe_date(int(g["dr_y"]), m, d2)
        kind = "explicit"
    elif pub is None:
        return _unresolved("day")
    else:
        a = _nearest_year(pub, m, d1, fut)
        b = _safe_date(a.year, m, d2) if a else None
        kind = "relative"
    if not a or not b:
        return None
    return a.isoformat(), b.isoformat(), "day", kind


def _r_mdy(g, pub, fut) -> _Result:
    return _day_month(g["mdy_m"], g["mdy_d"], g["mdy_y"], pub, fut)


def _r_dmy(g, pub, fut) -> _Result:
    return _day_month(g["dmy_m"], g["dmy_d"], g["dmy_y"], pub, fut)


def _day_month(month: str, day: str, year: Optional[str], pub, fut) -> _Result:
    m, d = _month_num(month), _day_num(day)
    if year:
        date = _safe_date(int(year), m, d)
        return (date.isoformat(), None, "day", "explicit") if date else None
    if _safe_date(2000, m, d) is None:  # 2000 is a leap year: Feb 29 passes
        return None
    if pub is None:
        return _unresolved("day")
    date = _nearest_year(pub, m, d, fut)
    return (date.isoformat(), None, "day", "relative") if date else None


def _r_monthrange(g, pub, fut) -> _Result:
    m1, m2 = _month_num(g["mr_m1"]), _month_num(g["mr_m2"])
    if g["mr_y"]:
        y = int(g["mr_y"])
        y1 = y if m1 <= m2 else y - 1
        return _month(y1, m1), _month(y, m2), "month", "explicit"
    if pub is None:
        return _unresolved("month")
    y2 = _month_year(pub, m2, fut)
    y1 = y2 if m1 <= m2 else y2 - 1
    return _month(y1, m1), _month(y2, m2), "month", "relative"


def _r_my(g, pub, fut) -> _Result:
    return _month(int(g["my_y"]), _month_num(g["my_m"])), None, "month", "explicit"


def _r_month(g, pub, fut) -> _Result:
    m = _month_num(g["mo_m"])
    mod = " ".join((g["mo_mod"] or "").split())
    if pub is None:
        return _unresolved("month")
    if mod == "last":  # the latest one before this month
        y = pub.year - 1 if m >= pub.month else pub.year
    elif mod == "next":
        y = pub.year + 1 if m <= pub.month else pub.year
    elif mod in ("this", "earlier this", "later this"):
        y = pub.year
    else:
        y = _month_year(pub, m, fut)
    return _month(y, m), None, "month", "relative"


def _r_month_in(g, pub, fut, text: str, start: int, end: int) -> _Result:
    """A bare month in a past-tense clause is the last one ("erupted in March")."""
    res = _r_month(g, pub, fut)
    if res and res[0] and not fut and not g["mo_mod"] and res[0] > _month(pub.year, pub.month) \
            and _past_context(text, start, end):
        m = _month_num(g["mo_m"])
        return _month(pub.year if m <= pub.month else pub.year - 1, m), None, "month", "relative"
    return res


def _r_year(g, pub, fut) -> _Result:
    return g["yr_y"], None, "year", "explicit"


def _r_weekend(g, pub, fut) -> _Result:
    if pub is None:
        return _unresolved("day")
    mod = g["we_mod"].lower()
    if mod in ("last", "past", "previous"):
        sat = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
        if sat + dt.timedelta(days=1) >= pub:
            sat -= dt.timedelta(days=7)
    else:
        # "this"/"coming" weekend: the one of the publication's ISO week;
        # "next" weekend: the one after it.
        sat = pub + dt.timedelta(days=5 - pub.weekday())
        if mod == "next":
            sat += dt.timedelta(days=7)
    return f"{_iso_week(sat)}-WE", None, "weekend", "relative"


def _r_rel(g, pub, fut) -> _Result:
    mod = " ".join(g["rel_mod"].lower().split())
    unit = g["rel_u"].lower()
    if pub is None:
        return _unresolved(unit)
    shift = -1 if mod in ("last", "past", "previous", "end of last") else (
        1 if mod in ("next", "coming") else 0)
    if mod in ("past", "previous") and unit != "year":
        # "the past week" is a span ending now; HeidelTime keeps it as last week.
        shift = -1
    if unit == "week":
        return _iso_week(pub + dt.timedelta(weeks=shift)), None, "week", "relative"
    if unit == "month":
        return _month(*_add_months(pub.year, pub.month, shift)), None, "month", "relative"
    return str(pub.year + shift), None, "year", "relative"


# "compared with a loss of $3 million last year", "up from last year's $2.34 billion"
_COMPARED = re.compile(r"\b(?:compared\s+with|from|versus)\b[^.;]{0,50}(?:[$#\d][^.;]{0,30})?$")


def _r_relc(g, pub, fut, ctx: _Context) -> _Result:
    """"last year" in an earnings comparison is the reported quarter a year before."""
    res = _r_rel(g, pub, fut)
    if (res and res[2] == "year" and ctx.quarter and not ctx.longer_span
            and " ".join(g["rel_mod"].lower().split()) == "last"):
        before = g.string[max(0, g.start() - 80):g.start()]
        after = g.string[g.end():g.end() + 4]
        if _COMPARED.search(before) and (re.search(r"[$#]\s?\d", before[-40:]) or after.startswith("'s $")):
            y, name = ctx.quarter
            return f"{y - 1}-{name}", None, "quarter", "relative"
    return res


def _r_weekday(g, pub, fut) -> _Result:
    if pub is None:
        return _unresolved("day")
    wd = _WEEKDAYS[g["wd"].lower()]
    mod = (g["wd_mod"] or "").lower()
    if mod in ("last", "past", "previous"):
        direction = "before"
    elif mod in ("next", "coming"):
        direction = "after"
    elif mod == "this":
        # The day of the publication week.
        monday = pub - dt.timedelta(days=pub.weekday())
        day = (monday + dt.timedelta(days=wd)).isoformat()
        if g["wd_part"]:
            return f"{day}T{_PARTS[g['wd_part'].lower()]}", None, "time", "relative"
        return day, None, "day", "relative"
    else:
        direction = "future" if fut else "past"
    day = _weekday_date(pub, wd, direction).isoformat()
    if g["wd_part"]:
        return f"{day}T{_PARTS[g['wd_part'].lower()]}", None, "time", "relative"
    return day, None, "day", "relative"


def _r_deictic(g, pub, fut) -> _Result:
    word = " ".join(g["dx"].lower().split())
    part = g["dx_part"] or g["dx_part0"] or (word.split()[-1] if word not in ("today", "yesterday", "tomorrow")
                                             else None)
    grain = "time" if part else "day"
    if pub is None:
        return _unresolved(grain)
    shift = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
    day = (pub + dt.timedelta(days=shift)).isoformat()
    if part:
        part = part.lower().replace("mid-", "").replace("mid", "")
        return f"{day}T{_PARTS[part]}", None, "time", "relative"
    return day, None, "day", "relative"


def _r_decade(g, pub, fut) -> _Result:
    return None  # decades are skipped on purpose (too coarse for a timeline)


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4,
             "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "fall": ("FA", 9), "autumn": ("FA", 9),
            "winter": ("WI", 12)}
_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
          "overnight": "NI"}
_WORD_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_WORD_NUMBERS.update({w: 10 * i for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)})
_DECADE_WORDS = {w: i for i, w in enumerate(
    "twenties thirties forties fifties sixties seventies eighties nineties".split(), 2)}
_DURATION_UNITS = {"second": "TS", "minute": "TM", "hour": "TH", "day": "D", "week": "W",
                   "month": "M", "year": "Y", "decade": "DE", "quarter": "Q", "century": "CE"}


@dataclass
class _Context:
    """What a document has said so far: the last quarter and the last date
    named, for "the quarter", "a year earlier", "that year"."""

    quarter: Optional[tuple[int, str]] = None   # (year, "Q3")
    date: Optional[tuple[str, str]] = None      # (value, grain) of the last date named
    # a span of months or a year ("the first nine months", "for the year") named since
    # the last quarter: "a year earlier" then compares that span, a year before
    longer_span: bool = False


def _words_number(text: str) -> Optional[int]:
    """"twenty four" -> 24, "nineteen" -> 19; None when not a number."""
    total = 0
    for w in re.split(r"[\s-]+", text.lower()):
        if w not in _WORD_NUMBERS:
            return None
        total += _WORD_NUMBERS[w]
    return total


def _count(word: str) -> Optional[int]:
    word = " ".join(word.lower().split())
    if word.replace(".", "", 1).isdigit():
        return int(float(word)) if "." not in word else None
    if word in _NUMBERS:
        return _NUMBERS[word]
    return _words_number(word)


def _spoken_year(text: str) -> Optional[int]:
    """"nineteen ninety-six" -> 1996, "two thousand" -> 2000."""
    words = re.split(r"[\s-]+", text.lower().replace(" and ", " "))
    if words[:2] == ["two", "thousand"]:
        rest = _words_number(" ".join(words[2:])) if words[2:] else 0
        return 2000 + rest if rest is not None else None
    century = _WORD_NUMBERS.get(words[0])
    rest = _words_number(" ".join(words[1:]))
    if century is None or rest is None:
        return None
    return century * 100 + rest


def _r_clock(g, pub, fut) -> _Result:
    if g["tm_w"]:
        hhmm = "12:00" if g["tm_w"].lower() == "noon" else "24"
    else:
        h = int(g["tm_h"])
        ap = g["tm_ap"].lower()
        if h > 12 or h == 0:
            return None
        if ap.startswith("p") and h != 12:
            h += 12
        elif ap.startswith("a") and h == 12:
            h = 0
        hhmm = f"{h:02d}:{g['tm_m'] or '00'}"
    if pub is None:
        return _unresolved("time")
    if g["tm_wd"]:
        day = _weekday_date(pub, _WEEKDAYS[g["tm_wd"].lower()], "future" if fut else "past")
    elif g["tm_dx"]:
        day = pub + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(g["tm_dx"].lower(), 0))
    elif g["tm_mo"]:
        day = _nearest_year(pub, _month_num(g["tm_mo"]), _day_num(g["tm_d"]), fut)
        if day is None:
            return None
    else:
        day = pub
    return f"{day.isoformat()}T{hhmm}", None, "time", "relative"


def _quarter_year(pub: dt.date, first_month: int, fut: bool) -> int:
    """The year of a quarter or season named without one: the latest one
    begun by publication (earnings are reported after the quarter)."""
    return pub.year if fut or first_month <= pub.month else pub.year - 1


def _r_quarter(g, pub, fut, ctx: _Context) -> _Result:
    n = _ORDINALS[g["q_ord"].lower()]
    half = g["q_u"].lower() == "half"
    if half and n > 2:
        return None
    name = f"H{n}" if half else f"Q{n}"
    first_month = 1 + (n - 1) * (6 if half else 3)
    year_text = g["q_y1"] or g["q_y2"]
    if year_text:
        y, kind = int(year_text), "explicit"
    elif pub is None:
        return _unresolved("half" if half else "quarter")
    else:
        kind = "relative"
        if g["q_rel"]:
            y = pub.year + {"last": -1, "this": 0, "next": 1}[g["q_rel"].lower()]
        elif g["q_ago"]:
            y = (ctx.quarter[0] if ctx.quarter else _quarter_year(pub, first_month, fut)) - 1
        else:
            y = _quarter_year(pub, first_month, fut)
    if not half and not g["q_ago"] and (not fut or ctx.quarter is None):  # a quarter ahead is not the one reported on
        ctx.quarter = (y, name)
    return f"{y}-{name}", None, "half" if half else "quarter", kind


def _r_qref(g, pub, fut, ctx: _Context) -> _Result:
    """"the quarter", "the latest period" (the quarter reported on) and
    "the year-ago quarter", "last year's period" (the same one a year before)."""
    back = bool(g["qr_ago"] or g["qr_ly"] or g["qr_lyq"] or g["qr_adj"])
    if ctx.quarter is None:
        if g["qr_adj"] or g["qr_y"]:
            if g["qr_y"]:
                return g["qr_y"], None, "year", "explicit"
            return (str(pub.year - 1), None, "year", "relative") if pub else _unresolved("year")
        if pub is None or (g["qr_u"] or "").lower() == "period" or back:
            return None
        n = (pub.month - 1) // 3 + 1
        if g["qr_the"].lower() != "this":  # "the quarter": the last one complete
            y, n = (pub.year, n - 1) if n > 1 else (pub.year - 1, 4)
        else:
            y = pub.year
        return f"{y}-Q{n}", None, "quarter", "relative"
    y, name = ctx.quarter
    if ctx.longer_span and ((g["qr_u"] or "").lower() == "period" or g["qr_adj"]):
        # "the 1988 period", "the year-ago results" after "the first nine months": that span's year
        y = int(g["qr_y"]) if g["qr_y"] else y - back
        return str(y), None, "year", "relative"
    if (g["qr_cur"] or "").lower() == "latest" and pub is not None and name.startswith("Q") \
            and _add_months(y, 3 * int(name[1]), 1) > (pub.year, pub.month):
        # "the latest quarter" has ended by publication, whatever quarter was named before
        n = (pub.month - 1) // 3
        y, n = (pub.year, n) if n else (pub.year - 1, 4)
        return f"{y}-Q{n}", None, "quarter", "relative"
    if (g["qr_cur"] or "").lower() == "current" and pub is not None:
        return f"{pub.year}-Q{(pub.month - 1) // 3 + 1}", None, "quarter", "relative"
    if g["qr_y"]:
        y = int(g["qr_y"])
    elif back:
        y -= 1
    return f"{y}-{name}", None, "quarter", "relative"


def _r_season(g, pub, fut) -> _Result:
    code, first_month = _SEASONS[g["s"].lower()]
    year_text = g["s_y"] or g["s_y2"]
    if year_text:
        y = int(year_text) if year_text.isdigit() else _spoken_year(year_text)
        return (f"{y}-{code}", None, "season", "explicit") if y else None
    if pub is None:
        return _unresolved("season")
    mod = (g["s_mod"] or "").lower()
    if mod == "last":
        y = pub.year if first_month + 3 <= pub.month else pub.year - 1
    elif mod == "next":
        y = pub.year + 1 if first_month <= pub.month else pub.year
    else:
        y = pub.year
    return f"{y}-{code}", None, "season", "relative"


def _r_decade2(g, pub, fut) -> _Result:
    if g["dc_y"]:
        value = g["dc_y"]
    elif g["dc_s"]:
        value = "19" + g["dc_s"]
    else:
        value = f"19{_DECADE_WORDS[g['dc_w'].lower()]}"
    return value, None, "decade", "explicit"


def _r_century(g, pub, fut) -> _Result:
    return f"{int(g['c_n']) - 1:02d}", None, "century", "explicit"


def _r_spoken(g, pub, fut) -> _Result:
    y = _spoken_year(g["sp_y"])
    if y is None or not 1800 <= y <= 2099:
        return None
    if g["sp_mo"]:
        return _month(y, _month_num(g["sp_mo"])), None, "month", "explicit"
    return str(y), None, "year", "explicit"


def _r_ref(g, pub, fut) -> _Result:
    value = "PRESENT_REF" if g["rf_pr"] else "PAST_REF" if g["rf_pa"] else "FUTURE_REF"
    return value, None, "ref", "relative"


def _r_monthrel(g, pub, fut) -> _Result:
    if pub is None:
        return _unresolved("month")
    y = pub.year + {"last": -1, "this": 0, "next": 1}[g["mrl_mod"].lower()]
    return _month(y, _month_num(g["mrl_m"])), None, "month", "relative"


def _shift(value: str, grain: str, unit: str, n: int) -> Optional[tuple[str, str]]:
    """*value* (at *grain*) moved by *n* units, at the coarser of the two grains."""
    try:
        if grain == "quarter" and unit == "year":
            return f"{int(value[:4]) + n}{value[4:]}", "quarter"
        if grain == "day" and unit in ("day", "week"):
            d = dt.date.fromisoformat(value) + dt.timedelta(days=n * (7 if unit == "week" else 1))
            return (d.isoformat(), "day") if unit == "day" else (_iso_week(d), "week")
        if grain in ("day", "month") and unit == "month":
            return _month(*_add_months(int(value[:4]), int(value[5:7]), n)), "month"
        if unit == "year" and grain in ("day", "month", "year", "week"):
            return str(int(value[:4]) + n), "year"
    except ValueError:
        return None
    return None


def _r_ago(g, pub, fut, ctx: _Context) -> _Result:
    n = _count(g["ago_n"])
    unit = g["ago_u"].lower()
    word = g["ago_w"].lower()
    if n is None:
        return _unresolved(unit)
    # "a year ago" in an earnings report is the quarter a year before the one reported;
    # "a year earlier" is a year before the date just named.
    if unit == "year" and ctx.quarter and (word != "ago" or n == 1):
        y, name = ctx.quarter
        if ctx.longer_span:
            return str(y - n), None, "year", "relative"
        return f"{y - n}-{name}", None, "quarter", "relative"
    if word != "ago" and ctx.date is not None:
        moved = _shift(*ctx.date, unit, -n)
        if moved is not None:
            return moved[0], None, moved[1], "relative"
    if pub is None:
        return _unresolved(unit)
    if unit == "day":
        return (pub - dt.timedelta(days=n)).isoformat(), None, "day", "relative"
    if unit == "week":
        return _iso_week(pub - dt.timedelta(weeks=n)), None, "week", "relative"
    if unit == "month":
        return _month(*_add_months(pub.year, pub.month, -n)), None, "month", "relative"
    return str(pub.year - n), None, "year", "relative"


_ANAPHOR_SHIFT = {"that": 0, "the same": 0, "that same": 0, "the following": 1, "the next": 1,
                  "the previous": -1, "the preceding": -1}


def _r_anaphor(g, pub, fut, ctx: _Context) -> _Result:
    unit = g["an_u"].lower()
    n = _ANAPHOR_SHIFT[" ".join(g["an_d"].lower().split())]
    if ctx.date is not None:
        moved = _shift(*ctx.date, unit, n)
        if moved is not None:
            return moved[0], None, moved[1], "relative"
    return None


def _r_theweekend(g, pub, fut) -> _Result:
    """"over the weekend": the last one (TIMEX3 ``1990-W32-WE``)."""
    if pub is None:
        return _unresolved("weekend")
    sat = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
    if fut and pub.weekday() < 5:
        sat += dt.timedelta(days=7)
    # "the weekend" may be the last or the coming one: not precise enough for a timeline
    return f"{_iso_week(sat)}-WE", None, "weekend", "vague"


def _r_yearend(g, pub, fut) -> _Result:
    if pub is None:
        return _unresolved("year")
    return str(pub.year), None, "year", "relative"


def _r_lastdecade(g, pub, fut) -> _Result:
    if pub is None:
        return _unresolved("decade")
    return str(pub.year // 10 - 1), None, "decade", "relative"


def _r_fyear(g, pub, fut) -> _Result:
    if g["fy_dur"]:  # "for the year ended March 31": a year's length
        return "P1Y", None, "duration", "explicit"
    if pub is None:
        return _unresolved("year")
    return str(pub.year), None, "year", "relative"


def _r_partofday(g, pub, fut, ctx: _Context) -> _Result:
    """"in the morning": of the day just named, else of publication."""
    part = g["pd"].lower().split()[-1].replace("mid-", "").replace("mid", "")
    if ctx.date is not None and ctx.date[1] == "day":
        return f"{ctx.date[0]}T{_PARTS[part]}", None, "time", "relative"
    if pub is None:
        return _unresolved("time")
    return f"{pub.isoformat()}T{_PARTS[part]}", None, "time", "relative"


def _r_inthe(g, pub, fut, ctx: _Context) -> _Result:
    """"later in the day": the day (week, month, year) just named, else publication's."""
    unit = g["it_u"].lower()
    if ctx.date is not None and ctx.date[1] == unit:
        return ctx.date[0], None, unit, "relative"
    if pub is None:
        return _unresolved(unit)
    value = {"day": pub.isoformat(), "week": _iso_week(pub), "month": _month(pub.year, pub.month),
             "year": str(pub.year)}[unit]
    return value, None, unit, "relative"


_SET_UNITS = {"day": "P1D", "week": "P1W", "month": "P1M", "quarter": "P1Q", "year": "P1Y",
              "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P1Q",
              "annually": "P1Y", "hourly": "PT1H"}


def _r_set(g, pub, fut) -> _Result:
    """A recurrence ("each July" ``XXXX-07``, "every Thursday" ``XXXX-WXX-4``,
    "weekly" ``P1W``): typed SET, so it is never read as one date; "recent
    weeks" is a duration (``PXW``) as TimeML annotates it."""
    if g["st_rec"]:
        return f"PX{g['st_rec'].split()[-1][0].upper()}", None, "duration", "vague"
    if g["st_m"]:
        return f"XXXX-{_month_num(g['st_m']):02d}", None, "set", "explicit"
    wd = g["st_wd"] or g["st_wds"]
    if wd:
        return f"XXXX-WXX-{_WEEKDAYS[wd.lower()] + 1}", None, "set", "explicit"
    return _SET_UNITS[(g["st_u"] or g["st_adv"]).lower()], None, "set", "explicit"


def _r_duration(g, pub, fut) -> _Result:
    n = _count(g["du_n"])
    unit = _DURATION_UNITS[g["du_u"].lower()]
    amount = "X" if n is None else str(n)
    value = f"PT{amount}{unit[1:]}" if unit.startswith("T") else f"P{amount}{unit}"
    return value, None, "duration", "explicit"


_RESOLVERS: dict[str, Callable[..., _Result]] = {
    "iso": _r_iso, "dayrange": _r_dayrange, "mdy": _r_mdy, "dmy": _r_dmy,
    "monthrange": _r_monthrange, "my": _r_my, "month": _r_month,
    "decade": _r_decade, "year": _r_year, "ago": _r_ago, "weekend": _r_weekend,
    "rel": _r_relc, "weekday": _r_weekday, "deictic": _r_deictic,
    "clock": _r_clock, "inthe": _r_inthe, "set": _r_set, "quarter": _r_quarter, "qref": _r_qref, "season": _r_season,
    "decade2": _r_decade2, "century": _r_century, "spoken": _r_spoken, "ref": _r_ref,
    "monthrel": _r_monthrel, "anaphor": _r_anaphor, "fyear": _r_fyear,
    "partofday": _r_partofday, "duration": _r_duration, "theweekend": _r_theweekend,
    "yearend": _r_yearend, "lastdecade": _r_lastdecade,
}
# These read and update what the document has said so far.
_IN_CONTEXT = {"quarter", "qref", "ago", "anaphor", "partofday", "inthe", "rel"}
_TYPES = {"time": "TIME", "duration": "DURATION", "set": "SET"}

# Tense matters only for these kinds; the others ignore ``fut``.
_TENSED = {"dayrange", "mdy", "dmy", "monthrange", "month", "weekday", "clock", "quarter", "season"}

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
        word = m.group("mo_m").rstrip(".")
        if word in ("May", "Mar", "Jan", "Jun", "Sun", "Sat", "Dec", "Oct", "Sep",
                    "Nov", "Aug", "Apr", "Feb", "Jul", "Sept") and not m.group("mo_mod"):
            # Ambiguous words (May, Mar...) need a temporal preposition.
            return bool(_MAY_BEFORE.search(before))
        return True
    return True


_TIMELINE_GRAINS = {"day", "week", "month", "quarter", "year"}


def tag_all(text: str, published: Optional[dt.date]) -> list[Timex]:
    """Every temporal expression of *text* with its TIMEX3 type and value:
    dates and times at their grain (``1989-Q3``, ``1998-02-11T22:00``,
    ``1998-SU``, ``198``), ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``, and
    durations (``P5Y``), recognised so that they are not read as dates.

    A quarter, "a year earlier" or "that year" is resolved against what the
    text named before it, so tag a whole article at once.
    """
    return list(_tag_cached(text, published))


def tag(text: str, published: Optional[dt.date]) -> list[Timex]:
    """The expressions of :func:`tag_all` a timeline can hold: dates at the
    grain of a day, week, month, quarter or year (a time of day as its day,
    so that reports of one day merge; a weekend as Saturday to Sunday; a
    season, decade, a present/past/future
    reference or a duration is not a timeline date).

    Relative expressions are resolved against ``published``; without it they
    come back with ``value=None`` and ``resolution='unresolved'``.
    """
    out = []
    for t in _tag_cached(text, published):
        if t.grain in _TIMELINE_GRAINS:
            out.append(t)
        elif t.grain == "weekend" and t.resolution != "vague":  # on a timeline: Saturday to Sunday
            sat = dt.date.fromisocalendar(int(t.value[:4]), int(t.value[6:8]), 6) if t.value else None
            out.append(Timex(t.start, t.end, t.text, sat and sat.isoformat(),
                             sat and (sat + dt.timedelta(days=1)).isoformat(), "day", t.resolution))
        elif t.grain == "time" and t.type == "TIME":
            day = t.value[:10] if t.value and len(t.value) >= 10 and t.value[4] == "-" else None
            if day or t.value is None:
                out.append(Timex(t.start, t.end, t.text, day, None, "day", t.resolution))
    return out


@lru_cache(maxsize=4096)
def _tag_cached(text: str, published: Optional[dt.date]) -> tuple[Timex, ...]:
    """:func:`tag_all`, remembered: events and positions tag the same sentence
    with the same date (a pure function of both; Timex is frozen)."""
    return tuple(_tag(text, published))


# Words before an expression that belong to it ("early September", "mid-1996",
# "nearly four years ago", "Earlier Sunday"); TIMEX3 keeps them in the span as a
# modifier of the same value.
_LEFT_MOD = re.compile(
    r"(?:(?<![\w-])(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle\s+of|end\s+of|beginning\s+of|start\s+of|"
    r"close\s+of|turn\s+of)(?:\s+|-)(?:the\s+)?)$", re.IGNORECASE)
_LEFT_MOD_DAY = re.compile(r"(?:(?<![\w-])(?:earlier|later|early|late|mid-?afternoon)\s+)$", re.IGNORECASE)
_LEFT_APPROX = re.compile(r"(?:(?<![\w-])(?:nearly|almost|about|some|more\s+than|less\s+than|over|"
                          r"just|only|roughly|around)\s+)$", re.IGNORECASE)
_LEFT_FISCAL = re.compile(r"(?:(?<![\w-])fiscal\s+)$", re.IGNORECASE)
_MODIFIABLE = {"month", "my", "year", "season", "decade2", "mdy", "dmy", "spoken", "rel", "fyear"}
_LEFT_THE = re.compile(r"(?:(?<![\w-])the\s+)$", re.IGNORECASE)
_LEFT_ROUGHLY = re.compile(r"(?:(?<![\w-])(?:around|about|approximately|roughly|sometime|circa)\s+)$",
                           re.IGNORECASE)
_DATE_KINDS = {"mdy", "dmy", "month", "my", "year", "weekday", "rel", "monthrel", "season"}
_EARLIER_THIS = re.compile(r"(?:earlier|later)\s+(?=this\b)", re.IGNORECASE)
_DAY_KINDS = {"weekday", "deictic"}
_APPROX_KINDS = {"ago", "duration"}
# Words a match may start with that are not part of the expression.
_LEAD = re.compile(r"(?:on|at|in)\s+", re.IGNORECASE)
# Abbreviations whose full stop belongs to them ("Nov."); after any other word a
# final full stop ends the sentence, not the expression.
_ABBREVIATIONS = {w for w in list(_MONTHS) + list(_WEEKDAYS) if len(w) <= 4} | {"a.m", "p.m"}


def _extent(kind: str, text: str, start: int, end: int) -> tuple[int, int]:
    """The span TIMEX3 would mark: leading "on"/"at" dropped, modifiers kept,
    a sentence's full stop left out."""
    lead = _LEAD.match(text, start, end)
    if lead and kind in ("weekday", "clock"):
        start = lead.end()
    if text[end - 1:end] == ".":
        word = re.search(r"([\w.]+)\.$", text[max(start, end - 12):end])
        if word is None or word.group(1).lower() not in _ABBREVIATIONS:
            end -= 1
    if kind == "rel":
        lead = _EARLIER_THIS.match(text, start, end)  # "earlier [this month]"
        if lead:
            start = lead.end()
    before = text[max(0, start - 40):start]
    if kind == "rel" and text[start:start + 4].lower() in ("past", "prev", "comi"):
        m = _LEFT_THE.search(before)  # "[the past year]"
        if m:
            start -= len(m.group(0))
            before = text[max(0, start - 40):start]
    for kinds, rx in ((_MODIFIABLE, _LEFT_MOD), (_DAY_KINDS, _LEFT_MOD_DAY), (_APPROX_KINDS, _LEFT_APPROX),
                      ({"year"}, _LEFT_FISCAL), (_DATE_KINDS, _LEFT_ROUGHLY)):
        if kind in kinds:
            m = rx.search(before)
            if m:
                start -= len(m.group(0))
                break
    return start, end


def _right_after(text: str, prev: Timex, start: int) -> bool:
    """Is *start* right after *prev* (a comma, "at" or space between)?"""
    return prev.grain == "day" and re.fullmatch(r"\s*,?\s*(?:at\s+)?", text[prev.end:start]) is not None


def _tag(text: str, published: Optional[dt.date]) -> list[Timex]:
    return _resolve(text, published, _scan(text))


def _resolve(text: str, published: Optional[dt.date], found: Iterable[_Found]) -> list[Timex]:
    """The expressions of a scan, in text order, resolved: a trigger inside the
    expression before it is skipped."""
    out: list[Timex] = []
    ctx = _Context()
    pos = 0
    for trigger_start, start, end, kind, g, fut in found:
        if trigger_start < pos:
            continue
        if kind == "month":
            res = _r_month_in(g, published, fut, text, start, end)
        elif kind in _IN_CONTEXT:
            res = _RESOLVERS[kind](g, published, fut, ctx)
        else:
            res = _RESOLVERS[kind](g, published, fut)
        if res is None:
            continue
        value, end_value, grain, resolution = res
        pos = end
        start, end = _extent(kind, text, start, end)
        if kind == "clock" and out and _right_after(text, out[-1], start) and not (g["tm_wd"] or g["tm_dx"] or g["tm_mo"]):
            # "Tue Mar 15 , 2011 1:48 pm GMT": the time of the day just named
            day = out.pop()
            if day.value and value:
                value = day.value + value[10:]
            start, resolution = day.start, day.resolution
        if out and start < out[-1].end:
            start = out[-1].end
        out.append(Timex(start, end, text[start:end], value, end_value, grain, resolution,
                         _TYPES.get(grain, "DATE")))
        if value and grain in ("day", "month", "year", "week", "quarter") and kind != "ago":
            ctx.date = (value, grain)
        if kind == "quarter" or (kind == "qref" and grain == "quarter"):
            ctx.longer_span = False
        elif value and (_LONGER_SPAN.fullmatch(value) or kind == "fyear"):
            ctx.longer_span = True
        anchored = _anchored(text, out[-1])
        if anchored is not None:
            out.append(anchored)
            pos = anchored.end
    return out


_Found = tuple[int, int, int, str, re.Match, bool]
# durations that an earnings report compares "a year earlier": six to eleven months, a year
_LONGER_SPAN = re.compile(r"P(?:[6-9]|1[01])M|P1Y")


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


_ANCHORED = re.compile(
    rf"\s*,?\s*(?:just\s+|only\s+)?(?P<n>{_NUMWORD})\s+(?P<u>day|week)s?\s+(?P<dir>after|before)\b", re.IGNORECASE)


def _anchored(text: str, anchor: Timex) -> Optional[Timex]:
    """"on Monday, a day after Crimeans voted": a date relative to the date just named.

    The clause after "a day after" happened that long BEFORE the anchor (and
    "before" means after it).  Only day-grain anchors with a value count.
    """
    if anchor.grain != "day" or not anchor.value or len(anchor.value) != 10:
        return None
    m = _ANCHORED.match(text, anchor.end)
    if m is None:
        return None
    word = m.group("n").lower()
    n = int(word) if word.isdigit() else _NUMBERS.get(word, 1)
    days = n * (7 if m.group("u").lower() == "week" else 1)
    sign = -1 if m.group("dir").lower() == "after" else 1
    day = dt.date.fromisoformat(anchor.value) + dt.timedelta(days=sign * days)
    start = m.end() - len(m.group(0).lstrip(" ,"))
    return Timex(start, m.end(), text[start:m.end()], day.isoformat(), None, "day", "relative")


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


# --------------------------------------------------------------------------
# Does an undated sentence report something that happened on the article's day?
# --------------------------------------------------------------------------

_NOT_TODAY = re.compile(
    r"\b(?:will|'ll|shall|would|could|should|might|must|may|can|cannot|wo\s*n't|"
    r"going\s+to|expected\s+to|plans?\s+to|had|since|used\s+to|ago|previously|"
    r"formerly|earlier|last\s+(?:year|month|week)|in\s+(?:1[89]|20)\d\d|"
    r"for\s+(?:the\s+(?:past|last)\s+)?(?:\d+|two|three|four|five|six|several|many|"
    r"months|years|weeks|decades)\b|if|unless)\b",
    re.IGNORECASE,
)
_NOT_TODAY_LOWER = re.compile(_NOT_TODAY.pattern)
_HAS_BEEN = re.compile(r"\b(?:has|have)\s+been\b", re.IGNORECASE)
_HAS_BEEN_LOWER = re.compile(_HAS_BEEN.pattern)
_IRREGULAR_PAST = (
    "said|says|told|tells|met|fled|began|won|took|came|fell|left|shot|struck|hit|went|"
    "gave|made|held|sent|saw|led|broke|fought|lost|overran|ran|rose|spoke|stood|"
    "swept|threw|withdrew|wrote|drew|froze|got|put|set|sought|thought|brought|"
    "bought|caught|taught|felt|kept|meant|built|spent|shut|quit|beat|bled|blew|"
    "dug|hid|laid|lay|slew|split|spread|stole|stuck|tore|woke|wore|chose|forbade|"
    "arrives|attacks|calls|claims|condemns|denies|urges|warns|accuses|announces|"
    "says|kills|vows|rejects|demands|agrees|fires|shells|storms|seizes"
)
_HAPPENING = re.compile(
    rf"\b(?:[a-z]{{3,}}ed|{_IRREGULAR_PAST}|(?:is|are|was|were)\s+[a-z]+ing|"
    rf"(?:has|have)\s+(?!been\b)[a-z]+(?:ed|en|wn|ne|un|ld|ht|id|ot))\b"
)
_ADJECTIVE_ED = re.compile(
    r"\b(?:armed|united|based|alleged|concerned|detailed|limited|related|called|"
    r"interested|advanced|supposed|so-called|renewed|embattled|beleaguered|"
    r"hundred|red|bed|need|speed|seed|feed|shed|indeed|proceed|exceed|succeed|"
    r"agreed-upon|besieged|isolated|organized|organised|coordinated|unprecedented|"
    r"sophisticated|dedicated|complicated|experienced|qualified|educated|skilled|"
    r"talented|aged|wicked|naked|sacred|crooked|rugged|ragged|ed)\b"
)


def reports_on_publication_day(sentence: str) -> bool:
    """Is an undated sentence a report of something that happened that day?

    News leads report the day's happenings in the simple past or present
    ("Troops shelled Homs", "Syria says ..."), so such a sentence can be dated
    by its article.  Background and projection are not: the past perfect
    ("had been"), the future and modals ("will", "would", "could"), durations
    and anchors in the past ("for months", "since", "ago", "last year").  A
    sentence that carries its own date expression is judged by that date
    instead, so it returns False here.
    """
    if tag(sentence, None):
        return False
    low = _lower_safe(sentence)
    if low is not None:  # the two re.I tests as lower-case patterns on the lowered text: same matches
        if _NOT_TODAY_LOWER.search(low) or _HAS_BEEN_LOWER.search(low):
            return False
    elif _NOT_TODAY.search(sentence) or _HAS_BEEN.search(sentence):
        return False
    stripped = _ADJECTIVE_ED.sub(" ", sentence)
    return bool(_HAPPENING.search(stripped))
