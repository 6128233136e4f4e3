"""The fast paths of per-article extraction give the same result as the plain ones.

Speed work in generator/extract (tokens read as arrays, prefilters before regex
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


def _words(texts: list[str]) -> list[list]:
    """What extraction reads: the trained pipeline's tokens as words (nlp.words_of)."""
    from generator.extract import model

    return [nlp.words_of(d) for d in model.load().tokenizer.pipe(texts)]


def _fast_words(texts: list[str]) -> list[list[tuple[str, int, int]]]:
    return [[(w.text, w.start, w.end) for w in ws] for ws in _words(texts)]


def test_words_equal_the_per_token_reference_on_fixtures():
    texts = [nlp.normalize(t) for t in TRICKY]
    assert _fast_words(texts) == _reference_words(texts)
    # specific facts, so a broken reference cannot pass with it
    words = _fast_words(texts)
    assert ("al-Assad", 7, 15) in words[0] and ("'s", 15, 17) in words[0]
    assert words[1] == []
    assert ("al - Assad", 0, 10) not in words[6]  # spaced hyphens do not join


def test_words_of_one_and_no_texts():
    assert nlp.parse([]) == []
    assert _fast_words(["Assad"]) == [[("Assad", 0, 5)]]
    assert _fast_words([""]) == [[]]


def test_words_of_text_with_outer_whitespace():
    texts = ["  padded sentence ", "next one"]
    assert _fast_words(texts) == _reference_words(texts)


@pytest.mark.skipif(not CORPUS.exists(), reason="shared Syria corpus not on this machine")
def test_words_equal_the_per_token_reference_on_the_corpus():
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
    from generator.extract.events import lexicon

    assert lexicon._HEADS is not None and "kil" in lexicon._HEADS and "air" in lexicon._HEADS
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
        fast = [(m.start(), m.end(), m.lastgroup) for m in lexicon._lower_matches(low)]
        full = [(m.start(), m.end(), m.lastgroup) for m in lexicon._TRIGGER_LOWER.finditer(low)]
        slow = [(m.start(), m.end(), m.lastgroup) for m in lexicon._TRIGGER.finditer(text)]
        assert fast == full == slow, text
    assert [m.group() for m in lexicon._lower_matches(nlp.lower_safe(texts[0]))][:2] == ["shelled", "killed"]


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
    from generator.extract import relevance
    from generator.extract.events import lexicon

    body = relevance._CHROME_LOWER.pattern[len(r"\b("):-len(r")\b")]
    alts = lexicon._top_level_alternatives(body)
    assert len(alts) >= 18
    assert {lexicon._literal_prefix(a)[:3] for a in alts} == relevance._CHROME_HEADS
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


# -- the collector is kept off the caller's objects during a stage -----------

def test_frozen_heap_freezes_for_the_stage_only_and_respects_a_callers_freeze():
    import gc

    from generator.extract.map import _frozen_heap

    assert gc.get_freeze_count() == 0
    kept = [[] for _ in range(10)]  # alive before the stage (lists: tracked by the collector)
    with _frozen_heap():
        assert gc.get_freeze_count() >= len(kept)
    assert gc.get_freeze_count() == 0
    gc.freeze()  # a caller's own freeze is neither extended nor undone
    try:
        before = gc.get_freeze_count()
        with _frozen_heap():
            assert gc.get_freeze_count() == before
        assert gc.get_freeze_count() == before
    finally:
        gc.unfreeze()



def _articles(n: int):
    from generator.models import Article, Sentence

    out = []
    for k in range(n):
        lines = [f"Rebels in town {k} said government troops shelled the city of Homs on Monday morning.",
                 f"President Bashar al-Assad met the United Nations envoy number {k} in Damascus on Tuesday.",
                 "Activists said the army moved tanks into the northern districts after the talks collapsed.",
                 "The Syrian National Council called for international protection of civilians in Homs."]
        text = "\n".join(lines)
        out.append(Article(id=f"a{k}", path=f"a{k}.txt", raw=text, text=text, hash=f"h{k}", title=f"Article {k}",
                           sentences=[Sentence(index=i, text=t, start=0, end=len(t)) for i, t in enumerate(lines)]))
    return out


def test_the_map_freezes_what_each_article_leaves_alive_and_unfreezes_at_the_end(monkeypatch):
    import gc

    import generator.extract as ex
    from generator.config import Config

    counts = []
    real = ex.map._run
    monkeypatch.setattr(ex.map, "_run", lambda args: (counts.append(gc.get_freeze_count()), real(args))[1])
    assert gc.get_freeze_count() == 0
    ex.map_articles(_articles(3), Config())
    assert len(counts) == 3
    # each article's step starts with the objects alive after the one before it frozen
    assert counts[0] < counts[1] < counts[2]
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()  # paused during each step only


