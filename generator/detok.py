"""PTB detection and detokenization, and a fast rule-based sentence splitter.

Research corpora (Timeline17, news-tls) ship Penn-Treebank-tokenized text:
``Assad 's regime`` , ``-LRB- Reuters -RRB-`` , ````` quote '' ``.  Readers
should see ``Assad's regime`` and “quote”, but provenance must point at the
original bytes, so the splitter returns *spans into the raw text* and the
display text of a span is always ``display_text(raw[start:end], tokenized)``.

The splitter is regex-based on purpose: extraction tokenizes once with spaCy,
and ingest must stay linear on a 50 MB file (every scan here is one pass).
"""

from __future__ import annotations

import re
from typing import Iterator

Span = tuple[int, int, int]
"""``(start, end, paragraph)``: a sentence as offsets into the raw text."""

# --------------------------------------------------------------------------
# Detecting PTB tokenization
# --------------------------------------------------------------------------

_PTB_MARKS = (" , ", " . ", " .\n", " 's ", " n't ", "``", "''", "-LRB-", "-RRB-", " ; ", " : ")


def looks_tokenized(text: str) -> bool:
    """True when *text* reads like PTB output rather than prose.

    We compare PTB signals (space before commas and full stops, split clitics,
    ```` quotes, bracket tokens) with the same marks written the ordinary way,
    so a stray ``word ,`` in prose does not flip a whole article.  The first
    200,000 characters decide: enough for any article, cheap for a 50 MB file.
    """
    text = text[:200_000]
    ptb = sum(text.count(m) for m in _PTB_MARKS) + text.endswith(" .")
    plain = (text.count(", ") - text.count(" , ")) + (text.count("'s ") - text.count(" 's "))
    plain += text.count("n't ") - text.count(" n't ")
    return ptb >= 2 and ptb >= 2 * plain


# --------------------------------------------------------------------------
# Detokenizing one sentence
# --------------------------------------------------------------------------

_BRACKETS = {
    "-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
}
_BRACKET_RE = re.compile(r"(?<!\S)-(?:LRB|RRB|LSB|RSB|LCB|RCB)-(?!\S)", re.I)
_QUOTE_RE = re.compile(r"(?<!\S)(?:``|''|`|')(?!\S)")
# A space goes before every token except closing punctuation and clitics ...
_ATTACH_LEFT = re.compile(r" (?=(?:[,.;:?!%)\]}”’]|'(?:s|re|ve|ll|d|m)|n't|')(?: |$))", re.I)
# ... and after every token except opening brackets/quotes and a currency sign before a number.
_ATTACH_RIGHT = re.compile(r"(?<=[(\[{“‘]) |(?<=[$#]) (?=\d)")


class _QuotePairer:
    """Map PTB quote tokens to typographic quotes, pairing them in one sentence.

    ```` always opens.  ``''`` closes an open quote; with nothing open it
    still closes (the quote began in an earlier sentence) unless another
    ``''`` follows in the same sentence: crawled corpora write ``live ''
    independently ''`` for a quote opened with the wrong mark.  A lone ``'``
    closes a ```` ` ```` quote, else it stays (``officials ' assets``).
    """

    def __init__(self, sentence: str):
        self.closers_left = sentence.split().count("''")
        self.depth = self.single = 0

    def __call__(self, m: re.Match) -> str:
        """Called by ``re.sub`` for each quote token, left to right."""
        tok = m.group()
        if tok == "``":
            self.depth += 1
            return "“"
        if tok == "''":
            self.closers_left -= 1
            if self.depth == 0 and self.closers_left > 0:
                self.depth = 1
                return "“"
            self.depth = max(self.depth - 1, 0)
            return "”"
        if tok == "`":
            self.single += 1
            return "‘"
        if self.single:
            self.single -= 1
            return "’"
        return tok


def detokenize(sentence: str) -> str:
    """PTB tokens -> display text: ``Assad 's`` -> ``Assad's``, ```` x ''`` -> “x”.

    Token rules as in the Moses detokenizer, done with four regex passes
    rather than a Python loop per token: this runs on every sentence of the
    corpus, and a 50 MB file must stay fast.
    """
    s = " ".join(sentence.split())
    if "-" in s:
        s = _BRACKET_RE.sub(lambda m: _BRACKETS[m.group().upper()], s)
    if "`" in s or "'" in s:
        s = _QUOTE_RE.sub(_QuotePairer(s), s)
    s = _ATTACH_LEFT.sub("", s)
    return _ATTACH_RIGHT.sub("", s)


def display_text(span: str, tokenized: bool) -> str:
    """The text readers see for a raw span: detokenized, whitespace collapsed."""
    return detokenize(span) if tokenized else " ".join(span.split())


# --------------------------------------------------------------------------
# Sentence splitting
# --------------------------------------------------------------------------

ABBREVIATIONS = frozenset(
    """Mr Mrs Ms Messrs Dr Prof Gen Brig Col Lt Maj Capt Cmdr Adm Sgt Cpl Pvt St Sen Rep Gov
    Pres Rev Hon Amb Supt Insp Jr Sr Inc Corp Co Ltd Bros No Nos Vol Fig pp vs etc approx
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thurs Fri Sat Sun
    Ave Blvd Mt Ft""".split()
)
"""Words whose full stop does not end a sentence (``Brig. Gen. Tlas``)."""

