"""The house's plan: the rooms of ``generator/``, bottom to top, and what each holds.

A module may import its own room and the rooms below it, never one above:
``tests/test_imports.py`` reads every import (an import inside a function
counts too) and fails on one that points up, and on a module that no room
holds, so a new module is placed on purpose.  The user guide's Architecture
page is generated from this list (:func:`generator.docgen.architecture_reference`),
so the picture and the test cannot disagree.

A room holds modules by name, relative to ``generator``: an entry is a module
or a package, and a package's entry holds every module inside it (the
longest entry that matches wins, so a room may claim one module of another
room's package).  ``__init__`` is the ``generator`` package itself.
"""

from __future__ import annotations

from typing import NamedTuple, Optional

PACKAGE = "generator"


class Room(NamedTuple):
    name: str
    job: str
    holds: tuple[str, ...]


ROOMS: tuple[Room, ...] = (
    Room("base", "the records, the one error root and the one way to write a file; "
         "progress messages, the project lock, the cache codec, the code fingerprint",
         ("__init__", "errors", "models", "fs", "runtime", "progress", "yamlsafe", "lock", "cache",
          "writer", "slug")),
    Room("config", "briefing.yml as typed options that validate themselves",
         ("config",)),
    Room("ingest", "files -> Article records with sentences and offsets (formats, encodings, limits, ids)",
         ("ingest", "detok")),
    Room("extract", "the trained spaCy pipeline and the rules on its output: actors, quotes, positions, "
         "dates, events; key dates, timeline summaries and scoring against gold",
         ("extract", "keyevents", "tls", "evaluate")),
    Room("store", "data/*.yaml: read, validate with located problems, the parsed cache, "
         "the three-way merge with the editor's edits, write",
         ("store",)),
    Room("render", "Briefing -> docs/*.md through the Jinja templates: URLs, views, page families, "
         "downloads, moved links, the page cache",
         ("render",)),
    Room("site", "docs/ -> site/: mkdocs build --strict into a fresh folder, the swap, the build stamp, "
         "the incremental build, the search index, and the briefing MkDocs plugin",
         ("site", "search")),
    Room("pipeline", "the steps (extract, check, render, build, evaluate, timeline, dates, review) "
         "under the project lock",
         ("pipeline",)),
    Room("commands", "what a command does beyond one pipeline step: the live preview, a new project",
         ("serve", "new")),
    Room("cli", "the thin Click layer: options, configuration, one call, errors in one line",
         ("cli",)),
    Room("docs", "reference pages generated from the code for the user guide, and this plan",
         ("docgen", "architecture")),
)
"""Bottom to top."""


def relative(module: str) -> str:
    """``generator.site.builder`` -> ``site.builder``; the package itself -> ``__init__``."""
    if module == PACKAGE:
        return "__init__"
    return module[len(PACKAGE) + 1:] if module.startswith(PACKAGE + ".") else module


def room_of(module: str, rooms: tuple[Room, ...] = ROOMS) -> Optional[int]:
    """The index in *rooms* of the room that holds *module* (a dotted name), None if none does."""
    rel = relative(module)
    best: Optional[tuple[int, int]] = None  # (length of the entry, room)
    for i, room in enumerate(rooms):
        for entry in room.holds:
            if (rel == entry or rel.startswith(entry + ".")) and (best is None or len(entry) > best[0]):
                best = (len(entry), i)
    return None if best is None else best[1]


def upward_imports(graph: dict[str, set[str]], rooms: tuple[Room, ...] = ROOMS) -> list[str]:
    """Every import of *graph* ({module: modules it imports}) into a room above the importer's."""
    found = []
    for module, deps in sorted(graph.items()):
        here = room_of(module, rooms)
        for dep in sorted(deps):
            there = room_of(dep, rooms)
            if here is not None and there is not None and there > here:
                found.append(f"{module} ({rooms[here].name}) imports {dep} ({rooms[there].name})")
    return found


def homeless(modules, rooms: tuple[Room, ...] = ROOMS) -> list[str]:
    """The modules no room holds."""
    return sorted(m for m in modules if room_of(m, rooms) is None)
