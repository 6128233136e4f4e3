"""The PolNeAR named-source scorer: which annotated sources name someone, and by what words."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.extract.model import load

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # benchmarks/ is not an installed package
from benchmarks.actors_eval import named_source, names_of, source_names  # noqa: E402


def _named(src: str):
    return named_source(load("")(src))


def test_a_source_names_someone_when_its_head_is_a_name():
    assert _named("Sen. Marco Rubio") == {"marco", "rubio"}
    assert _named("Jeff Weaver, Sanders\u2019 campaign manager") == {"jeff", "weaver", "sanders"}
    assert _named("Trump") == {"trump"}


def test_a_description_names_no_one_unless_a_campaign_speaks_for_its_person():
    assert _named("the Florida senator") is None
    assert _named("one Clinton aide") is None
    assert _named("the Clinton campaign") == {"clinton"}
    assert _named("Ryan\u2019s office") == {"ryan"}


def test_possessive_endings_are_cut_only_where_asked():
    assert source_names("Rubio's") == {"rubio's"}
    assert source_names("Rubio's", possessives=False) == {"rubio"}
    assert names_of(["Sanders\u2019"], possessives=False) == {"sanders"}
