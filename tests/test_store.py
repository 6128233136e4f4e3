"""Store plumbing: the project lock, the extraction cache, round trips of data/."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from generator import RULES_VERSION, store
from generator.cache import ArticleCache, content_key
from generator.config import Config
from generator.store import reader
from generator.errors import LockError
from generator.lock import LOCK_FILE, project_lock
from generator.models import RECORD_TYPES, Actor, Briefing, Event, Source, SourceRef

HOLD = textwrap.dedent("""\
    import sys, time
    from pathlib import Path
    from generator.lock import project_lock
    with project_lock(Path(sys.argv[1])):
        print("held", flush=True)
        time.sleep(30)
""")


@pytest.fixture
def holder(tmp_path):
    """Another process holding the project lock of tmp_path."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    yield proc
    proc.kill()
    proc.wait()


def test_second_lock_fails_fast_naming_the_holder(tmp_path, holder):
    with pytest.raises(LockError) as exc:
        with project_lock(tmp_path):
            pass
    assert str(exc.value) == (
        f"another briefing build is running (pid {holder.pid}); wait for it to finish")


def test_second_build_command_fails_with_the_lock_message(tmp_path, holder):
    (tmp_path / "data").mkdir()
    briefing = [sys.executable, "-m", "generator.cli", "--root", str(tmp_path), "render"]
    res = subprocess.run(briefing, capture_output=True, text=True)
    assert res.returncode == 1
    assert f"another briefing build is running (pid {holder.pid})" in res.stderr


def test_lock_is_released_and_reentrant(tmp_path):
    with project_lock(tmp_path):
        with project_lock(tmp_path):  # build --extract runs extract inside build
            pass
        assert (tmp_path / LOCK_FILE).read_text().startswith(f"pid {os.getpid()} host ")
    proc = subprocess.run([sys.executable, "-c", HOLD.replace("time.sleep(30)", "pass"), str(tmp_path)],
                          capture_output=True, text=True)
    assert proc.stdout.strip() == "held"  # free again once released


def test_lock_of_a_crashed_process_does_not_block(tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    proc.kill()
    proc.wait()
    with project_lock(tmp_path):  # the kernel dropped the dead process's lock
        pass


def test_cache_round_trip_keyed_by_content_and_rules(tmp_path):
    cache = ArticleCache(tmp_path / ".briefing-cache")
    key = content_key("Annan arrived in Damascus on Friday.")
    assert cache.get(key) is None
    value = {"events": [{"id": "e1", "date": "2012-07-06", "title": "Annan arrives"}]}
    cache.put(key, value)
    assert cache.get(key) == value
    assert (cache.hits, cache.misses) == (1, 1)
    assert cache.get(content_key("Annan arrived in Damascus on Saturday.")) is None
    newer = ArticleCache(tmp_path / ".briefing-cache", rules_version=RULES_VERSION + "-next")
    assert newer.get(key) is None  # new rules redo every article


def test_damaged_cache_entry_is_a_miss(tmp_path):
    cache = ArticleCache(tmp_path)
    key = content_key("text")
    cache.put(key, [1, 2])
    path = next(tmp_path.rglob(f"{key}.json"))
    path.write_text('{"trunc', encoding="utf-8")
    assert cache.get(key) is None
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp files left by put


def test_load_round_trips_what_save_wrote(tmp_path):
    ref = SourceRef(article="a1", sentence=3, text='He said: "no" -- #1 & more')
    b = Briefing(
        sources=[Source(id="a1", title="Title: with colon", published="2012-07")],
        actors=[Actor(id="x", name="Jean-Marie O'Neil", aliases=["O'Neil", "yes", "null"], sources=[ref])],
        timeline=[Event(id="e", date="2012-W27", end="2012-07-15", title="Week", actors=["x"], sources=[ref]),
                  Event(id="f", date="2012", title="1234", summary="line one\nline two")],
    )
    store.save_extraction(Config(root=tmp_path), b)
    loaded = store.load(Config(root=tmp_path))
    for name in ("sources", "actors", "timeline", "positions", "issues"):
        assert loaded.records(name) == b.records(name), name
    assert store.save_extraction(Config(root=tmp_path), b) == "no changes"  # the base reads back equal too
    import yaml  # a YAML 1.1 reader (PyYAML) sees the same strings: 'yes'/'null' are quoted
    assert yaml.safe_load((tmp_path / "data" / "actors.yaml").read_text())[0]["aliases"] == ["O'Neil", "yes", "null"]


def test_check_on_a_large_file_reports_every_bad_record(tmp_path):
    records = "".join(f"- id: a{i}\n  name: A {i}\n" + ("  nme: x\n" if i % 100 == 0 else "")
                      for i in range(2000))
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "actors.yaml").write_text(records, encoding="utf-8")
    problems = store.check(Config(root=tmp_path))
    assert len(problems) == 20
    assert str(problems[0]) == "data/actors.yaml:3:3: unknown field 'nme' (did you mean 'name'?)"


