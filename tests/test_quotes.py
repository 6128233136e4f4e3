"""Quotes and speakers: every quote style, multi-sentence quotes, pronouns."""

from __future__ import annotations

from generator.extract.actors import extract_actors
from generator.extract.nlp import normalize, parse, words_of
from generator.extract.quotes import extract_quotes, find_spans, paragraph_starts


def _actors(texts: list[str]):
    """The article's actors as extraction finds them: from the trained pipeline's parse."""
    docs = parse(texts)
    return extract_actors("t", texts, [words_of(d) for d in docs], docs=docs)


def _quotes(sentences: list[str]):
    texts = [normalize(s) for s in sentences]
    doc = _actors(texts)
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
        'Prime Minister Recep Tayyip Erdogan said the attack was "a crime against humanity."',
        "UN envoy Kofi Annan said : `` The plan is on the table . ''",
    ])
    assert got[0] == ("a crime against humanity.", "Recep Tayyip Erdogan")
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


def test_wire_patterns_title_before_name_and_said_x():
    got = _quotes([
        "Senator Ana Rivera spoke after the vote.",
        '"We will not back down on this," Ms. Rivera said.',
        "\u201cIt is a disgrace to this city,\u201d said the Rev. John Doe.",
    ])
    assert got[0] == ("We will not back down on this,", "Ana Rivera")
    assert got[1][0] == "It is a disgrace to this city," and got[1][1] in ("John Doe", "Rev. John Doe")


def test_partial_quote_inside_paraphrase_and_according_to():
    got = _quotes([
        "Governor Maria Lopez said the budget was \u201ca betrayal of every family\u201d in the state.",
        "The deal \u201cwill not survive the summer,\u201d according to Senator Tom Black.",
    ])
    assert got == [("a betrayal of every family", "Maria Lopez"), ("will not survive the summer,", "Tom Black")]


def test_multi_paragraph_quote_carries_its_speaker():
    raw = ("Senator Ana Rivera wrote to her voters.\n\n"
           "She wrote: \u201cWe have waited long enough for this.\n\n"
           "\u201cAnd the law will change this year.\u201d\n\nThe vote is on Monday.")
    texts = raw.split("\n\n")
    bounds, at = [], 0
    for t in texts:
        bounds.append((at, at + len(t)))
        at += len(t) + 2
    paragraphs = paragraph_starts(raw, bounds)
    assert paragraphs == {0, 1, 2, 3}
    # the first paragraph's quote is left open: it ends with its paragraph
    assert find_spans(texts, paragraphs) == [(1, 11, 1, len(texts[1])), (2, 0, 2, len(texts[2]))]
    assert find_spans(texts) == [(1, 11, 1, len(texts[1])), (2, 0, 2, len(texts[2]))]
    doc = _actors(texts)
    qs = extract_quotes(texts, doc, paragraphs=paragraphs)
    assert [q.text for q in qs] == ["We have waited long enough for this.", "And the law will change this year."]
    assert doc.entities[qs[0].speaker].name == "Ana Rivera" and qs[1].speaker == qs[0].speaker


def test_nested_quote_stays_inside_the_outer_one():
    got = _quotes(["\u201cThey chanted \u201clock her up\u201d all night long,\u201d Mayor Paul Grant said."])
    assert got == [("They chanted \u201clock her up\u201d all night long,", "Paul Grant")]


def test_titles_are_no_quotes_and_scare_quotes_are_not_direct():
    texts = [normalize(s) for s in [
        "Candidate Paul Grant told \u201cGood Morning America\u201d that the plan was \u201cdead\u201d.",
    ]]
    doc = _actors(texts)
    qs = extract_quotes(texts, doc)
    assert [(q.text, q.direct) for q in qs] == [("dead", False)]


def test_dateline_according_to_and_so_called():
    got = _quotes([
        "LONDON (Reuters) - Mayor Paul Grant said the plan was \u201ca betrayal of every family\u201d on Monday.",
        "According to Senator Tom Black, he was once part of the so-called establishment, "
        "but is now \u201cthe worst thing that ever happened to it.\u201d",
    ])
    assert got == [("a betrayal of every family", "Paul Grant"),
                   ("the worst thing that ever happened to it.", "Tom Black")]


