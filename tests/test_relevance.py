"""Relevance: configured topic, derived topic, boilerplate -- on ingest output."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import ingest
from generator.extract import relevance as R

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "events"
CORPUS = ROOT.parent / "shared" / "corpora" / "t17-syria"
SYRIA = ["syria", "assad", "damascus"]


def _read(*paths: Path):
    out = {}
    for p in paths:
        articles, problems = ingest.read_articles(p)
        assert not [x for x in problems if x.severity == "error"], problems
        out.update({a.id: a for a in articles})
    return out


@pytest.fixture(scope="module")
def topic_fixtures():
    return _read(FIX / "topic")


def test_configured_topic_syria_vs_football(topic_fixtures):
    ok, why = R.assess(topic_fixtures["fx-topic-syria"], SYRIA)
    assert ok and why.startswith("on-topic: syria ×4")
    ok, why = R.assess(topic_fixtures["fx-topic-football"], SYRIA)
    assert not ok
    assert why.startswith("off-topic: mentions none of syria, assad, damascus (top terms: ")
    assert "city" in why and "united" in why


def test_page_chrome_is_boilerplate_whatever_the_topic(topic_fixtures):
    for subject in (SYRIA, None):
        ok, why = R.assess(topic_fixtures["fx-topic-chrome"], subject)
        assert not ok and why.startswith("boilerplate: ") and "page chrome" in why


def test_too_short_is_boilerplate():
    arts = _read(FIX / "merge")
    ok, why = R.assess(arts["fx-merge-wire-b"], ["tartous"])
    assert not ok and why == "boilerplate: only 28 words"


def test_topic_keywords_match_inflections_not_substrings():
    assert R._term_pattern("syria").findall("Syrian troops and Syrians in Syria's north") == [
        "Syrian", "Syrians", "Syria's"]
    assert R._term_pattern("iran").findall("Iranian oil") == ["Iranian"]
    assert not R._term_pattern("un").findall("under the united front")


def test_derived_profile_on_a_small_mixed_corpus(topic_fixtures):
    arts = _read(ROOT / "seeds", FIX / "topic", FIX / "explicit", FIX / "relative")
    profile = R.build_profile(list(arts.values()))
    assert profile.terms[0] == "syria" and not profile.configured
    verdicts = R.assess_all(list(arts.values()))
    assert list(verdicts) == sorted(verdicts)
    assert verdicts["ap-2012-07-06-friends-of-syria"][0]
    assert verdicts["bbc-2012-07-06-powers-call-for-sanctions"][0]
    assert verdicts["fx-topic-syria"][0]
    ok, why = verdicts["fx-topic-football"]
    assert not ok and why.startswith("off-topic: mentions none of syria")
    assert verdicts["fx-topic-chrome"][0] is False


def test_too_few_articles_derive_no_topic(topic_fixtures):
    verdicts = R.assess_all([topic_fixtures["fx-topic-football"], topic_fixtures["fx-topic-syria"]])
    why = "relevant: 2 article(s) are too few to derive a topic (set topic: in briefing.yml)"
    assert verdicts == {"fx-topic-football": (True, why), "fx-topic-syria": (True, why)}


@pytest.fixture(scope="module")
def corpus():
    articles, _ = ingest.read_articles(CORPUS / "articles.jsonl")
    return articles


@pytest.fixture(scope="module")
def verdicts(corpus):
    return R.assess_all(corpus)


@pytest.mark.skipif(not CORPUS.exists(), reason="t17-syria corpus not available")
class TestT17:
    def test_derived_subject_is_syria(self, corpus):
        profile = R.build_profile(corpus)
        assert profile.terms[:2] == ("syria", "assad")
        assert "damascus" in profile.terms
        # Generic news words are not the subject even though they are frequent.
        assert not {"president", "minister", "united", "reuters"} & set(profile.terms)

    def test_first_article_public_health_is_off_topic(self, verdicts):
        ok, why = verdicts["2011-03-15-b5797da300bb"]
        assert not ok
        assert why.startswith("off-topic: mentions none of syria, assad")
        assert "health" in why

    def test_share_flagged_and_spot_checks(self, corpus, verdicts):
        flagged = [k for k, (ok, _) in verdicts.items() if not ok]
        # Measured: 177 of 624 flagged (2 boilerplate, the rest off-topic).
        assert 140 <= len(flagged) <= 220
        assert verdicts["2011-03-20-5cfb5601cf63"][0]  # Deraa Baath HQ burned
        assert verdicts["2012-02-07-9af9c232abb7"][1].startswith("boilerplate")
        assert not verdicts["2011-03-15-f804d359c5b2"][0]  # Japan nuclear plant
        late = [k for k in flagged if k >= "2012-01"]
        assert all(verdicts[k][1].startswith("boilerplate") for k in late)

    def test_configured_topic_agrees_with_derived(self, corpus, verdicts):
        configured = R.assess_all(corpus, SYRIA)
        agree = sum(configured[k][0] == verdicts[k][0] for k in verdicts)
        assert agree >= 0.95 * len(verdicts)


T17 = ROOT.parent / "shared" / "corpora"


@pytest.mark.skipif(not (T17 / "t17-mj").exists(), reason="Timeline17 corpora not available")
def test_a_mixed_feed_has_no_clear_subject_and_keeps_every_article():
    feed = []
    for topic in ("t17-syria", "t17-h1n1", "t17-mj", "t17-haiti", "t17-egypt"):
        articles, _ = ingest.read_articles(T17 / topic / "articles.jsonl")
        feed += sorted(articles, key=lambda a: a.id)[:12]
    profile = R.build_profile(feed)
    assert profile.terms == () and profile.unclear.startswith("no clear subject: the most shared term")
    verdicts = R.assess_all(feed)
    kept = [why for ok, why in verdicts.values() if ok]
    boiler = [why for ok, why in verdicts.values() if not ok]
    assert all(why.startswith("boilerplate: ") for why in boiler)
    assert len(kept) >= 0.9 * len(feed) and all("no clear subject" in why for why in kept)


def test_relevance_off_and_extract_all_keep_everything(tmp_path, topic_fixtures):
    from click.testing import CliRunner

    from generator.cli import main
    from generator.config import load_config
    from generator.errors import ConfigError

    (tmp_path / "briefing.yml").write_text("relevance: off\n", encoding="utf-8")
    assert load_config(tmp_path).relevance is False
    (tmp_path / "briefing.yml").write_text("relevance: maybe\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="relevance"):
        load_config(tmp_path)
    verdicts = R.keep_all(topic_fixtures.values())
    assert verdicts["fx-topic-football"] == (True, R.KEEP_ALL) and verdicts["fx-topic-chrome"][0]
    project = tmp_path / "p"
    project.mkdir()
    (project / "briefing.yml").write_text("topic: [syria]\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["--root", str(project), "extract", "--all",
                                    "--articles", str(FIX / "topic")])
    assert res.exit_code == 0, res.output
    import yaml

    sources = yaml.safe_load((project / "data" / "sources.yaml").read_text(encoding="utf-8"))
    assert len(sources) == 3 and all(s.get("relevant", True) and s["relevance"] == R.KEEP_ALL for s in sources)