def test_a_failing_article_step_leaves_the_collector_on_and_nothing_frozen(monkeypatch):
    import gc

    import generator.extract as ex
    from generator.config import Config

    def boom(args):
        assert not gc.isenabled()  # paused while the step runs
        raise RuntimeError("step failed")

    monkeypatch.setattr(ex.map, "_run", boom)
    with pytest.raises(RuntimeError, match="step failed"):
        ex.map_articles(_articles(2), Config())
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_the_map_leaves_a_callers_freeze_as_it_is(monkeypatch):
    import gc

    import generator.extract as ex
    from generator.config import Config

    counts = []
    real = ex.map._run
    monkeypatch.setattr(ex.map, "_run", lambda args: (counts.append(gc.get_freeze_count()), real(args))[1])
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        ex.map_articles(_articles(3), Config())
        # nothing more is frozen (the count only falls, as frozen objects are freed)
        assert len(counts) == 3 and max(counts) <= before
        assert gc.get_freeze_count() <= before
    finally:
        gc.unfreeze()


def test_chunk_heads_equal_the_per_word_test_on_ascii_and_other_text():
    from generator.extract import actors

    texts = TRICKY + ["Emir Tamim al-Thani and el-Sisi met; an e-mail arrived.", "Émile and Ahmed el-Sheikh met İlham."]
    for text, ws in zip(texts, _words(texts)):
        expected = [k for k, w in enumerate(ws) if actors._may_start(w.text)]
        for hyphen in ({True, "-" in text}):
            heads = actors._chunk_heads(ws, hyphen)
            assert heads == sorted(set(heads)), text
            assert set(expected) <= set(heads), text
            assert actors._chunks(ws, hyphen) == actors._chunks(ws, True), text


# -- actor candidates kept per distinct sentence ------------------------------

def _plain_cands(actors, text, ws, s, c0, c1, lower_vocab, doc):
    """The uncached method: the sentence's entity and capitalised spans, each
    outside the credit range classified and judged by its entity label."""
    starts = actors._sentence_starts(ws)
    return [c for i, j, label in actors._spans(ws, text, doc) if not c0 <= ws[i].start < c1
            for c in actors._judged(actors._classify(ws, i, j, text, s, lower_vocab, starts, label), label, doc)]


def test_cached_candidates_equal_classifying_afresh(monkeypatch):
    """The same sentence in articles whose other sentences differ: a capitalised
    first word is a name only when the article never uses it in lower case,
    so the cache must tell the two apart; sentence numbers are each call's own."""
    from dataclasses import asdict

    from generator.extract import actors

    monkeypatch.setattr(actors, "_CANDS", {})
    monkeypatch.setattr(actors, "CAND_CACHE_SIZE", 3)
    lead = "Marching continued in Homs on Friday, said Ahmed Nour."
    articles = [
        [lead, "Protesters kept marching all night."],
        ["Troops shelled Hama.", lead, "Protesters stayed home."],
        [lead, "Protesters kept marching all night."],
        ["Reporting by Dominic Evans in Beirut; editing by Jon Hemming.", lead],
        [nlp.normalize(t) for t in TRICKY] + [lead],
    ]
    got = {}
    for texts in articles:
        docs = nlp.parse(texts)
        words = [nlp.words_of(d) for d in docs]
        vocab = set(actors._LOWER_WORD.findall("\n".join(texts)))
        for s, (text, ws, doc) in enumerate(zip(texts, words, docs)):
            c0, c1 = actors._cutoff(text, actors._credit_kind(text), "\n".join(texts))
            cached = actors._sentence_cands(text, ws, s, c0, c1, vocab, doc)
            plain = _plain_cands(actors, text, ws, s, c0, c1, vocab, doc)
            assert [asdict(c) for c in cached] == [asdict(c) for c in plain], text
            assert len(actors._CANDS) <= 3
            if text == lead:
                got[tuple(texts)] = [(c.surface, c.sent) for c in cached]
    assert got[tuple(articles[0])] == [("Ahmed Nour", 0)]
    assert got[tuple(articles[1])] == [("Marching", 1), ("Ahmed Nour", 1)]


def test_cached_candidates_are_fresh_objects(monkeypatch):
    """_resolve raises a candidate's evidence in place: a kept one must not change."""
    from generator.extract import actors

    monkeypatch.setattr(actors, "_CANDS", {})
    text = "Ahmed Nour said the talks failed."
    ws = _words([text])[0]
    first = actors._sentence_cands(text, ws, 0, len(text), len(text), set())
    first[0].evidence = 0.99
    again = actors._sentence_cands(text, ws, 4, len(text), len(text), set())
    assert again[0].evidence != 0.99 and again[0].sent == 4 and first[0].sent == 0


# -- date expressions: scanned once per text, resolved per publication date ---

# The tagger's original trigger (before session 4's lookaheads and non-word-character scan).
def _plain_tag(dates, text, published):
    """The tagger scanning at every word start (no trigger list, no remembered
    scan): the trigger list and its lookaheads must lose no expression."""
    import re

    folded = dates._fold_case(text)
    starts = [m.start() for m in re.finditer(r"\b\w", folded)]
    return dates._resolve(text, published, dates._scan_at(text, folded, starts))


