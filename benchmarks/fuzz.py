"""The long robustness run: thousands of fuzz cases, kills spread over a build, a 50 MB article.

Run with ``.venv/bin/python -m benchmarks.fuzz`` (``--examples 1000`` per
property, ``--faults 10`` kill points, ``--big-mb 50``; ``--examples 0``,
``--faults 0`` or ``--big-mb 0`` leave a part out).  It runs the very
properties of tests/test_fuzz.py with more examples and the kill check of
tests/test_faults.py at evenly spread moments of a real ``briefing build
--extract``; it prints counts and timings and exits non-zero only if an
invariant broke (a figure, never a speed target).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))


def run_properties(examples: int) -> int:
    os.environ["BRIEFING_FUZZ_EXAMPLES"] = str(examples)
    import test_fuzz  # reads the count at import

    failed = 0
    for name in ("test_any_bytes_and_any_file_name_are_read_or_reported",
                 "test_random_yaml_edits_are_located_or_render_safely",
                 "test_random_text_in_every_field_renders_as_text",
                 "test_merge_never_drops_an_edited_field"):
        before = sum(test_fuzz.COUNTS.values())
        start = time.perf_counter()
        try:
            getattr(test_fuzz, name)()
            status = "ok"
        except Exception as exc:  # noqa: BLE001 - report and go on with the next property
            failed += 1
            status = f"FAILED: {str(exc).splitlines()[0][:200]}"
        n = sum(test_fuzz.COUNTS.values()) - before
        print(f"{name}: {n} cases in {time.perf_counter() - start:.1f} s: {status}", flush=True)
    print("outcomes:")
    for key, n in sorted(test_fuzz.COUNTS.items()):
        print(f"  {n:6d}  {key}")
    print(f"total fuzz cases: {sum(test_fuzz.COUNTS.values())}, failed properties: {failed}")
    return failed


def run_faults(n: int) -> int:
    import test_faults as tf

    tmp = Path(tempfile.mkdtemp(prefix="briefing-faults-"))
    try:
        base = tf.new_project(tmp / "base")
        start = time.perf_counter()
        assert tf.briefing(base, "build", "--extract").returncode == 0
        old = tf.snapshot(base)
        ref = tmp / "ref"
        shutil.copytree(base, ref)
        (ref / "seeds" / "late.txt").write_text(tf.LATE, encoding="utf-8")
        t0 = time.perf_counter()
        assert tf.briefing(ref, "build", "--extract").returncode == 0
        duration = time.perf_counter() - t0
        new = tf.snapshot(ref)
        print(f"reference build with the extra article: {duration:.1f} s "
              f"(setup {t0 - start:.1f} s)", flush=True)
        broken = finished = 0
        for i in range(n):
            delay = duration * (i + 0.5) / n
            sig = signal.SIGKILL if i % 2 else signal.SIGTERM
            root = tmp / f"k{i}"
            shutil.copytree(base, root)
            (root / "seeds" / "late.txt").write_text(tf.LATE, encoding="utf-8")
            rc, _ = tf.run_until(root, None, delay, sig)
            verdict = "ok"
            try:
                tf.assert_old_or_new(tf.snapshot(root), old, new)
                state = "site old" if tf.part(tf.snapshot(root), "site") == tf.part(old, "site") else "site new"
                again = tf.briefing(root, "build", "--extract")
                visible_now = {k: v for k, v in tf.snapshot(root).items() if tf.visible(k)}
                if again.returncode != 0 or visible_now != {k: v for k, v in new.items() if tf.visible(k)}:
                    raise AssertionError(f"re-run differs from a clean build: {again.stderr[-300:]}")
            except AssertionError as exc:
                broken += 1
                verdict, state = f"BROKEN: {exc}", "?"
            finished += rc == 0
            litter = sorted(p.name for p in root.iterdir() if p.name.startswith(".") and p.name != ".build.lock")
            print(f"kill {i + 1}/{n}: {signal.Signals(sig).name} at {delay:5.1f} s, exit {rc}, {state}, "
                  f"left beside the project: {litter or 'nothing'}: {verdict}", flush=True)
            shutil.rmtree(root, ignore_errors=True)
        print(f"fault cases: {n} kills ({finished} finished before the signal), {broken} lost or mixed data")
        return broken
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_big(mb: int) -> None:
    from generator import ingest

    tmp = Path(tempfile.mkdtemp(prefix="briefing-big-"))
    try:
        para = ("Syrian troops shelled Homs on Monday, activists said, and the United Nations envoy "
                "Kofi Annan met Bashar al-Assad in Damascus on July 9, 2012. ") * 4 + "\n\n"
        path = tmp / "big.txt"
        with open(path, "w", encoding="utf-8") as fh:
            size = 0
            while size < mb * 1_000_000:
                fh.write(para)
                size += len(para)
        start = time.perf_counter()
        articles, problems = ingest.read_articles(path)
        took = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        n = sum(len(a.sentences) for a in articles)
        print(f"{mb} MB article: ingest {took:.1f} s, {n} sentences, {len(problems)} problems, "
              f"peak RSS {peak:.0f} MB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=1000, help="examples per property (4 properties)")
    ap.add_argument("--faults", type=int, default=10, help="kill points spread over one build")
    ap.add_argument("--big-mb", type=int, default=50, help="size of the one big article to ingest")
    args = ap.parse_args(argv)
    bad = 0
    if args.examples:
        bad += run_properties(args.examples)
    if args.faults:
        bad += run_faults(args.faults)
    if args.big_mb:
        run_big(args.big_mb)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
