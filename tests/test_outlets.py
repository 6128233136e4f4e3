"""News outlets cited as sources: the ``outlet`` actor kind in the data contract, the pages and the scorer."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from generator.config import Config
from generator.evaluate import evaluate
from generator.models import Actor, Briefing, Source, SourceRef

REF = [SourceRef(article="a", sentence=0, text="Sanders told the Boston Herald that he would win.")]


def _briefing() -> Briefing:
    return Briefing(sources=[Source(id="a", title="A", published="2016-02-01")], actors=[
        Actor(id="bernie-sanders", name="Bernie Sanders", kind="person", sources=REF),
        Actor(id="boston-herald", name="Boston Herald", kind="outlet", sources=REF),
    ])


def test_outlet_is_a_kind_of_the_data_contract_and_a_wrong_kind_names_it():
    assert Actor(id="cnn", name="CNN", kind="outlet").kind == "outlet"
    with pytest.raises(ValidationError) as err:
        Actor(id="cnn", name="CNN", kind="outlets")
    assert "'outlet'" in str(err.value)
    from generator import docgen
    assert "outlet" in docgen.schema_text("actors")


def test_an_outlet_is_listed_with_the_actors_as_a_source_but_never_a_matrix_row(tmp_path):
    from generator import render as R
    from generator.render import matrix_row_ok

    b = _briefing()
    assert not matrix_row_ok(b.actors[1]) and matrix_row_ok(b.actors[0])
    view = R.View(b, Config(root=tmp_path))
    groups = {g["kind"]: g for g in view.actor_groups()}
    assert list(groups) == ["person", "outlet"]  # outlets last
    assert groups["outlet"]["label"] == "News outlets cited as sources"
    page = R.pages(b, Config(root=tmp_path))
    assert "Boston Herald" in page["actors/index.md"]
    assert "news outlet, cited as a source" in next(t for p, t in page.items() if "boston-herald" in p)


def test_an_outlet_is_not_scored_as_an_actor(tmp_path: Path):
    """The gold lists outlets quoted as sources among non_actors: one of kind outlet is
    neither a false actor nor a kept-out failure; named as an organisation it would be both."""
    gold = tmp_path / "g.yaml"
    gold.write_text(yaml.safe_dump({"sources": ["a"], "actors": [{"name": "Bernie Sanders"}],
                                    "non_actors": ["Boston Herald"]}), encoding="utf-8")
    rep = evaluate(_briefing(), gold)
    assert (rep.scores["actors"].precision, rep.scores["non_actors"].precision) == (1.0, 1.0)
    b = _briefing()
    b.actors[1] = b.actors[1].model_copy(update={"kind": "organization"})
    rep = evaluate(b, gold)
    assert rep.scores["actors"].precision == 0.5 and rep.scores["non_actors"].precision == 0.0
