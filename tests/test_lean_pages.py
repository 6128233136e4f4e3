"""Lean pages: the big generated pages are written as raw HTML blocks (cheap for
Markdown, guide/docs/performance-history.md "Where mkdocs spends its time"), and their links are still
validated by `mkdocs build --strict` through the briefing plugin.

Real render of the fixture project, real mkdocs builds; no timing asserted.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from briefing_project import load, make_project

from generator import render as R

BIN = Path(sys.executable).parent


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1341792000")
    cfg = make_project(tmp_path / "proj")
    R.render(load(cfg), cfg)
    return cfg


def mkdocs_build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "mkdocs"), "build", "--strict"], cwd=root,
                          capture_output=True, text=True, timeout=600)


def test_big_pages_hold_one_raw_block_per_section(project):
    """Markdown copies the rest of the page at the end of each raw block: one
    block per issue / day / article keeps that linear in practice."""
    docs = project.path("docs")
    positions = (docs / "positions" / "sanctions.md").read_text(encoding="utf-8")  # an issue's page
    timeline = (docs / "timeline" / "2012.md").read_text(encoding="utf-8")
    assert positions.count('<div class="issue-positions">') == 1
    days = re.findall(r"^### .* \{ #", timeline, re.M)
    assert days and timeline.count('<div class="day-events">') == len(days)
    # the sources index is one table; each article page one block
    assert (docs / "sources.md").read_text(encoding="utf-8").count("<table") == 1
    articles = sorted((docs / "sources").glob("*.md"))
    assert len(articles) == 5
    for page in articles:
        assert page.read_text(encoding="utf-8").count('<div class="src-article">') == 1, page
    for text in (positions, timeline):
        assert not re.search(r"^\s*\?\?\? quote", text, re.M) and '<details class="quote"' in text
    # the provenance of the Paris event: its two sentences, linked to their anchors
    soup = BeautifulSoup(timeline, "html.parser")
    details = soup.find(id="friends-of-syria-paris").find_next("details")
    assert [a["href"] for a in details.find_all("a")] == [
        "../sources/ap-2012-07-06-paris.html#ap-2012-07-06-paris-s1",
        "../sources/bbc-2012-07-06-sanctions.html#bbc-2012-07-06-sanctions-s0"]


def test_raw_html_keeps_data_text_inert(project):
    """Text in the raw blocks is escaped by autoescape, not by md_text."""
    b = load(project)
    b.timeline[0].title = '<script>alert(1)</script> *x* {: onclick="y" }'
    R.render(b, project)
    text = (project.path("docs") / "timeline" / "2012.md").read_text(encoding="utf-8")
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *x* {: onclick=&#34;y&#34; }" in text


def test_the_built_site_has_the_raw_pages_and_strict_passes(project):
    proc = mkdocs_build(project.root)
    assert proc.returncode == 0, proc.stderr
    site = project.root / "site"
    soup = BeautifulSoup((site / "positions" / "sanctions.html").read_text(encoding="utf-8"), "html.parser")
    head = soup.find(id="clinton-sanctions")
    assert head.name == "h3" and head.find("a", class_="headerlink")["href"] == "#clinton-sanctions"
    assert head.find_next("a", href="../actors/hillary-clinton.html")
    actor = BeautifulSoup((site / "actors" / "hillary-clinton.html").read_text(encoding="utf-8"), "html.parser")
    assert actor.find("a", href="../timeline/2012.html#friends-of-syria-paris")


@pytest.mark.parametrize("page, old, new, expected", [
    ("timeline/2012.md", "paris.html#ap-2012-07-06-paris-s1", "paris.html#ap-2012-07-06-paris-s99",
     "does not contain an anchor '#ap-2012-07-06-paris-s99'"),
    ("actors/hillary-clinton.md", '"../timeline/2012.html#', '"../timeline/2011.html#',
     "raw HTML link '../timeline/2011.html#"),
    ("sources/ap-2012-07-06-paris.md", 'href="../timeline/2012.html#friends-of-syria-paris"',
     'href="../timeline/2012.html#friends-of-syria-pari"', "does not contain an anchor '#friends-of-syria-pari'"),
    ("positions.md", 'href="actors/hillary-clinton.html"', 'href="actors/hillary-clinto.html"',
     "target 'actors/hillary-clinto.html' is not found"),
])
def test_a_broken_raw_html_link_fails_the_strict_build(project, page, old, new, expected):
    path = project.path("docs") / page
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    proc = mkdocs_build(project.root)
    assert proc.returncode == 1
    assert expected in proc.stderr and page in proc.stderr


def test_provenance_is_searchable_once_on_the_sources_page(project):
    """Provenance blocks are left out of the search index only because every
    sentence in them is indexed under its article on its page sources/<article>.html."""
    import html

    from generator import search
    from generator.site import builder

    site = builder.build_site(project)  # mkdocs, then the search index (generator/search.py)
    docs = search.indexed_pages(site)
    on_sources = " ".join(" ".join(text.split()) for loc, text in docs.items() if loc.startswith("sources/"))
    elsewhere = {loc: text for loc, text in docs.items() if not loc.startswith("sources/")}
    sentences, all_excluded = [], set()
    docs_dir = project.path("docs")
    for page in docs_dir.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        blocks = re.findall(r'<details class="quote" data-search-exclude="on-sources-page">(.*?)</details>', text, re.S)
        for block in blocks:
            sentences += [" ".join(html.unescape(s).split()) for s in re.findall(r"<blockquote>\n<p>(.*?)</p>", block)]
        if blocks and '<details class="quote">' not in text:  # a block citing an unknown article stays indexed
            all_excluded.add(page.relative_to(docs_dir).with_suffix(".html").as_posix())
    assert len(sentences) > 10 and "actors/kofi-annan.html" in all_excluded
    assert [s for s in sentences if s not in on_sources] == []  # the index holds text, not markup
    assert not any("Source sentence" in text for loc, text in elsewhere.items() if loc in all_excluded)
    # ... while a page that cites an unknown article keeps its block in the index
    kept = [loc for loc in elsewhere if loc not in all_excluded and "Source sentence" in elsewhere[loc]]
    assert all(loc.endswith(".html") for loc in kept)
