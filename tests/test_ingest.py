"""Ingest: formats, metadata precedence, PTB detokenization, sentence splitting,
bad inputs (exact located problems) and properties over random text.

Fixture articles in tests/fixtures/ingest were written for these tests; bad
inputs are built from dicts into tmp_path with the shared ``tree`` fixture.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.detok import detokenize, display_text, looks_tokenized, split_sentences
from generator.errors import IngestError, Problem
from generator.ingest import parse_date, read_articles, slugify

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpora" / "t17-syria"

FIXTURES = REPO / "tests" / "fixtures" / "ingest"
SEEDS = REPO / "seeds"
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def by_id(articles):
    return {a.id: a for a in articles}


def texts(article):
    return [s.text for s in article.sentences]


def assert_traceable(article):
    """Every sentence points at raw bytes that detokenize to its text."""
    for i, s in enumerate(article.sentences):
        assert s.index == i
        assert 0 <= s.start < s.end <= len(article.raw)
        span = article.raw[s.start:s.end]
        assert span == span.strip()
        assert display_text(span, article.tokenized) == s.text


# --------------------------------------------------------------------------
# Formats and metadata (fixture folder)
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_articles():
    articles, problems = read_articles(FIXTURES)
    assert problems == []
    return articles


def test_fixture_folder_reads_every_format_in_sorted_order(fixture_articles):
    assert [(a.path, a.id) for a in fixture_articles] == [
        ("ingest/budget-vote.md", "budget-vote-2021"),
        ("ingest/ferry-strike.html", "ferry-strike"),
        ("ingest/harbour-talks.txt", "harbour-talks"),
        ("ingest/ptb-report.txt", "ptb-report"),
        ("ingest/sub/nested.txt", "nested"),
        ("ingest/sub/wire.jsonl", "2011-03-20-wire-a"),
        ("ingest/sub/wire.jsonl", "wire-2"),
        ("ingest/sub/wire.jsonl", "wire-c"),
    ]
    for a in fixture_articles:
        assert_traceable(a)


def test_front_matter_wins_over_manifest(fixture_articles):
    a = by_id(fixture_articles)["budget-vote-2021"]
    assert a.title == "Council passes the budget at the third attempt"
    assert a.outlet == "City Gazette"
    assert a.published == dt.date(2021, 11, 30)
    assert a.url == "https://example.org/budget-vote"
    assert a.language == "en"  # only the manifest says so: merged, not replaced
    assert "manifest-id-loses" not in by_id(fixture_articles)


def test_manifest_supplies_metadata_and_nested_paths(fixture_articles):
    arts = by_id(fixture_articles)
    harbour = arts["harbour-talks"]
    assert (harbour.outlet, harbour.published) == ("Harbour Weekly", dt.date(2020, 2, 1))
    assert harbour.title == "Harbour talks stall as unions reject offer"  # first sentence
    assert arts["nested"].title == "Nested from the parent manifest"


def test_markdown_heading_and_list_items_are_their_own_sentences(fixture_articles):
    a = by_id(fixture_articles)["budget-vote-2021"]
    assert texts(a) == [
        "Council passes budget",
        "The council approved the 2022 budget by 31 votes to 20.",
        'Mayor Ana Lopes called it "a fair compromise."',
        "Schools get 4% more.",
        "Roads get 2% less.",
        "Opposition leader Tom Reed said the vote was rushed.",
    ]
    assert not a.tokenized
    assert a.raw.startswith("# Council passes budget")  # front matter is not text


def test_html_main_text_and_meta_tags(fixture_articles):
    a = by_id(fixture_articles)["ferry-strike"]
    assert texts(a) == [
        "Ferry crews returned to work on Friday after a nine-day strike.",
        "The Coastal Ferry Company agreed to hire 40 more sailors.",
        "Union leader Sam O'Neill said: \"This is a win for safety.\"",
        "Passengers welcomed the news.",
    ]
    for chrome in ("Do not read", "not text", "Most read", "Copyright", "Home", "color"):
        assert chrome not in a.raw
    assert a.title == "Ferry strike ends after nine days"  # og:title, not <title>
    assert a.published == dt.date(2023, 5, 12)
    assert a.url == "https://example.org/ferry-strike"
    assert a.language == "en"  # from <html lang="en-GB">
    assert a.outlet == "Manifest Ferry News"  # the manifest beats og:site_name


def test_html_without_article_uses_body_paragraphs_and_title_tag(tree):
    root = tree({"p/page.htm": "<html><head><title>Quiet day</title></head><body>"
                               "<nav><p>Menu</p></nav><p>Nothing happened today.</p>"
                               "<footer>Contact us</footer></body></html>"})
    (a,), problems = read_articles(root / "p")
    assert problems == []
    assert (a.raw, a.title, a.outlet) == ("Nothing happened today.", "Quiet day", "")
    (b,), _ = read_articles(tree({"q/og.html": '<html><head><meta property="og:site_name" '
                                               'content="Coastal Post"></head><body><p>A line.</p>'
                                               "</body></html>"}) / "q")
    assert b.outlet == "Coastal Post"
    (c,), _ = read_articles(tree({"r/cards.html": "<body><article><p>Short teaser.</p></article>"
                                                  "<article><p>The real story is here. It is longer.</p>"
                                                  "</article></body>"}) / "r")
    assert texts(c) == ["The real story is here.", "It is longer."]
    (d,), problems = read_articles(tree({"s/d.html": '<html><head>\n<meta name="date" content="yesterday">'
                                                     "</head><body><p>Text.</p></body></html>"}) / "s")
    assert d.published is None
    assert problems == [Problem("s/d.html", 2, None, "published date 'yesterday' is not a date: write it "
                                                     "as YYYY-MM-DD (the article is read without a date)")]


def test_jsonl_fields_aliases_and_ids(fixture_articles):
    arts = by_id(fixture_articles)
    wire_a = arts["2011-03-20-wire-a"]
    assert wire_a.tokenized and wire_a.outlet == "Reuters"  # from the (Reuters) dateline
    assert wire_a.published == dt.date(2011, 3, 20)
    assert wire_a.title == "Crowds set fire to a party office in the city on Sunday, residents said."
    assert texts(wire_a)[2] == "“They burned the symbols of corruption,” an activist said."
    second = arts["wire-2"]  # no id: file stem + line number
    assert (second.title, second.outlet, second.url) == (
        "Army stays in barracks", "Example Wire", "https://example.org/army")
    assert texts(second) == ["Officials said the army hadn't moved.",
                             "The governor's office was closed (for two days)."]
    third = arts["wire-c"]
    assert (third.published, third.outlet, third.tokenized) == (dt.date(2011, 3, 22), "Agence Example", False)


def test_ptb_text_file_is_detected_and_detokenized(fixture_articles):
    a = by_id(fixture_articles)["ptb-report"]
    assert a.tokenized and a.outlet == "AFP"
    assert texts(a) == [
        "GENEVA (AFP) - The envoy's plan was “the last chance” for peace, diplomats said on Monday.",
        "They said the talks, which began in March, hadn't produced a deal.",
        "The U.S. delegation paid $5 million (about 4 million euros) for aid.",
    ]
    assert a.raw.startswith("GENEVA -LRB- AFP -RRB- - The envoy 's plan")  # raw kept as written
    assert a.title.startswith("The envoy's plan")  # dateline left out of the title


def test_title_falls_back_to_first_real_sentence(tree):
    long = "Talks " + "went on and on " * 10 + "until dawn."
    root = tree({"t/cont.txt": "Continued from page 1\n\nThe ceasefire held overnight. Aid arrived.",
                 "t/long.txt": long,
                 "t/wire.txt": "BEIRUT (AP) - Shelling resumed on Monday. Residents fled."})
    arts = by_id(read_articles(root / "t")[0])
    assert arts["cont"].title == "The ceasefire held overnight."
    assert arts["long"].title == "Talks went on and on went on and on went on and on went on and on went on and on went on and on…"
    assert len(arts["long"].title) <= 101
    assert (arts["wire"].title, arts["wire"].outlet) == ("Shelling resumed on Monday.", "Associated Press")


def test_a_title_the_source_gives_is_told_from_one_derived_and_its_restatement_is_the_headline(tree):
    root = tree({
        "h/given.jsonl": json.dumps({"id": "j", "title": "Is the plan dead? Senator says yes",
                                     "text": "Is the Plan Dead? Senator Says Yes.\n\nSenator Ann Lee on "
                                             "Monday called the plan a disgrace."}) + "\n",
        "h/heading.md": "# Mayor backs the budget\n\nMayor Ana Lopes backed the budget on Monday.",
        "h/front.md": "---\ntitle: Mayor backs the budget\n---\nMayor Ana Lopes backed the budget on Monday.",
        "h/plain.txt": "Mayor backs the plan\n\nMayor Ana Lopes backed the plan on Monday.",
    })
    arts = by_id(read_articles(root / "h")[0])
    j, heading, front, plain = arts["j"], arts["heading"], arts["front"], arts["plain"]
    # a title field or a Markdown heading is given; a text's first line alone is not marked as one
    assert [a.title_origin for a in (j, heading, front, plain)] == ["given", "given", "given", "derived"]
    assert j.headline() == (0, 1)  # two sentences, compared on words only
    assert heading.headline() == (0,)
    assert front.headline() == ()  # given, but the text does not restate it: the lead is no headline
    assert plain.headline() == ()  # derived: the first sentence is the lead


def test_single_file_path_uses_its_folder_manifest():
    (a,), problems = read_articles(FIXTURES / "harbour-talks.txt")
    assert problems == []
    assert (a.id, a.path, a.outlet) == ("harbour-talks", "ingest/harbour-talks.txt", "Harbour Weekly")


# --------------------------------------------------------------------------
# Seeds
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds():
    articles, problems = read_articles(SEEDS)
    assert problems == []
    return by_id(articles)


def test_seeds_read_with_manifest_metadata(seeds):
    ap = seeds["ap-2012-07-06-friends-of-syria"]
    bbc = seeds["bbc-2012-07-06-powers-call-for-sanctions"]
    assert ap.published == bbc.published == dt.date(2012, 7, 6)
    assert (ap.outlet, bbc.outlet) == ("Associated Press", "BBC News")
    assert (ap.tokenized, bbc.tokenized) == (False, True)
    assert (len(ap.sentences), len(bbc.sentences)) == (22, 32)
    assert ap.path == "seeds/000_81208f27c9d27e17.txt"
    assert len(ap.hash) == 64 and ap.hash != bbc.hash


def test_seed_sentences(seeds):
    ap = texts(seeds["ap-2012-07-06-friends-of-syria"])
    assert ap[0] == "Continued from page 1"
    assert ap[2] == "“We have no doubt about the outcome here."
    assert ap[5] == "We want to see those on the inside hasten the day when a new transition can begin.”"
    assert ap[-1] == ("Catherine Gaschka in Paris, Robert H. Reid in Berlin and Ben Hubbard in Beirut "
                      "contributed to this report.")
    bbc = texts(seeds["bbc-2012-07-06-powers-call-for-sanctions"])
    assert bbc[2] == ("She said Moscow and Beijing had nothing to gain by standing up for Mr Assad, "
                      "and their actions were intolerable.")
    assert bbc[26] == ("“I don't think Russia and China believe they are paying any price at all, "
                       "nothing at all, for standing up on behalf of the Assad regime.”")
    assert bbc[20] == ("The sanctions working group had recommended that every state freeze senior "
                       "regime officials' assets, Mrs Clinton told reporters.")
    for a in seeds.values():
        assert_traceable(a)


# --------------------------------------------------------------------------
# Detokenization and splitting
# --------------------------------------------------------------------------


@pytest.mark.parametrize("ptb, text", [
    ("Assad 's regime", "Assad's regime"),
    ("they do n't know", "they don't know"),
    ("Syria , Iraq .", "Syria, Iraq."),
    ("a `` human necessity '' to stop", "a “human necessity” to stop"),
    ("LONDON -LRB- Reuters -RRB- - Talks", "LONDON (Reuters) - Talks"),
    ("-LSB- sic -RSB- and -LCB- x -RCB-", "[sic] and {x}"),
    ("paid $ 5 million and US$ 3", "paid $5 million and US$3"),
    ("( x )", "(x)"),
    ("up 5 % ; down : no ?", "up 5%; down: no?"),
    ("officials ' assets", "officials' assets"),
    ("stamp out ` libel tourism ' now", "stamp out ‘libel tourism’ now"),
    ("mistake . ''", "mistake.”"),  # closes a quote opened in an earlier sentence
    ("live '' independently '' .", "live “independently”."),  # wrong opening mark
    ("China ... demand", "China ... demand"),
])
def test_detokenize(ptb, text):
    assert detokenize(ptb) == text


@pytest.mark.parametrize("text, tokenized", [
    ("Hello , world . It 's here .", True),
    ("`` Go , '' he said .", True),
    ("Hello, world. It's here, he said.", False),
    ("He said , hi. She said, hello, and left, quickly.", False),
    ("Use ``code`` here, please, and there, too.", False),
])
def test_looks_tokenized(text, tokenized):
    assert looks_tokenized(text) is tokenized


def split(raw, tokenized=False):
    return [raw[s:e] for s, e, _ in split_sentences(raw, tokenized)]


def test_split_respects_abbreviations_initials_and_acronyms():
    raw = ("Mr. Smith met Brig. Gen. Tlas and Lt. Col. Ray in the U.S. on Jan. 5. "
           "Robert H. Reid wrote it. Dr. Lee and St. John agreed. The U.N. envoy left.")
    assert split(raw) == [
        "Mr. Smith met Brig. Gen. Tlas and Lt. Col. Ray in the U.S. on Jan. 5.",
        "Robert H. Reid wrote it.",
        "Dr. Lee and St. John agreed.",
        "The U.N. envoy left.",
    ]


def test_split_keeps_closing_quotes_and_needs_a_capital():
    raw = ('“We will win,” he said. “They will lose.” Then he left! "Why?" she asked. '
           "It cost 5.5 million... and more. 'Fine.' OK? yes.")
    assert split(raw) == [
        "“We will win,” he said.",
        "“They will lose.”",
        "Then he left!",
        '"Why?" she asked.',
        "It cost 5.5 million... and more.",
        "'Fine.'",
        "OK? yes.",
    ]


def test_split_paragraphs_always_and_lines_for_ptb():
    assert split("No full stop here\n\nnew paragraph\nwrapped line") == [
        "No full stop here", "new paragraph\nwrapped line"]
    assert split("one line , no stop\nsecond line .\n", tokenized=True) == [
        "one line , no stop", "second line ."]
    # PTB text on one line is cut at a standalone full stop before a capital
    assert split("It rained . `` Bad , '' he said . Then it stopped .", tokenized=True) == [
        "It rained .", "`` Bad , '' he said .", "Then it stopped ."]


def test_one_megabyte_line_and_runs_of_dots(tree):
    root = tree({"big/line.txt": "word " * 200_000, "big/dots.txt": "." * 1_000_000 + " End",
                 "big/initials.txt": "A. " * 300_000})
    arts, problems = read_articles(root / "big")
    assert problems == []
    assert [a.id for a in arts] == ["dots", "initials", "line"]
    # no sentence end in a million characters (initials never end one): cut
    # into pieces of at most MAX_SENTENCE characters, at spaces, nothing lost
    from generator.detok import MAX_SENTENCE

    assert all(len(s.text) <= MAX_SENTENCE for a in arts for s in a.sentences)
    assert [len(a.sentences) for a in arts] == [101, 91, 100]
    assert arts[0].sentences[-1].text == "End"
    assert arts[1].sentences[0].text == "A. " * 3332 + "A."
    assert arts[2].sentences[-1].end == len("word " * 200_000) - 1
    assert " ".join(s.text for s in arts[2].sentences) == ("word " * 200_000).strip()


# --------------------------------------------------------------------------
# Ids
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name, slug", [
    ("000_81208f27c9d27e17", "000-81208f27c9d27e17"),
    ("Genève Talks (Part 2)", "geneve-talks-part-2"),
    ("../../etc/passwd", "etc-passwd"),
    ("Straße", "strasse"),
    ("x" * 100, "x" * 80),
])
def test_slugify(name, slug):
    assert slugify(name) == slug


def test_slugify_non_latin_is_hashed_and_distinct():
    a, b = slugify("سوريا"), slugify("Дамаск")
    assert a.startswith("article-") and b.startswith("article-") and a != b
    assert slugify("syria-سوريا") != slugify("syria") and slugify("syria-سوريا").startswith("syria-")


def test_metadata_id_that_is_not_a_slug_is_made_one(tree):
    root = tree({"a/x.md": "---\nid: Talks In Geneva\n---\nText here."})
    (a,), problems = read_articles(root / "a")
    assert a.id == "talks-in-geneva"
    assert problems == [Problem("a/x.md", 2, None, "id 'Talks In Geneva' is not a slug (a-z, 0-9, '-'): "
                                                   "using 'talks-in-geneva'", "warning")]


# --------------------------------------------------------------------------
# Bad inputs: exact, located problems
# --------------------------------------------------------------------------

EMPTY = "empty article: add text or remove the file"
BINARY = "not a text file (binary content): remove it or convert it to UTF-8 text"


def test_empty_whitespace_and_binary_are_skipped_with_problems(tree):
    root = tree({
        "a/empty.txt": "",
        "a/space.md": "  \n\t\n ",
        "a/image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        "a/controls.txt": bytes(range(1, 9)) * 100,
        "a/ok.txt": "A real article.",
    })
    articles, problems = read_articles(root / "a")
    assert [a.id for a in articles] == ["ok"]
    assert problems == [
        Problem("a/controls.txt", None, None, BINARY),
        Problem("a/empty.txt", None, None, EMPTY),
        Problem("a/image.txt", None, None, BINARY),
        Problem("a/space.md", None, None, EMPTY),
    ]
    assert str(problems[1]) == "a/empty.txt: empty article: add text or remove the file"


def test_encodings_and_line_endings(tree):
    root = tree({
        "a/latin.txt": "Line one is fine.\nCafé society met in Genève.".encode("cp1252"),
        "a/utf16.txt": "The envoy met “rebels” in Aleppo.".encode("utf-16"),
        "a/utf16be.txt": b"\xfe\xff" + "Big-endian envoy.".encode("utf-16-be"),
        "a/utf8bom.txt": "\ufeffA BOM article.".encode("utf-8"),
        "a/crlf.txt": b"First line here.\r\nSecond line.\r\n\r\nNew para.\rOld Mac line.",
    })
    articles, problems = read_articles(root / "a")
    arts = by_id(articles)
    assert problems == [Problem("a/latin.txt", 2, None, "not UTF-8: read as Windows-1252 (Latin-1); "
                                                        "save the file as UTF-8", "warning")]
    assert arts["latin"].text == "Line one is fine. Café society met in Genève."
    assert arts["utf16"].raw == "The envoy met “rebels” in Aleppo."
    assert arts["utf16be"].raw == "Big-endian envoy."
    assert arts["utf8bom"].raw == "A BOM article."
    crlf = arts["crlf"]
    assert "\r" not in crlf.raw
    assert texts(crlf) == ["First line here.", "Second line.", "New para.", "Old Mac line."]
    assert crlf.text == "First line here. Second line.\n\nNew para. Old Mac line."
    for a in articles:
        assert_traceable(a)


def test_duplicate_ids_get_suffixes_and_duplicate_content_is_skipped(tree):
    """A later article wanting a taken id gets it plus a hash of its own path
    (never -2, -3 in reading order, which a new file would renumber)."""
    root = tree({
        "a/1.md": "---\nid: same\n---\nOne story.",
        "a/2.md": "---\nid: same\n---\nAnother story.",
        "a/3.md": "---\nid: same\n---\nA third story.",
        "a/4.txt": "One   story.\r\n",  # same text as 1.md once normalised
        "a/same-2.txt": "A file whose stem looks like an old suffix.",
    })
    articles, problems = read_articles(root / "a")
    assert [(a.id, a.path) for a in articles] == [
        ("same", "a/1.md"), ("same-6167cd", "a/2.md"), ("same-081209", "a/3.md"), ("same-2", "a/same-2.txt")]
    assert problems == [
        Problem("a/4.txt", None, None, "same text as a/1.md: skipped; remove one of them", "warning"),
        Problem("a/2.md", None, None, "duplicate id 'same' (also a/1.md): renamed to 'same-6167cd'; "
                                      "give each article its own id"),
        Problem("a/3.md", None, None, "duplicate id 'same' (also a/1.md): renamed to 'same-081209'; "
                                      "give each article its own id"),
    ]


def test_bad_front_matter_yaml_is_located_and_body_still_read(tree):
    root = tree({
        "a/flow.md": "---\ntitle: ok\noutlet: [unclosed\n---\nBody text.",
        "a/colon.md": "---\ntitle: ok\noutlet: a: b\n---\nBody text two.",
        "a/list.md": "---\n- just\n- a list\n---\nBody text three.",
        "a/open.md": "---\ntitle: never closed\nBody text four.",
    })
    articles, problems = read_articles(root / "a")
    assert len(articles) == 4
    assert problems == [
        Problem("a/colon.md", 3, 10, "front matter is not valid YAML (mapping values are not allowed "
                                     "here): fix it or remove it"),
        Problem("a/flow.md", 3, 9, "front matter is not valid YAML (expected ',' or ']', but got "
                                   "'<stream end>'): fix it or remove it"),
        Problem("a/list.md", 2, None, "front matter must be a mapping such as 'title: ...' and "
                                      "'published: YYYY-MM-DD'"),
        Problem("a/open.md", 1, None, "front matter opened with '---' is never closed: add a '---' "
                                      "line after it"),
    ]
    assert by_id(articles)["flow"].raw == "Body text."


def test_wrong_dates_are_located_and_article_kept_without_date(tree):
    root = tree({
        "a/feb.md": "---\ntitle: T\npublished: 2012-02-30\n---\nBody text here.",
        "a/words.md": "---\ndate: last Tuesday\n---\nOther body text.",
        "a/manifest.yaml": "m.txt:\n  title: M\n  published: 2012-13-01\n",
        "a/m.txt": "Manifest dated text.",
    })
    articles, problems = read_articles(root / "a")
    assert [a.published for a in articles] == [None, None, None]
    tail = "write it as YYYY-MM-DD (the article is read without a date)"
    assert problems == [
        Problem("a/feb.md", 3, None, f"published date '2012-02-30' does not exist: {tail}"),
        Problem("a/manifest.yaml", 3, None, f"published date '2012-13-01' does not exist: {tail}"),
        Problem("a/words.md", 2, None, f"published date 'last Tuesday' is not a date: {tail}"),
    ]


def test_manifest_problems(tree):
    root = tree({
        "a/manifest.yml": "x.txt:\n  titel: typo\nmissing.txt:\n  title: y\nlist.txt: [1]\n",
        "a/x.txt": "Some text.",
    })
    _, problems = read_articles(root / "a")
    assert problems == [
        Problem("a/manifest.yml", 2, None, "unknown key 'titel' in entry 'x.txt' (known: id, language, "
                                           "outlet, published, title, url)", "warning"),
        Problem("a/manifest.yml", 5, None, "entry 'list.txt' must be a mapping of title, outlet, "
                                           "published, ..."),
        Problem("a/manifest.yml", 3, None, "no file 'missing.txt' beside the manifest: fix the name "
                                           "or remove the entry", "warning"),
    ]
    _, problems = read_articles(tree({"b/manifest.yaml": "a: [", "b/t.txt": "Text."}) / "b")
    assert problems == [Problem("b/manifest.yaml", 1, 5, "not valid YAML (expected the node content, "
                                                         "but found '<stream end>'): fix the manifest")]


def test_bad_jsonl_lines_and_unknown_files(tree):
    root = tree({
        "a/n.jsonl": '{"id": "x1", "text": "ok text"}\n{bad json\n[1,2]\n{"id": "x2", "text": "  "}\n\n',
        "a/report.pdf": b"%PDF-1.4",
        "a/.DS_Store": b"\x00\x01",
        "a/.git/config": "ignored",
    })
    articles, problems = read_articles(root / "a")
    assert [a.id for a in articles] == ["x1"]
    assert problems == [
        Problem("a/n.jsonl", 2, 2, "not valid JSON (Expecting property name enclosed in double quotes): "
                                   "fix or remove the line"),
        Problem("a/n.jsonl", 3, None, 'expected a JSON object such as {"id": ..., "time": ..., "text": ...}'),
        Problem("a/n.jsonl", 4, None, "empty article: add text or remove the line"),
        Problem("a/report.pdf", None, None, "unknown file type '.pdf': skipped (articles are .txt, .md, "
                                            ".html or .jsonl)", "warning"),
    ]


def test_jsonl_line_separator_inside_a_string_does_not_split_the_record(tree):
    root = tree({"a/u.jsonl": '{"id": "u", "text": "One\u2028two. Three."}\n'})
    (a,), problems = read_articles(root / "a")
    assert problems == [] and texts(a) == ["One two.", "Three."]


def test_strict_raises_listing_every_problem(tree):
    root = tree({"a/empty.txt": "", "a/bad.md": "---\npublished: 2012-02-30\n---\nText.",
                 "a/ok.txt": "Fine text."})
    with pytest.raises(IngestError) as info:
        read_articles(root / "a", strict=True)
    message = str(info.value)
    assert message.startswith("2 problems in the articles:\n")
    assert "a/bad.md:2: published date '2012-02-30' does not exist" in message
    assert "a/empty.txt: empty article: add text or remove the file" in message
    assert len(info.value.problems) == 2
    # warnings alone do not make strict mode fail
    articles, problems = read_articles(tree({"b/x.pdf": b"%PDF", "b/y.txt": "Text."}) / "b", strict=True)
    assert [a.id for a in articles] == ["y"] and problems[0].severity == "warning"


def test_broken_symlink_is_reported_not_fatal(tree):
    root = tree({"a/ok.txt": "Fine text."})
    (root / "a" / "gone.txt").symlink_to(root / "nowhere.txt")
    articles, problems = read_articles(root / "a")
    assert [a.id for a in articles] == ["ok"]
    assert problems == [Problem("a/gone.txt", None, None, "cannot be read (No such file or directory): "
                                                          "fix its permissions or remove it")]


def test_missing_path_and_empty_folder(tree, tmp_path):
    with pytest.raises(IngestError, match="no such file or folder"):
        read_articles(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    assert read_articles(tmp_path / "empty") == ([], [Problem(
        "empty", None, None, "no articles found: add .txt, .md, .html or .jsonl files", "warning")])


@pytest.mark.parametrize("value, day", [
    ("2012-07-06", dt.date(2012, 7, 6)),
    ("2012-07-06T10:00:00Z", dt.date(2012, 7, 6)),
    (dt.date(2012, 7, 6), dt.date(2012, 7, 6)),
    ("Fri, 06 Jul 2012 10:00:00 GMT", dt.date(2012, 7, 6)),
    ("", None),
])
def test_parse_date(value, day):
    assert parse_date(value) == day


# --------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------

ptb_tokens = st.sampled_from(["the", "Army", "said", ",", ".", "``", "''", "'s", "n't", "-LRB-", "-RRB-",
                              "$", "5", "%", "`", "'", "U.S.", "?", "\n", "Mr."])
prose = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
mixed = st.one_of(prose, st.lists(ptb_tokens, max_size=80).map(" ".join),
                  st.lists(st.sampled_from(["Mr. ", "A. ", "Yes. ", "“No,” ", "he said. ", "\n\n", "# ",
                                            "- ", "...", "U.S. ", "\r\n", "'", '"']), max_size=60).map("".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mixed, name=st.text(st.characters(blacklist_characters="/\\\x00", blacklist_categories=("Cs",)),
                                min_size=1, max_size=40))
def test_random_text_never_crashes_and_stays_traceable(text, name):
    stem = name.strip(".") or "x"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "arts"
        folder.mkdir()
        try:
            (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
        except OSError:  # a name the file system refuses (too long in bytes)
            return
        articles, problems = read_articles(folder)
    assert all(isinstance(p, Problem) for p in problems)
    for a in articles:
        assert SLUG.match(a.id) and len(a.id) <= 80
        assert_traceable(a)
    if not text.strip():
        assert articles == []


@given(st.text(max_size=200))
def test_slugify_always_gives_a_slug(name):
    slug = slugify(name)
    assert SLUG.match(slug) and len(slug) <= 80 and ".." not in slug and "/" not in slug


@given(st.lists(ptb_tokens, max_size=60).map(" ".join))
def test_split_spans_lie_inside_raw(raw):
    for tokenized in (True, False):
        last = 0
        for start, end, _ in split_sentences(raw, tokenized):
            assert last <= start < end <= len(raw)
            last = end


# --------------------------------------------------------------------------
# The Timeline17 Syria corpus (skipped when absent)
# --------------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.skipif(not (CORPUS / "articles.jsonl").exists(), reason="Syria corpus not available")
def test_t17_corpus():
    articles, problems = read_articles(CORPUS / "articles.jsonl")
    assert problems == []
    assert len(articles) == 624
    assert len({a.id for a in articles}) == 624
    first_line = json.loads((CORPUS / "articles.jsonl").read_text(encoding="utf-8").split("\n", 1)[0])
    assert articles[0].id == first_line["id"]
    assert all(a.published and a.tokenized for a in articles)
    reuters = [a for a in articles if a.outlet == "Reuters"]
    assert len(reuters) > 250
    assert sum(len(a.sentences) for a in articles) == 19828  # one sentence per line, as shipped
    bbc = [a for a in articles if texts(a)[:1] == ["Syria crisis: Powers call for tougher sanctions Clinton: "
                                                  "“Reach out to Russia and China ... demand that they get off "
                                                  "the sidelines” More than 100 countries meeting in Paris have "
                                                  "called for tougher sanctions to bring about change in Syria."]]
    assert [a.published for a in bbc] == [dt.date(2012, 7, 6)]
    for a in articles[::25]:
        assert_traceable(a)
