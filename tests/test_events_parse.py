"""The parse-based event model (generator/extract/events/parse.py), one rule a test,
on sentences parsed by the trained pipeline: each keeps or drops a (predicate, date)
pair, so each fails if its rule stops working."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.extract import dates
from generator.extract import events as E
from generator.extract.events import parse as P
from generator.models import Article, Sentence

SATURDAY = dt.date(2012, 3, 10)


@pytest.fixture(scope="module")
def nlp():
    from generator.extract import model

    return model.load("")


def _article(sentences: list[str], published: dt.date = SATURDAY) -> Article:
    text = " ".join(sentences)
    sents, pos = [], 0
    for i, s in enumerate(sentences):
        sents.append(Sentence(i, s, pos, pos + len(s)))
        pos += len(s) + 1
    return Article(id="fx-parse", path="", raw=text, text=text, hash="", published=published, sentences=sents)


def events(nlp, *sentences: str, published: dt.date = SATURDAY):
    art = _article(list(sentences), published)
    return E.extract_events(art, docs=[nlp(s) for s in sentences])


def dated(nlp, *sentences: str, published: dt.date = SATURDAY) -> list[str]:
    return sorted(e.date for e in events(nlp, *sentences, published=published))


# -- what makes a candidate -------------------------------------------------

def test_a_verb_no_trigger_word_names_is_an_event_when_it_governs_a_date(nlp):
    evs = events(nlp, "The Philippines said on Sunday it recorded its second case of the new flu virus.",
                 published=dt.date(2009, 5, 24))
    assert [(e.date, "second case" in e.summary) for e in evs] == [("2009-05-24", True)]


def test_a_report_dated_by_its_verb_is_an_event(nlp):
    assert dated(nlp, "The contract could be worth $250m if conditions are met, the Wall Street "
                      "Journal reported on Monday.") == ["2012-03-05"]


def test_an_event_noun_with_its_own_date_is_an_event_whatever_its_verb(nlp):
    # "can be considered" is a modal state; the gathering is presupposed and dated
    assert dated(nlp, "Yesterday's gathering in Istanbul can be considered a starting point.") == ["2012-03-09"]
    assert dated(nlp, "Sony has sold 31 million albums since his death on 25 June, the report said.",
                 published=dt.date(2010, 3, 16)) == ["2009-06-25"]


def test_two_dated_happenings_of_one_sentence_are_two_events(nlp):
    evs = events(nlp, "In 2006 the CDC lodged a patent application for a new flu vaccine and filed it "
                      "with the World Intellectual Property Organisation in 2007.",
                 published=dt.date(2009, 5, 16))
    assert sorted(e.date for e in evs) == ["2006", "2007"]
    second = next(e for e in evs if e.date == "2007")
    assert second.title.startswith("The CDC filed it")  # the shared subject, its own clause


def test_a_relative_pronoun_in_a_second_happenings_title_is_replaced_by_its_noun(nlp):
    evs = events(nlp, "Troops who had arrived on Monday attacked Homs on Wednesday, activists said.")
    assert {e.date: e.title for e in evs}["2012-03-05"] == "Troops had arrived"


def test_a_subordinate_happening_gets_its_own_clause_as_title(nlp):
    evs = events(nlp, "At the Paris conference, opposition members pressed for a no-fly zone, similar to "
                      "that imposed on Libya last year, to protect civilians.")
    assert [(e.date, e.title) for e in evs] == [("2011", "A no-fly zone imposed on Libya")]
    evs = events(nlp, "Activists estimate more than 20,000 people have been killed since the uprising "
                      "against President Bashar al-Assad began in March 2011.")
    assert [(e.date, e.title) for e in evs] == [
        ("2011-03", "The uprising against President Bashar al-Assad began")]


# -- what the date must be ----------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "More than 7,000 people have been killed in the town since March.",
    "Troops shelled the town until Thursday.",
    "The army had surrounded the city by Friday.",
])
def test_a_date_that_is_a_spans_edge_dates_no_event(nlp, sentence):
    assert P.candidates(nlp(sentence), dates.tag(sentence, SATURDAY), SATURDAY) == []


def test_a_happening_inside_an_after_phrase_is_not_dated_for_the_clause_around_it(nlp):
    s = "Thailand strengthened its preparedness after a slow response to bird flu in 2003."
    assert P.candidates(nlp(s), dates.tag(s, SATURDAY), SATURDAY) == []


def test_a_wire_dateline_dates_no_event(nlp):
    s = "HONG KONG | Mon Apr 27, 2009 7:16 am EDT HONG KONG (Reuters) - Officials gathered in the city."
    tx = dates.tag(s, dt.date(2009, 4, 27))
    assert tx and P.dateline(s, tx[0])
    assert P.candidates(nlp(s), tx, dt.date(2009, 4, 27)) == []
    s = "Page last updated at 16:51 GMT, Tuesday, 19 January 2010 Aid worker Chris Webster arrived in Haiti."
    tx = dates.tag(s, dt.date(2010, 1, 19))
    assert tx and all(P.dateline(s, t) for t in tx)


def test_a_title_drops_the_possessive_of_the_date_it_removes():
    from generator.extract.events import make_title

    s = "As soon as last week's earthquake struck, aid agencies from the UK began deploying teams."
    tx = dates.tag(s, dt.date(2010, 1, 19))
    trig = E.find_triggers(s)[0][0]
    assert "'s" not in make_title(s, trig, tx, [trig])


def test_a_date_modifying_a_thing_does_not_date_the_clause(nlp):
    s = "The organisers of Sunday's awards in Los Angeles have pledged $100,000 to the fund."
    assert P.candidates(nlp(s), dates.tag(s, SATURDAY), SATURDAY) == []
    s = "It made the star one of the biggest-earning acts of last year."
    assert P.candidates(nlp(s), dates.tag(s, SATURDAY), SATURDAY) == []


def test_an_offset_from_another_happening_is_no_date(nlp):
    s = "On Friday, a week after rebels seized the town on 3 March, troops attacked Homs."
    assert sorted(c.timex.text for c in P.candidates(nlp(s), dates.tag(s, SATURDAY), SATURDAY)) == [
        "3 March", "Friday"]


def test_a_present_perfect_takes_no_finished_past_date(nlp):
    # the parse hangs "last June" on "has sold"; English would not
    s = "Sony has sold 31 million Jackson albums since his death last June."
    pub = dt.date(2010, 3, 16)
    assert [c.word for c in P.candidates(nlp(s), dates.tag(s, pub), pub)] in ([], ["death"])
    s = "Airlines have steadily boosted fares this year."
    assert [c.timex.value for c in P.candidates(nlp(s), dates.tag(s, pub), pub)] == ["2010"]


# -- what the predicate must be ------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "The council did not vote on Friday.",
    "Ministers never met on Thursday.",
])
def test_a_negated_predicate_is_no_event(nlp, sentence):
    assert P.candidates(nlp(sentence), dates.tag(sentence, SATURDAY), SATURDAY) == []


@pytest.mark.parametrize("sentence", [
    "The council could have voted on Friday.",
    "The envoy was supposed to visit on Thursday.",
    "If the army attacked on Friday, the truce is over.",
])
def test_a_modal_infinitive_or_hypothetical_predicate_is_no_event(nlp, sentence):
    assert P.candidates(nlp(sentence), dates.tag(sentence, SATURDAY), SATURDAY) == []


def test_a_state_is_no_event_unless_its_subject_is_a_happening(nlp):
    s = "He was a minister in 2007."
    assert P.candidates(nlp(s), dates.tag(s, SATURDAY), SATURDAY) == []
    s = "The vote in 2007 was close."
    assert [c.word for c in P.candidates(nlp(s), dates.tag(s, SATURDAY), SATURDAY)] == ["vote"]


def test_failing_to_do_something_is_no_event(nlp):
    s = "Negotiators failed on Friday to clinch a full deal."
    assert P.candidates(nlp(s), dates.tag(s, SATURDAY), SATURDAY) == []


def test_a_date_between_a_speech_verb_and_its_complement_dates_the_statement(nlp):
    s = "WHO chief Margaret Chan said on Friday the world had to be ready for a more severe flu."
    assert [(c.word, c.timex.value) for c in P.candidates(nlp(s), dates.tag(s, SATURDAY), SATURDAY)] == [
        ("said", "2012-03-09")]


def test_speech_verbs_are_lemmas_so_every_form_of_a_statement_is_one(nlp):
    """The speech verbs are the quote finder's lemmas but its acts: "told", "warned",
    "announced" are statements (strength 1), as "said" is; "fired" is an act, and so is a
    noun with a speech lemma ("remarks")."""
    from generator.extract.events import detect
    from generator.extract.quotes import lexicon

    assert P.SPEECH < lexicon().verbs and {"say", "tell", "warn", "announce"} <= P.SPEECH
    assert {"fire", "begin", "post"} <= lexicon().verbs - P.SPEECH
    for s, word in [("The minister told reporters on Friday the talks had failed.", "told"),
                    ("The WHO warned on Friday the virus could spread.", "warned"),
                    ("Hong Kong announced on Friday it had confirmed a case.", "announced")]:
        found = [c for c in P.candidates(nlp(s), dates.tag(s, SATURDAY), SATURDAY) if c.word == word]
        assert found and detect._candidate_trigger(found[0], []).kind == "say", (s, found)
    s = "Troops fired machineguns at the crowd on Friday."
    fired = [c for c in P.candidates(nlp(s), dates.tag(s, SATURDAY), SATURDAY) if c.word == "fired"]
    assert fired and detect._candidate_trigger(fired[0], []).kind == "act", fired
    noun = P.Candidate(0, 7, "remarks", "remark", True, dates.tag("on Friday", SATURDAY)[0])
    assert "remark" in P.SPEECH and detect._candidate_trigger(noun, []).kind == "act"


def test_a_date_parsed_under_a_purpose_clause_dates_the_verb_it_serves(nlp):
    s = "The government outlined measures it has taken to combat the outbreak earlier this week."
    assert [c.word for c in P.candidates(nlp(s), dates.tag(s, SATURDAY), SATURDAY)] == ["taken"]


def test_a_date_parsed_under_a_gerund_complement_dates_the_verb_it_completes(nlp):
    s = "Health officials predicted worsening outbreaks of the new flu on Thursday."
    assert [c.word for c in P.candidates(nlp(s), dates.tag(s, SATURDAY), SATURDAY)] == ["predicted"]


# -- one event per happening ----------------------------------------------------

def test_a_happening_repeated_at_a_coarser_grain_in_the_article_is_one_event(nlp):
    pub = dt.date(2010, 3, 16)
    assert dated(nlp, "Fans have mourned the singer since his death last June.",
                 "Sony has sold 31 million albums since his death on 25 June, the report said.",
                 published=pub) == ["2009-06-25"]


def test_a_happening_named_by_a_noun_and_a_verb_on_one_day_is_one_event(nlp):
    pub = dt.date(2009, 6, 15)
    evs = events(nlp, "The government said one of the patients in hospital has died today.",
                 "\u201cTragic though today's death is, most of those infected have mild symptoms,\u201d she said.",
                 published=pub)
    assert [(e.date, "died" in e.summary) for e in evs] == [("2009-06-15", True)]
    assert P.happening_key("death", True) == P.happening_key("die", False) == "die"


def test_one_date_per_predicate_the_finest(nlp):
    s = "Troops attacked Homs on Friday this month."
    assert [c.timex.value for c in P.candidates(nlp(s), dates.tag(s, SATURDAY), SATURDAY)] == ["2012-03-09"]


# -- the cues are data ----------------------------------------------------------

def test_the_cue_lists_are_read_from_the_data_file_and_a_missing_list_is_named(tmp_path, monkeypatch):
    cues = P.cues()
    assert "funeral" in cues.event_nouns and "since" in cues.span_edges and "will" in cues.irrealis
    bad = tmp_path / "event_cues.yaml"
    bad.write_text("event_nouns: [funeral]\n", encoding="utf-8")
    from generator.extract.events import lexicon as L

    monkeypatch.setattr(L, "DATA", bad)
    P.cues.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"event_cues\.yaml: missing list\(s\) states"):
            P.cues()
    finally:
        monkeypatch.undo()
        P.cues.cache_clear()


def test_the_trigger_lexicon_is_data_and_a_malformed_entry_is_named(tmp_path):
    from generator.extract.events import lexicon as L

    lexicon, nominal = L.load_triggers()
    assert lexicon == L.LEXICON and ("kill", 3) == lexicon[0][:2] and "summit" in nominal
    bad = tmp_path / "event_triggers.yaml"
    bad.write_text("triggers:\n  - kind: kill\n    strength: 5\n    forms: [killed]\nnominal: []\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"event_triggers\.yaml: trigger entry 1 .*strength \(1, 2 or 3\)"):
        L.load_triggers(bad)
    bad.write_text("triggers:\n  - kind: kill\n    strength: 3\n    forms: ['kill(ed']\nnominal: []\n",
                   encoding="utf-8")
    with pytest.raises(ValueError, match=r"entry 1 \(kill\): a form is not a regular expression"):
        L.load_triggers(bad)


def test_a_conjunct_with_its_own_auxiliary_does_not_inherit_a_modal(nlp):
    # parsed with "has died" as a conjunct of "can confirm"
    s = ("The Government said: \u201cWith regret, we can confirm that one of the patients who had been in "
         "hospital, and had been confirmed as suffering from the virus, has died today.")
    pub = dt.date(2009, 6, 15)
    assert [(c.word, c.timex.value) for c in P.candidates(nlp(s), dates.tag(s, pub), pub)] == [
        ("died", "2009-06-15")]


# -- the publication date, for an undated sentence ------------------------------

@pytest.mark.parametrize("sentence", [
    "Singer Madonna has donated $250,000 to a charity and has urged her fans to give.",
    "The virus has claimed its first victim in the UK, after a female patient died in a Scottish hospital.",
])
def test_an_undated_present_perfect_or_background_clause_does_not_take_the_publication_date(nlp, sentence):
    assert events(nlp, sentence) == []
    assert len(E.extract_events(_article([sentence]))) == 1  # without a parse the clause rules still date it


def test_an_undated_participle_lead_still_takes_the_publication_date(nlp):
    evs = events(nlp, "Approved by a 41-3 vote in the Human Rights Council, the resolution calls on Assad "
                      "to free prisoners.")
    assert [(e.date, e.resolution) for e in evs] == [(SATURDAY.isoformat(), "publication")]


def test_a_title_does_not_end_on_what_held_its_dates(nlp):
    s = "Officials said the protests in April and May turned violent."
    tx = dates.tag(s, SATURDAY)
    cands = P.candidates(nlp(s), tx, SATURDAY)
    assert cands and P.clause_title(nlp(s), cands[0], tx) in ("The protests", "The protests turned violent")


def test_a_promised_happening_is_not_an_event_even_in_the_past_tense(nlp):
    # "election" is a trigger; the promise's object has not happened (the parse's
    # prospective verbs), so neither the lexicon nor the parse dates it February
    assert dated(nlp, "President Assad has also promised a parliamentary election in February.",
                 published=dt.date(2011, 10, 8)) == []
    assert dated(nlp, "The opposition held a parliamentary election in February.",
                 published=dt.date(2011, 10, 8)) == ["2011-02"]


def test_a_date_that_modifies_a_thing_does_not_date_the_clause_trigger(nlp):
    assert dated(nlp, "The Arab League has suspended Syria and set a Saturday deadline for it to "
                      "comply with the peace plan.", published=dt.date(2011, 11, 18)) == []
    # after a preposition the date is the clause's, whatever noun the parse hangs it on
    assert dated(nlp, "Rights groups say on Friday security forces opened fire on a funeral "
                      "procession in the Damascus suburb.", published=dt.date(2011, 10, 8)) == ["2011-10-07"]


def test_a_time_of_day_that_names_no_day_dates_nothing(nlp):
    # the paper is of the next morning: "in the afternoon" is not the publication day's
    assert dated(nlp, "The head of the mission was inside the building, but the earthquake struck "
                      "around 5 o'clock in the afternoon.", published=dt.date(2010, 1, 13)) == []
    assert dated(nlp, "The earthquake struck on Tuesday afternoon.", published=dt.date(2010, 1, 13)) == [
        "2010-01-12"]
    assert dated(nlp, "The earthquake struck at 4:53 p.m. local time.", published=dt.date(2010, 1, 13)) == []
    # "this morning" names the day as "tonight" does
    assert dated(nlp, "The earthquake struck this morning.", published=dt.date(2010, 1, 13)) == ["2010-01-13"]


def test_a_count_as_of_a_day_is_a_state(nlp):
    assert dated(nlp, "With 264 cases as of Wednesday, and new cases cropping up around China, the "
                      "ministry's new plan seeks to address possible outbreaks.",
                 published=dt.date(2009, 6, 17)) == []


def test_a_when_clause_shares_its_heads_future(nlp):
    assert dated(nlp, "Ms Lee is expected to tell jurors about further exchanges with the singer when "
                      "she continues testifying on Tuesday.", published=dt.date(2011, 10, 24)) == []
    assert dated(nlp, "Ms Lee told jurors about further exchanges with the singer when she testified "
                      "on Tuesday.", published=dt.date(2011, 10, 24)) == ["2011-10-18"]


def test_a_forecast_happening_is_no_event(nlp):
    assert dated(nlp, "With yet another massive street protest predicted again Friday in Egypt, the "
                      "military seemed to have had enough, analysts said.", published=dt.date(2011, 2, 10)) == []


def test_an_infinitive_of_result_is_no_future_for_its_when_clause(nlp):
    assert dated(nlp, "Chaudhry was reinstated only to be sacked again when the former general declared "
                      "emergency rule in November 2007.", published=dt.date(2009, 3, 16)) == ["2007-11"]


def test_a_date_after_a_temporal_preposition_dates_the_clause_whatever_noun_it_modifies(nlp):
    assert dated(nlp, "Protests after Friday prayers in the eastern province of Hasakeh and in the town "
                      "of Qamishli.", published=dt.date(2012, 4, 6)) == ["2012-04-06"]


def test_days_after_a_happening_count_from_its_day_when_the_article_dated_it(nlp):
    seized = "Rebels seized the town of Homs on 3 March after heavy fighting."
    shelled = "Five days after the seizure, government troops shelled the town."
    scan = E.scan_article(_article([seized, shelled]), docs=[nlp(seized), nlp(shelled)])
    assert [(e.date, e.date_text) for e in scan.events if e.sources[0].sentence == 1] == [
        ("2012-03-08", "Five days after the seizure")]
    # a happening the article never dated: no date, not the publication day either
    marched = "Two days after the vote, protesters marched in the streets of Hama."
    scan = E.scan_article(_article([marched]), docs=[nlp(marched)])
    assert scan.events == [] and [h.reason for h in scan.held] == ["unresolved date"]


# -- batch 7's misses, on invented text ---------------------------------------------

def test_a_presence_at_a_named_place_on_a_day_is_a_happening(nlp):
    tuesday = dt.date(2013, 9, 17)
    assert dated(nlp, "The Jordanian foreign minister was in Baghdad on Tuesday to sign a trade accord .",
                 published=tuesday) == ["2013-09-17"]
    # a year's residence and an unnamed place stay states
    assert dated(nlp, "The foreign minister was in Baghdad in 2005 as a young diplomat .", published=tuesday) == []
    assert dated(nlp, "The foreign minister was in hospital on Monday with a fever .", published=tuesday) == []


def test_a_year_later_counts_from_the_year_the_sentence_before_named(nlp):
    evs = events(nlp, "The party won a 1998 local election in the north by a wide margin .",
                 "A year later its leaders were arrested by the army and jailed in the capital .",
                 published=dt.date(2013, 9, 17))
    assert [(e.date, e.sources[0].sentence) for e in evs if "arrested" in e.summary] == [("1999", 1)]


def test_over_the_weekend_in_a_past_clause_dates_the_week_of_that_weekend(nlp):
    monday = dt.date(2013, 9, 16)
    evs = events(nlp, "The prime minister told party members over the weekend that the budget would pass .",
                 published=monday)
    assert [(e.date, e.date_text) for e in evs] == [("2013-W37", "the weekend")]
    assert dated(nlp, "Farmers have protested over the past three weeks against the tax .", published=monday) == []


def test_two_statements_of_an_article_at_different_grains_are_two_events(nlp):
    thursday = dt.date(2013, 9, 19)
    evs = events(nlp, "The space agency said on Thursday it would cut 400 jobs at its plant in Ohio .",
                 "Officials said earlier this week they had decided to build a smaller rocket for the mission .",
                 published=thursday)
    assert sorted(e.date for e in evs) == ["2013-09-19", "2013-W38"]
    # one happening reported twice still keeps only its finest date
    evs = events(nlp, "The rebels seized the airport on Monday after a long siege .",
                 "They seized the airport this week with little resistance from the army .", published=thursday)
    assert [e.date for e in evs] == ["2013-09-16"]


def test_a_possessive_day_on_a_hyphenated_event_noun_dates_it(nlp):
    saturday = dt.date(2013, 9, 21)
    evs = events(nlp, "About 3,000 supporters packed the hall for Friday 's weigh-in while hundreds waited outside .",
                 published=saturday)
    assert [(e.date, "weigh-in" in e.summary) for e in evs] == [("2013-09-20", True)]
    # a possessive day on a thing is still the thing's ("Friday 's newspaper")
    assert dated(nlp, "Thousands of readers bought Friday 's newspaper at the kiosk near the station .",
                 published=saturday) == []


def test_the_place_words_are_data_and_a_bad_list_is_named(tmp_path):
    from generator.extract.events import places as PL

    words = PL.load_place_words()
    assert "outside" in words["prepositions"] and "city" in words["settlements"] and "Reuters" in words["not_places"]
    assert PL.find_place("Troops shelled the northern city of Hama on Friday.") == "Hama"
    bad = tmp_path / "event_cues.yaml"
    bad.write_text("places:\n  settlements: [city]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"event_cues\.yaml: places: missing list 'place_nouns'"):
        PL.load_place_words(bad)
    bad.write_text("places: [city]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"event_cues\.yaml: needs a 'places' mapping"):
        PL.load_place_words(bad)


def test_the_lexicons_word_lists_are_data_and_a_bad_entry_is_named(tmp_path):
    from generator.extract.events import lexicon as L

    lists = L.load_word_lists()
    assert "took" in lists["irregular_past"] and "so far" in lists["background"] and "unless" in lists["hedges"]
    assert L._HEDGE.search("It is not clear whether troops attacked.") and not L._background("Troops attacked.")
    bad = tmp_path / "event_triggers.yaml"
    bad.write_text("irregular_past: [took]\nbackground: [Already]\nhedges: [if]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"event_triggers\.yaml: list 'background': 'Already' is not lower-case"):
        L.load_word_lists(bad)
    bad.write_text("irregular_past: [took]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"event_triggers\.yaml: missing list 'background'"):
        L.load_word_lists(bad)
