"""Actors: specific facts on the seeds and on articles of our own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator import ingest
from generator.config import Config
from generator.extract import extract_briefing
from generator.models import Article, Sentence

REPO = Path(__file__).resolve().parent.parent
GOLD_ARTICLES = REPO / "tests" / "gold" / "articles"


def _briefing(path: Path, ids=None):
    arts, problems = ingest.read_articles(path)
    if ids:
        arts = [a for a in arts if a.id in ids]
    return extract_briefing(arts, Config(root=REPO))


FILLER = [
    "The meeting went on late into the evening and no further details were given about the schedule.",
    "Diplomats expected more talks in the coming weeks, although no date had been set for them yet.",
]


def _article(aid: str, sentences: list[str], published=dt.date(2012, 7, 6)) -> Article:
    """An Article built by hand (one string per sentence), padded with neutral
    filler sentences so relevance does not discard it as too short to be an article."""
    sentences = list(sentences) + FILLER
    text, sents, pos = "", [], 0
    for i, s in enumerate(sentences):
        sents.append(Sentence(index=i, text=s, start=pos, end=pos + len(s)))
        text += s + " "
        pos += len(s) + 1
    return Article(id=aid, path=f"{aid}.txt", raw=text, text=text, hash="0", title=aid,
                   published=published, sentences=sents)


def _by_name(b, name):
    hits = [a for a in b.actors if a.name == name or name in a.aliases]
    assert len(hits) == 1, f"{name}: {[a.id for a in hits]}"
    return hits[0]


@pytest.fixture(scope="module")
def seeds():
    return _briefing(REPO / "seeds")


def test_clinton_is_one_person_with_role_and_aliases(seeds):
    clintons = [a for a in seeds.actors if "clinton" in a.id]
    assert [a.id for a in clintons] == ["hillary-clinton"]
    c = clintons[0]
    assert c.kind == "person" and "Secretary of State" in c.role
    assert {"Clinton", "Mrs Clinton"} <= set(c.aliases)
    assert c.affiliation == "united-states"
    assert {r.article for r in c.sources} == {"ap-2012-07-06-friends-of-syria", "bbc-2012-07-06-powers-call-for-sanctions"}


def test_seed_people_roles(seeds):
    assert "Deputy Foreign Minister" in _by_name(seeds, "Gennady Gatilov").role
    assert _by_name(seeds, "William Hague").role == "British Foreign Secretary"
    assert _by_name(seeds, "Manaf Tlas").kind == "person"
    assert _by_name(seeds, "Abdel Basset Sayda").role.startswith("head of")
    assert "President" in _by_name(seeds, "Bashar al-Assad").role
    assert "Mr Assad" in _by_name(seeds, "Bashar al-Assad").aliases


def test_states_and_stand_ins(seeds):
    russia = _by_name(seeds, "Russia")
    assert russia.kind == "state" and russia.id == "russia"
    assert {"Moscow", "the Kremlin"} <= set(russia.aliases)
    assert _by_name(seeds, "China").kind == "state"
    assert "Washington" in _by_name(seeds, "United States").aliases


def test_organisations_and_groups(seeds):
    assert _by_name(seeds, "Syrian National Council").kind == "organization"
    council = _by_name(seeds, "UN Security Council")
    assert "Security Council" in council.aliases
    assert _by_name(seeds, "United Nations").kind == "organization"
    assert _by_name(seeds, "Syrian opposition").kind == "group"
    assert _by_name(seeds, "Syrian opposition").affiliation == "syria"


def test_reporters_and_places_are_not_actors(seeds):
    names = {n.lower() for a in seeds.actors for n in [a.name, *a.aliases]}
    for not_actor in ("Catherine Gaschka", "Peter Biles", "Jim Muir", "Ben Hubbard", "Khan Sheikhoun",
                      "Paris", "Istanbul", "Tunis"):
        assert not_actor.lower() not in names, not_actor


def test_every_actor_has_provenance_and_sorted_output(seeds):
    assert [a.id for a in seeds.actors] == sorted(a.id for a in seeds.actors)
    ids = {a.id for a in seeds.actors}
    for a in seeds.actors:
        assert a.sources, a.id
        assert a.aliases == sorted(a.aliases)
        assert a.affiliation is None or a.affiliation in ids
        for ref in a.sources:
            assert ref.text


def test_wire_credits_and_dateline_are_not_actors():
    b = _briefing(GOLD_ARTICLES, {"wire-steel-tariffs"})
    names = {n for a in b.actors for n in [a.name, *a.aliases]}
    assert not {"Paul Deverell", "Anna Whitcombe", "Reuters", "BRUSSELS"} & names
    h = _by_name(b, "Ingrid Halvorsen")
    assert h.role == "EU Trade Commissioner" and "Halvorsen" in h.aliases
    assert _by_name(b, "Japan").aliases == ["Tokyo"]
    assert _by_name(b, "World Trade Organization").aliases == ["WTO"]
    assert _by_name(b, "Eurofer").kind == "organization"


def test_ptb_broadcast_byline_and_acronym():
    b = _briefing(GOLD_ARTICLES, {"ptb-yemen-truce"})
    names = {n for a in b.actors for n in [a.name, *a.aliases]}
    assert "Lina Sahloul" not in names
    assert "ICRC" in _by_name(b, "International Committee of the Red Cross").aliases
    assert _by_name(b, "Houthi rebels").kind == "group"
    g = _by_name(b, "Martin Griffiths")
    assert g.role == "UN envoy" and "Mr Griffiths" in g.aliases


def test_analysis_byline_and_closing_says_are_not_actors():
    b = _briefing(GOLD_ARTICLES, {"analysis-lebanon"})
    names = {n for a in b.actors for n in [a.name, *a.aliases]}
    assert "Daniel Ferrante" not in names
    assert not any("BBC" in n for n in names)
    assert _by_name(b, "Nadim Haddad").kind == "person"


def test_un_aliases_and_the_west():
    b = _briefing(GOLD_ARTICLES, {"un-security-council"})
    council = _by_name(b, "UN Security Council")
    assert {"Security Council", "U.N. Security Council"} <= set(council.aliases)
    assert "UN" in _by_name(b, "United Nations").aliases
    assert _by_name(b, "the West").kind == "group"
    assert "Syrian authorities" in _by_name(b, "Syria").aliases


def test_surname_joins_full_name_across_articles():
    a1 = _article("a1", ["Secretary of State Hillary Rodham Clinton met the envoy on Monday."])
    a2 = _article("a2", ["Mrs Clinton said the talks had failed.", "Clinton later left for Geneva."])
    a3 = _article("a3", ["Hillary Clinton told reporters that sanctions must follow."])
    b = extract_briefing([a3, a1, a2], Config(root=REPO))
    clintons = [a for a in b.actors if "clinton" in a.id]
    assert len(clintons) == 1
    assert {"Clinton", "Mrs Clinton"} <= set(clintons[0].aliases)
    assert {r.article for r in clintons[0].sources} == {"a1", "a2", "a3"}


def test_regime_choice_is_a_group_named_after_the_leader():
    art = _article("r1", [
        "Syrian President Bashar al-Assad addressed parliament on Sunday.",
        "Critics said the Assad regime had lost control of the north.",
        "Activists said the regime shelled two villages.",
    ])
    b = extract_briefing([art], Config(root=REPO))
    regime = _by_name(b, "Assad regime")
    assert regime.kind == "group" and regime.affiliation == "syria"
    assert regime.mentions == 2  # "the regime" joins it


def test_extraction_is_deterministic_and_order_free():
    arts, _ = ingest.read_articles(REPO / "seeds")
    one = extract_briefing(arts, Config(root=REPO))
    two = extract_briefing(list(reversed(arts)), Config(root=REPO, jobs=2))
    assert [a.model_dump() for a in one.actors] == [a.model_dump() for a in two.actors]
    assert [p.model_dump() for p in one.positions] == [p.model_dump() for p in two.positions]


CORPUS = REPO.parent / "shared" / "corpora" / "t17-syria"


@pytest.mark.corpus
@pytest.mark.skipif(not (CORPUS / "articles.jsonl").exists(), reason="Syria corpus not available")
def test_corpus_facts():
    """On the 624-article corpus: one Clinton, one Bashar al-Assad, no BBC correspondents."""
    arts, _ = ingest.read_articles(CORPUS / "articles.jsonl")
    b = extract_briefing(arts, Config(root=REPO))
    ids = {a.id for a in b.actors}
    assert [i for i in ids if "clinton" in i and "hillary" in i] == ["hillary-clinton"]
    assert "bashar-al-assad" in ids and not any(i.startswith("bashar-al-assad-") for i in ids)
    assert "middle-east" not in ids
    # most "says Jim Muir" / "The BBC's Jim Muir" credits are gone (154 mentions before the
    # credit rules, 9 after); the rest (e.g. an analysis box opening "Jim Muir: “...”") is a known miss
    assert sum(a.mentions for a in b.actors if a.id == "jim-muir") < 15
    assad = next(a for a in b.actors if a.id == "bashar-al-assad")
    assert assad.mentions > 1000 and "President" in assad.role


def test_job_title_beats_rank_and_lower_case_titles_are_roles():
    art = _article("roles-fixture", [
        "Army spokesman Lieutenant Colonel Ravi Okonkwo said the convoy had been stopped.",
        "A navy spokeswoman, Captain Ilse Verhoeven, told reporters the port was closed.",
        "EU trade policy chief Marta Kowalczyk said the talks would resume.",
        "Senior adviser Tobias Lindqvist said the plan was ready.",
        "Opposition councillor Dana Whitfield said the vote was rushed.",
    ])
    b = extract_briefing([art], Config(root=REPO))
    assert "spokesman" in _by_name(b, "Ravi Okonkwo").role
    assert "spokeswoman" in _by_name(b, "Ilse Verhoeven").role
    assert "Colonel" not in _by_name(b, "Ravi Okonkwo").role
    assert "policy chief" in _by_name(b, "Marta Kowalczyk").role
    assert "adviser" in _by_name(b, "Tobias Lindqvist").role
    assert "councillor" in _by_name(b, "Dana Whitfield").role


def test_declared_acronyms_and_nicknames_join_their_actor():
    art = _article("declared-aliases-fixture", [
        "The Northern Rivers Authority (NORA) said the dam would be closed for repairs.",
        "Farmers' leader Marco Delgado, nicknamed Tito, said the closure would ruin the harvest.",
        "NORA rejected the claim.",
        "Tito said the farmers would protest on Friday.",
    ])
    b = extract_briefing([art], Config(root=REPO))
    nora = _by_name(b, "Northern Rivers Authority")
    assert nora.kind == "organization" and "NORA" in nora.aliases
    delgado = _by_name(b, "Marco Delgado")
    assert "Tito" in delgado.aliases
    assert not [a for a in b.actors if a.name in ("NORA", "Tito")]


def test_wire_datelines_contributor_lines_and_author_boxes_are_not_actors():
    art = _article("credits-fixture", [
        "LAGOS (AFP) - Governor Amaka Obi said the port would reopen.",
        "Ruth Adeyemi BBC News, Abuja Officials were cautious about the timetable.",
        "Associated Press writers Kwame Mensah and Tunde Bello contributed.",
        "Ruth Adeyemi is the Observer's West Africa correspondent.",
    ])
    b = extract_briefing([art], Config(root=REPO))
    names = {a.name for a in b.actors} | {al for a in b.actors for al in a.aliases}
    assert "Amaka Obi" in names
    assert not {"AFP", "Ruth Adeyemi", "Abuja Officials", "Officials", "Associated Press",
                "Kwame Mensah", "Tunde Bello"} & names


def test_organisation_names_keep_and_and_possessives_plural_nouns_are_not_people():
    art = _article("org-names-fixture", [
        "Teachers have walked out across the province.",
        "The Alliance of Justice and Renewal said the strike was justified.",
        "The Harbour Workers' Union and the Dockmen's Association backed the teachers.",
        "Albanians voted in large numbers, officials said.",
    ])
    b = extract_briefing([art], Config(root=REPO))
    names = {a.name for a in b.actors}
    assert _by_name(b, "Alliance of Justice and Renewal").kind == "organization"
    assert _by_name(b, "Dockmen's Association").kind == "organization"
    assert _by_name(b, "Harbour Workers' Union").kind == "organization"
    assert not {"Teachers", "Albanians", "Alliance of Justice", "Dockmen"} & names


def test_the_plural_of_a_group_name_joins_the_group():
    art = _article("plural-group-fixture", [
        "Karen rebels said they had captured a border post.",
        "A spokesman, Major Saw Kyaw, said the Karens would hold the post.",
        "\"We will not leave,\" he said.",
    ])
    b = extract_briefing([art], Config(root=REPO))
    rebels = _by_name(b, "Karen rebels")
    assert rebels.kind == "group" and "Karens" in rebels.aliases
    assert not [a for a in b.actors if a.name == "Karens"]
    assert any(p.actor == "saw-kyaw" and "We will not leave" in p.quote for p in b.positions)


def test_spelling_variants_of_a_name_are_one_actor_across_articles():
    """Sergei/Sergey Lavrov and Davutoglu/Davatoglu: one person each; Michelle and
    Michael of one surname stay two."""
    a1 = _article("sp1", ["Russian Foreign Minister Sergei Lavrov met Turkish Foreign Minister Ahmet Davutoglu in Moscow."])
    a2 = _article("sp2", ["Sergey Lavrov told reporters that Ahmet Davatoglu had agreed to more talks.",
                          "Lavrov said the talks would resume."])
    a3 = _article("sp3", ["Michelle Okafor and Michael Okafor both signed the petition on Tuesday."])
    b = extract_briefing([a1, a2, a3], Config(root=REPO))
    lavrov = [a for a in b.actors if "lavrov" in a.id]
    assert len(lavrov) == 1 and {r.article for r in lavrov[0].sources} == {"sp1", "sp2"}
    davutoglu = [a for a in b.actors if "ahmet" in a.id]
    assert len(davutoglu) == 1 and {r.article for r in davutoglu[0].sources} == {"sp1", "sp2"}
    assert len([a for a in b.actors if "okafor" in a.id]) == 2


def test_the_entity_recognizer_keeps_fragments_shouts_and_reporting_outlets_out():
    art = _article("ner-fixture", [
        "Accused Of Lying When He Spoke, Senator Responds",
        "ARRESTED: three activists in Homs.",
        "Earlier Mr Ban said the talks had failed, Reuters reported.",
        "Billionaire Donald Trump attacked Arkansas Gov. Mike Huckabee on Tuesday.",
        "Mr Ban later left for Geneva, the BBC said.",
    ])
    b = extract_briefing([art], Config(root=REPO))
    names = {n for a in b.actors if a.kind != "outlet" for n in [a.name, *a.aliases]}
    assert not {n for n in names if "Accused" in n or "Earlier" in n or n in ("ARRESTED", "Reuters", "BBC")}
    assert {a.name for a in b.actors if a.kind == "outlet"} == {"Reuters", "BBC"}  # sources, not parties
    assert _by_name(b, "Donald Trump").role == "Billionaire"
    assert "Gov." in _by_name(b, "Mike Huckabee").role
    assert _by_name(b, "Ban").kind == "person"


def test_the_actor_lexicon_is_data_and_the_cache_fingerprint_covers_it(tmp_path):
    """Word lists live in generator/data/actor_lexicon.yaml; editing one changes the
    extraction cache's fingerprint, so no stale result is served."""
    from generator.cache import _code_fingerprint
    from generator.extract import gazetteer as gz

    assert gz.LEXICON_PATH.name == "actor_lexicon.yaml" and "moscow" in gz.STAND_INS
    assert "gov." in gz.TITLE_SET and "reuters" in gz.OUTLETS
    (tmp_path / "extract").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "extract" / "actors.py").write_text("x = 1\n")
    (tmp_path / "models.py").write_text("y = 2\n")
    lex = tmp_path / "data" / "actor_lexicon.yaml"
    lex.write_text(gz.LEXICON_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    before = _code_fingerprint(tmp_path)
    lex.write_text(lex.read_text(encoding="utf-8") + "\nextra: [word]\n", encoding="utf-8")
    assert _code_fingerprint(tmp_path) != before


def test_tweet_signatures_are_credits_and_us_outlets_are_sources():
    art = _article("tweets-fixture", [
        "Senator Dana Ruiz wore the hat at the rally on Wednesday.",
        "Ruiz and the governor wore the hats again. \u2014 Omar Velde (@omarvelde) September 1, 2016.",
        "Fox News reported that the rally drew thousands, Politico said.",
    ])
    b = extract_briefing([art], Config(root=REPO))
    names = {n for a in b.actors if a.kind != "outlet" for n in [a.name, *a.aliases]}
    assert "Dana Ruiz" in names
    assert not {"Omar Velde", "Fox News", "Politico"} & names
    assert {a.name for a in b.actors if a.kind == "outlet"} == {"Fox News", "Politico"}


def test_party_members_that_act_are_a_group():
    """"Republicans said" / "House Democrats blocked": a capitalised plural the
    recognizer calls NORP is a group actor when it is the subject; as an
    adjective ("the Republican candidate") it is nobody."""
    from generator.extract.actors import extract_actors
    from generator.extract.nlp import normalize, parse, words_of

    texts = [normalize(t) for t in ("Republicans said the bill would fail.",
                                    "House Democrats blocked the plan on Tuesday.",
                                    "The Republican candidate won the primary.")]
    docs = parse(texts)
    doc = extract_actors("t", texts, [words_of(d) for d in docs], docs=docs)
    kinds = {k: e.kind for k, e in doc.entities.items()}
    assert kinds == {"group:republicans": "group", "group:democrats": "group"}


def test_cache_fingerprint_covers_the_extract_subpackages(tmp_path):
    """The actor rules live in a package (generator/extract/actors/): an edit there
    must change the extraction cache's fingerprint like an edit of extract/*.py."""
    from generator.cache import _code_fingerprint

    (tmp_path / "extract" / "actors").mkdir(parents=True)
    rule = tmp_path / "extract" / "actors" / "credits.py"
    rule.write_text("x = 1\n")
    (tmp_path / "extract" / "quotes.py").write_text("y = 2\n")
    before = _code_fingerprint(tmp_path)
    rule.write_text("x = 2\n")
    assert _code_fingerprint(tmp_path) != before


def test_credit_patterns_are_built_from_the_lexicon():
    """Each credit list of actor_lexicon.yaml ("credits") is written once and every
    word of it works in its pattern: a credit line for each line word, an author's
    box for each job, a closing byline for each verb, a correspondent for each outlet."""
    from generator.extract.actors import credits as cr

    for w in cr.CREDIT_WORDS:
        assert cr._credit_kind(f"{w.capitalize()} by Jane Doe; additional {w} by Omar Velde")[0] == "credit", w
    for job in cr.AUTHOR_JOBS:
        assert cr._credit_kind(f"Jane Doe is the Guardian's Africa {job}.")[0] == "about", job
    for verb in cr.CLOSING_VERBS:
        assert cr._credit_kind(f"The talks will resume in May, {verb} Jim Muir.")[0] == "closing", verb
    for outlet in cr.CREDITED_OUTLETS:
        assert cr._OUTLET_POSS.search(f"The {outlet}'s Jim Muir in Beirut"), outlet


def _doc_actors(sentences):
    from generator.extract.actors import extract_actors
    from generator.extract.nlp import normalize, parse, words_of

    texts = [normalize(t) for t in sentences]
    docs = parse(texts)
    return extract_actors("t", texts, [words_of(d) for d in docs], docs=docs)


def test_an_organisation_with_its_acronym_in_brackets_is_kept():
    """The recognizer's entity "the World Health Organization (WHO" ends before the bracket."""
    doc = _doc_actors(["Last week the World Health Organization -LRB- WHO -RRB- declared a global flu pandemic ."])
    assert {e.name: e.kind for e in doc.entities.values()} == {"World Health Organization": "organization"}


def test_one_word_organisations_that_act_and_plural_org_heads():
    """"Roche" (ORG, the subject) and "G20" are organisations; "Centers for
    Disease Control" is not cut at "for"; a one-word ORG that is a place or a
    common word ("flew to Hyderabad", "the State") is not an organisation."""
    doc = _doc_actors(["Roche makes the drug, the Centers for Disease Control and Prevention said.",
                       "The G20 leaders pledged to avoid protectionism.",
                       "Students flew to Hyderabad on Monday."])
    names = {e.name: e.kind for e in doc.entities.values()}
    assert names == {"Roche": "organization", "Centers for Disease Control and Prevention": "organization",
                     "G20": "organization"}


def test_a_state_named_only_as_where_something_happens_is_a_place():
    """"emerged in Mexico" says where; "Steelmakers in Germany welcomed" and "Mexico said" name parties."""
    doc = _doc_actors(["The virus first emerged in Mexico in April ."])
    assert doc.entities == {}
    doc = _doc_actors(["Steelmakers in Germany welcomed the move.", "The virus spread in Mexico.",
                       "Mexico said it would act."])
    assert sorted(doc.entities) == ["state:DE", "state:MX"]


def test_a_pageant_title_before_a_name_is_a_role_not_part_of_the_name():
    """The recognizer tags "Universe Alicia Machado" a person after "Miss": the
    title "Miss Universe" runs into the entity and is split off as the role."""
    doc = _doc_actors(["Trump attacked former Miss Universe Alicia Machado on Twitter."])
    people = [e for e in doc.entities.values() if e.kind == "person"]
    assert [p.name for p in people if "Machado" in p.name] == ["Alicia Machado"]


def test_an_outlets_programme_is_a_source_unless_it_acts():
    """"the NBC Nightly News ratings", "told Fox News Sunday": the outlet's
    programme, kept out of the actors as the outlet is; one that acts stays."""
    from generator.extract import gazetteer as gz
    assert gz.is_outlet("NBC Nightly News") and gz.is_outlet("Fox News Sunday") and gz.is_outlet("The Hill")
    assert not gz.is_outlet("NBC Universal") and not gz.is_outlet("Chicago Bears") and not gz.is_outlet("")
    doc = _doc_actors(["He cannot make fun of the NBC Nightly News ratings if Holt asks about his taxes.",
                       "Rubio told Fox News Sunday that he would stay in the race."])
    assert not [e.name for e in doc.entities.values() if "News" in e.name and e.kind != "outlet"]


def test_one_person_is_one_actor_when_an_article_keyed_them_by_a_glued_word():
    """An article whose first span was "Street Donald Trump" keys the person
    ``person:street:trump`` though every name counted is "Donald Trump"; the
    merge keys a person by the name shown, and "Wasserman Schultz" (the
    word-suffix of exactly one longer name) joins "Debbie Wasserman Schultz"."""
    from generator.extract.map import ArticleResult, Seen
    from generator.extract.merge import merge_actors

    def seen(key, *names):
        return Seen(key, "person", sum(n for _, n in names), 0.9, tuple(names), (), (), (), (0,))

    results = [
        ArticleResult("a1", None, (seen("person:donald:trump", ("Donald Trump", 5)),
                                   seen("person:debbie:schultz", ("Debbie Wasserman Schultz", 3))), [],
                      cited={0: (0, "s")}),
        ArticleResult("a2", None, (seen("person:street:trump", ("Donald Trump", 2), ("Street Donald Trump", 1)),
                                   seen("person:wasserman:schultz", ("Wasserman Schultz", 2))), [],
                      cited={0: (0, "s")}),
    ]
    actors, actor_id = merge_actors(lambda: iter(results))
    assert sorted(a.id for a in actors) == ["debbie-wasserman-schultz", "donald-trump"]
    assert actor_id("person:street:trump") == "donald-trump"
    assert actor_id("person:wasserman:schultz") == "debbie-wasserman-schultz"


def test_a_news_outlet_cited_as_a_source_is_an_outlet_and_one_that_acts_an_organisation():
    """"told the Boston Herald", "the Denver Post reported": kind ``outlet`` (listed as a
    source, never scored or shown as a party); a newspaper's name is known by its last
    word ("Tribune", "Herald"); "The Financial Times sued" acts, so it is an organisation."""
    from generator.extract import gazetteer as gz

    assert gz.is_outlet("Chicago Tribune") and gz.is_outlet("the Las Vegas Sun") and not gz.is_outlet("Tribune")
    doc = _doc_actors(["Sanders told the Boston Herald that he would win.",
                       "The Denver Post reported that the vote was close.",
                       "The Financial Times sued the company on Monday."])
    kinds = {e.name: e.kind for e in doc.entities.values()}
    assert kinds["Boston Herald"] == "outlet" and kinds["Denver Post"] == "outlet"
    assert kinds["Financial Times"] == "organization"
    cited_then_acting = _doc_actors(["CNN reported the talks had failed.", "CNN sued the campaign on Monday."])
    assert [(e.name, e.kind) for e in cited_then_acting.entities.values()] == [("CNN", "organization")]


def test_a_lone_name_the_recognizer_calls_a_person_is_kept_unless_a_place():
    """A surname never given in full ("Hashimi pressed for", "followed by Cruz at 25
    percent") is an actor; a one-word place the recognizer takes for a person is not
    when its coordination or preposition says place ("in Jalandhar and Bangalore")."""
    doc = _doc_actors(["At the Paris conference, Hashimi and other members of the opposition pressed for a no-fly zone.",
                       "The survey found Trump the winner, followed by Cruz at 25 percent and Rubio at 14."])
    names = {e.name for e in doc.entities.values() if e.kind == "person"}
    assert {"Hashimi", "Cruz"} <= names
    doc = _doc_actors(["As well as in Jalandhar, fresh cases have also been detected in Delhi and Bangalore."])
    assert not {e.name for e in doc.entities.values() if e.kind == "person"}


def test_an_administration_is_its_leaders_and_a_campaign_speaks_for_its_candidate():
    """"the Obama administration" is an organisation of that name; "the Sanders campaign"
    is Sanders, joined to Bernie Sanders when the article names him in full (not a group
    "Sanders" beside an organisation "Sanders")."""
    doc = _doc_actors(["The Obama administration continues to monitor the situation.",
                       "Bernie Sanders spoke in Iowa on Monday.",
                       "The Sanders campaign said it would appeal the ruling."])
    ents = {e.name: e for e in doc.entities.values()}
    assert ents["Obama administration"].kind == "organization"
    assert ents["Bernie Sanders"].kind == "person" and "Sanders" in ents["Bernie Sanders"].aliases
    assert [e.name for e in doc.entities.values() if "Sanders" in e.name] == ["Bernie Sanders"]


def test_known_organisations_a_people_and_a_speaking_office():
    """"Islamic State" is one organisation though the recognizer calls "Islamic" a
    nationality (and "ISIS" joins it); "the Palestinians" are a party; "White House
    spokesman X" is the state speaking through its office; a full name after "from"
    ("a post from Arianna Huffington") is a person, not a place."""
    doc = _doc_actors(["Islamic State claimed the attack, and ISIS fighters seized the town.",
                       "Egypt helped forge peace between Israel and the Palestinians.",
                       "White House spokesman Robert Gibbs said the talks would go on.",
                       "That news will come with a strong bias, according to a post from Arianna Huffington.",
                       "Aid was refused entry to Baba Amr and left from Homs."])
    ents = {e.name: e for e in doc.entities.values()}
    assert ents["Islamic State"].kind == "organization" and "ISIS" in ents["Islamic State"].aliases
    assert ents["Palestinians"].kind == "group"
    assert ents["United States"].kind == "state" and "White House" in ents["United States"].aliases
    assert ents["Arianna Huffington"].kind == "person"
    assert "Baba Amr" not in ents and "Homs" not in ents


def test_names_the_recognizer_mislabels_or_cuts_by_their_context():
    """A lone word the recognizer calls an organisation but an apposition gives a
    role and that acts is a person ("Fabius, France's foreign minister, maintained");
    an organisation opening a sentence keeps its first word ("National Electoral
    Council president"); names in apposition to an organisation noun are organisations
    ("two newspapers, Al-Dustour and El-Badil"), but not a destination ("a trip to the
    space agency, Nasa"); "the City of Los Angeles" paid is a party, "in the City of
    London" a place; a coordinated lone name is judged by its own place in the sentence
    ("followed by Cruz at 25 percent and Rubio at 14")."""
    doc = _doc_actors(["Fabius, France's foreign minister, maintained that events were bearing down on Assad.",
                       "National Electoral Council president Marisol Quintero said turnout had reached 41.5 percent.",
                       "Authorities shut down the websites of two popular independent newspapers, Al-Dustour and El-Badil.",
                       "The students returned from a trip to the US space agency, Nasa.",
                       "The estate paid $1.3m to the City of Los Angeles, and bankers in the City of London were worried.",
                       "The survey found Trump the winner, followed by Cruz at 25 percent and Rubio at 14."])
    kinds = {e.name: e.kind for e in doc.entities.values()}
    assert kinds["Fabius"] == "person" and kinds["National Electoral Council"] == "organization"
    assert kinds["Al-Dustour"] == kinds["El-Badil"] == kinds["City of Los Angeles"] == "organization"
    assert "Nasa" not in kinds and "City of London" not in kinds and "Electoral Council" not in kinds
    assert kinds["Rubio"] == "person"


def test_a_city_that_acts_a_partner_outlet_and_a_typographic_apostrophe_in_a_name():
    art = _article("city-outlet-fixture", [
        "Mexico City has lifted all restrictions imposed last month after the outbreak.",
        "Residents of Mexico City returned to work on Monday.",
        "Ana Ruiz worked with The Washington Post to expose the surveillance programs.",
        "Co-anchor Norah O\u2019Donnell, who was off-screen, then loudly asked a question.",
        "The Boston Globe reported the figures on Tuesday.",
    ])
    b = extract_briefing([art], Config(root=REPO))
    assert _by_name(b, "Mexico City").kind == "organization"
    assert _by_name(b, "Washington Post").kind == "organization"
    assert _by_name(b, "Norah O\u2019Donnell").kind == "person"
    globe = [a for a in b.actors if "Globe" in a.name]
    assert all(a.kind == "outlet" for a in globe)


def test_modifiers_owners_particles_and_newspapers():
    """"the GOP nomination" names no party; "Commentary’s Noah Rothman" is a person
    (the owner only employs him); a particle stays inside a name; a newspaper whose last
    word is also a weekday's abbreviation is a source."""
    art = _article("modifier-fixture", [
        "Ted Cruz is fighting for the GOP nomination in Indiana this week.",
        "“It will annoy his detractors,” Commentary\u2019s Noah Rothman tweeted Friday.",
        "“He was excited to be coming to Cairo,” his nephew Michery el Soheil added.",
        "Martin O\u2019Malley said at a press conference, according to the Las Vegas Sun.",
        "O\u2019Malley left for Iowa on Tuesday.",
        "NATO forces attacked the town, and the G20 group of rich countries met.",
    ])
    b = extract_briefing([art], Config(root=REPO))
    names = {a.name: a.kind for a in b.actors}
    assert "GOP" not in names
    assert names.get("Noah Rothman") == "person" and not any("Commentary" in n for n in names)
    assert names.get("Michery el Soheil") == "person"
    assert _by_name(b, "O\u2019Malley").name == "Martin O\u2019Malley"
    assert names.get("Las Vegas Sun") == "outlet"
    assert "NATO" in names and "G20" in names


def test_party_members_a_capitals_acronym_and_a_name_after_a_place_and_comma():
    art = _article("members-fixture", [
        "Zornick's comment highlighted the silence Democrats, including Clinton, have demonstrated.",
        "The strain is a pandemic in all but name: we are only awaiting the formal declaration from the WHO.",
        "While his countrymen ignored the threat from Spain, James Niven, the medical officer, had handbills printed.",
        "Americans watched the debate on Tuesday.",
    ])
    b = extract_briefing([art], Config(root=REPO))
    names = {a.name: a.kind for a in b.actors}
    assert names.get("Democrats") == "group"
    assert names.get("World Health Organization") == "organization"
    assert names.get("James Niven") == "person"
    assert "Americans" not in names


def test_an_organisation_the_recognizer_cut_one_word_short_is_whole():
    art = _article("cut-org-fixture", [
        "For the first time Republicans and the Black Lives Matter movement have agreed on something.",
        "The Black Lives Matter group called on the mayor to resign.",
    ])
    b = extract_briefing([art], Config(root=REPO))
    names = {a.name for a in b.actors}
    assert "Black Lives Matter" in names
    assert not names & {"Black Lives", "Lives Matter"}


def test_a_capitals_acronym_opening_a_sentence_is_kept_where_its_word_is_also_lower_case():
    """"WHO said" opens the sentence and "who" is used elsewhere in the article: the
    capitals still name the World Health Organization (a stop word is stripped only
    when it names nothing)."""
    doc = _doc_actors(["WHO said on Monday that the outbreak was spreading.",
                       "Officials who spoke to reporters agreed with the assessment."])
    assert {e.name: e.kind for e in doc.entities.values()} == {"World Health Organization": "organization"}


def test_a_dash_opening_an_attribution_line_is_not_part_of_the_name():
    """"-President Obama, tweeting after the speech.": the attribution's person, with the title as role."""
    doc = _doc_actors(["\"She never quits.\"", "-President Obama, tweeting after Clinton's speech.",
                       "-Michelle Marks, Philadelphia."])
    ents = {e.name: e for e in doc.entities.values()}
    assert set(ents) == {"Obama", "Michelle Marks", "Clinton"}
    assert ents["Obama"].roles == {"President": 1}


def test_an_organisation_named_by_its_head_word_alone_is_a_party_where_it_acts():
    """"Congress required", "the Times ... were happy to iterate" (a copula's adjective
    governing a verb) act; "served in the House" and "the Times reported" (a source) do not."""
    doc = _doc_actors(["Congress required the president to start the transition earlier.",
                       "He served in the House for a decade.",
                       "Later, the Times and other papers were happy to iterate the message.",
                       "The Senate reported no progress."])
    assert {e.name: e.kind for e in doc.entities.values()} == {"Congress": "organization", "Times": "organization"}


def test_a_one_word_organisation_that_reports_or_is_cited_is_kept():
    """"ProPublica obtained a video and said", "According to ProPublica": the recognizer's
    one-word organisation as the subject of a reporting verb or the one cited is a party
    to the report, unless it is the surname of a person of the article."""
    doc = _doc_actors(['ProPublica obtained a video of the speech and said she "steered a middle ground".',
                       "According to ProPublica, Clinton praised her donors."])
    assert {e.name: e.kind for e in doc.entities.values()} == {"ProPublica": "organization", "Clinton": "person"}


def test_an_acronym_the_recognizer_calls_a_place_is_an_organisation_where_it_acts():
    """"the NRA was going into overdrive": a capitals acronym tagged a place that acts."""
    doc = _doc_actors(["As Blumenthal spoke, the NRA was going into overdrive, whipping lawmakers against gun control."])
    assert {e.name: e.kind for e in doc.entities.values()}.get("NRA") == "organization"


def test_an_organisation_the_recognizer_found_whole_keeps_its_small_words():
    """"The Committee to Protect Journalists said": an organisation name joined by a small
    word (not "of" or "for", which the rules already read) is not a person's shape."""
    doc = _doc_actors(["The Committee to Protect Journalists said two reporters were detained."])
    assert {e.name: e.kind for e in doc.entities.values()} == {"Committee to Protect Journalists": "organization"}


def test_a_capitalised_stop_word_inside_a_sentence_opens_an_organisations_name():
    """"an ad from Our Principles PAC": the recognizer's organisation keeps its first word
    ("Our" is capitalised there only as part of the name); a PAC is an organisation."""
    doc = _doc_actors(["The violence is the focus of a new television ad from Our Principles PAC, which is spending millions."])
    assert {e.name: e.kind for e in doc.entities.values()} == {"Our Principles PAC": "organization"}


def test_names_listed_after_including_an_organisation_noun_are_its_members():
    """"vaccine makers including GlaxoSmithKline, Sanofi-Aventis, Novartis": organisations
    (a hyphenated name is one name); "towns including Shusha and Martuni" stay places."""
    doc = _doc_actors(["Leading vaccine makers including GlaxoSmithKline , Sanofi-Aventis , Novartis and Baxter International "
                       "are awaiting guidance from the WHO ."])
    names = {e.name: e.kind for e in doc.entities.values()}
    assert {n: names.get(n) for n in ("GlaxoSmithKline", "Sanofi-Aventis", "Novartis")} == dict.fromkeys(
        ("GlaxoSmithKline", "Sanofi-Aventis", "Novartis"), "organization")
    assert _doc_actors(["The fighting spread to several towns including Shusha and Martuni ."]).entities == {}


def test_tweet_markup_goes_before_the_parse_and_its_names_stay():
    """An embedded tweet's tags (``<tweet id=... datetime=...>``) are web markup, not
    text: normalisation drops them and keeps the tweet's words, so the name the
    tweet opens on is read (with the tag, the recognizer found no one there)."""
    from generator.extract.nlp import normalize

    tweet = ('<tweet id="771154653060866048" author="@dmartosko" datetime="2016-09-01">Mike Pence '
             'said the campaign hat was a joke.</tweet>.')
    assert normalize(tweet) == "Mike Pence said the campaign hat was a joke.."
    assert normalize('<tweet tweet-id="669350861383049216"><tweet/>.') == "."
    assert normalize('See <a href="https://example.org/x">the report</a> here.') == "See the report here."
    assert normalize("If x < y and a <b then") == "If x < y and a <b then"  # not markup
    doc = _doc_actors([tweet])
    assert {e.name: e.kind for e in doc.entities.values()} == {"Mike Pence": "person"}


def test_an_outlets_reporter_who_speaks_is_a_source():
    """"CNBC's Becky Quick said": the correspondent speaks, so she is an actor; "The
    BBC's Jim Muir in Beirut reports" stays a correspondent's credit."""
    doc = _doc_actors(["\u201cWe are not worried,\u201d CNBC\u2019s Becky Quick said on Monday.",
                       "The BBC\u2019s Jim Muir in Beirut reports that the fighting went on."])
    kinds = {e.name: e.kind for e in doc.entities.values()}
    assert kinds.get("Becky Quick") == "person"
    assert "Jim Muir" not in kinds


def test_a_one_word_outlet_the_recognizer_calls_a_nationality_is_an_outlet():
    """"the Federalist" (NORP to the recognizer) is the news outlet, a source."""
    doc = _doc_actors(["According to the Federalist, the plan failed last year."])
    assert {e.name: e.kind for e in doc.entities.values()} == {"Federalist": "outlet"}


def test_a_capitalised_run_shaped_like_no_name_is_no_person():
    """A run the recognizer did not call a person is no one's name when it takes a
    determiner ("the Corn Belt"), holds a capitalised function word ("No Farm Left
    Behind") or is a title in quotation marks (\u201cHarbour Lights\u201d); a full name
    beside them stays."""
    doc = _doc_actors(["Growers say the harvest failed across the Corn Belt this spring.",
                       "Prices in the Corn Belt rose again on Monday, said Maria Okafor, an analyst."])
    assert {e.name: e.kind for e in doc.entities.values()} == {"Maria Okafor": "person"}
    doc = _doc_actors(["Congress set to scrap No Farm Left Behind.", "Lawmakers said No Farm Left Behind had cost too much."])
    assert {e.name: e.kind for e in doc.entities.values()} == {"Congress": "organization"}
    doc = _doc_actors(["Her favourite programme is \u201cHarbour Lights.\u201d", "Critics said the Lights sequel was weaker."])
    assert "Harbour Lights" not in {e.name for e in doc.entities.values()}


def test_a_name_after_a_determiner_is_an_organisation_where_it_acts_and_a_described_person_stays():
    """"the Harbour Club of lending banks has urged": a determiner's run the recognizer
    calls an organisation is one (not a person); "the Joint Board" listed with persons a
    verb acts with is a body; "the now-imprisoned Maria Okafor" is a person described."""
    doc = _doc_actors(["And the Harbour Club of lending banks - including banks in France and Germany - "
                       "has urged other lenders to cancel debts."])
    assert {e.name: e.kind for e in doc.entities.values()}.get("Harbour Club") == "organization"
    doc = _doc_actors(["After consulting with General Marsh, Admiral Holt and the Joint Board, we have identified the forces.",
                       "The Joint Board declined to comment."])
    assert {e.name: e.kind for e in doc.entities.values()}.get("Joint Board") == "organization"
    doc = _doc_actors(["The report cites documents provided by the now-imprisoned Maria Okafor in 2010."])
    assert {e.name: e.kind for e in doc.entities.values()} == {"Maria Okafor": "person"}


def test_a_place_is_a_person_only_as_the_subject_of_a_deed():
    """"the voters of Ohio, West Virginia and Oregon have suggested": a place the recognizer
    names, listed before a verb, is no speaker; nor is "New Mexico" before "is"."""
    doc = _doc_actors(["In recent weeks, the voters of Ohio, West Virginia and Oregon have suggested otherwise.",
                       "Why New Mexico is pivotal for the governor."])
    assert {e.name for e in doc.entities.values() if e.kind == "person"} == set()


def test_peoples_in_apposition_to_groups_are_no_organisations_and_one_letter_names_nothing():
    """"those groups -- especially Filipinos and Haitians": peoples, not organisations;
    "so will I." is a pronoun, never an organisation."""
    doc = _doc_actors(["Turnout among those groups \u2014 especially Filipinos and Haitians \u2014 will decide the race."])
    assert {e.name for e in doc.entities.values() if e.kind == "organization"} == set()
    assert _doc_actors(["\u201cThe senator will appreciate it, and so will I.\u201d"]).entities == {}


def test_a_headline_names_a_person_only_when_the_body_does():
    """In a title-case headline capitals say nothing: "South Dakota" there is no person,
    since the body names no one so; "Mark Ames", whom the body names, stays."""
    doc = _doc_actors(["Early Returns In South Dakota Spell Trouble For Mark Ames.",
                       "If South Dakota is any guide, Mark Ames faces a long night."])
    assert {e.name for e in doc.entities.values() if e.kind == "person"} == {"Mark Ames"}
