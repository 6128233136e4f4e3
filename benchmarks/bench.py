"""Performance figures of the real ``briefing`` CLI at several corpus sizes.

Run with ``make bench`` (= ``.venv/bin/python -m benchmarks.bench``).  Every
stage runs as the command a user types, in a throw-away project made by copying
the repository's ``mkdocs.yml``, ``templates/`` and hand-written pages, so the
numbers include start-up, YAML I/O and the site builder -- what users wait for.

Nothing here asserts: targets are printed as PASS/MISS beside the figures
(speed is measured in benchmarks, never asserted in tests).  Peak memory is
the ``ru_maxrss`` of each command's process tree, read with ``os.wait4``.

Options: ``--sizes 100,624`` picks corpus sizes, ``--skip-site`` leaves out
everything that runs the site builder, ``--jobs N`` extracts with N workers,
``--no-profile`` skips the cProfile run of the 1,000-article build,
``--inner-repeats N`` (default 5) sets how many fresh processes time the
floor -- the trained pipeline's own ``nlp.pipe`` over the same sentence
texts extraction parses -- and ``extract_briefing()`` at each size up to
1,000 (the least of each is kept).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

from .corpus import REPO, CorpusMissing, load_base, make_corpus

BIN = Path(sys.executable).parent
BRIEFING = str(BIN / "briefing")
MKDOCS = str(BIN / "mkdocs")
ZENSICAL = shutil.which("zensical", path=str(BIN))

# Targets from the brief (printed, never asserted).
FULL_BUILD_1000_S = 60.0
EXTRACT_VS_PIPE = 1.3  # extraction over the trained pipeline's own nlp.pipe of the same sentences
CACHED_REEXTRACT_SHARE = 0.1  # re-extracting unchanged articles: at most this share of the first extract
EDIT_REBUILD_1000_S = 5.0
NOOP_OWN_WORK_S = 2.0
PEAK_MEMORY_10000_MB = 1024.0
LINEAR_SLOPE = 1.2  # a log-log slope above this is not linear


# --------------------------------------------------------------------------
# Running commands
# --------------------------------------------------------------------------


@dataclass
class Run:
    """One command: wall time, peak resident memory of its process tree, output."""

    seconds: float
    peak_mb: float
    ok: bool
    output: str
    cpu: float = 0.0
    """User + system CPU seconds of the process tree: steadier than wall time
    when other work shares the machine, so the exponents are fitted on it."""


def run(cmd: list[str], cwd: Optional[Path] = None) -> Run:
    """Run *cmd*, timing it and reading its own peak RSS with ``wait4``.

    ``resource.getrusage(RUSAGE_CHILDREN)`` would give the maximum over every
    child so far; ``wait4`` gives this command's tree alone.
    """
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read()
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, usage.ru_maxrss / 1024.0, proc.returncode == 0, text, cpu)


def briefing(project: Path, *args: str) -> Run:
    return run([BRIEFING, "--root", str(project), *args])


# --------------------------------------------------------------------------
# A throw-away project
# --------------------------------------------------------------------------

_GENERATED_MARK = re.compile(r"generated|do not edit", re.IGNORECASE)


def _hand_written_docs() -> list[Path]:
    """Pages under docs/ that a person wrote (tracked, not marked generated)."""
    try:
        listed = subprocess.run(
            ["git", "-C", str(REPO), "ls-files", "docs"], capture_output=True, text=True, check=True
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        listed = []
    pages = [REPO / p for p in listed]
    pages = [p for p in pages if p.is_file() and not (p.suffix == ".md" and _GENERATED_MARK.search(p.read_text(encoding="utf-8")[:400]))]
    # mkdocs.yml names these as hand-written even before they are committed.
    extra = [REPO / "docs" / "about.md"]
    if (REPO / "docs" / "assets").is_dir():
        extra += [p for p in (REPO / "docs" / "assets").rglob("*") if p.is_file()]
    pages += [p for p in extra if p.exists() and p not in pages]
    return pages


def _hooks() -> list[Path]:
    """Python files mkdocs.yml lists under ``hooks:`` (relative to the repository)."""
    cfg = REPO / "mkdocs.yml"
    if not cfg.exists():
        return []
    found, inside = [], False
    for line in cfg.read_text(encoding="utf-8").splitlines():
        if re.match(r"^hooks:\s*$", line):
            inside = True
        elif inside and re.match(r"^\s+-\s+\S+\.py\s*$", line):
            found.append(REPO / line.split("-", 1)[1].strip())
        elif inside and line.strip() and not line.startswith((" ", "#")):
            inside = False
    return [p for p in found if p.is_file()]


def make_project(dest: Path) -> Path:
    """A fresh project: the repo's site config, templates and hand-written pages."""
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "briefing.yml"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, dest / name)
    for folder in ("templates", "overrides"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, dest / folder)
    for hook in _hooks():  # mkdocs resolves hook paths against mkdocs.yml's folder
        target = dest / hook.relative_to(REPO)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(hook, target)
    for page in _hand_written_docs():
        target = dest / page.relative_to(REPO)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(page, target)
    return dest