DATED = [
    "On March 3, 2012, troops shelled Homs, a day after rebels took the town.",
    "Troops shelled Homs on Monday, a day after rebels took the town.",
    "Last week the army said it would retake Aleppo by next Friday.",
    "Yesterday, protesters marched; on Sunday, two days before the vote, police fired.",
    "The uprising began in March 2011 and by May 2013 more than 80,000 had died.",
    "In May, the envoy may resign, officials said on Tuesday.",
    "Talks ran from 12 to 14 February 2014 in Geneva, and again in mid-2015.",
    "Fighting since the 1980s; the 41-3 vote came early this year.",
    "No date here at all.",
    "",
]


def test_scan_then_resolve_equals_the_plain_tagger():
    """The same timexes for every sentence and every publication day (and none),
    whether the text's scan is fresh or already remembered."""
    import datetime as dt

    from generator.extract import dates

    days = [None, dt.date(2012, 3, 5), dt.date(2014, 2, 20), dt.date(2013, 1, 1)]
    for text in DATED:
        for day in days:
            assert dates._tag(text, day) == _plain_tag(dates, text, day), (text, day)
    assert [t.value for t in dates.tag(DATED[0], dt.date(2012, 3, 5))] == ["2012-03-03"]  # facts too
    # the anchored "a day after" moves with the publication date; the scan is the same
    assert [t.value for t in dates._tag(DATED[1], dt.date(2012, 3, 7))] == ["2012-03-05", "2012-03-04"]
    assert [t.value for t in dates._tag(DATED[1], dt.date(2014, 2, 20))] == ["2014-02-17", "2014-02-16"]
    assert dates._tag(DATED[3], dt.date(2013, 1, 1))[0].value == "2012-12-31"
    assert dates._tag(DATED[3], None)[0].value is None  # unresolved without a date


def test_scanned_groups_are_read_only():
    from generator.extract import dates

    found = dates._scan(DATED[0])
    assert found
    with pytest.raises(TypeError):
        found[0][4]["year"] = "1999"  # shared by every later tag() of this text


def test_remembered_trigger_lists_are_each_callers_own():
    from generator.extract import events
    from generator.extract.events import detect

    text = "Troops shelled Homs; it is unclear whether they killed anyone."
    asserted, hypo = events.find_triggers(text)
    asserted.clear()
    hypo.append("spoilt")
    assert events.find_triggers(text) == detect._find_triggers(text)
    assert [t.word for t in events.find_triggers(text)[0]] == ["shelled"]


def test_titles_do_not_depend_on_what_the_dates_resolve_to(monkeypatch):
    """The title cache leaves the timexes' values out of its key: titles must be
    the same whatever day the article was published (and the cached ones equal
    make_title's)."""
    import datetime as dt

    from generator.extract import dates, events
    from generator.extract.events import titles

    monkeypatch.setattr(titles, "_TITLES", {})
    monkeypatch.setattr(titles, "TITLE_CACHE_SIZE", 2)
    texts = DATED + [
        "Syrian troops shelled the northern city of Aleppo on Friday, killing 12 people, activists said.",
        "A plan unveiled by Annan on Monday was rejected by the opposition.",
        "On Tuesday, two days after the vote, protesters marched in Hama.",
    ]
    days = [None, dt.date(2012, 3, 7), dt.date(2015, 6, 30)]
    titled = 0
    for text in texts:
        asserted, _ = events.find_triggers(text)
        for trig in asserted:
            by_spans: dict[tuple, set[str]] = {}
            for day in days:
                timexes = dates.tag(text, day)
                title = events.make_title(text, trig, timexes, asserted)
                by_spans.setdefault(tuple((t.start, t.end) for t in timexes), set()).add(title)
                assert titles._title(text, trig, timexes, asserted) == title
                assert len(titles._TITLES) <= 2
            # where the expressions stand decides the title; what they resolve to does not
            assert all(len(found) == 1 for found in by_spans.values()), (text, by_spans)
            titled += any(t for found in by_spans.values() for t in found)
    assert titled >= 3
    # "a day after" is an expression only when it can be resolved (a publication date)
    anchored = "Troops shelled Homs on Monday, a day after rebels took the town."
    trig = events.find_triggers(anchored)[0][0]
    assert titles._title(anchored, trig, dates.tag(anchored, days[1]), [trig]) == "Troops shelled Homs, rebels took the town"
    assert titles._title(anchored, trig, dates.tag(anchored, None), [trig]) == "Troops shelled Homs, a day after rebels took the town"


# -- merging events: cheaper copies, the same events --------------------------

def test_event_copy_equals_a_deep_copy_and_shares_nothing_mutable():
    from generator.extract.events import merge
    from generator.models import Event, SourceRef

    ev = Event(id="2012-03-03-troops-shelled-homs", date="2012-03-03", title="Troops shelled Homs",
               summary="Troops shelled Homs on Saturday.", actors=["syria"], place="Homs",
               sources=[SourceRef(article="a1", sentence=2, text="Troops shelled Homs on Saturday.")],
               confidence=0.8)
    copy, deep = merge._copy_event(ev), ev.model_copy(deep=True)
    assert copy == deep and copy.model_fields_set == deep.model_fields_set
    assert copy.model_dump() == ev.model_dump()
    copy.sources[0].article = "zz"  # validate_assignment still applies to the copy
    copy.actors.append("rebels")
    copy.title = "Changed"
    assert ev.sources[0].article == "a1" and ev.actors == ["syria"] and ev.title == "Troops shelled Homs"


