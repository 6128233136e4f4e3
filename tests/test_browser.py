"""The built fixture site in a real browser (Debian's chromium via Playwright).

Screenshots of the main pages go to test-output/screenshots/ for a person to
look at.  Skips only when /usr/bin/chromium is absent (`make browser`).
"""

from __future__ import annotations

import re
import shutil
from contextlib import contextmanager

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from briefing_project import REPO, load, make_project
from generator import render, serve
from generator.site import builder

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = REPO / "test-output" / "screenshots"
PAGES = ["index.html", "timeline.html", "timeline/2012.html", "actors/index.html", "actors/hillary-clinton.html",
         "positions.html", "positions/sanctions.html", "sources.html", "sources/ap-2012-07-06-paris.html",
         "about.html", "downloads.html", "network.html", "search.html"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (run `make browser`)"),
]


@contextmanager
def _served(cfg):
    """Render and build *cfg*'s site and serve it over HTTP on a free port:
    its base URL; the server stops afterwards."""
    render.render(load(cfg), cfg)
    builder.build_site(cfg)
    server = serve.serve_dir(cfg.path("site"), 0)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    cfg = make_project(tmp_path_factory.mktemp("browser") / "proj")
    with _served(cfg) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()


class Watch:
    """Console errors, page errors, dialogs and every request of one page."""

    def __init__(self, page, base_url: str):
        self.base = urlsplit(base_url).netloc
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def foreign(self) -> list[str]:
        return [u for u in self.requests
                if not u.startswith(("data:", "blob:")) and urlsplit(u).netloc != self.base]


