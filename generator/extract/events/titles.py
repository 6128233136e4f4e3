"""Headline-like event titles built by rules from the sentence (see :func:`make_title`)."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
from typing import Optional

from .. import dates
from .lexicon import Trigger, _IRR
from .places import _SETTLEMENTS


TITLE_MAX = 90
"""Longest title; longer ones are cut at a clause boundary."""


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
        if tail[:2] in ("'s", "’s") and not tail[2:3].isalnum():
            tail = tail[2:].lstrip(" ")  # "last week's earthquake" -> "earthquake", not "'s earthquake"
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
