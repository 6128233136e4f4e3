"""Extraction stages: articles -> actors, events, positions (one module per stage).

:func:`extract_briefing` runs, per article, a *pure* step
(:func:`extract_article`: tokenize once, actors, quotes, positions, events)
that returns plain records, then a deterministic reduce over articles sorted
by id (actors merged by alias, events by :mod:`.events`).  Because the reduce
never depends on the order results arrive in, ``cfg.jobs`` worker processes
give the same output as one.
"""

from __future__ import annotations

from typing import Optional

from ..config import Config
from ..models import Article, Briefing, Issue
from .map import (ArticleResult, Mapped, Seen, extract_article, map_articles, pack_result,  # noqa: F401
                  unpack_result)
from .merge import merge_actors  # noqa: F401
from .positions import load_issues  # noqa: F401
from .reduce import reduce_mapped


def extract_briefing(articles: list[Article], cfg: Config, issues: Optional[list[Issue]] = None,
                     cache=None) -> Briefing:
    """Articles -> Briefing (every list sorted by id): :func:`.map.map_articles`,
    then :func:`.reduce.reduce_mapped`.

    *cache* (a :class:`generator.cache.ArticleCache`) serves the per-article
    step of unchanged articles; only new or changed ones are extracted.
    """
    return reduce_mapped(map_articles(articles, cfg, issues, cache))
