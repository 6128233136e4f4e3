"""The split pages: one page per source article (sources/<id>.md), one per
year of the timeline (timeline/<year>.md; a busy year one per month,
timeline/<year>-<mm>.md) and one per issue (positions/<issue>.md; a big issue
one per initial letter), with sources.md, timeline.md and positions.md as
their index pages. A small briefing of our own spans two years (2011, 2013),
one article is called ``con`` (a Windows device name), and the real render
and the real ``mkdocs build --strict`` run on it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from briefing_project import make_project
from generator import render as R
from generator import store
from generator.site import builder
from generator.config import load_config
from generator.errors import ConfigError

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
    R.render(store.load(cfg), cfg)
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
    b = store.load(two_years)
    next(e for e in b.timeline if e.id == "new-year-shelling").title = "Shelling resumes at dawn"
    R.render(b, two_years)
    after = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*.md")}
    assert set(after) == set(before)
    changed = {rel for rel in after if after[rel] != before[rel]}
    assert changed == {"timeline/2013.md", "sources/wire-2013-01-02.md", "timeline.md", "index.md"}


def test_the_split_site_builds_strict_and_every_sentence_link_lands(two_years):
    builder.build_site(two_years)
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


# -- a busy year by month, a big issue by letter --------------------------------
# Our own briefing: 2014 has one event (a quiet year, one page); 2015 has five,
# more than the project's timeline_month_pages (3), so it is split by month,
# its year page an index. Two issues: "water" has two positions (one page),
# "truce" three, more than positions_letter_pages (2), so one page per initial
# of the actors' names (A, B and 0 for "5th Brigade").

BUSY_SOURCES = [
    {"id": "desk-2014", "title": "Wells dug", "outlet": "Desk", "published": "2014-03-02", "sentences": 2,
     "relevance": "on topic"},
    {"id": "desk-2015-a", "title": "Talks and fighting", "outlet": "Desk", "published": "2015-02-04",
     "sentences": 6, "relevance": "on topic"},
    {"id": "desk-2015-b", "title": "Truce positions", "outlet": "Wire", "published": "2015-02-05",
     "sentences": 4, "relevance": "on topic"},
]


def _src(article, n, text):
    return [{"article": article, "sentence": n, "text": text}]


BUSY_TIMELINE = [
    {"id": "wells-dug", "date": "2014-03-01", "title": "Wells are dug in the valley",
     "sources": _src("desk-2014", 0, "Wells were dug in the valley on Saturday.")},
    {"id": "talks-open", "date": "2015-01-10", "title": "Talks open in the capital", "actors": ["ayla-demir"],
     "sources": _src("desk-2015-a", 0, "Talks opened in the capital on 10 January.")},
    {"id": "talks-stall", "date": "2015-01-20", "title": "Talks stall",
     "sources": _src("desk-2015-a", 1, "The talks stalled on 20 January.")},
    {"id": "shelling-resumes", "date": "2015-02-03", "title": "Shelling resumes", "actors": ["bora-kaya"],
     "sources": _src("desk-2015-a", 2, "Shelling resumed on Tuesday.")},
    {"id": "winter-offensive", "date": "2015-02", "title": "A winter offensive begins",
     "sources": _src("desk-2015-a", 3, "A winter offensive began this month.")},
    {"id": "aid-year", "date": "2015", "title": "Donors pledge aid during the year",
     "sources": _src("desk-2015-a", 5, "Donors pledged aid this year.")},
]
BUSY_ACTORS = [
    {"id": "ayla-demir", "name": "Ayla Demir", "kind": "person", "mentions": 3,
     "sources": _src("desk-2015-a", 0, "Talks opened in the capital on 10 January.")},
    {"id": "bora-kaya", "name": "Bora Kaya", "kind": "person", "mentions": 2,
     "sources": _src("desk-2015-a", 2, "Shelling resumed on Tuesday.")},
    {"id": "fifth-brigade", "name": "5th Brigade", "kind": "group", "mentions": 1,
     "sources": _src("desk-2015-b", 3, "The 5th Brigade said it supported the truce.")},
]
BUSY_ISSUES = [{"id": "water", "label": "Water supply"}, {"id": "truce", "label": "The truce"}]
BUSY_POSITIONS = [
    {"id": "ayla-water", "actor": "ayla-demir", "issue": "water", "stance": "supports",
     "statement": "Demir backed the wells.", "sources": _src("desk-2014", 1, "Demir backed the wells.")},
    {"id": "bora-water", "actor": "bora-kaya", "issue": "water", "stance": "opposes",
     "statement": "Kaya opposed the wells.", "sources": _src("desk-2015-b", 0, "Kaya opposed the wells.")},
    {"id": "ayla-truce", "actor": "ayla-demir", "issue": "truce", "stance": "demands",
     "statement": "Demir demanded a truce.", "sources": _src("desk-2015-b", 1, "Demir demanded a truce.")},
    {"id": "bora-truce", "actor": "bora-kaya", "issue": "truce", "stance": "rejects",
     "statement": "Kaya rejected the truce.", "sources": _src("desk-2015-b", 2, "Kaya rejected the truce.")},
    {"id": "brigade-truce", "actor": "fifth-brigade", "issue": "truce", "stance": "supports",
     "statement": "The brigade supported the truce.",
     "sources": _src("desk-2015-b", 3, "The 5th Brigade said it supported the truce.")},
]


@pytest.fixture
def busy(tmp_path, monkeypatch):
    return _rendered(tmp_path / "busy", monkeypatch, "timeline_month_pages: 3\npositions_letter_pages: 2\n",
                     BUSY_TIMELINE, BUSY_POSITIONS)


def _rendered(root: Path, monkeypatch, options: str, timeline: list, positions: list,
              actors: list = BUSY_ACTORS):
    """A project whose data/ is the fixture records and *options* its
    briefing.yml, rendered once; its Config."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1425168000")
    root = make_project(root).root
    (root / "briefing.yml").write_text(options, encoding="utf-8")
    cfg = load_config(root)
    data = cfg.path("data")
    shutil.rmtree(data)
    data.mkdir()
    for name, records in (("sources", BUSY_SOURCES), ("timeline", timeline), ("actors", actors),
                          ("issues", BUSY_ISSUES), ("positions", positions)):
        (data / f"{name}.yaml").write_text(yaml.safe_dump(records, sort_keys=False), encoding="utf-8")
    R.render(store.load(cfg), cfg)
    return cfg


