"""The word lists under generator/data/ are data an editor may change: every
list entry and key must come out of YAML as text."""

from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parent.parent / "generator" / "data"


def _not_text(x, where):
    """Where a key or list entry is not text (YAML reads a bare ``on``, ``no`` or
    ``yes`` as a boolean, ``1e3`` as a number): a rule would silently stop
    matching that word."""
    if isinstance(x, dict):
        for k, v in x.items():
            if not isinstance(k, str):
                yield f"{where}: key {k!r}"
            yield from _not_text(v, f"{where}.{k}")
    elif isinstance(x, list):
        for i, v in enumerate(x):
            if isinstance(v, (dict, list)):
                yield from _not_text(v, f"{where}[{i}]")
            elif not isinstance(v, str):
                yield f"{where}[{i}]: {v!r}"


@pytest.mark.parametrize("path", sorted(DATA.glob("*.yaml")), ids=lambda p: p.name)
def test_every_word_list_holds_words(path):
    bad = list(_not_text(yaml.safe_load(path.read_text(encoding="utf-8")), path.name))
    assert not bad, "not text (quote it): " + "; ".join(bad)


def test_the_lexicons_keep_words_yaml_would_read_as_booleans():
    from generator.extract import gazetteer as gz

    assert "on" in gz.LEXICON["lone_name_place_prepositions"] and "with" in gz.LEXICON["partner_prepositions"]
