"""`briefing check`: every problem in data/*.yaml, located to line and column."""

from __future__ import annotations

import textwrap

import pytest
from click.testing import CliRunner

from generator import store
from generator.config import Config
from generator.store import yamlio
from generator.cli import main
from generator.errors import DataError

SOURCES = """\
- id: reuters-1
  title: Envoy arrives
  published: 2012-07-06
- id: bbc-2
  title: Talks fail
"""
ACTORS = """\
# Who is who.
- id: kofi-annan
  name: Kofi Annan
  role: UN envoy
- id: un
  name: United Nations
  kind: organization
"""
TIMELINE = """\
- id: envoy-arrives
  date: 2012-07-06
  title: Annan arrives in Damascus
  actors: [kofi-annan]
  sources:
  - article: reuters-1
    sentence: 0
"""
POSITIONS = """\
- id: annan-ceasefire
  actor: kofi-annan
  issue: ceasefire
  stance: demands
  statement: Annan demands a ceasefire.
"""


def project(tree, **files: str):
    """A project whose data/ is valid except for the files overridden."""
    spec = {"sources": SOURCES, "actors": ACTORS, "timeline": TIMELINE,
            "positions": POSITIONS, "issues": "[]\n"}
    spec.update({k: textwrap.dedent(v) for k, v in files.items()})
    return tree({f"data/{k}.yaml": v for k, v in spec.items()})


def run_check(root):
    return CliRunner().invoke(main, ["--root", str(root), "check"])


def lines(result) -> list[str]:
    return [ln for ln in result.output.splitlines() if ln.startswith("data/")]


def test_valid_data_passes_and_loads_typed_records(tree):
    root = project(tree)
    res = run_check(root)
    assert res.exit_code == 0, res.output
    assert "data/ is valid" in res.output
    b = store.load(Config(root=root))
    assert [a.id for a in b.actors] == ["kofi-annan", "un"]
    assert b.timeline[0].date == "2012-07-06"  # a YAML date comes back as ISO text
    assert b.sources[0].published == "2012-07-06"


def test_unknown_field_suggests_the_close_one(tree):
    actors = ACTORS + "- id: bashar-al-assad\n  nmae: Bashar al-Assad\n"
    res = run_check(project(tree, actors=actors))
    assert res.exit_code == 1
    assert lines(res) == [
        "data/actors.yaml:8:3: missing required field 'name'",
        "data/actors.yaml:9:3: unknown field 'nmae' (did you mean 'name'?)",
    ]


def test_all_problems_in_all_files_are_reported_at_once(tree):
    actors = """\
    - id: kofi-annan
      name: Kofi Annan
      kind: persn
      mentions: lots
    - id: kofi-annan
      name: Kofi A. Annan
    - id: Bad Id
      name: x
    """
    timeline = """\
    - id: e1
      date: 2012-02-30
      title: Impossible
    - id: e2
      date: 2012-07-06
      end: 2012-07-01
      title: Backwards
    - just a string
    """
    res = run_check(project(tree, actors=actors, timeline=timeline))
    assert res.exit_code == 1
    assert lines(res) == [
        "data/actors.yaml:3:9: kind: 'persn' is not one of person, organization, state, group, outlet (did you mean 'person'?)",
        "data/actors.yaml:4:13: mentions: input should be a valid integer, unable to parse string as an integer, got str ('lots')",
        "data/actors.yaml:5:7: duplicate id 'kofi-annan' (first used at line 1)",
        "data/actors.yaml:7:7: id: 'Bad Id' is not a valid id: use lowercase letters, digits and hyphens, e.g. 'bad-id'",
        "data/timeline.yaml:2:9: date: '2012-02-30': day 30 does not exist in that month",
        "data/timeline.yaml:4:3: end 2012-07-01 is before date 2012-07-06",
        "data/timeline.yaml:8:3: record 3 must be a mapping of fields (key: value), found a str ('just a string')",
    ]
    assert "problems in the data" in res.output


