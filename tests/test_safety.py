"""Nothing lost, nothing leaked: each case tried as a careless user or an attacker would.

Every test drives the real ``briefing`` command on a throw-away project (the
fixture's data/, or seeds to extract) and checks what a user would see: the
exit code, a message naming the file or option and what to do, and that no
file inside or outside the project was lost, written or read against the
user's wish.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from briefing_project import make_project
from test_faults import BRIEFING, ENV, new_project, snapshot


def briefing(root: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([BRIEFING, "--root", str(root), *args], capture_output=True, text=True,
                          env=ENV, timeout=600, **kw)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under *folder* (dot-files too) -> bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def assert_refused(res: subprocess.CompletedProcess, *words: str) -> None:
    """Exit 1 with a one-line-per-problem message (no traceback) naming *words*."""
    assert res.returncode == 1, (res.returncode, res.stdout, res.stderr)
    assert "Traceback" not in res.stderr, res.stderr
    for w in words:
        assert w in res.stderr, (w, res.stderr)


# --------------------------------------------------------------------------
# 1. site: names the project, a parent, an editor's folder or a folder outside
# --------------------------------------------------------------------------


@pytest.fixture
def proj(tmp_path):
    make_project(tmp_path / "proj")
    return tmp_path / "proj"


def _project_files(root: Path) -> dict[str, bytes]:
    return {k: v for k, v in tree(root).items() if not k.startswith((".", "site/"))
            and k != "briefing.yml" and not k.startswith("docs/")}


@pytest.mark.parametrize("value,words", [
    (".", ["'site'", "project folder itself"]),
    ("..", ["'site'", "outside the project"]),
    ("/", ["'site'", "outside the project"]),
    ("data", ["'site'", "'data'", "overlap"]),
    ("data/sub", ["'site'", "'data'", "overlap"]),
    ("templates", ["'site'", "'templates'", "overlap"]),
    ("docs", ["'site'", "'docs'", "overlap"]),
])
def test_site_option_never_names_a_folder_briefing_does_not_own(proj, value, words):
    (proj / "briefing.yml").write_text(f"site: {value!r}\n", encoding="utf-8")
    before = _project_files(proj)
    parent_before = sorted(p.name for p in proj.parent.iterdir())
    res = briefing(proj, "build")
    assert_refused(res, "briefing.yml", *words)
    assert _project_files(proj) == before
    assert sorted(p.name for p in proj.parent.iterdir()) == parent_before


def test_site_outside_the_project_is_refused_and_left_alone(proj, tmp_path):
    outside = tmp_path / "x"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine", encoding="utf-8")
    (proj / "briefing.yml").write_text(f"site: {str(outside)!r}\n", encoding="utf-8")
    assert_refused(briefing(proj, "build"), "outside the project", str(outside))
    assert tree(outside) == {"keep.txt": b"mine"}


@pytest.mark.parametrize("option", ["docs", "data"])
def test_docs_and_data_outside_the_project_are_refused(proj, tmp_path, option):
    (proj / "briefing.yml").write_text(f"{option}: {str(tmp_path / 'elsewhere')!r}\n", encoding="utf-8")
    assert_refused(briefing(proj, "build"), f"'{option}'", "outside the project")
    assert not (tmp_path / "elsewhere").exists()


def test_a_folder_briefing_did_not_make_is_never_replaced(proj):
    notes = proj / "notes"
    notes.mkdir()
    (notes / "todo.md").write_text("call the envoy", encoding="utf-8")
    (proj / "briefing.yml").write_text("site: notes\n", encoding="utf-8")
    docs = tree(proj / "docs")
    res = briefing(proj, "build")
    assert_refused(res, str(notes), "not a site Briefing built")
    assert tree(notes) == {"todo.md": b"call the envoy"}
    assert tree(proj / "docs") == docs  # refused before render wrote anything


@pytest.mark.parametrize("line,words", [
    ("data: mkdocs.yml", ["option 'data' (mkdocs.yml) is a file"]),
    ("site: briefing.yml", ["option 'site' (briefing.yml) is a file"]),
    ('title: "Envoy \\u202e"', ["option 'title'", "U+202E"]),
    ('topic: ["talks", "x\\x1b"]', ["option 'topic'", "U+001B"]),
])
def test_briefing_yml_refuses_files_as_folders_and_hidden_characters(proj, line, words):
    (proj / "briefing.yml").write_text(line + "\n", encoding="utf-8")
    before = _project_files(proj)
    assert_refused(briefing(proj, "build"), "briefing.yml", *words)
    assert _project_files(proj) == before


def test_a_site_briefing_made_is_replaced_and_carries_the_marker(proj):
    (proj / "briefing.yml").write_text("site: public/site\n", encoding="utf-8")
    res = briefing(proj, "build")
    assert res.returncode == 0, res.stderr
    site = proj / "public" / "site"
    assert (site / ".briefing-site").is_file() and (site / "index.html").is_file()
    (proj / "data" / "actors.yaml").write_text((proj / "data" / "actors.yaml").read_text() + "\n",
                                               encoding="utf-8")
    (site / "stray.html").write_text("old", encoding="utf-8")
    res = briefing(proj, "build")
    assert res.returncode == 0, res.stderr
    assert not (site / "stray.html").exists()


# --------------------------------------------------------------------------
# 5. docs: is the folder mkdocs builds
# --------------------------------------------------------------------------


def test_the_docs_option_is_the_folder_mkdocs_builds(proj):
    (proj / "docs").rename(proj / "pages")
    (proj / "briefing.yml").write_text("docs: pages\n", encoding="utf-8")
    res = briefing(proj, "build")
    assert res.returncode == 0, res.stderr
    assert not (proj / "docs").exists()
    assert (proj / "pages" / "timeline.md").is_file()
    assert (proj / "site" / "timeline.html").is_file() and (proj / "site" / "about.html").is_file()
    # an edit of the hand-written page reaches the site (not a stale docs/)
    about = proj / "pages" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nA sentence only in pages/.\n", encoding="utf-8")
    res = briefing(proj, "build")
    assert res.returncode == 0, res.stderr
    assert "A sentence only in pages/." in (proj / "site" / "about.html").read_text(encoding="utf-8")


# --------------------------------------------------------------------------
# 2. an alias bomb in front matter, a manifest or briefing.yml
# --------------------------------------------------------------------------

BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
"""Nine levels of nine aliases: 9**9 (387 million) strings once expanded."""


def test_bomb_is_a_bomb():
    """The fixture really is one: PyYAML's own safe loader expands it (9^8 values)."""
    import yaml

    node = yaml.compose(BOMB)  # composing shares nodes; constructing or walking would expand
    assert node is not None and BOMB.count("&") == 9 and BOMB.count("*") == 72
    assert "i: &i [*h, *h" in BOMB