_TITLE_LINE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)title:\s*(?P<value>\S.*)$")


_DATE_LINE = re.compile(r"^\s*(?:-\s+)?date:\s*'?(\d{4})")


def _busiest_year(lines: list[str]) -> Optional[str]:
    """The year with the most events (its page is the largest timeline page)."""
    years = [m.group(1) for ln in lines if (m := _DATE_LINE.match(ln))]
    return max(sorted(set(years)), key=years.count) if years else None


def edit_one_title(project: Path, busiest: bool = False) -> bool:
    """Change the first one-line event title in data/timeline.yaml, in place, as an editor would.

    A text edit of one line (not a YAML round trip), so the rest of the file
    stays byte-identical and the rebuild sees exactly one changed record.
    With *busiest*, the event edited is the first of the year with the most
    events: the worst case, because that year's page is the biggest one an
    edit makes mkdocs rebuild (the first event of the file may sit alone in
    a small year).
    """
    path = project / "data" / "timeline.yaml"
    if not path.exists():
        return False
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    want = _busiest_year(lines) if busiest else None
    year = None
    for i, line in enumerate(lines):
        d = _DATE_LINE.match(line)
        if d:
            year = d.group(1)
        m = _TITLE_LINE.match(line.rstrip("\n"))
        if m and (want is None or year == want) and _edit_line(path, lines, i, m, "title"):
            return True
    return False


def _edit_line(path: Path, lines: list[str], i: int, m: re.Match, key: str) -> bool:
    """Append a marker to the one-line string value of *key* on line *i* and
    write the file back; False (nothing written) for a value folded over
    several lines or not a plain string, so the caller picks a simpler one."""
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    if nxt.strip() and len(nxt) - len(nxt.lstrip()) > len(m["lead"]) and ":" not in nxt.split()[0]:
        return False
    try:
        value = yaml.safe_load(f"v: {m['value']}")["v"]
    except yaml.YAMLError:
        return False
    if not isinstance(value, str):
        return False
    lines[i] = f"{m['lead']}{key}: {json.dumps(value + ' (edited for the benchmark)', ensure_ascii=False)}\n"
    text = "".join(lines)
    yaml.safe_load(text)  # still valid YAML
    path.write_text(text, encoding="utf-8")
    return True


_ISSUE_LINE = re.compile(r"^\s*(?:-\s+)?issue:\s*'?([^'\s]+)")
_STATEMENT_LINE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)statement:\s*(?P<value>\S.*)$")


def edit_one_position(project: Path) -> bool:
    """Change the statement of one position of the issue with the most
    positions in data/positions.yaml, in place: a one-line text edit, as
    :func:`edit_one_title` makes, so the rebuild sees one changed record.

    The busiest issue's page is the biggest one a position edit makes mkdocs
    rebuild (before the issue pages, that was the whole positions.md).
    """
    path = project / "data" / "positions.yaml"
    if not path.exists():
        return False
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    issues = [m.group(1) for ln in lines if (m := _ISSUE_LINE.match(ln))]
    if not issues:
        return False
    want = max(sorted(set(issues)), key=issues.count)
    issue = None
    for i, line in enumerate(lines):
        if line.startswith("- "):
            issue = None  # a new record
        d = _ISSUE_LINE.match(line)
        if d:
            issue = d.group(1)
        m = _STATEMENT_LINE.match(line.rstrip("\n"))
        if m and issue == want and _edit_line(path, lines, i, m, "statement"):
            return True
    return False


