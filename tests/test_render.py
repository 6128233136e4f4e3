"""Render: the fixture briefing -> docs/ Markdown, compared with golden pages.

Regenerate the golden pages on purpose only:  BRIEFING_REGEN=1 .venv/bin/pytest tests/test_render.py
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_project import REPO, TITLE, load, make_project
from generator import render as R
from generator.errors import BriefingError, TemplateError
from generator.writer import Writer, WriteError

EXPECTED = REPO / "tests" / "expected"
EPOCH = "1341792000"  # 2012-07-09: a fixed build date for golden pages
MD_EXTENSIONS = ["admonition", "attr_list", "tables", "pymdownx.details", "toc"]


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    cfg = make_project(tmp_path / "proj")
    return cfg


def rendered_files(docs: Path) -> dict[str, str]:
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(docs.rglob("*")) if p.is_file() and "assets" not in p.parts and p.name != "about.md"}


def to_html(md_text: str) -> BeautifulSoup:
    """The page as MkDocs would see it: front matter off, same extensions."""
    body = re.sub(r"\A---\n.*?\n---\n", "", md_text, flags=re.S)
    return BeautifulSoup(markdown.markdown(body, extensions=MD_EXTENSIONS), "html.parser")


# -- golden pages -------------------------------------------------------------


def test_render_matches_golden_pages(project):
    written = R.render(load(project), project)
    got = rendered_files(project.path("docs"))
    assert written == len(got)
    if os.environ.get("BRIEFING_REGEN"):
        shutil.rmtree(EXPECTED, ignore_errors=True)
        for rel, text in got.items():
            (EXPECTED / rel).parent.mkdir(parents=True, exist_ok=True)
            (EXPECTED / rel).write_text(text, encoding="utf-8")
    want = {p.relative_to(EXPECTED).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(EXPECTED.rglob("*")) if p.is_file()}
    assert sorted(got) == sorted(want)
    for rel in want:
        assert got[rel] == want[rel], f"{rel} differs from tests/expected/{rel} (BRIEFING_REGEN=1 to accept)"


def test_every_page_is_marked_generated_and_titled(project):
    R.render(load(project), project)
    for rel, text in rendered_files(project.path("docs")).items():
        if rel.endswith(".md"):
            assert text.startswith("---\ntitle: "), rel
            assert "generated_by: briefing" in text.split("---")[1]
            assert R.MARKER in text[:500]


def test_home_page_content(project):
    R.render(load(project), project)
    home = (project.path("docs") / "index.md").read_text()
    assert "30 June 2012 – 6 July 2012" in home  # publication dates of the relevant articles
    assert "Built 2012-07-09" in home
    soup = to_html(home)
    keys = [a["href"] for a in soup.select("ol li a") if a["href"].startswith("timeline/2012.md#")
            and not a["href"].startswith(("timeline/2012.md#day-", "timeline/2012.md#week-",
                                          "timeline/2012.md#month-"))]
    # all six events (five dates) in date order, on their year's page; the month-only date after the days in it
    assert keys == ["timeline/2012.md#russia-china-water-down-plan", "timeline/2012.md#geneva-action-group-meeting",
                    "timeline/2012.md#hostile-event", "timeline/2012.md#friends-of-syria-paris",
                    "timeline/2012.md#kremlin-rejects-call", "timeline/2012.md#fsa-defections"]
    assert "downloads.md" in home
    # main actors by mentions: Syria (20) before Hillary Clinton (14)
    actors = home[home.index("## Main actors"):]
    assert actors.index("[Syria](actors/syria.md)") < actors.index("[Hillary Clinton](actors/hillary-clinton.md)")


def _key_event_items(project):
    soup = to_html((project.path("docs") / "index.md").read_text())
    return soup.find("h2", id="key-events").find_next("ol").find_all("li", recursive=False)


def test_key_events_obey_the_config(project):
    project.key_events = 2
    R.render(load(project), project)
    items = _key_event_items(project)
    # the engine of `briefing timeline`: 6 July, reported by AP and BBC on the day the newest
    # article appeared (too recent to be told later, so counted fully), and 30 June (Reuters
    # that day, AP a week later); each with its best event, shown in date order
    assert [li.find("a")["href"] for li in items] == ["timeline/2012.md#day-2012-06-30",
                                                      "timeline/2012.md#day-2012-07-06"]
    assert [li.find_all("a")[1]["href"] for li in items] == ["timeline/2012.md#geneva-action-group-meeting",
                                                             "timeline/2012.md#friends-of-syria-paris"]
    # 6 July has a second event: listed after the best one
    assert "timeline/2012.md#kremlin-rejects-call" in [a["href"] for a in items[1].find_all("a")]


def test_key_dates_rank_by_weighted_source_references(project):
    from generator.render import keydates

    ranked = keydates.rank(load(project))
    # two articles on the newest day (hindsight not yet possible: counted fully), then a day
    # cited on the day and a week later, then a week cited a week later; a month-only date
    # (scaled down) and the low-confidence hostile event, told only on its day, last
    assert [kd.date for kd in ranked] == ["2012-07-06", "2012-06-30", "2012-W26", "2012-07", "2012-07-02"]
    assert ranked[0].score > ranked[1].score > ranked[2].score > ranked[3].score > ranked[4].score > 0
    assert [e.id for e in ranked[0].events] == ["friends-of-syria-paris", "kremlin-rejects-call"]


def test_key_dates_hindsight_and_grain(project):
    """A date still cited by a later article outranks one cited only on the day; the
    whole ranking is deterministic (same input, same order) and empty for k <= 0."""
    from generator.render import keydates
    from generator.models import Event, SourceRef

    b = load(project)
    later = next(s for s in b.sources if s.published and str(s.published) >= "2012-07-06")
    same = next(s for s in b.sources if s.published and str(s.published) == "2012-06-30")
    b.timeline = [
        Event(id="told-later", date="2012-06-20", title="Cited again later",
              sources=[SourceRef(article=later.id, sentence=0, text="x")]),
        Event(id="told-once", date="2012-06-30", title="Cited on the day",
              sources=[SourceRef(article=same.id, sentence=0, text="x")]),
        Event(id="month-only", date="2012-06", title="Some time in June",
              sources=[SourceRef(article=later.id, sentence=1, text="x")]),
    ]
    # the month cited later still outranks the day cited only on the day
    assert [kd.date for kd in keydates.rank(b)] == ["2012-06-20", "2012-06", "2012-06-30"]
    assert [kd.date for kd in keydates.key_dates(b, 2)] == ["2012-06-20", "2012-06"]
    assert [kd.date for kd in keydates.key_dates(b, 5)] == ["2012-06-20", "2012-06-30", "2012-06"]
    assert keydates.key_dates(b, 0) == []
    assert keydates.rank(b) == keydates.rank(b)


def test_timeline_groups_by_month_then_day_with_sources(project):
    R.render(load(project), project)
    soup = to_html((project.path("docs") / "timeline" / "2012.md").read_text())
    heads = [(h.name, h.get("id")) for h in soup.find_all(["h2", "h3"])]
    assert heads[:4] == [("h2", "month-2012-06"), ("h3", "week-2012-w26"), ("h3", "day-2012-06-30"),
                         ("h2", "month-2012-07")]
    assert ("h3", "month-2012-07-undated") in heads  # the month-grain event sits at the end of July
    ev = soup.find(id="friends-of-syria-paris")
    details = ev.find_next("details")
    links = [a["href"] for a in details.find_all("a")]
    assert links == ["../sources/ap-2012-07-06-paris.html#ap-2012-07-06-paris-s1",
                     "../sources/bbc-2012-07-06-sanctions.html#bbc-2012-07-06-sanctions-s0"]
    assert "Clinton called for real and immediate consequences" in details.get_text()


def test_every_cited_sentence_has_an_anchor_on_its_source_page(project):
    R.render(load(project), project)
    docs = project.path("docs")
    anchors = {(p.stem, a) for p in (docs / "sources").glob("*.md")
               for a in re.findall(r'id="([^"]+)"', p.read_text())}
    cited = set()
    for p in docs.rglob("*.md"):
        cited |= set(re.findall(r"sources/([a-z0-9-]+)\.(?:md|html)#([a-z0-9-]+-s\d+)", p.read_text()))
    assert cited and cited <= anchors
    # no sentence link is left pointing at the old single sources page
    assert not re.search(r"(?<![/-])sources\.(?:md|html)#[a-z0-9-]+-s\d+", "".join(p.read_text() for p in docs.rglob("*.md")))


def test_actor_index_groups_by_kind_and_letter(project):
    R.render(load(project), project)
    soup = to_html((project.path("docs") / "actors" / "index.md").read_text())
    assert [h["id"] for h in soup.find_all("h2")] == ["person", "state", "organization", "group"]
    assert soup.find("a", href="hillary-clinton.md").get_text() == "Hillary Clinton"
    # short groups are one list (no heading per letter); counts agree in number
    assert soup.find(id="person-h") is None and not soup.find_all("h3")
    assert "[1 organization](#organization)" in (project.path("docs") / "actors" / "index.md").read_text()


def test_long_actor_groups_get_letter_headings(project, monkeypatch):
    monkeypatch.setattr(R.View, "LETTERS_FROM", 3)
    R.render(load(project), project)
    soup = to_html((project.path("docs") / "actors" / "index.md").read_text())
    assert soup.find(id="person-h") is not None and soup.find(id="state-r") is not None
    assert soup.find(id="group-f") is None  # one group: stays a list
    assert soup.find("p", class_="letter-jump").find("a", href="#person-h")


def test_home_issue_lists_name_each_actor_once_per_stance(project):
    """Two positions of one actor with one stance on one issue: one name on the home page."""
    import copy

    import yaml

    path = project.path("data") / "positions.yaml"
    records = yaml.safe_load(path.read_text())
    twin = dict(copy.deepcopy(next(r for r in records if r["id"] == "clinton-sanctions")), id="clinton-sanctions-again",
                statement="Clinton repeated the demand.")
    path.write_text(yaml.safe_dump(records + [twin], sort_keys=False, allow_unicode=True))
    R.render(load(project), project)
    home = (project.path("docs") / "index.md").read_text()
    issues = home[home.index("## Open issues"):]
    assert issues.count("[Hillary Clinton](") == 1
    positions = (project.path("docs") / "positions" / "sanctions.md").read_text()
    assert 'id="clinton-sanctions-again"' in positions  # every position still on its issue's page


def test_actor_page_shows_role_affiliation_positions_and_events(project):
    R.render(load(project), project)
    text = (project.path("docs") / "actors" / "hillary-clinton.md").read_text()
    assert "| Role | Secretary of State |" in text
    assert "[United States](united-states.md)" in text
    assert "Clinton; Secretary Clinton" in text
    assert "### Sanctions on Syria: demands { #clinton-sanctions }" in text
    assert '"../timeline/2012.html#friends-of-syria-paris"' in text
    us = (project.path("docs") / "actors" / "united-states.md").read_text()
    assert "[Hillary Clinton](hillary-clinton.md)" in us  # members of a state


def test_positions_matrix_cells_have_stance_hover_and_link(project):
    R.render(load(project), project)
    soup = BeautifulSoup((project.path("docs") / "positions.md").read_text(), "html.parser")
    cell = soup.find("a", href="positions/sanctions.html#clinton-sanctions")  # on the issue's page
    assert "stance-demands" in cell.parent["class"]
    assert cell["title"].startswith("demands: real and immediate consequences")
    # six positions, one of them neutral: a statement with no stance fills no cell, so five rows
    assert len(soup.select("table.matrix tbody tr")) == 5
    assert not soup.select("table.matrix td.stance-neutral")


def test_downloads_are_written(project):
    import csv
    import json

    R.render(load(project), project)
    dl = project.path("docs") / "downloads"
    tl = json.loads((dl / "timeline.json").read_text())
    paris = next(e for e in tl["events"] if e["unique_id"] == "friends-of-syria-paris")
    assert paris["start_date"] == {"year": "2012", "month": "7", "day": "6"}
    assert paris["text"]["headline"] == "Friends of Syria meet in Paris and call for sanctions"
    rows = list(csv.DictReader((dl / "timeline.csv").open()))
    assert [r["id"] for r in rows][0] == "russia-china-water-down-plan"
    data = json.loads((dl / "briefing.json").read_text())
    assert len(data["actors"]) == 12
    assert (dl / "briefing.yaml").read_text().startswith("# generated by briefing")


# -- escaping -----------------------------------------------------------------


def test_hostile_text_shows_as_text_on_every_page(project):
    R.render(load(project), project)
    for p in project.path("docs").rglob("*.md"):
        if p.name == "about.md":
            continue
        soup = to_html(p.read_text())
        assert soup.find("script") is None, p
        assert not soup.find_all(lambda t: any(k.startswith("on") for k in t.attrs)), p
        assert not soup.find_all("img"), p
        assert not soup.find_all("a", href=re.compile(r"evil|javascript", re.I)), p
        assert not soup.find_all("b"), p  # the <b>Nowhere</b> place
    soup = to_html((project.path("docs") / "timeline" / "2012.md").read_text())
    ev = soup.find(id="hostile-event")
    assert ev.get_text().startswith("<script>alert(1)</script> attack <img src=x onerror=alert(1)>")
    summary = ev.find_next("p").find_next("p").get_text()
    assert "![pic](https://evil.example/x.png) [link](https://evil.example) **bold** _em_ `code` {{ 7*7 }}" in summary
    assert not ev.find_next("p").find_next("p").find_all(["strong", "em", "code"])
    mallory = to_html((project.path("docs") / "actors" / "hostile-actor.md").read_text())
    role = mallory.find("td", string="Role").find_next("td").get_text()
    assert role == "<img src=x onerror=alert(1)> | table | cell {: .evil } {{ config }} # Heading"


def test_javascript_url_is_not_a_link(project):
    R.render(load(project), project)
    docs = project.path("docs")
    text = "".join(p.read_text() for p in [docs / "sources.md", *sorted((docs / "sources").glob("*.md"))])
    assert "javascript:" not in text.replace("[x](javascript:alert(1))", "")
    assert 'href="https://apnews.example/2012/07/06/friends-of-syria"' in text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=60))
def test_md_text_always_renders_back_to_the_same_text(s):
    """Whatever an article says, Markdown shows exactly that (whitespace collapsed)."""
    expected = " ".join(s.split())
    if not expected:
        return
    for line in (f"{R.md_text(s)}", f"- {R.md_text(s)}", f"#### {R.md_text(s)} {{ #x }}"):
        soup = BeautifulSoup(markdown.markdown(line, extensions=MD_EXTENSIONS), "html.parser")
        assert soup.get_text().strip().rstrip("¶") == expected, line
        assert len(soup.find_all(True)) <= 2  # p / li+ul / h4: no element from the text


# -- templates ----------------------------------------------------------------


def test_undefined_variable_names_template_file_and_line(project):
    tpl = project.path("templates")
    tpl.mkdir(exist_ok=True)
    (tpl / "timeline.md.j2").write_text("# Timeline\n\n{{ v.events|length }}\n{{ v.no_such_thing }}\n")
    with pytest.raises(TemplateError) as exc:
        R.render(load(project), project)
    msg = str(exc.value)
    assert "timeline.md.j2:4" in msg and "no_such_thing" in msg
    assert str(tpl) in msg  # the project's file, not the built-in one
    assert not (project.path("docs") / "index.md").exists()  # nothing half-written


def test_syntax_error_names_template_file_and_line(project):
    tpl = project.path("templates")
    tpl.mkdir(exist_ok=True)
    (tpl / "sources.md.j2").write_text("line one\n{% for x in %}\n")
    with pytest.raises(TemplateError, match=r"sources\.md\.j2:2"):
        R.render(load(project), project)


def test_project_template_overrides_builtin_by_file_name(project):
    tpl = project.path("templates")
    tpl.mkdir(exist_ok=True)
    (tpl / "sources.md.j2").write_text(
        '{% import "_macros.md.j2" as m %}{{ m.front("Sources") }}\n\n# Our sources\n\n'
        "{% for s in v.sources %}- {{ s.outlet|md_text }}\n{% endfor %}")
    R.render(load(project), project)
    docs = project.path("docs")
    assert "# Our sources\n\n- Reuters\n" in (docs / "sources.md").read_text()
    assert "# Timeline" in (docs / "timeline.md").read_text()  # the others stay built-in


# -- the writer and the docs/ folder -----------------------------------------


def test_hand_written_page_is_never_touched(project):
    about = project.path("docs") / "about.md"
    before = (about.read_bytes(), about.stat().st_mtime_ns)
    R.render(load(project), project)
    R.render(load(project), project)
    assert (about.read_bytes(), about.stat().st_mtime_ns) == before


def test_hand_written_page_in_the_way_is_an_error_not_overwritten(project):
    page = project.path("docs") / "timeline.md"
    page.write_text("# My own timeline\n")
    with pytest.raises(TemplateError, match="hand-written"):
        R.render(load(project), project)
    assert page.read_text() == "# My own timeline\n"


def test_stale_generated_page_is_removed(project):
    b = load(project)
    R.render(b, project)
    docs = project.path("docs")
    notes = docs / "actors" / "notes.md"
    notes.write_text("# Notes by hand\n")
    assert (docs / "actors" / "free-syrian-army.md").exists()
    b.actors = [a for a in b.actors if a.id != "free-syrian-army"]
    b.timeline = [e for e in b.timeline if e.id != "fsa-defections"]
    assert R.render(b, project) > 0
    assert not (docs / "actors" / "free-syrian-army.md").exists()
    assert notes.read_text() == "# Notes by hand\n"


def test_unchanged_pages_are_not_rewritten(project):
    b = load(project)
    assert R.render(b, project) > 20
    docs = project.path("docs")
    mtimes = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    time.sleep(0.01)
    assert R.render(b, project) == 0
    assert {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()} == mtimes
    b.actors[0].role = "Changed role"
    assert R.render(b, project) >= 1


def test_build_date_follows_source_date_epoch(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    R.render(load(project), project)
    assert "Built 2001-09-09" in (project.path("docs") / "index.md").read_text()


def test_writer_refuses_same_path_twice(tmp_path):
    w = Writer(tmp_path)
    assert w.write("a/b.md", "x") is True
    with pytest.raises(WriteError, match="twice"):
        w.write("a/b.md", "y")
    assert (tmp_path / "a" / "b.md").read_text() == "x"


@pytest.mark.parametrize("bad", ["../x.md", "/etc/passwd", "a/../../x.md", "a/\x00.md", "a\\b.md",
                                 "", "a//b.md", ".hidden.md", "a/./b.md", "C:/x.md", "ok/ sp.md"])
def test_writer_refuses_paths_escaping_the_root(tmp_path, bad):
    w = Writer(tmp_path / "docs")
    with pytest.raises(WriteError):
        w.write(bad, "x")
    assert not (tmp_path / "x.md").exists()


def test_writer_errors_are_briefing_errors(tmp_path):
    with pytest.raises(BriefingError):
        Writer(tmp_path).write("../x", "")


def test_writer_writes_only_changed_content(tmp_path):
    assert Writer(tmp_path).write("p.md", "same") is True
    mtime = (tmp_path / "p.md").stat().st_mtime_ns
    assert Writer(tmp_path).write("p.md", "same") is False
    assert (tmp_path / "p.md").stat().st_mtime_ns == mtime
    assert Writer(tmp_path).write("p.md", "new") is True
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# -- edit links -----------------------------------------------------------------


def _front(text: str) -> dict:
    import yaml

    return yaml.safe_load(text.split("---\n")[1])


def test_generated_pages_name_the_data_file_behind_them(project):
    """The edit button opens the YAML an editor must change (none for home and downloads)."""
    R.render(load(project), project)
    docs = project.path("docs")
    want = {"actors/index.md": "actors.yaml", "timeline.md": "timeline.yaml",
            "positions.md": "positions.yaml", "sources.md": "sources.yaml",
            "index.md": None, "downloads.md": None}
    for rel, edit in want.items():
        assert _front((docs / rel).read_text()).get("edit_url") == edit, rel


def test_actor_edit_link_points_at_the_actors_line_in_actors_yaml(project):
    R.render(load(project), project)
    lines = project.path("data").joinpath("actors.yaml").read_text().splitlines()
    actor_pages = sorted((project.path("docs") / "actors").glob("*.md"))
    assert len(actor_pages) > 5
    for page in actor_pages:
        if page.name == "index.md":
            continue
        url = _front(page.read_text())["edit_url"]
        name, _, line = url.partition("#L")
        assert name == "actors.yaml" and line.isdigit(), url
        assert lines[int(line) - 1] == f"- id: {page.stem}", (page.name, url)


def test_actor_edit_link_without_a_line_when_actors_yaml_is_another_style(project):
    """Records written as `-\\n  id: x` lose the line number, never the link."""
    path = project.path("data") / "actors.yaml"
    path.write_text(path.read_text().replace("- id: ", "-\n  id: "))
    R.render(load(project), project)
    page = project.path("docs") / "actors" / "kofi-annan.md"
    assert _front(page.read_text())["edit_url"] == "actors.yaml"


def test_a_week_and_a_day_on_its_monday_each_keep_their_heading(project):
    """A week's events never hide under the heading of its Monday (the
    home page links to the week's own anchor)."""
    from generator.models import Event, SourceRef

    b = load(project)
    ref = [SourceRef(article=b.sources[0].id, sentence=0, text="x")]
    b.timeline = [Event(id="on-monday", date="2012-06-25", title="On the Monday", sources=ref),
                  Event(id="that-week", date="2012-W26", title="That week", sources=ref)]
    R.render(b, project)
    soup = to_html((project.path("docs") / "timeline" / "2012.md").read_text())
    heads = [h.get("id") for h in soup.find_all("h3")]
    assert heads[:2] == ["day-2012-06-25", "week-2012-w26"]
    assert soup.find(id="that-week").find_previous("h3")["id"] == "week-2012-w26"
