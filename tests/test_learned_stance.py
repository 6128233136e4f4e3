"""The learned stance component (generator/extract/learned.py): its packaged weights load,
the trained model tells a clear support from a clear oppose on invented text, ``mix`` keeps
every position of the rules, and the ``positions`` option is validated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.config import Config, load_config
from generator.errors import ConfigError
from generator.extract import extract_briefing, learned

from test_actors import _article

REPO = Path(__file__).resolve().parent.parent


def test_the_packaged_model_loads_and_predicts_a_known_class():
    m = learned.model()
    assert "none" in m.classes and {"support", "oppose"} <= set(m.classes)
    assert len(m.weights) > 100 and all(len(v) == len(m.classes) for v in m.weights.values())
    label, p = m.predict({"rule=oppose": 1.0, "cue=condemn": 1.0})
    assert label in learned.STANCES + ("none",) and 0 < p <= 1


def test_a_model_with_malformed_weights_is_refused_with_its_file_named(tmp_path, monkeypatch):
    bad = tmp_path / "stance_model.json"
    bad.write_text(json.dumps({"classes": ["none", "support"], "bias": [0.0], "weights": {}}))
    monkeypatch.setattr(learned, "MODEL", bad)
    learned._packaged.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="stance_model.json"):
            learned.model()
    finally:
        learned._packaged.cache_clear()


def _sides(sentences: list[str], mode: str) -> dict[str, set[str]]:
    b = extract_briefing([_article("a1", sentences)], Config(root=REPO, relevance=False, positions=mode))
    out: dict[str, set[str]] = {}
    for p in b.positions:
        if p.stance != "neutral":
            out.setdefault(p.actor, set()).add(p.stance)
    return out


def test_the_trained_model_tells_support_from_oppose_on_invented_text():
    backs = _sides(["Governor Alma Reyes strongly endorsed the proposed high-speed rail line on Tuesday."],
                   "learned")
    fights = _sides(["Governor Alma Reyes fiercely condemned the proposed high-speed rail line on Tuesday."],
                    "learned")
    assert backs.get("alma-reyes") and backs["alma-reyes"] <= {"supports", "demands"}, backs
    assert fights.get("alma-reyes") and fights["alma-reyes"] <= {"opposes", "rejects", "warns"}, fights


def test_mix_keeps_every_position_the_rules_take():
    text = ["Senator Dana Whitfield backed the new tariff bill on Monday.",
            "Mayor Tom Okafor rejected the plan to close the harbour."]
    rules = extract_briefing([_article("a2", text)], Config(root=REPO, relevance=False, positions="rules"))
    mix = extract_briefing([_article("a2", text)], Config(root=REPO, relevance=False, positions="mix"))
    stanced = {(p.actor, p.stance, p.target) for p in rules.positions if p.stance != "neutral"}
    assert stanced and stanced <= {(p.actor, p.stance, p.target) for p in mix.positions}


def test_an_unknown_positions_mode_is_a_config_error(tmp_path):
    (tmp_path / "briefing.yml").write_text("positions: neural\n")
    with pytest.raises(ConfigError, match="positions"):
        load_config(tmp_path)
    (tmp_path / "briefing.yml").write_text("positions: mix\n")
    assert load_config(tmp_path).positions == "mix"