def test_a_pronoun_never_points_into_a_quote():
    got = _quotes([
        "Senator Ana Rivera spoke to reporters on Monday.",
        "\u201cI told Maria Lopez to leave the room at once,\u201d she said.",
    ])
    assert got == [("I told Maria Lopez to leave the room at once,", "Ana Rivera")]


def test_speaker_the_recognizer_missed_becomes_an_actor():
    """The subject of a speech verb is the speaker even when the entity
    recognizer tagged no person there: a proper name becomes a person actor,
    a misspelt surname joins the person of the article it spells, an outlet
    is the source (an actor of kind ``outlet``, never a party)."""
    got = _quotes([
        "Senate President Steve Sweeney spoke after the vote.",
        "\u201cHe put a lot of people out of business, too,\u201d Sweeny said after an event in Edison.",
        "Tuttle added, \u201cThere are pimps and prostitutes with more equitable relationships.\u201d",
        "\u201cThe emails were largely sent in 2012 and 2013,\u201d CBS News reported.",
    ])
    assert got[0] == ("He put a lot of people out of business, too,", "Steve Sweeney")
    assert got[1] == ("There are pimps and prostitutes with more equitable relationships.", "Tuttle")
    assert got[2][1] == "CBS News"


def test_opening_mark_typed_as_closing_one():
    """“abhorrent“ (an opening mark right after the quoted word, while a quote of
    the sentence is open) closes that quote instead of opening one that swallows
    the rest of the sentence; a nested quote after a space still nests."""
    text = "Clinton urged an \u201cexpedited review\u201cof the pipes and a \u201chealth monitoring system\u201d now."
    assert [text[a:b] for _s0, a, _s1, b in find_spans([text])] == [
        "\u201cexpedited review\u201c", "\u201chealth monitoring system\u201d"]
    nested = "He said \u201cno \u201cbig\u201d deal\u201d today."
    assert [nested[a:b] for _s0, a, _s1, b in find_spans([nested])] == ["\u201cno \u201cbig\u201d deal\u201d"]


def test_a_ruling_cue_with_no_speaker_gives_way_to_the_next_one():
    got = _quotes([
        "Senator Ann Frazier said the amendment was a gesture intended to highlight "
        "\u201cthe hypocrisy of the Democrats on this bill.\u201d",
    ])
    assert got == [("the hypocrisy of the Democrats on this bill.", "Ann Frazier")]


def test_a_quote_told_by_the_next_sentence():
    got = _quotes([
        "Former governor Jeb Bush posted on Sunday.",
        "\u201cLoved the show on Netflix, wish they had another season!\u201d",
        "Bush said.",
        "\u201cHave I started writing my inauguration speech?\u201d",
        "Senator Bernie Sanders replied.",
    ])
    assert got == [("Loved the show on Netflix, wish they had another season!", "Jeb Bush"),
                   ("Have I started writing my inauguration speech?", "Bernie Sanders")]


def test_a_noun_of_speech_gives_its_possessor_as_speaker():
    got = _quotes([
        "Former secretary of state Madeleine Albright fanned controversy over her remark that "
        "\u201cthere is a special place in hell for women who do not help each other.\u201d",
        "The rise followed Senator Bernie Sanders's call for \u201ca total ban on fracking in every state.\u201d",
    ])
    assert got == [("there is a special place in hell for women who do not help each other.", "Madeleine Albright"),
                   ("a total ban on fracking in every state.", "Bernie Sanders")]


def test_a_verdict_on_someones_remarks_is_the_subjects():
    got = _quotes([
        "US Secretary of State Hillary Clinton spoke in Paris.",
        "But Russia has rejected her remarks as \u201cinappropriate\u201d and not part of a broad deal.",
    ])
    assert got == [("inappropriate", "Russia")]