def test_an_alias_bomb_in_front_matter_is_refused_with_its_line(tmp_path):
    from generator import ingest

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "bomb.md").write_text(f"---\n{BOMB}title: *i\n---\nKofi Annan met Bashar al-Assad "
                                   "in Damascus on July 9, 2012.\n", encoding="utf-8")
    articles, problems = ingest.read_articles(seeds)
    assert [a.path for a in articles] == ["seeds/bomb.md"]  # the body is still read
    assert articles[0].title != "" and len(articles[0].title) < 200
    (p,) = [p for p in problems if p.file == "seeds/bomb.md"]
    assert p.line == 2 and "anchor '&a' is not allowed" in p.message


def test_an_alias_in_a_manifest_is_refused_with_its_line(tmp_path):
    from generator import ingest

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Kofi Annan met Bashar al-Assad in Damascus on July 9, 2012.\n",
                                 encoding="utf-8")
    (seeds / "manifest.yaml").write_text("x.txt: {title: &t Envoy}\na.txt: {title: *t}\n", encoding="utf-8")
    articles, problems = ingest.read_articles(seeds)
    assert len(articles) == 1 and articles[0].title != "Envoy"
    assert any(p.file == "seeds/manifest.yaml" and p.line == 1 and "anchor '&t'" in p.message
               for p in problems), problems