def test_merge_events_gives_the_same_events_as_before_on_a_fixture():
    """Two reports of one shelling merge (sources from both), a third event stays apart,
    and the inputs are left as they were."""
    from generator.extract import events
    from generator.models import Event, SourceRef

    def ev(art, sent, title, summary, place="Homs", date="2012-03-03", conf=0.7):
        return Event(id="pending", date=date, title=title, summary=summary, place=place, actors=[art[:1]],
                     sources=[SourceRef(article=art, sentence=sent, text=summary)], confidence=conf)

    inputs = [
        ev("b2", 4, "Troops shelled Homs", "Troops shelled Homs killing 12 people on Saturday."),
        ev("a1", 1, "Army shelled Homs", "The army shelled Homs killing 12 people on Saturday.", conf=0.8),
        ev("c3", 0, "Rebels seized Idlib checkpoint", "Rebels seized a checkpoint near Idlib.", place="Idlib"),
    ]
    before = [e.model_dump() for e in inputs]
    merged = events.merge_events(inputs)
    assert [e.model_dump() for e in inputs] == before
    assert len(merged) == 2
    shelling = next(e for e in merged if "shelled" in e.title)
    assert [(r.article, r.sentence) for r in shelling.sources] == [("a1", 1), ("b2", 4)]
    assert shelling.title == "Army shelled Homs" and shelling.actors == ["a", "b"]
    assert shelling.confidence == 0.85


# -- event titles: regexes run only where they can match (session 4) -----------

TITLE_TEXTS = [
    "Syrian troops shelled the northern city of Aleppo on Friday, killing 12 people, activists said.",
    "BEIRUT (Reuters) - Rebels seized a checkpoint near Idlib early on Monday and held it for a while.",
    "12:45 GMT Protesters were shot in the town of Deraa in mid-March, after the talks of the",
    "A plan unveiled by Annan was rejected by the opposition at the conference in Geneva and",
    "Troops have been deployed\tto Homs \n and Hama,  residents said.",
    "The army  stormed  Baba Amr  which had been held by rebels since more than  a month ago",
    "Officials met in Cairo. But the talks on a cease-fire failed ALSO",
    "Caf\u00e9 owners were told to close over the weekend in the region of Damascus aſ",
    "Nothing to cut here",
    "of",
    "",
]


def _tails(text: str) -> list[str]:
    """The text and its prefixes at every word end: the strings the title steps see."""
    ends = {i for i, ch in enumerate(text) if ch.isspace() or ch in ",.;"} | {len(text)}
    return [text[:i] for i in sorted(ends)] + [text + " ", text + "\n", text + " of\n"]


def test_function_tail_is_dropped_as_the_regex_drops_it():
    import re

    from generator.extract.events import titles

    words = re.search(r"\(\?:([a-z|]+)\)\)\+\$", titles._FUNCTION_TAIL.pattern).group(1).split("|")
    assert set(words) == titles._FUNCTION_WORDS  # the pattern is built from the word list
    checked = changed = 0
    for text in TITLE_TEXTS:
        for s in _tails(text):
            assert titles._drop_function_tail(s) == titles._FUNCTION_TAIL.sub("", s), repr(s)
            checked += 1
            changed += titles._drop_function_tail(s) != s
    assert checked > 100 and changed > 10
    assert titles._drop_function_tail("talks of the") == "talks"
    assert titles._drop_function_tail("seized Idlib") == "seized Idlib"


def test_words_before_a_date_start_where_the_search_says():
    from generator.extract.events import titles

    for text in TITLE_TEXTS:
        for s in _tails(text):
            assert titles._pre_timex_start(s) == titles._PRE_TIMEX.search(s).start(), repr(s)
    assert titles._pre_timex_start("troops shelled Homs early on ") == len("troops shelled Homs ")
    assert titles._pre_timex_start("rallied in mid-") == len("rallied ")
    assert titles._pre_timex_start("nearly ") == 0 and titles._pre_timex_start("yearly ") == 7
    assert titles._pre_timex_start("more  than ") == 11  # "more than" is one phrase, one space


def test_title_prefilters_skip_only_texts_the_regex_leaves_alone():
    """_PASSIVE, _PLACE_NP and _DATELINE are skipped on a text without the
    literal words each of their matches contains; such texts must be ones the
    regex does not match, and the titles keep every rewrite."""
    from generator.extract import events
    from generator.extract.events import titles

    for text in TITLE_TEXTS:
        for s in _tails(text):
            if not ("was" in s or "were" in s or "been" in s):
                assert titles._PASSIVE.sub("", s) == s
            if not any(f"{w} of" in s for w in ("city", "town", "village", "province", "district",
                                                 "suburb", "region")):
                assert titles._PLACE_NP.sub("", s) == s
            if "(" not in s and ":" not in s:
                assert titles._DATELINE.match(s) is None
    import datetime as dt

    from generator.extract import dates

    expected = {  # what make_title gave before the prefilters (commit 9c1cbd2)
        0: "Syrian troops shelled Aleppo, killing 12 people",
        1: "Rebels seized a checkpoint near Idlib and held it",
        2: "Protesters shot in Deraa, after the talks",
    }
    for i, title in expected.items():
        text = TITLE_TEXTS[i]
        trig = events.find_triggers(text)[0][0]
        assert events.make_title(text, trig, dates.tag(text, dt.date(2012, 3, 7)), [trig]) == title


