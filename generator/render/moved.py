"""Old deep links: where the items that left a page went (``docs/moved/``)."""

from __future__ import annotations

import json
import zlib
from collections import defaultdict
from typing import Any

from .generated import MARKER, MOVED_DIR
from .urls import actor_page, actor_year_page, issue_page, timeline_page
from .view import View

SHARD_ANCHORS = 512
"""A map holds at most about this many anchors per file (~25 KB); a bigger one
is split in shards, so an old link fetches two small files instead of one
that grows with the corpus (timeline.json: 1.75 MB at 10,000 articles)."""


def moved_maps(view: View, shard_anchors: int = SHARD_ANCHORS) -> dict[str, str]:
    """{``moved/<old page>.json``: its text} for every page items moved off.

    Why: readers bookmarked ``timeline.html#<event>``, ``positions.html#<position>``
    and ``actors/<id>.html#<position>`` before those pages were split; such a
    link now opens the top of the page.  docs/assets/moved.js, on a page
    whose location hash is no element of it, fetches that page's map (only
    then: no page embeds it) and replaces the location with the new one.

    The pages: timeline.html (every event and date heading is on a year or
    month page), positions.html (every position is on its issue's page), and
    the pages split further since a reader may have bookmarked them: the year
    page of a year split by month, the page of an issue split by letter, the
    page of an actor split by year.  Only anchors that are no longer on the
    old page are listed.

    The text: ``{"generated_by": MARKER, "to": {target: [old anchors]}}``,
    sorted; a target is the new page's URL from the site's root, with
    ``#<anchor>`` when the anchor changed too (otherwise the old one is kept).
    Grouping by target writes each page's URL once, not once per anchor.
    A map of more than *shard_anchors* anchors is split (:func:`_moved_files`).
    """
    maps: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for m in (m for months in view.months_by_year().values() for m in months):
        year = m["days"][0]["events"][0].year
        old_pages = ["timeline"] + ([timeline_page(year)] if m["page"] != timeline_page(year) else [])
        for old in old_pages:
            moved = maps[old][f"{m['page']}.html"]
            moved.add(m["id"])
            for day in m["days"]:
                moved.add(day["id"])
                moved.update(ev.id for ev in day["events"])
    for pv in view.positions:
        maps["positions"][f"{pv.page}.html"].add(pv.id)
        if pv.issue_id in view.split_issues:
            maps[issue_page(pv.issue_id)][f"{pv.page}.html"].add(pv.id)
    for aid in sorted(view.split_actors):
        _moved_actor_items(view, aid, maps[actor_page(aid)])
    out: dict[str, str] = {}
    for old, targets in sorted(maps.items()):
        out.update(_moved_files(old, targets, shard_anchors))
    return out


def moved_shard(anchor: str, shards: int) -> int:
    """The shard of *anchor*: the CRC-32 of its UTF-8 bytes modulo *shards*
    (docs/assets/moved.js computes the same; zlib's is C: 80,000 anchors
    at 10,000 articles cost ~0.03 s, a Python FNV loop cost 0.8 s)."""
    return zlib.crc32(anchor.encode("utf-8")) % shards


def _moved_files(old: str, targets: dict[str, set[str]], shard_anchors: int) -> dict[str, str]:
    """The map files of old page *old*: ``moved/<old>.json`` with the map, or,
    past *shard_anchors* anchors, ``{"generated_by": MARKER, "shards": K}``
    there and the anchors of shard k in ``moved/<old>.<k>.json`` (K a power of
    two, so it changes only when the map doubles; stems hold no ``.``: no clash
    with a page's own map)."""
    n = sum(len(a) for a in targets.values())
    base = f"{MOVED_DIR}/{old}"
    if n <= shard_anchors:
        return {f"{base}.json": _moved_json(targets)}
    shards = 2
    while n > shards * shard_anchors:
        shards *= 2
    parts: list[dict[str, set[str]]] = [defaultdict(set) for _ in range(shards)]
    for target, anchors in targets.items():
        for anchor in anchors:
            parts[moved_shard(anchor, shards)][target].add(anchor)
    out = {f"{base}.json": _dumps({"generated_by": MARKER, "shards": shards})}
    out.update((f"{base}.{k}.json", _moved_json(part)) for k, part in enumerate(parts))
    return out


def _moved_actor_items(view: View, actor_id: str, moved: dict[str, set[str]]) -> None:
    """The anchors a split actor's page lost: each position (now on its year
    page) and the Quotes and Events headings (now the profile's table of years)."""
    quotes = events = False
    for year, items in view._actor_years.get(actor_id, {}).items():
        page = f"{actor_year_page(actor_id, year)}.html"
        moved[page].update(pv.id for pv in items["positions"])
        quotes = quotes or any(pv.p.quote for pv in items["positions"])
        events = events or bool(items["events"])
    years = f"{actor_page(actor_id)}.html#years"
    moved[years].update(a for a, had in (("quotes", quotes), ("events", events)) if had)


def _moved_json(targets: dict[str, set[str]]) -> str:
    """One map as sorted JSON."""
    return _dumps({"generated_by": MARKER, "to": {t: sorted(a) for t, a in sorted(targets.items()) if a}})


def _dumps(doc: dict[str, Any]) -> str:
    """JSON with each item on a line of its own (diffs cleanly), written by
    json's C encoder (``indent`` would switch to the pure-Python one)."""
    return json.dumps(doc, separators=(",\n", ": "), sort_keys=True, ensure_ascii=False) + "\n"
