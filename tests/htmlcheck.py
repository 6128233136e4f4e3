"""Check a built static site: every internal link lands, nothing is fetched from outside.

Shared by the tests (``from htmlcheck import check_site``) and usable by hand::

    .venv/bin/python tests/htmlcheck.py site/ [--base /briefing/ | --mkdocs mkdocs.yml]

What is checked, page by page (stdlib ``html.parser``, so problems carry line
numbers):

* every internal ``href``/``src``/``srcset``/``poster``/``data`` resolves to a
  file in the site (a folder means its ``index.html``, as MkDocs' directory
  URLs do) and never escapes the site folder;
* every ``#fragment`` names an ``id`` (or ``<a name>``) in the target page;
* nothing but ``<a>``/``<area>`` (and non-fetching ``<link rel>`` such as
  ``canonical``) points outside: a briefing must open offline and must not
  leak its readers to third parties (Google Fonts, CDNs, analytics).

Root-absolute paths (``/assets/x.css``) only work when the site is served at
the domain root; a GitHub project site lives under ``/<repo>/``.  They are
accepted only under *base* (the path of ``site_url``, which MkDocs uses for
404.html) and resolved relative to it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

# Attributes that hold a URL, per tag ("*" = any tag).
URL_ATTRS = {
    "a": ("href",), "area": ("href",), "link": ("href",), "script": ("src",),
    "img": ("src", "srcset"), "source": ("src", "srcset"), "iframe": ("src",),
    "frame": ("src",), "embed": ("src",), "object": ("data",), "track": ("src",),
    "video": ("src", "poster"), "audio": ("src",), "input": ("src",),
}
# Elements whose links a reader follows; everything else is fetched by the browser.
NAVIGATION_TAGS = {"a", "area"}
# <link rel> values that name a page rather than load a resource.
NON_FETCHING_REL = {
    "canonical", "alternate", "author", "license", "help", "me", "next", "prev",
    "bookmark", "external", "nofollow", "noopener", "noreferrer", "tag", "edit",
}
# Schemes that are neither a site file nor a network request to check.
INERT_SCHEMES = {"data", "mailto", "tel", "javascript", "blob", "about"}


@dataclass(frozen=True, order=True)
class LinkProblem:
    """One bad reference: where it is and what is wrong."""

    page: str
    line: int
    tag: str
    url: str
    message: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: <{self.tag}> {self.url!r}: {self.message}"


@dataclass
class _Ref:
    line: int
    tag: str
    url: str
    navigational: bool


@dataclass
class PageScan:
    """What one HTML page declares (ids) and references (refs)."""

    ids: set[str] = field(default_factory=set)
    refs: list[_Ref] = field(default_factory=list)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if a.get("id"):
            self.scan.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.scan.ids.add(a["name"])
        line = self.getpos()[0]
        nav = tag in NAVIGATION_TAGS or (
            tag == "link" and bool(set(a.get("rel", "").lower().split()))
            and set(a.get("rel", "").lower().split()) <= NON_FETCHING_REL
        )
        for name in URL_ATTRS.get(tag, ()):
            if name not in a:
                continue
            urls = _srcset_urls(a[name]) if name == "srcset" else [a[name].strip()]
            self.scan.refs.extend(_Ref(line, tag, u, nav) for u in urls if u)

    handle_startendtag = handle_starttag


def _srcset_urls(value: str) -> list[str]:
    """``a.png 1x, b.png 2x`` -> ``[a.png, b.png]``."""
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def scan_page(path: Path) -> PageScan:
    parser = _Scanner()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser.scan


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) or (bool(parts.scheme) and parts.scheme.lower() not in INERT_SCHEMES)


def _resolve(site: Path, page_rel: PurePosixPath, path: str, base: str) -> Path | str:
    """The file *path* (from *page_rel*) names, or a message saying why it can't."""
    if path.startswith("/"):
        if not path.startswith(base):
            return f"root-absolute path outside {base!r}: breaks when the site is not served at /"
        rel = PurePosixPath(path[len(base):])
    else:
        rel = page_rel.parent / path
    parts: list[str] = []
    for part in rel.parts:
        if part == "..":
            if not parts:
                return "points outside the site folder"
            parts.pop()
        elif part not in (".", "", "/"):
            parts.append(part)
    target = site.joinpath(*parts)
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return f"no such file in the site: {target.relative_to(site).as_posix()}"
    return target


def check_site(site: Path, base: str = "/") -> list[LinkProblem]:
    """Every link problem in the built *site* (sorted; empty = all good)."""
    site = Path(site).resolve()
    if not base.endswith("/"):
        base += "/"
    pages = sorted(site.rglob("*.html"))
    if not pages:
        return [LinkProblem(str(site), 0, "-", "-", "no HTML pages: was the site built?")]
    scans = {p: scan_page(p) for p in pages}
    problems: list[LinkProblem] = []
    for page, scan in scans.items():
        page_rel = PurePosixPath(page.relative_to(site).as_posix())
        for ref in scan.refs:
            msg = _check_ref(site, page, page_rel, ref, base, scans)
            if msg:
                problems.append(LinkProblem(str(page_rel), ref.line, ref.tag, ref.url, msg))
    return sorted(problems)


