"""Events: triggers, dates at their grain, titles, merging -- on real ingest output.

Fixtures in tests/fixtures/events/ are small articles written for these tests
(one with only explicit dates, one with only relative dates, two wires that
report the same battle); the seeds are the AP and BBC reports of 2012-07-06.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import ingest
from generator.extract import events as E
from generator.models import SLUG_RE, Event

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "events"
AP = "ap-2012-07-06-friends-of-syria"
BBC = "bbc-2012-07-06-powers-call-for-sanctions"


def _read(path: Path):
    articles, problems = ingest.read_articles(path)
    assert not [p for p in problems if p.severity == "error"], problems
    return {a.id: a for a in articles}


@pytest.fixture(scope="module")
def seeds():
    return _read(ROOT / "seeds")


@pytest.fixture(scope="module")
def seed_scans(seeds):
    return {aid: E.scan_article(a) for aid, a in seeds.items()}


def _by_sentence(events: list[Event], article: str, index: int) -> Event:
    found = [e for e in events if any(s.article == article and s.sentence == index for s in e.sources)]
    assert len(found) == 1, [e.title for e in events]
    return found[0]


def _sentence_index(article, needle: str) -> int:
    return next(s.index for s in article.sentences if needle in s.text)


# -- seeds --------------------------------------------------------------------


def test_khan_sheikhoun_reported_by_both_seeds_merges_into_one_event(seed_scans):
    merged = E.merge_events([e for s in seed_scans.values() for e in s.events])
    khan = [e for e in merged if "Khan Sheikhoun" in e.title]
    assert len(khan) == 1
    ev = khan[0]
    assert ev.date == "2012-07-06" and ev.grain == "day" and ev.end is None
    assert sorted({s.article for s in ev.sources}) == [AP, BBC]
    assert ev.sources == sorted(ev.sources, key=lambda s: (s.article, s.sentence))
    assert "25" in ev.title and "seized" in ev.title and len(ev.title) <= E.TITLE_MAX
    # The BBC sentence names its day ("on Friday"), the AP one relies on the
    # publication date: the better-dated report gives the merged record.
    assert ev.resolution == "relative" and ev.anchor == BBC
    assert ev.place == "Khan Sheikhoun"


def test_human_rights_council_resolution_voted_friday(seeds, seed_scans):
    ap = seeds[AP]
    i = _sentence_index(ap, "a resolution voted Friday")
    ev = _by_sentence(seed_scans[AP].events, AP, i)
    assert (ev.date, ev.resolution, ev.anchor, ev.date_text) == ("2012-07-06", "relative", AP, "Friday")
    assert ev.title.startswith("Resolution voted by the United Nations")
    assert "Friday" not in ev.title
    assert ev.summary == ap.sentences[i].text


def test_last_weekend_is_a_two_day_range(seeds, seed_scans):
    i = _sentence_index(seeds[AP], "just last weekend")
    ev = _by_sentence(seed_scans[AP].events, AP, i)
    assert (ev.date, ev.end, ev.resolution, ev.anchor) == ("2012-06-30", "2012-07-01", "relative", AP)
    assert ev.date_text == "last weekend"
    # The dated conjunct, not the background one ("have twice blocked"):
    assert ev.title == "Russia and China worked to water down Annan’s transition plan"


def test_last_week_keeps_week_grain(seeds, seed_scans):
    i = _sentence_index(seeds[AP], "unveiled by Annan last week")
    ev = _by_sentence(seed_scans[AP].events, AP, i)
    assert ev.date == "2012-W26" and ev.grain == "week" and ev.resolution == "relative"
    assert ev.title == "Transition plan unveiled by Annan"


def test_quotes_background_and_hedges_are_not_events(seeds, seed_scans):
    ap_ev = seed_scans[AP].events
    bbc = seeds[BBC]
    dated = {s.sentence for e in ap_ev + seed_scans[BBC].events for s in e.sources}
    # A quote that mentions defections is someone's words, not a report.
    assert _sentence_index(seeds[AP], "These defections send a message") not in {
        s.sentence for e in ap_ev for s in e.sources}
    # Background in the present: no date of its own, not the day's news.
    assert _sentence_index(bbc, "both hold vetoes") not in {
        s.sentence for e in seed_scans[BBC].events for s in e.sources}
    # "It is not clear whether ... has defected": held, not asserted.
    hedge = _sentence_index(bbc, "It is not clear whether")
    assert hedge not in {s.sentence for e in seed_scans[BBC].events for s in e.sources}
    assert any(h.sentence == hedge and h.reason == "future or hypothetical" for h in seed_scans[BBC].held)
    assert dated  # the seeds do yield events


def test_nominal_trigger_dated_by_its_own_timex(seeds, seed_scans):
    i = _sentence_index(seeds[BBC], "a meeting of world powers in Geneva last weekend")
    ev = _by_sentence(seed_scans[BBC].events, BBC, i)
    assert (ev.date, ev.end) == ("2012-06-30", "2012-07-01")
    assert ev.title == "Meeting of world powers in Geneva" and ev.place == "Geneva"


def test_seed_event_ids_unique_slugs_and_sorted(seed_scans):
    merged = E.merge_events([e for s in seed_scans.values() for e in s.events])
    ids = [e.id for e in merged]
    assert len(ids) == len(set(ids))
    assert all(re.match(SLUG_RE, i) for i in ids)
    assert [e.first_day for e in merged] == sorted(e.first_day for e in merged)
    for e in merged:
        Event.model_validate(e.model_dump())  # the YAML contract holds
        assert all(0 < len(e.title) <= E.TITLE_MAX for e in merged)
        assert e.sources and all(s.text for s in e.sources)


def test_merge_is_deterministic_whatever_the_input_order(seed_scans):
    events = [e for s in seed_scans.values() for e in s.events]
    a = [e.model_dump() for e in E.merge_events(events)]
    b = [e.model_dump() for e in E.merge_events(list(reversed(events)))]
    assert a == b


def test_actors_come_from_the_orchestrator(seeds):
    ap = seeds[AP]
    i = _sentence_index(ap, "The Kremlin rejected the anti-Assad call")
    evs = E.extract_events(ap, {i: ["kremlin", "gennady-gatilov", "kremlin"]})
    ev = _by_sentence(evs, AP, i)
    assert ev.actors == ["gennady-gatilov", "kremlin"]
    assert ev.title == "The Kremlin rejected the anti-Assad call"


# -- fixtures -----------------------------------------------------------------


def test_all_explicit_dates_keep_their_grain():
    art = _read(FIX / "explicit")["fx-explicit-qusair"]
    evs = E.extract_events(art)
    got = {(e.date, e.resolution, e.anchor) for e in evs}
    assert got == {("2013-05-12", "explicit", None), ("2013-05-15", "explicit", None),
                   ("2013-05-16", "explicit", None), ("2013-03", "explicit", None)}
    by_date = {e.date: e for e in evs}
    assert by_date["2013-05-12"].title == "Government troops shelled Qusair, killing at least 12 people"
    assert by_date["2013-05-12"].place == "Qusair"
    assert by_date["2013-03"].grain == "month" and by_date["2013-03"].place == "Raqqa"
    assert by_date["2013-05-16"].place == "Amman"
    assert "voted" in by_date["2013-05-15"].title
    # The background sentence about markets is not an event.
    assert not any("markets" in e.summary for e in evs)


def test_all_relative_dates_resolve_against_publication():
    scan = E.scan_article(_read(FIX / "relative")["fx-relative-aleppo"])
    by_date = {e.date: e for e in scan.events}
    assert set(by_date) == {"2013-06-11", "2013-W23", "2013-06-13"}
    assert all(e.resolution == "relative" and e.anchor == "fx-relative-aleppo" for e in scan.events)
    assert by_date["2013-06-11"].title == "Rebels captured an army base near Aleppo"
    assert by_date["2013-06-11"].place == "Aleppo"
    assert by_date["2013-06-13"].date_text == "yesterday"
    assert by_date["2013-W23"].title == "The European Union imposed new sanctions on three banks"
    # "will meet on Monday" is a plan, not a happening: held, not on the timeline.
    assert any("will meet" in h.text and h.reason == "future or hypothetical" for h in scan.held)
    assert not any("Istanbul" in e.summary for e in scan.events)
    # Analysis and background ("since it began") are not events.
    assert not any("Analysts" in e.summary or "since it began" in e.summary for e in scan.events)


def test_same_battle_in_two_wires_merges_other_events_stay_apart():
    arts = _read(FIX / "merge")
    events = [e for a in arts.values() for e in E.extract_events(a)]
    assert len(events) == 4
    merged = E.merge_events(events)
    assert len(merged) == 3
    battle = next(e for e in merged if "Tartous" in e.title)
    assert battle.date == "2014-02-07"
    assert [(s.article, s.sentence) for s in battle.sources] == [("fx-merge-wire-a", 0), ("fx-merge-wire-b", 0)]
    assert battle.resolution == "relative"  # "on Friday" beats the publication date
    assert battle.confidence > max(e.confidence for e in events if "Tartous" in e.title) - 1e-9
    league = next(e for e in merged if "Arab League" in e.title)
    bomb = next(e for e in merged if "roadside bomb" in e.title)
    assert len(league.sources) == 1 and len(bomb.sources) == 1
    assert bomb.place == "Deraa" and bomb.resolution == "publication"


def test_ids_get_suffixes_on_collision():
    arts = _read(FIX / "merge")
    ev = E.extract_events(arts["fx-merge-wire-a"])[0]
    twin = ev.model_copy(deep=True)
    twin.summary = "Entirely different words about something else happening elsewhere today."
    twin.place = "Elsewhere"
    twin.sources = [twin.sources[0].model_copy(update={"article": "zz-other"})]
    merged = E.merge_events([ev, twin])
    assert sorted(e.id for e in merged) == [ev.id, ev.id + "-2"]


# -- title rules ----------------------------------------------------------------


@pytest.mark.parametrize("sentence, expected", [
    ("Activists said that at least 30 people were killed on Sunday when troops stormed "
     "the southern town of Daraa.",
     "Troops stormed Daraa; at least 30 people killed"),
    ("HOMS, Syria (Reuters) - Syrian tanks shelled the Baba Amr district on Monday, "
     "residents said.", "Syrian tanks shelled the Baba Amr district"),
    ("On Tuesday, the Arab League suspended Syria's membership.",
     "The Arab League suspended Syria's membership"),
])
def test_titles_strip_attribution_dateline_and_dates(sentence, expected):
    import datetime as dt
    from generator.extract import dates
    from generator.models import Article, Sentence

    art = Article(id="fx-title", path="", raw=sentence, text=sentence, hash="",
                  published=dt.date(2012, 3, 1), sentences=[Sentence(0, sentence, 0, len(sentence))])
    evs = E.extract_events(art)
    assert [e.title for e in evs] == [expected]
    assert evs[0].date_text == dates.tag(sentence, art.published)[-1].text


def test_long_titles_are_cut_cleanly():
    text = ("Government forces bombarded rebel positions in the old city of Homs with heavy artillery, "
            "tanks and helicopter gunships throughout the day while residents fled toward the Lebanese border.")
    trig = E.find_triggers(text)[0][0]
    title = E.make_title(text, trig, [])
    assert len(title) <= E.TITLE_MAX
    assert not re.search(r"\b(?:and|the|of|with|while)$", title)
    assert title.startswith("Government forces bombarded rebel positions in the old city of Homs")


def _one_sentence(sentence: str, published=None):
    import datetime as dt
    from generator.models import Article, Sentence

    return Article(id="fx-one", path="", raw=sentence, text=sentence, hash="",
                   published=published or dt.date(2012, 2, 1),
                   sentences=[Sentence(0, sentence, 0, len(sentence))])


def test_since_and_until_dates_do_not_date_the_event():
    # A running toll is not an event of the month the uprising began.
    scan = E.scan_article(_one_sentence(
        "More than 7,000 people have been killed since the uprising began in March."))
    assert scan.events == []


def test_mid_month_is_removed_from_the_title_whole():
    evs = E.extract_events(_one_sentence(
        "The protests erupted in mid-March in the southern city of Deraa."))
    assert [(e.date, e.title, e.place) for e in evs] == [
        ("2011-03", "The protests erupted in Deraa", "Deraa")]  # nearest past March


def test_short_nominal_title_gets_its_place():
    evs = E.extract_events(_one_sentence(
        "Residents of Taldou village in the Houla region say that after an anti-government "
        "protest on 25 May, the army began an 18-hour bombardment.", dt_(2012, 5, 28)))
    assert [(e.date, e.title) for e in evs] == [("2012-05-25", "Anti-government protest in Houla")]


def dt_(y, m, d):
    import datetime as dt
    return dt.date(y, m, d)


CORPUS = ROOT.parent / "shared" / "corpora" / "t17-syria"


@pytest.mark.skipif(not CORPUS.exists(), reason="t17-syria corpus not available")
def test_t17_corpus_events_are_valid_unique_and_order_independent():
    import random

    from generator.extract import relevance

    articles, _ = ingest.read_articles(CORPUS / "articles.jsonl")
    verdicts = relevance.assess_all(articles)
    events = [e for a in articles if verdicts[a.id][0] for e in E.extract_events(a)]
    assert len(events) > 1300  # measured: 1,430 on 447 relevant articles (undated ones only in the lead)
    merged = E.merge_events(events)
    shuffled = events[:]
    random.Random(7).shuffle(shuffled)
    assert [e.model_dump() for e in E.merge_events(shuffled)] == [e.model_dump() for e in merged]
    assert len({e.id for e in merged}) == len(merged)
    assert all(len(e.title) <= E.TITLE_MAX for e in merged)
    assert not [e.title for e in merged if e.title[0].islower()]
    # Relative dates always say which article anchored them.
    assert all(e.anchor for e in merged if e.resolution in ("relative", "publication"))
    # The gold timeline's bloodiest day of April 2011 is on our timeline.
    assert any(e.date == "2011-04-22" and "killed" in e.summary for e in merged)


@pytest.mark.parametrize("sentence, published, expected", [
    ("The Baath Party, which seized power nearly 50 years ago, has governed under emergency laws.",
     (2011, 3, 28), ("1961", "The Baath Party seized power")),
    ("Manaf Tlas, who defected on Thursday, is the son of a former defence minister.",
     (2012, 7, 7), ("2012-07-05", "Manaf Tlas defected")),
    ("Israel still holds the Golan Heights, which it captured in 1967.",
     (2012, 7, 7), ("1967", "Israel still holds the Golan Heights, which it captured")),
])
def test_dated_relative_clauses(sentence, published, expected):
    evs = E.extract_events(_one_sentence(sentence, dt_(*published)))
    assert [(e.date, e.title) for e in evs] == [expected]


def test_leading_participle_clause_with_its_own_date():
    evs = E.extract_events(_one_sentence(
        "Approved on Friday by a 41-3 vote in the Human Rights Council, the resolution also "
        "calls on Assad to free prisoners.", dt_(2012, 7, 7)))
    assert [(e.date, e.resolution, e.title) for e in evs] == [
        ("2012-07-06", "relative", "Resolution approved by a 41-3 vote in the Human Rights Council")]


def test_a_number_word_with_a_letter_that_folds_to_ascii_compares_like_plain_text():
    """re.I matches "\u017fix" (long s) as "six"; lower() keeps the long s, so
    the number lookup must not fail on it (it raised KeyError)."""
    from generator.extract.events.merge import _stems

    plain = _stems("Troops killed six people in Homs.", "Homs")
    assert "6" in plain
    assert _stems("Troops killed \u017fix people in Homs.", "Homs") == plain


@pytest.mark.parametrize("sentence,title_word,date", [
    ("In the town that rebels seized on 3 March, troops killed 20 people on Friday.", "killed", "2012-03-09"),
    ("Troops who had arrived on Monday attacked Homs on Wednesday, activists said.", "attacked", "2012-03-07"),
    ("On Friday, a week after rebels seized the town on 3 March, troops attacked Homs.", "attacked", "2012-03-09"),
])
def test_the_parse_dates_an_event_by_the_expression_its_predicate_governs(sentence, title_word, date):
    """With the trained pipeline's parse, the main clause's predicate and the date it
    governs date the event, not the first date or the nearest trigger (the other date's
    happening, "rebels seized [the town] on 3 March", is an event of its own); without a
    parse the rules still date it."""
    import datetime as dt

    from generator.extract import model

    nlp = model.load("")
    art = _one_sentence(sentence, dt.date(2012, 3, 10))
    parsed = E.extract_events(art, docs=[nlp(sentence)])
    assert [e.date for e in parsed if title_word in e.title.lower()] == [date], [(e.date, e.title) for e in parsed]
    assert len(E.extract_events(art)) == 1  # rules alone: an event all the same


@pytest.mark.parametrize("sentence, date", [
    ("The 7.0-magnitude quake hit the Caribbean island on Tuesday.", "2010-01-12"),
    ("A rescue team landed in the Dominican Republic on Thursday morning.", "2010-01-14"),
    ("Jean, 37, was made a roving ambassador for Haiti in 2007.", "2007"),
    ("The singer was born in Haiti in 1972 but moved to New York.", "1972"),
    ("Earlier this week, King Abdullah promised a national dialogue on reform.", "2010-W02"),
])
def test_disasters_arrivals_appointments_births_and_promises_are_dated_events(sentence, date):
    import datetime as dt

    evs = E.extract_events(_one_sentence(sentence, dt.date(2010, 1, 14)))
    assert [e.date for e in evs] == [date], [(e.date, e.title) for e in evs]


def _sentences(*texts: str, published):
    from generator.models import Article, Sentence

    sents, pos = [], 0
    for i, t in enumerate(texts):
        sents.append(Sentence(i, t, pos, pos + len(t)))
        pos += len(t) + 1
    text = " ".join(texts)
    return Article(id="fx-lead", path="", raw=text, text=text, hash="", published=published, sentences=sents)


def test_an_undated_report_takes_the_publication_day_only_in_the_lead_or_after_that_day():
    import datetime as dt

    friday = dt.date(2012, 7, 6)
    filler = [f"Diplomats in the capital discussed plan number {n} at length without result." for n in range(6)]
    killed = "At least 25 people were killed by Syrian forces in the northern city."
    lead = E.extract_events(_sentences(killed, *filler, published=friday))
    assert [(e.date, e.resolution) for e in lead] == [("2012-07-06", "publication")]
    # the same sentence deep in the article is as likely background: no date, no event
    deep = E.scan_article(_sentences(*filler, killed, published=friday))
    assert deep.events == [] and [(h.sentence, h.reason) for h in deep.held] == [
        (6, "no date of its own, outside the lead")]  # kept for an editor to date
    # ... unless the sentence before it names the publication day
    after = E.extract_events(_sentences(*filler, "There was no letup in violence on Friday.", killed,
                                        published=friday))
    assert [(e.date, e.sources[0].sentence) for e in after] == [("2012-07-06", 7)]


def test_on_the_same_day_is_the_day_an_earlier_sentence_named():
    import datetime as dt

    filler = [f"Diplomats in the capital discussed plan number {n} at length without result." for n in range(5)]
    art = _sentences(*filler, "The measures were agreed at a meeting in Brussels on Monday, a day after Crimeans voted.",
                     "Washington announced its own sanctions against seven Russian officials on the same day.",
                     published=dt.date(2014, 3, 18))
    same = [e for e in E.extract_events(art) if e.sources[0].sentence == 6]
    assert [(e.date, e.date_text, e.resolution) for e in same] == [("2014-03-17", "the same day", "relative")]


def test_after_the_happening_the_lead_named_is_the_days_news(seeds, seed_scans):
    import datetime as dt

    # the BBC seed: "More than 100 countries meeting in Paris ..." (lead) ... "After the meeting,
    # the 107 countries involved issued a communique"
    i = _sentence_index(seeds[BBC], "After the meeting")
    assert _by_sentence(seed_scans[BBC].events, BBC, i).date == "2012-07-06"
    friday = dt.date(2012, 7, 6)
    filler = ["Officials spoke about the economy in the capital.", "The weather was mild across the region.",
              "Prices of bread were discussed by traders.", "Several roads were closed for repairs."]
    unnamed = _sentences("Ministers gathered in Paris to discuss sanctions on Syria.", *filler,
                         "After the vote, the delegates issued a statement urging new sanctions.", published=friday)
    scan = E.scan_article(unnamed)
    assert 5 not in {s.sentence for e in scan.events for s in e.sources}  # the lead named no vote
    assert any(h.sentence == 5 for h in scan.held)


def test_that_year_is_the_year_an_earlier_sentence_named():
    import datetime as dt

    filler = [f"Diplomats in the capital discussed plan number {n} at length without result." for n in range(5)]
    art = _sentences(*filler, "The uprising against the government began in March 2011 in the south.",
                     "Thousands of protesters were killed that year in the crackdown.",
                     published=dt.date(2014, 3, 18))
    that = [e for e in E.extract_events(art) if e.sources[0].sentence == 6]
    assert [(e.date, e.date_text) for e in that] == [("2011", "that year")]

