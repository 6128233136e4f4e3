"""Jinja: the environment every page renders in, and rendering a template to tidy Markdown.

Why it is built this way:

* Templates live in files so a project can override any one of them by
  dropping a file of the same name into its own ``templates/`` folder
  (a ``ChoiceLoader``: the project's folder first, the built-in one second).
* ``StrictUndefined``: a typo in a template is an error naming the template
  file and line, never an empty string silently shipped to a minister.
* A page is rendered as a stream of pieces (:func:`render_stream`), so a
  50 MB page is never one string.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable, Iterator

import jinja2
from markupsafe import Markup

from ..config import Config
from ..errors import TemplateError
from ..slug import slug
from . import pagecache
from .content import STANCES
from .generated import MARKER
from .text import human_date, md_text, safe_url
from .urls import actor_page, actor_stem, source_page
from .view import View


def _default_templates() -> Path:
    """``templates/`` of a checkout, else the copy a wheel installs as ``generator/templates``."""
    package = Path(__file__).resolve().parents[1]
    checkout = package.parent / "templates"
    return checkout if (checkout / "index.md.j2").is_file() else package / "templates"


DEFAULT_TEMPLATES = _default_templates()


def environment(cfg: Config) -> jinja2.Environment:
    """Project templates first, built-in ones second; strict and autoescaped."""
    loader = jinja2.ChoiceLoader([
        jinja2.FileSystemLoader(str(cfg.path("templates"))),
        jinja2.FileSystemLoader(str(DEFAULT_TEMPLATES)),
    ])
    env = pagecache.TrackingEnvironment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=True,  # every template emits Markdown with raw HTML in it
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(md_text=md_text, safe_url=safe_url, slug=slug, human_date=human_date,
                       source_page=source_page, actor_page=actor_page, actor_stem=actor_stem,
                       stance_label=lambda s: str(s).capitalize(), pct=lambda x: f"{round(float(x) * 100)}%")
    env.globals.update(MARKER=Markup(MARKER), STANCES=STANCES)
    env.view_type = View  # what the render cache tracks reads from (inert until it does)
    return env


def render_stream(env: jinja2.Environment, name: str, **ctx: Any) -> Iterator[str]:
    """Render template *name* as pieces (``"".join`` of them is the page), so a
    50 MB page (positions.md at 10,000 articles) is never one string, nor
    its list of lines, nor a tidied copy.  Any Jinja error becomes
    TemplateError(file:line)."""
    try:
        tpl = env.get_template(name)
        yield from tidy_stream(tpl.generate(**ctx))
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or name
        raise TemplateError(f"{where}:{exc.lineno}: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template {exc.name!r} not found in {env.loader.loaders[0].searchpath[0]} "  # type: ignore[attr-defined]
                            f"or {DEFAULT_TEMPLATES}") from None
    except TemplateError:
        raise
    except Exception as exc:  # UndefinedError, TypeError in a filter, ...
        where, line = _template_frame(exc, env, name)
        raise TemplateError(f"{where}:{line}: {type(exc).__name__}: {exc}") from None


_BLOCK_START = re.compile(r"^(#{1,6} |\?\?\?\+? |!!! )")


def tidy(text: str) -> str:
    """No trailing spaces, at most one blank line in a row, one final newline.

    Templates can then be generous with blank lines (Markdown needs them
    around blocks) without the output depending on Jinja's whitespace rules.
    """
    out: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if line == "" and (not out or out[-1] == ""):
            continue
        if _BLOCK_START.match(line) and out and out[-1] != "":
            out.append("")  # a heading or admonition must start a block
        out.append(line)
    return "\n".join(out).strip("\n") + "\n"


_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
"""Every character ``str.splitlines`` breaks a line at."""


def tidy_stream(pieces: Iterable[str]) -> Iterator[str]:
    """:func:`tidy` of ``"".join(pieces)``, line by line (same bytes: tested).

    Lines are cut with ``str.splitlines`` as :func:`tidy` does; a piece's
    last line is held back until the next piece (it may continue, or be a
    ``\\r`` whose ``\\n`` comes next)."""
    state = [False, False]  # something written, a blank line pending
    held: list[str] = []  # the current, unfinished line (kept as pieces: no quadratic +=)
    for piece in pieces:
        if not _LINE_BREAK.search(piece):
            held.append(piece)
            continue
        held.append(piece)
        lines = "".join(held).splitlines(keepends=True)
        held = [lines.pop()]
        if lines:
            yield "".join(_tidy_lines(lines, state))
    yield "".join(_tidy_lines("".join(held).splitlines(), state))  # the last line may be whole
    if not state[0]:
        yield "\n"


def _tidy_lines(lines: list[str], state: list[bool]) -> Iterator[str]:
    """The output of :func:`tidy`'s loop for *lines*; *state* carries over between calls."""
    for line in lines:
        line = line.rstrip()  # the line break too: every break is whitespace
        if not line:
            state[1] = state[0]
            continue
        if state[1] or (state[0] and _BLOCK_START.match(line)):
            yield "\n"
        state[0], state[1] = True, False
        yield line + "\n"


def _template_frame(exc: BaseException, env: jinja2.Environment, name: str) -> tuple[str, Any]:
    """The innermost template file and line in *exc*'s traceback."""
    # Jinja rewrites the traceback so template frames carry the template's
    # file name and line; the innermost such frame is where it went wrong.
    where, line = name, "?"
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            where, line = filename, tb.tb_lineno
        tb = tb.tb_next
    return where, line
