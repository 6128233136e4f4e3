"""The trained pipeline: installed by the set-up command, verified when it loads."""

import shutil

from types import SimpleNamespace

import pytest

from generator.config import Config
from generator.errors import ConfigError
from generator.extract import model
from generator.extract.nlp import parse


def test_default_is_the_pinned_trained_pipeline():
    nlp = model.load(Config().spacy_model)
    assert nlp.meta["version"] == model.PINNED["en_core_web_sm"].version
    assert {"parser", "ner", "lemmatizer", "tagger"} <= set(nlp.pipe_names)
    model.verify(nlp, "en_core_web_sm")  # the installed weights are the pinned ones


def test_parse_gives_entities_parse_and_lemmas():
    (doc,) = parse(['"We will not back down," Ms. Rivera said in Damascus.'])
    assert [(e.text, e.label_) for e in doc.ents if e.label_ == "GPE"] == [("Damascus", "GPE")]
    said = next(t for t in doc if t.lemma_ == "say")
    assert said.dep_ == "ROOT" and any(c.dep_ == "nsubj" and c.text == "Rivera" for c in said.children)


def test_a_changed_weight_file_is_refused(tmp_path):
    src = model.load().path
    dst = tmp_path / "model"
    shutil.copytree(src, dst)
    weights = dst / "ner" / "model"
    blob = bytearray(weights.read_bytes())
    blob[len(blob) // 2] ^= 1  # one bit of one weight
    weights.write_bytes(bytes(blob))
    nlp = SimpleNamespace(meta=dict(model.load().meta), path=dst)  # what verify reads
    with pytest.raises(ConfigError, match=r"ner/model: sha256 .* is not the pinned cd93e9ca"):
        model.verify(nlp, "en_core_web_sm")


def test_an_unknown_pipeline_is_a_clear_error():
    with pytest.raises(ConfigError, match="cannot load spaCy pipeline 'en_core_web_nonexistent'"):
        model.load("en_core_web_nonexistent")


def test_an_overlong_text_is_tokenized_not_parsed():
    text = ("Ban Ki-moon met officials in Geneva on Monday and " * 400) + "left."
    short = "Ban Ki-moon met officials in Geneva on Monday."
    doc, ok = parse([text, short])
    assert doc.text == text and len(doc) > 3000
    assert not doc.ents and not doc.has_annotation("DEP")
    assert [e.text for e in ok.ents if e.label_ == "GPE"] == ["Geneva"]