def count(folder: Path, pattern: str) -> int:
    return sum(1 for _ in folder.rglob(pattern)) if folder.is_dir() else 0


# --------------------------------------------------------------------------
# In-process measurement: the pipeline's nlp.pipe (floor) vs extraction on the same sentences
# --------------------------------------------------------------------------


def inner(corpus: Path) -> dict:
    """Time the trained pipeline's own ``nlp.pipe`` and ``extract_briefing`` on one corpus.

    The floor is what no extraction on this pipeline can beat: ``nlp.pipe``
    over exactly the sentence texts extraction parses (each sentence
    normalized as extraction does, in batches of 256 as
    :func:`generator.extract.nlp.parse` pipes them).  Runs in its own process
    (``--inner``) so both see the same warm interpreter and neither pays the
    other's memory.  Ingest and loading the pipeline are timed apart: the same
    for both, and not extraction.
    """
    result: dict = {}
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        from generator.ingest import read_articles

        articles, _ = read_articles(corpus)
        texts = [s.text for a in articles for s in a.sentences]
    except ImportError:
        articles = None
        texts = [line for rec in load_jsonl(corpus) for line in rec["text"].split("\n") if line.strip()]
    result["ingest_s"], result["ingest_cpu"] = time.perf_counter() - t0, time.process_time() - c0
    result["sentences"] = len(texts)

    from generator.config import load_config
    from generator.extract import extract_briefing, model
    from generator.extract.nlp import normalize

    result["extract_s"] = None
    with tempfile.TemporaryDirectory() as tmp:
        cfg = load_config(Path(tmp), relevance=False)  # every article: the floor parses them all too
        c0 = time.process_time()
        nlp = model.load(cfg.spacy_model)  # loaded (and verified) once, left out of both timings
        result["spacy_setup_cpu"] = time.process_time() - c0
        same = [normalize(t) for t in texts]
        normalize.cache_clear()  # extraction normalizes afresh
        t0, c0 = time.perf_counter(), time.process_time()
        result["tokens"] = sum(len(doc) for doc in nlp.pipe(same, batch_size=256))
        result["pipe_s"], result["pipe_cpu"] = time.perf_counter() - t0, time.process_time() - c0
        del same
        if articles is not None:
            t0, c0 = time.perf_counter(), time.process_time()
            extract_briefing(articles, cfg)
            result["extract_s"], result["extract_cpu"] = time.perf_counter() - t0, time.process_time() - c0
    return result


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


INNER_TIMED = ("pipe_s", "pipe_cpu", "extract_s", "extract_cpu", "spacy_setup_cpu")


def run_inner(corpus: Path, repeats: int = 1) -> tuple[dict, Run]:
    """:func:`inner` in *repeats* fresh processes: each timing is the minimum.

    The two timings of one process vary by 10-50 % from run to run on this
    machine (the floor alone measured 1.0-1.7 s at 624 articles in one
    evening; single-run ratios spread 2.7-4.5x), so, as ``timeit`` does, the
    least of several runs (five by default) is kept for each; the ratio of
    every single run is kept too (``ratio_runs``) so its spread is printed.
    A fresh process each time: extraction's per-sentence caches start empty.
    """
    results, runs = [], []
    for _ in range(max(1, repeats)):
        r = run([sys.executable, "-m", "benchmarks.bench", "--inner", str(corpus)], cwd=REPO)
        runs.append(r)
        last = [line for line in r.output.splitlines() if line.startswith("{")]
        if not (r.ok and last):
            return {}, r
        results.append(json.loads(last[-1]))
    best = dict(results[0])
    for key in INNER_TIMED:
        vals = [x[key] for x in results if x.get(key) is not None]
        best[key] = min(vals) if vals else None
    best["ratio_runs"] = [x["extract_cpu"] / x["pipe_cpu"] for x in results
                          if x.get("extract_cpu") and x.get("pipe_cpu")]
    total = Run(sum(r.seconds for r in runs), max(r.peak_mb for r in runs), True, runs[-1].output,
                sum(r.cpu for r in runs))
    return best, total