def test_dangling_references_point_at_the_value_and_suggest_ids(tree):
    timeline = """\
    - id: envoy-arrives
      date: 2012-07-06
      title: Annan arrives
      actors:
      - kofi-anan
      - un
      sources:
      - article: reuters-1
        sentence: 0
      - article: reuter-1
        sentence: 2
    """
    positions = POSITIONS.replace("actor: kofi-annan", "actor: nobody-at-all")
    actors = ACTORS + "- id: x\n  name: X\n  affiliation: unn\n"
    res = run_check(project(tree, timeline=timeline, positions=positions, actors=actors))
    assert res.exit_code == 1
    assert lines(res) == [
        "data/actors.yaml:10:16: affiliation: 'unn' is not an id in actors.yaml (did you mean 'un'?)",
        "data/positions.yaml:2:10: actor: 'nobody-at-all' is not an id in actors.yaml "
        "(add it to actors.yaml or fix the id)",
        "data/timeline.yaml:5:5: actors[0]: 'kofi-anan' is not an id in actors.yaml (did you mean 'kofi-annan'?)",
        "data/timeline.yaml:10:14: sources[1].article: 'reuter-1' is not an id in sources.yaml "
        "(did you mean 'reuters-1'?)",
    ]


def test_nested_unknown_field_names_the_nested_fields(tree):
    timeline = TIMELINE.replace("    sentence: 0", "    sentense: 0")
    res = run_check(project(tree, timeline=timeline))
    assert lines(res) == [
        "data/timeline.yaml:6:5: missing required field 'sources[0].sentence'",
        "data/timeline.yaml:7:5: unknown field 'sentense' (did you mean 'sentence'?)",
    ]


def test_yaml_syntax_error_is_located(tree):
    res = run_check(project(tree, actors="- id: a\n  name: [unclosed\n- id: b\n"))
    assert res.exit_code == 1
    (line,) = lines(res)  # the middle wording is libyaml's or PyYAML's
    assert line.startswith("data/actors.yaml:3:5: YAML syntax error: ")
    assert line.endswith("expected ',' or ']' (while parsing a flow sequence started at line 2)") or \
        line.endswith("expected ',' or ']', but got ':' (while parsing a flow sequence started at line 2)")


def test_tabs_in_indentation_are_named(tree):
    res = run_check(project(tree, issues="- id: war\n\tlabel: War\n"))
    assert lines(res) == ["data/issues.yaml:2:1: tab character in indentation: indent with spaces"]


def test_top_level_must_be_a_list(tree):
    res = run_check(project(tree, issues="id: war\nlabel: War\n"))
    assert lines(res) == [
        "data/issues.yaml:1:1: expected a list of records (each starting with '- '), found a mapping"
    ]


def test_duplicate_key_in_a_record(tree):
    res = run_check(project(tree, issues="- id: war\n  label: War\n  label: Civil war\n"))
    (line,) = lines(res)
    assert line == "data/issues.yaml:3:3: YAML syntax error: duplicate field 'label' in one record"


def test_tags_are_rejected_and_never_constructed(tree, tmp_path):
    marker = tmp_path / "pwned"
    evil = f"- id: war\n  label: !!python/object/apply:os.system ['touch {marker}']\n"
    res = run_check(project(tree, issues=evil))
    assert lines(res) == [
        "data/issues.yaml:2:10: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed: plain values only"
    ]
    assert not marker.exists()
    res = run_check(project(tree, issues="- !issue {id: war, label: War}\n"))
    assert lines(res) == ["data/issues.yaml:1:3: tag '!issue' is not allowed: plain values only"]


def test_alias_bomb_is_refused_without_expanding(tree):
    bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        bomb.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    text = "- id: war\n  label: War\n  keywords: []\n  extra:\n" + "".join(f"    {b}\n" for b in bomb)
    res = run_check(project(tree, issues=text))
    assert res.exit_code == 1
    assert lines(res)[0] == "data/issues.yaml:5:8: anchor '&a' is not allowed: write values out in full"
    assert any("alias '*a' is not allowed" in ln for ln in lines(res))


def test_a_second_document_is_refused(tree):
    res = run_check(project(tree, issues="- id: war\n  label: War\n---\n- id: x\n  label: X\n"))
    assert lines(res) == [
        "data/issues.yaml:3:1: a second YAML document ('---'): keep one list of records per file"
    ]


