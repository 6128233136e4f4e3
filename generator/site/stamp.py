"""The build stamp: skip a build whose inputs did not change.

``briefing build`` records, after a successful build, a hash of everything
the build read (settings and versions, the package's code, templates, data/,
docs/) and a listing of the site it left; a later build whose inputs and
site are the same has nothing to do.  The parts are hashed *before* the
build reads them (:func:`stamp_inputs`), so an edit made during a build is
seen by the next one.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Iterator, Optional

from ..config import Config
from ..fs import write_atomic
from ..runtime import code_fingerprint
from .digests import Digests, hash_tree, site_listing

STAMP_FILE = ".briefing-build.json"
"""At the project root (not in site/, whose files must be the same in every copy)."""


def _stamp_parts(cfg: Config, digests: Digests, docs: bool = True) -> Iterator[tuple[str, str]]:
    """What a build reads, as (part, hash) pairs, cheapest and likeliest to
    change first, so a check can stop at the first difference: settings and
    versions, the package's code, templates, data/, then docs/ (the largest)."""
    import dataclasses
    from importlib import metadata

    from .. import __version__
    from ..render import DEFAULT_TEMPLATES, build_date

    h = hashlib.sha256()
    settings = {f.name: str(getattr(cfg, f.name)) for f in dataclasses.fields(cfg) if f.name != "root"}
    h.update(repr(sorted(settings.items())).encode())
    h.update(f"version={__version__}\ndate={build_date()}\n".encode())
    for dist in ("mkdocs", "mkdocs-material", "zensical"):
        try:
            h.update(f"{dist}={metadata.version(dist)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist}=none\n".encode())
    hash_site_config(h, cfg)
    yield "settings", h.hexdigest()
    yield "code", code_fingerprint()  # the ``briefing`` MkDocs plugin is part of it
    folders = [("templates", cfg.path("templates")), ("builtin-templates", DEFAULT_TEMPLATES),
               ("data", cfg.path("data"))]
    for part, folder in folders + ([("docs", cfg.path("docs"))] if docs else []):
        h = hashlib.sha256()
        hash_tree(h, folder, part, digests)
        yield part, h.hexdigest()


def docs_part(docs: Path, hashes: dict[str, str]) -> str:
    """The stamp's docs part from hashes already taken (as :func:`.digests.hash_tree` feeds them)."""
    h = hashlib.sha256()
    if not docs.is_dir():
        h.update(b"docs:absent\n")
    for rel, digest in hashes.items():
        h.update(f"docs/{rel}\0{digest}\n".encode())
    return h.hexdigest()


def stamp_inputs(cfg: Config) -> dict[str, str]:
    """The stamp's parts for everything a build reads but docs/, hashed now,
    *before* the build reads them (docs/ is added by :func:`.builder.build_site`, hashed
    before mkdocs reads it).

    Why before: a stamp hashed after the build would record an edit made while
    the build ran as built, and the next build would call the older site up to
    date.  Hashed before, such an edit differs from the stamp and is built."""
    digests = Digests(cfg.root)
    parts = dict(_stamp_parts(cfg, digests, docs=False))
    digests.save()
    return parts


def hash_site_config(h, cfg: Config) -> None:
    """mkdocs.yml, briefing.yml, and the theme overrides (custom_dir) and hooks it names."""
    for name in ("mkdocs.yml", "briefing.yml"):
        f = cfg.root / name
        h.update(f"{name}\0".encode() + (f.read_bytes() if f.is_file() else b"\0absent"))
    # theme overrides (custom_dir) and hooks named in mkdocs.yml, wherever they live
    mk = cfg.root / "mkdocs.yml"
    text = mk.read_text(encoding="utf-8", errors="replace") if mk.is_file() else ""
    named = re.findall(r"^\s*custom_dir:\s*['\"]?([^'\"#\n]+?)['\"]?\s*(?:#.*)?$", text, re.M)
    named += re.findall(r"^\s+-\s+['\"]?([^'\"#\n]+?\.py)['\"]?\s*$", text, re.M)
    for rel in sorted(set(named)):
        target = (cfg.root / rel.strip())
        if target.is_file():
            h.update(f"extra/{rel}\0".encode() + target.read_bytes())
        else:
            hash_tree(h, target, f"extra/{rel}")


_STAMP_VERSION = 2


def site_is_current(cfg: Config) -> bool:
    """True when site/ was built from exactly the present inputs and is untouched.

    Stops at the first part that differs (after an edit of data/ that is
    before docs/ is read at all)."""
    import json

    site = cfg.path("site")
    try:
        stamp = json.loads((cfg.root / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(stamp, dict) or stamp.get("version") != _STAMP_VERSION \
            or not isinstance(stamp.get("parts"), dict) or not (site / "index.html").is_file():
        return False
    digests = Digests(cfg.root)
    try:
        for part, value in _stamp_parts(cfg, digests):
            if stamp["parts"].get(part) != value:
                return False
        return stamp.get("site") == site_listing(site)
    finally:
        digests.save()


def forget_stamp(cfg: Config) -> None:
    """Called before a real build: a build that fails half way leaves no stamp."""
    (cfg.root / STAMP_FILE).unlink(missing_ok=True)


def write_stamp(cfg: Config, inputs: Optional[dict[str, str]] = None) -> None:
    """Record the inputs of the build that just succeeded (atomically).

    *inputs*: the parts :func:`stamp_inputs` and :func:`.builder.build_site` hashed
    before the build read them; None hashes them now (nothing ran since)."""
    import json

    path = cfg.root / STAMP_FILE
    if inputs is None:
        digests = Digests(cfg.root)
        inputs = dict(_stamp_parts(cfg, digests))
        digests.save()
    body = {"version": _STAMP_VERSION, "parts": inputs, "site": site_listing(cfg.path("site"))}
    write_atomic(path, (json.dumps(body, sort_keys=True) + "\n").encode("utf-8"))