_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?$")  # U.S. U.N. e.g. H.
_BLOCK_MARK = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,3}[.)][ \t]+|>[ \t]?)")
_PARA_BREAK = re.compile(r"\n[ \t]*\n\s*")
# The lookbehind and the lookahead-backreference (an atomic group in Python
# 3.10's re) keep a 1 MB run of dots linear instead of quadratic.
_BOUNDARY = re.compile(r"(?<![.!?…])(?=(?P<m>[.!?…]+[\"'”’)\]]*))(?P=m)(?=\s)")
_NEXT_START = re.compile(r"\s+(?P<q>[\"'“‘(\[]*)(?P<c>.)", re.S)
_PTB_BOUNDARY = re.compile(r" [.?!](?: (?:''|'|-RRB-))*(?= (?:``|[A-Z]))")


def _abbreviation_before(raw: str, dot: int, floor: int) -> bool:
    """True when the full stop at *dot* closes an abbreviation or initial."""
    lo = max(floor, dot - 24)
    start = max(raw.rfind(" ", lo, dot), raw.rfind("\n", lo, dot), raw.rfind("(", lo, dot),
                raw.rfind("“", lo, dot), raw.rfind('"', lo, dot)) + 1
    word = raw[max(start, lo):dot]
    return word in ABBREVIATIONS or len(word) == 1 and word.isalpha() or bool(
        word and _DOTTED.fullmatch(word + "."))


def _blocks(raw: str, lines: bool) -> Iterator[tuple[int, int, int]]:
    """Paragraph-like blocks ``(start, end, paragraph)`` of the raw text.

    Blank lines always separate paragraphs.  In *lines* mode (one sentence per
    line, as in PTB corpora) every line is a block; otherwise a Markdown
    heading, list item or quote line starts its own block, its marker left
    out of the span so the display text does not show ``#``.
    """
    para, pos = 0, 0
    for brk in _PARA_BREAK.finditer(raw):
        yield from _lines_of(raw, pos, brk.start(), para, lines)
        pos, para = brk.end(), para + 1
    yield from _lines_of(raw, pos, len(raw), para, lines)


def _lines_of(raw: str, start: int, end: int, para: int, lines: bool) -> Iterator[tuple[int, int, int]]:
    """Split one paragraph into blocks at newlines (lines mode) or block marks."""
    block_start = start
    pos = start
    while pos < end:
        nl = raw.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        mark = None if lines else _BLOCK_MARK.match(raw, pos, line_end)
        if lines or mark:
            if pos > block_start:
                yield block_start, pos, para
            body = mark.end() if mark else pos
            if lines or mark.group().lstrip().startswith("#"):
                yield body, line_end, para  # a line or a heading is a block alone
                block_start = line_end
            else:
                block_start = body
        pos = line_end + 1
    if end > block_start:
        yield block_start, end, para


def _prose_cuts(raw: str, start: int, end: int) -> Iterator[int]:
    """Offsets after each sentence-final mark of ordinary prose."""
    for m in _BOUNDARY.finditer(raw, start, end):
        nxt = _NEXT_START.match(raw, m.end(), end)
        if not nxt or not (nxt["q"] or nxt["c"].isupper()):
            continue
        dot = m.start()
        if raw[dot] == "." and m.group().count(".") == 1 and _abbreviation_before(raw, dot, start):
            continue
        yield m.end()


def _ptb_cuts(raw: str, start: int, end: int) -> Iterator[int]:
    """Offsets after a standalone `` .`` token followed by a capitalised token."""
    for m in _PTB_BOUNDARY.finditer(raw, start, end):
        yield m.end()


def split_sentences(raw: str, tokenized: bool) -> list[Span]:
    """Sentence spans of *raw*, trimmed of surrounding whitespace.

    PTB text that is one sentence per line is split on newlines (the corpus
    already did the hard work); long PTB lines and prose are cut at . ! ?
    followed by a capitalised word or an opening quote, except after
    abbreviations and initials.  Closing quotes stay with their sentence.
    """
    line_mode = tokenized and raw.count("\n") >= 1
    cuts = _ptb_cuts if tokenized else _prose_cuts
    spans: list[Span] = []
    for b_start, b_end, para in _blocks(raw, line_mode):
        pos = b_start
        for cut in cuts(raw, b_start, b_end):
            _add_span(raw, pos, cut, para, spans)
            pos = cut
        _add_span(raw, pos, b_end, para, spans)
    return spans


MAX_SENTENCE = 10_000
"""Longest sentence span, in characters; a longer run of text without a
sentence end is cut at the last space in the last quarter of this length
(or at this length if there is none).

Why: an article may be one 10 MB line (a scraped page, a hostile file).
Every step after the splitter works sentence by sentence, so pieces of
bounded size keep extraction linear in the article's size.  Why 10,000: a
piece (at least three quarters of it) is longer than the trained pipeline
parses (``extract.nlp.PARSE_CHARS``, 5,000), so it is only tokenized, which
is cheap; and it is five times the longest sentence of the Timeline17 Syria
corpus (1,973 of 20,241) or of PolNeAR's dev set (504): no sentence a
person wrote is cut."""


def _add_span(raw: str, start: int, end: int, para: int, spans: list[Span]) -> None:
    """Append ``raw[start:end]`` without its outer whitespace, if not blank,
    in pieces of at most :data:`MAX_SENTENCE` characters."""
    while True:
        while start < end and raw[start].isspace():
            start += 1
        while end > start and raw[end - 1].isspace():
            end -= 1
        if end - start <= MAX_SENTENCE:
            break
        cut = raw.rfind(" ", start + MAX_SENTENCE * 3 // 4, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        piece_end = cut
        while piece_end > start and raw[piece_end - 1].isspace():
            piece_end -= 1
        spans.append((start, piece_end, para))
        start = cut
    if end > start:
        spans.append((start, end, para))