def _docs(cfg, folder: str) -> list[str]:
    docs = cfg.path("docs")
    return sorted(p.relative_to(docs).as_posix() for p in (docs / folder).rglob("*.md"))


def test_a_busy_year_gets_a_page_per_month_and_a_quiet_year_stays_one(busy):
    docs = busy.path("docs")
    assert _docs(busy, "timeline") == ["timeline/2014.md", "timeline/2015-01.md", "timeline/2015-02.md",
                                       "timeline/2015.md"]
    assert _event_ids(docs / "timeline" / "2014.md") == ["wells-dug"]
    assert _event_ids(docs / "timeline" / "2015-01.md") == ["talks-open", "talks-stall"]
    assert _event_ids(docs / "timeline" / "2015-02.md") == ["shelling-resumes", "winter-offensive"]
    assert _event_ids(docs / "timeline" / "2015.md") == ["aid-year"]  # known only to the year: on the index
    index = BeautifulSoup((docs / "timeline" / "2015.md").read_text(encoding="utf-8"), "html.parser")
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in index.select(".tl-months tbody tr")]
    assert rows == [["January 2015", "2"], ["February 2015", "2"], ["2015, date within the year unknown", "1"]]
    assert [a["href"] for a in index.select(".tl-months a")] == [
        "2015-01.html#month-2015-01", "2015-02.html#month-2015-02", "2015.html#month-2015"]
    feb = (docs / "timeline" / "2015-02.md").read_text(encoding="utf-8")
    assert "[All years](../timeline.md) · [2015](2015.md) · [← January 2015](2015-01.md)" in feb
    overview = BeautifulSoup((docs / "timeline.md").read_text(encoding="utf-8"), "html.parser")
    assert [a["href"] for a in overview.select("#year-2015 a")][1:] == [
        "timeline/2015-01.html#month-2015-01", "timeline/2015-02.html#month-2015-02", "timeline/2015.html#month-2015"]


