"""Bad and hostile input through the real ``briefing`` command, checked on the built site.

One project holds every kind of unreadable article (skipped with a located
warning while the rest builds), hostile names (``../``, NUL, CON, 300
characters, non-Latin) and hostile text (script, img onerror, Jinja, attr
lists, admonitions, javascript: links) in articles and in an editor's YAML.
The built HTML must show that text as text and every output path must stay
inside docs/ and site/.  Badly edited data/*.yaml must stop the build with
file:line:column and leave data/, docs/ and site/ byte-identical.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from test_faults import briefing, new_project, snapshot

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JINJA = "{{ 7*7 }}"

GOOD = {
    "hostile.txt": (f"Kofi Annan met Bashar al-Assad in Damascus on July 9, 2012, {SCRIPT} said the envoy.\n"
                    f"Syrian troops shelled Homs on Monday {IMG} and {JINJA} {{% raw %}} officials said.\n"
                    "{: onclick=\"alert(1)\" } The Arab League met in Cairo on July 22, 2012.\n\n"
                    "!!! danger \"Trap\"\n    The United Nations observers left Syria on August 19, 2012.\n\n"
                    "[click](javascript:alert(1)) ![pic](x.png) | a | b | said Hillary Clinton in Paris.\n"),
    "escape.md": ("---\ntitle: \"Escape <script>alert(1)</script> {{ 7*7 }}\"\nid: ../../../etc/passwd\n"
                  "published: 2012-07-10\n---\nThe envoy Kofi Annan flew to Tehran on July 10, 2012.\n"),
    "slashes.md": "---\nid: a/b\\c\n---\nRussia blocked the resolution in New York on July 19, 2012.\n",
    "nul.md": '---\nid: "x\\0y"\n---\nChina also vetoed the resolution on July 19, 2012.\n',
    "CON.txt": "Turkey closed its border with Syria on July 25, 2012.\n",
    "nul.txt": "Jordan opened a refugee camp on July 29, 2012.\n",
    "COM1.md": "---\nid: COM1\n---\nRebels entered Aleppo on July 20, 2012.\n",
    ("l" * 240) + ".txt": "Iran sent a minister to Damascus on August 7, 2012.\n",
    "longid.md": "---\nid: " + "z" * 400 + "\n---\nQatar pledged money to the opposition on August 2, 2012.\n",
    "Дамаск.txt": "Lakhdar Brahimi was named envoy on August 17, 2012.\n",
    "دمشق.txt": "Riad Hijab defected to Jordan on August 6, 2012.\n",
    "雪.md": "---\nid: 雪\n---\nThe Red Cross called the conflict a civil war on July 15, 2012.\n",
    "dup-a.md": "---\nid: same\n---\nFrance recognised the coalition on November 13, 2012.\n",
    "dup-b.md": "---\nid: same\n---\nBritain recognised the coalition on November 20, 2012.\n",
    "z-copy-of-dup-a.txt": "France recognised the coalition on November 13, 2012.\n",
    "latin1.txt": "Café owners in Genève said Syria talks resumed on June 30, 2012.\n".encode("cp1252"),
    "utf16.txt": "Annan’s plan was endorsed in Geneva on June 30, 2012.\n".encode("utf-16"),
    "mixed.txt": b"Line one in Homs on June 1, 2012.\r\nLine two in Hama.\rLine three in Idlib.\n",
    # ~400 KB in one article (every piece of it goes through the trained parser):
    # a single 200 KB line, then 200 KB of long paragraphs.
    "big.txt": ("Activists in Homs said shelling continued " + "and continued " * 15_000 + "on June 2, 2012.\n\n"
                + "".join(f"Report {i}: shelling in Homs and Hama continued on June {1 + i % 28}, 2012, "
                          "activists said, " + "and the " * 1250 + "villages were empty.\n\n" for i in range(20))),
}
BAD = {
    "empty.txt": "",
    "blank.md": "  \n\t\n   \n",
    "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
    "badfront.md": "---\ntitle: ok\noutlet: [unclosed\n---\nThe opposition met in Istanbul on July 3, 2012.\n",
    "baddate.md": "---\npublished: 2012-02-30\n---\nA body that has a wrong date in Homs.\n",
}
EDITOR = ('<script>alert(2)</script> {{ 7*7 }} {% raw %} {: onclick="alert(3)" } '
          '[x](javascript:alert(4)) <img src=x onerror=alert(5)> !!! danger "boom"')
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def html_pages(site: Path) -> dict[str, BeautifulSoup]:
    return {p.relative_to(site).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            for p in sorted(site.rglob("*.html"))}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """extract -> an editor pastes hostile text into an actor's role -> build."""
    outer = tmp_path_factory.mktemp("hostile")
    root = new_project(outer / "proj", {**GOOD, **BAD})
    res = briefing(root, "extract")
    assert res.returncode == 0, res.stderr
    actors = root / "data" / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    m = re.search(r"^- id: ([a-z0-9-]+)\n(?:  .*\n)*?  role: .*$", text, re.M)
    assert m, "no actor with a role was extracted"
    start = m.group(0)
    edited = re.sub(r"role: .*$", "role: '" + EDITOR.replace("'", "''") + "'", start, flags=re.M)
    actors.write_text(text.replace(start, edited), encoding="utf-8")
    build = briefing(root, "build")
    assert build.returncode == 0, build.stderr
    return outer, root, res.stderr, m.group(1)


