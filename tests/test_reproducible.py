"""The same sources build the same site, byte for byte.

Two fresh copies of the project, in two different folders, each run the whole
pipeline (``briefing build --extract`` on seeds/) with SOURCE_DATE_EPOCH
pinned and a different PYTHONHASHSEED.  Any difference means output depends on
where, when or in which hash order it was built: the published site would
churn on every push and diffs of data/ and docs/ would be noise.
"""

from __future__ import annotations

import difflib
import gzip
import shutil
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from htmlcheck import build_project, copy_project  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
EPOCH = 1341532800  # 2012-07-06T00:00:00Z, the seeds' publication date
OUTPUTS = ("data", "docs", "site")


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for name in OUTPUTS if (root / name).exists()
            for p in sorted((root / name).rglob("*")) if p.is_file()}


def _first_difference(rel: str, a: bytes, b: bytes) -> str:
    if rel.endswith(".gz"):
        a, b = gzip.decompress(a), gzip.decompress(b)
        if a == b:
            return f"{rel}: same content, different gzip header"
    try:
        la, lb = a.decode("utf-8").splitlines(), b.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return f"{rel}: binary files differ"
    diff = list(difflib.unified_diff(la, lb, "build-1/" + rel, "build-2/" + rel, n=0, lineterm=""))
    return "\n".join(line[:200] for line in diff[:8])


FIXTURE_DATA = REPO / "tests" / "fixtures" / "briefing"


@pytest.fixture(scope="module", params=["seeds", "fixture"])
def two_builds(request, tmp_path_factory):
    """Two builds in two folders: "seeds" runs the whole pipeline on seeds/;
    "fixture" renders and builds tests/fixtures/briefing (no extraction)."""
    extract = request.param == "seeds"
    # One snapshot, copied twice: both builds see the same code and templates
    # even while the working tree changes under the test.
    snapshot = copy_project(REPO, tmp_path_factory.mktemp(f"{request.param}-snapshot"))
    roots = []
    for n, seed in ((1, "1"), (2, "2")):
        root = tmp_path_factory.mktemp(f"{request.param}-build-{n}")
        shutil.copytree(snapshot, root, dirs_exist_ok=True)
        proc = build_project(root, epoch=EPOCH, hashseed=seed,
                             data_from=None if extract else FIXTURE_DATA)
        assert proc.returncode == 0, f"build {n} failed:\n{proc.stdout}\n{proc.stderr}"
        roots.append(root)
    return roots


def test_two_builds_are_identical(two_builds):
    a, b = (_files(r) for r in two_builds)
    assert a, "the build wrote nothing into data/, docs/ or site/"
    only = sorted(set(a) ^ set(b))
    assert not only, f"files in only one build: {only}"
    differing = sorted(rel for rel in a if a[rel] != b[rel])
    assert not differing, (
        f"{len(differing)} of {len(a)} files differ:\n"
        + "\n".join(_first_difference(rel, a[rel], b[rel]) for rel in differing[:10])
    )


def test_no_build_folder_leaks_into_the_output(two_builds):
    """An absolute path would make the site differ by checkout location (and expose it)."""
    for root in two_builds:
        needle = str(root).encode()
        leaks = [rel for rel, data in _files(root).items() if needle in data]
        assert not leaks, f"{root} appears in {leaks[:10]}"


def test_sitemap_dates_come_from_source_date_epoch(two_builds):
    site = two_builds[0] / "site"
    day = datetime.fromtimestamp(EPOCH, timezone.utc).strftime("%Y-%m-%d")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>" in sitemap
    assert sitemap.count("<lastmod>") == sitemap.count(f"<lastmod>{day}</lastmod>"), sitemap[:500]
    raw = (site / "sitemap.xml.gz").read_bytes()
    mtime = int.from_bytes(raw[4:8], "little")  # RFC 1952 header: MTIME
    midnight = int(datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp())
    assert mtime == midnight, f"gzip mtime {mtime}: not the day of SOURCE_DATE_EPOCH ({day})"
    assert gzip.decompress(raw).decode("utf-8") == sitemap


def test_the_wall_clock_date_appears_nowhere(two_builds):
    """With SOURCE_DATE_EPOCH pinned, today's date in any output means a clock was read."""
    today = datetime.now(timezone.utc).strftime("%Y-%m-%d").encode()
    files = _files(two_builds[0])
    assert "site/pagefind/pagefind-entry.json" in files
    stamped = [rel for rel, data in files.items() if today in data]
    assert not stamped, f"today's date ({today.decode()}) in {stamped[:10]}"
