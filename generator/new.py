"""``briefing new DIR``: a new briefing project, ready to build and publish.

As ``mkdocs new`` does for a site, this writes everything a project needs and
nothing it does not: ``briefing.yml``, ``mkdocs.yml``, one example article in
``seeds/``, the hand-written ``docs/about.md`` and the site's assets, the
Material overrides in ``templates/mkdocs/``, a ``.gitignore``, and a GitHub
Actions workflow with its ``requirements.txt`` that builds and publishes the
site.  The files come with the package (``generator/scaffold/``, the built-in
templates and assets), so it works from ``pip install`` as from a checkout.
An existing file is never overwritten: if any would be, nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ConfigError
from .render import DEFAULT_TEMPLATES

SCAFFOLD = Path(__file__).resolve().parent / "scaffold"


def _project_file(name: str) -> Path:
    """A file of the Briefing repository's root (``mkdocs.yml``): the checkout's,
    else the copy a wheel installs as ``generator/project_files/``."""
    here = Path(__file__).resolve().parent
    checkout = (here.parent / "pyproject.toml").is_file()
    path = here.parent / name if checkout else here / "project_files" / name
    if path.is_file():
        return path
    raise ConfigError(f"{name} is missing from this installation of Briefing")


def _site_assets() -> Path:
    """docs/assets of a checkout, else the copy installed with the package."""
    here = Path(__file__).resolve().parent
    for folder in (here.parent / "docs" / "assets", here / "site_assets"):
        if folder.is_dir():
            return folder
    raise ConfigError("the site assets (briefing.css, moved.js) are missing from this installation")


def plan(target: Path) -> dict[str, bytes]:
    """{path relative to *target*: bytes} of every file of a new project."""
    files = {
        "briefing.yml": SCAFFOLD / "briefing.yml",
        "mkdocs.yml": _project_file("mkdocs.yml"),
        "requirements.txt": SCAFFOLD / "requirements.txt",
        ".gitignore": SCAFFOLD / "gitignore",
        ".github/workflows/pages.yml": SCAFFOLD / "workflows" / "pages.yml",
        "docs/about.md": SCAFFOLD / "about.md",
        "seeds/example.md": SCAFFOLD / "seeds" / "example.md",
    }
    for folder, into in ((_site_assets(), "docs/assets"), (DEFAULT_TEMPLATES / "mkdocs", "templates/mkdocs")):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.startswith(".") and path.suffix != ".py" \
                    and "__pycache__" not in path.parts:
                files[f"{into}/{path.relative_to(folder).as_posix()}"] = path
    return {rel: src.read_bytes() for rel, src in files.items()}


def new_project(target: Path) -> list[str]:
    """Write a new project into *target* (created if needed); return the files written."""
    files = plan(target)
    if target.exists() and not target.is_dir():
        raise ConfigError(f"{target} exists and is not a folder: choose a new folder name")
    taken = sorted(rel for rel in files if (target / rel).exists() or (target / rel).is_symlink())
    if taken:
        raise ConfigError(f"{target} already has {', '.join(taken)}: nothing was written "
                          "(choose an empty or new folder)")
    for rel, data in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "xb") as fh:  # never over a file that appeared meanwhile
            fh.write(data)
    return sorted(files)
