"""Our own share of a rebuild: CPU seconds of check + render after one YAML edit.

``briefing build`` runs ``pipeline._check_and_render`` (read and check data/,
render changed pages and the downloads) before the site builder; this times
exactly that, in a fresh process as ``build`` runs it, after a first run that
leaves docs/ and the caches as the last build did.

    .venv/bin/python -m benchmarks.rebuild_share PROJECT [--no-edit] [--runs 3] [--profile]

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
    args = p.parse_args(argv)
    timeline = args.project / "data" / "timeline.yaml"
    original = timeline.read_bytes()
    what = "nothing changed" if args.no_edit else "one event title edited"
    try:
        for i in range(1 if args.profile else args.runs):
            timeline.write_bytes(original)
            _run(args.project)  # as after the last build
            if not args.no_edit and not edit_one_title(args.project):
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