# --------------------------------------------------------------------------
# One size
# --------------------------------------------------------------------------


@dataclass
class SizeResult:
    n: int
    runs: dict[str, Run] = field(default_factory=dict)
    inner: dict = field(default_factory=dict)
    pages_md: int = 0
    pages_html: int = 0
    notes: list[str] = field(default_factory=list)
    search: dict = field(default_factory=dict)
    """benchmarks/search.py's figures of this size's site (index size, download per query)."""

    def t(self, stage: str) -> Optional[float]:
        r = self.runs.get(stage)
        return r.seconds if r is not None and r.ok else None

    def cpu(self, stage: str) -> Optional[float]:
        r = self.runs.get(stage)
        return r.cpu if r is not None and r.ok else None

    def peak_mb(self) -> float:
        return max((r.peak_mb for r in self.runs.values()), default=0.0)


def _step(res: SizeResult, stage: str, r: Run) -> Run:
    res.runs[stage] = r
    status = "ok" if r.ok else "FAILED"
    print(f"  {stage:<30} {r.seconds:8.2f} s wall {r.cpu:8.2f} s cpu {r.peak_mb:7.0f} MB  {status}", flush=True)
    if not r.ok:
        tail = "\n".join(r.output.strip().splitlines()[-8:])
        print("    | " + tail.replace("\n", "\n    | "), flush=True)
        res.notes.append(f"{stage} failed: {r.output.strip().splitlines()[-1:] or ['?']}")
    return r


def bench_size(n: int, corpus: Path, work: Path, args: argparse.Namespace) -> SizeResult:
    """Every stage of one corpus size, in order, in a fresh project."""
    res = SizeResult(n)
    print(f"\n== {n} articles ({corpus.name}) ==", flush=True)
    project = make_project(work / f"project-{n}")
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []

    ok = _step(res, "extract", briefing(project, "extract", "--articles", str(corpus), *jobs)).ok
    if args.parallel and ok:
        par = make_project(work / f"project-{n}-j2")
        _step(res, "extract -j2", briefing(par, "extract", "--articles", str(corpus), "--jobs", "2"))
        res.notes.append(_same_data(project, par))  # both extracted once
        shutil.rmtree(par, ignore_errors=True)
    if ok:  # the same articles again: the per-article cache answers for every one
        _step(res, "re-extract (cached)", briefing(project, "extract", "--articles", str(corpus), *jobs))
    if ok:
        ok = _step(res, "render", briefing(project, "render")).ok
    res.pages_md = count(project / "docs", "*.md")

    res.inner, r = run_inner(corpus, args.inner_repeats if n <= 1000 else 1)
    _step(res, "nlp.pipe+extract(in-process)", r)

    if args.skip_site or not ok:
        return res
    if _step(res, "build", briefing(project, "build")).ok:
        res.pages_html = count(project / "site", "*.html")
        _step(res, "mkdocs (bare)", run([MKDOCS, "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"),
                                         "-d", str(work / f"bare-site-{n}")]))
        shutil.rmtree(work / f"bare-site-{n}", ignore_errors=True)
        res.search = _search_figures(project / "site", res)
        _step(res, "rebuild no-change", briefing(project, "build"))
        if edit_one_title(project):
            r = _step(res, "rebuild 1 edit", briefing(project, "build"))
            res.notes.append(_site_mode(project, r.output))
        else:
            res.notes.append("no event in data/timeline.yaml to edit")
        if edit_one_title(project, busiest=True):
            r = _step(res, "rebuild 1 edit, busiest year", briefing(project, "build"))
            res.notes.append(_site_mode(project, r.output).replace("rebuild 1 edit", "rebuild 1 edit, busiest year"))
        if edit_one_position(project):
            r = _step(res, "rebuild 1 edit, one position", briefing(project, "build"))
            res.notes.append(_site_mode(project, r.output).replace("rebuild 1 edit", "rebuild 1 edit, one position"))
        if ZENSICAL and args.zensical:  # same docs/, through the CLI's builder switch (site.py)
            _step(res, "build --builder zensical", briefing(project, "build", "--builder", "zensical"))
    return res


