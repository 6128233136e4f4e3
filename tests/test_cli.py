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