def test_missing_data_folder_says_what_to_do(tree):
    root = tree({"briefing.yml": "title: T\n"})
    res = run_check(root)
    assert res.exit_code == 1
    assert "data: no data folder yet: run `briefing extract`" in res.output


def test_load_raises_dataerror_with_every_problem(tree):
    root = project(tree, issues="- id: war\n  lable: War\n")
    with pytest.raises(DataError) as exc:
        store.load(Config(root=root))
    assert [str(p) for p in exc.value.problems] == [
        "data/issues.yaml:1:3: missing required field 'label'",
        "data/issues.yaml:2:3: unknown field 'lable' (did you mean 'label'?)",
    ]


def test_empty_and_comment_only_files_are_empty_lists(tree):
    root = project(tree, issues="# nothing yet\n", positions="")
    assert run_check(root).exit_code == 0
    b = store.load(Config(root=root))
    assert b.issues == [] and b.positions == []


def test_year_and_week_dates_validate(tree):
    timeline = """\
    - id: e1
      date: 2012
      title: A year
    - id: e2
      date: 2012-W27
      title: A week
    - id: e3
      date: 2013-W53
      title: No such week
    """
    res = run_check(project(tree, timeline=timeline))
    assert lines(res) == ["data/timeline.yaml:8:9: date: '2013-W53': 2013 has no ISO week 53"]


TRICKY = """\
# values every YAML reader gets wrong somewhere
- id: a
  title: 'yes'
  flag: yes
  on: off
  n: 012
  hexa: 0x1F
  octal: 0o17
  big: 1_000
  f: 0.5
  e: 1e3
  inf: .inf
  nothing:
  tilde: ~
  null_word: null
  day: 2012-07-06
  bad_day: 2012-02-30
  year: 2012
  time: 12:30
  quoted_date: '2012-07-06'
  text: "He said: \\"we\\u2019ll stay\\" #1"
  nested: {k: [1, two, {deep: true}]}
  empty_list: []
  empty_map: {}
  multi: |
    line one
    line two
- [1, 2]
- plain
"""


@pytest.mark.parametrize("text", [TRICKY, "", "# only a comment\n", "[]\n", "- id: x\n"])
def test_one_pass_reader_reads_what_the_libyaml_loader_reads(text):
    """yamlio.fast_load (one pass over events) must agree value for value with
    the full PyYAML load through the same YAML 1.2 resolver table."""
    import yaml as pyyaml

    assert yamlio.fast_load(text) == pyyaml.load(text, Loader=yamlio.Fast12Loader)
    if text == TRICKY:
        rec = yamlio.fast_load(text)[0]
        assert rec["flag"] == "yes" and rec["on"] == "off"  # YAML 1.2: words stay text
        assert rec["bad_day"] == "2012-02-30" and rec["time"] == "12:30"


@pytest.mark.parametrize("text", [
    "- &a {id: x}\n- *a\n", "- !!python/object:os.system {id: x}\n", "- id: x\n  id: y\n",
    "- id: x\n---\n- id: y\n", "- {[1]: x}\n",
])
def test_one_pass_reader_leaves_doubtful_files_to_the_located_path(text):
    assert yamlio.fast_load(text) is yamlio.DOUBT


def test_one_pass_reader_reads_the_merge_base_as_pyyaml_does():
    """The merge base is written by PyYAML (YAML 1.1); its one-pass read must match CSafeLoader."""
    import datetime

    import yaml as pyyaml

    values = ["yes", "on", "12:30", "0777", "0o17", "1e3", "=", "<<", "~", "null", "2012-07-06", "", "it's: x",
              1, 0.5, True, None, datetime.date(2012, 7, 6), [], {"k": ["v", 2]}]
    text = pyyaml.dump([{"id": f"r{i}", "v": v} for i, v in enumerate(values)], Dumper=pyyaml.CSafeDumper,
                       sort_keys=False, allow_unicode=True, width=4096, default_flow_style=False)
    assert yamlio.fast_load(text, yaml11=True) == pyyaml.load(text, Loader=pyyaml.CSafeLoader)
