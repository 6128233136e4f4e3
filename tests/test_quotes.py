"""Quotes and speakers: every quote style, multi-sentence quotes, pronouns."""

from __future__ import annotations

from generator.extract.actors import extract_actors
from generator.extract.nlp import normalize, tokenize
from generator.extract.quotes import extract_quotes, find_spans


def _quotes(sentences: list[str]):
    texts = [normalize(s) for s in sentences]
    doc = extract_actors("t", texts, tokenize(texts))
    quotes = extract_quotes(texts, doc)
    names = {k: e.name for k, e in doc.entities.items()}
    return [(q.text, names.get(q.speaker)) for q in quotes]


def test_normalize_ptb_quotes_and_spacing():
    assert normalize("He said it was `` inappropriate , '' adding : `` no . ''") == \
        "He said it was \u201cinappropriate,\u201d adding: \u201cno.\u201d"
    assert normalize("Assad 's regime ca n't -LRB- AP -RRB-") == "Assad's regime can't (AP)"
    assert normalize("Already clean “text”.") == "Already clean “text”."


def test_speaker_after_quote_and_said_x():
    got = _quotes([
        "\u201cWe will act,\u201d Foreign Minister Laurent Fabius told reporters.",
        "\u201cThis must stop,\u201d said President Barack Obama.",
    ])
    assert got == [("We will act,", "Laurent Fabius"), ("This must stop,", "Barack Obama")]


def test_straight_and_ptb_quotes():
    got = _quotes([
        'Prime Minister Recep Tayyip Erdogan said the attack was "a crime."',
        "UN envoy Kofi Annan said : `` The plan is on the table . ''",
    ])
    assert got[0] == ("a crime.", "Recep Tayyip Erdogan")
    assert got[1] == ("The plan is on the table.", "Kofi Annan")


def test_multi_sentence_quote_is_one_quote():
    spans = find_spans(["\u201cWe have no doubt.", "We know the outcome.", "It will end soon,\u201d she said."])
    assert spans == [(0, 0, 2, 18)]
    got = _quotes([
        "US Secretary of State Hillary Clinton spoke in Paris.",
        "\u201cWe have no doubt.", "We know the outcome.", "It will end soon,\u201d she said.",
    ])
    assert got == [("We have no doubt. We know the outcome. It will end soon,", "Hillary Clinton")]


def test_pronoun_resolves_by_gender():
    got = _quotes([
        "Mr Ivanov met Mrs Petrova in Vienna.",
        "\u201cNothing was agreed,\u201d she said.",
        "\u201cWe will meet again,\u201d he said.",
    ])
    assert got == [("Nothing was agreed,", "Petrova"), ("We will meet again,", "Ivanov")] or \
        got == [("Nothing was agreed,", "Mrs Petrova"), ("We will meet again,", "Mr Ivanov")]


def test_who_clause_and_according_to():
    got = _quotes([
        "French President Francois Hollande, who opened the event, said it was a \u201chuman necessity\u201d to act.",
        "The talks were \u201cuseless,\u201d according to Sergei Lavrov.",
    ])
    assert got == [("human necessity", "Francois Hollande"), ("useless,", "Sergei Lavrov")]


def test_floating_quote_continues_previous_speaker():
    got = _quotes([
        "\u201cThere is no way of sitting on the sidelines,\u201d British Foreign Secretary William Hague told the meeting.",
        "\u201cIf you don't impose sanctions you are allowing the killing.\u201d",
    ])
    assert got[1] == ("If you don't impose sanctions you are allowing the killing.", "William Hague")


def test_headline_colon_speaker_and_unbalanced_mark():
    got = _quotes(["Clinton: \u201cReach out to Russia and China\u201d as talks open in Paris today."])
    assert got == [("Reach out to Russia and China", "Clinton")]
    # a stray closing mark never swallows the rest of the article
    assert find_spans(["He left.\u201d", "Nothing else happened.", "The end."]) == []


def test_short_partial_quotes_take_the_clause_speaker():
    qs = _quotes([
        "Prime Minister Helga Strand said the plan was \u201cdead on arrival\u201d after the vote.",
        "The union said the cuts followed \u201creckless\u201d decisions by Finance Minister Oskar Lind, "
        "who last month called the strikers \u201cirresponsible\u201d.",
    ])
    got = dict(qs)
    assert got["dead on arrival"] == "Helga Strand"
    assert got["irresponsible"] == "Oskar Lind"
    assert got["reckless"] is None  # the union is no actor here, and Lind did not say it
