"""The site's search: a Pagefind index written into the built site.

Why Pagefind rather than the theme's search: the theme's search ships one
``search_index.json`` holding every page's text, which each reader downloads
before the first result (7.8 MB at 624 articles, growing with the corpus).
Pagefind splits its index into chunks by word, and a query fetches the few
chunks its words fall in and the result pages' fragments, so what a reader
downloads per query stays about the same however big the briefing grows
(``make bench`` measures it).  The indexer is a binary inside the
``pagefind[bin]`` wheel from the package registry: nothing is fetched at
build or read time.

What is indexed: each page's ``<article>`` (not the navigation, header and
footer repeated on every page), without the blocks marked
``data-search-exclude`` (provenance sentences, indexed once on their source
page).  The search page (``search.md``) loads Pagefind's own UI from the
bundle (``pagefind/pagefind-ui.js``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .errors import BuildError

BUNDLE = "pagefind"
"""The index's folder inside the site (what the search page loads)."""

ROOT_SELECTOR = "article"
"""The part of each page that is indexed: the theme's content article."""

EXCLUDE = "[data-search-exclude], .headerlink"
"""Left out of the index: blocks marked for it (provenance sentences, indexed on
their source page) and the headings' permalink signs."""

TIMEOUT = 1800
"""Seconds the indexer may take (about 5 s for 3,000 pages)."""


def executable() -> Path:
    """The Pagefind binary of the ``pagefind-bin`` wheel."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise BuildError("the Pagefind search indexer is not installed: run `make install` "
                         "(it installs pagefind[bin] from the package registry)") from None
    return Path(get_executable())


def index_site(site: Path) -> None:
    """Write the search index of the built *site* into ``site/pagefind/``.

    A ``pagefind/`` already there is removed first, never written into: an
    incremental build hard-links the last site's files into *site*, and
    writing through such a link would change the live site.
    """
    bundle = site / BUNDLE
    if bundle.is_symlink() or bundle.is_file():
        bundle.unlink()
    elif bundle.exists():
        shutil.rmtree(bundle)
    cmd = [str(executable()), "--site", str(site), "--output-subdir", BUNDLE,
           "--root-selector", ROOT_SELECTOR, "--exclude-selectors", EXCLUDE,
           "--keep-index-url", "--quiet"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}  # only our options
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, env=env)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError(f"the search indexer (pagefind) did not run: {exc}") from None
    if proc.returncode != 0 or not (bundle / "pagefind-entry.json").is_file():
        tail = "\n".join((proc.stderr + proc.stdout).strip().splitlines()[-15:])
        raise BuildError(f"the search indexer (pagefind) failed on {site}:\n{tail}")


def indexed_pages(site: Path) -> dict[str, str]:
    """{page path (as ``timeline/2012.html``): its indexed text} read back from
    the index's fragments (gzip, then Pagefind's ``pagefind_dcd`` prefix, then
    JSON): what a query can find, for the tests and ``make bench``."""
    import gzip
    import json

    out: dict[str, str] = {}
    for frag in sorted((site / BUNDLE / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(frag.read_bytes())
        doc = json.loads(data[data.index(b"{"):])
        out[doc["url"].lstrip("/")] = doc["meta"].get("title", "") + "\n" + doc["content"]
    return out
