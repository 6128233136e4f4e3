"""The incremental site build's plan and manifest, on ``briefing build``'s side.

After a successful build the manifest records what it was made from (a
SHA-256 per docs/ file, one hash of everything else) and the plugin's page
index is kept beside it; the next build compares, and when nothing but the
bytes of some docs/ files changed it hands the plugin a plan naming them
(:mod:`.incremental` follows it inside mkdocs).  Any doubt means a full build.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Optional

from ..cache import CACHE_DIR
from ..config import Config
from ..fs import write_atomic
from ..runtime import code_fingerprint
from .digests import Digests, site_listing
from .env import ENV_FULL
from .stamp import hash_site_config


MANIFEST_FILE = ".briefing-site.json"
"""At the project root, beside the stamp: what the last successful site build
was made from (a SHA-256 per docs/ file, one hash of everything else) and what
the ``briefing`` plugin learned of every page (anchors, links to anchors, the
navigation).  Never inside site/, whose files must be the same in every copy."""

_MANIFEST_VERSION = 2


def _site_env_hash(cfg: Config) -> str:
    """One hash of everything the site depends on besides docs/'s bytes.

    Why every installed distribution's version and not just mkdocs': Markdown
    extensions, pymdown, Pygments and Material all shape the HTML; a venv
    change is rare, and then a full build is the safe answer.
    """
    from importlib import metadata

    from .. import __version__
    from ..render import build_date

    h = hashlib.sha256()
    h.update(f"builder={cfg.builder}\nversion={__version__}\ndate={build_date()}\n".encode())
    h.update(f"python={sys.version}\n".encode())
    dists = sorted({f"{(d.metadata['Name'] or '').lower()}=={d.version}" for d in metadata.distributions()})
    h.update("\n".join(dists).encode())
    hash_site_config(h, cfg)
    h.update(code_fingerprint().encode())
    return h.hexdigest()


def _docs_hashes(docs: Path, digests: Optional[Digests] = None) -> dict[str, str]:
    """SHA-256 of every file under docs/, by POSIX path relative to it (mkdocs' src_uri).

    An unreadable file gets a digest that never equals a recorded one: mkdocs
    must read it and say why."""
    if not docs.is_dir():
        return {}
    return (digests or Digests(None)).tree(docs, "docs")


def current_state(cfg: Config) -> dict:
    """The inputs of the build about to run, taken *before* it runs: a file an
    editor changes during the build then counts as changed next time."""
    digests = Digests(cfg.root)
    docs = _docs_hashes(cfg.path("docs"), digests)
    digests.save()
    return {"env": _site_env_hash(cfg), "docs_dir": str(cfg.path("docs").resolve()), "docs": docs}


def incremental_plan(cfg: Config, state: dict) -> tuple[Optional[dict], str]:
    """The plan for the plugin, or None and why a full build is needed.

    Incremental only when nothing but the bytes of some docs/ files changed:
    same configs, code, versions and build day; the same set of files (a page
    added or removed changes links and the navigation everywhere); and the
    last site still exactly as that build left it.  What only mkdocs knows
    (navigation titles, search entries) the plugin checks during the build.
    """
    if os.environ.get(ENV_FULL, "") not in ("", "0"):
        return None, f"{ENV_FULL} is set"
    if cfg.builder != "mkdocs":
        return None, f"the builder is {cfg.builder}, not mkdocs"
    old = _read_json(cfg.root / MANIFEST_FILE)
    if old is None or old.get("version") != _MANIFEST_VERSION:
        return None, f"no usable {MANIFEST_FILE} from a previous build"
    try:
        return _compare(cfg, state, old)
    except (AttributeError, KeyError, TypeError, ValueError) as exc:  # a damaged or hand-edited manifest
        return None, f"{MANIFEST_FILE} is damaged ({type(exc).__name__}: {exc})"


def _compare(cfg: Config, state: dict, old: dict) -> tuple[Optional[dict], str]:
    """The checks of :func:`incremental_plan` against the last build's manifest *old*."""
    if old.get("env") != state["env"] or old.get("docs_dir") != state["docs_dir"]:
        return None, "mkdocs.yml, briefing.yml, theme overrides, code, versions or build date changed"
    before, now = old.get("docs") or {}, state["docs"]
    if not isinstance(before, dict) or set(before) != set(now):
        added, gone = sorted(set(now) - set(before)), sorted(set(before) - set(now))
        return None, f"docs/ files added {added[:3]} or removed {gone[:3]}"
    site = cfg.path("site")
    if not (site / "index.html").is_file() or old.get("site") != site_listing(site):
        return None, f"{site} is missing or changed since the last build"
    index = _stored_index(cfg, old.get("index_sha256"))
    if index is None:
        return None, "the last build left no page index"
    changed = sorted(k for k, v in now.items() if before[k] != v)
    return {"docs_dir": state["docs_dir"], "changed": changed, "index_text": index}, ""


INDEX_FILE = "site-index.json"
"""In ``.briefing-cache/``: the plugin's page index of the last build (anchors, links
to anchors, the navigation), byte for byte as it wrote it; the manifest holds its
SHA-256, so a stale or damaged copy means a full build."""


def _stored_index(cfg: Config, digest: object) -> Optional[str]:
    if not isinstance(digest, str):
        return None
    try:
        data = (cfg.root / CACHE_DIR / INDEX_FILE).read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != digest:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if text.strip().startswith("{") and text.strip().endswith("}") else None


def write_manifest(cfg: Config, state: dict, index: Optional[Path], plan: Optional[dict], reason: str) -> None:
    """Record the build that just succeeded (atomically); no index -> no manifest.

    *index* is the plugin's page index file (already checked by :func:`read_index`):
    moved into ``.briefing-cache/`` as it is, its SHA-256 in the manifest."""
    path = cfg.root / MANIFEST_FILE
    path.unlink(missing_ok=True)  # never a manifest naming an index that is not there
    if index is None:
        return
    stored = cfg.root / CACHE_DIR / INDEX_FILE
    try:
        data = index.read_bytes()
        stored.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(index, stored)
        except OSError:  # another file system
            write_atomic(stored, data)
    except OSError:
        return  # no stored index: the next build is a full one
    body = {"version": _MANIFEST_VERSION, "env": state["env"], "docs_dir": state["docs_dir"],
            "docs": state["docs"], "site": site_listing(cfg.path("site")),
            "index_sha256": hashlib.sha256(data).hexdigest(),
            "mode": "full" if plan is None else "incremental", "reason": reason}
    write_atomic(path, (json.dumps(body, sort_keys=True) + "\n").encode("utf-8"))


def read_index(path: Path) -> Optional[dict]:
    """The page index the plugin wrote, if it is one (a dict whose pages are a dict)."""
    index = _read_json(path)
    if index is None or not isinstance(index.get("pages"), dict) or set(index) & _PLAN_KEYS:
        return None
    return index


_PLAN_KEYS = frozenset(("changed", "docs_dir", "site"))
"""The plan's own keys; the page index (whose keys it also carries) has none of them."""


def plan_text(plan: dict, site: Path) -> str:
    """The plan as JSON: its own keys, then the last build's page index (``pages``,
    ``nav``, ...) spliced in as the plugin wrote it -- ~7 MB at 1,000 articles that
    are neither parsed nor serialised again here."""
    head = json.dumps({"changed": plan["changed"], "docs_dir": plan["docs_dir"], "site": str(site.resolve())})
    index = plan["index_text"].strip()
    return head if index == "{}" else head[:-1] + ", " + index[1:]


def _read_json(path: Path) -> Optional[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
