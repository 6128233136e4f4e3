"""Credits, bylines and datelines: the parts of an article that name its writers, never its actors."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .. import gazetteer as gz

# The words of each credit pattern are data (generator/data/actor_lexicon.yaml,
# "credits"), each list written once: the patterns and their cheap substring
# pre-tests are built from the same list.
CREDIT_WORDS = tuple(gz.LEXICON["credits"]["line_words"])     # "Reporting by X; Editing by Y"
AUTHOR_JOBS = tuple(gz.LEXICON["credits"]["author_jobs"])     # "X is the Guardian's Africa correspondent"
CLOSING_VERBS = tuple(gz.LEXICON["credits"]["closing_verbs"])  # an analysis that closes "..., says X."
CREDITED_OUTLETS = tuple(gz.LEXICON["credits"]["outlets"])    # "The BBC's X", "X BBC News, Paris"


def _any(words) -> str:
    return "|".join(re.escape(w) for w in words)


CREDIT_RE = re.compile(
    rf"(?:\(?\b(?:additional )?(?:{_any(CREDIT_WORDS)})(?: and [a-z]+)? by\b.*$)", re.I)
CONTRIB_RE = re.compile(
    r"^(.*?)\b(?:contributed|contributing)\b(?:.*\b(?:report|story|article)|\s*\.?\s*$)", re.I)
# "X is the Guardian's Africa correspondent": the author's box, not an actor
ABOUT_AUTHOR_RE = re.compile(
    r"^[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+){1,3}\s+is\s+(?:the|a|an)\s+.{0,60}\b"
    rf"(?:{_any(AUTHOR_JOBS)})\b")
BYLINE_RE = re.compile(r"^by [A-Z]", re.I)
# an embedded tweet's signature: "... — Sahil Kapur (@sahilkapur) September 1, 2016"
TWEET_SIGNATURE_RE = re.compile(r"[\u2014\u2013-]\s*[A-Z][\w'.\-]*(?:\s+[A-Z][\w'.\-]*){0,3}\s*\(@\w+\)")
CLOSING_RE = re.compile(
    rf"(?:,|\.)?\s*\b(?:{_any(CLOSING_VERBS)})\s+([A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+){{1,2}})\s*\.?\s*$")
_QUOTE_CHARS = set("\u201c\u201d\"`'(\u2018\u2019[:-\u2014\u2013")
_CLAUSE = frozenset(gz.LEXICON["clause_words"])
_OUTLET_POSS = re.compile(
    rf"\b(?:{_any(CREDITED_OUTLETS)})(?:'s|\u2019s|')?\s+(?:[a-z]+\s+){{0,3}}[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+){{1,2}}"
    rf"|\b[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+){{1,2}},?\s+(?:{_any(CREDITED_OUTLETS)})\s+News\b")
_TITLE_FIRST = {t.split()[0] for t in gz.TITLES if len(t.split()) > 1 or t[0].isalpha()} - {"head", "chief", "leader", "general", "justice", "lady"}
_LOWER_WORD = re.compile(r"\b[a-z][a-z'\-]+\b")


# Cheap substring tests before the credit patterns: almost no sentence is a
# credit, and the patterns try a match at every position.  On ASCII text the
# tests are exact (the pattern cannot match without the word); other text
# goes straight to the pattern, since re.I folds some non-ASCII letters.
def _contrib_search(text: str):
    if text.isascii() and "contribut" not in text.lower():
        return None
    return CONTRIB_RE.search(text)


def _credit_search(text: str):
    if text.isascii():
        low = text.lower()
        if not any(w in low for w in CREDIT_WORDS):
            return None
    return CREDIT_RE.search(text)


def _closing_search(text: str):
    if not any(v in text for v in CLOSING_VERBS):
        return None  # CLOSING_RE is case-sensitive: one of these literals must occur
    return CLOSING_RE.search(text)


# ---------------------------------------------------------------------------
# credits


def _credit_cutoff(text: str, index: int, n_sents: int, article_text: str) -> tuple[int, int]:
    """Character range of a sentence that is a credit (byline, reporter names)."""
    m = _contrib_search(text)
    if m:
        return 0, len(text)
    m = _credit_search(text)
    if m:
        return m.start(), len(text)
    if BYLINE_RE.match(text) and len(text.split()) <= 12:
        return 0, len(text)
    if ABOUT_AUTHOR_RE.match(text):
        return 0, len(text)
    m = _closing_search(text)
    if m and m.group(1) not in article_text and "\u201c" not in text:
        return m.start(1), len(text)
    return len(text), len(text)




@lru_cache(maxsize=8192)
def _credit_kind(text: str) -> Optional[tuple[str, Optional[re.Match]]]:
    """Which credit pattern a sentence matches first, in :func:`_credit_cutoff`'s order.

    Remembered per text (a pure function of it; a match object is never
    changed): bylines and credit lines recur across a corpus."""
    m = _contrib_search(text)
    if m:
        return "contrib", m
    m = _credit_search(text)
    if m:
        return "credit", m
    if BYLINE_RE.match(text) and len(text.split()) <= 12:
        return "byline", None
    if ABOUT_AUTHOR_RE.match(text):
        return "about", None
    m = _closing_search(text)
    if m:
        return "closing", m
    if "(@" in text:
        m = TWEET_SIGNATURE_RE.search(text)
        if m:
            return "credit", m
    return None


def _cutoff(text: str, kind: Optional[tuple[str, Optional[re.Match]]], article_text: str) -> tuple[int, int]:
    """:func:`_credit_cutoff` from a :func:`_credit_kind` already computed."""
    if kind is None:
        return len(text), len(text)
    name, m = kind
    if name == "credit":
        return m.start(), len(text)
    if name == "closing":
        if m.group(1) not in article_text and "\u201c" not in text:
            return m.start(1), len(text)
        return len(text), len(text)
    return 0, len(text)


def _plain_text(texts: list[str], credits: list) -> str:
    """The article outside credit lines and outlet bylines: where a closing
    "says X" must name X again to be a statement, not a byline.  Read only
    by :func:`_cutoff` for "closing" sentences, so made only when there is one
    (the byline pattern over every article was 1.2 % of extraction)."""
    plain = "\n".join(t for t, c in zip(texts, credits) if c is None)
    if any(o in plain for o in CREDITED_OUTLETS):  # every _OUTLET_POSS match contains one
        plain = _OUTLET_POSS.sub(" ", plain)
    return plain
