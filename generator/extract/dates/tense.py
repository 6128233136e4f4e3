"""Does a clause look forward ("will meet on Friday") or back ("erupted in March")?
The tense of the words around an expression decides which Friday or March it is."""

from __future__ import annotations

import re

from .lexicon import _WORDS, alternation



# Future / modal markers before a weekday or month make it point forward; a
# scheduled present ("the concert takes place on 8 October") looks forward too.
_FUTURE = re.compile(
    r"\b(?:will|'ll|shall|going\s+to|is\s+due|are\s+due|due\s+to|expected\s+to|"
    r"scheduled|plans?\s+to|planned|set\s+to|wo\s*n't|would|to\s+be\s+held|"
    r"to\s+meet|to\s+vote|to\s+hold|deadline|is\s+to|are\s+to|effective|expects?\s+to|hopes?\s+to|"
    r"takes\s+place|taking\s+place)\b",
    re.IGNORECASE,
)
# A sentence ends at a full stop, but not after an initial ("Daniel P. Davison")
# or a title ("Mr. Bush").
_SENTENCE_BREAK = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)(?<!\bGen)(?<!\bSen)(?<!\bRep)"
    r"[.!?]\s+(?=[A-Z`'\"(])|\n")


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
_REPORTED_PAST = re.compile(rf"\b{alternation(_WORDS['reported_past'])}\s+(?:on\s+)?$")
_REPORTED_BEFORE = re.compile(rf"\b{alternation(_WORDS['reported_past'])}\b")
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


def _reported_context(text: str, start: int) -> bool:
    """Does a report's past-tense verb ("said", "told") come shortly before the
    expression in its sentence ("told party members over the weekend")?"""
    left = 0
    for m in _SENTENCE_BREAK.finditer(text, max(0, start - 200), start):
        left = m.end()
    return bool(_REPORTED_BEFORE.search(text, max(left, start - 60), start))