# -- lexicon scans in one regex (generator.extract.scan) ------------------------

LEXICON_TEXTS = TITLE_TEXTS + [
    "Russia and China have blocked a resolution; Moscow rejected sanctions and warned of consequences.",
    "France called for a ceasefire, urged talks and said it would support a no-fly zone, according to aides.",
    "Subscribe to our newsletter, read more, follow us, sign in; cookies and javascript are required.",
    "statements, stationary, accordingly, saidx, re-elected, unsanctioned, killed-in-action, air strikes",
    "The truce took effect as protesters rallied and the army shelled Homs, killing 12.",
]


def test_lexicon_scan_in_one_regex_equals_the_head_walk():
    """scan.at_heads(rx, heads).finditer(low) finds what the full scan
    rx.finditer(low) does, for every lexicon that uses it, with the same groups."""
    from generator.extract import relevance, scan
    from generator.extract.events import lexicon

    # (positions are read off the parse with spaCy's Matcher now: no regex lexicon of theirs here)
    lexicons = [(lexicon._TRIGGER_LOWER, lexicon._HEADS), (lexicon._TRIGGER_LOWER, lexicon._long_heads()),
                (relevance._CHROME_LOWER, relevance._CHROME_HEADS)]
    found = 0
    for rx, heads in lexicons:
        assert heads is not None
        fast_rx = scan.at_heads(rx, heads)
        for text in LEXICON_TEXTS:
            for s in (text, text.upper(), text.replace(" ", "  ")):
                low = nlp.lower_safe(s)
                if low is None:
                    continue
                walk = [(m.span(), m.lastgroup, m.groups()) for m in rx.finditer(low)]
                fast = [(m.span(), m.lastgroup, m.groups()) for m in fast_rx.finditer(low)]
                assert fast == walk, (rx.pattern[:40], s)
                assert (fast_rx.search(low) is None) == (not walk)
                found += len(fast)
    assert found > 60
    assert scan.at_heads(lexicon._TRIGGER_LOWER, None) is lexicon._TRIGGER_LOWER
    assert {"kille", "shell", "air", "cease"} <= lexicon._long_heads()  # five letters, or the whole literal start
    assert lexicon._TRIGGER_AT_HEADS is scan.at_heads(lexicon._TRIGGER_LOWER, lexicon._long_heads())
    with pytest.raises(ValueError):
        scan.at_heads(lexicon._TRIGGER, frozenset({"kil"}))  # no leading \b: no lookahead to put there


# -- date triggers: lookaheads, scanned from non-word characters (session 4) ----

TIMEX_TEXTS = DATED + [
    "Last night a few days ago, two weeks ago and an hour later several months ago the few years ago.",
    "Talks on Friday, on friday, on 3 March, from March to May and between 3 and 5 July 2012 failed.",
    "This morning, this weekend, the coming weekend and this March; earlier this month, late this year.",
    "By the end of last year (end of this month) it was next week, past Monday, previous Tuesday's.",
    "Today: tonight, yesterday--tomorrow; 2012-07-06, the 1990s, 41-3, $2011 and 2,011 people.",
    "one day ago,twelve months ago,a day ago;an year ago... Sunni rebels in Mar-a-Lago, May 2013",
    "Earlier this week Yesterday's vote, Tomorrow, This evening; Later this year; Next Friday",
    "3-5 July, 3 - 5 July, 12 to 14 February, mid-2015 and 10:30 GMT on Sat. Mar. 3, 2012",
    "Caf\u00e9 \u00e9lus on Friday, \u00e0 Paris 3 March",
    "a", "on", "2", "",
]


def test_date_trigger_starts_keep_every_expression():
    """Every word start where an expression can start is a trigger; the word
    starts the trigger list drops are ones _SCAN could not start at."""
    import re

    from generator.extract import dates

    kept = dropped = 0
    for text in TIMEX_TEXTS:
        for s in (text, text.lower(), "x " + text):
            folded = dates._DEICTIC_CI.sub(lambda m: m.group().lower(), s)
            assert dates._fold_case(s) == folded
            plain = [m.start() for m in re.finditer(r"\b\w", folded)]  # every word start
            fast = dates._trigger_starts(folded)
            assert set(fast) <= set(plain)
            assert [p for p in plain if dates._SCAN.match(folded, p)] == [p for p in fast if dates._SCAN.match(folded, p)]
            kept += len(fast)
            dropped += len(plain) - len(fast)
    assert kept > 100 and dropped > 20