def test_msgpack_cache_keeps_records_and_treats_damage_as_a_miss(tmp_path):
    from generator.models import Sentence

    cache = ArticleCache(tmp_path, fmt="msgpack")
    value = [Sentence(index=0, text="Annan arrived.", start=0, end=14)]
    cache.put("abc123", value)
    assert cache.get("abc123") == value
    next(tmp_path.rglob("abc123.msgpack")).write_bytes(b"\x80\x05garbage")
    assert cache.get("abc123") is None
    with pytest.raises(ValueError):
        ArticleCache(tmp_path, fmt="yaml")


def test_fast_and_located_readers_agree_on_every_value(tmp_path):
    """check/load read valid files with libyaml; the merge with ruamel: same YAML 1.2 values."""
    text = ("- id: e1\n  date: 2012-07-06\n  title: yes\n  summary: '12:30'\n  place: 12:30\n"
            "  date_text: No\n  confidence: 0.5\n  actors: []\n- id: e2\n  date: 2012\n  title: 'on'\n"
            "  end: 2012-12\n  summary: ~\n")
    path = tmp_path / "timeline.yaml"
    path.write_text(text.replace("  summary: ~\n", ""), encoding="utf-8")
    fast = reader.read_file(path, "timeline.yaml", "timeline")
    slow = reader.read_file(path, "timeline.yaml", "timeline", roundtrip=True)
    assert fast.problems == slow.problems == []
    assert not fast.nodes and slow.nodes  # the fast path really was taken
    assert fast.records == slow.records
    assert fast.records[0].title == "yes" and fast.records[0].place == "12:30"
    assert fast.records[0].date_text == "No"


# --------------------------------------------------------------------------
# Incremental extraction: unchanged articles come from the cache
# --------------------------------------------------------------------------

HARBOUR = {
    "harbour-1.md": """---
title: Port workers strike in Velmar
outlet: Coastal Wire
published: 2019-09-02
---
Dock workers in the port of Velmar went on strike on Monday over unpaid wages.

Union leader Marta Ostrova said the strike would continue until every worker was paid.

"We will not load a single ship until the money arrives," Ostrova told reporters.

The strike halted work at the container terminal and left dozens of ships waiting at anchor outside the harbour.

Velmar handles most of the country's grain exports, and traders said prices had already started to rise.

The port authority said it had no money to pay the wages because the government had cut its budget in the spring.
""",
    "harbour-2.md": """---
title: Velmar port authority offers talks
outlet: Harbour Post
published: 2019-09-05
---
The Velmar Port Authority offered talks with the dockers' union on Thursday.

Port director Henrik Lund said the authority rejected the union's demand for back pay in full.

Marta Ostrova called the offer an insult to the workers.

The union said its members had not been paid since June and that many families could no longer afford rent.

The talks are due to start on Friday at the offices of the port authority in the old harbour district.

Traders warned that grain exports through Velmar had fallen sharply since the start of the strike.
""",
    "harbour-3.md": """---
title: Ships diverted as Velmar strike enters second week
outlet: Coastal Wire
published: 2019-09-10
---
Shipping companies diverted cargo away from Velmar on Tuesday as the dock strike entered its second week.

Henrik Lund warned that the port could lose its largest customers.

Two container lines said they would send their ships to the rival port of Darsk until the dispute was settled.

Marta Ostrova said the union would keep the picket lines at the harbour gates day and night.

Farmers who export grain through Velmar said they were running out of storage space for the harvest.
""",
}
LATE = ("harbour-4.md", """---
title: Velmar strike ends with a deal
outlet: Harbour Post
published: 2019-09-14
---
Dock workers in Velmar ended their strike on Saturday after the port authority agreed to pay wages owed since June.

Marta Ostrova said the union had won a fair deal.

Henrik Lund said ships would return to Velmar within days.

The agreement gives the dockers their unpaid wages in two payments and a pay rise of four percent next year.

Container lines that had diverted ships to Darsk said they would come back to Velmar once the backlog was cleared.

Grain traders welcomed the end of the strike and said exports would resume next week.
""")


