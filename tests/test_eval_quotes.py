"""``scripts/eval_quotes.py``: the speaker figure on name sources, beside the shared scorer's."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def _eval_quotes():
    spec = importlib.util.spec_from_file_location("eval_quotes", ROOT / "scripts" / "eval_quotes.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    if not mod.SCORER.exists():
        pytest.skip(f"the shared scorer is not available at {mod.SCORER}")
    return mod


def _project(tmp_path: Path, said: list[tuple[str, str, str]]) -> tuple[Path, Path]:
    """A gold file of one article and the data a project extracted from it: *said* is
    (quote, gold source, extracted speaker's actor id) for each quote."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a1", "quotes": [{"text": q, "source": src} for q, src, _ in said]}) + "\n",
                    encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    actors = [{"id": "marco-rubio", "name": "Marco Rubio", "aliases": ["Rubio"]},
              {"id": "rick-scott", "name": "Rick Scott", "aliases": []}]
    positions = [{"actor": who, "quote": q, "sources": [{"article": "a1", "sentence": i, "text": q}]}
                 for i, (q, _src, who) in enumerate(said)]
    (data / "actors.yaml").write_text(yaml.safe_dump(actors), encoding="utf-8")
    (data / "positions.yaml").write_text(yaml.safe_dump(positions), encoding="utf-8")
    return gold, data


def test_descriptions_are_set_aside_from_the_name_figure(tmp_path):
    ev = _eval_quotes()
    gold, data = _project(tmp_path, [
        ("we will win Florida in November", "Sen. Marco Rubio", "marco-rubio"),
        ("the budget is a disgrace to this state", "the Florida senator", "marco-rubio"),
        ("nobody here wants another shutdown", "Rick Scott", "marco-rubio"),
        ("our schools come first this year", "she", "rick-scott"),
    ])
    # the shared scorer counts "the Florida senator" (a capitalised word) and finds it wrong
    assert "speaker 0.333 (1/3 named sources)" in ev.score(gold, data)
    # on name sources only: Rubio right, Scott given to Rubio wrong; the description and "she" aside
    assert ev.name_speakers(gold, data).startswith("speaker on name sources 0.500 (1/2;")


def test_an_unmatched_quote_is_not_scored_for_its_speaker(tmp_path):
    ev = _eval_quotes()
    gold, data = _project(tmp_path, [("we will win Florida in November", "Sen. Marco Rubio", "rick-scott")])
    assert ev.name_speakers(gold, data).startswith("speaker on name sources 0.000 (0/1;")
    positions = yaml.safe_load((data / "positions.yaml").read_text(encoding="utf-8"))
    positions[0]["quote"] = "an entirely different statement about taxes"
    (data / "positions.yaml").write_text(yaml.safe_dump(positions), encoding="utf-8")
    assert ev.name_speakers(gold, data).startswith("speaker on name sources 0.000 (0/0;")
