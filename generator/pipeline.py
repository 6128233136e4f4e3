"""The pipeline, stage by stage: what each ``briefing`` subcommand runs.

ingest -> extract -> store (merge with the editor's YAML) -> render -> site.
Each function takes a :class:`~generator.config.Config` and raises a
:class:`~generator.errors.BriefingError` on failure; none prints tracebacks.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import re
from pathlib import Path
from typing import Optional

import click

from .config import Config
from .errors import DataError
from .progress import say as _say, step
from .runtime import collector_paused, release_freed_memory

log = logging.getLogger("briefing")


def read_articles(cfg: Config, strict: bool = False):
    """The articles of the ``articles`` option, read within the configuration's
    limits (symlinks, size), each keeping the id it held in data/; the problems
    met on the way are printed as warnings (see :func:`warnings_shown`)."""
    from . import ingest, store

    articles, problems = ingest.read_articles(cfg.path("articles"), strict=strict, project=cfg.root,
                                              follow_symlinks=cfg.follow_symlinks,
                                              max_bytes=cfg.max_article_mb * 1_000_000,
                                              owners=store.source_owners(cfg))
    for line in warnings_shown(problems):
        _say(line)
    return articles


WARNINGS_PER_KIND = 5
"""Warnings of one kind printed before the rest are counted: 183 ids of one
corpus that are not slugs are one thing to fix, not a screen to scroll."""


def warnings_shown(problems) -> list[str]:
    """``WARNING: file:line: message`` lines, at most :data:`WARNINGS_PER_KIND`
    of each kind (the message with its quoted values left out), then one line
    saying how many more there are and where the next one is."""
    lines: list[str] = []
    extra: dict[str, list] = {}
    for p in problems:
        kind = _QUOTED.sub("'…'", p.message)
        seen = extra.setdefault(kind, [])
        seen.append(p)
        if len(seen) <= WARNINGS_PER_KIND:
            lines.append(f"WARNING: {p}")
    for kind, seen in extra.items():
        if len(seen) > WARNINGS_PER_KIND:
            more = seen[WARNINGS_PER_KIND:]
            where = more[0].file + (f":{more[0].line}" if more[0].line is not None else "")
            lines.append(f"WARNING: {len(more)} more of the same kind, the next at {where}: "
                         "fix these and run again to see them")
    return lines


_QUOTED = re.compile(r"'[^']*'")


def _locked(fn):
    """Hold the project lock (.build.lock) while *fn* writes: a second build fails fast."""
    import functools

    @functools.wraps(fn)
    def wrapper(cfg: Config, *args, **kwargs):
        from .lock import project_lock

        with project_lock(cfg.root):
            return fn(cfg, *args, **kwargs)

    return wrapper


@_locked
def extract(cfg: Config, strict: bool = False) -> None:
    """Articles -> data/*.yaml, merged with whatever editors changed."""
    from . import store

    store.preflight(cfg)  # refuse before a long extraction
    from .extract import map_articles, reduce_mapped

    articles = read_articles(cfg, strict=strict)
    from .cache import CACHE_DIR, ArticleCache

    cache = ArticleCache(cfg.root / CACHE_DIR, fmt="msgpack")  # unchanged articles: not re-extracted
    # map, then drop the articles (raw + display text, ~23 KB each) before the
    # reduce builds the briefing: the per-article results carry what it cites.
    mapped = map_articles(articles, cfg, issues=_issue_lexicon(cfg), cache=cache)
    n = len(articles)
    del articles
    release_freed_memory()  # the articles' text pages, or the briefing's records come on top of them
    with step("Merging actors and events across articles"):
        result = reduce_mapped(mapped)
    del mapped
    release_freed_memory()  # the packed per-article results, before the save's dicts
    with step(f"Merging with your edits into {cfg.data}/"):
        report = store.save_extraction(cfg, result, spend=True)  # its records go as they are read
    _say(f"Extracted {n} articles into {cfg.data}/: {report}")


def _issue_lexicon(cfg: Config):
    """The editor's issues (those of data/issues.yaml marked edited or pinned, matched
    first), then the built-in lexicon's issues they do not name.

    Issues the extractor derived last time and nobody touched are its own output, not
    input: fed back, they made a second extract of the same articles differ from the first."""
    import yaml

    from .extract.positions import load_issues
    from .models import Issue

    path = cfg.path("data") / "issues.yaml"
    mine = []
    if path.exists():
        for rec in yaml.safe_load(path.read_text("utf-8")) or []:  # checked by store.preflight
            if isinstance(rec, dict) and (rec.get("edited") or rec.get("pinned")):
                mine.append(Issue(**rec))
    ids = {i.id for i in mine}
    return mine + [i for i in load_issues() if i.id not in ids]


def check(cfg: Config) -> None:
    """Validate data/; raise DataError listing every problem."""
    from . import store

    problems = store.check(cfg)
    if problems:
        raise DataError(problems)
    _say(f"{cfg.data}/ is valid.")


@_locked
def render(cfg: Config) -> None:
    """data/*.yaml -> docs/*.md (only changed pages are rewritten)."""
    from . import render as render_mod, store

    briefing = store.load(cfg)
    written = render_mod.render(briefing, cfg)
    _say(f"Rendered {written} changed page(s) into {cfg.docs}/.")


def _check_and_render(cfg: Config) -> None:
    """check + render reading data/ once: load() raises the same DataError check would."""
    from . import render as render_mod, store

    # Loading data/ allocates ~40,000 long-lived objects at 1,000 articles and no
    # garbage cycles: the collector off while it runs, and what it loaded frozen
    # until build() ends (later collections during render skip the records).
    with collector_paused(freeze=True):
        briefing = store.load(cfg)
    _say(f"{cfg.data}/ is valid.")
    written = render_mod.render(briefing, cfg)
    _say(f"Rendered {written} changed page(s) into {cfg.docs}/.")


@_locked
def build(cfg: Config, extract_first: Optional[bool] = False, strict: bool = False) -> None:
    """(extract) -> check -> render -> static site. Nothing written on failure.

    *extract_first*: None extracts when data/ holds no briefing yet."""
    from .site import builder, folder, stamp

    folder.preflight(cfg)  # refuse before anything is written
    if extract_first is None:
        extract_first = not (cfg.path("data") / "sources.yaml").exists()
    if extract_first:
        extract(cfg, strict=strict)
    if stamp.site_is_current(cfg):
        # Same data/, docs/, templates, configs and code as the last successful
        # build, and site/ untouched since: check+render+mkdocs would redo it all.
        _say(f"{cfg.site}/ is up to date (nothing changed since the last build).")
        return
    stamp.forget_stamp(cfg)
    try:
        inputs = stamp.stamp_inputs(cfg)  # before anything is read: an edit during the build is seen next time
        _check_and_render(cfg)
        builder.build_site(cfg, inputs)
        stamp.write_stamp(cfg, inputs)
    finally:
        gc.unfreeze()  # a caller that goes on (tests, a server) gets its collector back whole
    _say(f"Built the site into {cfg.site}/.")


def evaluate(cfg: Config, gold: Path) -> None:
    from . import evaluate as ev, store

    report = ev.evaluate(store.load(cfg), gold)
    click.echo(ev.format_report(report))


def timeline(cfg: Config, k: int, n: int, output: Path | None,
             start: dt.date | None = None, end: dt.date | None = None) -> None:
    """``briefing timeline``: the K key days of the articles (inside
    ``start``..``end`` when given), N sentences each, in the tilse format."""
    from . import tls

    articles = read_articles(cfg)
    summary = tls.summarize(articles, k, n, start=start, end=end)
    text = tls.format_tilse(summary)
    if len(summary) < k:
        _say(f"Only {len(summary)} of the {k} dates asked for are named by or have articles "
             "in the period: widen --from/--to or ask for fewer --dates.")
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        _say(f"Wrote {len(summary)} dates to {output}.")


def dates(cfg: Config, fmt: str, output: Path | None) -> None:
    """Every temporal expression of the articles (``briefing dates``), tagged
    on each article's text as read, so the offsets point into the file."""
    import json

    from .extract import dates as tagger

    articles = read_articles(cfg)
    lines = []
    for art in articles:
        found = tagger.tag_all(art.raw, art.published)
        if fmt == "jsonl":
            lines.append(json.dumps({
                "id": art.source_id or art.id, "published": art.published.isoformat() if art.published else None,
                "timexes": [t.as_json() for t in found]}, ensure_ascii=False))
        else:
            for t in found:
                shown = " ".join(t.text.split())
                lines.append(f"{art.source_id or art.id}\t{t.start}-{t.end}\t{t.type}\t{t.value or '?'}\t{shown}")
    text = "".join(line + "\n" for line in lines)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        _say(f"Wrote the expressions of {len(articles)} articles to {output}.")


def review(cfg: Config, limit: int, held: bool = False) -> None:
    """Print the least confident records first; with *held*, the happenings
    extraction kept off the timeline because their date was unsafe."""
    if held:
        _review_held(cfg, limit)
        return
    from . import store

    b = store.load(cfg)
    rows = []
    for name in ("actors", "timeline", "positions"):
        for r in b.records(name):
            if not r.edited:
                label = getattr(r, "name", None) or getattr(r, "title", None) or getattr(r, "statement", "")
                if name == "positions":  # what to check: the actor's stance and its target
                    label = f"{r.actor} {r.stance} {r.target or r.issue}: {r.statement}"
                rows.append((r.confidence, name, r.id, label))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    for conf, name, rid, label in rows[:limit]:
        click.echo(f"{conf:.2f}  {name}.yaml  {rid}  {label[:70]}")


def _review_held(cfg: Config, limit: int) -> None:
    """Re-scan the articles for sentences held back from the timeline.

    They are not stored in data/ (the timeline holds only dated events), so
    the articles are read again; an editor dates one by adding it to
    data/timeline.yaml with ``resolution: editor``.
    """
    from .extract import events

    articles = read_articles(cfg)
    rows = [h for a in sorted(articles, key=lambda a: a.id) for h in events.scan_article(a).held]
    for h in rows[:limit]:
        when = f" ({h.date_text})" if h.date_text else ""
        click.echo(f"{h.article}:{h.sentence}  {h.reason}{when}  {h.text[:90]}")
    _say(f"{len(rows)} sentence(s) held back from the timeline; showing {min(len(rows), limit)}.")
