"""Ingest's last step: a draft -> an ``Article`` (sentences, display text,
content hash, id, date, title and whether the source gave it, outlet).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import re
from functools import partial
from typing import Any, Optional

from ..detok import display_text, looks_tokenized, split_sentences
from ..models import Article, Sentence
from ..slug import slug
from .files import _Reading, clean_text
from .formats import _Draft
from .meta import Field

MAX_ID = 80


# --------------------------------------------------------------------------
# Drafts -> articles
# --------------------------------------------------------------------------


def _build_article(d: _Draft, state: _Reading) -> Optional[Article]:
    """Split sentences, detokenize, resolve metadata; None for an empty text."""
    if not d.raw.strip():
        what = "line" if d.line is not None else "file"
        state.error(d.file, d.line, f"empty article: add text or remove the {what}")
        return None
    tokenized = looks_tokenized(d.raw)
    spans = split_sentences(d.raw, tokenized)
    sentences = [Sentence(i, display_text(d.raw[s:e], tokenized), s, e) for i, (s, e, _) in enumerate(spans)]
    text = _join(sentences, [p for _, _, p in spans], "\n" if tokenized and "\n" in d.raw.strip() else " ")
    given = _text(d.meta, "title")
    return Article(
        id=_article_id(d, state), path=d.file, raw=d.raw, text=text,
        hash=content_hash(sentences),
        tokenized=tokenized, sentences=sentences,
        published=_published(d, state),
        source_id=_text(d.meta, "id"),
        title=given or derive_title(sentences),
        title_origin="given" if given else "derived",
        outlet=_text(d.meta, "outlet") or dateline_outlet(sentences),
        url=_text(d.meta, "url"),
        language=_language(_text(d.meta, "language")) or "en",
    )


def content_hash(sentences: list[Sentence]) -> str:
    """sha256 of the display sentences joined by single spaces.

    Independent of line endings, paragraphing and PTB spacing, so the same
    story saved twice in different shapes is recognised as one; hashed
    sentence by sentence to avoid another full copy of a 50 MB text.
    """
    h = hashlib.sha256()
    for i, s in enumerate(sentences):
        h.update(((" " if i else "") + s.text).encode("utf-8"))
    return h.hexdigest()


def _join(sentences: list[Sentence], paras: list[int], sep: str) -> str:
    """Display text: sentences joined by *sep*, paragraphs by a blank line."""
    out: list[str] = []
    for i, s in enumerate(sentences):
        if i:
            out.append("\n\n" if paras[i] != paras[i - 1] else sep)
        out.append(s.text)
    return "".join(out)


def _text(meta: dict[str, Field], key: str) -> str:
    """A metadata value as one-line text (YAML may hand us numbers or None)."""
    value = meta.get(key, (None,))[0]
    return "" if value is None else " ".join(clean_text(str(value)).split())


def _language(value: str) -> str:
    """``en-GB`` / ``en_GB`` -> ``en``: the code extraction and templates use."""
    return re.split(r"[-_]", value.lower())[0] if value else ""


def _article_id(d: _Draft, state: _Reading) -> str:
    """Metadata id (made a slug, with a warning if it was not one) or the file stem."""
    wanted = _text(d.meta, "id")
    if not wanted:
        return slugify(d.default_id)
    slug = slugify(wanted)
    if slug != wanted:
        _, file, line = d.meta["id"]
        state.warn(file, line, f"id '{wanted}' is not a slug (a-z, 0-9, '-'): using '{slug}'")
    return slug


def _published(d: _Draft, state: _Reading) -> Optional[dt.date]:
    """The publication date, or None with a located problem if it is not a real date."""
    if "published" not in d.meta:
        return None
    value, file, line = d.meta["published"]
    try:
        return parse_date(value)
    except ValueError as exc:
        state.error(file, line, f"{exc}: write it as YYYY-MM-DD (the article is read without a date)")
        return None


_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])")


def parse_date(value: Any) -> Optional[dt.date]:
    """ISO day (time part ignored), a YAML/Python date, or an RFC 2822 date.

    Raises ValueError naming the value when it is not a real calendar day.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip() if value is not None else ""
    if not s:
        return None
    m = _ISO_DAY.match(s)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise ValueError(f"published date '{s}' does not exist") from None
    try:
        return email.utils.parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"published date '{s}' is not a date") from None


# --------------------------------------------------------------------------
# Ids, titles, outlets
# --------------------------------------------------------------------------

slugify = partial(slug, max_len=MAX_ID, fallback="article", fold=True)
"""An article id from a file name or a metadata id: :func:`generator.slug.slug`
folded to ASCII (``Genève`` -> ``geneve``; a name in another script gets a
hash, so two never collide; nothing left gives ``article-<hash>``), at most
:data:`MAX_ID` characters.  It can never contain ``/`` or ``..``."""


_OUTLETS = {"reuters": "Reuters", "ap": "Associated Press", "associated press": "Associated Press",
            "afp": "AFP", "upi": "UPI", "dpa": "dpa", "bloomberg": "Bloomberg", "xinhua": "Xinhua"}
_DATELINE = re.compile(r"\((" + "|".join(re.escape(k) for k in _OUTLETS) + r")\)", re.I)
_DATELINE_HEAD = re.compile(r"^.{0,160}?\((?:" + "|".join(re.escape(k) for k in _OUTLETS) + r")\)\s*[-–—]*\s*",
                            re.I)
_BOILERPLATE = re.compile(
    r"^(?:continued from page \d+|continued|advertisement|skip to (?:main )?content|share(?: this)?"
    r"(?: article| story)?|print|email|home|menu|close|loading\W*)\W*$", re.I)


def dateline_outlet(sentences: list[Sentence]) -> str:
    """``LONDON (Reuters) -`` in the first sentence names the outlet (agency copy)."""
    for s in sentences[:2]:
        m = _DATELINE.search(s.text[:300])
        if m:
            return _OUTLETS[m.group(1).lower()]
    return ""


def derive_title(sentences: list[Sentence], limit: int = 100) -> str:
    """First real sentence, without dateline or page boilerplate, cut at a word."""
    for s in sentences[:5]:
        text = _DATELINE_HEAD.sub("", s.text).strip()
        if text and not _BOILERPLATE.match(text):
            if len(text) <= limit:
                return text
            cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:-–— ")
            return cut + "…"
    return ""