def test_a_quotation_is_three_words_or_more_and_no_title():
    from generator.extract.quotes import is_quotation

    assert is_quotation("a hard blow to the regime")
    assert is_quotation("We will act,")
    assert not is_quotation("inappropriate")          # a quoted term: stays in the statement
    assert not is_quotation("political revolution")
    assert not is_quotation("Make America Great Again")  # a slogan or title is named, not said


def test_one_record_per_quoted_passage():
    from generator.extract.quotes import QuoteRecords

    rec = QuoteRecords()
    said = "We will never accept the tariffs or the quotas,"
    assert rec.keep("paul-grant", "a1", said) == said
    assert rec.keep("paul-grant", "a1", said) == ""      # the same quote, a second position
    assert rec.keep("paul-grant", "a2", said) == said    # another article quotes it again
    assert rec.keep("anne-price", "a1", said) == said    # another speaker's words
    assert rec.keep("paul-grant", "a1", "disgraceful") == ""


def test_a_briefing_keeps_quoted_terms_in_statements_and_each_quote_once():
    """Through the whole extraction: a one-word quoted term is no quote record but stays in
    its position's statement, and a quote giving its speaker two positions is carried once."""
    from pathlib import Path

    from generator.config import Config
    from generator.extract import extract_briefing
    from test_actors import _article

    b = extract_briefing([_article("quote-records", [
        "Senator Paul Grant called the new tariffs \u201cdisgraceful\u201d on Monday.",
        "\u201cI oppose the steel tariffs and I oppose the import quotas,\u201d Grant said.",
    ])], Config(root=Path(__file__).resolve().parent.parent, relevance=False))
    grant = [p for p in b.positions if "grant" in p.actor]
    assert grant, b.positions
    assert all(p.quote != "disgraceful" for p in b.positions)
    assert any("\u201cdisgraceful\u201d" in p.statement for p in grant)
    said = [p for p in grant if p.quote]
    assert [p.quote for p in said] == ["I oppose the steel tariffs and I oppose the import quotas,"]
    assert len([p for p in grant if "import quotas" in p.statement]) >= 2  # two stances, one record


def test_a_description_speaks_for_the_actor_it_describes():
    """"the Florida senator said": the nearest earlier actor the article describes with that
    noun -- by a title ("Sen."), an apposition ("the Democratic nominee") or a role word."""
    got = _quotes([
        "Sen. Marco Rubio of Florida spoke on Monday.",
        "Billionaire Donald Trump, the Republican front-runner, attacked him.",
        "Former Secretary of State Hillary Clinton, the Democratic nominee, was in Ohio.",
        "Sen. Joni Ernst of Iowa joined her.",
        "Nothing the president said \u201cwill assuage people's fears,\u201d the Florida senator said.",
        "\u201cA man you can bait with a tweet is not a man we can trust,\u201d said the Democratic nominee.",
        "\u201cWe will build the wall and it will be great,\u201d the billionaire told the crowd.",
        "\u201cThe weather will be fine tomorrow morning,\u201d the forecaster said.",
    ])
    assert got == [("will assuage people's fears,", "Marco Rubio"),
                   ("A man you can bait with a tweet is not a man we can trust,", "Hillary Clinton"),
                   ("We will build the wall and it will be great,", "Donald Trump"),
                   ("The weather will be fine tomorrow morning,", None)]  # nobody was called a forecaster


def test_a_pronoun_prefers_the_subject_of_the_nearest_sentence_naming_a_fit():
    # the nearest woman before "she" is Clinton; the sentence's subject, Whitman, speaks
    got = _quotes([
        "Republican Christine Todd Whitman told The Star-Ledger she would rather vote for Hillary Clinton.",
        "\u201cI am ashamed of this endorsement today,\u201d she said.",
        "Former Rep. Chris Shays was pro John Kasich while the Ohio governor ran, he said.",
        "\u201cHillary is my next choice,\u201d he said.",
    ])
    assert [n.split()[-1] for _, n in got] == ["Whitman", "Shays"]


