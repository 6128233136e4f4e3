"""Internal links and anchors resolve; a built site fetches nothing from outside.

The checker (tests/htmlcheck.py) is tested first on small sites made here, each
with one known fault it must report, then on a real MkDocs Material build and
on the site the pipeline builds from seeds/.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from htmlcheck import check_site, format_problems, site_base  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

PAGE = """<!doctype html><html><head>{head}</head><body>
{body}
</body></html>
"""


def page(body: str = "", head: str = "") -> str:
    return PAGE.format(head=head, body=body)


GOOD = {
    "index.html": page(
        '<h1 id="top">Home</h1>\n'
        '<a href="actors/">Actors</a>\n'
        '<a href="actors/index.html#assad">Assad</a>\n'
        '<a href="#top">up</a>\n'
        '<a href="https://example.org/article">the article</a>\n'
        '<a href="mailto:editor@example.org">write</a>\n'
        '<img src="img/logo.png" srcset="img/logo.png 1x, img/logo%402x.png 2x">\n'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
        head='<link rel="stylesheet" href="css/site.css">'
             '<link rel="canonical" href="https://owner.github.io/briefing/">'
             '<script src="js/app.js"></script>',
    ),
    "actors/index.html": page('<h2 id="assad">Bashar al-Assad</h2><a name="old-anchor"></a>'
                              '<a href="../index.html#top">home</a><a href="#old-anchor">x</a>'),
    "css/site.css": "body{}",
    "js/app.js": "",
    "img/logo.png": b"\x89PNG",
    "img/logo@2x.png": b"\x89PNG",
}


def test_a_good_site_has_no_problems(tree):
    site = tree(GOOD)
    assert check_site(site) == [], format_problems(check_site(site))


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        ('<a href="actors/nobody.html">x</a>', "no such file in the site: actors/nobody.html"),
        ('<a href="events/">x</a>', "no such file in the site: events/index.html"),
        ('<a href="actors/#bashar">x</a>', "no id 'bashar' in actors/index.html"),
        ('<a href="#nowhere">x</a>', "no id 'nowhere' in index.html"),
        ('<img src="img/missing.png">', "no such file in the site: img/missing.png"),
        ('<img srcset="img/logo.png 1x, img/gone.png 2x">', "no such file in the site: img/gone.png"),
        ('<a href="../../etc/passwd">x</a>', "points outside the site folder"),
        ('<script src="https://cdn.example.com/lib.js"></script>', "external request"),
        ('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
         "external request"),
        ('<link rel="preconnect" href="//fonts.gstatic.com">', "external request"),
        ('<img src="http://tracker.example.com/pixel.gif">', "external request"),
        ('<iframe src="https://www.youtube.com/embed/x"></iframe>', "external request"),
        ('<a href="/actors/">x</a>', "root-absolute path outside '/briefing/'"),
    ],
)
def test_each_fault_is_reported_with_page_and_line(tree, fault, expected):
    spec = dict(GOOD)
    spec["index.html"] = page('<h1 id="top">Home</h1>\n<p>more</p>\n' + fault)
    problems = check_site(tree(spec), base="/briefing/")
    assert len(problems) == 1, format_problems(problems)
    p = problems[0]
    assert p.page == "index.html" and p.line == 4, str(p)
    assert expected in p.message, str(p)


def test_root_absolute_paths_under_the_base_resolve(tree):
    """MkDocs writes 404.html with /<base>/ paths because it is served at any URL."""
    spec = dict(GOOD)
    spec["404.html"] = page('<a href="/briefing/actors/#assad">x</a>',
                            head='<link rel="stylesheet" href="/briefing/css/site.css">')
    site = tree(spec)
    assert check_site(site, base="/briefing/") == []
    spec["404.html"] = page('<a href="/briefing/actors/#nobody">x</a>')
    assert [p.message for p in check_site(tree(spec), base="/briefing/")] == [
        "no id 'nobody' in actors/index.html"
    ]


def test_an_empty_folder_is_a_problem(tmp_path):
    assert "no HTML pages" in check_site(tmp_path)[0].message


def test_site_base_reads_site_url(tmp_path):
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text("site_name: x\nsite_url: https://owner.github.io/briefing\n"
                   "markdown_extensions:\n  - pymdownx.emoji:\n"
                   "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
                   encoding="utf-8")
    assert site_base(cfg) == "/briefing/"
    cfg.write_text("site_name: x\n", encoding="utf-8")
    assert site_base(cfg) == "/"


def test_the_command_line_exits_nonzero_on_a_broken_link(tree):
    spec = dict(GOOD)
    spec["actors/index.html"] = page('<a href="../index.html#gone">x</a>')
    site = tree(spec)
    proc = subprocess.run([sys.executable, str(REPO / "tests" / "htmlcheck.py"), str(site)],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "actors/index.html:2: <a> '../index.html#gone': no id 'gone' in index.html" in proc.stdout


# ---- real MkDocs Material builds ---------------------------------------------------

MINI_DOCS = {
    "docs/index.md": "# Home\n\nSee [Assad](actors.md#bashar-al-assad) and [the timeline](timeline.md).\n",
    "docs/actors.md": "# Actors\n\n## Bashar al-Assad\n\nPresident. Back [home](index.md).\n",
    "docs/timeline.md": "# Timeline\n\n## 2012-07-06\n\nFriends of Syria meet in Paris.\n",
}


def _mkdocs(project: Path, config: str) -> subprocess.CompletedProcess:
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-q"], cwd=project,
                          capture_output=True, text=True, timeout=300)


def test_a_real_material_build_links_cleanly_without_external_fonts(tree):
    project = tree(MINI_DOCS)
    proc = _mkdocs(project, "site_name: Mini\nsite_url: https://owner.github.io/mini/\n"
                            "theme:\n  name: material\n  font: false\n")
    assert proc.returncode == 0, proc.stderr
    problems = check_site(project / "site", base="/mini/")
    assert problems == [], format_problems(problems)


def test_material_default_fonts_are_caught_as_external_requests(tree):
    """Material loads Google Fonts unless `font: false`: the checker must notice."""
    project = tree(MINI_DOCS)
    proc = _mkdocs(project, "site_name: Mini\ntheme:\n  name: material\n")
    assert proc.returncode == 0, proc.stderr
    external = [p for p in check_site(project / "site") if "external request" in p.message]
    assert any("fonts.g" in p.url for p in external), format_problems(external)


def test_a_broken_anchor_in_markdown_is_caught_after_the_build(tree):
    """mkdocs --strict does not validate every anchor; the checker does."""
    spec = dict(MINI_DOCS)
    spec["docs/index.md"] = '# Home\n\n<a href="actors/#no-such-actor">raw link</a>\n'
    project = tree(spec)
    proc = _mkdocs(project, "site_name: Mini\ntheme:\n  name: material\n  font: false\n")
    assert proc.returncode == 0, proc.stderr
    problems = check_site(project / "site")
    assert [p.message for p in problems] == ["no id 'no-such-actor' in actors/index.html"]


# ---- the sites the pipeline builds ------------------------------------------------
# "seeds": the whole pipeline on seeds/ (extract -> check -> render -> mkdocs --strict);
# "fixture": the hand-made briefing of tests/fixtures/briefing as data/ (check -> render -> site).

FIXTURE_DATA = REPO / "tests" / "fixtures" / "briefing"


@pytest.fixture(scope="module", params=["seeds", "fixture"])
def built_site(request, tmp_path_factory):
    from htmlcheck import build_project_copy

    extract = request.param == "seeds"
    project = tmp_path_factory.mktemp(f"{request.param}-site")
    proc = build_project_copy(REPO, project, data_from=None if extract else FIXTURE_DATA)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return project / "site", site_base(project / "mkdocs.yml")


def test_the_built_site_links_resolve(built_site):
    site, base = built_site
    assert (site / "index.html").is_file() and (site / "404.html").is_file()
    problems = check_site(site, base=base)
    assert problems == [], format_problems(problems)


# ---- edit links: editors are sent to the YAML, never to generated Markdown ------------


def _edit_links(html: Path) -> list[str]:
    import re

    return re.findall(r'<a href="([^"]*)"[^>]*rel="edit"', html.read_text(encoding="utf-8"))


def test_edit_links_of_the_built_site(built_site):
    site, _ = built_site
    project = site.parent
    edit_root = "https://github.com/OWNER/briefing/blob/main/"
    assert _edit_links(site / "about.html") == [edit_root + "docs/about.md"]
    for page in sorted(site.rglob("*.html")):
        for url in _edit_links(page):
            assert url.startswith(edit_root), (page, url)
            target = url[len(edit_root):].split("#L")[0]  # actor pages: actors.yaml#L<line>
            assert target.startswith("data/") or target == "docs/about.md", (page, url)
            assert (project / target).is_file(), f"{page.name}: edit link to missing {target}"


def test_front_matter_edit_url_names_the_data_file(tree):
    """The theme override honours `edit_url` and hides the link on other generated pages."""
    project = tree({
        "docs/index.md": "---\ngenerated_by: briefing\nedit_url: timeline.yaml\n---\n# Home\n",
        "docs/other.md": "---\ngenerated_by: briefing\n---\n# Generated, no data file\n",
        "docs/about.md": "# About\n",
    })
    proc = _mkdocs(project, (
        "site_name: Mini\nrepo_url: https://github.com/o/r\nedit_uri: blob/main/data/\n"
        f"theme:\n  name: material\n  font: false\n  custom_dir: {REPO / 'templates' / 'mkdocs'}\n"
        "  features: [content.action.edit]\n"
    ))
    assert proc.returncode == 0, proc.stderr
    site = project / "site"
    assert _edit_links(site / "index.html") == ["https://github.com/o/r/blob/main/data/timeline.yaml"]
    assert _edit_links(site / "other" / "index.html") == []
    assert _edit_links(site / "about" / "index.html") == ["https://github.com/o/r/blob/main/docs/about.md"]