@contextmanager
def _reader(browser, url: str):
    """A desktop-sized page in a fresh browser context, its console and
    requests watched (``page.watch``); the context is closed afterwards."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        pg = ctx.new_page()
        pg.watch = Watch(pg, url)
        yield pg
    finally:
        ctx.close()


@pytest.fixture
def page(browser, base_url):
    with _reader(browser, base_url) as pg:
        yield pg


@pytest.mark.parametrize("rel", PAGES)
def test_page_loads_clean_and_offline(page, base_url, rel):
    resp = page.goto(base_url + rel, wait_until="networkidle")
    assert resp.status == 200
    page.wait_for_timeout(200)
    assert page.watch.foreign() == [], page.watch.foreign()
    assert page.watch.errors == [], page.watch.errors
    assert page.watch.dialogs == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / (rel.replace("/", "_").replace(".html", "") + ".png")), full_page=True)


def test_timeline_and_matrix_render(page, base_url):
    page.goto(base_url + "timeline.html")
    dots = page.locator(".vt-dot")
    assert dots.count() == 5  # the month-grain event is listed under the axis, not on a day
    assert dots.first.is_visible()
    box = dots.first.bounding_box()
    assert box and box["width"] >= 8 and box["height"] >= 8
    page.goto(base_url + "positions.html")
    cell = page.locator("td.stance-demands a[href='positions/sanctions.html#clinton-sanctions']")
    assert cell.is_visible()
    assert "demands: real and immediate consequences" in cell.get_attribute("title")
    bg = cell.evaluate("a => getComputedStyle(a.parentElement).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
    cell.click()  # the cell leads to the position on its issue's page
    page.wait_for_url("**/positions/sanctions.html#clinton-sanctions")
    assert page.locator("#clinton-sanctions").is_visible()


def _found(page, query: str, text: str, timeout: int = 20_000) -> None:
    """Wait until Pagefind has answered *query* itself (its message counts the results
    "for" it: typed a letter at a time, the search of "Clin" answers first) and the
    results show *text* (a result is listed before its fragment, which holds the
    title and excerpt, has loaded).  Fails after *timeout* ms, whatever the load."""
    expect = pytest.importorskip("playwright.sync_api").expect
    answered = re.compile(r"\d+ results? for " + re.escape(query) + r"\s*$")
    expect(page.locator(".pagefind-ui__message", has_text=answered).first).to_be_visible(timeout=timeout)
    expect(page.locator(".pagefind-ui__results")).to_contain_text(text, ignore_case=True, timeout=timeout)


def test_search_finds_clinton(page, base_url):
    """The Search page (Pagefind) finds an actor, an event and a quote, fetching
    only its own files (no foreign request) and not the whole index."""
    page.goto(base_url + "search.html", wait_until="networkidle")
    box = page.locator("#search-ui input")
    box.wait_for(state="visible")
    box.press_sequentially("Clinton", delay=50)
    _found(page, "Clinton", "Hillary Clinton")
    results = page.locator(".pagefind-ui__result")
    assert results.count() >= 1
    page.screenshot(path=str(SHOTS / "search_clinton.png"))
    # a result leads to its page
    href = results.first.locator("a.pagefind-ui__result-link").first.get_attribute("href")
    assert href and not href.startswith("http") or urlsplit(href).netloc == urlsplit(base_url).netloc
    fetched = [u for u in page.watch.requests if "/pagefind/" in u]
    assert any("/pagefind/index/" in u for u in fetched) and any("/pagefind/fragment/" in u for u in fetched)
    assert page.watch.foreign() == [] and page.watch.errors == []


def test_search_shows_injected_markup_as_text(page, base_url):
    page.goto(base_url + "search.html?q=Mallory", wait_until="networkidle")
    _found(page, "Mallory", "<script>alert(1)</script>")
    assert page.watch.dialogs == [] and page.locator(".pagefind-ui__results img[src='x']").count() == 0


@pytest.mark.parametrize("query,expect", [("Gatilov", "Gennady Gatilov"),            # an actor
                                          ("Geneva transition", "transition plan"),  # an event
                                          ("immediate consequences", "immediate consequences")])  # a quote
def test_search_finds_actors_events_and_quotes(page, base_url, query, expect):
    page.goto(base_url + "search.html?q=" + query.replace(" ", "+"), wait_until="networkidle")
    _found(page, query, expect)


def test_event_link_reaches_its_source_sentence(page, base_url):
    page.goto(base_url + "timeline.html")  # the overview: its mark leads to the year page
    page.locator(".vt-dot[href='timeline/2012.html#friends-of-syria-paris']").click()
    page.wait_for_url("**/timeline/2012.html#friends-of-syria-paris")
    details = page.locator("#friends-of-syria-paris ~ details").first
    details.locator("summary").click()
    link = details.locator("a[href='../sources/ap-2012-07-06-paris.html#ap-2012-07-06-paris-s1']")
    link.click()
    page.wait_for_url("**/sources/ap-2012-07-06-paris.html#ap-2012-07-06-paris-s1")
    target = page.locator("#ap-2012-07-06-paris-s1")
    target.wait_for(state="visible")
    assert "Clinton called for real and immediate consequences" in target.inner_text()
    assert target.evaluate("el => el.matches(':target')")
    bg = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted
    top = target.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"]  # scrolled into view, below the header
    page.screenshot(path=str(SHOTS / "source_sentence_target.png"))


@pytest.mark.parametrize("rel", PAGES)
def test_phone_width_has_no_horizontal_overflow(browser, base_url, rel):
    ctx = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2, is_mobile=True)
    pg = ctx.new_page()
    pg.goto(base_url + rel, wait_until="networkidle")
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{rel} is {width}px wide at 375px"
    if rel in ("index.html", "positions.html", "timeline.html"):
        pg.screenshot(path=str(SHOTS / ("phone_" + rel.replace("/", "_").replace(".html", "") + ".png")))
    ctx.close()


def test_injected_markup_is_text_and_never_runs(page, base_url):
    for rel in ("timeline.html", "timeline/2012.html", "actors/hostile-actor.html", "sources.html",
                "sources/blog-2012-07-02-hostile.html", "positions.html", "index.html"):
        page.goto(base_url + rel, wait_until="networkidle")
        page.wait_for_timeout(100)
        assert page.watch.dialogs == [], rel
        assert page.locator("img[src='x']").count() == 0, rel
    page.goto(base_url + "timeline/2012.html")
    heading = page.locator("#hostile-event")
    assert heading.is_visible()
    assert "<script>alert(1)</script> attack <img src=x onerror=alert(1)>" in heading.inner_text()
    page.goto(base_url + "actors/hostile-actor.html")
    assert "<img src=x onerror=alert(1)>" in page.locator("article").inner_text()
    page.locator("td.cell a").count()  # no matrix here; just make sure the page is alive
    assert page.watch.dialogs == []


# -- the split pages: a busy year by month, a big issue by letter --------------


@pytest.fixture(scope="module")
def split_url(tmp_path_factory):
    """The fixture site with thresholds low enough that 2012 (6 events) gets a
    page per month, the sanctions issue (3 positions) a page per letter and
    Russia (3 events, 1 undated position) a profile and a page per year."""
    from generator.config import load_config

    root = make_project(tmp_path_factory.mktemp("browser-split") / "proj").root
    (root / "briefing.yml").write_text("timeline_month_pages: 2\npositions_letter_pages: 2\nactor_year_pages: 3\n",
                                       encoding="utf-8")
    cfg = load_config(root)
    with _served(cfg) as url:
        yield url


@pytest.fixture
def split_page(browser, split_url):
    with _reader(browser, split_url) as pg:
        yield pg


def test_split_pages_lead_the_reader_to_each_event_and_position(split_page, split_url):
    page, watch = split_page, split_page.watch
    # a mark of the visual timeline leads to the event on its month's page
    page.goto(split_url + "timeline.html")
    page.locator(".vt-dot[href='timeline/2012-07.html#friends-of-syria-paris']").click()
    page.wait_for_url("**/timeline/2012-07.html#friends-of-syria-paris")
    assert page.locator("#friends-of-syria-paris").is_visible()
    assert page.locator("h1").inner_text().startswith("Timeline: July 2012")
    # the year's page is the index of its months
    page.goto(split_url + "timeline/2012.html")
    assert page.locator("h4.event").count() == 0
    page.locator(".tl-months a", has_text="June 2012").click()
    page.wait_for_url("**/timeline/2012-06.html#month-2012-06")
    assert page.locator("#geneva-action-group-meeting").is_visible()
    # a matrix cell leads to the position on its issue's letter page
    page.goto(split_url + "positions.html")
    page.locator("td.stance-demands a").click()
    page.wait_for_url("**/positions/sanctions/h.html#clinton-sanctions")
    assert page.locator("#clinton-sanctions").is_visible()
    assert "Hillary Clinton" in page.locator("#clinton-sanctions").inner_text()
    # the issue's own page lists its letters
    page.goto(split_url + "positions/sanctions.html")
    assert page.locator(".letter-jump a").all_inner_texts() == ["G", "H", "W"]
    page.screenshot(path=str(SHOTS / "split_positions_issue.png"), full_page=True)
    assert watch.errors == [] and watch.foreign() == []


def test_a_big_actor_profile_leads_to_its_year_pages(split_page, split_url):
    page, watch = split_page, split_page.watch
    # the profile: who, the issues, a table of years; no entries of its own
    page.goto(split_url + "actors/russia.html")
    assert page.locator("#russia-transition").count() == 0
    assert page.locator("#years").is_visible()
    page.screenshot(path=str(SHOTS / "split_actor_profile.png"), full_page=True)
    page.locator("article a[href='russia/2012.html']").click()
    page.wait_for_url("**/actors/russia/2012.html")
    assert page.locator("h1").inner_text().startswith("Russia: 2012")
    assert page.locator("a", has_text="The Kremlin rejects the anti-Assad call").is_visible()
    # an event on the year page leads to it on the timeline's month page
    page.locator("a", has_text="The Kremlin rejects the anti-Assad call").click()
    page.wait_for_url("**/timeline/2012-07.html#kremlin-rejects-call")
    assert page.locator("#kremlin-rejects-call").is_visible()
    # the undated position has its own page, reached from the profile too
    page.goto(split_url + "actors/russia.html")
    page.locator("article a[href='russia/undated.html']", has_text="Date unknown").click()
    page.wait_for_url("**/actors/russia/undated.html")
    assert page.locator("#russia-transition").is_visible()
    page.locator("article a[href='../russia.html']").click()
    page.wait_for_url("**/actors/russia.html")
    assert watch.errors == [] and watch.foreign() == []


# -- old deep links: bookmarks from before the split land on the item ----------

OLD_LINKS = [  # (old link, where it must end): an event, a position, an actor's position, a split year
    ("timeline.html#friends-of-syria-paris", "timeline/2012-07.html#friends-of-syria-paris"),
    ("positions.html#clinton-sanctions", "positions/sanctions/h.html#clinton-sanctions"),
    ("actors/russia.html#russia-transition", "actors/russia/undated.html#russia-transition"),
    ("timeline/2012.html#geneva-action-group-meeting", "timeline/2012-06.html#geneva-action-group-meeting"),
]


@pytest.mark.parametrize("old,new", OLD_LINKS)
def test_an_old_deep_link_lands_on_the_item_on_its_new_page(split_page, split_url, old, new):
    page, watch = split_page, split_page.watch
    page.goto(split_url + old)
    page.wait_for_url(split_url + new, timeout=10_000)
    target = page.locator("#" + new.split("#")[1])
    target.wait_for(state="visible")
    assert target.evaluate("el => el.matches(':target')")
    top = target.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"]  # in view
    moved = [u for u in watch.requests if "/moved/" in u]
    assert moved == [split_url + "moved/" + old.split(".html")[0] + ".json"]  # the old page's map, once
    assert watch.errors == [] and watch.foreign() == []


@pytest.fixture(scope="module")
def sharded_url(tmp_path_factory):
    """The split site with maps of more than two anchors split in shards
    (render.SHARD_ANCHORS is 512): the script must find each anchor's shard."""
    from generator.config import load_config

    root = make_project(tmp_path_factory.mktemp("browser-sharded") / "proj").root
    (root / "briefing.yml").write_text("timeline_month_pages: 2\npositions_letter_pages: 2\nactor_year_pages: 3\n",
                                       encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(render, "SHARD_ANCHORS", 2)
        with _served(load_config(root)) as url:
            assert (root / "site" / "moved" / "timeline.3.json").is_file()  # split indeed
            yield url


def test_an_old_deep_link_finds_its_anchor_in_a_sharded_map(browser, sharded_url):
    with _reader(browser, sharded_url) as page:
        for old, new in OLD_LINKS:
            page.goto(sharded_url + old)
            page.wait_for_url(sharded_url + new, timeout=10_000)
            assert page.locator("#" + new.split("#")[1]).is_visible(), old
        shards = [u for u in page.watch.requests if re.search(r"/moved/.+\.[0-9]+\.json$", u)]
        assert len(shards) >= 3, page.watch.requests  # each link: the map's head, then one shard
        assert page.watch.errors == []


def test_an_old_deep_link_on_the_unsplit_site_reaches_the_year_page(page, base_url):
    page.goto(base_url + "timeline.html#kremlin-rejects-call")
    page.wait_for_url(base_url + "timeline/2012.html#kremlin-rejects-call", timeout=10_000)
    assert page.locator("#kremlin-rejects-call").is_visible()
    assert page.watch.errors == []


@pytest.mark.parametrize("link", ["positions.html#issue-sanctions", "timeline.html#key-dates",
                                  "actors/russia.html#years", "actors/russia.html#positions"])
def test_an_anchor_still_on_its_page_is_left_alone(split_page, split_url, link):
    page, watch = split_page, split_page.watch
    page.goto(split_url + link, wait_until="networkidle")
    page.wait_for_timeout(300)
    assert page.url == split_url + link
    assert page.locator("#" + link.split("#")[1]).is_visible()
    assert not [u for u in watch.requests if "/moved/" in u]  # no map fetched
    assert watch.errors == []


def test_a_later_hash_change_to_a_moved_anchor_is_followed_too(split_page, split_url):
    page = split_page
    page.goto(split_url + "positions.html", wait_until="networkidle")
    page.evaluate("location.hash = 'gatilov-sanctions'")  # e.g. an old link pasted into the open page
    page.wait_for_url(split_url + "positions/sanctions/g.html#gatilov-sanctions", timeout=10_000)
    assert page.locator("#gatilov-sanctions").is_visible()


# -- accessibility: WCAG 2.1 A/AA by axe-core, in light and dark --------------

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SPLIT_PAGES = ["timeline/2012.html", "timeline/2012-07.html", "positions/sanctions.html",
               "positions/sanctions/h.html", "actors/russia.html", "actors/russia/2012.html"]


def axe_violations(page, rel: str) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the open page,
    one line each: rule, impact, how many nodes, the first node."""
    from axe_playwright_python.sync_playwright import Axe  # axe-core ships inside the wheel

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [f"{rel}: {v['id']} ({v['impact']}, {len(v['nodes'])} nodes, e.g. {v['nodes'][0]['target']})"
            for v in result.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme,slate", [("light", False), ("dark", True)])
def test_every_page_type_passes_axe_core(browser, base_url, split_url, scheme, slate):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = ctx.new_page()
        found: list[str] = []
        for url, rel in [(base_url, r) for r in PAGES] + [(split_url, r) for r in SPLIT_PAGES]:
            page.goto(url + rel, wait_until="networkidle")
            # the scheme the reader's system asks for is the one tested
            assert (page.locator("body").get_attribute("data-md-color-scheme") == "slate") is slate, rel
            found += axe_violations(page, rel)
        assert found == [], "\n".join(found)
    finally:
        ctx.close()


def test_axe_core_does_fail_a_page_with_a_violation(page, base_url):
    """The check above can fail: grey-on-grey text and a colour-only link are caught."""
    page.goto(base_url + "about.html", wait_until="networkidle")
    page.evaluate("""() => {
        const p = document.createElement('p');
        p.innerHTML = 'A <a href="index.html" style="text-decoration:none;color:#303060">link</a> told'
            + ' apart by colour alone, and <span style="color:#c8c8c8">pale text</span>.';
        p.style.color = '#333';
        document.querySelector('article').appendChild(p);
    }""")
    rules = {line.split(": ")[1].split(" ")[0] for line in axe_violations(page, "about.html")}
    assert {"color-contrast", "link-in-text-block"} <= rules


def _tab_to(page, selector: str, limit: int = 200) -> None:
    """Press Tab until the focused element matches *selector* (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


def test_timeline_marks_and_matrix_cells_work_from_the_keyboard(page, base_url):
    page.goto(base_url + "timeline.html", wait_until="networkidle")
    _tab_to(page, ".vt-dot")
    mark = page.evaluate("document.activeElement.getAttribute('href')")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focused mark is visibly marked
    name = page.evaluate("document.activeElement.innerText || document.activeElement.textContent")
    assert name.strip()  # a text alternative for the mark
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + mark)
    page.goto(base_url + "positions.html", wait_until="networkidle")
    _tab_to(page, "td.cell a")
    cell = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + cell)
    assert page.locator("#" + cell.split("#")[1]).is_visible()