def test_a_pronoun_with_one_fitting_actor_in_its_sentence_takes_it():
    # no subject fits: the nearest fitting actor of that sentence, not one further back
    got = _quotes([
        "Senator Maria Lopez spoke first.",
        "The crowd cheered for Mayor Tom Reyes and his wife Anna Reyes.",
        "\u201cWe will win this city again,\u201d she said.",
    ])
    assert got[0][1] is not None and got[0][1].endswith("Anna Reyes")


def test_a_next_sentence_with_news_of_its_own_does_not_tell_the_quote():
    # "stated his intention ..." says something itself: the quote stays with its own speaker
    got = _quotes([
        "Former Rep. Chris Shays spoke on Wednesday.",
        "\u201cHillary is my next choice,\u201d he said.",
        "\u201cAnd frankly, he is a dangerous man for this country.\u201d",
        "Another former lawmaker, Sen. Joe Lieberman, also stated his intention to vote for Clinton.",
    ])
    assert [n.split()[-1] for _, n in got] == ["Shays", "Shays"]


def test_a_bare_cue_in_the_next_sentence_still_tells_a_quote_ending_in_a_full_stop():
    got = _quotes([
        "Former governor Jeb Bush posted on Sunday.",
        "\u201cWe loved the show on Netflix this year.\u201d",
        "Bush said.",
    ])
    assert got == [("We loved the show on Netflix this year.", "Jeb Bush")]


def test_partial_quote_in_paraphrase_is_its_subjects():
    """A quote inside a clause with no speech verb is the clause subject's words;
    a copula's subject is described, not quoted, and an apposition is nobody's
    words in particular (it may continue the previous quote's speaker)."""
    got = dict(_quotes([
        "Sen. Ted Cruz spoke in Houston on Monday.",
        "Cruz blamed the anti-fracking law on \u201cknuckleheaded Democratic politicians.\u201d",
        "Hillary Clinton met Wayne Borders, a \u201cchild of the eighties\u201d who left his job.",
        "Wayne Borders is \u201ca man of the people\u201d in his town.",
    ]))
    assert got["knuckleheaded Democratic politicians."] == "Ted Cruz"
    assert got["child of the eighties"] != "Hillary Clinton"   # an apposition: not the subject's words
    assert got["a man of the people"] != "Wayne Borders"       # what a copula says of its subject


def test_describing_verbs_are_data(tmp_path, monkeypatch):
    """The verbs whose subject is described, not quoted, are read from speech_verbs.yaml
    (``describing:``): without "be" there, a copula's subject would be quoted."""
    from generator.extract import quotes as q

    text = ["Wayne Borders is \u201ca man of the people\u201d in his town."]
    assert "be" in q.lexicon().describing
    assert dict(_quotes(text)).get("a man of the people") != "Wayne Borders"
    lean = tmp_path / "speech_verbs.yaml"
    lean.write_text(q.DATA.read_text(encoding="utf-8").replace("describing: [be, ", "describing: ["),
                    encoding="utf-8")
    monkeypatch.setattr(q, "DATA", lean)
    q.lexicon.cache_clear()
    try:
        assert "be" not in q.lexicon().describing
        assert dict(_quotes(text)).get("a man of the people") == "Wayne Borders"
    finally:
        monkeypatch.undo()
        q.lexicon.cache_clear()


def test_headline_credited_to_its_writer_is_no_quote():
    got = _quotes([
        "MOVING SHOP\u2014\u201cPop-up art show strives to confront South Bronx gentrification,\u201d by "
        "DNAinfo's Eddie Small: \u201cCurators of a pop-up art show in the South Bronx are determined to "
        "confront the area's fears.\u201d",
    ])
    assert [t for t, _ in got] == ["Curators of a pop-up art show in the South Bronx are determined to "
                                   "confront the area's fears."]


def test_lexicon_verbs_fume_and_remember():
    got = _quotes([
        "\u201cIf they were serious about this, they would have gone to the bill,\u201d Pat Toomey fumed on Tuesday.",
        "\u201cAn awful lot of analysts said no,\u201d remembered Roy Verley, a former spokesman.",
    ])
    assert [s for _, s in got] == ["Pat Toomey", "Roy Verley"]


