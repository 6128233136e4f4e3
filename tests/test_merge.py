"""The three-way merge: re-extracting never loses an editor's edit.

Each test saves an extraction (the base), edits data/*.yaml as text the way an
editor would, saves a *new* extraction and checks every edit survived.
"""

from __future__ import annotations

import pytest

from generator import fs, store
from generator.config import Config
from generator.errors import DataError
from generator.store import reader, save, yamlio
from generator.models import Actor, Briefing, Event, Issue, Position, Source, SourceRef


def ref(article: str, sentence: int) -> SourceRef:
    return SourceRef(article=article, sentence=sentence, text=f"Sentence {sentence} of {article}.")


def extraction(extra_events=(), extra_actors=(), drop=(), **changes) -> Briefing:
    """A small extraction; *changes* maps record id -> field updates."""
    b = Briefing(
        sources=[Source(id="a1", title="Envoy arrives", published="2012-07-06"),
                 Source(id="a2", title="Talks fail", published="2012-07-08")],
        actors=[
            Actor(id="kofi-annan", name="Kofi Annan", role="envoy", sources=[ref("a1", 0)]),
            Actor(id="bashar-al-assad", name="Bashar al-Assad", role="president", sources=[ref("a1", 1)]),
            Actor(id="assad", name="Assad", sources=[ref("a2", 0)]),
            *extra_actors,
        ],
        timeline=[
            Event(id="2012-07-06-annan-arrives", date="2012-07-06", title="Annan arrives in Damascus",
                  actors=["kofi-annan"], sources=[ref("a1", 0)], confidence=0.9),
            Event(id="2012-07-08-talks-fail", date="2012-07-08", title="Talks fail",
                  actors=["kofi-annan", "assad"], sources=[ref("a2", 1)], confidence=0.7),
            *extra_events,
        ],
        positions=[Position(id="assad-ceasefire", actor="assad", issue="ceasefire", stance="rejects",
                            statement="Assad rejects a ceasefire.", sources=[ref("a2", 2)])],
        issues=[Issue(id="ceasefire", label="Ceasefire", keywords=["ceasefire", "truce"])],
    )
    for name in ("sources", "actors", "timeline", "positions", "issues"):
        recs = [r for r in b.records(name) if r.id not in drop]
        recs = [r.model_copy(update=changes.get(r.id, {})) for r in recs]
        setattr(b, name, recs)
    return b


@pytest.fixture(autouse=True, params=[True, False], ids=["fast-writer", "ruamel-only"])
def merge_way(request, monkeypatch):
    """Every merge guarantee holds both ways: files planned on the fast reads and
    written by libyaml where nothing of the editor's formatting is at stake, and
    (save.FAST_MERGE False) every changed file through ruamel, as before."""
    monkeypatch.setattr(save, "FAST_MERGE", request.param)
    return request.param


def project(data):
    """The project whose data folder is *data*."""
    return Config(root=data.parent)


@pytest.fixture
def data(tmp_path):
    d = tmp_path / "data"
    store.save_extraction(project(d), extraction())
    return d


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}:\n{text}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def ids(data, name):
    return [r.id for r in store.load(project(data)).records(name)]


def test_first_extraction_writes_sorted_files_with_header_and_base(data):
    text = (data / "actors.yaml").read_text()
    assert text.startswith("# data/actors.yaml -- A person, organization, state or group, or a news outlet cited as a source.\n")
    assert "yours to edit" in text
    assert ids(data, "actors") == ["assad", "bashar-al-assad", "kofi-annan"]
    assert (data / ".extracted" / "actors.yaml").read_text().startswith("# The last extraction")
    assert "  date: '2012-07-06'\n" in (data / "timeline.yaml").read_text()  # a string for every reader
    assert store.check(project(data)) == []


def test_same_extraction_again_changes_nothing(data):
    before = {p.name: p.read_bytes() for p in data.rglob("*.yaml")}
    assert store.save_extraction(project(data), extraction()) == "no changes"
    assert {p.name: p.read_bytes() for p in data.rglob("*.yaml")} == before


