"""The trained pipeline run once per sentence, shared by every extractor.

:func:`parse` gives each sentence's spaCy ``Doc`` (entities, dependency parse,
lemmas, tags) from the verified trained pipeline (:mod:`.model`).

Extractors work on :class:`Word` lists, not spaCy tokens: hyphen-glued pieces
(``al`` ``-`` ``Assad``) are joined back into one word so names stay whole, and
offsets point into the normalized sentence text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import repeat
from typing import NamedTuple, Optional

from . import model as _model

# PTB leftovers and odd quote marks: turned into typographic text so every
# later pattern sees one style whatever the source was.
_PTB = [
    (re.compile(r"-LRB-"), "("),
    (re.compile(r"-RRB-"), ")"),
    (re.compile(r"-LSB-"), "["),
    (re.compile(r"-RSB-"), "]"),
    (re.compile(r"``\s*"), "\u201c"),
    (re.compile(r"(?<=\w)\s+''(?=\s|$|[,.;:!?])"), "\u201d"),
    (re.compile(r"(?<=[,.;:!?\u2026])\s*''(?!\w)"), "\u201d"),  # not ", ''it": a quote reopening
    (re.compile(r"(^|\s)''\s*(?=\w)"), "\\1\u201c"),
    (re.compile(r"\s*''"), "\u201d"),
    (re.compile(r"\(\s+"), "("),
    (re.compile(r"\s+\)"), ")"),
    (re.compile(r"\s+(n't|'s|'re|'ve|'ll|'m|'d|\u2019s)\b", re.I), r"\1"),
    (re.compile(r"\s+([,.;:!?%])(?=\s|$|[\u201d\"')])"), r"\1"),
    (re.compile(r"\s+([,.;:!?%])$"), r"\1"),
    (re.compile(r"\b(ca|wo|do|does|did|is|are|was|were|could|should|would|have|has|had) n't\b", re.I), r"\1n't"),
    (re.compile(r"\u201c\s+"), "\u201c"),
    (re.compile(r"\s+\u201d"), "\u201d"),
    (re.compile(r"\s{2,}"), " "),
]
_NEEDS = re.compile(r"``|''|-[LR][RS]B-| [,.;:!?]|\u201c |\s\u201d| n't| 's")

# Markup an article kept from its web page: an embedded tweet's tags
# (``<tweet id="..." author="@x" datetime="...">`` ... ``</tweet>``, an empty
# ``<tweet tweet-id="..."><tweet/>``) or a link's ``<a href="...">``.  The
# parser reads an opening tag and the first words after it as one run
# (``datetime="2016-09-01">Rudy``), so the tweet's writer and the names it
# starts with are lost: the tags go, their text stays.  Only a tag name
# followed by quoted attributes, or a closing or empty tag, is markup ("a <b"
# in prose is not).
_MARKUP = re.compile(r'\s*</?[A-Za-z][\w-]*(?:\s+[\w-]+\s*=\s*"[^"<>]*")*\s*/?>\s*')


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Detokenize PTB text into reader text, without web markup; cheap no-op on clean text.

    Remembered per text (a pure function; PTB text needs most of the
    seventeen substitutions): repeated sentences are detokenized once."""
    text = text.strip()
    if "<" in text and ">" in text:
        text = _MARKUP.sub(" ", text).strip()
    if not _NEEDS.search(text):
        return text
    for pat, rep in _PTB:
        text = pat.sub(rep, text)
    return text.strip()


# Non-ASCII characters common in news text that are neither letters nor
# digits and have no case: typographic quotes and dashes, ellipsis, no-break
# space, guillemets, bullets, currency and degree signs.  lower() leaves them
# as they are and re.IGNORECASE never folds them, so on a text whose only
# non-ASCII characters are these, a lower-case pattern run on text.lower()
# finds exactly what the same pattern with re.I finds on the text.
_CASELESS = ("\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u2013\u2014\u2015\u2026\u00a0"
             "\u00ab\u00bb\u00b7\u2022\u00a3\u20ac\u00b0\u2032\u2033")