def test_an_alias_bomb_in_briefing_yml_is_a_short_located_error(proj):
    (proj / "briefing.yml").write_text(BOMB + "title: *i\n", encoding="utf-8")
    res = briefing(proj, "build")
    assert_refused(res, "briefing.yml", "anchor '&a' is not allowed", "line 1")
    assert len(res.stderr) < 2000
    (proj / "briefing.yml").write_text("title: Fine\nsite: &s site\ndocs: *s\n", encoding="utf-8")
    assert_refused(briefing(proj, "build"), "briefing.yml", "anchor '&s' is not allowed", "line 2")


def test_a_wrong_type_in_briefing_yml_is_shown_short(proj):
    (proj / "briefing.yml").write_text("title: [" + ", ".join(["x" * 50] * 5000) + "]\n", encoding="utf-8")
    res = briefing(proj, "build")
    assert_refused(res, "option 'title' must be str")
    assert len(res.stderr) < 2000


# --------------------------------------------------------------------------
# 3. the build stamp: an edit made while a build runs is built next time
# --------------------------------------------------------------------------


def _loaded(proj: Path, monkeypatch):
    from generator.config import load_config

    monkeypatch.setenv("SOURCE_DATE_EPOCH", ENV["SOURCE_DATE_EPOCH"])
    return load_config(proj)


def test_an_edit_of_data_during_a_build_is_built_by_the_next(proj, monkeypatch):
    """data/actors.yaml is edited after the build read it (while render runs):
    the next build must not call the site up to date."""
    from generator import pipeline, render as render_mod
    from generator.site import stamp

    cfg = _loaded(proj, monkeypatch)
    actors = proj / "data" / "actors.yaml"
    original = render_mod.render

    def render_then_edit(briefing, cfg):
        out = original(briefing, cfg)
        actors.write_text(actors.read_text(encoding="utf-8").replace("role: ", "role: Edited ", 1),
                          encoding="utf-8")
        return out

    monkeypatch.setattr(render_mod, "render", render_then_edit)
    pipeline.build(cfg)
    monkeypatch.setattr(render_mod, "render", original)
    assert not stamp.site_is_current(cfg)
    pipeline.build(cfg)
    assert stamp.site_is_current(cfg)
    assert "Edited " in "".join(p.read_text(encoding="utf-8") for p in (proj / "site").rglob("*.html"))


def test_an_edit_of_docs_while_mkdocs_runs_is_built_by_the_next(proj, monkeypatch):
    from generator import pipeline
    from generator.site import builder, stamp

    cfg = _loaded(proj, monkeypatch)
    about = proj / "docs" / "about.md"
    original = builder._build_into

    def edit_then_build(*args, **kw):
        original(*args, **kw)  # mkdocs has read about.md
        about.write_text(about.read_text(encoding="utf-8") + "\nWritten during the build.\n", encoding="utf-8")

    monkeypatch.setattr(builder, "_build_into", edit_then_build)
    pipeline.build(cfg)
    monkeypatch.setattr(builder, "_build_into", original)
    assert not stamp.site_is_current(cfg)
    pipeline.build(cfg)
    assert "Written during the build." in (proj / "site" / "about.html").read_text(encoding="utf-8")


# --------------------------------------------------------------------------
# 4. symlinks out of the project
# --------------------------------------------------------------------------

SECRET = "secret-line-4f1d: not for publication\n"


@pytest.fixture
def secret(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd.txt").write_text("Kofi Annan met Bashar al-Assad in Damascus on July 9, 2012. "
                                        + SECRET, encoding="utf-8")
    return outside / "passwd.txt"


def _published(root: Path) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace")
                   for p in (root / "site").rglob("*") if p.is_file())


def test_an_article_symlinked_out_of_the_project_is_not_read(tmp_path, secret):
    root = new_project(tmp_path / "proj")
    (root / "seeds" / "p.txt").symlink_to(secret)
    (root / "seeds" / "inside.txt").symlink_to(root / "mkdocs.yml")  # inside the project: read
    res = briefing(root, "build", "--extract")
    assert res.returncode == 0, res.stderr
    assert "seeds/p.txt: is a symlink to" in res.stderr and "follow_symlinks: true" in res.stderr
    assert "secret-line-4f1d" not in _published(root) + tree(root / "data").__repr__()
    assert "seeds/inside.txt: is a symlink" not in res.stderr
    # the user opts in: the file is read
    (root / "briefing.yml").write_text("follow_symlinks: true\n", encoding="utf-8")
    res = briefing(root, "build", "--extract")
    assert res.returncode == 0, res.stderr
    assert "secret-line-4f1d" in _published(root)