def test_unreadable_articles_are_named_with_what_to_do_and_the_rest_builds(built):
    _, root, err, _ = built
    warnings = [ln for ln in err.splitlines() if ln.startswith("WARNING:")]
    for name, hint in [("empty.txt", "add text or remove the file"), ("blank.md", "add text or remove"),
                       ("image.txt", "convert it to UTF-8"), ("badfront.md:3:", "fix it or remove it"),
                       ("baddate.md:2", "YYYY-MM-DD"), ("latin1.txt", "save the file as UTF-8"),
                       ("dup-b.md", "give each article its own id"),
                       ("z-copy-of-dup-a.txt", "remove one of them")]:
        assert any(f"seeds/{name}" in ln and hint in ln for ln in warnings), (name, warnings)
    import yaml

    paths = {s.get("path") for s in yaml.safe_load((root / "data" / "sources.yaml").read_text(encoding="utf-8"))}
    for name in [*GOOD, "badfront.md", "baddate.md"]:
        if name != "z-copy-of-dup-a.txt":  # same text as dup-a.md: skipped
            assert any(p and p.endswith(name) for p in paths), (name, paths)
    big = next(s for s in yaml.safe_load((root / "data" / "sources.yaml").read_text(encoding="utf-8"))
               if s.get("path") == "seeds/big.txt")
    # the 1 MB line and the 100 long paragraphs have no sentence end the splitter
    # takes: each is cut into pieces of at most MAX_SENTENCE characters
    from generator.detok import MAX_SENTENCE, split_sentences

    pieces = split_sentences(GOOD["big.txt"], False)
    assert big["sentences"] == len(pieces) > len(GOOD["big.txt"]) // MAX_SENTENCE


def test_every_output_path_stays_inside_and_ids_are_unique_slugs(built):
    outer, root, _, _ = built
    assert sorted(p.name for p in outer.iterdir()) == ["proj"]  # nothing escaped the project
    assert not Path("/etc/passwd.md").exists()
    for top in ("docs", "site"):
        for p in (root / top).rglob("*"):
            assert p.resolve().is_relative_to((root / top).resolve()), p
            assert len(p.name.encode()) <= 255 and "\x00" not in p.name
    import yaml
    sources = yaml.safe_load((root / "data" / "sources.yaml").read_text(encoding="utf-8"))
    ids = [s["id"] for s in sources]
    assert len(ids) == len(set(ids))
    assert all(SLUG.match(i) and len(i) <= 120 for i in ids), [i for i in ids if not SLUG.match(i)]
    n_read = 2 + len(GOOD) - 1 + 2  # the seeds; one duplicate skipped; badfront and baddate still read
    assert len(ids) == n_read, ids
    # Source ids such as 'con' are only anchors; no output *file* may carry a Windows device name.
    reserved = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
    for top in ("docs", "site"):
        assert not [p for p in (root / top).rglob("*") if p.name.split(".")[0].upper() in reserved]
    # The same files give the same ids again (slugs are stable, not counters of the moment).
    from generator import ingest

    again, _ = ingest.read_articles(root / "seeds")
    assert sorted(a.id for a in again) == sorted(ids)