def test_edited_field_and_comments_kept_untouched_fields_updated(data):
    tl = data / "timeline.yaml"
    edit(tl, "title: Annan arrives in Damascus", "title: Kofi Annan lands in Damascus  # checked with AFP")
    edit(tl, "- id: 2012-07-08-talks-fail", "# Talks: see also the Geneva communique\n- id: 2012-07-08-talks-fail")
    new = extraction(**{"2012-07-06-annan-arrives": {"title": "Annan reaches Damascus", "confidence": 0.95,
                                                      "place": "Damascus"},
                        "2012-07-08-talks-fail": {"summary": "The talks collapsed."}})
    report = store.save_extraction(project(data), new)
    assert report == "2 updated, 1 kept as edited"
    text = tl.read_text()
    assert "title: Kofi Annan lands in Damascus  # checked with AFP" in text
    assert "# Talks: see also the Geneva communique\n- id: 2012-07-08-talks-fail" in text
    ev = {e.id: e for e in store.load(project(data)).timeline}
    arrives = ev["2012-07-06-annan-arrives"]
    assert arrives.title == "Kofi Annan lands in Damascus"
    assert arrives.confidence == 0.95 and arrives.place == "Damascus"  # fields the editor left alone follow
    assert arrives.edited is True
    assert ev["2012-07-08-talks-fail"].summary == "The talks collapsed."
    assert ev["2012-07-08-talks-fail"].edited is False
    # the edit survives the next extraction too, which again disagrees with it
    store.save_extraction(project(data), extraction(**{"2012-07-06-annan-arrives": {"title": "Annan in Damascus"}}))
    assert "title: Kofi Annan lands in Damascus  # checked with AFP" in tl.read_text()


def test_key_order_chosen_by_the_editor_is_kept(data):
    tl = data / "timeline.yaml"
    edit(tl, "- id: 2012-07-08-talks-fail\n  date: '2012-07-08'\n  title: Talks fail\n",
         "- title: Talks fail\n  id: 2012-07-08-talks-fail\n  date: '2012-07-08'\n")
    store.save_extraction(project(data), extraction(**{"2012-07-08-talks-fail": {"place": "Geneva"}}))
    assert "- title: Talks fail\n  id: 2012-07-08-talks-fail\n  date: '2012-07-08'\n" in tl.read_text()
    # a new field goes where the model puts it, after the editor's keys before it
    assert "  date: '2012-07-08'\n  actors:" in tl.read_text()
    assert "  place: Geneva\n  sources:" in tl.read_text()


def test_deleted_record_stays_deleted(data):
    tl = data / "timeline.yaml"
    text = tl.read_text()
    start = text.index("- id: 2012-07-08-talks-fail")
    tl.write_text(text[:start], encoding="utf-8")
    report = store.save_extraction(project(data), extraction(**{"2012-07-08-talks-fail": {"title": "Talks collapse"}}))
    assert "1 kept deleted" in report
    assert ids(data, "timeline") == ["2012-07-06-annan-arrives"]
    assert store.save_extraction(project(data), extraction()) == "1 kept deleted"


def test_comments_around_deleted_and_vanished_records_survive(data):
    tl = data / "timeline.yaml"
    edit(tl, "- id: 2012-07-06-annan-arrives", "# first event\n- id: 2012-07-06-annan-arrives")
    edit(tl, "- id: 2012-07-08-talks-fail", "# about the talks\n- id: 2012-07-08-talks-fail")
    with open(tl, "a", encoding="utf-8") as fh:
        fh.write("# end of file note\n")
    store.save_extraction(project(data), extraction(drop={"2012-07-06-annan-arrives"}))  # first one vanishes
    text = tl.read_text()
    for comment in ("# first event\n", "# about the talks\n- id: 2012-07-08-talks-fail", "# end of file note\n"):
        assert comment in text
    assert ids(data, "timeline") == ["2012-07-08-talks-fail"]


def test_record_added_by_the_editor_stays(data):
    with open(data / "timeline.yaml", "a", encoding="utf-8") as fh:
        fh.write("# added by hand from the UN press release\n"
                 "- id: 2012-07-10-un-statement\n  date: 2012-07-10\n  title: UN statement\n"
                 "  resolution: editor\n  actors: [kofi-annan]\n")
    store.save_extraction(project(data), extraction(drop={"2012-07-08-talks-fail"}))
    text = (data / "timeline.yaml").read_text()
    assert "# added by hand from the UN press release\n- id: 2012-07-10-un-statement" in text
    assert ids(data, "timeline") == ["2012-07-06-annan-arrives", "2012-07-10-un-statement"]


def test_new_records_are_appended_in_id_order(data):
    extra = [Event(id=f"2012-07-0{d}-new", date=f"2012-07-0{d}", title=f"New {d}", sources=[ref("a2", d)])
             for d in (9, 7)]
    report = store.save_extraction(project(data), extraction(extra_events=extra))
    assert report == "2 added"
    assert ids(data, "timeline") == ["2012-07-06-annan-arrives", "2012-07-08-talks-fail",
                                     "2012-07-07-new", "2012-07-09-new"]


