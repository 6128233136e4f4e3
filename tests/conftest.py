"""Shared fixtures: file trees from a dict, the repo root, the Syria corpus path."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpora" / "t17-syria"


def make_tree(root: Path, spec: dict) -> Path:
    """Create files under *root* from ``{"a/b.txt": "text", "c.bin": b"..."}``."""
    for rel, content in spec.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


# The modules measured slowest (``pytest --durations=60``), heaviest first.  They are
# collected before the rest so that ``make test``'s workers (pytest-xdist hands out
# whole modules in collection order: --dist loadfile --no-loadscope-reorder) start
# on them and share out the many short modules at the end, instead of one worker
# finishing alone on a long module.  Only the order changes: every test runs, and
# within a module in its written order.
SLOW_FIRST = ("test_browser.py", "test_actors.py", "test_safety.py", "test_incremental_site.py",
              "test_faults.py", "test_events_heldout.py", "test_fuzz.py", "test_memory_streaming.py")


def pytest_collection_modifyitems(config, items):
    rank = {name: i for i, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the rest keep their order


@pytest.fixture
def tree(tmp_path):
    """``tree({...})`` builds files under a fresh tmp folder and returns it."""
    return lambda spec: make_tree(tmp_path, spec)


@pytest.fixture(scope="session")
def corpus_path():
    if not (CORPUS / "articles.jsonl").exists():
        pytest.skip(f"Syria corpus not available at {CORPUS}")
    return CORPUS


def evaluate_gold_file(gold_path: Path):
    """Extract the articles a gold file names (from its own articles folder) with
    the built-in rules and score them: the one protocol every gold test set uses."""
    from generator import ingest
    from generator.config import Config
    from generator.evaluate import evaluate, load_gold
    from generator.extract import extract_briefing

    gold = load_gold(gold_path)
    arts, problems = ingest.read_articles(gold_path.parent / gold["articles"])
    # a corpus may hold warnings about other articles (t17-h1n1 has two with the same
    # text); errors fail, and the check below fails if a gold article was skipped
    assert not [p for p in problems if p.severity == "error"], problems
    arts = [a for a in arts if a.id in set(gold["sources"])]
    assert {a.id for a in arts} == set(gold["sources"]), "gold names an article that is missing"
    return evaluate(extract_briefing(arts, Config(root=REPO)), gold_path)


def assert_floors(reports: dict, floors: dict, title: str, misses: int = 20) -> None:
    """Print each gold file's report and the micro-average, then check every category's
    precision and recall against its measured floor (a regression fails, with the report)."""
    from generator.evaluate import combine, format_report

    for name, rep in reports.items():
        print(f"\n== {name}\n" + format_report(rep, misses=misses))
    total = combine(list(reports.values()))
    print(f"\n== {title}, micro-averaged\n" + format_report(total, misses=0))
    for cat, (p, r) in floors.items():
        s = total.scores[cat]
        assert s.precision >= p and s.recall >= r, f"{cat}: P={s.precision:.2f} R={s.recall:.2f}\n" + format_report(total)


def positions_reports(folder: Path) -> dict:
    """Extract the articles a positions gold folder names (all in one briefing, as a corpus
    would be, read in place from the corpora) and score each of its files with
    :func:`generator.evaluate.evaluate_positions`."""
    from generator import ingest
    from generator.config import Config
    from generator.evaluate import evaluate_positions, load_positions_gold
    from generator.extract import extract_briefing

    gold = sorted(folder.glob("*.yaml"))
    golds = {g: load_positions_gold(g) for g in gold}
    by_corpus: dict[str, set[str]] = {}
    for g in golds.values():
        by_corpus.setdefault(g["corpus"], set()).update(g["sources"])
    arts = []
    corpora = folder.resolve().parents[3] / "shared" / "corpora"
    for corpus, ids in sorted(by_corpus.items()):
        found, _ = ingest.read_articles(corpora / corpus / "articles.jsonl")  # warns of one duplicate line
        arts.extend(a for a in found if a.id in ids)
    assert {a.id for a in arts} == set().union(*by_corpus.values()), "gold names an article that is missing"
    # relevance off: a handful of mixed articles is no corpus, and its derived subject
    # ("Trump") would set aside the articles about anyone else before positions are read
    b = extract_briefing(arts, Config(root=folder.resolve().parents[2], relevance=False))
    return {g.stem: evaluate_positions(b, g) for g in gold}


def polnear_positions_batch(name: str, floors: tuple[float, float], positions: int):
    """The two tests of a held-out positions batch drawn from PolNeAR train (``heldout5``
    onwards): its score stays above the floors measured once when the gold was first
    scored, and its gold is the eight single-article files of *positions* positions
    its README describes.  Each batch's module binds them under its own names."""
    folder = REPO / "tests" / "gold" / name
    title = "held-out " + name.removeprefix("heldout")

    @pytest.mark.skipif(not (REPO.parent / "shared" / "corpora" / "polnear" / "train").exists(),
                        reason="corpora not present")
    def test_positions_stay_above_measured_floors():
        assert_floors(positions_reports(folder), {"positions": floors}, title, misses=80)

    def test_gold_is_well_formed():
        from generator.evaluate import load_positions_gold

        gold = sorted(folder.glob("*.yaml"))
        assert len(gold) == 8
        n = 0
        for g in gold:
            data = load_positions_gold(g)
            assert data["corpus"] == "polnear/train" and len(data["sources"]) == 1
            n += len(data["positions"])
        assert n == positions

    return test_positions_stay_above_measured_floors, test_gold_is_well_formed
