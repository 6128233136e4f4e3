"""The temporal tagger: specific expressions, resolved against a fixed date."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.extract.dates import Timex, reports_on_publication_day, tag

FRI = dt.date(2012, 7, 6)  # a Friday


def one(text: str, published: dt.date | None = FRI) -> Timex:
    found = tag(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, value, grain", [
    ("Troops attacked on Friday.", "2012-07-06", "day"),
    ("It happened on Tuesday.", "2012-07-03", "day"),
    ("Rebels struck Saturday night.", "2012-06-30", "day"),
    ("Talks collapsed last week.", "2012-W26", "week"),
    ("The vote is this week.", "2012-W27", "week"),
    ("Envoys meet next week.", "2012-W28", "week"),
    ("Clashes erupted earlier this month.", "2012-07", "month"),
    ("Prices rose last month.", "2012-06", "month"),
    ("It began last year.", "2011", "year"),
    ("It was decided this year.", "2012", "year"),
    ("Shelling resumed on 30 June.", "2012-06-30", "day"),
    ("Shelling resumed June 30.", "2012-06-30", "day"),
    ("They will meet next Monday.", "2012-07-09", "day"),
    ("The ministers will meet on Monday.", "2012-07-09", "day"),
    ("He spoke last Friday.", "2012-06-29", "day"),
    ("Yesterday the army withdrew.", "2012-07-05", "day"),
    ("The vote is tomorrow.", "2012-07-07", "day"),
    ("Rallies are planned tonight.", "2012-07-06", "day"),
    ("He arrived this morning.", "2012-07-06", "day"),
    ("They fled three days ago.", "2012-07-03", "day"),
    ("It started a week ago.", "2012-W26", "week"),
    ("It started two months ago.", "2012-05", "month"),
    ("It ended five years ago.", "2007", "year"),
    ("Protests began in March.", "2012-03", "month"),
    ("Protests will resume in September.", "2012-09", "month"),
])
def test_relative_expressions_resolve_against_publication(text, value, grain):
    t = one(text)
    assert (t.value, t.grain, t.resolution) == (value, grain, "relative")
    assert text[t.start:t.end] == t.text


@pytest.mark.parametrize("text, value, grain", [
    ("It was signed on July 6, 2012 in Geneva.", "2012-07-06", "day"),
    ("It was signed on 6 July 2012 in Geneva.", "2012-07-06", "day"),
    ("Signed 2012-07-06.", "2012-07-06", "day"),
    ("DAMASCUS | Tue Mar 15 , 2011 1:48 pm GMT", "2011-03-15", "day"),
    ("on Friday 6 July 2012", "2012-07-06", "day"),
    ("Elections were held in May 2011 .", "2011-05", "month"),
    ("in 2011", "2011", "year"),
    ("He has ruled since 1970.", "1970", "year"),
    ("Sept. 11, 2001", "2001-09-11", "day"),
])
def test_explicit_dates(text, value, grain):
    t = one(text)
    assert (t.value, t.grain, t.resolution) == (value, grain, "explicit")


def test_weekday_equal_to_published_weekday_is_the_published_day():
    assert one("Troops attacked on Friday.").value == FRI.isoformat()


def test_last_weekend_is_a_two_day_range():
    t = one("Fighting raged last weekend.")
    assert (t.value, t.end_value, t.grain) == ("2012-06-30", "2012-07-01", "day")
    sunday = one("Fighting raged last weekend.", dt.date(2012, 7, 8))
    assert (sunday.value, sunday.end_value) == ("2012-06-30", "2012-07-01")
    monday = one("Fighting raged last weekend.", dt.date(2012, 7, 9))
    assert (monday.value, monday.end_value) == ("2012-07-07", "2012-07-08")


def test_the_weekend_in_a_past_clause_is_the_week_of_the_weekend_just_past():
    monday = dt.date(2012, 7, 9)
    t = one("The minister warned rebels over the weekend that talks were over.", monday)
    assert (t.text, t.value, t.end_value, t.grain, t.resolution) == ("the weekend", "2012-W27", None, "week", "relative")
    # ahead, or with no tense to tell, "the weekend" may be either: not a timeline date
    assert tag("Talks will resume over the weekend.", monday) == []
    assert tag("Over the weekend?", monday) == []


def test_this_and_next_weekend():
    t = one("Rallies are planned this weekend.")
    assert (t.value, t.end_value) == ("2012-07-07", "2012-07-08")
    t = one("Rallies are planned next weekend.")
    assert (t.value, t.end_value) == ("2012-07-14", "2012-07-15")


def test_ranges():
    t = one("Talks ran from 3 to 5 July.")
    assert (t.value, t.end_value, t.grain) == ("2012-07-03", "2012-07-05", "day")
    t = one("Talks ran between March and May 2011.")
    assert (t.value, t.end_value, t.grain, t.resolution) == ("2011-03", "2011-05", "month", "explicit")


def test_nearest_past_rule_at_year_boundary():
    jan = dt.date(2012, 1, 10)
    assert one("Protests began in December.", jan).value == "2011-12"
    assert one("Protests began on 30 December.", jan).value == "2011-12-30"
    assert one("Protests began on 5 January.", jan).value == "2012-01-05"
    dec = dt.date(2011, 12, 30)
    assert one("The monitors will arrive on 2 January.", dec).value == "2012-01-02"


def test_without_publication_date_relative_is_unresolved_not_guessed():
    for text in ("on Friday", "last week", "yesterday", "in March", "on 30 June", "last weekend"):
        t = one(text, None)
        assert t.value is None and t.resolution == "unresolved", t
    # explicit dates need no anchor
    assert one("6 July 2012", None).value == "2012-07-06"


@pytest.mark.parametrize("text", [
    "More than 2,000 people were killed.",
    "The council passed it in a 41-3 vote.",
    "Some 2000 people marched.",
    "He paid $2012 for it.",
    "Theresa May said it may rain.",
    "The troops march to the city.",
    "In the 1990s the economy grew.",
    "Scores were 2011-2012 apart.",
    "The programme airs on Thursdays at 11:00 GMT.",
    "Call 1800 555 0199.",
])
def test_things_that_are_not_dates(text):
    assert tag(text, FRI) == []


def test_ptb_tokenized_text_and_offsets():
    text = "DAMASCUS -LRB- Reuters -RRB- - Crowds set fire on Sunday , residents said on Mar 20 , 2011 ."
    found = tag(text, dt.date(2011, 3, 20))
    assert [(t.text, t.value) for t in found] == [
        ("Sunday", "2011-03-20"), ("Mar 20 , 2011", "2011-03-20"),
    ]
    for t in found:
        assert text[t.start:t.end] == t.text


def test_sentence_initial_capitals():
    assert one("Last week the talks failed.").value == "2012-W26"
    assert one("Yesterday , troops withdrew .").value == "2012-07-05"


@pytest.mark.parametrize("sentence", [
    "Twenty people were killed in Homs.",
    "Assad said the rebels were terrorists.",
    "The army has rejected the plan.",
    "Syria says it is fighting armed gangs.",
    "Security forces opened fire on protesters.",
])
def test_reports_on_publication_day_true(sentence):
    assert reports_on_publication_day(sentence)


@pytest.mark.parametrize("sentence", [
    "He had been in power for a decade.",
    "The Security Council will vote.",
    "Talks could resume.",
    "Sanctions would hurt ordinary people.",
    "Fighting has been going on for months.",
    "The family has ruled Syria since 1970.",
    "Troops attacked on Friday.",  # has its own date
    "The city of Homs, a hub of the uprising.",  # no happening
])
def test_reports_on_publication_day_false(sentence):
    assert not reports_on_publication_day(sentence)


from hypothesis import given, settings, strategies as st  # noqa: E402

_WORDS = st.sampled_from([
    "on", "Friday", "last", "week", "weekend", "3", "30", "June", "May", "2011", "2,000",
    "-", "to", "between", "and", "March", "ago", "two", "days", "in", ",", ".", "the",
    "will", "said", "Tue", "Mar", "15", "2012-07-06", "yesterday", "This", "month", "1990s",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=25), st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))))
def test_any_text_gives_ordered_disjoint_spans_with_valid_values(words, published):
    from generator.models import parse_fuzzy

    text = " ".join(words)
    found = tag(text, published)
    last_end = 0
    for t in found:
        assert last_end <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        last_end = t.end
        if t.value is not None:
            assert parse_fuzzy(t.value)[2] == t.grain
            if t.end_value is not None:
                assert parse_fuzzy(t.end_value)[0] >= parse_fuzzy(t.value)[0]
        else:
            assert t.resolution == "unresolved"


def test_a_day_after_is_relative_to_the_date_just_named():
    found = tag("The ministers met on Monday, a day after the referendum was held.", dt.date(2014, 3, 17))
    assert [(t.text, t.value) for t in found] == [("Monday", "2014-03-17"), ("a day after", "2014-03-16")]
    found = tag("The talks began on March 3, two days before the strike.", dt.date(2014, 3, 17))
    assert found[-1].value == "2014-03-05" and found[-1].grain == "day"
    # no day-grain anchor: nothing invented (the vote's day, the caller may know, moved by a day)
    text = "In March, a day after the vote, they left."
    assert [t.text for t in tag(text, dt.date(2014, 3, 17))] == ["March"]
    # for a caller that knows the vote's day: that day, moved by one
    assert [(t.text, t.value, t.offset) for t in tag(text, dt.date(2014, 3, 17), offsets=True)] == [
        ("March", "2014-03", None), ("a day after the vote", None, (1, 26, 30))]


# --------------------------------------------------------------------------
# Every expression with its TIMEX3 value (tag_all, `briefing dates`)
# --------------------------------------------------------------------------

from generator.extract.dates import tag_all  # noqa: E402

WSJ = dt.date(1989, 10, 30)  # a Monday


def values(text: str, published: dt.date = WSJ) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag_all(text, published)]


@pytest.mark.parametrize("text,expected", [
    ("Citadel posted a third-quarter net loss.", [("third-quarter", "DATE", "1989-Q3")]),
    ("Net income in the third quarter of 1984 fell.", [("the third quarter of 1984", "DATE", "1984-Q3")]),
    ("Sales for this year's third quarter rose.", [("this year's third quarter", "DATE", "1989-Q3")]),
    ("Profit fell in the first half.", [("the first half", "DATE", "1989-H1")]),
    ("Prices are now higher.", [("now", "DATE", "PRESENT_REF")]),
    ("Currently the plant is closed.", [("Currently", "DATE", "PRESENT_REF")]),
    ("The party recently took 13 percent.", [("recently", "DATE", "PAST_REF")]),
    ("It will matter in the future.", [("the future", "DATE", "FUTURE_REF")]),
    ("They met this summer.", [("this summer", "DATE", "1989-SU")]),
    ("Gains began last fall.", [("last fall", "DATE", "1988-FA")]),
    ("He was arrested in June last year.", [("June last year", "DATE", "1988-06")]),
    ("Guidelines will be published in early November.", [("early November", "DATE", "1989-11")]),
    ("The group fell apart in mid-1996.", [("mid-1996", "DATE", "1996")]),
    ("He revised his 1990 projection.", [("1990", "DATE", "1990")]),
    ("A store was robbed at 10 p.m. Wednesday, police said.",
     [("10 p.m. Wednesday", "TIME", "1989-10-25T22:00")]),
    ("Talks broke off at noon Thursday.", [("noon Thursday", "TIME", "1989-10-26T12:00")]),
    ("She was killed Thursday evening.", [("Thursday evening", "TIME", "1989-10-26TEV")]),
    ("Bombs hit Atlanta in nineteen ninety-six.", [("nineteen ninety-six", "DATE", "1996")]),
    ("Stocks hit a five year low.", [("five year", "DURATION", "P5Y")]),
    ("Hate groups grew in the 1980s.", [("the 1980s", "DATE", "198")]),
    ("Fighting raged last weekend.", [("last weekend", "DATE", "1989-W43-WE")]),
    ("Officials met over the weekend.", [("the weekend", "DATE", "1989-W43-WE")]),
])
def test_timex3_values(text, expected):
    assert values(text) == expected


def test_a_quarter_reported_on_anchors_the_year_ago_one():
    text = ("Savin reported a third-quarter loss of $35 million, compared with a year-earlier profit. "
            "Revenue in the quarter fell from $93 million a year earlier.")
    assert [(t, v) for t, _, v in values(text)] == [
        ("third-quarter", "1989-Q3"), ("year-earlier", "1988-Q3"), ("the quarter", "1989-Q3"),
        ("a year earlier", "1988-Q3")]


def test_dates_relative_to_the_date_just_named():
    text = "Farkas was made a general on May 22, 1995, and the following year he became attache."
    assert values(text)[-1] == ("the following year", "DATE", "1996")


def test_spans_leave_out_on_a_full_stop_and_a_possessive():
    text = "Troops withdrew on Friday. Talks resume in December. Last week's talks failed."
    found = tag_all(text, WSJ)
    assert [t.text for t in found] == ["Friday", "December", "Last week"]
    for t in found:
        assert text[t.start:t.end] == t.text


def test_a_month_after_the_articles_month_is_the_coming_one_unless_the_clause_is_past():
    assert values("The transaction is expected in January.")[0][2] == "1990-01"
    assert values("The protests erupted in December.", dt.date(2012, 2, 1))[0][2] == "2011-12"


def test_an_initial_does_not_end_the_sentence_that_sets_the_tense():
    # "will succeed" governs Feb. 1 across "Daniel P. Davison"
    assert values("Mr. Schwarz will succeed Daniel P. Davison Feb. 1, the bank said.")[0][2] == "1990-02-01"


def test_timeline_view_keeps_points_only():
    text = "Prices are now higher than in the third quarter, five years after the 10 p.m. Friday raid."
    assert [(t.text, t.grain, t.value) for t in tag(text, WSJ)] == [
        ("the third quarter", "quarter", "1989-Q3"), ("10 p.m. Friday", "day", "1989-10-27")]


@pytest.mark.parametrize("text,expected", [
    ("The Times said in an editorial on Saturday, April 25: the court erred.",
     [("Saturday, April 25", "DATE", "1989-04-25")]),
    ("Costs were high when the unit closed this past spring.", [("this past spring", "DATE", "1989-SP")]),
    ("By mid afternoon the operation was over.", [("mid afternoon", "TIME", "1989-10-30TAF")]),
    ("He met the president on Friday and flew home later in the day.",
     [("Friday", "DATE", "1989-10-27"), ("the day", "DATE", "1989-10-27")]),
    ("They have suffered for the past twenty years.", [("the past twenty years", "DURATION", "P20Y")]),
    ("The secret was kept for more than two thousand years.", []),
    ("Orangemen march each July through the town.", [("each July", "SET", "XXXX-07")]),
    ("A third flight departs each Thursday.", [("each Thursday", "SET", "XXXX-WXX-4")]),
    ("In recent months lenders have extended credit.", [("recent months", "DURATION", "PXM")]),
    ("It put the issue in the spotlight in his unsuccessful 1996 campaign.", [("1996", "DATE", "1996")]),
    ("Analysts were predicting 1990 BellSouth earnings of $3.90 a share.", [("1990", "DATE", "1990")]),
    ("Some 2000 Chinese workers left.", []),
])
def test_more_timex3_values(text, expected):
    assert values(text) == expected


def test_a_reports_past_verb_and_a_past_plan_are_not_the_future():
    # the quote's "will" does not make "said Friday" the coming Friday
    assert values('"We will concentrate on core businesses," Mr. Gerstner said Friday.')[0][2] == "1989-10-27"
    assert values("The offer had been due to expire Friday evening.")[0][2] == "1989-10-27TEV"


def test_a_year_earlier_compares_the_span_just_named():
    text = ("Net rose in the third quarter. For the nine months, net was $2 billion, up from $1.7 billion "
            "a year earlier. The latest quarter's sales rose from $9 million last year.")
    assert [(t, v) for t, _, v in values(text)] == [
        ("the third quarter", "1989-Q3"), ("nine months", "P9M"), ("a year earlier", "1988"),
        ("The latest quarter", "1989-Q3"), ("last year", "1988-Q3")]


def test_a_quarter_ahead_does_not_replace_the_one_reported_on():
    text = ("Travelers's third-quarter net rose. The quake will result in a fourth-quarter charge. "
            "Earnings fell in the latest quarter, compared with $6 million a year ago.")
    assert [v for _, _, v in values(text, dt.date(1989, 11, 2))] == ["1989-Q3", "1989-Q4", "1989-Q3", "1988-Q3"]


def test_would_points_forward_like_will():
    # published on a Monday: the talks are the coming Friday, not the one just gone
    assert values("The ministry said it would hold talks on Friday.")[0][2] == "1989-11-03"


def test_so_long_later_counts_from_the_date_just_named():
    found = tag_all("She went to hospital on 8 April but died five days later.", dt.date(2009, 4, 29))
    assert [(t.text, t.type, t.value) for t in found] == [
        ("8 April", "DATE", "2009-04-08"), ("five days later", "DATE", "2009-04-13")]
    # with no date named before it is a length of time, not a date counted from publication
    found = tag_all("Three days later, the market fell.", WSJ)
    assert [(t.type, t.value) for t in found] == [("DURATION", "P3D")]
    assert tag("Three days later, the market fell.", WSJ) == []


@pytest.mark.parametrize("text, expected", [
    ("The rate peaked in June , 2009 after the crisis.", [("June , 2009", "2009-06")]),  # PTB comma
    ("It happened in June, 2009.", [("June, 2009", "2009-06")]),
    ("In June, 2000 people marched.", [("June", "1989-06")]),  # a count, not a year
])
def test_a_month_comma_year_is_that_month(text, expected):
    assert [(t.text, t.value) for t in tag_all(text, WSJ)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Mao led the Long March across China.", []),
    ("Thousands joined the Women's March in Washington.", []),
    ("Talks Resume In March", ["March"]),          # a title-case headline's preposition
    ("The company, in March, sold it.", ["March"]),
    ("He said Tuesday. March was a bad month.", ["Tuesday", "March"]),
    ("It rose Tuesday March 3.", ["Tuesday March 3"]),
    # at a sentence's start every word is capitalised
    ("Long March veterans gathered in Beijing.", []),
    ("He spoke. Long March veterans gathered.", []),
    ("March veterans gathered in Beijing.", []),       # the noun march
    ("Throughout March, prices rose.", ["March"]),
    ("Come March, the plan starts.", ["March"]),
    ("The March talks failed.", ["March"]),
    ("Workers marched on May Day.", ["May Day"]),      # a day, not a name to leave out
])
def test_a_month_inside_a_name_is_not_a_date(text, expected):
    assert [t.text for t in tag_all(text, WSJ)] == expected


def test_the_word_lists_are_data_and_a_bad_entry_is_named(tmp_path):
    from generator.extract.dates import lexicon as L

    words = L.load_words()
    assert "and" in words["year_ends"] and "on" in words["year_ends"] and "In" in words["not_names"]
    bad = tmp_path / "timex_words.yaml"
    bad.write_text("year_ends: [and, on]\nnot_names: [In]\n", encoding="utf-8")  # unquoted on: a boolean
    with pytest.raises(ValueError, match=r"timex_words\.yaml: list 'year_ends': True is not one word.*quote"):
        L.load_words(bad)
    bad.write_text("year_ends: [and]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"timex_words\.yaml: missing list 'not_names'"):
        L.load_words(bad)


def test_a_time_of_day_alone_stays_a_time_in_the_timeline_view():
    def seen(text):
        return [(t.text, t.type, t.grain) for t in tag(text, WSJ)]

    assert seen("The quake struck at 5 p.m. local time.") == [("5 p.m. local time", "TIME", "day")]
    assert seen("It struck in the mid-afternoon.") == [("the mid-afternoon", "TIME", "day")]
    assert seen("It struck Tuesday night.") == [("Tuesday night", "DATE", "day")]
    assert seen("It struck this morning.") == [("this morning", "DATE", "day")]
    assert seen("Tue Mar 15 , 2011 1:48 pm GMT") == [("Tue Mar 15 , 2011 1:48 pm GMT", "DATE", "day")]


def test_the_date_an_earlier_sentence_named_is_the_context_of_the_next():
    from generator.extract.dates import named_last

    first, second = "Rebels seized the town on Monday, a day after the vote.", "Troops retook it that same day."
    context = named_last(first, WSJ)
    assert context == ("1989-10-30", "day")  # Monday, not "a day after" (an offset, not a date named)
    assert [(t.text, t.value) for t in tag(second, WSJ, context)] == [("that same day", "1989-10-30")]
    assert tag(second, WSJ) == []  # alone, "that same day" names nothing
    assert [(t.text, t.value) for t in tag("Sales fell 10% that year.", WSJ, ("1987-03", "month"))] == [
        ("that year", "1987")]
    assert named_last("Nothing was dated.", WSJ, context) == context


def test_may_day_is_the_first_of_may():
    assert values("Workers marched on May Day.", dt.date(2009, 5, 2)) == [("May Day", "DATE", "2009-05-01")]
    assert values("Unions will rally on May Day.", dt.date(2009, 3, 2)) == [("May Day", "DATE", "2009-05-01")]


def test_a_length_before_or_after_a_happening_is_a_duration_as_timeml_marks_it():
    text = "Five days after the seizure, troops shelled the town."
    assert values(text) == [("Five days", "DURATION", "P5D")]
    # the timeline view: a day counted from the happening's, which the caller dates
    assert tag(text, WSJ) == []
    assert [(t.text, t.value, t.resolution, t.offset) for t in tag(text, WSJ, offsets=True)] == [
        ("Five days after the seizure", None, "offset", (5, 20, 27))]
    assert values("A week before the election in Crimea, troops arrived.") == [("A week", "DURATION", "P1W")]
    assert tag("A week before the election in Crimea, troops arrived.", WSJ, offsets=True)[0].offset == (-7, 18, 26)
    assert values("He resigned 30 days before closing.") == [("30 days", "DURATION", "P30D")]
    assert values("It fell two years before Iowa voted.") == [("two years", "DURATION", "P2Y")]
    # a length that is one: no offset; "two days before" alone still counts back from the date named
    assert tag("He was jailed for two days after the protest.", WSJ, offsets=True) == []
    assert values("He left on Friday. He had arrived two days before.") == [
        ("Friday", "DATE", "1989-10-27"), ("two days before", "DATE", "1989-10-25")]


def test_a_scheduled_present_looks_forward():
    # published 30 October 1989: a concert that "takes place" on 8 January is the coming one
    assert values("The tribute concert takes place on 8 January.")[0][2] == "1990-01-08"
    assert values("The tribute concert is taking place on 8 January.")[0][2] == "1990-01-08"
    # the past tense, and a plan as it stood in the past, stay behind publication
    assert values("The tribute concert took place on 8 January.")[0][2] == "1989-01-08"
    assert values("The tribute concert was taking place on 8 January.")[0][2] == "1989-01-08"
