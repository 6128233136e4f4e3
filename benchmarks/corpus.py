"""Synthetic corpora of any size, made at run time from the Timeline17 Syria set.

The corpus is third-party research data: it is read from ``../shared`` and the
sized copies are written into a temporary folder, never into the repository.
Sizes above the 624 real articles repeat the corpus; each repetition ``k``
shifts every date by ``k * N`` days (N = corpus size) and suffixes every id with
``-r{k}``, so ids stay unique and the timeline keeps growing instead of piling
more mentions onto the same dates -- which is what a real, larger corpus does.
Ingest skips articles whose text it has already seen, so each repetition also
ends with one neutral sentence (``this is benchmark copy k .``, no name, no
date) that makes its text distinct.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpora" / "t17-syria"
ARTICLES = CORPUS / "articles.jsonl"


class CorpusMissing(RuntimeError):
    """The shared corpus is not on this machine; benchmarks skip, with a message."""


def load_base(path: Path = ARTICLES) -> list[dict]:
    """The real articles as JSON objects, in file order."""
    if not path.exists():
        raise CorpusMissing(f"corpus not found at {path}; benchmarks need ../shared/corpora/t17-syria")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _shift(record: dict, k: int, days: int) -> dict:
    """Repetition *k* of *record*: id suffixed, publication date moved by *days*."""
    if k == 0:
        return record
    out = dict(record)
    out["id"] = f"{record['id']}-r{k}"
    out["text"] = record["text"].rstrip("\n ") + f" \nthis is benchmark copy {k} ."
    if record.get("time"):
        when = dt.date.fromisoformat(str(record["time"])[:10]) + dt.timedelta(days=days)
        out["time"] = when.isoformat()
    return out


def sized(base: list[dict], n: int) -> list[dict]:
    """*n* articles: a prefix of *base*, or *base* repeated with shifted dates and ids."""
    if n <= len(base):
        return base[:n]
    out: list[dict] = []
    k = 0
    while len(out) < n:
        for rec in base:
            out.append(_shift(rec, k, k * len(base)))
            if len(out) == n:
                break
        k += 1
    return out


def write_jsonl(records: list[dict], path: Path) -> Path:
    """Write *records* one JSON object per line (the corpus's own format)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def make_corpus(n: int, folder: Path, base: list[dict] | None = None) -> Path:
    """Write an *n*-article corpus as ``folder/articles-{n}.jsonl`` and return its path."""
    base = load_base() if base is None else base
    return write_jsonl(sized(base, n), folder / f"articles-{n}.jsonl")


if __name__ == "__main__":  # pragma: no cover - manual use
    import sys
    import tempfile

    sizes = [int(s) for s in (sys.argv[1:] or ["100", "624", "10000"])]
    out = Path(tempfile.mkdtemp(prefix="briefing-corpus-"))
    try:
        for size in sizes:
            print(make_corpus(size, out))
    except CorpusMissing as exc:
        print(f"skipped: {exc}")
