"""The long robustness run: thousands of fuzz cases, kills spread over a build,
hostile projects, a 50 MB article.

Run with ``.venv/bin/python -m benchmarks.fuzz`` (``--examples 1000`` per
property, ``--faults 10`` kill points, ``--hostile 40`` hostile projects,
``--big-mb 50``; 0 leaves a part out).  It runs the very properties of
tests/test_fuzz.py with more examples (random bytes, data/ edits, fields,
merges, briefing.yml and front matter), the kill check of tests/test_faults.py
at evenly spread moments of a real ``briefing build --extract``, and real
builds of projects whose briefing.yml names dangerous folders, whose cache
holds a planted pickle and whose articles and docs/ link to a secret outside;
it prints counts, timings and the robustness table (cases tried, faults
survived, data lost, files leaked, code run) and exits non-zero only if an
invariant broke (a figure, never a speed target).
"""

from __future__ import annotations

import argparse
import json
import os
import re
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
                 "test_merge_never_drops_an_edited_field",
                 "test_random_briefing_yml_is_safe_or_refused_with_a_short_message",
                 "test_random_front_matter_is_read_or_located"):
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


SECRET = "secret-7c1e: a line that must never be published"
FOLDERS = [".", "..", "/", "{outside}", "{outside}/x", "data", "seeds", "templates", "docs", "site", "data/site",
           "public/site", "notes", "mkdocs.yml", "site-link", "seeds/../site", "./out", "docs/site", "site/docs",
           "~", "../proj/site", "/tmp"]
SAFE = {"site": ["site", "public/site", "out/html"], "docs": ["docs"], "data": ["data"]}
TOTALS = {"cases tried": 0, "faults survived": 0, "data lost": 0, "files leaked": 0, "code run": 0}


class _Plant:
    def __init__(self, flag: Path):
        self.flag = str(flag)

    def __reduce__(self):
        return (Path.touch, (Path(self.flag),))


def _files(folder: Path) -> dict[str, bytes]:
    """Regular files under *folder* (symlinks not followed) -> bytes."""
    out = {}
    for dirpath, dirs, names in os.walk(folder, followlinks=False):
        for name in names:
            p = Path(dirpath, name)
            if p.is_file() and not p.is_symlink():
                out[p.relative_to(folder).as_posix()] = p.read_bytes()
    return out


def _ours(rel: str, site: str) -> bool:
    """Files a build may change: its site, generated pages, its caches and stamps."""
    from generator.render import is_generated

    top = rel.split("/", 1)[0]
    return (rel.startswith(site.rstrip("/") + "/") or top.startswith((".briefing", ".build.lock", ".site"))
            or top in ("site",))


def run_hostile(n: int) -> int:
    """*n* real builds of a project made hostile in random ways; returns broken invariants."""
    import pickle
    import random

    import test_faults as tf

    rng = random.Random(19)
    tmp = Path(tempfile.mkdtemp(prefix="briefing-hostile-"))
    broken = 0
    try:
        base = tf.new_project(tmp / "base")
        assert tf.briefing(base, "build", "--extract").returncode == 0
        for i in range(n):
            case = tmp / f"c{i}"
            root, outside, flag = case / "proj", case / "outside", case / "code-ran"
            shutil.copytree(base, root, symlinks=True)
            outside.mkdir()
            (outside / "secret.txt").write_text(f"Kofi Annan met Assad on July 9, 2012. {SECRET}\n")
            (outside / "keep.txt").write_text("the user's file\n")
            (root / "notes").mkdir()
            (root / "notes" / "todo.md").write_text("call the envoy\n")
            (root / "site-link").symlink_to(outside, target_is_directory=True)
            (root / "seeds" / "leak.txt").symlink_to(outside / "secret.txt")
            if rng.random() < 0.3:
                (root / "docs" / "leak.md").symlink_to(outside / "secret.txt")
            bomb = pickle.dumps(_Plant(flag))
            for p in [p for p in (root / ".briefing-cache").rglob("*") if p.is_file()]:
                p.write_bytes(bomb)
                p.with_suffix(".pickle").write_bytes(bomb)
            pool = FOLDERS if rng.random() < 0.5 else SAFE
            opts = {k: rng.choice(pool[k] if isinstance(pool, dict) else pool).replace("{outside}", str(outside))
                    for k in rng.sample(["site", "docs", "data"], rng.randint(0, 3))}
            if rng.random() < 0.2:
                opts["title"] = "Trojan \u202e title"
            (root / "briefing.yml").write_text("".join(f"{k}: {json.dumps(v)}\n" for k, v in opts.items()))
            if rng.random() < 0.2:
                actors = root / "data" / "actors.yaml"
                actors.write_text(re.sub(r"\n  role: (.*)", lambda m: f'\n  role: "\\u202e{m[1]}"',
                                         actors.read_text(), count=1))
            before, outside_before = _files(root), _files(outside)
            args = ("build", "--extract") if rng.random() < 0.3 else ("build",)
            res = tf.briefing(root, *args)
            after, outside_after = _files(root), _files(outside)
            site = opts.get("site", "site") if res.returncode == 0 else "\0"
            lost = [k for k, v in before.items() if not _ours(k, site) and after.get(k) != v
                    and not (res.returncode == 0 and (k.startswith(("data/", "docs/")) or
                                                       k.startswith(opts.get("data", "data") + "/")))]
            lost += [f"outside/{k}" for k, v in outside_before.items() if outside_after.get(k) != v]
            lost += [f"outside/{k}" for k in outside_after if k not in outside_before]
            leaked = [k for k, v in after.items() if SECRET.encode() in v]
            survived = (res.returncode == 0 or (res.returncode == 1 and "Traceback" not in res.stderr
                                                and res.stderr.count("Error:") == 1))
            TOTALS["cases tried"] += 1
            TOTALS["faults survived"] += survived
            TOTALS["data lost"] += bool(lost)
            TOTALS["files leaked"] += bool(leaked)
            TOTALS["code run"] += flag.exists()
            ok = survived and not lost and not leaked and not flag.exists()
            broken += not ok
            first = (res.stderr.strip().splitlines() or [""])[-1][:110]
            print(f"hostile {i + 1}/{n}: {' '.join(args)} with {opts}: exit {res.returncode}: "
                  f"{'ok' if ok else f'BROKEN lost={lost[:3]} leaked={leaked[:3]}'}: {first}", flush=True)
            shutil.rmtree(case, ignore_errors=True)
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
        articles, problems = ingest.read_articles(path, max_bytes=(mb + 1) * 1_000_000)
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
    ap.add_argument("--hostile", type=int, default=40, help="real builds of hostile projects")
    ap.add_argument("--big-mb", type=int, default=50, help="size of the one big article to ingest")
    args = ap.parse_args(argv)
    bad = 0
    if args.examples:
        bad += run_properties(args.examples)
    if args.faults:
        bad += run_faults(args.faults)
    if args.hostile:
        bad += run_hostile(args.hostile)
    if args.big_mb:
        run_big(args.big_mb)
    tried = TOTALS["cases tried"] + args.examples * 6 * bool(args.examples) + args.faults
    print("robustness table (this run):")
    print(f"  cases tried {tried} (of them hostile builds {TOTALS['cases tried']}), "
          f"hostile builds that exited 0 or with one Error: line {TOTALS['faults survived']}, "
          f"data lost {TOTALS['data lost']}, files leaked {TOTALS['files leaked']}, "
          f"code run {TOTALS['code run']}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