def test_vanished_records_go_unless_the_editor_touched_them(data):
    tl = data / "timeline.yaml"
    edit(tl, "title: Talks fail", "title: Geneva talks fail")
    report = store.save_extraction(
        project(data), extraction(drop={"2012-07-06-annan-arrives", "2012-07-08-talks-fail"}))
    assert report == "1 kept as edited, 1 removed"
    assert ids(data, "timeline") == ["2012-07-08-talks-fail"]


def test_hand_set_edited_flag_protects_a_record(data):
    edit(data / "timeline.yaml", "  confidence: 0.9\n", "  confidence: 0.9\n  edited: true\n")
    store.save_extraction(project(data), extraction(drop={"2012-07-06-annan-arrives"}))
    assert "2012-07-06-annan-arrives" in ids(data, "timeline")


def test_adding_an_alias_merges_actors_everywhere(data):
    """One edit: 'Assad' becomes an alias of bashar-al-assad; every reference follows."""
    edit(data / "actors.yaml", "  name: Bashar al-Assad\n", "  name: Bashar al-Assad\n  aliases: [Assad]\n")
    report = store.save_extraction(project(data), extraction())
    assert "1 actor(s) resolved to an editor's actor by alias" in report
    b = store.load(project(data))
    assert [a.id for a in b.actors] == ["bashar-al-assad", "kofi-annan"]  # 'assad' removed
    ev = {e.id: e for e in b.timeline}
    assert ev["2012-07-08-talks-fail"].actors == ["kofi-annan", "bashar-al-assad"]
    assert b.positions[0].actor == "bashar-al-assad"
    assert not ev["2012-07-08-talks-fail"].edited  # the extractor's own change, not an edit
    assert store.check(project(data)) == []
    assert store.save_extraction(project(data), extraction()) == (
        "1 kept as edited, 1 actor(s) resolved to an editor's actor by alias")


def test_renaming_an_actor_id_is_followed(data):
    edit(data / "actors.yaml", "- id: kofi-annan\n", "- id: annan\n")
    store.save_extraction(project(data), extraction())
    b = store.load(project(data))
    assert "kofi-annan" not in [a.id for a in b.actors]
    assert all(e.actors[0] == "annan" for e in b.timeline)
    assert store.check(project(data)) == []


def test_deleting_a_source_drops_facts_only_it_supports(data):
    text = (data / "sources.yaml").read_text()
    (data / "sources.yaml").write_text(text[: text.index("- id: a2")], encoding="utf-8")
    store.save_extraction(project(data), extraction())
    b = store.load(project(data))
    assert [s.id for s in b.sources] == ["a1"]
    assert [e.id for e in b.timeline] == ["2012-07-06-annan-arrives"]
    assert b.positions == [] and "assad" not in [a.id for a in b.actors]
    assert store.check(project(data)) == []


def test_editor_reference_keeps_a_vanished_record_alive(data):
    with open(data / "timeline.yaml", "a", encoding="utf-8") as fh:
        fh.write("- id: by-hand\n  date: 2012\n  title: By hand\n  actors: [assad]\n")
    store.save_extraction(project(data), extraction(drop={"assad", "assad-ceasefire", "2012-07-08-talks-fail"}))
    assert "assad" in ids(data, "actors")
    assert store.check(project(data)) == []


