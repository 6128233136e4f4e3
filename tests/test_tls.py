"""Timeline summarization on articles of our own, plus a corpus regression guard."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from generator import tls
from generator.models import Article, Sentence

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "t17-syria"


BACKGROUND = (
    "Varna is the largest port on the coast of the province and its harbour handles most of the grain exports of the region.",
    "The province has a population of about two million people and its governor is appointed by the central government in the capital.",
)


def article(aid: str, published: dt.date | None, *sentences: str) -> Article:
    """A real Article record, the way ingest builds one (plain text, offsets).

    Every article ends with the same two background sentences: real articles
    are longer than their news lines, and text repeated across articles is
    page furniture that the summarizer must ignore.
    """
    sentences = sentences + BACKGROUND
    sents, pos = [], 0
    for i, text in enumerate(sentences):
        sents.append(Sentence(i, text, pos, pos + len(text)))
        pos += len(text) + 1
    raw = "\n".join(sentences)
    return Article(id=aid, path=f"{aid}.txt", raw=raw, text=raw, hash=aid,
                   published=published, sentences=sents)


D = dt.date
ARTICLES = [
    article("a1-shelling", D(2013, 3, 4),  # a Monday
            "Troops shelled the port city of Varna on Sunday, killing 40 people, activists said.",
            "The government blamed armed gangs for the violence in the port."),
    article("a2-aftermath", D(2013, 3, 10),
            "The shelling of Varna on 3 March killed 40 civilians and destroyed the harbour.",
            "Aid agencies asked for access to the wounded in Varna hospitals."),
    article("a3-vote", D(2013, 3, 15),  # a Friday
            "Parliament voted on Tuesday to suspend the governor of Varna over the shelling.",
            "The governor had ruled the province for a decade."),
    article("a4-review", D(2013, 3, 20),
            "Since the 3 March shelling of Varna, the port has been closed to ships.",
            "On 12 March parliament voted to suspend the governor of Varna.",
            "Views expressed in the comments do not represent those of the publisher."),
    article("a5-talks", D(2013, 3, 25),
            "Talks between the government and the Varna council were held on 18 March in Geneva.",
            "The envoy will visit Varna on 2 April to meet the council.",
            "Views expressed in the comments do not represent those of the publisher."),
    article("a6-other", D(2013, 3, 26),
            "Views expressed in the comments do not represent those of the publisher.",
            "Fishermen in Varna said catches were down after the shelling on 3 March."),
]


def test_top_dates_are_the_most_referred_to_days():
    ranked = tls.rank_dates(tls._candidates(ARTICLES, None, None))
    assert [d for d, _ in ranked[:3]] == [D(2013, 3, 3), D(2013, 3, 12), D(2013, 3, 18)]
    # a planned visit (after publication) is not an event
    assert D(2013, 4, 2) not in dict(ranked)


def test_a_plan_counts_a_little_once_its_day_has_come_and_not_while_ahead():
    from generator.keyevents import W_BEFORE, W_SAME_DAY, reference_weight

    assert 0 < W_BEFORE <= W_SAME_DAY
    planned, written = D(2013, 4, 2), D(2013, 3, 25)
    # still ahead of the newest source: a plan, not an event
    assert reference_weight(planned, planned, written, horizon=D(2013, 3, 26)) == 0
    assert reference_weight(planned, planned, written) == 0  # no horizon known
    # the day has come by the newest source: announced beforehand, it happened
    assert reference_weight(planned, planned, written, horizon=D(2013, 4, 5)) == W_BEFORE
    # a visit announced twice beforehand and reported once on its day outranks a
    # day reported once on the day with no announcement (the newest article is
    # a week later, so neither day is near the horizon)
    later = ARTICLES + [
        article("a7-visit", D(2013, 4, 2), "The envoy arrived in Varna on Tuesday and met the council leaders."),
        article("a8-strike", D(2013, 3, 29), "Dock workers in Varna went on strike on Friday over unpaid wages."),
        article("a9-preview", D(2013, 3, 27), "The envoy is due to visit Varna on 2 April, officials said."),
        article("a10-harbour", D(2013, 4, 9), "The harbour of Varna reopened to grain ships after repairs to the quay."),
    ]
    scores = dict(tls.rank_dates(tls._candidates(later, None, None)))
    assert scores[D(2013, 4, 2)] > scores[D(2013, 3, 29)] > 0


def test_the_engine_takes_other_weights_only_when_given_them():
    """The shipped ranking is the default; another weight set (to measure
    how the choice generalises) changes the order the way its weights say."""
    from generator.keyevents import WEIGHTS, Weights

    cands = tls._candidates(ARTICLES, None, None)
    assert tls.rank_dates(cands) == tls.rank_dates(cands, weights=WEIGHTS)
    # every reference counting 1 is DATEWISE's plain mention count: 3 March is
    # named four times (one of them the next day, which the shipped engine
    # counts W_NEXT_DAY), 12 March twice (both later)
    flat = Weights(same_day=1.0, next_day=1.0, before=1.0, horizon_days=0)
    shipped, even = dict(tls.rank_dates(cands)), dict(tls.rank_dates(cands, weights=flat))
    assert even[D(2013, 3, 3)] == pytest.approx(4.0) and even[D(2013, 3, 12)] == pytest.approx(2.0)
    assert shipped[D(2013, 3, 3)] == pytest.approx(3.0 + WEIGHTS.next_day)
    assert shipped[D(2013, 3, 12)] == pytest.approx(2.0)
    with pytest.raises(ValueError, match="same_day"):
        Weights(same_day=-0.1)
    with pytest.raises(ValueError, match="horizon_days"):
        Weights(horizon_days=-1)


def test_summarize_picks_dated_sentences_for_each_top_day():
    timeline = tls.summarize(ARTICLES, k=2, n=1)
    assert [d for d, _ in timeline] == [D(2013, 3, 3), D(2013, 3, 12)]
    first, second = timeline[0][1][0], timeline[1][1][0]
    assert (first.article, first.sentence) == ("a2-aftermath", 0)
    assert "3 March" in first.text and first.date == D(2013, 3, 3)
    assert (second.article, second.sentence) == ("a4-review", 1)


def test_n_sentences_without_duplicates_and_no_boilerplate():
    timeline = tls.summarize(ARTICLES, k=3, n=3)
    texts = [s.text for _, sents in timeline for s in sents]
    assert len(texts) == len(set(texts))
    assert not any("Views expressed" in t for t in texts)
    day3 = dict(timeline)[D(2013, 3, 3)]
    assert 2 <= len(day3) <= 3 and all(s.date == D(2013, 3, 3) for s in day3)


def test_off_topic_articles_count_but_are_never_quoted():
    football = article(
        "z-football", D(2013, 3, 9),
        "Dynamo won the cup final against United on 3 March 2013 in front of a crowd of 40,000 fans.",
        "The striker scored twice in the second half and the coach praised the defence after the match.",
        "The club will now play in the continental championship next season with a bigger squad.",
    )
    corpus = ARTICLES + [football]
    timeline = tls.summarize(corpus, k=2, n=3)
    assert [d for d, _ in timeline] == [D(2013, 3, 3), D(2013, 3, 12)]
    assert all(s.article != "z-football" for _, ss in timeline for s in ss)


def test_photo_caption_dates_are_not_hindsight_and_never_quoted():
    # a file photo of a summit, reused in three later stories: its date is
    # the day the picture was taken, not a day the stories refer back to
    caption = "The prime minister speaks at the summit of regional leaders in {} February 20, 2013."
    photos = [
        article(f"p{i}-photo", D(2013, 3, 21 + i), caption.format(city),
                f"The governor of Varna met aid agencies about the port for the {i + 1}th time.")
        for i, city in enumerate(("Varna", "the capital", "Geneva"))
    ]
    caption = caption.format("Varna")
    assert tls.is_photo_caption(caption)
    assert not tls.is_photo_caption("The shelling of Varna on 3 March killed 40 civilians.")
    ranked = dict(tls.rank_dates(tls._candidates(ARTICLES + photos, None, None)))
    # three full-hindsight references would tie with 3 March; as captions they weigh little
    assert ranked[D(2013, 2, 20)] < ranked[D(2013, 3, 12)] < ranked[D(2013, 3, 3)]
    timeline = tls.summarize(ARTICLES + photos, k=10, n=2)
    assert all(not tls.is_photo_caption(s.text) for _, ss in timeline for s in ss)


def test_window_restricts_articles_and_days():
    timeline = tls.summarize(ARTICLES, k=5, n=1, start=D(2013, 3, 11), end=D(2013, 3, 22))
    # 12 March, the one day named inside the window; then, to come closer to the K asked
    # for, the days articles were published on inside it, told by their leads
    assert [d for d, _ in timeline] == [D(2013, 3, 12), D(2013, 3, 15), D(2013, 3, 20)]
    assert all(s.article in {"a3-vote", "a4-review"} for _, ss in timeline for s in ss)
    assert [(s.article, s.sentence) for s in dict(timeline)[D(2013, 3, 15)]] == [("a3-vote", 0)]


def test_k_dates_come_back_whenever_the_period_has_k():
    """Days with no summary-worthy sentence still fill K before publication days do."""
    for k in range(1, 6):
        timeline = tls.summarize(ARTICLES, k=k, n=1)
        assert len(timeline) == k, k
        assert all(ss for _, ss in timeline)


def test_deterministic_and_independent_of_input_order():
    a = tls.summarize(ARTICLES, k=3, n=2)
    b = tls.summarize(list(reversed(ARTICLES)), k=3, n=2)
    assert a == b
    assert tls.format_tilse(a) == tls.format_tilse(b)


def test_articles_without_publication_date_count_explicit_dates_only():
    undated = [
        article("u1", None, "The shelling of Varna on 3 March 2013 killed 40 civilians in the port.",
                "Parliament met on Tuesday to discuss the shelling of Varna."),
        article("u2", None, "Relatives buried the 40 victims of the 3 March 2013 shelling of Varna."),
    ]
    timeline = tls.summarize(undated, k=3, n=1)
    assert [d for d, _ in timeline] == [D(2013, 3, 3)]  # "on Tuesday" cannot be resolved


def test_empty_inputs():
    assert tls.summarize([], k=3, n=1) == []
    assert tls.summarize(ARTICLES, k=0, n=1) == []
    assert tls.format_tilse([]) == ""


def test_format_tilse_parses_back_with_tilse(tmp_path):
    tilse_timelines = pytest.importorskip("tilse.data.timelines")
    timeline = tls.summarize(ARTICLES, k=3, n=2)
    text = tls.format_tilse(timeline)
    lines = text.splitlines()
    assert lines[0] == "2013-03-03" and lines[-1] == "-" * 32
    path = tmp_path / "tl.txt"
    path.write_text(text, encoding="utf-8")
    with open(path, encoding="utf-8") as fh:
        parsed = tilse_timelines.Timeline.from_file(fh)
    assert sorted(parsed.get_dates()) == [d for d, _ in timeline]
    for d, sents in timeline:
        assert parsed[d] == [s.text for s in sents]


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_tls", ROOT / "scripts" / "eval_tls.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.exists(), reason="Timeline17 Syria corpus not present")
def test_date_f1_on_timeline17_does_not_regress():
    pytest.importorskip("tilse")
    ev = _eval_module()
    articles = ev.load_t17(CORPUS)
    result = ev.evaluate(articles, CORPUS / "timelines" / "tl1.txt")
    # measured 0.385 (5 of 13 dates); the floor allows one date less.  AR-1 measured 0.088
    # since sentences are chosen for the whole corpus' topic rather than for naming their
    # date (mean AR-1 over the ten dev timelines 0.130 -> 0.141, this one 0.142 -> 0.088),
    # 0.078 since a sentence that does not read alone (a pronoun or a quotation first) is
    # passed over when the day has another (this timeline's entries lost words shared with
    # the gold; the ten timelines' mean went up, see guide/docs/quality/dates.md)
    assert result["date_f1"] >= 0.30, result["date_f1"]
    assert result["r1"] >= 0.07, result["r1"]
    # tl2.1: measured 0.438 (14 of 32) since photo captions stopped counting
    # as hindsight; the floor allows one date less (0.406)
    result = ev.evaluate(articles, CORPUS / "timelines" / "tl2.1.txt")
    assert result["date_f1"] >= 0.40, result["date_f1"]
    assert result["r1"] >= 0.07, result["r1"]


def test_live_blog_stamps_and_picture_credits_are_page_furniture():
    assert tls.strip_dateline("(Update 3:28 a.m. Thursday in Cairo, 8:28 p.m. ET Wednesday) "
                              "Troops entered the square.") == "Troops entered the square."
    assert tls.strip_dateline("(Updated 5:45 p.m. (0045 in Egypt)) Protesters gathered.") == "Protesters gathered."
    assert tls.strip_dateline("Photograph: AP Nine new cases were confirmed.") == "Nine new cases were confirmed."
    assert tls.strip_dateline("Nine new cases were confirmed (Update expected).") == "Nine new cases were confirmed (Update expected)."


@pytest.mark.parametrize("text, alone", [
    ("Parliament voted on Tuesday to suspend the governor of Varna.", True),
    ("At 10:30 the army entered the port, killing 40 people.", True),
    ("Civilians died after the ceasefire at 06:00 (03:00 GMT), activists said.", True),
    ("He said there are now 91 confirmed cases in 10 states.", False),
    ("But the governor refused to resign on Tuesday.", False),
    ("\u201cIt is not about me,\u201d the governor said on Tuesday.", False),
    ("Swine flu: how the latest strain spread around the world The WHO met today.", False),
    ("29 September 2011 Last updated at 04:16 GMT Help A key aide told the trial.", False),
])
def test_a_timeline_entry_reads_alone(text, alone):
    assert tls.reads_alone(text) is alone


def test_sentences_that_read_alone_are_preferred_for_a_day():
    arts = [
        article("r1", D(2013, 3, 10), "He said the shelling of Varna on 3 March killed 40 civilians in the port."),
        article("r2", D(2013, 3, 11), "Troops shelled Varna on 3 March, killing 40 civilians in the port."),
    ]
    timeline = tls.summarize(arts, k=1, n=1)
    assert [(s.article, s.sentence) for _, ss in timeline for s in ss] == [("r2", 0)]
    # alone, the pronoun sentence is still better than no entry for the day
    assert [s.article for _, ss in tls.summarize(arts[:1], k=1, n=1) for s in ss] == ["r1"]


@pytest.mark.parametrize("text, named", [
    ("Page last updated at 15:47 GMT, Wednesday, 6 March 2013 Troops left Varna.", False),
    ("Anna Petrova | 10:57 UK time, Wednesday, 6 March 2013 Troops left Varna.", False),
    ("First broadcast 6 March 2013 Troops left Varna.", False),
    ("6 March 2013 Last updated at 11:01 GMT Help Troops left Varna.", False),
    ("6th March 2013 - 17:42 This comment was removed by the moderators.", False),
    ("Troops left Varna on 6 March 2013, residents said.", True),
    ("The port rules were updated on Wednesday.", True),
    ("Troops left Varna at 10 p.m. Wednesday.", True),
])
def test_a_page_stamp_is_no_reference_to_its_day(text, named):
    from generator.extract.dates import tag

    days = tls._days_of(text, tag(text, D(2013, 3, 7)))[0]
    assert (D(2013, 3, 6) in days) is named, days


def test_page_stamps_do_not_make_a_key_day():
    arts = [article(f"s{i}", D(2013, 3, 20),
                    f"Page last updated at 1{i}:00 GMT, Wednesday, 20 March 2013 Aid reached the port number {i}.",
                    f"Troops shelled Varna on 3 March, killing {40 + i} people, the governor said.")
            for i in range(3)]
    assert [d for d, _ in tls.rank_dates(tls.prepare(arts).candidates)] == [D(2013, 3, 3)]


def test_a_clock_time_before_a_day_that_is_not_written_out_is_no_stamp():
    from generator.extract.dates import tag

    text = "The square emptied at the beginning of curfew around 4:00 this afternoon."
    assert tls._days_of(text, tag(text, D(2013, 3, 6)))[0] == (D(2013, 3, 6),)
