"""The real `mkdocs build --strict` of the fixture project, and checks of its HTML."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from briefing_project import REPO, TITLE, load, make_project
from generator import render, serve
from generator.runtime import umask
from generator.site import builder
from generator.errors import BuildError

MKDOCS = yaml.safe_load((REPO / "mkdocs.yml").read_text())
DECLARED = (MKDOCS["site_url"], MKDOCS["repo_url"])
BASE = urlsplit(MKDOCS["site_url"]).path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    cfg = make_project(tmp_path_factory.mktemp("site") / "proj")
    render.render(load(cfg), cfg)
    builder.build_site(cfg)
    return cfg


def pages(cfg) -> dict[str, BeautifulSoup]:
    root = cfg.path("site")
    return {p.relative_to(root).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            for p in sorted(root.rglob("*.html"))}


def test_every_page_is_built(built):
    got = set(pages(built))
    for rel in ("index.html", "timeline.html", "timeline/2012.html", "actors/index.html",
                "actors/hillary-clinton.html", "positions.html", "sources.html", "sources/ap-2012-07-06-paris.html",
                "about.html", "downloads.html", "404.html"):
        assert rel in got
    for rel in ("timeline.json", "timeline.csv", "briefing.json", "briefing.yaml"):
        assert (built.path("site") / "downloads" / rel).is_file()
    assert not list(built.root.glob(".site.*"))  # no temp or old build left beside site/
    assert built.path("site").stat().st_mode & 0o777 == 0o777 & ~umask()  # not mkdtemp's 0700
    assert (built.path("site") / "index.html").stat().st_mode & 0o044 == 0o044 & ~umask()


def test_no_external_resources(built):
    """Scripts, styles and images all come from the site itself (works offline)."""
    for rel, soup in pages(built).items():
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for el in soup.find_all(tag):
                url = el.get(attr) or ""
                if re.match(r"^(https?:)?//", url):
                    assert url.startswith(DECLARED), f"{rel}: external {tag} {url}"
        assert "fonts.googleapis" not in str(soup) and "unpkg.com" not in str(soup), rel


def test_internal_links_resolve(built):
    root = built.path("site")
    soups = pages(built)
    ids = {rel: {el["id"] for el in s.find_all(id=True)} for rel, s in soups.items()}
    checked = 0
    for rel, soup in soups.items():
        for a in soup.find_all("a", href=True):
            parts = urlsplit(a["href"])
            if parts.scheme or parts.netloc or a["href"].startswith("mailto:"):
                continue
            path = unquote(parts.path)
            if path.startswith(BASE):  # 404.html links absolutely, under site_url's path
                target = root / path[len(BASE):]
            else:
                target = (root / rel).parent / path if path else root / rel
            target = target.resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{rel}: broken link {a['href']}"
            if parts.fragment and target.suffix == ".html":
                trel = target.relative_to(root.resolve()).as_posix()
                assert parts.fragment in ids[trel], f"{rel}: no anchor #{parts.fragment} in {trel}"
            checked += 1
    assert checked > 200


def test_nav_is_small_and_actor_pages_are_not_in_it(built):
    soup = pages(built)["index.html"]
    nav = soup.select_one("nav.md-nav--primary")
    labels = [a.get_text(" ", strip=True) for a in nav.select(":scope > ul > li > a, :scope > ul > li > label")]
    text = nav.get_text(" ", strip=True)
    for label in ("Home", "Timeline", "Actors", "Positions", "Sources", "About", "Downloads"):
        assert label in text
    assert "Hillary Clinton" not in text
    assert "Clinton presses Russia" not in text and "Timeline 2012" not in text  # nor source or year pages
    assert labels


def _nav_links(html: Path) -> dict[str, str]:
    """{label: href} of the primary navigation (sections included)."""
    nav = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one("nav.md-nav--primary")
    return {a.get_text(" ", strip=True): a["href"] for a in nav.select("a.md-nav__link[href]")}


def test_site_name_is_the_briefing_title(built):
    """briefing.yml's title is the site name (header, <title>) without editing mkdocs.yml."""
    soup = pages(built)["about.html"]
    assert soup.title.get_text() == f"About - {TITLE}"
    assert TITLE in soup.select_one(".md-header__title").get_text(" ", strip=True)
    assert "Briefing" not in soup.select_one(".md-header__title").get_text(" ", strip=True)


