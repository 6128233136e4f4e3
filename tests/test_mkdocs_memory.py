"""The briefing plugin's ``release_pages`` (generator/site/spill.PageSpill)
keeps mkdocs' memory flat: each page's HTML waits on disk between mkdocs' two
passes, and the search entries go to a file spliced into the index at the end.

What must hold, and is checked here with the real ``mkdocs build --strict``:
the site is byte for byte the one a build without it gives (pages, search
index, sitemap), on a small project written here and on a real briefing
project, also after an edit rebuilt incrementally by ``briefing build``; and
a build that fails half way leaves no temporary file behind.  Memory itself
is measured by the benchmarks (README "Performance"), never asserted here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cache import CACHE_DIR
from generator.site.env import ENV_PAGES, ENV_PLAN
from generator.site.spill import SPILL_PREFIX, PageSpill
from htmlcheck import build_project, copy_project

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "briefing"
EPOCH = "1341532800"

MKDOCS_YML = """site_name: Spill test
site_url: https://example.org/spill/
use_directory_urls: false
strict: true
nav:
  - Home: index.md
  - Notes: notes.md
not_in_nav: |
  /extra/*.md
validation:
  links:
    anchors: warn
theme:
  name: material
  features:
    - search.highlight
plugins:
  - search
  - briefing{options}
markdown_extensions:
  - attr_list
  - tables
  - toc:
      permalink: true
"""

PAGES = {
    "index.md": "# The desk’s briefing\n\nWho said “what” — and where. Ünïcödé and 🚀 too.\n\n"
                "## First section {#first}\n\nSee [the notes’ second part](notes.md#second).\n\n"
                "## Second section\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    # CRLF line endings and a front-matter title: the HTML must come back unchanged.
    "notes.md": "---\ntitle: Field notes\n---\r\n\r\n# Notes heading\r\n\r\n## Second {#second}\r\n\r\n"
                "Text with a raw <a href=\"index.html#first\">link</a>.\r\n",
    # No heading at all: mkdocs names the page after the file.
    "untitled-page.md": "Just a paragraph, no heading; its title comes from the file name.\n",
    "extra/hidden.md": "---\nsearch:\n  exclude: true\n---\n\n# Hidden\n\nNot indexed.\n",
    "extra/many.md": "# Many sections\n\n" + "".join(
        f"## Section {i}\n\nParagraph {i} mentions “quote {i}” and <span data-search-exclude>skip</span>.\n\n"
        for i in range(60)),
}


def _make_project(root: Path, release: bool | None, pages: dict[str, str] = PAGES) -> Path:
    options = "" if release is None else f":\n      release_pages: {'true' if release else 'false'}"
    root.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(options=options), encoding="utf-8")
    for rel, text in pages.items():
        path = root / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))  # bytes: keep the CRLF as written
    return root


def _mkdocs(root: Path, tmpdir: Path) -> subprocess.CompletedProcess:
    """The real `mkdocs build --strict`; TMPDIR points at a folder the test can
    inspect (the spill should not use it: it goes to the project's cache)."""
    tmpdir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "0", "TMPDIR": str(tmpdir)}
    for var in (ENV_PLAN, ENV_PAGES):  # a plain mkdocs build, not one driven by `briefing build`
        env.pop(var, None)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml")],
                          cwd=root, env=env, capture_output=True, text=True, timeout=600)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _same_site(a: Path, b: Path) -> None:
    fa, fb = _files(a), _files(b)
    assert sorted(fa) == sorted(fb), sorted(set(fa) ^ set(fb))[:10]
    differ = [name for name in fa if fa[name] != fb[name]]
    assert differ == [], f"differ: {differ[:10]}"


def _spills(root: Path) -> list[Path]:
    """Spill folders left in the project (there should be none after a build)."""
    return sorted((root / CACHE_DIR).glob(f"{SPILL_PREFIX}*"))


def _index(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


# -- the spill itself ---------------------------------------------------------


def test_spill_gives_back_exactly_what_it_took_and_cleans_up(tmp_path):
    spill = PageSpill(str(tmp_path))
    texts = {"a.md": "line\r\nnext\rold mac\n", "b.md": "“curly” 🚀 \udcff lone surrogate", "c.md": ""}
    for key, text in texts.items():
        spill.put_html(key, text)
    folder = Path(spill._folder())
    assert folder.parent == tmp_path and folder.name.startswith(f"{SPILL_PREFIX}{os.getpid()}-")
    assert (folder / PageSpill.PAGES_FILE).stat().st_size == sum(len(t.encode("utf-8", "surrogatepass"))
                                                                 for t in texts.values())
    assert spill.take_html("b.md") == texts["b.md"]
    assert spill.take_html("b.md") is None  # taken once
    assert spill.take_html("never-put.md") is None
    spill.put_html("d.md", "after a read: appended, not written over")
    assert spill.take_html("a.md") == texts["a.md"]
    assert spill.take_html("c.md") == ""
    assert spill.take_html("d.md") == "after a read: appended, not written over"
    spill.close()
    assert not folder.exists()
    spill.close()  # twice is fine


# -- a small project of our own -------------------------------------------------


@pytest.fixture(scope="module")
def small_sites(tmp_path_factory):
    """The same small project built with release_pages true, false and unset (default)."""
    base = tmp_path_factory.mktemp("spill")
    sites = {}
    for name, release in (("on", True), ("off", False), ("default", None)):
        root = _make_project(base / name, release)
        tmp = base / f"tmp-{name}"
        proc = _mkdocs(root, tmp)
        assert proc.returncode == 0, proc.stderr
        assert list(tmp.iterdir()) == [] and _spills(root) == [], "the build left temporary files"
        sites[name] = root / "site"
    return sites


def test_release_pages_gives_the_same_site_byte_for_byte(small_sites):
    _same_site(small_sites["on"], small_sites["off"])
    _same_site(small_sites["default"], small_sites["off"])


def test_spilled_search_index_holds_every_page_in_build_order(small_sites):
    docs = _index(small_sites["on"])
    assert docs == _index(small_sites["off"])
    locations = [d["location"] for d in docs]
    assert "index.html#first" in locations and "notes.html#second" in locations
    assert "untitled-page.html" in locations
    assert sum(loc.startswith("extra/many.html#section-") for loc in locations) == 60
    assert not any(loc.startswith("extra/hidden.html") for loc in locations)  # search: exclude
    first = next(d for d in docs if d["location"] == "index.html")
    assert first["title"] == "The desk’s briefing" and "🚀" in first["text"]
    # the page's HTML came back for the theme: content, title from the file name, CRLF page
    untitled = (small_sites["on"] / "untitled-page.html").read_text(encoding="utf-8")
    assert "<title>Untitled page - Spill test</title>" in untitled and "its title comes from" in untitled
    assert 'id="second"' in (small_sites["on"] / "notes.html").read_text(encoding="utf-8")


def test_bad_option_is_a_config_error(tmp_path):
    root = _make_project(tmp_path / "p", None)
    yml = root / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("  - briefing", "  - briefing:\n      release_pages: sometimes"),
                   encoding="utf-8")
    proc = _mkdocs(root, tmp_path / "tmp")
    assert proc.returncode != 0
    assert "release_pages" in proc.stderr


RECORD_HOOK = """import json, os, pathlib

def on_env(env, config, files):
    # What lies in the project's cache once every page is converted (the spill's files).
    cache = pathlib.Path(config.config_file_path).parent / ".briefing-cache"
    found = {p.name: p.stat().st_size for p in cache.rglob("*") if p.is_file()}
    with open(os.environ["SPILL_RECORD"], "w", encoding="utf-8") as fh:
        json.dump(found, fh)
    return env
"""


def test_a_page_failing_mid_build_leaves_no_temporary_files(tmp_path, monkeypatch):
    pages = dict(PAGES)
    # Fails in mkdocs' second pass (the theme has no such template), after
    # every page's HTML was spilled and some pages were already written.
    pages["zz-broken.md"] = "---\ntemplate: no-such-template.html\n---\n\n# Broken\n\nText.\n"
    root = _make_project(tmp_path / "p", True, pages)
    proc, seen = _build_recorded(root, tmp_path, monkeypatch)
    assert proc.returncode != 0
    assert "no-such-template.html" in proc.stderr
    assert seen.get(PageSpill.PAGES_FILE, 0) > sum(map(len, pages.values())), seen  # every page's HTML on disk
    assert _spills(root) == [] and list((tmp_path / "tmp").iterdir()) == []


def test_unset_option_keeps_pages_in_memory_when_another_plugin_may_read_them(tmp_path, monkeypatch):
    root = _make_project(tmp_path / "p", None)
    proc, seen = _build_recorded(root, tmp_path, monkeypatch)
    assert proc.returncode == 0, proc.stderr
    assert PageSpill.PAGES_FILE not in seen


def _build_recorded(root: Path, tmp_path: Path, monkeypatch) -> tuple[subprocess.CompletedProcess, dict]:
    """Build *root* with RECORD_HOOK added to its mkdocs.yml; the process and
    what the hook saw of the spill folder."""
    (root / "record_hook.py").write_text(RECORD_HOOK, encoding="utf-8")
    yml = root / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + "hooks:\n  - record_hook.py\n", encoding="utf-8")
    record = tmp_path / "record.json"
    monkeypatch.setenv("SPILL_RECORD", str(record))
    proc = _mkdocs(root, tmp_path / "tmp")
    return proc, json.loads(record.read_text(encoding="utf-8"))


def test_a_killed_builds_spill_is_swept_by_the_next(tmp_path):
    root = _make_project(tmp_path / "p", True)
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = root / CACHE_DIR / f"{SPILL_PREFIX}{int(done.stdout)}-abc123"  # that process has exited
    live = root / CACHE_DIR / f"{SPILL_PREFIX}{os.getpid()}-def456"  # this one (pytest) is running
    for folder in (dead, live):
        folder.mkdir(parents=True)
        (folder / "1.html").write_text("<p>left over</p>", encoding="utf-8")
    proc = _mkdocs(root, tmp_path / "tmp")
    assert proc.returncode == 0, proc.stderr
    assert _spills(root) == [live]


# -- a real briefing project, full and incremental ------------------------------


def _briefing_build(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "0", "PYTHONPATH": str(project)}
    env.pop("BRIEFING_FULL_SITE_BUILD", None)
    return subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(project), "build"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=900)


def _set_release(project: Path, release: bool) -> None:
    yml = project / "mkdocs.yml"
    text = yml.read_text(encoding="utf-8")
    assert "\n  - briefing\n" in text
    yml.write_text(text.replace("\n  - briefing\n", f"\n  - briefing:\n      release_pages: {str(release).lower()}\n"),
                   encoding="utf-8")


def _edit(project: Path) -> None:
    path = project / "data" / "timeline.yaml"
    text = path.read_text(encoding="utf-8")
    old = "title: World powers agree a transition plan for Syria in Geneva"
    assert old in text
    path.write_text(text.replace(old, "title: World powers agree a Zanzibarian transition plan in Geneva", 1),
                    encoding="utf-8")


def test_briefing_site_full_and_incremental_is_the_same_with_and_without(tmp_path):
    on = copy_project(REPO, tmp_path / "on")
    _set_release(on, True)
    proc = build_project(on, data_from=FIXTURE)
    assert proc.returncode == 0, proc.stderr
    off = copy_project(REPO, tmp_path / "off")
    _set_release(off, False)
    proc = build_project(off, data_from=FIXTURE)
    assert proc.returncode == 0, proc.stderr
    _same_site(on / "site", off / "site")

    # One edit: `briefing build` rebuilds incrementally (release_pages on), the
    # other project in full (release_pages off, manifest removed): same site.
    _edit(on)
    _edit(off)
    (off / ".briefing-site.json").unlink()
    proc = _briefing_build(on)
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads((on / ".briefing-site.json").read_text(encoding="utf-8"))
    assert manifest["mode"] == "incremental", manifest.get("reason")
    proc = _briefing_build(off)
    assert proc.returncode == 0, proc.stderr
    assert json.loads((off / ".briefing-site.json").read_text(encoding="utf-8"))["mode"] == "full"
    _same_site(on / "site", off / "site")
    from generator import search  # the briefing's site is searched through Pagefind

    assert any("Zanzibarian" in text for text in search.indexed_pages(on / "site").values())


def test_page_index_is_written_page_by_page_as_json_dumps_would(tmp_path):
    """The per-page anchor index `briefing build` keeps (its manifest) is
    streamed: same bytes as one json.dumps of the whole dict."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from generator.site.incremental import page_index, write_page_index

    root = _make_project(tmp_path / "p", True)
    config = load_config(str(root / "mkdocs.yml"))
    files = Files([File(rel, str(root / "docs"), str(root / "site"), False) for rel in sorted(PAGES)]
                  + [File("assets/x.css", str(root / "docs"), str(root / "site"), False)])
    pages = {f.src_uri: Page(None, f, config) for f in files.documentation_pages()}
    pages["index.md"].present_anchor_ids = {"first", "zweite-überschrift", "a"}
    pages["index.md"].links_to_anchors = {files.get_file_from_path("notes.md"): {"second": "notes.md#second"}}
    pages["notes.md"].present_anchor_ids = set()
    nav = [{"kind": "Page", "title": "Home “quoted”", "url": "index.html", "meta": {}}]
    for rebuilt in (None, ["index.md", "notes.md"]):
        out = tmp_path / "index.json"
        write_page_index(out, nav, files, rebuilt)
        expected = {"nav": nav, "pages": page_index(files)}
        if rebuilt is not None:
            expected["rebuilt"] = rebuilt
        assert out.read_text(encoding="utf-8") == json.dumps(expected, sort_keys=True)
    assert json.loads(out.read_text(encoding="utf-8"))["pages"]["index.md"] == {
        "anchors": ["a", "first", "zweite-überschrift"], "links": {"notes.md": {"second": "notes.md#second"}}}
    write_page_index(out, [], None, None)
    assert out.read_text(encoding="utf-8") == json.dumps({"nav": [], "pages": {}}, sort_keys=True)
