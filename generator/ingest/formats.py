"""Ingest's format readers: a ``.txt``/``.md``, ``.jsonl`` or ``.html`` file's
text -> drafts (text and located metadata, before they become articles).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Iterator, Optional

from .files import _Reading, _too_big, normalise
from .meta import Field, _front_matter, _meta_fields


@dataclass
class _Draft:
    """An article's text and metadata before it becomes an ``Article``."""

    file: str
    line: Optional[int]
    raw: str
    meta: dict[str, Field]
    default_id: str



# --------------------------------------------------------------------------
# Format readers -> drafts
# --------------------------------------------------------------------------

_MD_TITLE = re.compile(r"\A\s*#[ \t]+([^\n]*)")  # closing #s stripped in Python: no backtracking


def _text_draft(text: str, shown: str, stem: str, ext: str, manifest: dict[str, Field],
                state: _Reading) -> _Draft:
    """``.txt``/``.md``: front matter beats the manifest; a Markdown ``# heading`` is a title."""
    front, body = _front_matter(text, shown, state)
    meta = dict(manifest)
    if ext != ".txt":
        heading = _MD_TITLE.match(body)
        if heading and "title" not in meta:
            meta["title"] = (heading.group(1).rstrip(" \t#"), shown, None)
    meta.update(front)
    return _Draft(shown, None, body, meta, stem)


def _jsonl_drafts(text: str, shown: str, stem: str, defaults: dict[str, Field],
                  state: _Reading) -> Iterator[_Draft]:
    """``.jsonl``: one article per line; bad lines are reported and skipped."""
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        if len(line) > state.max_bytes:
            state.error(shown, lineno, _too_big(len(line.encode("utf-8")), state.max_bytes))
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            state.error(shown, lineno, f"not valid JSON ({exc.msg}): fix or remove the line", exc.colno)
            continue
        if not isinstance(record, dict):
            state.error(shown, lineno, 'expected a JSON object such as {"id": ..., "time": ..., "text": ...}')
            continue
        body = record.get("text", record.get("body", ""))
        if isinstance(body, list):
            body = "\n".join(str(s) for s in body)
        meta = dict(defaults)
        meta.update(_meta_fields({k: v for k, v in record.items() if v is not None}, {}, (), shown, 0)[0])
        meta = {k: (v[0], shown, lineno) for k, v in meta.items()}
        yield _Draft(shown, lineno, normalise(str(body)), meta, f"{stem}-{lineno}")


def _html_draft(text: str, shown: str, stem: str, manifest: dict[str, Field]) -> _Draft:
    """``.html``: the main text, with ``<meta>`` tags below the manifest in precedence."""
    body, html_meta = html_main_text(text)
    meta = {k: (v, shown, line) for k, (v, line) in html_meta.items()}
    meta.update(manifest)
    return _Draft(shown, None, normalise(body), meta, stem)


_DROP_TAGS = ["script", "style", "nav", "header", "footer", "aside", "noscript", "form", "iframe",
              "svg", "template", "button", "figure"]
_BLOCK_TAGS = ["p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt"]
_HTML_META = {"og:title": "title", "twitter:title": "title", "og:site_name": "outlet",
              "og:url": "url", "article:published_time": "published", "datepublished": "published",
              "date": "published", "pubdate": "published", "publishdate": "published",
              "dc.date": "published", "og:locale": "language"}


def html_main_text(html: str) -> tuple[str, dict[str, tuple[str, Optional[int]]]]:
    """Main text of a page (paragraphs joined by blank lines) and its metadata.

    Page chrome (scripts, navigation, header, footer, asides) is dropped; the
    text comes from ``<article>`` or ``<main>`` when the page has one, so
    teasers and menus elsewhere do not become sentences (the longest one
    when related-story cards are ``<article>`` elements too).  Metadata values
    carry the line of the tag they came from.
    """
    from bs4 import BeautifulSoup  # imported here: only HTML input pays for it

    soup = BeautifulSoup(html, "html.parser")
    meta = _html_meta(soup)
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    candidates = soup.find_all("article") or soup.find_all("main")
    root = max(candidates, key=lambda el: len(el.get_text())) if candidates else soup.body or soup
    blocks = [el for el in root.find_all(_BLOCK_TAGS) if el.find(_BLOCK_TAGS) is None]
    parts = ["\n".join(" ".join(ln.split()) for ln in el.get_text().split("\n")).strip() for el in blocks]
    if not any(parts):
        parts = [" ".join(ln.split()) for ln in root.get_text().split("\n")]
    return "\n\n".join(p for p in parts if p), meta


def _html_meta(soup: Any) -> dict[str, tuple[str, Optional[int]]]:
    """``<meta>`` tags, ``<html lang>``, canonical link, ``<h1>``/``<title>``: first found wins."""
    meta: dict[str, tuple[str, Optional[int]]] = {}

    def put(key: str, value: Any, tag: Any) -> None:
        if isinstance(value, str) and value.strip() and key not in meta:
            meta[key] = (" ".join(value.split()), getattr(tag, "sourceline", None))

    for tag in soup.find_all("meta"):
        name = str(tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        if name in _HTML_META:
            put(_HTML_META[name], tag.get("content"), tag)
    for tag in soup.find_all("time", attrs={"datetime": True}, limit=1):
        put("published", tag["datetime"], tag)
    for tag in soup.find_all("link", rel="canonical", limit=1):
        put("url", tag.get("href"), tag)
    for name in ("h1", "title"):
        tag = soup.find(name)
        if tag is not None:
            put("title", tag.get_text(), tag)
    if soup.html is not None:
        put("language", soup.html.get("lang"), soup.html)
    return meta