def test_hand_written_pages_join_the_nav_and_survive_rebuilds(tmp_path):
    """docs/notes.md (no marker, not in nav) appears under "More", sorted by title, in
    every page's nav; generated actor pages stay out; rebuilding leaves the pages as written."""
    cfg = make_project(tmp_path / "proj")
    notes = cfg.path("docs") / "notes.md"
    notes.write_bytes(b"# Notes for the minister\n\nWritten by hand.\n")
    annex = cfg.path("docs") / "annex" / "maps.md"
    annex.parent.mkdir()
    annex.write_bytes(b'---\ntitle: "Annex: maps"\n---\n\nNo maps yet.\n')
    (cfg.path("docs") / ".draft.md").write_text("# Hidden draft\n")
    assert serve.rebuild(cfg, articles_changed=False, say=lambda _: None)
    for rel in ("index.html", "notes.html", "actors/hillary-clinton.html"):
        links = _nav_links(cfg.path("site") / rel)
        assert list(links)[-3:] == ["Search", "Annex: maps", "Notes for the minister"], rel
        nav = BeautifulSoup((cfg.path("site") / rel).read_text(), "html.parser").select_one("nav.md-nav--primary")
        assert "More" in [lb.get_text(" ", strip=True) for lb in nav.select("label.md-nav__link")], rel
        assert "Hillary Clinton" not in links and "Hidden draft" not in links
    assert (cfg.path("site") / "annex" / "maps.html").is_file()
    before = (notes.read_bytes(), annex.read_bytes())
    assert serve.rebuild(cfg, articles_changed=False, say=lambda _: None)
    assert (notes.read_bytes(), annex.read_bytes()) == before
    assert "Notes for the minister" in _nav_links(cfg.path("site") / "index.html")


def test_hand_written_pages_in_nav_or_not_in_nav_stay_where_they_are(tmp_path):
    from generator.site import nav as site_nav

    docs = tmp_path / "docs"
    (docs / "actors").mkdir(parents=True)
    (docs / "about.md").write_text("# About\n")
    (docs / "b.md").write_text("Text without a heading.\n")
    (docs / "a.md").write_text("# Zebra\n")
    (docs / "actors" / "own.md").write_text("# An editor's actor note\n")
    (docs / "timeline.md").write_text(f"---\ntitle: T\n---\n{render.MARKER}\n")
    import pathspec

    skip = pathspec.GitIgnoreSpec.from_lines(["/actors/*.md"])
    nav = [{"Home": "index.md"}, {"About": "about.md"}]
    found = site_nav.hand_written_pages(docs, nav, [skip, None])
    assert found == [("B", "b.md"), ("Zebra", "a.md")]
    assert site_nav.extend_nav(nav, found) == nav + [{"More": [{"B": "b.md"}, {"Zebra": "a.md"}]}]
    assert site_nav.extend_nav(nav, []) == nav


def test_zensical_gets_the_hand_written_pages_and_title_too(tmp_path):
    if builder._executable("zensical") is None:
        pytest.skip("zensical is not installed")
    cfg = make_project(tmp_path / "proj")
    cfg.builder = "zensical"
    (cfg.path("docs") / "notes.md").write_text("# Notes for the minister\n")
    render.render(load(cfg), cfg)
    builder.build_site(cfg)
    html = (cfg.path("site") / "about.html").read_text()
    assert "notes.html" in html and "Notes for the minister" in html
    assert TITLE in BeautifulSoup(html, "html.parser").title.get_text()


def test_hostile_text_is_text_in_built_html(built):
    soup = pages(built)["timeline/2012.html"]
    for s in soup.find_all("script"):
        assert "alert(1)" not in (s.string or "")
    assert not soup.find_all(attrs={"onerror": True})
    heading = soup.find(id="hostile-event")
    assert "<script>alert(1)</script> attack" in heading.get_text()


def test_event_links_to_its_source_sentence(built):
    soups = pages(built)
    ev = soups["timeline/2012.html"].find(id="friends-of-syria-paris")
    link = ev.find_next("details").find("a")
    assert link["href"] == "../sources/ap-2012-07-06-paris.html#ap-2012-07-06-paris-s1"
    sentence = soups["sources/ap-2012-07-06-paris.html"].find(id="ap-2012-07-06-paris-s1")
    assert "Clinton called for real and immediate consequences" in sentence.get_text()
    assert sentence.find("a", href="../timeline/2012.html#friends-of-syria-paris") is not None  # and back
    # the index lists the article and links to its page
    row = soups["sources.html"].find(id="ap-2012-07-06-paris")
    assert row.find("a", href="sources/ap-2012-07-06-paris.html") is not None
    assert "Associated Press" in row.get_text() and "6 July 2012" in row.get_text()