def test_network_nodes_lead_to_actor_pages_and_the_ties_are_in_words(page, base_url):
    page.goto(base_url + "network.html", wait_until="networkidle")
    nodes = page.locator("svg.net-svg a.net-node")
    assert nodes.count() == 9  # every actor with a tie in the fixture
    clinton = page.locator("svg.net-svg a[href='actors/hillary-clinton.html']")
    box = clinton.locator("circle").bounding_box()
    assert box and box["width"] >= 10  # drawn, big enough to click
    assert clinton.get_attribute("aria-label") == "Hillary Clinton: 6 ties"
    # the drawing's text alternative: the ties in words, with what is behind them
    ties = page.locator("#ties + ol").inner_text()
    assert "Gennady Gatilov against Hillary Clinton — opposite sides on Sanctions on Syria" in ties
    assert "Hillary Clinton and William Hague — together in 1 event" in ties
    assert page.locator("line.net-against").count() == 2  # Gatilov against Clinton and Hague
    page.screenshot(path=str(SHOTS / "network.png"), full_page=True)
    # keyboard: Tab reaches a node, Enter opens the actor's page
    _tab_to(page, "a.net-node")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + href)
    assert page.watch.errors == [] and page.watch.foreign() == []


# -- a corpus build: every page type of a real extraction passes axe-core -------

