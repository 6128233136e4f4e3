"""The fast paths of per-article extraction give the same result as the plain ones.

Speed work in generator/extract (joined tokenizing, prefilters before regex
scans) must never change output.  Each fast path is compared here with a
straightforward reference on sentences written for these tests (hyphens,
double spaces, quotes, possessives, empty sentences, non-ASCII text) and, when
the shared Syria corpus is on this machine, on all of its sentences.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.extract import nlp

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpora" / "t17-syria"

# Written for this test: every awkward case the tokenizer joining must survive.
TRICKY = [
    "Bashar al-Assad's forces shelled the town.",
    "",
    "The U.S. -led coalition  struck twice.",
    "x - y",
    "- a sentence starting with a hyphen",
    "a sentence ending with a hyphen -",
    "al - Assad and pro-  Assad crowds",
    "A\u00a0non-breaking space and a\ttab",
    "\u201cWe will not accept this,\u201d said Lt.-Col. Jean-Pierre Dupont.",
    "'s",
    "--",
    "A-",
    "-",
    "Anti-government protesters in Deir al-Zour -- and in Homs -- marched.",
    "Ban Ki-moon's envoy, Lakhdar Brahimi, met Kofi Annan's team in Geneva on Mar. 3, 2012.",
    "Stra\u00dfe and caf\u00e9s: non-ASCII words, e.g. \u00c9lys\u00e9e-backed talks.",
    "The Workers' Party (WP) said \u2014 again \u2014 it wouldn't go.",
]


_FRESH = []


def _fresh_tokenizer():
    import spacy

    if not _FRESH:
        _FRESH.append(spacy.blank("en").tokenizer)
    return _FRESH[0]


def _reference_words(texts: list[str]) -> list[list[tuple[str, int, int]]]:
    """One spaCy call per sentence and a plain loop over tokens (the original method),
    with a fresh blank pipeline whose lexeme attribute getters are intact."""
    tok = _fresh_tokenizer()
    out = []
    for doc in tok.pipe(texts):
        toks = [(t.text, t.idx, t.whitespace_) for t in doc]
        words: list[list] = []
        glue = False
        for k, (t, s, ws) in enumerate(toks):
            if words and glue and t not in ("'s", "\u2019s", "'", "\u2019") and (t == "-" or words[-1][0].endswith("-")):
                words[-1] = [words[-1][0] + t, words[-1][1], s + len(t)]
            else:
                words.append([t, s, s + len(t)])
            glue = ws == "" and (t == "-" or (k + 1 < len(toks) and toks[k + 1][0] == "-"))
        out.append([tuple(w) for w in words])
    return out


def _fast_words(texts: list[str]) -> list[list[tuple[str, int, int]]]:
    return [[(w.text, w.start, w.end) for w in ws] for ws in nlp.tokenize(texts)]


def test_joined_tokenizing_equals_per_sentence_on_fixtures():
    texts = [nlp.normalize(t) for t in TRICKY]
    assert _fast_words(texts) == _reference_words(texts)
    # specific facts, so a broken reference cannot pass with it
    words = _fast_words(texts)
    assert ("al-Assad", 7, 15) in words[0] and ("'s", 15, 17) in words[0]
    assert words[1] == []
    assert ("al - Assad", 0, 10) not in words[6]  # spaced hyphens do not join


def test_joined_tokenizing_handles_one_and_no_texts():
    assert nlp.tokenize([]) == []
    assert _fast_words(["Assad"]) == [[("Assad", 0, 5)]]
    assert _fast_words([""]) == [[]]


def test_text_with_outer_whitespace_takes_the_per_sentence_route():
    texts = ["  padded sentence ", "next one"]
    assert _fast_words(texts) == _reference_words(texts)


@pytest.mark.skipif(not CORPUS.exists(), reason="shared Syria corpus not on this machine")
def test_joined_tokenizing_equals_per_sentence_on_the_corpus():
    from generator.ingest import read_articles

    articles, _ = read_articles(CORPUS / "articles.jsonl")
    assert len(articles) > 500
    for a in articles:
        texts = [nlp.normalize(s.text) for s in a.sentences]
        assert _fast_words(texts) == _reference_words(texts), a.id


# -- lower-cased scans stand in for re.IGNORECASE -----------------------------

def test_lower_safe_accepts_typographic_text_and_refuses_folding_letters():
    assert nlp.lower_safe("Assad \u201cwon\u2019t\u201d go \u2014 yet\u2026") == "assad \u201cwon\u2019t\u201d go \u2014 yet\u2026"
    # letters re.I folds onto ASCII ("\u017f" long s ~ "s", Kelvin sign ~ "k") or that lower() reshapes
    for text in ("\u017ftormed", "\u212aILLED", "\u0130stanbul", "Caf\u00e9"):
        assert nlp.lower_safe(text) is None


def test_trigger_scan_at_word_starts_equals_full_scan():
    from generator.extract import events

    assert events._HEADS is not None and "kil" in events._HEADS and "air" in events._HEADS
    texts = [
        "Troops shelled Homs and killed 12 people; air strikes, airstrikes and a cease-fire followed.",
        "He was RE-ELECTED, then re-elected again, and the truce took effect.",
        "Overran the town: they retook it, took control and set ablaze the depot.",
        "Protesters marched \u2014 \u201cwe rallied\u201d \u2014 while police opened fire.",
        "killedkilled unkilled killed-in-action self-killed",
        "",
    ]
    for text in texts:
        low = nlp.lower_safe(text)
        assert low is not None
        fast = [(m.start(), m.end(), m.lastgroup) for m in events._lower_matches(low)]
        full = [(m.start(), m.end(), m.lastgroup) for m in events._TRIGGER_LOWER.finditer(low)]
        slow = [(m.start(), m.end(), m.lastgroup) for m in events._TRIGGER.finditer(text)]
        assert fast == full == slow, text
    assert [m.group() for m in events._lower_matches(nlp.lower_safe(texts[0]))][:2] == ["shelled", "killed"]


def test_hedged_and_negated_triggers_keep_their_class():
    from generator.extract import events

    asserted, hypo = events.find_triggers("If troops shelled Homs, it is unclear whether they killed anyone.")
    assert [t.word for t in asserted] == [] and [t.word for t in hypo] == ["shelled", "killed"]
    asserted, hypo = events.find_triggers("Troops shelled Homs; it is unclear whether they killed anyone.")
    assert [t.word for t in asserted] == ["shelled"] and [t.word for t in hypo] == ["killed"]
    asserted, hypo = events.find_triggers("Troops did not shell Homs but stormed Hama.")
    assert [t.word for t in asserted] == ["stormed"] and hypo == []


def test_topic_counts_on_lowered_text_equal_ignorecase_counts():
    from generator.extract import relevance

    text = "Syria\u2019s war: SYRIAN troops, Syrians and syria-based groups; Assad\u2019s Syria \u2014 not Syriac."
    for term in ("syria", "assad", "syrian"):
        low = nlp.lower_safe(text)
        # the same matches (lower-cased when found on the lowered text: only their number is used)
        assert relevance._find_term(term, text, low) == [m.lower() for m in relevance._term_pattern(term).findall(text)]
    assert len(relevance._find_term("syria", text, nlp.lower_safe(text))) == 4


def test_chrome_heads_cover_every_chrome_phrase():
    from generator.extract import events, relevance

    body = relevance._CHROME_LOWER.pattern[len(r"\b("):-len(r")\b")]
    alts = events._top_level_alternatives(body)
    assert len(alts) >= 18
    assert {events._literal_prefix(a)[:3] for a in alts} == relevance._CHROME_HEADS
    lines = ["Click here to subscribe to our newsletter", "Privacy Policy \u2014 Terms of Service",
             "Troops shelled Homs.", "Copyright \u00a9 2012", "READ MORE: the cookie law", "loggin in"]
    for line in lines:
        assert relevance._is_chrome(line) == (relevance._CHROME_PATTERNS.search(line) is not None), line
    assert [relevance._is_chrome(x) for x in lines] == [True, True, False, False, True, False]


def test_credit_sentences_are_cut_as_before():
    from generator.extract import actors

    texts = ["Reporting by Dominic Evans in Beirut; editing by Jon Hemming.",
             "Ian Black contributed to this report.",
             "By Jim Muir",
             "Jim Muir is the BBC's Middle East correspondent.",
             "The talks failed, says Jim Muir.",
             "Troops shelled Homs on Friday."]
    article = "\n".join(texts)
    for t in texts:
        assert actors._cutoff(t, actors._credit_kind(t), article) == actors._credit_cutoff(t, 0, len(texts), article)
    assert actors._cutoff(texts[0], actors._credit_kind(texts[0]), article) == (0, len(texts[0]))
    assert actors._credit_kind(texts[5]) is None
