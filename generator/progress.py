"""Progress of long work, and how much the CLI says: ``-q`` / ``-v``.

Extraction of 600 articles or a build of 3,000 pages takes tens of seconds;
silence that long looks like a hang.  :func:`track` wraps the loop of such a
step.  On a terminal it draws one line, redrawn at most ten times a second:
``Extracting  312/624 articles  41.2/s  0:07 left``; elsewhere (CI logs, a
pipe) it writes a plain line at most every :data:`PLAIN_EVERY` seconds, so
short runs stay quiet and long ones show they are alive.

The CLI sets the level once (:func:`configure`); library callers and tests get
no progress output unless they ask for it.  ``-q`` also silences the
informational lines (warnings and errors still show); ``-v`` turns on the
debug log (which stage ran, why a full site build, timings).
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterable, Iterator, Optional, TextIO, TypeVar

T = TypeVar("T")
log = logging.getLogger("briefing")

QUIET, NORMAL, VERBOSE = -1, 0, 1
PLAIN_EVERY = 5.0
"""Seconds between plain progress lines when the output is not a terminal."""

_TTY_EVERY = 0.1

_level = NORMAL
_enabled = False
_stream: Optional[TextIO] = None


def configure(verbosity: int = NORMAL, enabled: bool = True, stream: Optional[TextIO] = None) -> None:
    """Set how much is said: ``QUIET``, ``NORMAL`` or ``VERBOSE``; *enabled* turns
    progress lines on (the CLI does, library use leaves them off)."""
    global _level, _enabled, _stream
    _level, _enabled, _stream = verbosity, enabled and verbosity > QUIET, stream
    logging.basicConfig(format="%(levelname)s: %(message)s")
    logging.getLogger("briefing").setLevel(
        logging.DEBUG if verbosity >= VERBOSE else logging.WARNING if verbosity <= QUIET else logging.INFO)


def quiet() -> bool:
    """``-q`` was given: informational lines are not printed."""
    return _level <= QUIET


def _out() -> TextIO:
    return _stream or sys.stderr


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    return f"{seconds // 60}:{seconds % 60:02d}"


class Bar:
    """Counts done out of *total* and says so, as a terminal line or plain lines."""

    def __init__(self, label: str, total: Optional[int], unit: str):
        self.label, self.total, self.unit = label, total, unit
        self.done = 0
        self.start = self.last = time.monotonic()
        self.stream = _out()
        self.tty = _is_tty(self.stream)
        self.drawn = False

    def line(self, now: float) -> str:
        elapsed = max(now - self.start, 1e-9)
        rate = self.done / elapsed
        total = f"/{self.total}" if self.total else ""
        text = f"{self.label} {self.done}{total} {self.unit}, {rate:.1f}/s"
        if self.total and rate > 0 and self.done < self.total:
            text += f", {_clock((self.total - self.done) / rate)} left"
        return text + f" ({_clock(elapsed)} elapsed)"

    def update(self, done: int) -> None:
        self.done = done
        now = time.monotonic()
        if now - self.last < (_TTY_EVERY if self.tty else PLAIN_EVERY):
            return
        self.last = now
        if self.tty:
            self.stream.write("\r\x1b[2K" + self.line(now))
            self.drawn = True
        else:
            self.stream.write(self.line(now) + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.drawn:  # the command's own summary line takes its place
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
        log.debug("%s", self.line(time.monotonic()))


def track(items: Iterable[T], total: Optional[int] = None, label: str = "Working",
          unit: str = "items") -> Iterator[T]:
    """Yield *items*, showing progress when the CLI turned it on."""
    if not _enabled:
        yield from items
        return
    if total is None:
        try:
            total = len(items)  # type: ignore[arg-type]
        except TypeError:
            total = None
    bar = Bar(label, total, unit)
    try:
        for n, item in enumerate(items, 1):
            yield item
            bar.update(n)
    finally:
        bar.close()


@contextlib.contextmanager
def step(label: str) -> Iterator[None]:
    """A stage without a count (merging, writing): its name on a terminal while it
    runs, cleared when done; its time in the ``-v`` log."""
    start = time.monotonic()
    stream = _out()
    shown = _enabled and _is_tty(stream)
    if shown:
        stream.write("\r\x1b[2K" + label + "...")
        stream.flush()
    try:
        yield
    finally:
        if shown:
            stream.write("\r\x1b[2K")
            stream.flush()
        if _enabled:
            log.debug("%s: %.1f s", label, time.monotonic() - start)


def run_watching(cmd: list[str], folder: Path, total: Optional[int], label: str, unit: str,
                 **popen: object) -> subprocess.CompletedProcess:
    """``subprocess.run(cmd, capture_output=True, text=True, **popen)``, showing
    progress as the count of ``*.html`` files appearing under *folder*
    (a site builder's output) when progress is on."""
    if not _enabled:
        return subprocess.run(cmd, capture_output=True, text=True, **popen)  # type: ignore[call-overload]
    bar = Bar(label, total, unit)
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          **popen) as proc:  # type: ignore[call-overload]
        try:
            while True:
                try:
                    out, err = proc.communicate(timeout=_TTY_EVERY * 5 if bar.tty else 1.0)
                    break
                except subprocess.TimeoutExpired:
                    bar.update(_count_html(folder))
        except BaseException:
            proc.kill()
            raise
        finally:
            bar.close()
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def _count_html(folder: Path) -> int:
    n = 0
    for _dir, _subdirs, files in os.walk(folder):
        n += sum(1 for f in files if f.endswith(".html"))
    return n


def say(msg: str) -> None:
    """An informational line on stderr; with ``-q`` only warnings are said."""
    import click

    if msg.startswith("WARNING") or not quiet():
        click.echo(msg, err=True)