_CASED_OR_LETTER = re.compile("[^\\x00-\\x7f" + _CASELESS + "]")  # a scan in C (str.translate is ~10x slower)


def lower_safe(text: str) -> Optional[str]:
    """``text.lower()`` when it is a safe stand-in for re.IGNORECASE, else None.

    Safe means: ASCII apart from :data:`_CASELESS` characters.  There
    lower() keeps every offset and maps letters one to one, so a pattern
    written in lower case (letters only from a-z) and compiled without re.I
    matches the lowered text at the same places as with re.I on the text --
    and runs 2-3x faster.  Other text (accented or non-Latin letters, where
    re.I folds e.g. U+017F to "s") keeps the re.I route.
    """
    if text.isascii() or _CASED_OR_LETTER.search(text) is None:
        return text.lower()
    return None


class Word(NamedTuple):
    """A word of a sentence with character offsets into the sentence text.

    A named tuple, not a dataclass: one is made per token (~400,000 for the
    624-article corpus) and a frozen dataclass costs ~3x as much to build.
    """

    text: str
    start: int
    end: int


_tuple_new = tuple.__new__  # _tuple_new(Word, (text, start, end)) builds a Word in C


def parse(texts: list[str], model: str = "") -> list:
    """One spaCy ``Doc`` per sentence text, from the trained pipeline *model*.

    One Doc per sentence, not per article: every fact cites its sentence, and
    the ingest's sentence numbering stays the only one.  A text longer than
    :data:`PARSE_CHARS` is no sentence a person wrote (a run-on line, a table,
    a hostile file): it is tokenized, not parsed (no entities, no parse), so
    its cost stays linear and small whatever its size.
    """
    nlp = _model.load(model)
    if all(len(t) <= PARSE_CHARS for t in texts):
        return list(nlp.pipe(texts, batch_size=256))
    return [nlp(t) if len(t) <= PARSE_CHARS else nlp.tokenizer(t) for t in texts]


PARSE_CHARS = 5000
"""Longest text parsed (news sentences are under ~600 characters); longer
ones are only tokenized: the parser's memory grows with the text's length."""


def words_of(doc) -> list[Word]:
    """A parsed sentence as :class:`Word` objects (hyphen pieces joined)."""
    return _words(doc)


def _words(doc) -> list[Word]:
    """spaCy tokens -> words (used with a trained pipeline's docs)."""
    toks = [(t.text, t.idx, t.whitespace_ != "") for t in doc]
    strs = [t for t, _, _ in toks]
    starts = [s for _, s, _ in toks]
    ends = [s + len(t) for t, s, _ in toks]
    return _glue(strs, starts, ends, [sp for _, _, sp in toks])


def _glue(strs: list[str], starts: list[int], ends: list[int], spaced: list) -> list[Word]:
    """Tokens -> words, joining ``al``-``-``-``Assad`` (pieces with no space between).

    Token *k* can join the word before it only when token *k* or *k - 1* is
    a ``-``, so only those positions are visited; every other token becomes a
    word as it is (built in C, no Python loop over the tokens).
    """
    words = list(map(_tuple_new, repeat(Word), zip(strs, starts, ends)))
    if "-" not in strs:
        return words
    n = len(strs)
    cand: list[int] = []
    k = strs.index("-")
    while True:
        cand.extend(x for x in (k, k + 1) if 0 < x < n and (not cand or x > cand[-1]))
        try:
            k = strs.index("-", k + 1)
        except ValueError:
            break
    out: list[Word] = []
    done = 0
    for k in cand:
        out.extend(words[done:k])
        t = strs[k]
        glue = not spaced[k - 1] and (strs[k - 1] == "-" or t == "-")
        if glue and t not in _POSS and (t == "-" or out[-1].text.endswith("-")):
            prev = out[-1]
            out[-1] = _tuple_new(Word, (prev.text + t, prev.start, ends[k]))
        else:
            out.append(words[k])
        done = k + 1
    out.extend(words[done:])
    return out


_POSS = frozenset(("'s", "\u2019s", "'", "\u2019"))