def test_titles_for_descriptions_are_data(tmp_path, monkeypatch):
    """The titles a description of a speaker uses ("Sen." -> "the senator") come from
    speech_verbs.yaml; a malformed table is an error naming the file."""
    from generator.extract import quotes as q

    assert ("sen.", "senator") in q.lexicon().titles
    bad = tmp_path / "speech_verbs.yaml"
    bad.write_text("verbs: [say]\ntitles: [sen.]\n", encoding="utf-8")
    monkeypatch.setattr(q, "DATA", bad)
    q.lexicon.cache_clear()
    try:
        import pytest

        with pytest.raises(ValueError, match="speech_verbs.yaml: titles"):
            q.lexicon()
    finally:
        monkeypatch.undo()
        q.lexicon.cache_clear()


def test_the_senator_said_is_the_senator():
    got = _quotes([
        "Sen. Marco Rubio met Gov. Rick Scott in Tampa.",
        "\u201cWe stand by everything we said during the campaign,\u201d the senator told reporters.",
    ])
    assert got == [("We stand by everything we said during the campaign,", "Marco Rubio")]


def test_a_public_figure_described_is_the_person_the_text_is_about():
    """"the Florida senator told" when the article never called anyone a senator: the
    person the text is about there (its subject); an anonymous "an official" is nobody."""
    got = _quotes([
        "One month after backing Donald Trump, Marco Rubio still believes the nominee is unfit.",
        "\u201cI stand by everything I said during the campaign,\u201d the Florida senator told a weekly paper.",
        "\u201cThe talks went nowhere this week,\u201d an official said.",
        "\u201cThere is precedent for prosecution here,\u201d the two lawmakers argued.",
    ])
    assert got[0] == ("I stand by everything I said during the campaign,", "Marco Rubio")
    assert got[1][1] is None
    assert got[2][1] is None   # a plural description is no one person


def test_as_x_put_it():
    got = _quotes([
        "As Senator John Cornyn put it: \u201cThis person will not be confirmed by this chamber.\u201d",
    ])
    assert got == [("This person will not be confirmed by this chamber.", "John Cornyn")]


def test_a_long_speech_in_one_paragraph_is_one_quote():
    """With paragraphs known, a quote of many sentences that closes in its paragraph is
    kept whole; without them, one open for more than six sentences is unbalanced marks."""
    texts = ["Gillibrand replied.", "\u201cI think she will."] + [f"Point {n} is clear." for n in range(8)] \
        + ["She will release them in time.\u201d", "The talk moved on."]
    paragraphs = frozenset({0, 1, len(texts) - 1})
    assert find_spans(texts, paragraphs) == [(1, 0, 10, len(texts[10]))]
    assert find_spans(texts) == []


def test_colon_after_a_verb_names_no_speaker_before_it():
    """"X added about Y: “...”" is X's, not Y's: only a colon with no verb before it
    ("Clinton: “...”", a headline) makes the name before it the speaker."""
    got = _quotes([
        "Mary Williams met Ben Carson in Detroit on Monday.",
        "Williams added about Carson: \u201cHe feels sorry for him because he really likes the governor.\u201d",
    ])
    assert got == [("He feels sorry for him because he really likes the governor.", "Mary Williams")]


def test_a_passive_heads_agent_is_not_its_conjoined_cues_speaker():
    got = _quotes([
        "Mayor Ann Porter said the decision was made by police chief Tom Blake and said, "
        "\u201cWho are you going to trust on safety and keeping people safe?\u201d",
    ])
    assert got == [("Who are you going to trust on safety and keeping people safe?", "Ann Porter")]


def test_who_was_told_is_not_the_speaker():
    """"“...,” Ortega, 58, told AFP" parsed with no subject: the nearest name, but never
    the cue's object."""
    got = _quotes([
        "Daniel Ramos spoke in Lima.",
        "\u201cWe were terribly wrong to not have challenged him from the beginning,\u201d Ramos, 58, "
        "told AFP in an interview in Mexico City on Monday.",
    ])
    assert got == [("We were terribly wrong to not have challenged him from the beginning,", "Daniel Ramos")]


