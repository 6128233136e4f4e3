"""Data text as a page shows it: escaped for Markdown and HTML, dates in words.

All data text goes through :func:`md_text`, which makes HTML *and* Markdown
syntax inert (entities, not backslashes, so it works whatever Markdown
extensions are on).  Text inside raw HTML blocks is escaped by autoescape.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Optional

from markupsafe import Markup

from ..models import parse_fuzzy

# Characters that mean something to Markdown, its extensions (tables, attr
# lists, admonitions, footnotes) or HTML, written as numeric entities: the
# browser shows the character, no Markdown parser acts on it.
_MD_ENTITIES = {c: f"&#{ord(c)};" for c in "\\`*_{}[]|~^=#"}
_MD_ENTITIES.update({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_MD_TABLE = str.maketrans(_MD_ENTITIES)
# Block syntax only acts at the start of a line (our text is always one line).
_LEADING = re.compile(r"^(\s*)([#+\-!?:>%]|\d+(?=[.)]))")


def md_text(value: object) -> Markup:
    """Data text safe inside Markdown: HTML, Markdown and attr-list syntax shown as text.

    Newlines are collapsed (a newline could start a heading or a list).
    """
    if value is None:
        return Markup("")
    text = " ".join(str(value).split())
    text = text.translate(_MD_TABLE)
    text = text.replace("](", "]&#40;").replace("!&#91;", "&#33;&#91;")
    m = _LEADING.match(text)
    if m:
        lead = m.group(2)
        if lead.isdigit():
            text = m.group(1) + lead + text[m.end():].replace(".", "&#46;", 1).replace(")", "&#41;", 1)
        else:
            text = m.group(1) + f"&#{ord(lead)};" + text[m.end():]
    return Markup(text)


def safe_url(value: object) -> str:
    """Only http(s) URLs become links; anything else (``javascript:``) is dropped."""
    url = str(value or "").strip()
    return url if re.match(r"^https?://[^\s<>\"']+$", url) else ""


MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")


_ORDINAL_QUARTERS = ("first", "second", "third", "fourth")
# Where the pages place a date of these grains: a time of day on its day, a
# quarter with the dates known only to a month (in its first month).
LAYOUT_GRAIN = {"time": "day", "quarter": "month"}


def human_date(value: Optional[str]) -> str:
    """``2012-07-06`` -> ``6 July 2012`` at whatever grain the date has."""
    if not value:
        return ""
    first, last, grain = parse_fuzzy(value)
    if grain == "time":
        return f"{first.day} {MONTHS[first.month - 1]} {first.year}, {value[11:16]}"
    if grain == "quarter":
        return f"{_ORDINAL_QUARTERS[(first.month - 1) // 3]} quarter of {first.year}"
    if grain == "day":
        return f"{first.day} {MONTHS[first.month - 1]} {first.year}"
    if grain == "month":
        return f"{MONTHS[first.month - 1]} {first.year}"
    if grain == "week":
        return f"week of {first.day} {MONTHS[first.month - 1]} {first.year}"
    return str(first.year)


def build_date() -> str:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date().isoformat()
    return dt.date.today().isoformat()


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def day(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def weekday_day(d: dt.date) -> str:
    return f"{d.strftime('%A')} {day(d)}"
