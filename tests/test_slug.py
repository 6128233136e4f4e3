"""The one slug (generator/slug.py) gives every id the rules it replaced gave.

An id is a record's name in the editors' YAML and in readers' bookmarks, so
each way the code base calls :func:`slug` is checked, on generated text of
every kind (accents, apostrophes, other scripts, punctuation, long titles),
against the rule that made those ids before there was one function.  The
reference rules below are those rules as they were written.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st
from spacy.lang.en.stop_words import STOP_WORDS

from generator import ingest
from generator.extract import actors, gazetteer
from generator.slug import slug

# -- the rules as they were ----------------------------------------------------


def render_slug(value: object) -> str:  # page names and anchors
    return re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-") or "x"


def actor_slug(text: str) -> str:  # extracted actor, group and issue ids
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")[:60].strip("-") or "x"


def event_words(title: str, k: int = 6) -> str:  # an event id's title words
    words = [w for w in re.findall(r"[a-z0-9]+", title.lower()) if w not in STOP_WORDS]
    return "-".join(words[:k])


def state_slug(text: str) -> str:  # a state's id from its name
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_TRANSLIT = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                           "ł": "l", "Ł": "L", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH", "ı": "i"})


def article_slug(name: str, max_id: int = 80) -> str:  # article ids
    decomposed = unicodedata.normalize("NFKD", name.translate(_TRANSLIT))
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_ = kept.encode("ascii", "ignore").decode("ascii").lower()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")
    lost = any(c.isalnum() and not c.isascii() for c in kept)
    digest = hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    if not s:
        return f"article-{digest}"
    if lost:
        return f"{s[: max_id - 9].rstrip('-')}-{digest}"
    return s[:max_id].rstrip("-")


# -- text of every kind --------------------------------------------------------

_PIECES = st.sampled_from(["Genève", "O'Brien", "O’Brien", "al-Assad", "Ban Ki-moon", "Ünited Nätions", "ß",
                           "Straße", "Œuvre", "سوريا", "Дамаск", "北京", "K", "İstanbul", "the", "of", "and",
                           "2012-W27", "--", " ", "'", "!", "€", "a€b", "UN", "U.S.", "x" * 70, "_", "\n"])
TEXT = st.one_of(st.text(max_size=120), st.lists(_PIECES, max_size=14).map(" ".join),
                 st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=20).map("".join))
EXAMPLES = ["", "Hello, World!", "Genève", "O'Brien says", "سوريا", "syria-سوريا", "a€b", "-x-", "İ", "K",
            "The President of the United States of America and the people " * 3]


def _examples(test):
    for text in EXAMPLES:
        test = example(text)(test)
    return test


@settings(max_examples=400, deadline=None)
@given(TEXT)
@_examples
def test_the_page_names_and_anchors_are_as_before(text):
    assert slug(text) == render_slug(text)


@settings(max_examples=400, deadline=None)
@given(TEXT)
@_examples
def test_the_extracted_ids_are_as_before(text):
    assert slug(text, 60, join_apostrophes=True) == actor_slug(text) == actors.slug(text)


@settings(max_examples=400, deadline=None)
@given(TEXT)
@_examples
def test_the_event_title_words_are_as_before(text):
    assert slug(text, fallback="", stop_words=STOP_WORDS, max_words=6) == event_words(text)


@settings(max_examples=400, deadline=None)
@given(TEXT)
@_examples
def test_the_article_ids_are_as_before(text):
    assert slug(text, ingest.MAX_ID, "article", fold=True) == article_slug(text) == ingest.slugify(text)


def test_every_state_id_is_as_before():
    import pycountry

    codes = [c.alpha_2 for c in pycountry.countries]
    assert codes
    assert [gazetteer.state_id(c) for c in codes] == [state_slug(gazetteer.state_name(c)) for c in codes]


@settings(max_examples=300, deadline=None)
@given(TEXT, st.one_of(st.none(), st.integers(10, 90)), st.booleans(), st.booleans())
def test_a_slug_is_always_an_id(text, max_len, fold, join):
    s = slug(text, max_len, fold=fold, join_apostrophes=join)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s), s
    assert max_len is None or len(s) <= max_len
