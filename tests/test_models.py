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
    ],
)
def test_fuzzy_dates_know_their_span(value, first, last, grain):
    assert parse_fuzzy(value) == (first, last, grain)


@pytest.mark.parametrize("bad", ["2012-02-30", "2012-13", "2012-W54", "July 2012", "12-07-06"])
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
