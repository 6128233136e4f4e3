"""The data contract: dates at a grain, strict records."""

import datetime as dt

import pytest
from pydantic import ValidationError

from generator.models import Actor, Event, parse_fuzzy


@pytest.mark.parametrize(
    "value,first,last,grain",
    [
        ("2012", dt.date(2012, 1, 1), dt.date(2012, 12, 31), "year"),
        ("2012-02", dt.date(2012, 2, 1), dt.date(2012, 2, 29), "month"),
        ("2012-07-06", dt.date(2012, 7, 6), dt.date(2012, 7, 6), "day"),
        ("2012-W26", dt.date(2012, 6, 25), dt.date(2012, 7, 1), "week"),
        ("1989-Q3", dt.date(1989, 7, 1), dt.date(1989, 9, 30), "quarter"),
        ("2012-Q1", dt.date(2012, 1, 1), dt.date(2012, 3, 31), "quarter"),
        ("1998-02-11T22:00", dt.date(1998, 2, 11), dt.date(1998, 2, 11), "time"),
    ],
)
def test_fuzzy_dates_know_their_span(value, first, last, grain):
    assert parse_fuzzy(value) == (first, last, grain)


@pytest.mark.parametrize("bad", ["2012-02-30", "2012-13", "2012-W54", "July 2012", "12-07-06",
                                 "2012-Q5", "2012-Q0", "2012-07-06T25:00", "2012-07-06T12:60",
                                 "2012-07-06T24:30", "2012-07T10:00", "2012-02-30T10:00"])
def test_impossible_dates_are_rejected(bad):
    with pytest.raises(ValueError):
        parse_fuzzy(bad)


def test_yaml_dates_become_iso_strings():
    ev = Event(id="e1", date=dt.date(2012, 7, 6), title="x")
    assert ev.date == "2012-07-06" and ev.grain == "day"
    assert Event(id="e2", date=2012, title="x").date == "2012"


def test_event_range_must_not_end_before_it_starts():
    with pytest.raises(ValidationError, match="before date"):
        Event(id="e", date="2012-07-06", end="2012-07-01", title="x")


def test_unknown_fields_and_bad_slugs_are_errors():
    with pytest.raises(ValidationError, match="nmae"):
        Actor(id="a", name="A", nmae="typo")
    with pytest.raises(ValidationError):
        Actor(id="../etc", name="A")


def test_an_event_keeps_a_quarter_or_a_time_of_day_and_a_bad_one_is_located():
    ev = Event(id="q3-loss", date="1989-Q3", title="Third-quarter loss", sources=[])
    assert ev.date == "1989-Q3"
    assert Event(id="raid", date="1998-02-11T22:00", title="Raid", sources=[]).date == "1998-02-11T22:00"
    with pytest.raises(ValidationError, match="quarter 5 does not exist"):
        Event(id="bad", date="1989-Q5", title="Bad", sources=[])
    with pytest.raises(ValidationError, match="not a time of day"):
        Event(id="bad", date="1998-02-11T25:00", title="Bad", sources=[])


def test_an_article_title_origin_is_given_or_derived_and_derived_sets_no_sentence_apart():
    from generator.models import Article, Sentence

    sents = [Sentence(0, "Talks Fail!", 0, 11), Sentence(1, "Talks failed on Monday.", 12, 35)]
    kw = dict(id="a", path="a.txt", raw="", text="", hash="", title="Talks fail", sentences=sents)
    assert Article(**kw).title_origin == "derived" and Article(**kw).headline() == ()
    assert Article(**kw, title_origin="given").headline() == (0,)
    assert Article(**{**kw, "title": ""}, title_origin="given").headline() == ()
    assert Article(**{**kw, "title": "Talks"}, title_origin="given").headline() == ()  # a part is no headline
    with pytest.raises(ValueError, match="title_origin 'source' is not one of given, derived"):
        Article(**kw, title_origin="source")