@pytest.mark.parametrize("link", ["docs/p.md", "docs/assets/etc"])
def test_a_docs_symlink_out_of_the_project_stops_the_build(proj, secret, link):
    target = secret if link.endswith(".md") else secret.parent
    (proj / link).symlink_to(target)
    res = briefing(proj, "build")
    assert_refused(res, str(proj / link), "outside the project", "follow_symlinks: true")
    assert not (proj / "site").exists()


# --------------------------------------------------------------------------
# 6. large articles: a limit with a way to raise it, and pieces of bounded size
# --------------------------------------------------------------------------


def test_an_article_over_the_limit_is_skipped_with_the_option_to_raise_it(tmp_path):
    root = new_project(tmp_path / "proj")
    (root / "seeds" / "huge.txt").write_text(("Homs was shelled on Monday and " * 40_000 + "\n") * 5,
                                             encoding="utf-8")  # 6.2 MB
    res = briefing(root, "extract")
    assert res.returncode == 0, res.stderr
    assert "seeds/huge.txt: is 6.2 MB, over the 5 MB limit" in res.stderr
    assert "max_article_mb" in res.stderr
    assert "huge" not in (root / "data" / "sources.yaml").read_text(encoding="utf-8")
    (root / "briefing.yml").write_text("max_article_mb: 0\n", encoding="utf-8")
    assert_refused(briefing(root, "extract"), "max_article_mb", "at least 1")


def test_a_jsonl_line_over_the_limit_is_skipped_alone(tmp_path):
    from generator import ingest

    (tmp_path / "a.jsonl").write_text(
        '{"id": "small", "text": "Homs was shelled on Monday."}\n'
        + '{"id": "big", "text": "' + "Homs was shelled. " * 1000 + '"}\n', encoding="utf-8")
    articles, problems = ingest.read_articles(tmp_path, max_bytes=10_000)
    assert [a.id for a in articles] == ["small"]
    assert [(p.line, "over the 0.01 MB limit" in p.message) for p in problems] == [(2, True)]