def _search_figures(site: Path, res: SizeResult) -> dict:
    """The search bundle's size and what a reader downloads per query (benchmarks/search.py)."""
    from . import search

    try:
        figures = search.measure(site)
    except Exception as exc:  # a figure missing, never the whole bench
        res.notes.append(f"search measurement failed: {exc}")
        return {}
    search.report(site, figures)
    return figures


def _search_row(r: SizeResult, what: str) -> str:
    """One cell of the search rows of the report: KB or ms."""
    q = [x for x in r.search.get("queries", []) if x["query"] != "(page open)"]
    if not r.search:
        return "n/a"
    if what == "bundle":
        return fmt(r.search["bundle_bytes"] / 1024, ".0f")
    if what == "first":  # page open + the first query: script, WebAssembly, chunks, fragments
        opened = sum(x["bytes"] for x in r.search["queries"][:2])
        return fmt(opened / 1024, ".0f") if q else "n/a"
    later = sorted(x[what] for x in q[1:] if x[what] is not None)
    if not later:
        return "n/a"
    mid = later[len(later) // 2]
    return fmt(mid / 1024, ".1f") if what == "bytes" else fmt(mid, ".0f")


_SITE_LINE = re.compile(r"^Site: rebuilt (\d+) of (\d+) page")


def _site_mode(project: Path, output: str = "") -> str:
    """How the last `build` made site/: incremental (pages rebuilt, from the
    build's own "Site: rebuilt N of M page(s)" line) or full, and why (the
    manifest's mode and reason; its layout is site.py's, so read defensively)."""
    from generator.site.manifest import MANIFEST_FILE

    for line in output.splitlines():
        m = _SITE_LINE.match(line.strip())
        if m:
            return f"rebuild 1 edit: incremental site build, {m[1]} of {m[2]} pages rebuilt"
    try:
        manifest = json.loads((project / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "rebuild 1 edit: no site manifest (full site build)"
    return f"rebuild 1 edit: {manifest.get('mode', '?')} site build ({manifest.get('reason')})"


def _same_data(a: Path, b: Path) -> str:
    """Whether --jobs 2 wrote byte-identical data/*.yaml to --jobs 1."""
    names = sorted(p.name for p in (a / "data").glob("*.yaml"))
    differ = [n for n in names if (a / "data" / n).read_bytes() != (b / "data" / n).read_bytes()]
    return "--jobs 2 data/ identical to --jobs 1" if not differ else f"--jobs 2 data/ DIFFERS: {differ}"


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


def slope(points: list[tuple[int, float]]) -> Optional[float]:
    """Least-squares slope of log(time) against log(size): 1 = linear, 2 = quadratic."""
    pts = [(math.log(n), math.log(t)) for n, t in points if t and t > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    var = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / var if var else None


def fmt(v: Optional[float], spec: str = ".2f", unit: str = "") -> str:
    return "n/a" if v is None else f"{v:{spec}}{unit}"


def verdict(ok: Optional[bool]) -> str:
    return "n/a " if ok is None else ("PASS" if ok else "MISS")


STAGES = [
    ("extract", "extract (CLI)"),
    ("re-extract (cached)", "re-extract, unchanged"),
    ("extract -j2", "extract --jobs 2"),
    ("render", "render"),
    ("build", "build (1st, site)"),
    ("mkdocs (bare)", "mkdocs build (bare)"),
    ("build --builder zensical", "build, zensical"),
    ("rebuild no-change", "rebuild, no change"),
    ("rebuild 1 edit", "rebuild, 1 YAML edit"),
    ("rebuild 1 edit, busiest year", "  same, busiest year"),
    ("rebuild 1 edit, one position", "  same, one position"),
]


def report(results: list[SizeResult]) -> None:
    sizes = [r.n for r in results]
    width = 24
    head = f"{'stage (wall seconds)':<{width}}" + "".join(f"{n:>11,}" for n in sizes)
    print("\nExponents are log-log slopes of CPU seconds against size (1 = linear), over all")
    print("sizes and between the two largest; wall time is shown, CPU time is fitted.")
    print("\n" + head + f"{'exponent':>10}{'last-pair':>10}")
    print("-" * len(head) + "-" * 20)
    exps: dict[str, tuple[Optional[float], Optional[float]]] = {}
    rows = [(k, label, [r.t(k) for r in results], [r.cpu(k) for r in results]) for k, label in STAGES]
    for key, label in (("ingest", "ingest (in-process)"), ("pipe", "nlp.pipe (floor)"),
                       ("extract", "extract_briefing()")):
        rows.append((f"{key}_inproc", label, [r.inner.get(f"{key}_s") for r in results],
                     [r.inner.get(f"{key}_cpu") for r in results]))
    for key, label, vals, cpus in rows:
        if all(v is None for v in vals):
            continue
        pts = [(n, c) for n, c in zip(sizes, cpus) if c]
        e_all, e_last = slope(pts), slope(pts[-2:])
        exps[key] = (e_all, e_last)
        print(f"{label:<{width}}" + "".join(f"{fmt(v):>11}" for v in vals) + f"{fmt(e_all):>10}{fmt(e_last):>10}")
    print("-" * len(head) + "-" * 20)
    per_sec = [(r.n / r.t("extract")) if r.t("extract") else None for r in results]
    ratio = [_ratio(r) for r in results]
    extra = [
        ("extract articles/s", [fmt(v, ".1f") for v in per_sec]),
        ("extract / nlp.pipe", [fmt(v, ".2f", "x") for v in ratio]),
        ("extract -j2 speed-up", [fmt(_speedup(r), ".2f", "x") for r in results]),
        ("  each run", [_spread(r.inner.get("ratio_runs")) for r in results]),
        ("spaCy set-up cpu s", [fmt(r.inner.get("spacy_setup_cpu")) for r in results]),
        ("sentences", [str(r.inner.get("sentences", "n/a")) for r in results]),
        ("pages docs/*.md", [str(r.pages_md) for r in results]),
        ("pages site/*.html", [str(r.pages_html or "n/a") for r in results]),
        ("peak memory MB", [fmt(r.peak_mb(), ".0f") for r in results]),
        ("full build s (wall)", [fmt(_full(r)) for r in results]),
        ("full build s (cpu)", [fmt(_full(r, cpu=True)) for r in results]),
        ("no-change own cpu s", [fmt(_own_noop(r)) for r in results]),
        ("search bundle KB", [_search_row(r, "bundle") for r in results]),
        ("search open+1st KB", [_search_row(r, "first") for r in results]),
        ("search later query KB", [_search_row(r, "bytes") for r in results]),
        ("search result ms", [_search_row(r, "ms") for r in results]),
    ]
    for label, vals in extra:
        print(f"{label:<{width}}" + "".join(f"{v:>11}" for v in vals))
    for r in results:
        for note in r.notes:
            print(f"note ({r.n}): {note}")
    if not ZENSICAL:
        print("zensical not installed")
    targets(results, exps)


def _spread(vals: Optional[list[float]]) -> str:
    """"4.1-4.4x": the least and greatest of the runs' ratios."""
    if not vals:
        return "n/a"
    return f"{min(vals):.1f}-{max(vals):.1f}x" if len(vals) > 1 else f"{vals[0]:.1f}x"


def _ratio(r: SizeResult) -> Optional[float]:
    """extract_briefing() CPU time over the pipeline's own nlp.pipe of the same
    sentences, same process; each the least of :func:`run_inner`'s runs."""
    e, t = r.inner.get("extract_cpu"), r.inner.get("pipe_cpu")
    return e / t if e and t else None


def _speedup(r: SizeResult) -> Optional[float]:
    """Wall time of ``extract`` over ``extract --jobs 2`` (the CLI, same articles, fresh projects)."""
    one, two = r.t("extract"), r.t("extract -j2")
    return one / two if one and two else None


def _full(r: SizeResult, cpu: bool = False) -> Optional[float]:
    get = r.cpu if cpu else r.t
    parts = [get("extract"), get("render"), get("build")]
    return sum(parts) if all(p is not None for p in parts) else None


def _own_noop(r: SizeResult, cpu: bool = True) -> Optional[float]:
    """Our share of a no-change rebuild: all of it when the build stamp found
    nothing to do (no mkdocs ran), else minus a bare mkdocs build of the same docs/."""
    get = r.cpu if cpu else r.t
    noop, mk = get("rebuild no-change"), get("mkdocs (bare)")
    run_ = r.runs.get("rebuild no-change")
    if noop is not None and run_ is not None and "is up to date" in run_.output:
        return noop
    return max(noop - mk, 0.0) if noop is not None and mk is not None else None


def _both(wall: Optional[float], cpu: Optional[float]) -> str:
    return f"{fmt(cpu, '.1f', ' s')} cpu ({fmt(wall, '.1f', ' s')} wall)"


def _raw(r: SizeResult) -> dict:
    """One size's figures as plain data (for --json)."""
    runs = {k: {"wall": v.seconds, "cpu": v.cpu, "peak_mb": v.peak_mb, "ok": v.ok} for k, v in r.runs.items()}
    return {"n": r.n, "runs": runs, "inner": r.inner, "pages_md": r.pages_md, "pages_html": r.pages_html,
            "search": r.search}


def _at(results: list[SizeResult], n: int) -> Optional[SizeResult]:
    return next((r for r in results if r.n == n), None)


def targets(results: list[SizeResult], exps: dict) -> None:
    print("\nTargets (measured, not asserted; judged on CPU seconds, which is what a quiet machine's")
    print("wall clock shows for this single-threaded work -- wall time also shown):")
    r1k, r10k, big = _at(results, 1000), _at(results, 10000), results[-1]
    full = _full(r1k, cpu=True) if r1k else None
    print(f"  {verdict(None if full is None else full < FULL_BUILD_1000_S)}  full build of 1,000 articles "
          f"< {FULL_BUILD_1000_S:.0f} s: {_both(_full(r1k) if r1k else None, full)}")
    # judged at every size: the largest repeats the 624 articles, which flatters it
    ratios = [(r.n, _ratio(r)) for r in results if _ratio(r) is not None]
    worst_ratio = max((v for _, v in ratios), default=None)
    print(f"  {verdict(None if worst_ratio is None else worst_ratio <= EXTRACT_VS_PIPE)}  extraction <= "
          f"{EXTRACT_VS_PIPE:.1f}x the pipeline's own nlp.pipe at every size: "
          + (", ".join(f"{v:.2f}x at {n:,}" for n, v in ratios) or "n/a"))
    cached = [(r.n, r.cpu("re-extract (cached)"), r.cpu("extract")) for r in results
              if r.cpu("re-extract (cached)") is not None and r.cpu("extract")]
    worst_cached = max((c / f for _, c, f in cached), default=None)
    print(f"  {verdict(None if worst_cached is None else worst_cached <= CACHED_REEXTRACT_SHARE)}  re-extracting "
          f"unchanged articles <= {CACHED_REEXTRACT_SHARE:.0%} of the first extract: "
          + (", ".join(f"{c:.1f} of {f:.1f} s cpu at {n:,}" for n, c, f in cached) or "n/a"))
    for r in results:
        if _speedup(r) is not None:
            print(f"  info  extract --jobs 2 at {r.n:,}: {_speedup(r):.2f}x faster (wall) than --jobs 1")
    edit = r1k.cpu("rebuild 1 edit") if r1k else None
    print(f"  {verdict(None if edit is None else edit < EDIT_REBUILD_1000_S)}  rebuild after one YAML edit "
          f"< {EDIT_REBUILD_1000_S:.0f} s at 1,000: {_both(r1k.t('rebuild 1 edit') if r1k else None, edit)}")
    busy = r1k.cpu("rebuild 1 edit, busiest year") if r1k else None
    print(f"  {verdict(None if busy is None else busy < EDIT_REBUILD_1000_S)}  the same, editing an event of "
          f"the busiest year (biggest page): "
          f"{_both(r1k.t('rebuild 1 edit, busiest year') if r1k else None, busy)}")
    pos = r1k.cpu("rebuild 1 edit, one position") if r1k else None
    print(f"  {verdict(None if pos is None else pos < EDIT_REBUILD_1000_S)}  the same, editing a position of "
          f"the busiest issue: "
          f"{_both(r1k.t('rebuild 1 edit, one position') if r1k else None, pos)}")
    own = _own_noop(r1k or big)
    print(f"  {verdict(None if own is None else own < NOOP_OWN_WORK_S)}  no-change rebuild < "
          f"{NOOP_OWN_WORK_S:.0f} s of our own work (rebuild minus bare mkdocs, at {(r1k or big).n:,}): "
          f"{fmt(own, '.1f', ' s')} cpu")
    peak = r10k.peak_mb() if r10k else None
    print(f"  {verdict(None if peak is None else peak < PEAK_MEMORY_10000_MB)}  peak memory < 1 GB at 10,000: "
          f"{fmt(peak, '.0f', ' MB')}")
    lasts = {k: e[1] for k, e in exps.items() if e[1] is not None and k not in ("pipe_inproc", "re-extract (cached)")}
    worst = max(lasts.items(), key=lambda kv: kv[1]) if lasts else None
    ok = None if worst is None else worst[1] <= LINEAR_SLOPE
    print(f"  {verdict(ok)}  every stage linear (log-log slope between the two largest sizes <= {LINEAR_SLOPE}): "
          + (f"worst {worst[0]} {worst[1]:.2f}" if worst else "n/a"))


# --------------------------------------------------------------------------
# Profile
# --------------------------------------------------------------------------


def profile(corpus: Path, work: Path, top: int, skip_site: bool) -> None:
    """cProfile the whole ``briefing build --articles`` of one corpus; print the top by cumulative time."""
    project = make_project(work / "project-profile")
    out = work / "build.prof"
    cmd = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "generator.cli", "--root", str(project)]
    cmd += ["extract", "--articles", str(corpus)] if skip_site else ["build", "--articles", str(corpus)]
    r = run(cmd, cwd=REPO)
    what = "extract" if skip_site else "build --articles"
    print(f"\n== cProfile of `briefing {what}` ({corpus.name}): {r.seconds:.1f} s wall under the profiler ==")
    if not out.exists():
        print("profile failed:\n" + r.output[-2000:])
        return
    stats = pstats.Stats(str(out))
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top // 2)


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def parse_args(argv: Optional[list[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="100,624,1000,10000", help="comma-separated corpus sizes")
    p.add_argument("--skip-site", action="store_true", help="leave out the site builder (quick run)")
    p.add_argument("--jobs", type=int, default=None, help="worker processes for the main extract run")
    p.add_argument("--no-parallel", dest="parallel", action="store_false",
                   help="do not also time extract --jobs 2")
    p.add_argument("--no-profile", dest="profile", action="store_false", help="skip the cProfile run")
    p.add_argument("--profile-size", type=int, default=1000, help="corpus size to profile (when it is among --sizes)")
    p.add_argument("--top", type=int, default=30, help="functions to list in the profile")
    p.add_argument("--no-zensical", dest="zensical", action="store_false", help="skip the zensical build")
    p.add_argument("--json", type=Path, help="also write the raw figures to this JSON file")
    p.add_argument("--keep", action="store_true", help="keep the temporary projects and print where")
    p.add_argument("--inner-repeats", type=int, default=5,
                   help="runs of the in-process nlp.pipe/extraction timing per size up to 1,000 (least kept)")
    p.add_argument("--inner", type=Path, help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: Optional[list[str]] = None) -> int:
    args = parse_args(argv)
    if args.inner:
        print(json.dumps(inner(args.inner)))
        return 0
    try:
        base = load_base()
    except CorpusMissing as exc:
        print(f"benchmark skipped: {exc}")
        return 0
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    print(f"Benchmark on {os.cpu_count()} CPU(s), Python {sys.version.split()[0]}, load average "
          f"{os.getloadavg()[0]:.1f}; work folder {work}")
    try:
        results = []
        for n in sizes:
            corpus = make_corpus(n, work / "corpora", base)
            results.append(bench_size(n, corpus, work, args))
            if not args.keep:  # keep disk use flat
                shutil.rmtree(work / f"project-{n}", ignore_errors=True)
        report(results)
        if args.json:
            args.json.write_text(json.dumps([_raw(r) for r in results], indent=1), encoding="utf-8")
        print(f"load average at the end: {os.getloadavg()[0]:.1f} (above {os.cpu_count()} = other work shared the CPUs)")
        if args.profile and args.profile_size in sizes:
            corpus = make_corpus(args.profile_size, work / "corpora", base)
            profile(corpus, work, args.top, args.skip_site)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