def test_a_big_issue_gets_a_page_per_letter_and_a_small_one_stays_one(busy):
    docs = busy.path("docs")
    assert _docs(busy, "positions") == ["positions/truce.md", "positions/truce/0.md", "positions/truce/a.md",
                                        "positions/truce/b.md", "positions/water.md"]
    ids = lambda rel: re.findall(r'<h3 id="([^"]+)"', (docs / rel).read_text(encoding="utf-8"))  # noqa: E731
    assert ids("positions/water.md") == ["ayla-water", "bora-water"]
    assert ids("positions/truce/a.md") == ["ayla-truce"] and ids("positions/truce/b.md") == ["bora-truce"]
    assert ids("positions/truce/0.md") == ["brigade-truce"]  # "5th Brigade": not a letter
    assert ids("positions/truce.md") == []  # the big issue's own page is the index of its letters
    truce = BeautifulSoup((docs / "positions" / "truce.md").read_text(encoding="utf-8"), "html.parser")
    assert [a.get_text() for a in truce.select(".letter-jump a")] == ["#", "A", "B"]
    positions = (docs / "positions.md").read_text(encoding="utf-8")
    assert not re.search(r'<h3 id="', positions)  # the overview holds no position entries
    assert "[All 3 positions on The truce →](positions/truce.md)" in positions
    assert 'href="positions/truce/b.html#bora-truce"' in positions  # matrix cell and stance summary


def _site_links(cfg) -> tuple[dict, list[tuple[str, str, str]]]:
    root = cfg.path("site").resolve()
    soups = {p.relative_to(root).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
             for p in root.rglob("*.html")}
    links = []
    for rel, soup in soups.items():
        for a in soup.select("article a[href]"):
            parts = urlsplit(a["href"])
            if parts.scheme or not parts.fragment or not parts.path:
                continue
            target = ((root / rel).parent / parts.path).resolve().relative_to(root).as_posix()
            links.append((rel, target, parts.fragment))
    return soups, links


def test_the_busy_site_builds_strict_and_every_event_and_position_link_lands(busy):
    builder.build_site(busy)  # --strict: an unresolved link or anchor fails the build
    soups, links = _site_links(busy)
    where = {"talks-open": "timeline/2015-01.html", "talks-stall": "timeline/2015-01.html",
             "shelling-resumes": "timeline/2015-02.html", "winter-offensive": "timeline/2015-02.html",
             "aid-year": "timeline/2015.html", "wells-dug": "timeline/2014.html",
             "ayla-water": "positions/water.html", "bora-water": "positions/water.html",
             "ayla-truce": "positions/truce/a.html", "bora-truce": "positions/truce/b.html",
             "brigade-truce": "positions/truce/0.html"}
    seen: dict[str, set] = {k: set() for k in where}
    for rel, target, fragment in links:
        assert target in soups and soups[target].find(id=fragment) is not None, f"{rel}: {target}#{fragment}"
        if fragment in where:
            assert target == where[fragment], f"{rel} links {fragment} to {target}"
            seen[fragment].add(rel.split("/")[0])
    # each event is linked from its actors' pages or its articles' pages; each position too
    assert seen["talks-open"] >= {"actors", "sources"} and seen["shelling-resumes"] >= {"actors", "sources"}
    assert all(seen[k] for k in where), seen
    nav = [a["href"] for a in soups["about.html"].select("nav.md-nav--primary a[href]")]
    assert "positions.html" in nav and "timeline.html" in nav
    assert not [h for h in nav if h.startswith(("positions/", "timeline/"))], nav  # the split pages: not in the nav


def test_an_event_edit_in_a_busy_year_changes_its_month_page_not_the_year_index(busy):
    docs = busy.path("docs")
    before = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*.md")}
    b = store.load(busy)
    next(e for e in b.timeline if e.id == "talks-stall").title = "Talks stall again"
    next(p for p in b.positions if p.id == "bora-truce").statement = "Kaya rejected the truce outright."
    R.render(b, busy)
    after = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*.md")}
    changed = {rel for rel in after if after[rel] != before[rel]}
    assert "timeline/2015-01.md" in changed and "positions/truce/b.md" in changed
    for rel in ("timeline/2015.md", "timeline/2015-02.md", "timeline/2014.md",
                "positions/truce.md", "positions/truce/a.md", "positions/water.md"):
        assert rel not in changed, rel


