"""The one slug: text -> an id fit for a URL, a file name and a YAML key.

Every id the project makes (articles, actors, groups, issues, events) and
every page name and anchor of the site comes from :func:`slug`: the
lower-case ASCII letters and digits of the text, each run joined by ``-``
(``^[a-z0-9]+(-[a-z0-9]+)*$``).  It imports nothing of the project, so any
room may use it.

The parameters are the ways its callers genuinely differ.  Each keeps the
ids already written in ``data/`` what they are: an id is a record's name in
every edited YAML file and in every link readers bookmarked, so a change of
the rule would orphan them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Collection, Optional

_WORD = re.compile(r"[a-z0-9]+")

_TRANSLIT = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                           "ł": "l", "Ł": "L", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH", "ı": "i"})
"""Letters NFKD does not split into an ASCII letter and an accent."""


def slug(text: object, max_len: Optional[int] = None, fallback: str = "x", *, fold: bool = False,
         join_apostrophes: bool = False, stop_words: Collection[str] = (),
         max_words: Optional[int] = None) -> str:
    """*text* as a slug: ``"Hello, World!"`` -> ``hello-world``.

    *max_len*: at most this many characters (cut, then no ``-`` left at the
    end).  *fallback*: the slug of a text with no letter or digit (``x``, a
    valid anchor; ``""`` for a caller that builds on it).

    *fold* (article ids, made from file names and titles in any script):
    accents are stripped and ``ß``, ``æ``, ``ø`` ... spelled in ASCII
    (``Genève`` -> ``geneve``, not ``gen-ve``); letters with no ASCII form
    (Arabic, Cyrillic) are dropped and an 8-hex-digit hash of *text* is
    added, so two such names never share a slug (it fits in *max_len*), and
    a text with nothing left becomes ``<fallback>-<hash>``.  The other ids
    are not folded: an actor or issue id already in data/ would change.

    *join_apostrophes* (the extractor's actor, group and issue ids):
    ``O'Brien`` -> ``obrien``, one word, as a reader writes it.

    *stop_words*, *max_words* (an event id's title words): only the first
    *max_words* words that are not stop words.
    """
    if fold:
        return _folded(str(text), max_len, fallback)
    s = str(text).lower()
    if join_apostrophes:
        s = s.replace("'", "")
    return _joined(_WORD.findall(s), max_len, stop_words, max_words) or fallback


def _joined(words: list[str], max_len: Optional[int], stop_words: Collection[str] = (),
            max_words: Optional[int] = None) -> str:
    if stop_words:
        words = [w for w in words if w not in stop_words]
    if max_words is not None:
        words = words[:max_words]
    joined = "-".join(words)
    return joined if max_len is None else joined[:max_len].rstrip("-")


def _folded(text: str, max_len: Optional[int], fallback: str) -> str:
    kept = "".join(c for c in unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
                   if not unicodedata.combining(c))
    # what has no ASCII form is dropped, not a word break: "a€b" -> "ab"
    words = _WORD.findall(kept.encode("ascii", "ignore").decode("ascii").lower())
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    if not words:
        return f"{fallback}-{digest}"
    if any(c.isalnum() and not c.isascii() for c in kept):
        return f"{_joined(words, None if max_len is None else max_len - 9)}-{digest}"
    return _joined(words, max_len)
