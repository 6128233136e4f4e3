"""Links written as raw HTML in a generated page, checked as mkdocs checks Markdown links."""

from __future__ import annotations

import logging
import re
from typing import Any

log = logging.getLogger("mkdocs.plugins.briefing")
_RAW_HREF = re.compile(r'<a\s[^<>]*?\bhref="([^"]*)"')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def check_raw_links(page: Any, config: Any, files: Any) -> None:
    """Validate the ``<a href>`` links written as raw HTML in a generated page.

    Why: mkdocs checks only Markdown links, and our big pages write their
    provenance, matrix and entries as raw HTML (a raw block costs Markdown
    almost nothing; guide/docs/performance-history.md "Where mkdocs spends its time").  A missing target
    is reported here at ``validation.links.not_found``; an anchor link joins
    the page's ``links_to_anchors``, so mkdocs' own end-of-build check (and
    the incremental build's record of it) treats it like any Markdown link.
    Hand-written pages are skipped: their raw HTML may show examples in code.
    """
    import html as _html
    import posixpath

    if not page.meta.get("generated_by") or not page.markdown:
        return
    base = posixpath.dirname(page.file.src_uri)
    for raw in dict.fromkeys(_RAW_HREF.findall(page.markdown)):
        href = _html.unescape(raw)
        if not href or _SCHEME.match(href) or href.startswith(("/", "//")):
            continue
        path, _, anchor = href.partition("#")
        if not path:
            target = page.file
        else:
            rel = posixpath.normpath(posixpath.join(base, path))
            target = files.get_file_from_path(rel[:-5] + ".md" if rel.endswith(".html") else rel)
            if target is None:
                log.log(config.validation.links.not_found,
                        f"Doc file '{page.file.src_uri}' contains a raw HTML link '{href}', "
                        f"but the target '{rel}' is not found among documentation files.")
                continue
        if anchor and target.page is not None and page.links_to_anchors is not None:
            page.links_to_anchors.setdefault(target, {}).setdefault(anchor, href)