def test_a_10_mb_single_line_article_is_read_into_bounded_pieces_and_nothing_lost(tmp_path):
    """The trained pipeline refuses a text over 1,000,000 characters and every
    step after ingest works sentence by sentence: a line with no sentence end
    is cut into pieces of at most MAX_SENTENCE characters, at spaces."""
    from generator import ingest
    from generator.detok import MAX_SENTENCE

    words = "Syrian troops shelled Homs on Monday and the envoy met Assad in Damascus and "
    (tmp_path / "line.txt").write_text(words * (10_000_000 // len(words)), encoding="utf-8")
    (article,), problems = ingest.read_articles(tmp_path, max_bytes=20_000_000)
    assert not problems
    lengths = [len(s.text) for s in article.sentences]
    assert max(lengths) <= MAX_SENTENCE and len(lengths) >= 10_000_000 // MAX_SENTENCE
    assert " ".join(s.text for s in article.sentences) == article.raw.strip()
    assert all(not s.text.startswith(" ") and not s.text.endswith(" ") for s in article.sentences[:100])


def test_a_cut_piece_is_only_tokenized_not_parsed():
    """A piece of a run-on line is longer than what the trained pipeline parses,
    so it costs tokenizing only: a 10 MB line is extracted in seconds."""
    from generator.detok import MAX_SENTENCE
    from generator.extract.nlp import PARSE_CHARS

    assert MAX_SENTENCE * 3 // 4 > PARSE_CHARS  # pieces are cut in the last quarter of the limit


# --------------------------------------------------------------------------
# 7a. caches are data: a planted pickle runs nothing
# --------------------------------------------------------------------------


class _Plant:
    """Unpickling this creates the file *flag*: what a planted cache file would do."""

    def __init__(self, flag: Path):
        self.flag = str(flag)

    def __reduce__(self):
        return (Path.touch, (Path(self.flag),))


def test_a_pickle_planted_in_the_cache_runs_nothing(tmp_path):
    import pickle

    root = new_project(tmp_path / "proj")
    assert briefing(root, "build", "--extract").returncode == 0
    cache = root / ".briefing-cache"
    flag = tmp_path / "code-ran"
    bomb = pickle.dumps(_Plant(flag))
    planted = [p for p in cache.rglob("*") if p.is_file()]
    names = {p.with_suffix(".pickle") for p in planted} | set(planted)  # today's names and the old ones
    assert len(planted) >= 5
    for p in names:
        p.write_bytes(bomb)
    (root / "seeds" / "new.txt").write_text("Kofi Annan flew to Tehran on July 10, 2012.\n", encoding="utf-8")
    (root / "data" / "actors.yaml").write_text((root / "data" / "actors.yaml").read_text() + "\n")
    res = briefing(root, "build", "--extract")
    assert res.returncode == 0, res.stderr
    assert not flag.exists()
    assert (root / "site" / "index.html").is_file()


def test_the_cache_codec_round_trips_records_and_refuses_anything_else():
    import datetime as dt
    import pickle
    from collections import Counter

    from generator import cache
    from generator.models import Sentence, SourceRef

    value = {("docs", "a.md"): ((1, 2), "sha", 3), "when": dt.date(2012, 7, 9), "set": {"a"},
             "records": [Sentence(index=0, text="Annan arrived.", start=0, end=14),
                         SourceRef(article="a", sentence=1, text="x")], "n": Counter(a=2), 7: b"\x00"}
    assert cache.loads(cache.dumps(value)) == value
    blob = cache.dumps(value)
    for bad in (pickle.dumps(value), blob[:-1], blob[:20] + b"x" + blob[21:], b""):
        with pytest.raises(ValueError):
            cache.loads(bad)
    import srsly.msgpack as mp

    for name in ("os:system", "subprocess:Popen", "generator.cache:ArticleCache", "builtins:eval"):
        body = mp._packer.Packer(use_bin_type=True).pack(mp.ExtType(2, mp._packer.Packer().pack([name, {}])))
        forged = cache.MAGIC + bytes([cache.CODEC_VERSION]) + __import__("hashlib").sha256(body).digest() + body
        with pytest.raises(ValueError):
            cache.loads(forged)


# --------------------------------------------------------------------------
# 7b. ids do not move when an article is added
# --------------------------------------------------------------------------


def _ids(root: Path) -> dict[str, str]:
    import yaml

    return {s["id"]: s["path"] for s in yaml.safe_load((root / "data" / "sources.yaml").read_text("utf-8"))}


def test_a_new_article_never_takes_an_id_or_moves_an_edit(tmp_path):
    root = new_project(tmp_path / "proj", {
        "m-britain.md": "---\nid: same\n---\nBritain recognised the coalition on November 20, 2012.\n",
        "n-france.md": "---\nid: same\n---\nFrance recognised the coalition on November 13, 2012.\n"})
    assert briefing(root, "extract").returncode == 0
    before = _ids(root)
    france = next(i for i, p in before.items() if p == "seeds/n-france.md")
    assert before["same"] == "seeds/m-britain.md" and france != "same"
    sources = root / "data" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    at = text.index(f"- id: {france}\n")
    sources.write_text(text[:at] + text[at:].replace("  title: ", "  title: EDITED ", 1), encoding="utf-8")
    # new files that sort first and last, wanting the same id
    (root / "seeds" / "a-austria.md").write_text(
        "---\nid: same\n---\nAustria closed its embassy in Damascus on December 3, 2012.\n", encoding="utf-8")
    (root / "seeds" / "z-zambia.md").write_text(
        "---\nid: same\n---\nZambia called for talks in Geneva on December 4, 2012.\n", encoding="utf-8")
    res = briefing(root, "extract")
    assert res.returncode == 0, res.stderr
    after = _ids(root)
    assert {i: after[i] for i in before} == before  # every old id still names its article
    assert len(after) == len(before) + 2
    edited = next(s for s in __import__("yaml").safe_load(sources.read_text("utf-8")) if s["id"] == france)
    assert edited["path"] == "seeds/n-france.md" and edited["title"].startswith("EDITED ")
    assert "duplicate id 'same' (also seeds/m-britain.md)" in res.stderr


# --------------------------------------------------------------------------
# 7c. bidi overrides and control characters never reach a page
# --------------------------------------------------------------------------

UNSAFE = "\u202e\u2066\x0b\x1b\x85"


def _unsafe_in(folder: Path) -> list[str]:
    from generator.models import UNSAFE_CHARS

    return [f"{p.relative_to(folder)}: {m.group()!r}" for p in sorted(folder.rglob("*")) if p.is_file()
            and p.suffix in (".html", ".yaml", ".json", ".md", ".csv")
            for m in [UNSAFE_CHARS.search(p.read_text(encoding="utf-8", errors="replace"))] if m]


@pytest.mark.parametrize("escape,code", [("\\u202E", "U+202E"), ("\\u2066", "U+2066"), ("\\x1b", "U+001B"),
                                         ("\\x85", "U+0085")])
def test_an_override_written_as_a_yaml_escape_in_data_is_refused_with_its_line(proj, escape, code):
    actors = proj / "data" / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    at = text.index("\n  role: ")
    line = text[:at].count("\n") + 2
    end = text.index("\n", at + 1)
    actors.write_text(text[:at] + f'\n  role: "envoy {escape}gnp lanoitan"' + text[end:], encoding="utf-8")
    res = briefing(proj, "build")
    assert_refused(res, f"actors.yaml:{line}", code, "remove it")
    assert not (proj / "site").exists()


def test_overrides_and_controls_in_an_article_never_reach_data_or_the_site(tmp_path):
    root = new_project(tmp_path / "proj", {
        "trojan.md": ('---\ntitle: "Envoy \\u202Ereyal\\u202C arrives \\x1b[31m"\noutlet: "Wire\\u2066"\n---\n'
                      f"Kofi Annan{UNSAFE} met Bashar al-Assad in Damascus on July 9, 2012, the \u202eyortsed\u202c "
                      "envoy said.\n")})
    res = briefing(root, "build", "--extract")
    assert res.returncode == 0, res.stderr
    assert _unsafe_in(root / "data") == [] and _unsafe_in(root / "site") == []
    import yaml

    (src,) = [s for s in yaml.safe_load((root / "data" / "sources.yaml").read_text("utf-8")) if s["id"] == "trojan"]
    assert src["title"] == "Envoy reyal arrives [31m" and src["outlet"] == "Wire"


# --------------------------------------------------------------------------
# 7d. an OS error says what to do about *that* error
# --------------------------------------------------------------------------


@pytest.mark.parametrize("code,words", [("EBUSY", "in use"), ("EISDIR", "a folder stands where a file"),
                                        ("ENOTDIR", "a file stands where a folder"), ("ENOSPC", "free disk space"),
                                        ("EACCES", "permissions")])
def test_os_errors_get_their_own_advice(code, words):
    import errno

    from generator.errors import os_error_hint

    hint = os_error_hint(OSError(getattr(errno, code), "x"))
    assert words in hint
    assert code == "ENOSPC" or "disk space" not in hint


def test_a_file_where_a_docs_folder_goes_is_named_without_talk_of_disk_space(proj):
    assert briefing(proj, "build").returncode == 0
    shutil_tree = proj / "docs" / "sources"
    for p in sorted(shutil_tree.rglob("*"), reverse=True):
        p.unlink()
    shutil_tree.rmdir()
    shutil_tree.write_text("in the way\n", encoding="utf-8")
    (proj / "data" / "sources.yaml").write_text((proj / "data" / "sources.yaml").read_text() + "\n")
    res = briefing(proj, "build")
    assert_refused(res, str(shutil_tree), "a file stands where a folder is expected")
    assert "disk space" not in res.stderr