def _check_ref(site: Path, page: Path, page_rel: PurePosixPath, ref: _Ref, base: str,
               scans: dict[Path, PageScan]) -> str | None:
    parts = urlsplit(ref.url)
    if _is_external(ref.url):
        return None if ref.navigational else "external request: the page would load this from the network"
    if parts.scheme:
        return None  # data:, mailto:, ...
    path = unquote(parts.path)
    if path:
        target = _resolve(site, page_rel, path, base)
        if isinstance(target, str):
            return target
    else:
        target = page
    if not parts.fragment or target.suffix != ".html":
        return None
    fragment = unquote(parts.fragment)
    scan = scans.get(target)
    if scan is None:  # an .html outside rglob's view cannot happen; be safe
        scan = scans.setdefault(target, scan_page(target))
    if fragment not in scan.ids:
        return f"no id {fragment!r} in {target.relative_to(site).as_posix()}"
    return None


def format_problems(problems: list[LinkProblem], limit: int = 50) -> str:
    lines = [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"... and {len(problems) - limit} more")
    return "\n".join(lines)


def site_base(mkdocs_yml: Path) -> str:
    """The URL path the site is served under, from ``site_url`` ("/" if unset)."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may use !!python/name: and !ENV tags; they don't matter here.
    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    cfg = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_Loader) or {}
    path = urlsplit(cfg.get("site_url") or "").path or "/"
    return path if path.endswith("/") else path + "/"


# ---- building a throw-away copy of the project (for the link and reproducibility tests)

_NOT_PROJECT = {".git", ".venv", "site", "__pycache__", ".pytest_cache", ".hypothesis",
                ".briefing-cache", "test-output"}


def project_files(repo: Path) -> list[str]:
    """What a fresh clone plus uncommitted work holds: tracked and untracked, not ignored.

    Without git (an unpacked archive) every file outside build output and caches.
    """
    import subprocess

    try:
        out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                             cwd=repo, capture_output=True, text=True, check=True).stdout
        names = out.split("\0")
    except (OSError, subprocess.CalledProcessError):
        names = [p.relative_to(repo).as_posix() for p in repo.rglob("*")
                 if not _NOT_PROJECT & set(p.relative_to(repo).parts)
                 and not any(part.endswith(".egg-info") for part in p.parts)]
    return sorted({f for f in names if f and (repo / f).is_file()})


def copy_project(repo: Path, dest: Path) -> Path:
    """Copy the project's files (not .git, .venv, site/ or caches) into *dest*."""
    import shutil

    for rel in project_files(repo):
        if rel.startswith(("site/", ".github/")):
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(repo / rel, target)
    return dest


def build_project(project: Path, epoch: int = 1341532800, hashseed: str = "0",
                  data_from: Path | None = None):
    """Build the site of a copied *project* in place with the ``briefing`` CLI.

    Without *data_from*: the whole pipeline, ``briefing build --extract --strict``
    on seeds/.  With it: that folder becomes data/ and only check, render and
    the site build run (``--no-extract``).  The copy's own ``generator``
    package is imported (PYTHONPATH wins over the editable install), so a
    build uses the code and templates of the moment it was copied.
    SOURCE_DATE_EPOCH is pinned (default 2012-07-06) so every date the build
    stamps is fixed; PYTHONHASHSEED is a parameter so two builds can differ in
    hash order and still must agree byte for byte.
    """
    import os
    import shutil
    import subprocess

    if data_from is not None:
        shutil.rmtree(project / "data", ignore_errors=True)
        shutil.copytree(data_from, project / "data")
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "PYTHONHASHSEED": hashseed,
           "PYTHONPATH": str(project)}
    mode = ["--extract", "--strict"] if data_from is None else ["--no-extract"]
    return subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(project), "build", *mode],
                          cwd=project, env=env, capture_output=True, text=True, timeout=900)


def build_project_copy(repo: Path, dest: Path, **kwargs):
    """Copy the project to *dest* and build it there (see :func:`build_project`)."""
    copy_project(repo, dest)
    return build_project(dest, **kwargs)


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 2
    base = argv[argv.index("--base") + 1] if "--base" in argv else "/"
    if "--mkdocs" in argv:
        base = site_base(Path(argv[argv.index("--mkdocs") + 1]))
    problems = check_site(Path(argv[0]), base)
    if problems:
        print(format_problems(problems, limit=1000))
        return 1
    print(f"{argv[0]}: every internal link and anchor resolves; no external requests.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