def test_tagging_with_the_new_triggers_equals_the_plain_tagger():
    import datetime as dt

    from generator.extract import dates

    days = [None, dt.date(2012, 3, 5), dt.date(2014, 2, 20)]
    found = 0
    for text in TIMEX_TEXTS:
        for day in days:
            assert dates._tag(text, day) == _plain_tag(dates, text, day), (text, day)
            found += len(dates._tag(text, day))
    assert found > 60
    assert [t.text for t in dates.tag_all("Rebels attacked on Friday, a few days ago.", None)] == [
        "Friday", "a few days ago"]


def test_initial_end_at_the_tail_equals_the_full_search():
    """Every text of up to five characters over letters, dots, newlines and spaces."""
    import itertools

    from generator.extract.actors import _INITIAL_END, _initial_end

    for size in range(6):
        for chars in itertools.product(("A", "b", ".", "\n", " ", "-"), repeat=size):
            text = "".join(chars)
            assert _initial_end(text) == bool(_INITIAL_END.search(text)), repr(text)


# -- the reduce: results in two layers, cheaper stems and dates (session 4) -----

def test_packed_result_unpacks_to_the_same_result_and_actors_only_skips_the_rest():
    import datetime as dt
    import pickle

    import generator.extract as ex
    from generator.models import Article, Sentence

    texts = ["Syrian troops shelled the town of Homs on Friday, killing 12 people, activists said.",
             "Foreign Minister Sergei Lavrov said Russia opposed new sanctions.",
             "\u201cWe reject this,\u201d said Lavrov."]
    text = "\n".join(texts)
    art = Article(id="pack-1", path="pack-1.txt", raw=text, text=text, hash="h1", title="Homs",
                  published=dt.date(2012, 3, 3),
                  sentences=[Sentence(index=i, text=t, start=0, end=len(t)) for i, t in enumerate(texts)])
    result = ex.extract_article(art, ex.load_issues())
    assert result.events and result.positions and result.entities  # something to carry
    blob = ex.pack_result(result)
    assert ex.unpack_result(blob) == result
    back = ex.unpack_result(blob)
    assert [e.model_dump() for e in back.events] == [e.model_dump() for e in result.events]
    assert [type(x) for x in back.entities + tuple(back.positions)] == \
        [type(x) for x in result.entities + tuple(result.positions)]
    light = ex.unpack_result(blob, details=False)
    assert (light.article_id, light.published, light.entities, light.cited) == \
        (result.article_id, result.published, result.entities, result.cited)
    assert light.positions == [] and light.events == [] and light.dates == {} and light.event_keys == {}
    with pytest.raises(Exception):
        pickle.loads(blob[:-40])  # a truncated blob fails as a whole, inner layer included


def _plain_stems(merge, summary: str, place: str) -> frozenset:
    """content_stems as first written: number words replaced with re.I, days of the month and
    clock times dropped, a loop over the words."""
    import re

    from spacy.lang.en.stop_words import STOP_WORDS

    text = merge._WORD_NUMBER.sub(lambda m: str(merge._NUMBER_WORDS[m.group().lower()]),
                                   f"{summary} {place}").lower()
    month = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
             r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?")
    text = re.sub(rf"\b{month}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{month}|\b\d{{1,2}}:\d\d\b", " ", text)
    out = set()
    for w in re.findall(r"[a-z][a-z0-9'’-]+|\d[\d,.]*", text):
        w = w.strip("'’.,")
        if w and w not in STOP_WORDS and len(w) > 2 or w.isdigit():
            out.add(merge._stem(w))
    return frozenset(out)


def test_content_stems_equal_the_plain_loop():
    from generator.extract.events import merge

    texts = TITLE_TEXTS + LEXICON_TEXTS + [
        "Two people died, TWENTY were hurt and twelve-year-old boys fled; 1,200 fled in 2012.",
        "Stra\u00dfe: \u017fhells killed Seven in Caf\u00e9 Homs \u2014 \u2018twelve\u2019 days",
    ]
    for text in texts:
        for place in ("", "Homs", "Deir al-Zour"):
            assert merge._stems.__wrapped__(text, place) == _plain_stems(merge, text, place), text
    assert {"2", "20", "12"} <= merge._stems.__wrapped__(texts[-2], "")
    # a day of the month, a clock time and the digits of a name are no counts
    assert merge._numbers(merge._stems.__wrapped__("ZURICH | Sun May 17, 2009 8:14 am EDT - H1N1 "
                                                   "cases climbed to 8,480 on 17 May", "")) == {"8480"}
    # ... but only after a month's name: "decided 5-4" keeps its count
    assert merge._numbers(merge._stems.__wrapped__("The court decided 5-4 on Oct. 3", "")) == {"5", "4"}


def test_remembered_dates_parse_as_parse_fuzzy():
    from generator.extract.events import ids
    from generator.models import parse_fuzzy

    for value in ("2012", "2012-03", "2012-03-03", "2012-W09", "2012-02-29"):
        assert ids.fuzzy(value) == parse_fuzzy(value)
    for bad in ("2013-02-29", "March", "2012-13"):
        with pytest.raises(ValueError):
            ids.fuzzy(bad)


