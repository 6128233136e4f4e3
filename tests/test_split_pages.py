"""The split pages: one page per source article (sources/<id>.md) and one per
year of the timeline (timeline/<year>.md), with sources.md and timeline.md as
their index pages. A small briefing of our own spans two years (2011, 2013),
one article is called ``con`` (a Windows device name), and the real render
and the real ``mkdocs build --strict`` run on it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from briefing_project import make_project
from generator import render as R
from generator import site, store

SOURCES = [
    {"id": "con", "title": "Talks before the new year", "outlet": "Night Wire", "published": "2011-12-30",
     "sentences": 3, "relevance": "mentions Aleppo 3 times"},
    {"id": "wire-2013-01-02", "title": "Shelling resumes", "outlet": "Day Wire", "published": "2013-01-02",
     "sentences": 4, "relevance": "mentions Aleppo 4 times"},
]
TIMELINE = [
    {"id": "ceasefire-talks", "date": "2011-12-29", "title": "Ceasefire talks open in Aleppo",
     "actors": ["ayla-demir"],
     "sources": [{"article": "con", "sentence": 0, "text": "Ceasefire talks opened in Aleppo on Thursday."}]},
    {"id": "aid-pledge", "date": "2011", "title": "Donors pledge aid during the year",
     "sources": [{"article": "con", "sentence": 2, "text": "Donors pledged aid this year."}]},
    {"id": "new-year-shelling", "date": "2013-01-01", "title": "Shelling resumes on New Year's Day",
     "sources": [{"article": "wire-2013-01-02", "sentence": 1, "text": "Shelling resumed on Tuesday."}]},
    {"id": "winter-offensive", "date": "2013-01", "title": "A winter offensive begins",
     "sources": [{"article": "wire-2013-01-02", "sentence": 3, "text": "A winter offensive began this month."}]},
]
ACTORS = [{"id": "ayla-demir", "name": "Ayla Demir", "kind": "person", "mentions": 2,
           "sources": [{"article": "con", "sentence": 0, "text": "Ceasefire talks opened in Aleppo on Thursday."}]}]


@pytest.fixture
def two_years(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1357344000")
    cfg = make_project(tmp_path / "proj")
    data = cfg.path("data")
    shutil.rmtree(data)
    data.mkdir()
    for name, records in (("sources", SOURCES), ("timeline", TIMELINE), ("actors", ACTORS)):
        (data / f"{name}.yaml").write_text(yaml.safe_dump(records, sort_keys=False), encoding="utf-8")
    R.render(store.load(data), cfg)
    return cfg


def _event_ids(path: Path) -> list[str]:
    return re.findall(r'<h4 class="event" id="([^"]+)"', path.read_text(encoding="utf-8"))


def test_each_year_gets_its_page_with_its_events(two_years):
    docs = two_years.path("docs")
    assert sorted(p.name for p in (docs / "timeline").glob("*.md")) == ["2011.md", "2013.md"]
    assert _event_ids(docs / "timeline" / "2011.md") == ["ceasefire-talks", "aid-pledge"]  # the year-only date last
    assert _event_ids(docs / "timeline" / "2013.md") == ["new-year-shelling", "winter-offensive"]
    overview = (docs / "timeline.md").read_text(encoding="utf-8")
    assert _event_ids(docs / "timeline.md") == []  # the overview holds no event entries
    soup = BeautifulSoup(overview, "html.parser")
    rows = {tr["id"]: [td.get_text() for td in tr.find_all("td")] for tr in soup.select("tr[id^=year-]")}
    assert rows["year-2011"][:2] == ["2011", "2"] and rows["year-2013"][:2] == ["2013", "2"]
    # each year page links to its neighbours (the years that have events) and back to the overview
    y2011 = (docs / "timeline" / "2011.md").read_text(encoding="utf-8")
    assert "[All years](../timeline.md)" in y2011 and "(2013.md)" in y2011 and "2012.md" not in y2011
    assert "(2011.md)" in (docs / "timeline" / "2013.md").read_text(encoding="utf-8")


def test_each_article_gets_its_page_and_a_device_name_is_not_a_file_name(two_years):
    docs = two_years.path("docs")
    assert sorted(p.name for p in (docs / "sources").glob("*.md")) == ["con_article.md", "wire-2013-01-02.md"]
    con = (docs / "sources" / "con_article.md").read_text(encoding="utf-8")
    assert 'id="con-s0"' in con and 'id="con-s2"' in con and 'id="con-s1"' not in con  # only cited sentences
    assert 'href="../timeline/2011.html#ceasefire-talks"' in con and 'href="../actors/ayla-demir.html"' in con
    index = BeautifulSoup((docs / "sources.md").read_text(encoding="utf-8"), "html.parser")
    assert index.find(id="con").find("a")["href"] == "sources/con_article.html"
    assert "Night Wire" in index.find(id="con").get_text()
    assert 'href="../sources/con_article.html#con-s0"' in (docs / "timeline" / "2011.md").read_text(encoding="utf-8")


def test_an_event_edit_changes_only_its_year_and_its_articles(two_years):
    docs = two_years.path("docs")
    before = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*.md")}
    b = store.load(two_years.path("data"))
    next(e for e in b.timeline if e.id == "new-year-shelling").title = "Shelling resumes at dawn"
    R.render(b, two_years)
    after = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*.md")}
    assert set(after) == set(before)
    changed = {rel for rel in after if after[rel] != before[rel]}
    assert changed == {"timeline/2013.md", "sources/wire-2013-01-02.md", "timeline.md", "index.md"}


def test_the_split_site_builds_strict_and_every_sentence_link_lands(two_years):
    site.build_site(two_years)
    root = two_years.path("site").resolve()
    soups = {p.relative_to(root).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
             for p in root.rglob("*.html")}
    links = 0
    for rel, soup in soups.items():
        for a in soup.select("details.quote a, span.cited-by a, .vt a, .tl-years a"):
            parts = urlsplit(a["href"])
            target = ((root / rel).parent / parts.path).resolve().relative_to(root).as_posix()
            assert target in soups, f"{rel}: {a['href']}"
            assert soups[target].find(id=parts.fragment) is not None if parts.fragment else True, f"{rel}: {a['href']}"
            links += 1
    assert links >= 12
    nav = soups["index.html"].select_one("nav.md-nav--primary").get_text(" ", strip=True)
    assert "Shelling resumes" not in nav and "Timeline 2011" not in nav
