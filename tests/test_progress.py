"""Progress on long work, and -q / -v, as a user sees them on a terminal and in CI."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from generator import progress



class _Tty(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture(autouse=True)
def _reset():
    yield
    progress.configure(progress.NORMAL, enabled=False)


def test_terminal_gets_one_redrawn_line_with_count_rate_and_time_left(monkeypatch):
    monkeypatch.setattr(progress, "_TTY_EVERY", 0.0)
    monkeypatch.setenv("TERM", "xterm")
    out = _Tty()
    progress.configure(progress.NORMAL, stream=out)
    assert list(progress.track(range(4), label="Extracting", unit="articles")) == [0, 1, 2, 3]
    text = out.getvalue()
    frames = [f for f in text.split("\r\x1b[2K") if f]
    assert frames[0].startswith("Extracting 1/4 articles, ") and "/s" in frames[0] and "left" in frames[0]
    assert frames[-1].startswith("Extracting 4/4 articles")
    assert "\n" not in text and text.endswith("\r\x1b[2K")  # cleared for the summary line


def test_plain_lines_when_not_a_terminal(monkeypatch):
    monkeypatch.setattr(progress, "PLAIN_EVERY", 0.0)
    out = io.StringIO()
    progress.configure(progress.NORMAL, stream=out)
    list(progress.track(iter(range(3)), total=3, label="Rendering", unit="pages"))
    lines = out.getvalue().splitlines()
    assert [ln.split(",")[0] for ln in lines] == ["Rendering 1/3 pages", "Rendering 2/3 pages",
                                                  "Rendering 3/3 pages"]
    assert "\r" not in out.getvalue() and "\x1b" not in out.getvalue()


def test_short_work_off_a_terminal_prints_nothing():
    out = io.StringIO()
    progress.configure(progress.NORMAL, stream=out)
    list(progress.track(range(1000), label="Rendering", unit="pages"))
    assert out.getvalue() == ""


def test_quiet_and_library_use_print_no_progress(monkeypatch):
    monkeypatch.setattr(progress, "PLAIN_EVERY", 0.0)
    out = io.StringIO()
    progress.configure(progress.QUIET, stream=out)
    list(progress.track(range(3)))
    progress.configure(progress.NORMAL, enabled=False, stream=out)
    list(progress.track(range(3)))
    assert out.getvalue() == ""


def test_site_build_progress_counts_pages_as_they_appear(tmp_path, monkeypatch):
    monkeypatch.setattr(progress, "PLAIN_EVERY", 0.0)
    out = io.StringIO()
    progress.configure(progress.NORMAL, stream=out)
    script = ("import pathlib, sys, time\n"
              "for i in range(3):\n"
              "    pathlib.Path(sys.argv[1], f'p{i}.html').write_text('x'); time.sleep(0.4)\n"
              "print('built')\n")
    proc = progress.run_watching([sys.executable, "-c", script, str(tmp_path)], tmp_path, 3,
                                 "Building site", "pages")
    assert proc.returncode == 0 and proc.stdout == "built\n"
    assert "Building site " in out.getvalue() and "/3 pages" in out.getvalue()


def _cli(project, *args):
    return subprocess.run([str(Path(sys.executable).parent / "briefing"), "--root", str(project), *args],
                          capture_output=True, text=True, timeout=300)


def test_q_and_v_before_or_after_the_command(tmp_path):
    project = tmp_path / "p"
    (project / "data").mkdir(parents=True)
    (project / "docs").mkdir()
    for name in ("sources", "actors", "timeline", "positions", "issues"):
        (project / "data" / f"{name}.yaml").write_text("[]\n")
    assert _cli(project, "check").stderr == "data/ is valid.\n"
    for args in (("-q", "check"), ("check", "-q"), ("check", "--quiet")):
        res = _cli(project, *args)
        assert res.returncode == 0 and res.stderr == "", args
    (project / "data" / "actors.yaml").write_text("- id: x\n  nam: X\n")
    res = _cli(project, "-q", "check")  # errors still show
    assert res.returncode == 1 and "data/actors.yaml:2:3" in res.stderr
    (project / "data" / "actors.yaml").write_text("[]\n")
    verbose = _cli(project, "-v", "render")
    assert verbose.returncode == 0 and "DEBUG: Rendering " in verbose.stderr  # what ran, how fast
    help_text = _cli(project, "build", "--help").stdout
    assert "-q, --quiet" in help_text and "-v, --verbose" in help_text


def test_a_stage_without_a_count_is_named_on_a_terminal_then_cleared(monkeypatch):
    monkeypatch.setenv("TERM", "xterm")
    out = _Tty()
    progress.configure(progress.NORMAL, stream=out)
    with progress.step("Merging with your edits into data/"):
        assert out.getvalue() == "\r\x1b[2KMerging with your edits into data/..."
    assert out.getvalue().endswith("\r\x1b[2K")
    plain = io.StringIO()
    progress.configure(progress.NORMAL, stream=plain)
    with progress.step("Merging"):
        pass
    assert plain.getvalue() == ""  # off a terminal: the command's summary line is enough