def _plain_fold(relevance, counts):
    """relevance._fold as first written (a generator expression per word, Counter +=)."""
    from collections import Counter

    folded: Counter = Counter()
    keys = sorted(counts, key=lambda k: (len(k), k))
    target: dict[str, str] = {}
    present = set(keys)
    for k in keys:
        base = next((k[: -len(s)] for s in relevance._SUFFIXES
                     if k.endswith(s) and k[: -len(s)] in present and len(k) - len(s) >= 3), None)
        target[k] = target.get(base, base) if base else k
    for k, v in counts.items():
        folded[target[k]] += v
    return folded


def test_relevance_fold_equals_the_plain_fold():
    from collections import Counter

    from generator.extract import relevance

    words = ("syria syrian syrians syrias iran iranian iranians irani iranis assad assad's assad\u2019s "
             "usa us ussr kurd kurds kurdish kurdi kurdis ansar ansars ansarans ban bans bani "
             "lebanon lebanese russia russian russians russi homs hom abc abcs abcian").split()
    for n in range(1, len(words) + 1, 3):
        counts = Counter({w: (i * 7) % 5 + 1 for i, w in enumerate(words[:n])})
        for c in (counts, Counter(dict(reversed(list(counts.items()))))):
            got, want = relevance._fold(c), _plain_fold(relevance, c)
            assert list(got.items()) == list(want.items()) and isinstance(got, Counter)
    folded = relevance._fold(Counter({w: 1 for w in words}))
    assert folded["syria"] == 4 and folded["iran"] == 5 and "syrians" not in folded


def test_chrome_literals_are_in_every_chrome_phrase():
    """A line with none of _CHROME_LITERALS skips the regex: each phrase's fixed
    beginning must contain one of them, and the verdicts stay the regex's."""
    from generator.extract import relevance
    from generator.extract.events import lexicon

    body = relevance._CHROME_LOWER.pattern[len(r"\b("):-len(r")\b")]
    for alt in lexicon._top_level_alternatives(body):
        prefix = lexicon._literal_prefix(alt)
        assert any(lit in prefix for lit in relevance._CHROME_LITERALS), alt
    relevance._is_chrome.cache_clear()
    lines = LEXICON_TEXTS + TITLE_TEXTS + ["Most popular: related links", "Skip to main content",
                                           "All rights reserved.", "Advertisement", "Share this with javascript",
                                           "the most read-more stories", "cookies", "Log in | Sign in"]
    for line in lines:
        assert relevance._is_chrome(line) == (relevance._CHROME_PATTERNS.search(line) is not None), line
    assert sum(map(relevance._is_chrome, lines)) >= 8


# -- events: fewer re.I scans, no per-article ids for the reduce (session 4) ---

EVENT_TEXTS = TITLE_TEXTS + LEXICON_TEXTS + TIMEX_TEXTS + [
    "Rebels Previously SEIZED the town; troops ALREADY shelled it twice, So Far.",
    "The army has been shelling Homs. Troops HAVE BEEN deployed. They stormed the base.",
    "Leaders met at the Geneva conference and the Doha summit; talks in Cairo failed.",
    "Fighting in the northern city of Aleppo and near the Turkish border town of Azaz.",
    "Delegates gathered at the United Nations headquarters for the Security Council meeting.",
]


def test_background_and_publication_day_tests_equal_their_ignorecase_scans():
    import re

    from generator.extract import dates
    from generator.extract.events import lexicon

    def plain_reports(sentence):
        if dates.tag(sentence, None) or dates._NOT_TODAY.search(sentence):
            return False
        if re.search(r"\b(?:has|have)\s+been\b", sentence, re.IGNORECASE):
            return False
        return bool(dates._HAPPENING.search(dates._ADJECTIVE_ED.sub(" ", sentence)))

    seen = set()
    for text in EVENT_TEXTS:
        for s in (text, text.upper(), text.lower(), text.replace("e", "\u00e9")):
            assert lexicon._background(s) == bool(lexicon._BACKGROUND.search(s)), s
            assert dates.reports_on_publication_day(s) == plain_reports(s), s
            seen.add((lexicon._background(s), dates.reports_on_publication_day(s)))
    assert len(seen) >= 3


def test_place_hints_skip_only_texts_without_a_match():
    from generator.extract import events
    from generator.extract.events import places

    found = 0
    for text in EVENT_TEXTS:
        for pat, hints in zip(places._PLACE_PATTERNS, places._PLACE_HINTS):
            if hints is not None and pat.search(text):
                assert any(h in text for h in hints), (pat.pattern[:30], text)
                found += 1
    assert found >= 4
    assert events.find_place(EVENT_TEXTS[-2]) == "Aleppo"
    assert events.find_place("Leaders met at the Geneva conference.") == "Geneva"


