"""The site folder: Briefing's to replace, built beside it and swapped in whole.

Everything that would make a build refuse is checked before anything is
written (:func:`preflight`): the folder is one Briefing built, and no docs/
or templates/ symlink leads out of the project.  A finished build's folder
replaces the old one with two renames (:func:`swap`); an incremental build's
folder is first completed with the last site's unchanged files
(:func:`link_unchanged`).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from ..config import Config
from ..errors import BuildError


def outside_links(folder: Path, root: Path) -> list[tuple[Path, Path]]:
    """(link, target) of every symlink under *folder* resolving outside *root*."""
    root = root.resolve()
    found = []
    for dirpath, dirs, names in os.walk(folder, followlinks=False):
        for name in sorted(dirs + names):
            p = Path(dirpath, name)
            if p.is_symlink():
                real = p.resolve()
                if real != root and root not in real.parents:
                    found.append((p, real))
    return found


def preflight(cfg: Config) -> None:
    """Everything that would make a build refuse, checked before it writes
    anything (render included): the site folder is Briefing's, and no docs/
    or templates/ symlink leads out of the project."""
    check_site_folder(cfg.path("site"))
    if not cfg.follow_symlinks:
        check_links(cfg)


def check_links(cfg: Config) -> None:
    """Refuse a docs/ or templates/ symlink out of the project: mkdocs follows
    it and publishes what it points at (a link to /etc/passwd becomes a page)."""
    found = [pair for name in ("docs", "templates") for pair in outside_links(cfg.path(name), cfg.root)]
    if found:
        lines = "\n".join(f"{link}: a symlink to {real}, outside the project" for link, real in found)
        raise BuildError(f"{len(found)} symlink(s) lead out of the project, so nothing was built:\n{lines}\n"
                         "copy the files in, or set follow_symlinks: true in briefing.yml")


MARKER_FILE = ".briefing-site"
"""Written into every site Briefing builds: the folder is Briefing's to replace."""

_MARKER_TEXT = ("This folder is built by `briefing build` and replaced whole on every build:\n"
                "do not keep anything else in it.\n")


def check_site_folder(site: Path) -> None:
    """Refuse to replace *site* unless Briefing made it.

    Why: a build swaps a new folder in and deletes the old one; a ``site``
    option naming a folder of the editor's (``site: data``, ``site: seeds``)
    would lose it.  Briefing's folder holds :data:`MARKER_FILE`; a site built
    before the marker existed is recognised by what mkdocs writes
    (``index.html`` and ``sitemap.xml``), an empty folder is free."""
    if not site.exists() and not site.is_symlink():
        return
    if site.is_symlink() or not site.is_dir():
        raise BuildError(f"{site}: the site option names a {'symlink' if site.is_symlink() else 'file'}, "
                         "not a folder Briefing built; remove it or choose another 'site' in briefing.yml")
    if (site / MARKER_FILE).is_file():
        return
    names = {p.name for p in site.iterdir()}
    if not names or {"index.html", "sitemap.xml"} <= names:
        return
    raise BuildError(f"{site}: not a site Briefing built (no {MARKER_FILE} in it) and not empty, so it is "
                     "left alone; move its files elsewhere, or choose another 'site' folder in briefing.yml")


def swap(new: Path, site: Path) -> None:
    """Replace *site* by *new* with two renames (the old one removed after)."""
    check_site_folder(site)
    (new / MARKER_FILE).write_text(_MARKER_TEXT, encoding="utf-8")  # new is not public yet
    old = None
    if site.exists():
        old = site.with_name(f".{site.name}.old-{os.getpid()}-{time.monotonic_ns()}")
        os.replace(site, old)
    os.replace(new, site)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def link_unchanged(site: Path, new: Path) -> None:
    """Complete *new* (what the incremental run wrote) with the last site's other files.

    Hard links, not copies (~100 MB at 1,000 articles): safe because nothing
    ever writes into a file of a finished site -- mkdocs wrote this build into
    the empty *new*, and the next build writes into its own empty folder.
    Plain strings and ``os.scandir`` (not ``Path`` objects): ~2,000 links per
    edit, where pathlib's overhead was most of the cost.
    """
    _link_folder(os.fspath(site), os.fspath(new))


def _link_folder(src: str, dst: str) -> None:
    if not os.path.isdir(dst):
        os.mkdir(dst)
    with os.scandir(src) as it:
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        target = os.path.join(dst, entry.name)
        if entry.is_dir(follow_symlinks=False):
            _link_folder(entry.path, target)
        elif os.path.lexists(target):
            continue  # rebuilt by this run
        else:
            try:
                os.link(entry.path, target)
            except OSError:  # a file system without hard links
                shutil.copy2(entry.path, target)