def _extract(folder, cache=None):
    from generator.config import Config
    from generator.extract import extract_briefing
    from generator.ingest import read_articles

    articles, problems = read_articles(folder)
    assert problems == []
    return extract_briefing(articles, Config(root=folder.parent), cache=cache)


def _as_dicts(b: Briefing) -> dict:
    return {n: [r.model_dump(mode="json") for r in b.records(n)] for n in RECORD_TYPES}


def test_extraction_cache_computes_only_new_articles_and_matches_a_cold_run(tmp_path, monkeypatch):
    import generator

    arts = tmp_path / "articles"
    arts.mkdir()
    for name, text in HARBOUR.items():
        (arts / name).write_text(text, encoding="utf-8")
    where = tmp_path / ".briefing-cache"

    first = ArticleCache(where, fmt="msgpack")
    warm = _extract(arts, first)
    assert first.computed == 3 and first.hits == 0
    assert _as_dicts(warm) == _as_dicts(_extract(arts))  # a cached run's first pass is a plain run

    (arts / LATE[0]).write_text(LATE[1], encoding="utf-8")
    second = ArticleCache(where, fmt="msgpack")
    incremental = _extract(arts, second)
    assert (second.computed, second.hits) == (1, 3)  # only the new article was extracted
    cold = _extract(arts)
    assert _as_dicts(incremental) == _as_dicts(cold)
    assert {s.id for s in incremental.sources} == {"harbour-1", "harbour-2", "harbour-3", "harbour-4"}
    assert any(a.name == "Marta Ostrova" for a in incremental.actors)
    # facts of the new article are there, with provenance
    assert any(ref.article == "harbour-4" for e in incremental.timeline for ref in e.sources)

    (arts / "harbour-2.md").write_text(HARBOUR["harbour-2.md"].replace("Thursday", "Wednesday"), encoding="utf-8")
    edited = ArticleCache(where, fmt="msgpack")
    _extract(arts, edited)
    assert (edited.computed, edited.hits) == (1, 3)  # a changed article is redone

    monkeypatch.setattr(generator, "RULES_VERSION", generator.RULES_VERSION + "-bumped")
    bumped = ArticleCache(where, fmt="msgpack")
    assert _as_dicts(_extract(arts, bumped)) == _as_dicts(_extract(arts))
    assert (bumped.computed, bumped.hits) == (4, 0)  # new rules: every article redone


def test_extract_command_fills_and_uses_the_project_cache(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    arts = tmp_path / "articles"
    arts.mkdir()
    for name, text in HARBOUR.items():
        (arts / name).write_text(text, encoding="utf-8")
    run = CliRunner().invoke(main, ["--root", str(tmp_path), "extract", "--articles", str(arts)])
    assert run.exit_code == 0, run.output
    entries = list((tmp_path / ".briefing-cache").rglob("*.msgpack"))
    assert len(entries) == 3
    before = {p: p.stat().st_mtime_ns for p in entries}
    data = {p.name: p.read_bytes() for p in (tmp_path / "data").glob("*.yaml")}
    run = CliRunner().invoke(main, ["--root", str(tmp_path), "extract", "--articles", str(arts)])
    assert run.exit_code == 0, run.output
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / ".briefing-cache").rglob("*.msgpack")} == before
    assert {p.name: p.read_bytes() for p in (tmp_path / "data").glob("*.yaml")} == data
