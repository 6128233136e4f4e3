"""The search index step (generator/search.py) on its own: what it indexes,
that it never writes through the last site's files, and a clear error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import search
from generator.errors import BuildError

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<nav>Home Timeline Actors navigation words</nav>
<article><h1 id="t">{title}<a class="headerlink" href="#t">¶</a></h1><p>{body}</p>
<details data-search-exclude="on-sources-page"><p>provenance sentence kept out</p></details></article>
<footer>footer words</footer></body></html>"""


def _site(root: Path) -> Path:
    root.mkdir()
    (root / "index.html").write_text(PAGE.format(title="Home", body="Clinton demands sanctions."), encoding="utf-8")
    (root / "actors").mkdir()
    (root / "actors" / "hague.html").write_text(PAGE.format(title="William Hague", body="Hague supports them."),
                                                encoding="utf-8")
    return root


def test_the_article_is_indexed_without_navigation_permalinks_or_provenance(tmp_path):
    site = _site(tmp_path / "site")
    search.index_site(site)
    pages = search.indexed_pages(site)
    assert set(pages) == {"index.html", "actors/hague.html"}
    assert "Clinton demands sanctions." in pages["index.html"]
    for text in pages.values():
        assert "navigation words" not in text and "footer words" not in text
        assert "provenance sentence" not in text and "¶" not in text


def test_a_linked_bundle_of_the_last_site_is_replaced_never_written(tmp_path):
    site = _site(tmp_path / "site")
    search.index_site(site)
    entry = site / "pagefind" / "pagefind-entry.json"
    kept = tmp_path / "kept"
    os.link(entry, kept)  # as an incremental build links the last site's files
    before = kept.read_bytes()
    (site / "actors" / "annan.html").write_text(PAGE.format(title="Kofi Annan", body="Annan plan."), encoding="utf-8")
    search.index_site(site)
    assert kept.read_bytes() == before  # the old file is untouched ...
    assert entry.read_bytes() != before and "actors/annan.html" in search.indexed_pages(site)  # ... the new one differs


def test_a_failing_indexer_is_a_clear_build_error(tmp_path, monkeypatch):
    site = _site(tmp_path / "site")
    monkeypatch.setattr(search, "executable", lambda: Path("/bin/false"))
    with pytest.raises(BuildError, match="search indexer"):
        search.index_site(site)
    monkeypatch.setattr(search, "executable", lambda: tmp_path / "no-such-binary")
    with pytest.raises(BuildError, match="did not run"):
        search.index_site(site)
