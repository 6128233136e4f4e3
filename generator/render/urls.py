"""The site's URL scheme: which file under docs/ holds which record.

Every link to a page goes through these functions (and the template filters
named after them), so a page is named in one place.  Ids are slugs, which
never hold ``_``; a suffix ``_<kind>`` therefore renames a page whose id
would be a Windows device name without any clash.
"""

from __future__ import annotations

from typing import Optional

_DEVICE_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                           *(f"lpt{i}" for i in range(1, 10))})
"""File names Windows reserves for devices, whatever the extension."""


def _file_stem(rid: str, suffix: str) -> str:
    """*rid* as a file or folder name: itself, or ``<rid><suffix>`` when it is
    a Windows device name (a record may be called ``con``; its page must still
    check out on Windows).  Ids are slugs, which never hold ``_``, so the two
    forms cannot collide."""
    return f"{rid}{suffix}" if rid.split(".")[0].lower() in _DEVICE_NAMES else rid


def source_page(article: str) -> str:
    """The file stem of an article's page ``sources/<stem>.md``: its id, or
    ``<id>_article`` when the id is a Windows device name."""
    return _file_stem(article, "_article")


def issue_page(issue_id: str) -> str:
    """The page of an issue's positions, ``positions/<stem>`` (no extension):
    the issue's id (a slug), ``<id>_issue`` when that is a Windows device name."""
    return f"positions/{_file_stem(issue_id, '_issue')}"


def actor_stem(actor_id: str) -> str:
    """The file stem of an actor's page ``actors/<stem>.md`` (and of the
    folder of its year pages): its id, ``<id>_actor`` when that is a Windows
    device name.  The one place that names an actor's page: every link to an
    actor goes through it (:func:`actor_page`, the ``actor_stem`` and
    ``actor_page`` template filters).  An actor called ``index`` is renamed
    too: ``actors/index.md`` is the list of all actors."""
    return f"{actor_id}_actor" if actor_id == "index" else _file_stem(actor_id, "_actor")


def actor_page(actor_id: str) -> str:
    """An actor's page, ``actors/<stem>`` (no extension; see :func:`actor_stem`)."""
    return f"actors/{actor_stem(actor_id)}"


def timeline_page(year: int, month: Optional[int] = None) -> str:
    """A timeline page, ``timeline/<year>`` or ``timeline/<year>-<mm>`` (no extension).

    The one place that names timeline pages: :meth:`View.event_page` decides
    which of them an event is on, and every link to an event goes through it."""
    return f"timeline/{year}" if month is None else f"timeline/{year}-{month:02d}"


def actor_year_page(actor_id: str, year: Optional[int]) -> str:
    """The page of one year of a big actor, ``actors/<id>/<year>`` (no
    extension); ``actors/<id>/undated`` for items with no date."""
    return f"{actor_page(actor_id)}/{'undated' if year is None else year}"


def letter_stem(name: str) -> str:
    """The letter page of a name in an issue split by letter: ``a`` to ``z``,
    ``0`` for a name that does not start with an ASCII letter."""
    ch = name.strip()[:1].lower()
    return ch if "a" <= ch <= "z" else "0"

