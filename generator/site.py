"""docs/ -> site/: run the real static site builder, and the live preview.

Why a subprocess of the venv's ``mkdocs`` rather than its Python API: the
build is exactly what a user gets from the command line, mkdocs' logging
(its warnings under ``--strict``) comes back as text we can show, and a
plugin crash cannot take our process down with it.

The site is built into a temporary folder beside ``site/`` and swapped in
only when the build succeeded, so a failed build leaves the last good site
in place (a reader never sees a half-built site).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator, Optional

from . import search
from .config import Config
from .errors import BuildError
from .fs import write_atomic
from .progress import run_watching, say

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
log = logging.getLogger("briefing")


def _executable(name: str) -> Optional[str]:
    """The builder next to our Python (the venv), else on PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    return shutil.which(name)


def builder_command(cfg: Config, out_dir: Path) -> list[str]:
    """The command line that builds cfg's site into *out_dir*."""
    config_file = cfg.root / "mkdocs.yml"
    if not config_file.exists():
        raise BuildError(f"{config_file} not found: a briefing project needs a mkdocs.yml "
                         "(copy the one from the Briefing repository)")
    if cfg.builder == "zensical":
        exe = _executable("zensical")
        if exe is None:
            raise BuildError("builder 'zensical' is not installed: run `.venv/bin/pip install zensical` "
                             "or use builder: mkdocs in briefing.yml")
        return [exe, "build", "--strict", "--config-file", str(_zensical_config(cfg, config_file, out_dir))]
    exe = _executable("mkdocs")
    if exe is None:
        raise BuildError("mkdocs is not installed: run `make install`")
    return [exe, "build", "--strict", "--clean", "--config-file", str(_mkdocs_config(cfg, config_file, out_dir)),
            "--site-dir", str(out_dir)]


def _mkdocs_config(cfg: Config, config_file: Path, out_dir: Path) -> Path:
    """A config beside mkdocs.yml that inherits it and sets ``docs_dir`` to
    cfg's ``docs`` folder (mkdocs has no --docs-dir): the folder render wrote
    is the folder mkdocs builds, whatever mkdocs.yml says.  Beside it, so
    paths in mkdocs.yml (hooks, custom_dir) resolve as before; a dot-file,
    removed after the build."""
    import json

    tmp = config_file.parent / f".{out_dir.name}.mkdocs.yml"
    docs = os.path.relpath(cfg.path("docs"), config_file.parent)
    tmp.write_text(f"INHERIT: {json.dumps(config_file.name)}\ndocs_dir: {json.dumps(docs)}\n",
                   encoding="utf-8")
    return tmp


def _zensical_config(cfg: Config, config_file: Path, out_dir: Path) -> Path:
    """A copy of mkdocs.yml pointing site_dir at *out_dir* (zensical has no --site-dir)."""
    import yaml

    try:
        data = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise BuildError(f"{config_file}: {exc}") from None
    # Paths relative to the config file: zensical 0.0.73 panics on absolute ones.
    tmp = config_file.parent / f"{out_dir.name}.zensical.yml"
    data["docs_dir"] = os.path.relpath(cfg.path("docs"), config_file.parent)
    data["site_dir"] = os.path.relpath(out_dir, config_file.parent)
    # zensical 0.0.73's partials/actions.html fails on edit links ("string has no
    # method named rstrip"); our pages show no edit button anyway.
    data["edit_uri"] = ""
    # zensical runs no MkDocs plugins: apply generator/mkdocs_hooks.py's result here.
    data.pop("hooks", None)
    if isinstance(data.get("plugins"), list):
        data["plugins"] = [p for p in data["plugins"] if p != "briefing"]
    _apply_hooks(cfg, config_file, data)
    tmp.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return tmp