def test_the_thresholds_are_typed_options(tmp_path):
    (tmp_path / "briefing.yml").write_text("timeline_month_pages: many\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="timeline_month_pages"):
        load_config(tmp_path)
    assert load_config(tmp_path / "nowhere").timeline_month_pages == 200


# -- a big actor: a profile and one page per year ------------------------------
# The busy briefing again, with actor_year_pages 4: Ayla Demir now has three
# events (2014, 2015, 2015) and two positions (one dated 2014, one undated):
# five items, so her page becomes a profile with pages 2014, 2015 and
# "undated"; Bora Kaya (one event, two positions) and the brigade stay one page.

def _with(records, **changes):
    return [{**r, **changes.get(r["id"], {})} for r in records]


BIG_TIMELINE = _with(BUSY_TIMELINE, **{"wells-dug": {"actors": ["ayla-demir"]},
                                       "winter-offensive": {"actors": ["ayla-demir"]}})
BIG_POSITIONS = _with(BUSY_POSITIONS, **{"ayla-water": {"date": "2014-03-02"}})


@pytest.fixture
def big_actor(tmp_path, monkeypatch):
    return _rendered(tmp_path / "big", monkeypatch,
                     "timeline_month_pages: 3\npositions_letter_pages: 2\nactor_year_pages: 4\n",
                     BIG_TIMELINE, BIG_POSITIONS)


def _entry_ids(path: Path) -> tuple[list[str], list[str]]:
    """(position anchors, event links) of an actor page, in page order."""
    text = path.read_text(encoding="utf-8")
    return (re.findall(r"^### .* \{ #([^ ]+) \}$", text, re.M),
            re.findall(r'<li><strong>[^<]*</strong> — <a href="[^"#]*#([^"]+)"', text))


def test_a_big_actor_gets_a_profile_and_a_page_per_year_and_a_small_one_stays_one(big_actor):
    docs = big_actor.path("docs")
    assert _docs(big_actor, "actors") == ["actors/ayla-demir.md", "actors/ayla-demir/2014.md",
                                          "actors/ayla-demir/2015.md", "actors/ayla-demir/undated.md",
                                          "actors/bora-kaya.md", "actors/fifth-brigade.md", "actors/index.md"]
    assert _entry_ids(docs / "actors/ayla-demir/2014.md") == (["ayla-water"], ["wells-dug"])
    assert _entry_ids(docs / "actors/ayla-demir/2015.md") == ([], ["talks-open", "winter-offensive"])
    assert _entry_ids(docs / "actors/ayla-demir/undated.md") == (["ayla-truce"], [])
    assert _entry_ids(docs / "actors/bora-kaya.md") == (["bora-truce", "bora-water"], ["shelling-resumes"])
    profile = (docs / "actors/ayla-demir.md").read_text(encoding="utf-8")
    assert _entry_ids(docs / "actors/ayla-demir.md") == ([], [])  # the profile lists no entries
    assert "| Kind | person |" in profile and "Talks open in" not in profile and "Demir backed" not in profile
    assert "3 events and 2 positions, one page per year" in profile
    assert "| [2014](ayla-demir/2014.md) | 1 | 1 |" in profile
    assert "| [2015](ayla-demir/2015.md) | 2 | 0 |" in profile
    assert "| [Date unknown](ayla-demir/undated.md) | 0 | 1 |" in profile
    assert profile.index("(ayla-demir/2015.md)") < profile.index("(ayla-demir/undated.md)")  # undated last
    assert "| [The truce](../positions/truce.md) | 1 | " in profile and "| [Water supply](../positions/water.md) | 1 | " in profile
    y2015 = (docs / "actors/ayla-demir/2015.md").read_text(encoding="utf-8")
    assert "# Ayla Demir: 2015" in y2015
    assert "[Ayla Demir](../ayla-demir.md) · [← 2014](2014.md) · [Date unknown →](undated.md)" in y2015
    assert 'href="../../timeline/2015-01.html#talks-open"' in y2015  # through View.event_page
    assert 'href="../../sources/desk-2015-a.html#desk-2015-a-s0"' in y2015


def test_the_big_actor_site_builds_strict_and_every_link_lands(big_actor):
    builder.build_site(big_actor)  # --strict
    soups, links = _site_links(big_actor)
    for rel, target, fragment in links:
        assert target in soups and soups[target].find(id=fragment) is not None, f"{rel}: {target}#{fragment}"
    # the profile links each year page, each year page its neighbours and the profile
    profile = soups["actors/ayla-demir.html"]
    years = [a["href"] for a in profile.select("article a[href]") if a["href"].startswith("ayla-demir/")]
    assert years == ["ayla-demir/2014.html", "ayla-demir/2015.html", "ayla-demir/undated.html"]
    for href in years:
        page = soups["actors/" + href]
        assert "../ayla-demir.html" in [a["href"] for a in page.select("article a[href]")]
    # the entries' anchors are on their year pages and nowhere else among the actor pages
    assert soups["actors/ayla-demir/2014.html"].find(id="ayla-water") is not None
    assert soups["actors/ayla-demir/undated.html"].find(id="ayla-truce") is not None
    assert profile.find(id="ayla-water") is None
    nav = [a["href"] for a in soups["about.html"].select("nav.md-nav--primary a[href]")]
    assert not [h for h in nav if h.startswith("actors/ayla-demir")], nav  # not in the nav


class _Rendered:
    """The pages the render really renders (template and its page arguments);
    the real function still runs."""

    def __init__(self, monkeypatch):
        self.pages: list[tuple] = []
        real = R._render_stream

        def spy(env, name, **ctx):
            actor = ctx.get("actor")
            self.pages.append((name, actor.id if actor is not None else None, ctx.get("year")))
            return real(env, name, **ctx)

        monkeypatch.setattr(R, "_render_stream", spy)


def test_an_event_edit_renders_its_actor_year_page_not_the_profile(big_actor, monkeypatch):
    docs = big_actor.path("docs")
    before = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*.md")}
    b = store.load(big_actor)
    next(e for e in b.timeline if e.id == "talks-open").title = "Talks open in the capital at last"
    next(p for p in b.positions if p.id == "ayla-water").statement = "Demir strongly backed the wells."
    rendered = _Rendered(monkeypatch)
    R.render(b, big_actor)
    after = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*.md")}
    changed = {rel for rel in after if after[rel] != before[rel]}
    assert {"actors/ayla-demir/2015.md", "actors/ayla-demir/2014.md"} <= changed
    assert not {"actors/ayla-demir.md", "actors/ayla-demir/undated.md"} & changed
    actor_pages = {p for p in rendered.pages if p[1] == "ayla-demir"}
    assert actor_pages == {("actor_year.md.j2", "ayla-demir", 2015), ("actor_year.md.j2", "ayla-demir", 2014)}


def test_the_actor_threshold_is_a_typed_option(tmp_path):
    (tmp_path / "briefing.yml").write_text("actor_year_pages: lots\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="actor_year_pages"):
        load_config(tmp_path)
    assert load_config(tmp_path / "nowhere").actor_year_pages == 200


def test_an_actor_back_under_the_threshold_is_one_page_again(big_actor):
    docs = big_actor.path("docs")
    b = store.load(big_actor)
    next(e for e in b.timeline if e.id == "wells-dug").actors = []  # five items -> four: not split
    R.render(b, big_actor)
    assert not list((docs / "actors" / "ayla-demir").rglob("*.md"))  # the year pages are removed
    assert _entry_ids(docs / "actors/ayla-demir.md") == (["ayla-truce", "ayla-water"],
                                                         ["talks-open", "winter-offensive"])
    assert (docs / "actors/ayla-demir.md").read_bytes() == R.pages(b, big_actor)["actors/ayla-demir.md"].encode()


# -- old deep links: a map per page that items moved off -------------------------
# The big-actor briefing: 2015 split by month, "truce" by letter, Ayla Demir by
# year. A reader's old link (timeline.html#<event>, positions.html#<position>,
# actors/<id>.html#<position>) is sent on by docs/assets/moved.js with the map
# docs/moved/<old page>.json (tests/test_browser.py follows such links).

def _maps(cfg) -> dict[str, dict[str, list[str]]]:
    docs = cfg.path("docs")
    return {p.relative_to(docs / R.MOVED_DIR).as_posix(): json.loads(p.read_text(encoding="utf-8"))["to"]
            for p in sorted((docs / R.MOVED_DIR).rglob("*.json"))}


def test_each_page_items_moved_off_gets_a_map_of_where_they_went(big_actor):
    maps = _maps(big_actor)
    # only the pages something moved off: not the unsplit issue, year or actors
    assert sorted(maps) == ["actors/ayla-demir.json", "positions.json", "positions/truce.json",
                            "timeline.json", "timeline/2015.json"]
    assert maps["timeline.json"] == {
        "timeline/2014.html": ["day-2014-03-01", "month-2014-03", "wells-dug"],
        "timeline/2015-01.html": ["day-2015-01-10", "day-2015-01-20", "month-2015-01", "talks-open", "talks-stall"],
        "timeline/2015-02.html": ["day-2015-02-03", "month-2015-02", "month-2015-02-undated", "shelling-resumes",
                                  "winter-offensive"],
        "timeline/2015.html": ["aid-year", "month-2015", "month-2015-undated"]}
    # the busy year's page keeps its year-only events: only the month pages' entries moved
    assert set(maps["timeline/2015.json"]) == {"timeline/2015-01.html", "timeline/2015-02.html"}
    assert "aid-year" not in str(maps["timeline/2015.json"])
    assert maps["positions.json"]["positions/truce/a.html"] == ["ayla-truce"]
    assert maps["positions.json"]["positions/water.html"] == ["ayla-water", "bora-water"]
    assert maps["positions/truce.json"] == {"positions/truce/0.html": ["brigade-truce"],
                                            "positions/truce/a.html": ["ayla-truce"],
                                            "positions/truce/b.html": ["bora-truce"]}
    # a position keeps its anchor on its year page; the Events heading became the table of years
    assert maps["actors/ayla-demir.json"] == {"actors/ayla-demir.html#years": ["events"],
                                              "actors/ayla-demir/2014.html": ["ayla-water"],
                                              "actors/ayla-demir/undated.html": ["ayla-truce"]}


def test_every_mapped_anchor_left_its_old_page_and_is_on_its_new_one(big_actor):
    builder.build_site(big_actor)  # --strict: the maps and the script do not disturb it
    root = big_actor.path("site")
    assert (root / "moved" / "timeline.json").is_file() and (root / "assets" / "moved.js").is_file()
    soup = lambda rel: BeautifulSoup((root / rel).read_text(encoding="utf-8"), "html.parser")  # noqa: E731
    checked = 0
    for old, targets in _maps(big_actor).items():
        old_page = soup(old.removesuffix(".json") + ".html")
        for target, anchors in targets.items():
            page, _, new_anchor = target.partition("#")
            new_page = soup(page)
            for anchor in anchors:
                assert old_page.find(id=anchor) is None, f"{old}: {anchor} is still there"
                assert new_page.find(id=new_anchor or anchor) is not None, f"{old}: {anchor} -> {target}"
                checked += 1
    assert checked >= 30
    # every page loads the script; none embeds a map
    html = (root / "timeline" / "2015-01.html").read_text(encoding="utf-8")
    assert '<script src="../assets/moved.js"></script>' in html and "talks-stall\"]" not in html


def test_maps_are_sorted_stable_and_the_same_with_or_without_the_cache(big_actor):
    docs = big_actor.path("docs")
    b = store.load(big_actor)
    clean = R.pages(b, big_actor)
    for rel in (f"{R.MOVED_DIR}/timeline.json", f"{R.MOVED_DIR}/actors/ayla-demir.json"):
        text = (docs / rel).read_text(encoding="utf-8")
        assert text == clean[rel]
        doc = json.loads(text)
        assert list(doc["to"]) == sorted(doc["to"]) and all(v == sorted(v) for v in doc["to"].values())
        assert R.is_generated(docs / rel)  # the marker: only such maps are ever deleted
    assert R.render(b, big_actor) == 0  # nothing changed: nothing written


def test_a_hand_written_file_in_the_way_of_a_map_is_refused(big_actor):
    docs = big_actor.path("docs")
    mine = docs / R.MOVED_DIR / "positions.json"
    mine.write_text('{"mine": true}\n', encoding="utf-8")
    b = store.load(big_actor)
    next(e for e in b.timeline if e.id == "talks-stall").title = "Talks stall again"
    with pytest.raises(R.TemplateError, match="positions.json: a hand-written page is in the way"):
        R.render(b, big_actor)
    assert mine.read_text(encoding="utf-8") == '{"mine": true}\n'
    assert "Talks stall again" not in (docs / "timeline" / "2015-01.md").read_text(encoding="utf-8")


def test_an_actor_back_under_the_threshold_leaves_no_map_and_no_empty_folder(big_actor):
    docs = big_actor.path("docs")
    assert (docs / "actors" / "ayla-demir").is_dir() and (docs / "moved" / "actors" / "ayla-demir.json").is_file()
    b = store.load(big_actor)
    next(e for e in b.timeline if e.id == "wells-dug").actors = []  # five items -> four: not split
    R.render(b, big_actor)
    assert not (docs / "actors" / "ayla-demir").exists()  # its year pages' folder went with them
    assert not (docs / "moved" / "actors").exists()  # the actor's map, and its folder
    assert (docs / "actors").is_dir() and (docs / "moved" / "timeline.json").is_file()
    assert (docs / "assets").is_dir()  # folders no stale page left stay


def test_a_folder_holding_a_file_render_did_not_write_stays(big_actor):
    docs = big_actor.path("docs")
    note = docs / "actors" / "ayla-demir" / "notes.txt"
    note.write_text("an editor's note\n", encoding="utf-8")
    keep = docs / "timeline" / "old"  # an empty folder render never wrote into
    keep.mkdir()
    b = store.load(big_actor)
    next(e for e in b.timeline if e.id == "wells-dug").actors = []
    R.render(b, big_actor)
    assert not list((docs / "actors" / "ayla-demir").glob("*.md"))  # the stale year pages are gone
    assert note.read_text(encoding="utf-8") == "an editor's note\n" and keep.is_dir()


# -- an actor whose id is a Windows device name --------------------------------

CON_ACTORS = BUSY_ACTORS + [{"id": "con", "name": "Council of Notables", "kind": "group", "mentions": 4,
                             "affiliation": "ayla-demir",
                             "sources": _src("desk-2015-b", 1, "Demir demanded a truce.")}]
CON_TIMELINE = _with(BUSY_TIMELINE, **{"talks-open": {"actors": ["ayla-demir", "con"]},
                                       "shelling-resumes": {"actors": ["bora-kaya", "con"]}})
CON_POSITIONS = BUSY_POSITIONS + [
    {"id": "con-truce", "actor": "con", "issue": "truce", "stance": "warns", "date": "2015-02-05",
     "statement": "The council warned about the truce.", "quote": "A truce on paper is not peace.",
     "sources": _src("desk-2015-b", 1, "Demir demanded a truce.")}]


@pytest.fixture
def con_actor(tmp_path, monkeypatch):
    """The busy briefing with an actor called ``con`` (two events, one position:
    more than actor_year_pages 2, so a profile and year pages too)."""
    return _rendered(tmp_path / "con", monkeypatch,
                     "timeline_month_pages: 3\npositions_letter_pages: 2\nactor_year_pages: 2\n",
                     CON_TIMELINE, CON_POSITIONS, CON_ACTORS)


def test_an_actor_called_con_gets_a_page_windows_can_hold(con_actor):
    docs = con_actor.path("docs")
    assert [p for p in _docs(con_actor, "actors") if "con" in p.split("/")[1]] == [
        "actors/con_actor.md", "actors/con_actor/2015.md"]
    assert not (docs / "actors" / "con").exists() and not (docs / "actors" / "con.md").exists()
    texts = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*")
             if p.is_file() and p.suffix in (".md", ".json")}
    # no link anywhere names the device: every one goes through actor_page
    assert not [rel for rel, t in texts.items() if re.search(r"actors/con[./]|\(con[./]|\"con[./]", t)]
    assert "[Council of Notables](con_actor.md)" in texts["actors/index.md"]
    assert "[Ayla Demir](ayla-demir.md)" in texts["actors/con_actor.md"]  # its affiliation
    assert "[Council of Notables](con_actor.md)" in texts["actors/ayla-demir.md"]  # a member
    assert 'href="../actors/con_actor.html"' in texts["timeline/2015-01.md"]  # an event's actors
    assert 'href="../actors/con_actor.html"' in texts["sources/desk-2015-b.md"]  # cited by
    assert "[Council of Notables](../con_actor.md)" in texts["actors/con_actor/2015.md"]
    assert "(con_actor/2015.md)" in texts["actors/con_actor.md"]
    assert json.loads(texts["moved/actors/con_actor.json"])["to"]["actors/con_actor/2015.html"] == ["con-truce"]


def test_the_con_site_builds_strict_and_every_actor_link_lands(con_actor):
    builder.build_site(con_actor)  # --strict: an unresolved link fails the build
    soups, links = _site_links(con_actor)
    root = con_actor.path("site").resolve()
    to_con = 0
    for rel, soup in soups.items():
        for a in soup.select("article a[href]"):
            parts = urlsplit(a["href"])
            if parts.scheme or not parts.path:
                continue
            target = ((root / rel).parent / parts.path).resolve().relative_to(root).as_posix()
            assert target in soups or (root / target).is_file(), f"{rel}: {a['href']}"
            if parts.fragment and target in soups:
                assert soups[target].find(id=parts.fragment) is not None, f"{rel}: {a['href']}"
            to_con += target.startswith("actors/con_actor")
    assert to_con >= 6
    assert soups["actors/con_actor/2015.html"].find(id="con-truce") is not None


def test_moved_shard_is_the_crc32_of_the_utf8_bytes():
    # the CRC-32 check value and a UTF-8 one; docs/assets/moved.js computes the same
    assert R.moved_shard("123456789", 1 << 32) == 0xCBF43926 and R.moved_shard("", 1 << 32) == 0
    assert R.moved_shard("é", 1 << 32) == 0x0E048D3E != 0x0BD4B551  # the bytes C3 A9, not Latin-1 E9
    assert R.moved_shard("123456789", 4) == 0xCBF43926 % 4


def test_a_big_map_is_split_in_shards_holding_the_same_anchors(tmp_path, monkeypatch):
    monkeypatch.setattr(R, "SHARD_ANCHORS", 4)
    cfg = _rendered(tmp_path / "sharded", monkeypatch,
                    "timeline_month_pages: 3\npositions_letter_pages: 2\nactor_year_pages: 4\n",
                    BIG_TIMELINE, BIG_POSITIONS)
    moved = cfg.path("docs") / R.MOVED_DIR
    head = json.loads((moved / "timeline.json").read_text(encoding="utf-8"))
    assert head == {"generated_by": R.MARKER, "shards": 4}  # 16 anchors > 2 x 4, <= 4 x 4
    merged: dict[str, set] = {}
    for k in range(4):
        part = json.loads((moved / f"timeline.{k}.json").read_text(encoding="utf-8"))["to"]
        for target, anchors in part.items():
            assert all(R.moved_shard(a, 4) == k for a in anchors)
            merged.setdefault(target, set()).update(anchors)
    assert not (moved / "timeline.4.json").exists()
    assert merged["timeline/2015-01.html"] == {"day-2015-01-10", "day-2015-01-20", "month-2015-01",
                                              "talks-open", "talks-stall"}
    assert sum(len(a) for a in merged.values()) == 16
    assert json.loads((moved / "positions" / "truce.json").read_text(encoding="utf-8"))["to"]  # 3 anchors: whole
    # back under the limit: one file again, the shards removed as stale
    monkeypatch.setattr(R, "SHARD_ANCHORS", 512)
    b = store.load(cfg)
    b.timeline[0].title += " again"  # an edit: the render cache's no-change shortcut does not apply
    R.render(b, cfg)
    assert "to" in json.loads((moved / "timeline.json").read_text(encoding="utf-8"))
    assert not list(moved.glob("timeline.*.json"))
