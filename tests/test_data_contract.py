"""The data contract others read: one JSON Schema per data file, dates as strings.

The schemas are generated from the pydantic records (``generator/docgen.py``),
published in the package (``generator/data/schemas/``), and must match the
code; the data files Briefing writes must validate against them when read by a
plain YAML reader (``yaml.safe_load``), which is what a consumer uses.
"""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator import docgen, store
from generator.config import Config
from generator.models import RECORD_TYPES, Briefing, Event, Position, Source, Actor

ROOT = Path(__file__).resolve().parent.parent

REGEN = "run `.venv/bin/python -m generator.docgen` and commit generator/data/schemas/"


@pytest.mark.parametrize("name", sorted(RECORD_TYPES))
def test_published_schema_matches_the_models(name):
    published = docgen.SCHEMA_DIR / docgen.schema_id(name)
    assert published.is_file(), f"{published} is missing: {REGEN}"
    assert published.read_text(encoding="utf-8") == docgen.schema_text(name), \
        f"{published.name} is stale against generator/models.py: {REGEN}"


@pytest.mark.parametrize("name", sorted(RECORD_TYPES))
def test_schema_is_valid_draft_2020_12(name):
    schema = json.loads((docgen.SCHEMA_DIR / docgen.schema_id(name)).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)


def _validate(data_dir: Path) -> None:
    for name in RECORD_TYPES:
        schema = json.loads((docgen.SCHEMA_DIR / docgen.schema_id(name)).read_text(encoding="utf-8"))
        records = yaml.safe_load((data_dir / f"{name}.yaml").read_text(encoding="utf-8"))
        errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(records), key=str)
        assert not errors, f"data/{name}.yaml: " + "; ".join(
            f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5])


def test_the_repositorys_data_validates_against_the_schemas():
    _validate(ROOT / "data")


def test_dates_are_strings_at_every_grain(tmp_path):
    """A year, a month, a week and a day all come back as ``str`` from ``yaml.safe_load``."""
    ref = [{"article": "a", "sentence": 0, "text": "It happened."}]
    briefing = Briefing(
        sources=[Source(id="a", title="A", published="2012-07-06")],
        actors=[Actor(id="un", name="UN", kind="organization", sources=ref)],
        timeline=[Event(id=f"e-{i}", date=d, title=f"Event {i}", sources=ref, actors=["un"])
                  for i, d in enumerate(["2012", "2012-07", "2012-W27", "2012-07-06"])]
        + [Event(id="range", date="2012-06-30", end="2012-07-01", title="Range", sources=ref)],
        positions=[Position(id="p", actor="un", issue="other", statement="s", date="2011",
                            sources=ref)],
    )
    data = tmp_path / "data"
    store.save_extraction(Config(root=tmp_path), briefing)
    timeline = yaml.safe_load((data / "timeline.yaml").read_text(encoding="utf-8"))
    assert [e["date"] for e in timeline] == ["2012", "2012-07", "2012-W27", "2012-07-06", "2012-06-30"]
    assert all(type(e["date"]) is str for e in timeline)
    assert type(timeline[-1]["end"]) is str
    sources = yaml.safe_load((data / "sources.yaml").read_text(encoding="utf-8"))
    assert sources[0]["published"] == "2012-07-06"
    positions = yaml.safe_load((data / "positions.yaml").read_text(encoding="utf-8"))
    assert positions[0]["date"] == "2011"
    _validate(data)
    # and Briefing itself reads them back as the same dates
    assert [e.date for e in store.load(Config(root=tmp_path)).timeline][:4] == \
        ["2012", "2012-07", "2012-W27", "2012-07-06"]


