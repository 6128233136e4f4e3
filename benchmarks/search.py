"""What a reader downloads to search a built site, and how long the first result takes.

``make bench`` runs :func:`measure` on each size's site; on its own,
``.venv/bin/python -m benchmarks.search SITE_DIR [SITE_DIR ...]`` measures
sites already built (``briefing build``).

Figures (printed, never asserted):

* the index on disk: the whole ``pagefind/`` bundle, and its word index chunks
  (``index/``) and page fragments (``fragment/``);
* per query, in headless Chromium (Debian's /usr/bin/chromium) on the Search
  page served over HTTP: the bytes of the ``pagefind/`` files the page fetched
  (sizes on disk: the test server sends files as they are, uncompressed), the
  first query with Pagefind's script and WebAssembly, each later one on its
  own, and the milliseconds from typing the query to its results (or Pagefind's
  "No results") on screen.

The download per query should stay flat as the corpus grows: a query loads
the chunks its words fall in and the fragments of the results shown (five at
first), never the whole index.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = Path("/usr/bin/chromium")
QUERIES = ("Assad", "ceasefire", "Annan plan", "refugees", "chemical weapons")
"""An actor, an event word, a plan, a topic, a quoted phrase: words the Syria corpus has."""


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def index_figures(site: Path) -> dict:
    """Sizes of the search bundle on disk (bytes) and its file counts."""
    bundle = site / "pagefind"
    return {"bundle_bytes": _size(bundle), "chunks": len(list((bundle / "index").glob("*"))),
            "chunk_bytes": _size(bundle / "index"), "fragments": len(list((bundle / "fragment").glob("*"))),
            "fragment_bytes": _size(bundle / "fragment"),
            "pages": sum(1 for _ in site.rglob("*.html")),
            "theme_index_bytes": (site / "search" / "search_index.json").stat().st_size
            if (site / "search" / "search_index.json").exists() else 0}


def query_figures(site: Path, queries: tuple[str, ...] = QUERIES) -> list[dict]:
    """Per query: bytes of pagefind/ files fetched, files fetched, ms to first result."""
    from playwright.sync_api import sync_playwright

    from generator.serve import serve_dir

    server = serve_dir(site, 0)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out: list[dict] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            seen: list[str] = []
            page.on("request", lambda r: "/pagefind/" in r.url and seen.append(r.url))
            page.goto(base + "search.html", wait_until="networkidle")
            box = page.locator("#search-ui input")
            box.wait_for(state="visible")
            out.append({"query": "(page open)", "bytes": _bytes(site, seen), "files": len(set(seen)), "ms": 0.0,
                        "found": "Pagefind's interface"})
            for q in queries:
                before = len(seen)
                box.fill("")
                page.wait_for_timeout(400)
                start = time.perf_counter()
                box.fill(q)
                # Pagefind's message says "N results for <query>" or "No results for <query>"
                page.wait_for_function(
                    "q => { const m = document.querySelector('.pagefind-ui__message');"
                    " return m && m.innerText.endsWith(q) && (m.innerText.startsWith('No')"
                    " || document.querySelector('.pagefind-ui__result')); }", arg=q, timeout=20_000)
                ms = (time.perf_counter() - start) * 1000
                found = page.locator(".pagefind-ui__message").inner_text()
                page.wait_for_load_state("networkidle")
                files = sorted(set(seen[before:]))
                out.append({"query": q, "bytes": _bytes(site, files), "files": len(files), "ms": ms, "found": found})
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return out


def _bytes(site: Path, urls: list[str]) -> int:
    """Bytes of the site files behind *urls* (each counted once)."""
    paths = {site / unquote(urlsplit(u).path).lstrip("/") for u in urls}
    return sum(p.stat().st_size for p in paths if p.is_file())


def measure(site: Path) -> dict:
    figures = index_figures(site)
    figures["queries"] = query_figures(site) if CHROMIUM.exists() else []
    return figures


def report(site: Path, figures: dict) -> None:
    kb = 1024
    print(f"  search index of {site} ({figures['pages']} pages): bundle {figures['bundle_bytes'] / kb:,.0f} KB, "
          f"{figures['chunks']} chunks ({figures['chunk_bytes'] / kb:,.0f} KB), "
          f"{figures['fragments']} fragments ({figures['fragment_bytes'] / kb:,.0f} KB)", flush=True)
    for i, q in enumerate(figures["queries"]):
        first = " (first query: with Pagefind's script and WebAssembly)" if i == 1 else ""
        ms = f"{q['ms']:6.0f} ms"
        print(f"    {q['query']!r:<20} {q['bytes'] / kb:8.1f} KB in {q['files']:3d} files, first result "
              f"{ms}  [{q['found']}]{first}", flush=True)


def main(argv: list[str]) -> int:
    for arg in argv:
        site = Path(arg)
        report(site, measure(site))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