def test_events_without_article_ids_merge_to_the_same_timeline():
    """The map asks for events without per-article ids (the reduce sorts and
    numbers them): merged, they are the events the numbered ones give."""
    import datetime as dt

    from generator.extract import events
    from generator.models import Article, Sentence

    texts = [t for t in EVENT_TEXTS if t] + ["Troops shelled Homs on Friday.", "Troops shelled Homs on Friday."]
    arts = []
    for k in range(3):
        body = texts[k::3]
        raw = "\n".join(body)
        arts.append(Article(id=f"ev{k}", path=f"ev{k}.txt", raw=raw, text=raw, hash=f"h{k}",
                            published=dt.date(2012, 3, 5 + k),
                            sentences=[Sentence(index=i, text=t, start=0, end=len(t)) for i, t in enumerate(body)]))
    numbered = [e for a in arts for e in events.extract_events(a, {0: ["k1"], 2: ["k0", "k1"]})]
    pending = [e for a in arts for e in events.extract_events(a, {0: ["k1"], 2: ["k0", "k1"]}, ids=False)]
    assert len(numbered) >= 5 and all(e.id == "pending" for e in pending)
    assert sorted(e.model_dump_json(exclude={"id"}) for e in numbered) == \
        sorted(e.model_dump_json(exclude={"id"}) for e in pending)
    assert [e.model_dump() for e in events.merge_events(numbered)] == \
        [e.model_dump() for e in events.merge_events(pending)]


def test_the_reduce_runs_with_the_collector_paused_and_restores_it(monkeypatch):
    import gc

    import generator.extract as ex
    from generator.config import Config

    mapped = ex.map_articles(_articles(3), Config())
    plain = ex.reduce_mapped(mapped)
    seen = []
    real = ex.reduce.merge_actors

    def spy(results):
        seen.append((gc.isenabled(), gc.get_freeze_count() > 0))
        return real(results)

    monkeypatch.setattr(ex.reduce, "merge_actors", spy)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    paused = ex.reduce_mapped(mapped)
    assert seen == [(False, True)]  # off, and the caller's objects frozen, during the reduce
    assert gc.isenabled() and gc.get_freeze_count() == 0  # both handed back
    def dump(b):
        return {n: [r.model_dump() for r in b.records(n)] for n in ("sources", "actors", "timeline", "positions")}

    assert dump(paused) == dump(plain) and plain.actors
    gc.disable()
    try:
        ex.reduce_mapped(mapped)
        assert not gc.isenabled()  # a collector that was off stays off
    finally:
        gc.enable()


def test_clause_segments_equal_the_plain_copy_loop():
    import datetime as dt
    import re

    from generator.extract import dates
    from generator.extract.events import dating

    def plain(text, timexes):
        protected = list(text)
        for t in timexes:
            for i in range(t.start, t.end):
                if protected[i] in ",;:":
                    protected[i] = " "
        flat = "".join(protected)
        bounds, start = [], 0
        for m in re.finditer(r"[,;:]\s|\s[–—-]{1,2}\s", flat):
            bounds.append((start, m.start()))
            start = m.end()
        return bounds + [(start, len(text))]

    texts = EVENT_TEXTS + ["On Tue Mar 15 , 2011, troops shelled Homs; on July 6, 2012 -- again -- they did."]
    for text in texts:
        timexes = dates.tag(text, dt.date(2012, 7, 9))
        assert dating._segments(text, timexes) == plain(text, timexes), text
    assert len(dating._segments(texts[-1], dates.tag(texts[-1], None))) == 5  # dates with commas kept whole


def test_merging_owned_events_gives_the_same_timeline_as_merging_copies():
    from generator.extract import events
    from generator.models import Event, SourceRef

    def ev(art, sent, title, summary, place="Homs", date="2012-03-03", conf=0.7, actors=()):
        return Event(id="pending", date=date, title=title, summary=summary, place=place, actors=list(actors),
                     sources=[SourceRef(article=art, sentence=sent, text=summary)], confidence=conf)

    inputs = [
        ev("b2", 4, "Troops shelled Homs", "Troops shelled Homs killing 12 people on Saturday.", actors=["syria"]),
        ev("a1", 1, "Army shelled Homs", "The army shelled Homs killing 12 people on Saturday.", conf=0.8),
        ev("c3", 0, "Rebels seized Idlib checkpoint", "Rebels seized a checkpoint near Idlib.", place="Idlib"),
        ev("d4", 2, "Talks opened in Geneva", "Talks opened in Geneva last week.", place="Geneva",
           date="2012-W09", actors=["un"]),
    ]
    copied = events.merge_events([e.model_copy(deep=True) for e in inputs])
    owned = events.merge_events([e.model_copy(deep=True) for e in inputs], copy=False)
    assert [e.model_dump() for e in owned] == [e.model_dump() for e in copied]
    assert len(owned) == 3 and [len(e.sources) for e in owned if "shelled" in e.title] == [2]


def test_short_sentence_test_counts_words_as_split_does():
    texts = EVENT_TEXTS + ["", " ", "a b c d", "a b c d e", " a  b\tc\nd e ", "a b c d e f g", "\u00a0a b c d\u00a0"]
    for text in texts:
        assert (len(text.split(None, 4)) < 5) == (len(text.split()) < 5), repr(text)
