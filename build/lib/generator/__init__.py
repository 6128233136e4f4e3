"""Briefing: turn a folder of news articles into a static briefing website.

The package reads as the pipeline, one module per stage::

    ingest  -> extract/*  -> store (merge with editors' YAML) -> render -> site
    (Article)  (records)     (data/*.yaml)                      (docs/)   (site/)
"""

__version__ = "0.1.0"

RULES_VERSION = "1"
"""Bumped whenever extraction rules change, so cached extractions are redone."""
