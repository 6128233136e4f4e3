"""The tagger's vocabulary: month, weekday, number, season and unit words, the
regex building blocks every pattern is written with, and the word lists kept as
data in ``generator/data/timex_words.yaml``."""

from __future__ import annotations

import re
from pathlib import Path

from ..wordlists import read_word_lists


WORDS = Path(__file__).resolve().parent.parent.parent / "data" / "timex_words.yaml"
"""The tagger's word lists that are edited as data (see the file's comments)."""

_WORD_LISTS = ("year_ends", "not_names", "noun_months", "reported_past")


def load_words(path: Path = WORDS) -> dict[str, tuple[str, ...]]:
    """Each list of *path* by name, each entry one word (see :func:`read_word_lists`)."""
    return read_word_lists(path, _WORD_LISTS)


def alternation(words) -> str:
    """A regex alternation of *words*, longest first (so "an" is tried before "a")."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"


_WORDS = load_words()

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


_ANAPHOR_SHIFT = {"that": 0, "the same": 0, "that same": 0, "the following": 1, "the next": 1,
                  "the previous": -1, "the preceding": -1}


_SET_UNITS = {"day": "P1D", "week": "P1W", "month": "P1M", "quarter": "P1Q", "year": "P1Y",
              "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P1Q",
              "annually": "P1Y", "hourly": "PT1H"}