def _apply_hooks(cfg: Config, config_file: Path, data: dict) -> None:
    """What mkdocs_hooks.on_config does, on a plain config dict."""
    import pathspec
    from markupsafe import escape

    from . import mkdocs_hooks

    title = mkdocs_hooks.briefing_title(cfg.root)
    if title:
        data["site_name"] = str(escape(title))  # as on_config: Material does not escape it
    if isinstance(data.get("nav"), list):
        skip = [pathspec.GitIgnoreSpec.from_lines(str(data[k]).splitlines())
                for k in ("not_in_nav", "exclude_docs") if data.get(k)]
        pages = mkdocs_hooks.hand_written_pages(cfg.path("docs"), data["nav"], skip)
        data["nav"] = mkdocs_hooks.extend_nav(data["nav"], pages)


def _problems(output: str) -> str:
    """mkdocs' WARNING/ERROR lines (without colours and banners), or its tail."""
    text = _ANSI.sub("", output)
    lines = [ln.rstrip() for ln in text.splitlines()]
    keep = [ln for ln in lines if ln.startswith(("WARNING", "ERROR", "Aborted", "Error"))
            or re.match(r"^[A-Za-z.]*(Error|Exception): ", ln)]
    return "\n".join(keep or lines[-15:])


def build_site(cfg: Config, inputs: Optional[dict[str, str]] = None) -> Path:
    """Build the site into cfg.site atomically; raise BuildError on failure.

    Incremental when it is safe (see :func:`_incremental_plan`): only the
    docs/ pages whose bytes changed since the last build are rebuilt, into an
    empty folder then completed with the last site's other files.  Any doubt,
    and any failure of the incremental build, gives a full build, so the
    result is always what a full build gives.
    """
    site = cfg.path("site")
    preflight(cfg)  # again: the build may be long, and the swap checks once more
    site.parent.mkdir(parents=True, exist_ok=True)
    state = _current_state(cfg)
    if inputs is not None:  # the build stamp's docs part: docs/ as mkdocs is about to read it
        inputs["docs"] = _docs_part(cfg.path("docs"), state["docs"])
    plan, reason = _incremental_plan(cfg, state)
    if plan is not None:
        try:
            _build_into(cfg, site, state, plan)
            return site
        except BuildError as exc:
            reason = f"the incremental build failed ({_first_line(exc)})"
    log.debug("site: full build: %s", reason)
    _build_into(cfg, site, state, None, reason)
    return site


def _first_line(exc: BaseException) -> str:
    lines = [ln for ln in str(exc).splitlines()[1:] if ln.strip()] or str(exc).splitlines() or [""]
    return lines[0][:300]


def _build_into(cfg: Config, site: Path, state: dict, plan: Optional[dict], reason: str = "") -> None:
    """One builder run into a temporary folder beside *site*, then the swap."""
    from .mkdocs_hooks import ENV_PAGES, ENV_PLAN

    tmp = Path(tempfile.mkdtemp(prefix=f".{site.name}.build-", dir=site.parent))
    side = {k: tmp.with_name(f"{tmp.name}.{k}.json") for k in ("plan", "pages")}  # beside, never inside
    try:
        cmd = builder_command(cfg, tmp)
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        for var in (ENV_PLAN, ENV_PAGES):
            env.pop(var, None)
        if cfg.builder == "mkdocs":
            env[ENV_PAGES] = str(side["pages"])
        if plan is not None:
            # the plugin reads the last site, never writes it
            side["plan"].write_text(_plan_text(plan, site), encoding="utf-8")
            env[ENV_PLAN] = str(side["plan"])
            cmd = ["--dirty" if part == "--clean" else part for part in cmd]
        total = len(plan["changed"]) if plan is not None else _count_pages(cfg)
        proc = run_watching(cmd, tmp, total, "Building site", "pages", cwd=cfg.root, env=env)
        if proc.returncode != 0:
            raise BuildError(f"{Path(cmd[0]).name} build failed:\n{_problems(proc.stderr + proc.stdout)}")
        pages = _read_index(side["pages"]) if cfg.builder == "mkdocs" else None
        if plan is not None:
            _link_unchanged(site, tmp)
        search.index_site(tmp)  # every page, also after an incremental build (search.py)
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes 0700; a web server must read it
        _swap(tmp, site)
        _write_manifest(cfg, state, side["pages"] if pages is not None else None, plan, reason)
        if plan is not None and pages is not None:
            say(f"Site: rebuilt {len(pages.get('rebuilt') or [])} of {len(pages['pages'])} "
                      f"page(s) incrementally ({len(plan['changed'])} docs/ file(s) changed).")
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        for f in side.values():
            f.unlink(missing_ok=True)
        (cfg.root / f"{tmp.name}.zensical.yml").unlink(missing_ok=True)
        (cfg.root / f".{tmp.name}.mkdocs.yml").unlink(missing_ok=True)


