"""Tokenization, done once per sentence, shared by every extractor.

Why spaCy's *blank* English tokenizer: it is fast, offline and handles the
hard cases (``U.N.``, ``'s``, punctuation) without a model download.  A trained
pipeline is used only when ``cfg.spacy_model`` names one that is installed.

Extractors work on :class:`Word` lists, not spaCy tokens: hyphen-glued pieces
(``al`` ``-`` ``Assad``) are joined back into one word so names stay whole, and
offsets point into the normalized sentence text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import spacy

# PTB leftovers and odd quote marks: turned into typographic text so every
# later pattern sees one style whatever the source was.
_PTB = [
    (re.compile(r"-LRB-"), "("),
    (re.compile(r"-RRB-"), ")"),
    (re.compile(r"-LSB-"), "["),
    (re.compile(r"-RSB-"), "]"),
    (re.compile(r"``\s*"), "\u201c"),
    (re.compile(r"(?<=\w)\s+''(?=\s|$|[,.;:!?])"), "\u201d"),
    (re.compile(r"(?<=[,.;:!?\u2026])\s*''"), "\u201d"),
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


def normalize(text: str) -> str:
    """Detokenize PTB text into reader text; cheap no-op on clean text."""
    text = text.strip()
    if not _NEEDS.search(text):
        return text
    for pat, rep in _PTB:
        text = pat.sub(rep, text)
    return text.strip()


@dataclass(frozen=True)
class Word:
    """A word of a sentence with character offsets into the sentence text."""

    text: str
    start: int
    end: int


@lru_cache(maxsize=4)
def get_nlp(model: str = ""):
    """The tokenizer pipeline (blank English unless an installed model is named)."""
    if model:
        try:
            return spacy.load(model, exclude=["ner", "lemmatizer", "textcat"])
        except OSError:
            pass
    return spacy.blank("en")


def _words(doc) -> list[Word]:
    """spaCy tokens -> words, joining ``al``-``-``-``Assad`` style glue.

    Token attributes are read once into tuples: attribute access on spaCy
    tokens is the slow part of this loop.
    """
    toks = [(t.text, t.idx, t.whitespace_) for t in doc]
    out: list[Word] = []
    glue = False
    n = len(toks)
    for k, (t, s, ws) in enumerate(toks):
        if out and glue and t not in _POSS and (t == "-" or out[-1].text.endswith("-")):
            prev = out[-1]
            out[-1] = Word(prev.text + t, prev.start, s + len(t))
        else:
            out.append(Word(t, s, s + len(t)))
        glue = ws == "" and (t == "-" or (k + 1 < n and toks[k + 1][0] == "-"))
    return out


_POSS = frozenset(("'s", "\u2019s", "'", "\u2019"))


def tokenize(texts: list[str], model: str = "") -> list[list[Word]]:
    """Tokenize many sentence texts in one ``nlp.pipe`` pass."""
    nlp = get_nlp(model)
    if len(nlp.pipe_names) == 0:
        docs = nlp.tokenizer.pipe(texts, batch_size=256)
    else:
        docs = nlp.pipe(texts, batch_size=256)
    return [_words(d) for d in docs]
