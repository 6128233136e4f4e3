"""Property-based tests: random text, random YAML edits and random names through
ingest, merge (store.save_extraction) and render.

The invariants: nothing crashes except with a located BriefingError; every
output path stays inside its root; the merge never drops a field the editor
changed; rendered Markdown never holds a raw ``<script``.  Short here
(BRIEFING_FUZZ_EXAMPLES, default 50); ``python -m benchmarks.fuzz`` runs the
same properties a few thousand times and prints the counts.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from pydantic import ValidationError
from hypothesis import HealthCheck, given, settings, strategies as st
from ruamel.yaml import YAML

from generator import ingest, render, store
from generator.config import Config
from generator.errors import BriefingError, DataError, Problem
from generator.models import Actor, Briefing, Event, Position, Source, SourceRef
from generator.writer import Writer

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = int(os.environ.get("BRIEFING_FUZZ_EXAMPLES", "50"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 50,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
COUNTS: Counter = Counter()  # outcome of every case; printed by benchmarks/fuzz.py

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{ 7*7 }}", "{% raw %}",
           '{: onclick="alert(1)" }', '!!! danger "x"', "[a](javascript:alert(1))", "![i](x.png)",
           "| a | b |", "# h", "- item", "1. one", "&amp;", "<SCRIPT SRC=//x>", "</span></li>", "`code`",
           "../../etc/passwd", "CON", "NUL", "COM1", "\x00", "\t", "\r\n", "\u2028", "雪", "دمشق",
           "*a", "&b", "!!python/object:os.system", ": ", " #", "'", '"', "---", "...", "~"]
text = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=120),
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=8)), max_size=12).map("".join),
)


def small_briefing(role: str = "envoy", title: str = "Envoy arrives") -> Briefing:
    ref = SourceRef(article="wire-1", sentence=0, text="The envoy arrived on Friday.")
    return Briefing(
        sources=[Source(id="wire-1", title="Envoy arrives", outlet="Wire", published="2012-07-06")],
        actors=[Actor(id="kofi-annan", name="Kofi Annan", role=role, sources=[ref]),
                Actor(id="assad", name="Bashar al-Assad", role="president", sources=[ref])],
        timeline=[Event(id="2012-07-06-envoy-arrives", date="2012-07-06", title=title,
                        actors=["kofi-annan"], sources=[ref])],
        positions=[Position(id="annan-talks", actor="kofi-annan", issue="talks", stance="supports",
                            statement="Annan supports talks.", sources=[ref])],
    )


def project(tmp: Path) -> Config:
    """A folder with mkdocs templates only: render reads the built-in page templates."""
    (tmp / "docs").mkdir(parents=True, exist_ok=True)
    return Config(root=tmp, title="Fuzz")


# --------------------------------------------------------------------------
# 1. random text and random file names through ingest, then the writer
# --------------------------------------------------------------------------

name = st.one_of(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60),
                 st.sampled_from(["CON", "nul", "COM1", "..", "...", "a..b", " x ", "雪", "Дамаск", "l" * 250]))


def check_ingest(raw: bytes, fname: str, ext: str) -> None:
    stem = fname.replace("/", "_").replace("\x00", "_").strip() or "x"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "arts"
        folder.mkdir()
        try:
            (folder / f"{stem}{ext}").write_bytes(raw)
        except OSError:  # the file system refuses the name (too long in bytes, '.' or '..')
            COUNTS["ingest: name refused by the OS"] += 1
            return
        try:
            articles, problems = ingest.read_articles(folder)
        except BriefingError as exc:
            assert str(exc), "an error without a message"
            COUNTS["ingest: BriefingError"] += 1
            return
        assert all(isinstance(p, Problem) and (p.file == "arts" or p.file.startswith("arts/"))
                   for p in problems)
        docs = Writer(Path(tmp) / "docs")
        for a in articles:
            target = docs.target(f"sources/{a.id}.md")  # raises WriteError if the id escaped
            assert target.is_relative_to(docs.root) and len(target.name.encode()) <= 255
        COUNTS["ingest: read" if articles else "ingest: skipped with a problem"] += 1


@SETTINGS
@given(raw=st.one_of(text.map(lambda t: t.encode("utf-8")), st.binary(max_size=300),
                     text.map(lambda t: t.encode("utf-16")),
                     text.map(lambda t: t.encode("latin-1", "replace"))),
       fname=name, ext=st.sampled_from([".txt", ".md", ".html", ".jsonl", ".TXT", ""]))
def test_any_bytes_and_any_file_name_are_read_or_reported(raw, fname, ext):
    check_ingest(raw, fname, ext)


# --------------------------------------------------------------------------
# 2. random edits of data/*.yaml: check and load either pass or say file:line
# --------------------------------------------------------------------------

_TEMPLATE: dict[str, bytes] = {}


def template_data() -> dict[str, bytes]:
    if not _TEMPLATE:
        with tempfile.TemporaryDirectory() as tmp:
            store.save_extraction(Config(root=Path(tmp)), small_briefing())
            _TEMPLATE.update({p.relative_to(Path(tmp)).as_posix(): p.read_bytes()
                              for p in (Path(tmp) / "data").rglob("*") if p.is_file()})
    return _TEMPLATE


edit = st.tuples(st.sampled_from(["actors.yaml", "timeline.yaml", "positions.yaml", "sources.yaml"]),
                 st.sampled_from(["insert", "delete", "replace-line", "duplicate-line", "indent"]),
                 st.integers(0, 10_000), st.integers(0, 40), text)


def mutate(src: str, op: str, at: int, n: int, piece: str) -> str:
    lines = src.split("\n")
    i = at % max(len(lines), 1)
    if op == "insert":
        k = at % (len(src) + 1)
        return src[:k] + piece + src[k:]
    if op == "delete":
        k = at % (len(src) + 1)
        return src[:k] + src[k + n:]
    if op == "replace-line":
        lines[i] = piece
    elif op == "duplicate-line":
        lines.insert(i, lines[i])
    else:
        lines[i] = " " * (n % 5) + lines[i].lstrip() if n % 2 else "\t" + lines[i]
    return "\n".join(lines)


def check_yaml_edit(file: str, op: str, at: int, n: int, piece: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for rel, data in template_data().items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
        path = root / "data" / file
        path.write_text(mutate(path.read_text(encoding="utf-8"), op, at, n, piece), encoding="utf-8")
        problems = store.check(Config(root=root))
        assert all(isinstance(p, Problem) for p in problems)
        for p in problems:
            assert p.file.startswith("data/") and p.message, p
            if p.severity == "error" and p.file == f"data/{file}":
                assert p.line is not None, f"no line for {p}"
        try:
            briefing = store.load(Config(root=root))
        except DataError as exc:
            assert exc.problems and not [p for p in problems if p.severity == "error"] == []
            COUNTS["yaml edit: refused with file:line"] += 1
            return
        cfg = project(root)
        out = render.pages(briefing, cfg)
        for rel, page in out.items():
            assert Writer(root / "docs").target(rel).is_relative_to((root / "docs").resolve())
            assert "<script" not in page.lower() or rel.startswith("downloads/"), rel
        COUNTS["yaml edit: valid, rendered"] += 1


@SETTINGS
@given(e=edit)
def test_random_yaml_edits_are_located_or_render_safely(e):
    check_yaml_edit(*e)


# --------------------------------------------------------------------------
# 3. random text in every field: rendered Markdown never carries raw markup
# --------------------------------------------------------------------------


def check_render(name_: str, role: str, title: str, statement: str, src_title: str) -> None:
    # the model refuses control characters and bidi overrides in every field
    # (tests/test_safety.py); the rest of any text must render as text
    name_, role, title, statement, src_title = map(ingest.clean_text, (name_, role, title, statement, src_title))
    aid = ingest.slugify(name_) if name_.strip() else "x"
    try:
        b = _records(aid, name_, role, title, statement, src_title)
    except ValidationError:  # a value the model refuses (check refuses it too): nothing to render
        COUNTS["render: record refused by the model"] += 1
        return
    with tempfile.TemporaryDirectory() as tmp:
        cfg = project(Path(tmp))
        out = render.pages(b, cfg)
    for rel, page in out.items():
        assert Writer(Path(tmp) / "docs").target(rel)  # inside docs/, slug-like segments
        if rel.endswith(".md"):
            low = page.lower()  # any '<' from data is escaped: no tag can come from a field
            assert "<script" not in low and "<img" not in low, (rel, page[:500])
    COUNTS["render: random fields"] += 1


def _records(aid: str, name_: str, role: str, title: str, statement: str, src_title: str) -> Briefing:
    ref = SourceRef(article="wire-1", sentence=0, text=statement)
    return Briefing(
        sources=[Source(id="wire-1", title=src_title, outlet=role, published="2012-07-06")],
        actors=[Actor(id=aid, name=name_ or "x", role=role, aliases=[title], sources=[ref])],
        timeline=[Event(id="2012-07-06-" + (ingest.slugify(title) if title.strip() else "e"), date="2012-07-06",
                        title=title or "x", actors=[aid], sources=[ref])],
        positions=[Position(id="p1", actor=aid, issue="talks", stance="supports",
                            statement=statement or "x", sources=[ref])],
    )


@SETTINGS
@given(name_=text, role=text, title=text, statement=text, src_title=text)
def test_random_text_in_every_field_renders_as_text(name_, role, title, statement, src_title):
    check_render(name_, role, title, statement, src_title)


# --------------------------------------------------------------------------
# 4. the merge keeps any value an editor typed, however odd
# --------------------------------------------------------------------------


def check_merge(role: str, title: str, new_role: str, new_title: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        store.save_extraction(Config(root=Path(tmp)), small_briefing())
        y = YAML()
        path = data / "actors.yaml"
        doc = y.load(path.read_text(encoding="utf-8"))
        node = next(n for n in doc if n["id"] == "kofi-annan")
        node["role"] = role
        with open(path, "w", encoding="utf-8") as fh:
            y.dump(doc, fh)
        tl = data / "timeline.yaml"
        tdoc = y.load(tl.read_text(encoding="utf-8"))
        tdoc[0]["title"] = title
        with open(tl, "w", encoding="utf-8") as fh:
            y.dump(tdoc, fh)
        try:
            # extraction's values come from articles, which ingest cleans of control characters
            store.save_extraction(Config(root=Path(tmp)), small_briefing(role=ingest.clean_text(new_role) or "x",
                                                       title=ingest.clean_text(new_title) or "x"))
        except DataError as exc:  # the editor's value is not valid for the field (e.g. empty title)
            assert all(p.line is not None for p in exc.problems), exc
            COUNTS["merge: editor value refused with file:line"] += 1
            return
        got = store.load(Config(root=Path(tmp)))
    actor = next(a for a in got.actors if a.id == "kofi-annan")
    if role != "envoy":
        assert actor.role == role and actor.edited
    event = got.timeline[0]
    if title != "Envoy arrives":
        assert event.title == title and event.edited
    COUNTS["merge: edit kept"] += 1


yaml_safe_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60).filter(
    lambda s: s == s.strip()) | st.sampled_from([h for h in HOSTILE if h.strip() and h == h.strip()
                                                 and not any(ord(c) < 32 for c in h)])


@SETTINGS
@given(role=yaml_safe_text, title=yaml_safe_text.filter(bool), new_role=text, new_title=text)
def test_merge_never_drops_an_edited_field(role, title, new_role, new_title):
    check_merge(role, title, new_role, new_title)


# --------------------------------------------------------------------------
# 5. random briefing.yml: a Config whose folders are safe, or a short ConfigError
# --------------------------------------------------------------------------

PATHS = [".", "..", "/", "/tmp", "~", "site", "docs", "data", "seeds", "templates", "data/site", "site/..",
         "./site", "site/../data", "out/site", "a" * 300, "\x00", "", " ", "../proj/site", "public",
         "docs/../docs", "/proc/self", "C:\\site", "site/", "$HOME", "*a"]
scalar = st.one_of(st.sampled_from(PATHS), text, st.integers(-10, 10**12), st.booleans(), st.none(),
                   st.floats(allow_nan=True))
option = st.sampled_from(["site", "docs", "data", "articles", "templates", "title", "jobs", "builder",
                          "max_article_mb", "follow_symlinks", "key_events", "topic", "nope", "site "])
YAML_TRAPS = ["a: &a [x, x]\nb: &b [*a, *a]\ntitle: *b\n", "title: !!python/object/apply:os.system ['true']\n",
              "site: !!binary aGVsbG8=\n", "? [a, b]\n: c\n", "- site\n- docs\n", "site: site\nsite: data\n",
              "title: \"\\u202e evil\"\n", "<<: {site: .}\n", "%YAML 1.1\n---\nsite: .\n", "\t- x\n"]


def check_config(body: str) -> None:
    from generator.config import OUTPUTS, load_config
    from generator.errors import ConfigError

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "proj"
        root.mkdir()
        (root / "briefing.yml").write_text(body, encoding="utf-8", errors="surrogateescape")
        try:
            cfg = load_config(root)
        except ConfigError as exc:
            msg = str(exc)
            assert msg.startswith(("briefing.yml", str(root / "briefing.yml"))), msg
            assert len(msg) < 5000, f"a {len(msg)}-character message"
            COUNTS["config: refused with a message"] += 1
            return
        real = {n: cfg.path(n).resolve() for n in OUTPUTS}
        for n, p in real.items():
            assert p != root.resolve() and root.resolve() in p.parents, (n, p)
        assert len(set(real.values())) == len(real)
        COUNTS["config: loaded, folders inside and distinct"] += 1


@SETTINGS
@given(pairs=st.lists(st.tuples(option, scalar), max_size=6),
       trap=st.one_of(st.just(""), st.just(""), st.sampled_from(YAML_TRAPS)),
       raw=st.one_of(st.just(""), st.just(""), st.just(""), text))
def test_random_briefing_yml_is_safe_or_refused_with_a_short_message(pairs, trap, raw):
    import json

    body = "".join(f"{k}: {json.dumps(v) if not isinstance(v, str) else json.dumps(v, ensure_ascii=False)}\n"
                   for k, v in pairs)
    check_config(trap + body + raw)


# --------------------------------------------------------------------------
# 6. random front matter: read with its problems located, never a crash
# --------------------------------------------------------------------------

meta_key = st.sampled_from(["id", "title", "outlet", "published", "date", "url", "language", "lang",
                            "source", "x", "ID", "title "])


def check_front_matter(front: str) -> None:
    from generator.models import UNSAFE_CHARS

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "arts"
        folder.mkdir()
        (folder / "a.md").write_text(f"---\n{front}\n---\nKofi Annan met Bashar al-Assad in Damascus on "
                                     "July 9, 2012.\n", encoding="utf-8", errors="surrogateescape")
        articles, problems = ingest.read_articles(folder)
        assert all(p.file == "arts/a.md" and (p.line is None or p.line >= 1) for p in problems), problems
        if not articles:  # only a file-level reason (a NUL makes it binary) loses the body
            assert any(p.line is None and p.severity == "error" for p in problems), problems
            COUNTS["front matter: file refused with a reason"] += 1
            return
        a = articles[0]
        for value in (a.id, a.title, a.outlet, a.url, a.language):
            assert not UNSAFE_CHARS.search(value), repr(value)
            assert len(value) < 5000
        assert ingest.slugify(a.id) == a.id
        COUNTS["front matter: read" if not problems else "front matter: read, problem located"] += 1


@SETTINGS
@given(pairs=st.lists(st.tuples(meta_key, scalar), max_size=6), trap=st.sampled_from([""] + YAML_TRAPS),
       raw=st.one_of(st.just(""), text))
def test_random_front_matter_is_read_or_located(pairs, trap, raw):
    import json

    body = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in pairs)
    check_front_matter((trap + body + raw).replace("\n---", "\n - --"))