def _count_pages(cfg: Config) -> int:
    """How many pages a full build writes: one per Markdown file in docs/."""
    return sum(1 for _ in cfg.path("docs").rglob("*.md"))


def _read_index(path: Path) -> Optional[dict]:
    """The page index the plugin wrote, if it is one (a dict whose pages are a dict)."""
    index = _read_json(path)
    if index is None or not isinstance(index.get("pages"), dict) or set(index) & _PLAN_KEYS:
        return None
    return index


_PLAN_KEYS = frozenset(("changed", "docs_dir", "site"))
"""The plan's own keys; the page index (whose keys it also carries) has none of them."""


def _plan_text(plan: dict, site: Path) -> str:
    """The plan as JSON: its own keys, then the last build's page index (``pages``,
    ``nav``, ...) spliced in as the plugin wrote it -- ~7 MB at 1,000 articles that
    are neither parsed nor serialised again here."""
    import json

    head = json.dumps({"changed": plan["changed"], "docs_dir": plan["docs_dir"], "site": str(site.resolve())})
    index = plan["index_text"].strip()
    return head if index == "{}" else head[:-1] + ", " + index[1:]


def _link_unchanged(site: Path, new: Path) -> None:
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


def _read_json(path: Path) -> Optional[dict]:
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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


def _swap(new: Path, site: Path) -> None:
    """Replace *site* by *new* with two renames (the old one removed after)."""
    check_site_folder(site)
    (new / MARKER_FILE).write_text(_MARKER_TEXT, encoding="utf-8")
    old = None
    if site.exists():
        old = site.with_name(f".{site.name}.old-{os.getpid()}-{time.monotonic_ns()}")
        os.replace(site, old)
    os.replace(new, site)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# --------------------------------------------------------------------------
# Build stamp: skip a build whose inputs did not change
# --------------------------------------------------------------------------

STAMP_FILE = ".briefing-build.json"
"""At the project root (not in site/, whose files must be the same in every copy)."""