def test_broken_yaml_blocks_the_merge_and_nothing_is_written(data):
    (data / "actors.yaml").write_text("- id: a\n  name: [oops\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in data.rglob("*.yaml")}
    with pytest.raises(DataError) as exc:
        store.save_extraction(project(data), extraction(**{"kofi-annan": {"role": "UN envoy"}}))
    assert "actors.yaml:3:1: YAML syntax error" in str(exc.value)
    assert "nothing was extracted" in str(exc.value)
    assert {p: p.read_bytes() for p in data.rglob("*.yaml")} == before


def test_emptied_file_keeps_its_deletions_and_header(data):
    (data / "issues.yaml").write_text("# no issues for now\n[]\n", encoding="utf-8")
    store.save_extraction(project(data), extraction())
    assert (data / "issues.yaml").read_text() == "# no issues for now\n[]\n"
    (data / "issues.yaml").write_text("# my issues\n[]\n", encoding="utf-8")
    new = extraction()
    new.issues.append(Issue(id="refugees", label="Refugees"))
    store.save_extraction(project(data), new)
    assert (data / "issues.yaml").read_text() == "# my issues\n- id: refugees\n  label: Refugees\n"


def test_write_all_is_all_or_nothing(tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("old a\n")
    with pytest.raises(UnicodeEncodeError):
        fs.write_all({a: "new a\n", b: "bad \ud800\n"})  # b fails while writing temps
    assert a.read_text() == "old a\n" and not b.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]  # no temp files left
    assert fs.write_all({a: "new a\n", b: "b\n"}) == 2
    assert fs.write_all({a: "new a\n", b: "b\n"}) == 0  # unchanged files are not rewritten


# --------------------------------------------------------------------------
# Property: whatever the editor and the extractor do, no edit is lost
# --------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402
from ruamel.yaml import YAML  # noqa: E402

IDS = [f"e{i}" for i in range(6)]
TITLES = st.sampled_from(["Talks", "Talks fail", "Shelling: Homs", "yes", "2012", "Ceasefire #2"])
EXTRACTION = st.dictionaries(st.sampled_from(IDS), TITLES, max_size=6)
OPS = st.dictionaries(st.sampled_from(IDS), st.one_of(st.just("delete"), TITLES.map(lambda t: "edit:" + t)))


def events_only(titles: dict) -> Briefing:
    src = [Source(id="a1", title="A")]
    return Briefing(sources=src, timeline=[
        Event(id=i, date="2012-07-06", title=t, sources=[ref("a1", 0)]) for i, t in sorted(titles.items())])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=EXTRACTION, ops=OPS, second=EXTRACTION, added=st.booleans())
def test_no_edit_is_ever_lost(tmp_path_factory, first, ops, second, added):
    data = tmp_path_factory.mktemp("p") / "data"
    store.save_extraction(project(data), events_only(first))
    y = YAML()
    path = data / "timeline.yaml"
    doc = y.load(path.read_text())
    edits, deletes = {}, set()
    for rid, op in ops.items():
        node = next((n for n in doc if n["id"] == rid), None)
        if node is None:
            continue
        if op == "delete":
            doc.remove(node)
            deletes.add(rid)
        else:
            node["title"] = edits[rid] = op[5:]
    if added:
        doc.append({"id": "mine", "date": "2012-07-07", "title": "Mine"})
    if len(doc):
        with open(path, "w", encoding="utf-8") as fh:
            y.dump(doc, fh)
    else:  # ruamel cannot dump an empty commented list
        path.write_text("[]\n", encoding="utf-8")
    store.save_extraction(project(data), events_only(second))
    got = {e.id: e for e in store.load(project(data)).timeline}
    for rid in IDS:
        if rid in deletes:
            assert rid not in got
        elif rid in edits and edits[rid] != first[rid]:
            assert got[rid].title == edits[rid] and got[rid].edited
        elif rid in first:  # untouched: follows the new extraction, or goes with it
            assert (got[rid].title if rid in got else None) == second.get(rid)
        else:  # new from the second extraction
            assert (got[rid].title if rid in got else None) == second.get(rid)
    assert ("mine" in got) == added
    assert store.check(project(data)) == []


def test_untouched_file_keeps_the_editors_formatting_byte_for_byte(data):
    issues = data / "issues.yaml"
    custom = "# my lexicon\n-   id: ceasefire   # four-space style\n    label: Ceasefire\n    keywords: [ceasefire, truce]\n"
    issues.write_text(custom, encoding="utf-8")
    assert store.save_extraction(project(data), extraction()) == "no changes"
    assert issues.read_text(encoding="utf-8") == custom


# --------------------------------------------------------------------------
# The fast writer gives ruamel's bytes
# --------------------------------------------------------------------------

NASTY = ["plain", "", "yes", "No", "on", "12:30", "0777", "0o17", "1e3", ".inf", "null", "~", "2012-07-06",
         "2012-02-30", "- dash", "a: b", "a #b", "#x", "it's", "it's: x", "'q", "O'Neil: \"no\" \\ back", "' #'",
         'say "hi"', "trailing ", " leading", "multi\nline\n", "tab\there", "é 北京 العربية", "emoji \U0001F600",
         "\x85nel", "line\u2028sep", "ctrl\x07", "x\ufeffy", "[x]", "{x}", "*star", "&amp", "!bang", "%pct", "@at",
         "`tick", "|pipe", ">gt", "?q", ",c", "“Curly: We’re ‘here’”", "x" * 5000, " ".join(["word"] * 1200),
         None, True, 0, -3, 0.5, 1e-05, 2012, [], {}, ["it's: x", "yes"], {"k": "it's: x"}]


def _ruamel_text(items) -> str:
    return yamlio.dump(yamlio.CommentedSeq(yamlio.commented(i) for i in items), "")


