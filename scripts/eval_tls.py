"""Score ``generator.tls`` against the Timeline17 Syria gold timelines with tilse.

Protocol of the literature (Martschat & Markert 2018; Ghalandari & Ifrim 2020):
each gold timeline is scored separately; the corpus is restricted to the
gold's date span, K = its number of dates, N = round(mean sentences per date).
Metrics: Date-F1 (tilse ``evaluate_dates``) and alignment ROUGE-1/2 F
(``TimelineRougeEvaluator.evaluate_align_date_content_costs_many_to_one``,
"align+ m:1"), computed with tilse's offline ROUGE reimplementation
(``rouge_computation="reimpl"``; the default needs the ROUGE-1.5.5 perl script).
Predicted sentences are PTB-tokenized (nltk's Treebank tokenizer) before
scoring, as the gold is: tilse's ROUGE splits on spaces.

Usage:  .venv/bin/python scripts/eval_tls.py [--corpus DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import tls  # noqa: E402
from generator.models import Article, Sentence  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "t17-syria"


def _detok(s: str) -> str:
    """A small PTB detokenizer for the local loader (ingest has the real one)."""
    s = s.replace("-LRB-", "(").replace("-RRB-", ")").replace("\\/", "/")
    s = s.replace("``", '"').replace("''", '"')
    s = re.sub(r" ([,.;:!?%)]|'s|n't|'re|'ll|'ve|'d|'m)(?=\s|$)", r"\1", s)
    s = re.sub(r"\( ", "(", s)
    s = re.sub(r'" (.*?) "', r'"\1"', s)
    return " ".join(s.split())


def load_t17(corpus: Path = CORPUS) -> list[Article]:
    """The corpus through ``generator.ingest`` (or the local fallback)."""
    try:
        from generator import ingest
    except ImportError:
        return _load_local(corpus)
    articles, _problems = ingest.read_articles(corpus / "articles.jsonl")
    return articles


def _load_local(corpus: Path = CORPUS) -> list[Article]:
    """Read the corpus' JSONL (one PTB sentence per line) into Articles.

    Uses ``generator.ingest.read_articles`` when ingest supports the corpus
    layout; otherwise this tiny loader, whose Sentence offsets point into the
    PTB text (``Article.raw``) like ingest's do.
    """
    arts: list[Article] = []
    with open(corpus / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            raw = rec["text"]
            sents, pos = [], 0
            for i, part in enumerate(raw.split("\n")):
                if part.strip():
                    sents.append(Sentence(len(sents), _detok(part), pos, pos + len(part)))
                pos += len(part) + 1
            arts.append(Article(
                id=rec["id"], path=str(corpus / "articles.jsonl"), raw=raw,
                text="\n".join(s.text for s in sents),
                hash=hashlib.sha256(raw.encode()).hexdigest()[:16],
                published=dt.date.fromisoformat(rec["time"][:10]),
                tokenized=True, sentences=sents,
            ))
    return arts


def read_gold(path: Path):
    from tilse.data.timelines import Timeline

    with open(path, encoding="utf-8") as fh:
        return Timeline.from_file(fh)


def evaluate(articles: list[Article], gold_path: Path, prepared=None, summarize=None) -> dict:
    """Run summarize with the gold's K, N and span; return the scores.

    *prepared* is passed to *summarize* (by default :func:`generator.tls.summarize`;
    ``train_date_ranker.py`` passes one with a learned date order).
    ``d`` and ``r1_pr`` keep precision and recall, which ``mean_f`` averages
    before taking F, as ``t17_eval.py``'s MEAN line does."""
    from tilse.data.timelines import GroundTruth, Timeline
    from tilse.evaluation import dates as tdates, rouge

    gold = read_gold(gold_path)
    days = sorted(gold.get_dates())
    k = len(days)
    n = max(1, round(gold.get_number_of_sentences() / k))
    start, end = days[0], days[-1]
    t0 = time.perf_counter()
    pred = (summarize or tls.summarize)(articles, k, n, start=start, end=end, prepared=prepared)
    seconds = time.perf_counter() - t0
    from nltk.tokenize import TreebankWordTokenizer

    tok = TreebankWordTokenizer()

    def tokenized(s: tls.DatedSentence) -> str:
        """PTB tokens, like the gold (tilse's ROUGE splits on spaces)."""
        return " ".join(tok.tokenize(s.text))

    pred_tl = Timeline({d: [tokenized(s) for s in sents] for d, sents in pred})
    truth = GroundTruth([gold])
    ev = rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"], rouge_computation="reimpl")
    align = ev.evaluate_align_date_content_costs_many_to_one(pred_tl, truth)
    d = tdates.evaluate_dates(pred_tl, truth) if pred else {"precision": 0.0, "recall": 0.0, "f_score": 0.0}
    date_f1 = d["f_score"]
    span_days = (end - start).days + 1
    return {
        "d": d, "r1_pr": align["rouge_1"], "random": min(1.0, k / span_days), "gold": set(days),
        "timeline": gold_path.name, "k": k, "n": n, "span": f"{start}..{end}",
        "date_f1": date_f1, "r1": align["rouge_1"]["f_score"], "r2": align["rouge_2"]["f_score"],
        "seconds": seconds, "pred": pred,
    }


def mean_f(rows: list[dict], key: str) -> float:
    """F of the mean precision and mean recall over timelines (``key``: ``d`` or ``r1_pr``)."""
    p = sum(r[key]["precision"] for r in rows) / len(rows)
    r = sum(r[key]["recall"] for r in rows) / len(rows)
    return 2 * p * r / (p + r) if p + r else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--show", action="store_true", help="print the predicted timelines")
    args = ap.parse_args(argv)
    if not (args.corpus / "articles.jsonl").exists():
        print(f"{args.corpus}/articles.jsonl not found: pass --corpus DIR", file=sys.stderr)
        return 2
    articles = load_t17(args.corpus)
    rows = [evaluate(articles, p) for p in sorted((args.corpus / "timelines").glob("*.txt"))]
    print(f"{'timeline':<12} {'K':>3} {'N':>2} {'span':<22} {'Date-F1':>8} {'AR-1 F':>7} {'AR-2 F':>7} {'sec':>5}")
    for r in rows:
        print(f"{r['timeline']:<12} {r['k']:>3} {r['n']:>2} {r['span']:<22} "
              f"{r['date_f1']:>8.3f} {r['r1']:>7.3f} {r['r2']:>7.3f} {r['seconds']:>5.1f}")
        if args.show:
            print(tls.format_tilse(r["pred"]))
    mean = {m: sum(r[m] for r in rows) / len(rows) for m in ("date_f1", "r1", "r2")}
    print(f"{'mean':<12} {'':>3} {'':>2} {'':<22} {mean['date_f1']:>8.3f} {mean['r1']:>7.3f} {mean['r2']:>7.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
