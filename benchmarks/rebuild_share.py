"""Our own share of a rebuild: CPU seconds of check + render after one YAML edit.

``briefing build`` runs ``pipeline._check_and_render`` (read and check data/,
render changed pages and the downloads) before the site builder; this times
exactly that, in a fresh process as ``build`` runs it, after a first run that
leaves docs/ and the caches as the last build did.

    .venv/bin/python -m benchmarks.rebuild_share PROJECT [--no-edit] [--runs 3] [--profile]
    .venv/bin/python -m benchmarks.rebuild_share PROJECT --whole [--busiest] [--no-edit]

``--whole`` times the whole ``briefing build`` command instead: its own CPU
(``RUSAGE_SELF``: interpreter, imports, check, render, site planning, stamp)
and its children's (``RUSAGE_CHILDREN``: the mkdocs subprocess), after a
build that leaves the project as the last build did.  ``--busiest`` edits an
event of the busiest year (:func:`benchmarks.bench.edit_one_title`).

PROJECT is a project whose data/ was extracted (``benchmarks.bench.make_project``
then ``briefing --root PROJECT extract --articles FILE``).  The edit is
:func:`benchmarks.bench.edit_one_title` (one event title, a one-line text edit);
data/timeline.yaml is restored afterwards.  CPU = user + system of the process
(``resource.getrusage``); compare runs, not single figures, on a busy machine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from .bench import REPO, edit_one_title

_INNER = r'''
import cProfile, pstats, resource, sys
from pathlib import Path
from generator import pipeline
from generator.config import load_config

def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime

pipeline._say = lambda msg: None
cfg = load_config(Path(sys.argv[1]))
t0 = cpu()
if sys.argv[2] == "profile":
    cProfile.run("pipeline._check_and_render(cfg)", sys.argv[3])
else:
    pipeline._check_and_render(cfg)
print(f"{cpu() - t0:.2f} {cpu():.2f}")
'''


_WHOLE = r'''
import atexit, resource, sys

def report():
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"@@ {s.ru_utime + s.ru_stime:.2f} {c.ru_utime + c.ru_stime:.2f} {s.ru_maxrss // 1024} {c.ru_maxrss // 1024}",
          file=sys.stderr)

atexit.register(report)
from generator.cli import main
main(["--root", sys.argv[1], "build"])
'''


def _whole(project: Path) -> tuple[float, float, int, int]:
    """(own CPU s, mkdocs CPU s, own peak MB, mkdocs peak MB) of one `briefing build`."""
    r = subprocess.run([sys.executable, "-c", _WHOLE, str(project)], cwd=REPO, capture_output=True, text=True)
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith("@@ ")]
    if r.returncode or not lines:
        raise SystemExit(r.stderr[-2000:])
    own, kids, own_mb, kids_mb = lines[-1].split()[1:]
    return float(own), float(kids), int(own_mb), int(kids_mb)


def _run(project: Path, mode: str = "time", out: str = "") -> tuple[float, float]:
    r = subprocess.run([sys.executable, "-c", _INNER, str(project), mode, out], cwd=REPO,
                       capture_output=True, text=True)
    if r.returncode:
        raise SystemExit(r.stderr[-2000:])
    call, total = r.stdout.split()
    return float(call), float(total)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks.rebuild_share", description=__doc__.split("\n\n")[0])
    p.add_argument("project", type=Path)
    p.add_argument("--no-edit", action="store_true", help="time a rebuild with nothing changed in data/")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--profile", action="store_true", help="one profiled run; print the top functions")
    p.add_argument("--whole", action="store_true", help="time the whole `briefing build`: ours vs mkdocs'")
    p.add_argument("--busiest", action="store_true", help="edit an event of the busiest year")
    args = p.parse_args(argv)
    timeline = args.project / "data" / "timeline.yaml"
    original = timeline.read_bytes()
    what = "nothing changed" if args.no_edit else "one event title edited" + (" (busiest year)" if args.busiest else "")
    if args.whole:
        try:
            for i in range(args.runs):
                timeline.write_bytes(original)
                _whole(args.project)  # as after the last build
                if not args.no_edit and not edit_one_title(args.project, busiest=args.busiest):
                    raise SystemExit("no one-line event title to edit in data/timeline.yaml")
                own, kids, own_mb, kids_mb = _whole(args.project)
                print(f"run {i + 1}: build ({what}) {own + kids:.2f} s CPU = ours {own:.2f} + mkdocs {kids:.2f}; "
                      f"peak {own_mb}/{kids_mb} MB; load average {os.getloadavg()[0]:.1f}")
        finally:
            timeline.write_bytes(original)
            _whole(args.project)
        return
    try:
        for i in range(1 if args.profile else args.runs):
            timeline.write_bytes(original)
            _run(args.project)  # as after the last build
            if not args.no_edit and not edit_one_title(args.project, busiest=args.busiest):
                raise SystemExit("no one-line event title to edit in data/timeline.yaml")
            if args.profile:
                _run(args.project, "profile", str(args.project / "rebuild_share.prof"))
                import pstats

                pstats.Stats(str(args.project / "rebuild_share.prof")).sort_stats("cumulative").print_stats(30)
                return
            call, total = _run(args.project)
            print(f"run {i + 1}: check+render ({what}) {call:.2f} s CPU; whole process {total:.2f} s CPU; "
                  f"load average {os.getloadavg()[0]:.1f}")
    finally:
        timeline.write_bytes(original)


if __name__ == "__main__":
    main()