def test_every_provenance_link_reaches_a_sentence_on_its_article_page(built):
    """Every link to a source sentence, on every page (raw HTML included), names an
    existing sources/<article>.html and an anchor on it that holds that sentence."""
    root = built.path("site").resolve()
    soups = pages(built)
    checked = set()
    for rel, soup in soups.items():
        for a in soup.find_all("a", href=re.compile(r"sources/[^#]+\.html#")):
            target = ((root / rel).parent / urlsplit(a["href"]).path).resolve()
            trel = target.relative_to(root).as_posix()
            assert trel.startswith("sources/") and trel in soups, f"{rel}: {a['href']}"
            li = soups[trel].find(id=urlsplit(a["href"]).fragment)
            assert li is not None and "src-sentence" in li["class"], f"{rel}: {a['href']}"
            checked.add((rel.split("/")[0], trel))
    # links from the year pages, actor pages, positions and home all counted; every article cited somewhere
    assert {page for page, _ in checked} >= {"timeline", "actors", "positions"}
    assert {t for _, t in checked} == {f"sources/{a}.html" for a in (
        "ap-2012-07-06-paris", "bbc-2012-07-06-sanctions", "blog-2012-07-02-hostile", "reuters-2012-06-30-geneva")}


def test_search_index_has_the_pages(built):
    from generator import search

    site = built.path("site")
    index = search.indexed_pages(site)
    assert any("Clinton" in text for text in index.values())
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert set(index) == pages - {p for p in pages if p.startswith("pagefind/")}  # every page, each once
    assert not (site / "search" / "search_index.json").exists()  # the theme's one-file index is gone
    assert not any("¶" in text for text in index.values())  # permalink signs are not content


def test_failed_build_raises_with_mkdocs_message_and_keeps_last_site(built):
    index = built.path("site") / "index.html"
    before = index.read_bytes()
    bad = built.path("docs") / "broken.md"
    bad.write_text("# Broken\n\n[nowhere](no-such-page.md)\n")
    try:
        with pytest.raises(BuildError) as exc:
            builder.build_site(built)
        assert "no-such-page.md" in str(exc.value)
        assert index.read_bytes() == before
        assert not list(built.root.glob(".site.*"))
    finally:
        bad.unlink()


def test_missing_mkdocs_yml_is_a_clear_error(tmp_path):
    from generator.config import Config

    with pytest.raises(BuildError, match="mkdocs.yml"):
        builder.build_site(Config(root=tmp_path))


def test_zensical_missing_is_a_clear_error(tmp_path, monkeypatch):
    import shutil
    import sys

    cfg = make_project(tmp_path / "proj")
    cfg.builder = "zensical"
    monkeypatch.setattr(sys, "executable", str(tmp_path / "nowhere" / "python"))
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(BuildError, match="zensical"):
        builder.build_site(cfg)


def test_zensical_builds_the_same_project(tmp_path):
    if builder._executable("zensical") is None:
        pytest.skip("zensical is not installed")
    cfg = make_project(tmp_path / "proj")
    cfg.builder = "zensical"
    render.render(load(cfg), cfg)
    builder.build_site(cfg)
    html = (cfg.path("site") / "timeline" / "2012.html").read_text()
    assert 'id="friends-of-syria-paris"' in html
    assert not list(cfg.root.glob("*.zensical.yml"))


def test_rebuild_after_a_data_edit_and_keep_last_good_site_on_error(tmp_path):
    """What `briefing serve` runs on each change: real check, render and build."""
    cfg = make_project(tmp_path / "proj")
    said: list[str] = []
    assert serve.rebuild(cfg, articles_changed=False, say=said.append) is True
    page = cfg.path("site") / "actors" / "hillary-clinton.html"
    assert "Secretary of State" in page.read_text()
    actors = cfg.path("data") / "actors.yaml"
    actors.write_text(actors.read_text().replace("role: Secretary of State", "role: US Secretary of State"))
    assert serve.rebuild(cfg, articles_changed=False, say=said.append) is True
    assert "US Secretary of State" in page.read_text()
    good = page.read_text()
    actors.write_text(actors.read_text().replace("kind: person\n  role: US", "kind: persn\n  role: US"))
    assert serve.rebuild(cfg, articles_changed=False, say=said.append) is False
    assert "actors.yaml" in said[-1] and "still serving the last good site" in said[-1]
    assert page.read_text() == good