def test_an_editors_bare_date_is_still_read(tmp_path):
    """Editors may write ``date: 2012-07-06`` or ``date: 2012`` unquoted: same date."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "sources.yaml").write_text("- id: a\n  published: 2012-07-06\n")
    (data / "timeline.yaml").write_text("- id: e\n  date: 2012\n  title: T\n")
    for name in ("actors", "positions", "issues"):
        (data / f"{name}.yaml").write_text("[]\n")
    loaded = store.load(Config(root=tmp_path))
    assert loaded.sources[0].published == "2012-07-06"
    assert loaded.timeline[0].date == "2012"


# -- the downloads of a built site ---------------------------------------------


def _render_downloads(tmp_path, monkeypatch, edit=None):
    import sys
    sys.path.insert(0, str(ROOT / "tests"))
    from briefing_project import load, make_project
    from generator import render as R

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1341792000")
    cfg = make_project(tmp_path / "proj")
    briefing = load(cfg)
    if edit:
        edit(briefing)
    R.render(briefing, cfg)
    return cfg.path("docs") / "downloads", briefing


def test_csv_has_iso_days_a_grain_and_no_formulas(tmp_path, monkeypatch):
    import csv
    import datetime as dt

    def edit(b):
        b.timeline[0].title = "=HYPERLINK(\"http://x\",\"click\")"
        b.timeline[0].summary = "-2+3 killed"
        b.timeline[1].date = "2012"
        b.timeline[1].end = None
    dl, briefing = _render_downloads(tmp_path, monkeypatch, edit)
    rows = list(csv.DictReader((dl / "timeline.csv").open(encoding="utf-8")))
    assert rows and list(rows[0])[:5] == ["id", "date", "grain", "start", "end"]
    for row in rows:
        assert row["grain"] in {"day", "week", "month", "year"}
        assert dt.date.fromisoformat(row["start"]) <= dt.date.fromisoformat(row["end"])
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    by_id = {r["id"]: r for r in rows}
    first = by_id[briefing.timeline[0].id]
    assert first["title"] == "'=HYPERLINK(\"http://x\",\"click\")" and first["summary"] == "'-2+3 killed"
    year = by_id[briefing.timeline[1].id]
    assert (year["date"], year["grain"], year["start"], year["end"]) == ("2012", "year", "2012-01-01", "2012-12-31")


def test_timelinejs_text_is_escaped_and_not_repeated(tmp_path, monkeypatch):
    from generator.models import SourceRef

    def edit(b):
        ev = b.timeline[0]
        ev.title = "<script>alert(1)</script> & co"
        ev.summary = "The envoy <b>arrived</b>."
        ev.sources = [SourceRef(article=ev.sources[0].article, sentence=ev.sources[0].sentence,
                                text="The envoy <b>arrived</b>.")]
    dl, briefing = _render_downloads(tmp_path, monkeypatch, edit)
    tl = json.loads((dl / "timeline.json").read_text(encoding="utf-8"))
    slide = next(e for e in tl["events"] if e["unique_id"] == briefing.timeline[0].id)
    assert slide["text"]["headline"] == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"
    assert slide["text"]["text"] == "The envoy &lt;b&gt;arrived&lt;/b&gt;."  # once, escaped
    for e in tl["events"]:
        assert "<" not in e["text"]["headline"] + e["text"]["text"]


def test_downloaded_yaml_and_json_keep_dates_as_strings(tmp_path, monkeypatch):
    dl, briefing = _render_downloads(tmp_path, monkeypatch)
    as_yaml = yaml.safe_load((dl / "briefing.yaml").read_text(encoding="utf-8"))
    as_json = json.loads((dl / "briefing.json").read_text(encoding="utf-8"))
    for data in (as_yaml, as_json):
        dates = [e["date"] for e in data["timeline"]] + [s["published"] for s in data["sources"]
                                                        if s.get("published")]
        assert dates and all(type(d) is str for d in dates), dates


def test_briefing_yml_schema_fits_the_options():
    """Published with the guide (generated at its build, so never stale)."""
    schema = json.loads(docgen.published_schemas()[docgen.CONFIG_SCHEMA])
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    scaffold = yaml.safe_load((ROOT / "generator" / "scaffold" / "briefing.yml").read_text(encoding="utf-8"))
    assert not list(validator.iter_errors(scaffold))
    assert list(validator.iter_errors({"titel": "x"}))  # a typo is flagged, as briefing check does
    assert list(validator.iter_errors({"jobs": "two"}))
    from dataclasses import fields
    from generator.config import Config
    assert set(schema["properties"]) == {f.name for f in fields(Config)} - {"root"}


def test_a_week_starting_on_a_day_with_events_keeps_its_own_heading(tmp_path):
    """Key dates link to ``#week-2012-w26``: the heading must exist even when
    25 June 2012 (the week's Monday) has events of its own."""
    from generator import render as R
    from generator.config import Config

    ref = [{"article": "a", "sentence": 0, "text": "It happened."}]
    briefing = Briefing(sources=[Source(id="a", title="A", published="2012-07-06")],
                        timeline=[Event(id="day", date="2012-06-25", title="Day", sources=ref),
                                  Event(id="week", date="2012-W26", title="Week", sources=ref)])
    view = R.View(briefing, Config(root=tmp_path))
    ids = [d["id"] for m in view.months() for d in m["days"]]
    assert ids == ["day-2012-06-25", "week-2012-w26"]