CORPUS_ARTICLES = 50  # the first 50 Syria articles: every page type, kept quick


@pytest.fixture(scope="module")
def corpus_url(tmp_path_factory):
    """The site of the first Syria articles, extracted and built by the CLI."""
    import subprocess
    import sys

    from conftest import CORPUS

    source = CORPUS / "articles.jsonl"
    if not source.exists():
        pytest.skip(f"Syria corpus not available at {CORPUS}")
    root = tmp_path_factory.mktemp("browser-corpus")
    cfg = make_project(root / "proj")
    shutil.rmtree(cfg.path("data"))  # extracted afresh from the articles
    lines = source.read_text(encoding="utf-8").splitlines()[:CORPUS_ARTICLES]
    subset = root / "articles.jsonl"
    subset.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(cfg.root), "build", "-q",
                           "--articles", str(subset)], capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    server = serve.serve_dir(cfg.path("site"), 0)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", cfg.path("site")
    finally:
        server.shutdown()
        server.server_close()


def _one_of_each(site_dir: Path) -> list[str]:
    """A page of each type of a built site: the fixed pages and the first of each folder."""
    rels = ["index.html", "timeline.html", "actors/index.html", "positions.html", "network.html",
            "sources.html", "downloads.html", "search.html?q=Assad"]
    for folder in ("timeline", "actors", "positions", "sources"):
        found = sorted(p.relative_to(site_dir).as_posix() for p in (site_dir / folder).rglob("*.html")
                       if p.name != "index.html")
        rels += found[:1] + [p for p in found if p.count("/") > 1][:1]  # and a split page when there is one
    return rels


@pytest.mark.corpus
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_corpus_build_passes_axe_core_on_every_page_type(browser, corpus_url, scheme):
    url, site_dir = corpus_url
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = ctx.new_page()
        found: list[str] = []
        for rel in _one_of_each(site_dir):
            page.goto(url + rel, wait_until="networkidle")
            if rel.startswith("search.html"):
                page.locator(".pagefind-ui__result").first.wait_for(state="visible", timeout=10_000)
            found += axe_violations(page, rel)
        if scheme == "light":
            page.goto(url + "network.html", wait_until="networkidle")
            page.screenshot(path=str(SHOTS / "corpus_network.png"), full_page=True)
        assert found == [], "\n".join(found)
    finally:
        ctx.close()
