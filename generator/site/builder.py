"""Run the real static site builder into a fresh folder, then swap it in.

Why a subprocess of the venv's ``mkdocs`` rather than its Python API: the
build is exactly what a user gets from the command line, mkdocs' logging
(its warnings under ``--strict``) comes back as text we can show, and a
plugin crash cannot take our process down with it.

The site is built into a temporary folder beside ``site/`` and swapped in
only when the build succeeded (:mod:`.folder`), so a failed build leaves the
last good site in place (a reader never sees a half-built site).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Optional

from .. import search
from ..config import Config
from ..errors import BuildError
from ..progress import run_watching, say
from ..runtime import umask
from . import manifest, nav, stamp
from .env import ENV_PAGES, ENV_PLAN
from .folder import link_unchanged, preflight, swap

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
    # zensical runs no MkDocs plugins: apply the plugin's navigation and title here.
    data.pop("hooks", None)
    if isinstance(data.get("plugins"), list):
        data["plugins"] = [p for p in data["plugins"] if p != "briefing"]
    nav.apply_to_dict(cfg.root, cfg.path("docs"), data)
    tmp.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return tmp


def _problems(output: str) -> str:
    """mkdocs' WARNING/ERROR lines (without colours and banners), or its tail."""
    text = _ANSI.sub("", output)
    lines = [ln.rstrip() for ln in text.splitlines()]
    keep = [ln for ln in lines if ln.startswith(("WARNING", "ERROR", "Aborted", "Error"))
            or re.match(r"^[A-Za-z.]*(Error|Exception): ", ln)]
    return "\n".join(keep or lines[-15:])


def build_site(cfg: Config, inputs: Optional[dict[str, str]] = None) -> Path:
    """Build the site into cfg.site atomically; raise BuildError on failure.

    Incremental when it is safe (see :func:`.manifest.incremental_plan`): only the
    docs/ pages whose bytes changed since the last build are rebuilt, into an
    empty folder then completed with the last site's other files.  Any doubt,
    and any failure of the incremental build, gives a full build, so the
    result is always what a full build gives.
    """
    site = cfg.path("site")
    preflight(cfg)  # again: the build may be long, and the swap checks once more
    site.parent.mkdir(parents=True, exist_ok=True)
    state = manifest.current_state(cfg)
    if inputs is not None:  # the build stamp's docs part: docs/ as mkdocs is about to read it
        inputs["docs"] = stamp.docs_part(cfg.path("docs"), state["docs"])
    plan, reason = manifest.incremental_plan(cfg, state)
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
            side["plan"].write_text(manifest.plan_text(plan, site), encoding="utf-8")
            env[ENV_PLAN] = str(side["plan"])
            cmd = ["--dirty" if part == "--clean" else part for part in cmd]
        total = len(plan["changed"]) if plan is not None else _count_pages(cfg)
        proc = run_watching(cmd, tmp, total, "Building site", "pages", cwd=cfg.root, env=env)
        if proc.returncode != 0:
            raise BuildError(f"{Path(cmd[0]).name} build failed:\n{_problems(proc.stderr + proc.stdout)}")
        pages = manifest.read_index(side["pages"]) if cfg.builder == "mkdocs" else None
        if plan is not None:
            link_unchanged(site, tmp)
        search.index_site(tmp)  # every page, also after an incremental build (search.py)
        os.chmod(tmp, 0o777 & ~umask())  # mkdtemp makes 0700; a web server must read it
        swap(tmp, site)
        manifest.write_manifest(cfg, state, side["pages"] if pages is not None else None, plan, reason)
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
