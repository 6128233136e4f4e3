"""The command line: help that teaches the workflow, one-line errors."""

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

BRIEFING = str(Path(sys.executable).parent / "briefing")


def test_help_teaches_the_workflow():
    out = subprocess.run([BRIEFING, "--help"], capture_output=True, text=True, check=True).stdout
    for cmd in ("extract", "check", "render", "build", "serve", "evaluate", "timeline", "review"):
        assert f"  {cmd}" in out
    assert "merges with your edits" in out


def test_config_errors_are_collected_and_shown_in_one_line(tree):
    root = tree({"briefing.yml": "titel: x\nkey_events: many\n"})
    res = CliRunner().invoke(main, ["--root", str(root), "check"])
    assert res.exit_code == 1
    assert "unknown option 'titel'" in res.output
    assert "option 'key_events' must be int" in res.output
    assert "Traceback" not in res.output


def test_debug_shows_the_traceback(tree):
    root = tree({"briefing.yml": "- not a mapping\n"})
    res = CliRunner().invoke(main, ["--root", str(root), "--debug", "check"])
    assert res.exit_code != 0 and res.exception is not None


def test_review_held_lists_happenings_kept_off_the_timeline(tree):
    root = tree({
        "seeds/plans.md": "---\nid: plans\npublished: 2013-03-01\n---\n"
                          "The foreign ministers will meet in Geneva on Monday to vote on the ceasefire plan.\n",
        "seeds/undated.txt": "Rebels seized the border town of Azaz on Friday after a week of fighting.\n",
    })
    res = CliRunner().invoke(main, ["--root", str(root), "review", "--held"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert any(ln.startswith("plans:0  future date (Monday)") for ln in lines), res.output
    assert any(ln.startswith("undated:0  unresolved date (Friday)") for ln in lines), res.output
    assert "2 sentence(s) held back from the timeline" in res.output


def test_dates_prints_every_expression_with_offsets_and_timex3_values(tree):
    import json

    text = "Citadel posted a third-quarter loss on Friday. Prices are now lower than a year earlier."
    root = tree({"seeds/wire.jsonl": json.dumps({"id": "WSJ_0001", "time": "1989-10-30", "text": text}) + "\n"})
    res = CliRunner().invoke(main, ["--root", str(root), "dates", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    line = json.loads(res.stdout.strip().splitlines()[-1])
    assert line["id"] == "WSJ_0001" and line["published"] == "1989-10-30"  # the id as the source wrote it
    got = [(t["text"], t["type"], t["value"]) for t in line["timexes"]]
    assert got == [("third-quarter", "DATE", "1989-Q3"), ("Friday", "DATE", "1989-10-27"),
                   ("now", "DATE", "PRESENT_REF"), ("a year earlier", "DATE", "1988-Q3")]
    for t in line["timexes"]:
        assert text[t["start"]:t["end"]] == t["text"]
    res = CliRunner().invoke(main, ["--root", str(root), "dates"])
    assert "WSJ_0001\t17-30\tDATE\t1989-Q3\tthird-quarter" in res.stdout.splitlines()


def test_many_warnings_of_one_kind_are_counted_after_the_first_five(tree):
    import json

    rows = [json.dumps({"id": f"WSJ_{i:04d}", "text": f"Troops shelled town {i}."}) for i in range(12)]
    root = tree({"seeds/wire.jsonl": "\n".join(rows) + "\n", "seeds/empty.txt": ""})
    res = CliRunner().invoke(main, ["--root", str(root), "dates", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    warnings = [ln for ln in res.stderr.splitlines() if ln.startswith("WARNING:")]
    slugs = [ln for ln in warnings if "is not a slug" in ln]
    assert [ln.split(":")[2] for ln in slugs] == ["1", "2", "3", "4", "5"]
    assert any(ln.startswith("WARNING: 7 more of the same kind, the next at seeds/wire.jsonl:6:") for ln in warnings)
    assert any("empty.txt" in ln and "empty article" in ln for ln in warnings)  # another kind: shown
    assert len(res.stdout.splitlines()) == 12  # every article is still read


def test_timeline_period_must_be_in_order(tree):
    root = tree({"seeds/a.txt": "Troops shelled the city on Friday.\n"})
    res = CliRunner().invoke(main, ["--root", str(root), "timeline", "--from", "2012-07-06", "--to", "2012-07-01"])
    assert res.exit_code != 0 and "--from 2012-07-06 is after --to 2012-07-01" in res.output
    res = CliRunner().invoke(main, ["--root", str(root), "timeline", "--from", "6 July"])
    assert res.exit_code != 0 and "Traceback" not in res.output


def test_every_briefing_error_is_a_click_exception_and_survives_a_process_boundary():
    """One error root under Click's, as MkDocs has: uncaught, it is still one line, exit 1."""
    import pickle

    import click

    from generator.errors import BriefingError, ConfigError, DataError, Problem

    assert issubclass(BriefingError, click.ClickException)
    err = ConfigError("briefing.yml:3: option 'site' is the project folder")
    assert err.exit_code == 1 and err.format_message() == str(err)
    data = pickle.loads(pickle.dumps(DataError([Problem("data/actors.yaml", 8, 3, "unknown field 'rol'")])))
    assert str(data) == "1 problem in the data:\ndata/actors.yaml:8:3: unknown field 'rol'"


def test_an_extractor_defect_names_the_article_and_writes_nothing(tree, monkeypatch):
    from generator.extract import map as extract_map

    root = tree({"seeds/good.txt": "Rebels seized the town of Azaz on Friday.\n",
                 "seeds/bad.txt": "Troops shelled the city of Homs on Monday.\n"})
    real = extract_map.extract_article

    def failing(article, *rest):
        if article.id == "bad":
            raise RecursionError("maximum recursion depth exceeded")
        return real(article, *rest)

    monkeypatch.setattr(extract_map, "extract_article", failing)
    res = CliRunner().invoke(main, ["--root", str(root), "extract", "--all"])
    assert res.exit_code == 1 and "Traceback" not in res.output, res.output
    assert "bad.txt: extraction failed on article 'bad' (RecursionError" in res.output
    assert "--debug" in res.output
    assert not (root / "data").exists() or not any((root / "data").glob("*.yaml"))
