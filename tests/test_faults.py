"""Faults through the real ``briefing build``: killed builds, two builds at once, a full disk.

Each case starts the real CLI as a subprocess on a throw-away project, breaks
it (SIGTERM/SIGKILL at a marker in its output, a second build, RLIMIT_FSIZE so
writes fail with EFBIG) and then hashes data/, docs/ and site/: every file must
be the old or the new version (never a torn one), site/ must be wholly old or
wholly new, nothing but dot-files may be left over where mkdocs looks, and a
re-run must give exactly the site a clean build gives.  Builds pin
SOURCE_DATE_EPOCH so "the new version" is byte-for-byte known.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BRIEFING = str(Path(sys.executable).parent / "briefing")
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1341532800", "PYTHONHASHSEED": "0"}
OUTPUTS = ("data", "docs", "site")

LATE = """Kofi Annan met Bashar al-Assad in Damascus on July 9, 2012.
The United Nations envoy said the talks were candid and constructive.
Syrian troops shelled the city of Homs on Tuesday, activists said.
"""


def new_project(root: Path, articles: dict[str, str | bytes] | None = None) -> Path:
    """A project folder like the repository's: mkdocs.yml, templates, hand pages, seeds."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "templates" / "mkdocs", root / "templates" / "mkdocs")
    (root / "docs").mkdir()
    shutil.copy(REPO / "docs" / "about.md", root / "docs" / "about.md")
    shutil.copytree(REPO / "docs" / "assets", root / "docs" / "assets")
    shutil.copytree(REPO / "seeds", root / "seeds")
    for rel, content in (articles or {}).items():
        path = root / "seeds" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


