"""The ``briefing`` command: a thin Click layer over :mod:`generator.pipeline`.

Every :class:`~generator.errors.BriefingError` is printed in one line (or one
block of located problems) with exit code 1; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import BriefingError, os_error_hint

_HELP = """Turn a folder of news articles into a static briefing website.

\b
The workflow:
  briefing extract   articles (seeds/) -> structured YAML (data/)
  (edit data/*.yaml by hand: fix names, merge actors, add events)
  briefing check     validate data/ and print every problem as file:line:col
  briefing build     check + render data/ -> docs/ + build the site into site/
  briefing serve     live preview that rebuilds when seeds/, data/ or templates/ change

Re-running `extract` merges with your edits: nothing you changed is lost.
"""


class _Ctx:
    def __init__(self, root: Path, debug: bool):
        self.root = root
        self.debug = debug

    def config(self, **overrides):
        from .config import load_config

        return load_config(self.root, **overrides)


def _run(ctx: _Ctx, fn, *args, **kwargs):
    """Call *fn*, turning a BriefingError into a one-line message + exit 1."""
    try:
        return fn(*args, **kwargs)
    except BriefingError as exc:
        if ctx.debug:
            raise
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:  # disk full, file too large, permission denied: one line, no traceback
        if ctx.debug:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"Error: {where}{exc.strerror or exc} ({os_error_hint(exc)}, then re-run; "
                   "the previous files were left in place)", err=True)
        sys.exit(1)



_articles_opt = click.option(
    "--articles", type=click.Path(path_type=Path), default=None,
    help="Folder or file of articles (txt, md, html, jsonl). Default: seeds/.",
)
_jobs_opt = click.option("--jobs", "-j", type=int, default=None, help="Worker processes for extraction.")
_strict_opt = click.option(
    "--strict", is_flag=True,
    help="Stop, listing every problem, when an article cannot be read (default: skip it with a "
         "warning). The site build itself is always strict: any mkdocs warning fails it.")
_all_opt = click.option("--all", "keep_all", is_flag=True, default=None,
                        help="Keep every article (relevance: off): no off-topic filtering.")


def _set_verbosity(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """-q / -v, accepted before or after the command name as MkDocs accepts them."""
    from . import progress

    if value:
        _verbosity[param.name] = True
        level = progress.VERBOSE if _verbosity.get("verbose") else \
            progress.QUIET if _verbosity.get("quiet") else progress.NORMAL
        progress.configure(level)


_verbosity: dict[str, bool] = {}


def _verbosity_params() -> list[click.Option]:
    return [
        click.Option(["-q", "--quiet"], is_flag=True, expose_value=False, is_eager=True,
                     callback=_set_verbosity, help="Only warnings and errors; no progress."),
        click.Option(["-v", "--verbose"], is_flag=True, expose_value=False, is_eager=True,
                     callback=_set_verbosity, help="Also say what each step does and why."),
    ]


class _Group(click.Group):
    """Every command gets -q/-v, and progress is on unless -q says otherwise."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        cmd.params.extend(_verbosity_params())
        super().add_command(cmd, name)

    def make_context(self, info_name, args, parent=None, **extra):
        from . import progress

        _verbosity.clear()
        progress.configure(progress.NORMAL)
        return super().make_context(info_name, args, parent=parent, **extra)


@click.group(cls=_Group, help=_HELP)
@click.version_option(__version__, prog_name="briefing")
@click.option("--root", type=click.Path(path_type=Path, file_okay=False), default=".",
              help="Project folder (holds briefing.yml, seeds/, data/, docs/).")
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.option("-q", "--quiet", is_flag=True, expose_value=False, is_eager=True, callback=_set_verbosity,
              help="Only warnings and errors; no progress.")
@click.option("-v", "--verbose", is_flag=True, expose_value=False, is_eager=True, callback=_set_verbosity,
              help="Also say what each step does and why.")
@click.pass_context
def main(ctx: click.Context, root: Path, debug: bool) -> None:
    ctx.obj = _Ctx(root.resolve(), debug)


@main.command()
@_articles_opt
@_jobs_opt
@_strict_opt
@_all_opt
@click.pass_obj
def extract(obj: _Ctx, articles, jobs, strict, keep_all) -> None:
    """Read articles and merge what they say into data/*.yaml.

    Fields you edited, records you deleted and records you added are kept.
    """
    from . import pipeline

    cfg = _run(obj, obj.config, articles=articles, jobs=jobs, relevance=False if keep_all else None)
    _run(obj, pipeline.extract, cfg, strict=strict)


@main.command()
@click.pass_obj
def check(obj: _Ctx) -> None:
    """Validate data/*.yaml; print every problem as file:line:column."""
    from . import pipeline

    cfg = _run(obj, obj.config)
    _run(obj, pipeline.check, cfg)


@main.command()
@click.pass_obj
def render(obj: _Ctx) -> None:
    """Render data/*.yaml into Markdown pages under docs/."""
    from . import pipeline

    cfg = _run(obj, obj.config)
    _run(obj, pipeline.render, cfg)


@main.command()
@_articles_opt
@_jobs_opt
@_strict_opt
@click.option("--extract/--no-extract", "do_extract", default=None,
              help="Extract first (default: only when --articles is given or data/ is empty).")
@click.option("--builder", type=click.Choice(["mkdocs", "zensical"]), default=None,
              help="Static site builder (default mkdocs).")
@click.pass_obj
def build(obj: _Ctx, articles, jobs, strict, do_extract, builder) -> None:
    """Check data/, render docs/ and build the static site into site/.

    Writes nothing when the check fails.
    """
    from . import pipeline

    cfg = _run(obj, obj.config, articles=articles, jobs=jobs, builder=builder)
    if do_extract is None and articles is not None:
        do_extract = True  # articles named on the command line are meant to be read
    _run(obj, pipeline.build, cfg, extract_first=do_extract, strict=strict)


@main.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.pass_obj
def new(obj: _Ctx, directory: Path) -> None:
    """Create a new briefing project in DIRECTORY: seeds/, briefing.yml,
    mkdocs.yml, docs/, templates/ and a GitHub Pages workflow."""
    from .new import new_project

    written = _run(obj, new_project, directory)
    click.echo(f"Created a briefing project in {directory}/ ({len(written)} files). Next:\n"
               f"  cd {directory}\n"
               f"  briefing build --extract   # the example article -> data/ -> site/\n"
               f"  briefing serve             # preview; put your articles in seeds/", err=True)


@main.command()
@click.option("--port", default=8000, show_default=True, help="Port on 127.0.0.1 (0: any free port).")
@click.pass_obj
def serve(obj: _Ctx, port: int) -> None:
    """Live preview: rebuild on each save in seeds/, data/, templates/ or docs/
    and reload open pages; a failed rebuild keeps the last good site."""
    from . import serve as live

    cfg = _run(obj, obj.config)
    _run(obj, live.serve, cfg, port=port)


@main.command()
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.pass_obj
def evaluate(obj: _Ctx, gold: Path) -> None:
    """Score data/ against a gold YAML file (precision, recall, F1)."""
    from . import pipeline

    cfg = _run(obj, obj.config)
    _run(obj, pipeline.evaluate, cfg, gold)


@main.command()
@click.option("--dates", "k", type=int, default=10, show_default=True, help="Number of dates (K).")
@click.option("--sentences", "n", type=int, default=1, show_default=True, help="Sentences per date (N).")
@_articles_opt
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="First day of the period (YYYY-MM-DD): articles and dates before it are left out.")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Last day of the period (YYYY-MM-DD), included.")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="Write here instead of standard output.")
@click.pass_obj
def timeline(obj: _Ctx, k: int, n: int, articles, start, end, output) -> None:
    """Write a K-date, N-sentence timeline summary in the tilse format."""
    from . import pipeline

    if start and end and start > end:
        raise click.BadParameter(f"--from {start:%Y-%m-%d} is after --to {end:%Y-%m-%d}: swap them",
                                 param_hint="--from/--to")
    cfg = _run(obj, obj.config, articles=articles)
    _run(obj, pipeline.timeline, cfg, k, n, output, start.date() if start else None, end.date() if end else None)


@main.command()
@_articles_opt
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="text: one expression a line for reading; jsonl: one article a line (TIMEX3 values, "
                   "character offsets into the article as read).")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="Write here instead of standard output.")
@click.pass_obj
def dates(obj: _Ctx, articles, fmt: str, output) -> None:
    """Print every temporal expression of the articles with its offsets and value."""
    from . import pipeline

    cfg = _run(obj, obj.config, articles=articles)
    _run(obj, pipeline.dates, cfg, fmt, output)


@main.command()
@click.option("--limit", default=20, show_default=True)
@click.option("--held", is_flag=True,
              help="List the happenings kept off the timeline (future, unresolvable dates) instead.")
@click.pass_obj
def review(obj: _Ctx, limit: int, held: bool) -> None:
    """List the least confident records first, for an editor to review."""
    from . import pipeline

    cfg = _run(obj, obj.config)
    _run(obj, pipeline.review, cfg, limit, held)


if __name__ == "__main__":  # pragma: no cover
    main()