def test_shot_back_and_barked_are_cues():
    got = _quotes([
        "After former Gov. Tim Walsh criticized Paul Dunn during a debate, Mary Dunn shot back, "
        "\u201cI suppose I could have stayed at home, but I chose to serve my state.\u201d",
        "Rick Stone met Dan Ross in the hall.",
        "\u201cGo back to your studio,\u201d Stone barked and a security guard escorted Ross out.",
    ])
    assert got == [("I suppose I could have stayed at home, but I chose to serve my state.", "Mary Dunn"),
                   ("Go back to your studio,", "Rick Stone")]


def test_an_act_with_an_infinitive_is_no_cue():
    """"Y will continue to be “...”": *continue* tells a deed going on (an ``acts`` verb
    with an infinitive), so the quote is the words of the one who said it."""
    got = _quotes([
        "In a statement released after the senator suspended his campaign, Sen. Tom Hale said "
        "he\u2019s certain Jim Beck will continue to be \u201ca fighter for working families in Ohio.\u201d",
    ])
    assert got == [("a fighter for working families in Ohio.", "Tom Hale")]


def test_the_outermost_ruling_cue_speaks():
    """A quote governed by two cues, one inside the other's clause, is the words the outer
    cue's subject reports ("Yepez said Perez was right to urge leaders “...”")."""
    got = _quotes([
        "Ana Yepez said Governor Tom Perez was right to urge local leaders \u201cto stand up and be heard.\u201d",
        "Sen. Ben Cardin said Wednesday that Republicans rejected his attempts to include the language, "
        "calling it an \u201carea of real contention.\u201d",
    ])
    assert got == [("to stand up and be heard.", "Ana Yepez"), ("area of real contention.", "Ben Cardin")]


def test_ptb_quote_reopened_after_a_comma():
    """NYT-style PTB text reopens a quote with '' after "X said,": an opening mark, not a
    closing one glued to the comma ("said,”and" parsed as one word)."""
    assert normalize("''The voters are furious,'' Mr. Blake said, ''and they are angry.''") == \
        "\u201cThe voters are furious,\u201d Mr. Blake said, \u201cand they are angry.\u201d"
    got = _quotes([
        "Hogan Blake, a former director of the state party, spoke on Monday.",
        "''The voters are furious,'' Mr. Blake said, ''and they are not letting a stump speech sway their vote.''",
    ])
    assert got == [("The voters are furious,", "Hogan Blake"),
                   ("and they are not letting a stump speech sway their vote.", "Hogan Blake")]


def test_a_coordinated_or_subordinate_cue_with_its_own_subject_speaks_for_itself():
    """Only a cue whose said clause holds another reports it: "X said ..., and Y vowed
    “...”" and "X suggested ..., while Y said “...”" are Y's words."""
    got = _quotes([
        "Sen. Ted Cruz said he would make the sand \"glow in the dark,\" and Donald Trump vowed to "
        "\"bomb the hell out\" of the group.",
        "Marco Rubio suggested that someone who doesn't answer questions can't be president, while "
        "Sen. Ted Cruz said that the \"stakes in this election are too high\" for Trump to be the nominee.",
    ])
    assert got == [("glow in the dark,", "Ted Cruz"), ("bomb the hell out", "Donald Trump"),
                   ("stakes in this election are too high", "Ted Cruz")]


def test_she_is_the_reporting_subject_not_a_woman_named_in_what_she_reports():
    texts = [normalize(s) for s in [
        "Martha Lind said she does not believe Karen Osei and her husband should be spared from scrutiny.",
        "\u201cNobody is above questions,\u201d she told the radio host.",
    ]]
    docs = parse(texts)
    doc = extract_actors("t", texts, [words_of(d) for d in docs], docs=docs)
    quotes = extract_quotes(texts, doc, docs)
    assert [(q.text, doc.entities[q.speaker].name) for q in quotes] == [("Nobody is above questions,", "Martha Lind")]