def briefing(root: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([BRIEFING, "--root", str(root), *args], capture_output=True, text=True,
                          env=ENV, **kw)


def snapshot(root: Path, names=OUTPUTS) -> dict[str, bytes]:
    """Every file under data/, docs/ and site/ (dot-files included) -> bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for name in names if (root / name).exists()
            for p in sorted((root / name).rglob("*")) if p.is_file()}


def part(snap: dict[str, bytes], top: str) -> dict[str, bytes]:
    return {k: v for k, v in snap.items() if k.startswith(top + "/")}


def visible(rel: str) -> bool:
    """Would mkdocs (or a reader of data/) see this file? Dot-files are excluded by mkdocs."""
    return not any(seg.startswith(".") for seg in rel.split("/")[1:])


def mkdocs_writing(root: Path) -> bool:
    """mkdocs has started writing pages into the temporary site folder."""
    return any(next(d.rglob("*.html"), None) is not None for d in root.glob(".site.build-*"))


def run_until(root: Path, marker: str | None, delay: float, sig: int) -> tuple[int, str]:
    """Start ``briefing build --extract``; after *marker* appears on stderr (or at
    once) wait *delay* seconds and send *sig* to its process group (mkdocs too).

    A *delay* of None waits instead until mkdocs is half-way (it has written a
    page into its temporary folder), which does not depend on the machine's speed."""
    proc = subprocess.Popen([BRIEFING, "--root", str(root), "build", "--extract"], env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    seen = threading.Event()
    lines: list[str] = []

    def read() -> None:
        for line in proc.stderr:
            lines.append(line)
            if marker is None or marker in line:
                seen.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if marker is None:
        seen.set()
    seen.wait(timeout=120)
    if delay is None:
        deadline = time.monotonic() + 120
        while not mkdocs_writing(root) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
    else:
        time.sleep(delay)
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        pass
    proc.wait(timeout=60)
    reader.join(timeout=10)
    return proc.returncode, "".join(lines)


def assert_old_or_new(cur: dict, old: dict, new: dict) -> None:
    """data/ and docs/: each file old or new bytes; site/ wholly old or wholly new."""
    for top in ("data", "docs"):
        for rel in set(part(cur, top)) | set(part(old, top)) | set(part(new, top)):
            if not visible(rel):
                continue  # temp files mkdocs and the loader never read
            assert cur.get(rel) in (old.get(rel), new.get(rel)), f"{rel} is neither old nor new"
    site = {k: v for k, v in part(cur, "site").items()}
    assert site == part(old, "site") or site == part(new, "site"), "site/ is a mix of two builds"


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """(base project built once, snapshot before, snapshot after adding LATE and rebuilding)."""
    base = new_project(tmp_path_factory.mktemp("faults") / "base")
    res = briefing(base, "build", "--extract")
    assert res.returncode == 0, res.stderr
    old = snapshot(base)
    ref = tmp_path_factory.mktemp("faults") / "ref"
    shutil.copytree(base, ref)
    (ref / "seeds" / "late.txt").write_text(LATE, encoding="utf-8")
    res = briefing(ref, "build", "--extract")
    assert res.returncode == 0, res.stderr
    new = snapshot(ref)
    assert part(new, "site") != part(old, "site")
    return base, old, new


def fresh(states, tmp_path: Path) -> Path:
    base, _, _ = states
    root = tmp_path / "proj"
    shutil.copytree(base, root)
    (root / "seeds" / "late.txt").write_text(LATE, encoding="utf-8")
    return root


KILLS = [
    ("startup", None, 0.4, signal.SIGTERM),          # while importing / reading articles
    ("after-extract", "Extracted", 0.0, signal.SIGKILL),  # data/ just merged, before render
    ("after-render", "Rendered", 0.0, signal.SIGTERM),    # docs/ written, mkdocs starting
    ("during-mkdocs", "Rendered", None, signal.SIGKILL),  # mkdocs half-way through site/
]


@pytest.mark.parametrize("name,marker,delay,sig", KILLS, ids=[k[0] for k in KILLS])
def test_killed_build_leaves_old_or_new_and_rerun_recovers(states, tmp_path, name, marker, delay, sig):
    _, old, new = states
    root = fresh(states, tmp_path)
    rc, err = run_until(root, marker, delay, sig)
    assert rc != 0, f"the build finished before the kill ({name}); move the kill point:\n{err}"
    assert_old_or_new(snapshot(root), old, new)
    # Re-running after the crash gives exactly the clean build: nothing lost, nothing stale.
    res = briefing(root, "build", "--extract")
    assert res.returncode == 0, res.stderr
    after = {k: v for k, v in snapshot(root).items() if visible(k)}
    assert after == {k: v for k, v in new.items() if visible(k)}


def test_second_build_fails_fast_and_the_first_finishes_intact(states, tmp_path):
    _, _, new = states
    root = fresh(states, tmp_path)
    first = subprocess.Popen([BRIEFING, "--root", str(root), "build", "--extract"], env=ENV,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    line = first.stderr.readline()  # the first progress line: the lock is held by now
    assert line, "first build printed nothing"
    start = time.monotonic()
    second = briefing(root, "build", "--extract")
    waited = time.monotonic() - start
    rest = first.stderr.read()
    assert first.wait(timeout=120) == 0, line + rest
    assert second.returncode == 1
    assert "another briefing build is running (pid" in second.stderr, second.stderr
    assert "Traceback" not in second.stderr
    assert waited < first_duration_bound(), "the second build waited instead of failing fast"
    assert {k: v for k, v in snapshot(root).items() if visible(k)} == \
        {k: v for k, v in new.items() if visible(k)}


def first_duration_bound() -> float:
    """Not a speed assertion: only 'did not wait for the other build' (which takes >5 s)."""
    return 60.0


def _limit_file_size(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
    return apply


@pytest.mark.parametrize("command", ["build", "extract"])
def test_full_disk_is_one_clear_line_and_previous_files_stay(states, tmp_path, command):
    """RLIMIT_FSIZE stands in for a full disk: a write beyond it fails with EFBIG."""
    base, old, _ = states
    root = tmp_path / "proj"
    shutil.copytree(base, root)
    big = "Kofi Annan, the envoy, said " + "very " * 40_000 + "little on July 9, 2012.\n"
    if command == "build":  # an editor pastes a huge role: the rendered page is too big
        actors = root / "data" / "actors.yaml"
        text = actors.read_text(encoding="utf-8")
        assert "\n  role: " in text
        actors.write_text(text.replace("\n  role: ", "\n  role: " + "x" * 300_000 + " ", 1), encoding="utf-8")
        args = ("build",)
    else:  # an article with a huge title: the merged data/sources.yaml is too big
        (root / "seeds" / "huge.md").write_text("---\ntitle: " + "Very " * 40_000 + "\n---\n" + big,
                                                encoding="utf-8")
        args = ("extract",)
    before = snapshot(root)
    res = subprocess.run([BRIEFING, "--root", str(root), *args], capture_output=True, text=True,
                         env=ENV, preexec_fn=_limit_file_size(150_000))
    assert res.returncode == 1, res.stderr
    assert "Traceback" not in res.stderr
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("Error:")]
    assert len(errors) == 1 and "too large" in errors[0].lower(), res.stderr
    after = snapshot(root)
    assert part(after, "site") == part(before, "site")
    assert part(after, "data") == part(before, "data")
    for rel, data in part(after, "docs").items():
        assert visible(rel), f"temp file left in docs/: {rel}"
    assert not [p for p in root.iterdir() if p.name.endswith(".tmp")]