def _scan(folder: str, rel: str = "") -> Iterator[tuple[str, str, os.stat_result]]:
    """(relative POSIX path, path, stat) of every file under *folder*, sorted
    (a folder's files, then its sub-folders), as ``os.walk`` with sorted names
    gives them; symlinked folders are not followed.  ``os.scandir`` and
    strings: walking ~3,000 files with ``Path`` objects cost more than
    hashing them."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return
    subdirs = []
    for entry in entries:
        if entry.is_dir():
            if not entry.is_symlink():
                subdirs.append(entry)
            continue
        try:
            st = entry.stat()
        except OSError:
            continue  # vanished, or a dangling link
        yield rel + entry.name, entry.path, st
    for entry in subdirs:
        yield from _scan(entry.path, f"{rel}{entry.name}/")


_RACY_NS = 2_000_000_000
"""A file whose inode changed less than this before it was hashed is hashed
again next time, whatever its stat says (git's "racily clean" rule): a second
write within the file system's timestamp tick could leave the same stat."""

DIGESTS_FILE = "site-digests.msgpack"
"""In ``.briefing-cache/``: the SHA-256 of each input file with the stat it had."""


class _Digests:
    """SHA-256 of files, re-read only when their stat changed.

    Why: a build after one edit hashed all of docs/ (~50 MB at 1,000
    articles) up to three times, to learn that ~8 files changed.  A file is
    trusted unread only when its size, mtime, ctime, inode and device all
    equal those it had when it was hashed *and* its ctime was then at least
    :data:`_RACY_NS` old.  The ctime cannot be set back by a program (any
    write, rename-over or ``touch`` moves it), so restoring a backup with old
    mtimes, copying files around or editing in place is always seen.  A
    missing or damaged cache file only means every file is read again.
    """

    FORMAT = 1

    def __init__(self, root: Optional[Path]):
        """*root*: the project, whose cache file is used; None: no cache (hash everything)."""
        from .cache import CACHE_DIR

        self.path = root / CACHE_DIR / DIGESTS_FILE if root is not None else None
        self.entries: dict = {}  # (tree, relative path) -> (stat, sha256, when hashed)
        self.scanned: dict[str, set] = {}  # tree -> relative paths seen in a full scan of it
        self.changed = False
        if self.path is None:
            return
        try:
            from .cache import load_file

            fmt, entries = load_file(self.path)
            if fmt == self.FORMAT and isinstance(entries, dict):
                self.entries = entries
        except Exception:  # missing, damaged, older layout: hash everything
            pass

    def sha(self, key: tuple, path: str, st: os.stat_result) -> str:
        """SHA-256 hex of *path*'s bytes (*st*: its stat, taken before reading)."""
        stat = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
        hit = self.entries.get(key)
        if hit is not None and hit[0] == stat and stat[2] + _RACY_NS <= hit[2]:
            return hit[1]
        now = time.time_ns()
        try:
            with open(path, "rb") as fh:
                digest = hashlib.sha256(fh.read()).hexdigest()
        except OSError:
            self.entries.pop(key, None)
            return f"unreadable {time.time_ns()}"  # never 'unchanged', never kept
        self.entries[key] = (stat, digest, now)
        self.changed = True
        return digest

    def tree(self, folder: Path, label: str) -> dict[str, str]:
        """{relative POSIX path: SHA-256} of every file under *folder*."""
        out = {rel: self.sha((label, rel), path, st) for rel, path, st in _scan(os.fspath(folder))}
        self.scanned[label] = set(out)
        return out

    def save(self) -> None:
        """Keep what this run hashed or confirmed; files gone from a tree it
        scanned are dropped, trees it did not reach are kept as they were."""
        if self.path is None:
            return
        gone = [k for k in self.entries if k[0] in self.scanned and k[1] not in self.scanned[k[0]]]
        for k in gone:
            del self.entries[k]
        if self.changed or gone:
            from .cache import keep

            keep(self.path, (self.FORMAT, self.entries))
            self.changed = False


def _hash_tree(h, folder: Path, label: str, digests: Optional[_Digests] = None) -> None:
    """Feed every file under *folder* (relative path + content digest) into *h*, sorted."""
    if not folder.is_dir():
        h.update(f"{label}:absent\n".encode())
        return
    for rel, digest in (digests or _Digests(None)).tree(folder, label).items():
        h.update(f"{label}/{rel}\0{digest}\n".encode())


def _stamp_parts(cfg: Config, digests: _Digests, docs: bool = True) -> Iterator[tuple[str, str]]:
    """What a build reads, as (part, hash) pairs, cheapest and likeliest to
    change first, so a check can stop at the first difference: settings and
    versions, the package's code, templates, data/, then docs/ (the largest)."""
    import dataclasses
    from importlib import metadata

    from . import __version__
    from .render import DEFAULT_TEMPLATES, build_date

    h = hashlib.sha256()
    settings = {f.name: str(getattr(cfg, f.name)) for f in dataclasses.fields(cfg) if f.name != "root"}
    h.update(repr(sorted(settings.items())).encode())
    h.update(f"version={__version__}\ndate={build_date()}\n".encode())
    for dist in ("mkdocs", "mkdocs-material", "zensical"):
        try:
            h.update(f"{dist}={metadata.version(dist)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist}=none\n".encode())
    _hash_site_config(h, cfg)
    yield "settings", h.hexdigest()
    h = hashlib.sha256()
    _hash_code(h)
    yield "code", h.hexdigest()
    folders = [("templates", cfg.path("templates")), ("builtin-templates", DEFAULT_TEMPLATES),
               ("data", cfg.path("data"))]
    for part, folder in folders + ([("docs", cfg.path("docs"))] if docs else []):
        h = hashlib.sha256()
        _hash_tree(h, folder, part, digests)
        yield part, h.hexdigest()


def _docs_part(docs: Path, hashes: dict[str, str]) -> str:
    """The stamp's docs part from hashes already taken (as :func:`_hash_tree` feeds them)."""
    h = hashlib.sha256()
    if not docs.is_dir():
        h.update(b"docs:absent\n")
    for rel, digest in hashes.items():
        h.update(f"docs/{rel}\0{digest}\n".encode())
    return h.hexdigest()


def stamp_inputs(cfg: Config) -> dict[str, str]:
    """The stamp's parts for everything a build reads but docs/, hashed now,
    *before* the build reads them (docs/ is added by :func:`build_site`, hashed
    before mkdocs reads it).

    Why before: a stamp hashed after the build would record an edit made while
    the build ran as built, and the next build would call the older site up to
    date.  Hashed before, such an edit differs from the stamp and is built."""
    digests = _Digests(cfg.root)
    parts = dict(_stamp_parts(cfg, digests, docs=False))
    digests.save()
    return parts


def build_inputs_hash(cfg: Config) -> str:
    """One hash of everything a build reads: data/, docs/, templates, configs, code.

    Why content and not mtimes alone: editors copy files around and restore
    backups; a file's bytes are read again whenever its stat (ctime included)
    differs from when it was hashed (:class:`_Digests`), so a clock cannot
    fool it.  docs/ is hashed *after* render, so a later build whose data/
    and templates are unchanged sees the same docs/ (render is deterministic
    for a given day).
    """
    digests = _Digests(cfg.root)
    h = hashlib.sha256()
    for part, value in _stamp_parts(cfg, digests):
        h.update(f"{part}={value}\n".encode())
    digests.save()
    return h.hexdigest()


def _hash_site_config(h, cfg: Config) -> None:
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
            _hash_tree(h, target, f"extra/{rel}")


def _hash_code(h) -> None:
    """The package's own Python code (the ``briefing`` MkDocs plugin is part of it)."""
    code = Path(__file__).resolve().parent
    for p in sorted(code.rglob("*.py")):
        h.update(p.relative_to(code).as_posix().encode() + b"\0" + p.read_bytes())


def _site_listing(site: Path) -> str:
    """(path, size, mtime) of every file in site/: any change means 'not intact'."""
    h = hashlib.sha256()
    for rel, _path, st in _scan(os.fspath(site)):
        h.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


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
    digests = _Digests(cfg.root)
    try:
        for part, value in _stamp_parts(cfg, digests):
            if stamp["parts"].get(part) != value:
                return False
        return stamp.get("site") == _site_listing(site)
    finally:
        digests.save()


def forget_stamp(cfg: Config) -> None:
    """Called before a real build: a build that fails half way leaves no stamp."""
    (cfg.root / STAMP_FILE).unlink(missing_ok=True)


def write_stamp(cfg: Config, inputs: Optional[dict[str, str]] = None) -> None:
    """Record the inputs of the build that just succeeded (atomically).

    *inputs*: the parts :func:`stamp_inputs` and :func:`build_site` hashed
    before the build read them; None hashes them now (nothing ran since)."""
    import json

    path = cfg.root / STAMP_FILE
    if inputs is None:
        digests = _Digests(cfg.root)
        inputs = dict(_stamp_parts(cfg, digests))
        digests.save()
    body = {"version": _STAMP_VERSION, "parts": inputs, "site": _site_listing(cfg.path("site"))}
    write_atomic(path, (json.dumps(body, sort_keys=True) + "\n").encode("utf-8"))


# --------------------------------------------------------------------------
# Incremental site build: rebuild only the docs/ pages that changed
# --------------------------------------------------------------------------

MANIFEST_FILE = ".briefing-site.json"
"""At the project root, beside the stamp: what the last successful site build
was made from (a SHA-256 per docs/ file, one hash of everything else) and what
the ``briefing`` plugin learned of every page (anchors, links to anchors, the
navigation).  Never inside site/, whose files must be the same in every copy."""

_MANIFEST_VERSION = 2
ENV_FULL = "BRIEFING_FULL_SITE_BUILD"
"""Set to 1 to always build the whole site (a benchmark's "before", or a doubt)."""


def _site_env_hash(cfg: Config) -> str:
    """One hash of everything the site depends on besides docs/'s bytes.

    Why every installed distribution's version and not just mkdocs': Markdown
    extensions, pymdown, Pygments and Material all shape the HTML; a venv
    change is rare, and then a full build is the safe answer.
    """
    import hashlib
    from importlib import metadata

    from . import __version__
    from .render import build_date

    h = hashlib.sha256()
    h.update(f"builder={cfg.builder}\nversion={__version__}\ndate={build_date()}\n".encode())
    h.update(f"python={sys.version}\n".encode())
    dists = sorted({f"{(d.metadata['Name'] or '').lower()}=={d.version}" for d in metadata.distributions()})
    h.update("\n".join(dists).encode())
    _hash_site_config(h, cfg)
    _hash_code(h)
    return h.hexdigest()


def _docs_hashes(docs: Path, digests: Optional[_Digests] = None) -> dict[str, str]:
    """SHA-256 of every file under docs/, by POSIX path relative to it (mkdocs' src_uri).

    An unreadable file gets a digest that never equals a recorded one: mkdocs
    must read it and say why."""
    if not docs.is_dir():
        return {}
    return (digests or _Digests(None)).tree(docs, "docs")


def _current_state(cfg: Config) -> dict:
    """The inputs of the build about to run, taken *before* it runs: a file an
    editor changes during the build then counts as changed next time."""
    digests = _Digests(cfg.root)
    docs = _docs_hashes(cfg.path("docs"), digests)
    digests.save()
    return {"env": _site_env_hash(cfg), "docs_dir": str(cfg.path("docs").resolve()), "docs": docs}


def _incremental_plan(cfg: Config, state: dict) -> tuple[Optional[dict], str]:
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
    """The checks of :func:`_incremental_plan` against the last build's manifest *old*."""
    if old.get("env") != state["env"] or old.get("docs_dir") != state["docs_dir"]:
        return None, "mkdocs.yml, briefing.yml, theme overrides, code, versions or build date changed"
    before, now = old.get("docs") or {}, state["docs"]
    if not isinstance(before, dict) or set(before) != set(now):
        added, gone = sorted(set(now) - set(before)), sorted(set(before) - set(now))
        return None, f"docs/ files added {added[:3]} or removed {gone[:3]}"
    site = cfg.path("site")
    if not (site / "index.html").is_file() or old.get("site") != _site_listing(site):
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
    from .cache import CACHE_DIR

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


def _write_manifest(cfg: Config, state: dict, index: Optional[Path], plan: Optional[dict], reason: str) -> None:
    """Record the build that just succeeded (atomically); no index -> no manifest.

    *index* is the plugin's page index file (already checked by :func:`_read_index`):
    moved into ``.briefing-cache/`` as it is, its SHA-256 in the manifest."""
    import json

    from .cache import CACHE_DIR

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
            "docs": state["docs"], "site": _site_listing(cfg.path("site")),
            "index_sha256": hashlib.sha256(data).hexdigest(),
            "mode": "full" if plan is None else "incremental", "reason": reason}
    write_atomic(path, (json.dumps(body, sort_keys=True) + "\n").encode("utf-8"))
