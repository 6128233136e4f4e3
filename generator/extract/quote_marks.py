"""Quote marks paired over a whole article: which spans of its sentences are
quoted (:func:`find_spans`), where its paragraphs start, and which quoted
strings are titles rather than statements.  Speakers are
:mod:`generator.extract.quotes`' business; this module knows only the marks.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

OPENERS = {"\u201c", "\u00ab", "\u201e"}
CLOSERS = {"\u201d", "\u00bb"}
MAX_SPAN = 6  # sentences; longer "quotes" without a paragraph break are unbalanced marks
MAX_SPAN_IN_PARAGRAPH = 40  # when paragraphs are known, a break ends a quote: a speech may run long
MIN_WORDS = 3  # shorter quoted strings are scare quotes or titles, not statements
# Every character find_spans acts on: it visits only these (a regex scan)
# instead of looping over every character in Python.
_MARKS = re.compile("[" + re.escape("".join(sorted(OPENERS | CLOSERS)) + '"') + "]")
_ANY_MARK = re.compile("[\u201c\u201d\u00ab\u00bb\u201e\"]")
_WORD = re.compile(r"\w")

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def paragraph_starts(raw: str, bounds: Iterable[tuple[int, int]]) -> Optional[frozenset[int]]:
    """Indexes of the sentences that open a paragraph: a blank line since the
    previous sentence's end (*bounds*: each sentence's (start, end) in *raw*).
    None when the text has no blank line at all: one sentence per line (PTB
    corpora) says nothing about paragraphs."""
    if _BLANK_LINE.search(raw) is None:
        return None
    out, prev = set(), None
    for i, (start, end) in enumerate(bounds):
        if prev is None or _BLANK_LINE.search(raw, prev, start) is not None:
            out.add(i)
        prev = end
    return frozenset(out)


def find_spans(texts: list[str], paragraphs: Optional[frozenset[int]] = None) -> list[tuple[int, int, int, int]]:
    """Pairs of marks as (open sentence, open offset, close sentence, close offset).

    A quote still open when a paragraph starts (*paragraphs*: sentence
    indexes) or when a new quote opens in a later sentence ends with the
    sentence before; one open longer than :data:`MAX_SPAN` sentences is
    dropped (:data:`MAX_SPAN_IN_PARAGRAPH` when *paragraphs* are known: a long
    speech quoted in one paragraph closes at its end anyway).  A closing mark before a word, at a word start, is read as an
    opening one (a PTB ``''`` slip); an opening mark right after a word or a
    comma, while a quote of the same sentence is open, closes it (“abhorrent“).
    """
    spans = []
    span = MAX_SPAN if paragraphs is None else MAX_SPAN_IN_PARAGRAPH
    cur: Optional[tuple[int, int]] = None
    depth = 0
    for s, t in enumerate(texts):
        if cur is not None and paragraphs is not None and s in paragraphs and cur[0] < s:
            spans.append((cur[0], cur[1], s - 1, len(texts[s - 1])))
            cur, depth = None, 0
        n = len(t)
        for mark in _MARKS.finditer(t):
            k, ch = mark.start(), mark.group()
            opens = ch in OPENERS or (ch in CLOSERS and cur is None and k + 1 < n and t[k + 1].isalnum()
                                      and (k == 0 or t[k - 1] in " ("))
            if opens and ch in OPENERS and cur is not None and cur[0] == s and not depth and k > cur[1] + 1 \
                    and (t[k - 1].isalnum() or t[k - 1] in ",.!?;"):
                spans.append((cur[0], cur[1], s, k + 1))  # “abhorrent“ in a tweet: an opening mark
                cur = None                                 # typed to close the open quote
                continue
            if opens:
                if cur is not None and cur[0] == s:
                    depth += 1  # a quote inside a quote
                    continue
                if cur is not None:
                    spans.append((cur[0], cur[1], s - 1, len(texts[s - 1])))
                cur, depth = (s, k), 0
            elif ch in CLOSERS or ch == '"':
                if cur is not None and depth and ch != '"':
                    depth -= 1
                elif cur is not None:
                    spans.append((cur[0], cur[1], s, k + 1))
                    cur, depth = None, 0
                elif ch == '"':
                    cur = (s, k)
        if cur is not None and s - cur[0] >= span:
            cur, depth = None, 0
    if cur is not None and cur[0] < len(texts) - 1:
        spans.append((cur[0], cur[1], len(texts) - 1, len(texts[-1])))
    return spans


def _quote_text(texts, s0, a, s1, b) -> str:
    if s0 == s1:
        body = texts[s0][a:b]
    else:
        body = " ".join([texts[s0][a:]] + texts[s0 + 1:s1] + [texts[s1][:b]])
    return body.strip().strip("\u201c\u201d\u00ab\u00bb\u201e\"").strip()


def _n_words(text: str) -> int:
    return sum(1 for w in text.split() if _WORD.search(w))


_MINOR = frozenset(("a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "vs"))


# after a quoted headline, its credit: ', by DNAinfo’s Danielle Tcholakian: "...'
_BYLINE = re.compile(r"\s*by\s+(?:the\s+)?[A-Z][\w’'.\- ]{0,80}?:")


def is_headline(sentence: str, end: int) -> bool:
    """Whether the quote closing at *end* of *sentence* is the headline of a piece credited
    to its writer ("—“Pop-up art show strives to confront gentrification,” by DNAinfo's Eddie
    Small: “...”", a newsletter's list of links): a title, not something said."""
    return _BYLINE.match(sentence, end) is not None


def _is_title(text: str) -> bool:
    """Every word capitalised (small words aside), at most eight words: a
    show, a book, a slogan -- a name, not something said."""
    ws = [w for w in re.findall(r"[\w’']+", text) if w.lower() not in _MINOR]
    return 0 < len(ws) <= 8 and all(w[0].isupper() or w[0].isdigit() for w in ws)