@pytest.mark.parametrize("value", NASTY, ids=range(len(NASTY)))
def test_fast_writer_writes_what_ruamel_writes(value):
    import copy

    items = [{"id": "a", "title": "before"}, {"id": "b", "value": value, "list": [copy.deepcopy(value)]},
             {"id": "c", "n": 1}]
    assert yamlio.fast_dump(items) == _ruamel_text(items)


def test_fast_writer_matches_ruamel_on_random_text():
    import random

    alphabet = list("ab '\":#-?,[]{}&*!|>%@`\\0.e") + ["\t", "\n", "é", "’", "“", "\xa0", "\U0001F600"]
    rnd = random.Random(20121)
    for _ in range(1500):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14)))
        items = [{"id": "x", "title": text, "aliases": [text, "ok"]}]
        assert yamlio.fast_dump(items) == _ruamel_text(items), repr(text)


def _snapshot(data):
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in sorted(data.rglob("*.yaml"))}


def test_both_ways_write_the_same_bytes(tmp_path, monkeypatch):
    """A whole editing session, merged the fast way and the ruamel way: same files after every step."""
    apostrophes = {"kofi-annan": {"role": "envoy: 'the UN's man'"}, "bashar-al-assad": {"name": "Assad's: the president"}}
    steps = [
        ("extract", extraction()),
        ("edit", ("actors.yaml", "role: envoy", "role: UN envoy")),  # a plain edit: no comment
        ("extract", extraction(**apostrophes)),
        ("edit", ("timeline.yaml", "- id: 2012-07-08-talks-fail", "# note\n- id: 2012-07-08-talks-fail")),
        ("extract", extraction(extra_events=[Event(id="2012-07-09-x", date="2012-07-09", title="Yes: 12:30",
                                                   sources=[ref("a2", 3)])], drop=("2012-07-06-annan-arrives",))),
        ("edit", ("actors.yaml", "- id: assad", "- id: assad-x")),
        ("extract", extraction(**{"assad-ceasefire": {"stance": "supports"}})),
    ]
    out = {}
    for way in (True, False):
        monkeypatch.setattr(save, "FAST_MERGE", way)
        data = tmp_path / str(way) / "data"
        out[way] = []
        for kind, arg in steps:
            if kind == "extract":
                store.save_extraction(project(data), arg)
            else:
                edit(data / arg[0], arg[1], arg[2])
            out[way].append(_snapshot(data))
    for n, (fast, slow) in enumerate(zip(out[True], out[False])):
        assert fast == slow, f"step {n} ({steps[n][0]})"
    assert b"# note" in out[True][-1]["timeline.yaml"]
    assert b"name: \"Assad's: the president\"\n" in out[True][2]["actors.yaml"]


def test_only_files_with_formatting_to_keep_are_parsed_by_ruamel(data, monkeypatch):
    parsed = []
    real = reader.roundtrip_read
    monkeypatch.setattr(reader, "roundtrip_read", lambda f: (parsed.append(f.name), real(f))[1])
    edit(data / "timeline.yaml", "- id: 2012-07-08-talks-fail", "# see Reuters\n- id: 2012-07-08-talks-fail")
    new = extraction(**{"2012-07-08-talks-fail": {"title": "Talks collapse"},
                        "kofi-annan": {"role": "UN envoy"}, "assad-ceasefire": {"stance": "supports"}})
    assert store.save_extraction(project(data), new) == "3 updated"
    assert "# see Reuters\n- id: 2012-07-08-talks-fail" in (data / "timeline.yaml").read_text()
    assert "role: UN envoy" in (data / "actors.yaml").read_text()
    if save.FAST_MERGE:  # the commented file alone; actors/positions are plain data
        assert parsed == ["timeline"]
    else:
        assert sorted(parsed) == ["actors", "positions", "timeline"]


def test_an_edit_saved_during_extraction_is_not_lost(data):
    """An edit saved while extraction runs is merged, not overwritten: the save reads data/ afresh."""
    store.preflight(project(data))
    edit(data / "actors.yaml", "role: envoy", "role: special envoy")  # saved while extraction runs
    store.save_extraction(project(data), extraction(**{"kofi-annan": {"role": "UN envoy"}}))
    annan = next(a for a in store.load(project(data)).actors if a.id == "kofi-annan")
    assert annan.role == "special envoy" and annan.edited
    store.preflight(project(data))  # unchanged files: the same merge from what preflight read
    assert store.save_extraction(project(data), extraction(**{"assad": {"role": "president"}})) == "1 updated, 1 kept as edited"