def test_hostile_text_is_text_on_the_built_site(built):
    _, root, _, actor_id = built
    pages = html_pages(root / "site")
    for rel, soup in pages.items():
        for tag in soup.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], (rel, str(tag)[:200])
            if tag.name == "script":
                assert "alert(" not in (tag.string or ""), rel
            if tag.name == "a":
                assert not str(tag.get("href", "")).lower().startswith("javascript:"), rel
            if tag.name == "img":
                assert tag.get("src") not in ("x", "x.png"), rel
        assert not soup.select("div.admonition.danger"), rel
        assert "Homs on Monday 49" not in soup.get_text() and " 49 " not in soup.get_text(), rel
    sources = pages["sources.html"].get_text()
    assert "Escape <script>alert(1)</script> {{ 7*7 }}" in sources
    actor = pages[f"actors/{actor_id}.html"].get_text()
    assert EDITOR.replace("  ", " ") in re.sub(r"\s+", " ", actor), "editor text is not shown literally"
    md = "".join(p.read_text(encoding="utf-8") for p in (root / "docs").rglob("*.md"))
    assert "<script" not in md.lower()


def test_strict_makes_bad_articles_fatal_and_writes_nothing(built, tmp_path):
    _, root, _, _ = built
    proj = tmp_path / "proj"
    shutil.copytree(root, proj)
    (proj / "seeds" / "new.txt").write_text("Egypt hosted talks in Cairo on July 2, 2012.\n", encoding="utf-8")
    before = snapshot(proj)
    res = briefing(proj, "build", "--extract", "--strict")
    assert res.returncode == 1
    assert "seeds/empty.txt" in res.stderr and "seeds/image.txt" in res.stderr
    assert "Traceback" not in res.stderr
    assert snapshot(proj) == before


BAD_YAML = [
    ("syntax", lambda t: t.replace("\n  name: ", "\n  name: [unclosed ", 1), r"data/actors\.yaml:\d+:\d+: "),
    ("tab", lambda t: t.replace("\n  name: ", "\n\tname: ", 1), r"data/actors\.yaml:\d+:\d+: .*tab"),
    ("wrong-type", lambda t: t.replace("\n  mentions: ", "\n  mentions: many # ", 1),
     r"data/actors\.yaml:\d+:\d+: "),
    ("unknown-key", lambda t: t.replace("\n  name: ", "\n  nmae: ", 1), r"data/actors\.yaml:\d+:\d+: .*nmae"),
    ("python-tag", lambda t: t.replace("\n  name: ", "\n  name: !!python/object/apply:os.system "
                                       "['touch PWNED'] # ", 1), r"data/actors\.yaml:\d+:\d+: "),
    ("billion-laughs", lambda t: "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
     "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
     "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n", r"data/actors\.yaml:\d+(:\d+)?: "),
    ("control-char", lambda t: t.replace("\n  name: ", "\n  name: a\x1f", 1),
     r"data/actors\.yaml:\d+:\d+: character #x001f is not allowed"),
    ("path-id", lambda t: t.replace("\n- id: ", "\n- id: ../../escape-", 1),
     r"data/actors\.yaml:\d+:\d+: "),
]


@pytest.mark.parametrize("name,edit,located", BAD_YAML, ids=[b[0] for b in BAD_YAML])
@pytest.mark.parametrize("command", ["build", "extract"])
def test_badly_edited_yaml_stops_with_a_location_and_writes_nothing(built, tmp_path, name, edit, located,
                                                                    command):
    _, root, _, _ = built
    proj = tmp_path / "proj"
    shutil.copytree(root, proj)
    actors = proj / "data" / "actors.yaml"
    actors.write_text(edit(actors.read_text(encoding="utf-8")), encoding="utf-8")
    before = snapshot(proj)
    res = briefing(proj, command, cwd=proj)
    assert res.returncode == 1, res.stderr
    assert re.search(located, res.stderr), res.stderr
    assert "Traceback" not in res.stderr
    assert snapshot(proj) == before
    assert not (proj / "PWNED").exists() and not (tmp_path / "escape").exists()


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (run `make browser`)")
def test_hostile_text_is_visible_and_nothing_runs_in_a_browser(built):
    sync_api = pytest.importorskip("playwright.sync_api")
    from generator import serve

    _, root, _, actor_id = built
    server = serve.serve_dir(root / "site", 0)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    dialogs: list[str] = []
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            page = browser.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(base + f"actors/{actor_id}.html", wait_until="networkidle")
            assert page.get_by_text("<script>alert(2)</script>", exact=False).first.is_visible()
            page.goto(base + "sources.html", wait_until="networkidle")
            heading = page.locator("#etc-passwd")
            assert heading.is_visible()
            assert "Escape <script>alert(1)</script> {{ 7*7 }}" in heading.inner_text()
            for link in ("timeline.html", "index.html", "actors/index.html"):
                page.goto(base + link, wait_until="networkidle")
            page.wait_for_timeout(200)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert dialogs == []
