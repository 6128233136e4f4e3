"""Score Briefing's direct quotes and speakers on PolNeAR with the shared scorer.

Runs the real extraction (``briefing extract --all``: every article kept, the
trained pipeline, actors, quotes, positions) in a scratch project over
``../shared/corpora/polnear/<split>/articles.jsonl``, then scores the written
``data/positions.yaml`` and ``data/actors.yaml`` with
``../shared/eval/quotes_eval.py`` (the Gender Gap Tracker's protocol: a quote
matches when shared words cover 30 % of both the gold and the extracted quote;
the speaker is right when the actor's name or an alias shares a capitalised
word with a gold source that names someone).

PolNeAR's gold lists only quotes of three words or more, so two figures are
printed: every position's quote as written (``as written``), and each
distinct (article, actor, quote) of three words or more once (``3+ words``,
like with like).  Since quote records are themselves quotations of three words
or more, one per quoted passage (``extract.quotes.is_quotation``,
``QuoteRecords``), the two agree; the second stays as a check.

PolNeAR's gold lists no quote set in PTB marks (````...''``).  Its README
defines a gold quote as the part of an annotated attribution's content that
"stands inside quotation marks" and describes the texts as having "typographic
or ASCII quotes"; the New York Times articles quote with PTB marks instead, and
there the conversion found no quotation marks: the 116 train and 7 dev articles
that quote that way hold ~1,800 and ~120 pairs of PTB marks but 2 and 0 gold
quotes (the 2 stand at ASCII ``"`` marks), while the 5 dev NYT articles with
ASCII quotes have 92.  So the gold of those articles is incomplete, not their
quotes absent, and extraction keeps them (the project reads PTB quotes).  Two
figures are printed: ``as scored`` (every article, the shared scorer as it is)
and ``gold-complete`` (the PTB-quoting articles set aside, chosen by their text
alone -- two ``''`` marks -- never by what was extracted), with a line saying
how many quotes were extracted in the articles set aside.

Develop on ``train``; ``dev`` is the measurement.  ``--misses N`` prints how
many quotes were extracted in the PTB articles, N unmatched gold quotes, N
extracted quotes outside the PTB articles that matched no gold (with their
sentence) and N wrong speakers (for train only, unless ``--look`` says you
accept that dev figures become in-sample).

Usage:  .venv/bin/python scripts/eval_quotes.py [--split dev|train] [--keep DIR] [--misses N]
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import sys
import tempfile
import time
from contextlib import redirect_stdout
from functools import lru_cache
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "polnear"
SCORER = SHARED / "eval" / "quotes_eval.py"


@lru_cache(maxsize=1)
def scorer():
    """The shared scorer, imported from its file (it is not a package)."""
    spec = importlib.util.spec_from_file_location("quotes_eval", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def extract(split: str, project: Path, jobs: int = 1) -> float:
    """``briefing extract --all`` of the split into *project*; seconds taken."""
    from generator import pipeline
    from generator.config import load_config

    project.mkdir(parents=True, exist_ok=True)
    cfg = load_config(project, articles=CORPUS / split / "articles.jsonl", relevance=False, jobs=jobs)
    t0 = time.perf_counter()
    pipeline.extract(cfg)
    return time.perf_counter() - t0


def three_words_or_more(data: Path, out: Path) -> Path:
    """A copy of *data*'s actors and positions in which a quote under three
    words is blanked, as PolNeAR's gold leaves such quotes out, and so is a
    quote an actor's earlier position in the same article already carries
    (one quote with two stances is one extracted quote)."""
    from generator.extract.quotes import MIN_WORDS, _n_words
    import yaml

    out.mkdir(parents=True, exist_ok=True)
    (out / "actors.yaml").write_bytes((data / "actors.yaml").read_bytes())
    positions = yaml.safe_load((data / "positions.yaml").read_text(encoding="utf-8")) or []
    seen = set()
    for p in positions:
        said = (p["sources"][0]["article"] if p.get("sources") else "", p.get("actor"), p.get("quote"))
        if p.get("quote") and (_n_words(p["quote"]) < MIN_WORDS or said in seen):
            p["quote"] = ""
        seen.add(said)
    (out / "positions.yaml").write_text(yaml.safe_dump(positions, allow_unicode=True), encoding="utf-8")
    return out


def score(gold: Path, data: Path) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        scorer().main(str(gold), str(data))
    return out.getvalue().strip()


def ptb_articles(split: str) -> set[str]:
    """Ids of the split's articles that quote with PTB ``''`` marks (by their text alone)."""
    out = set()
    for line in open(CORPUS / split / "articles.jsonl", encoding="utf-8"):
        a = json.loads(line)
        if a["text"].count("''") >= 2:
            out.add(a["id"])
    return out


def ptb_summary(split: str, data: Path) -> str:
    """How many articles quote with PTB marks, their mark pairs, gold quotes and extracted quotes."""
    ptb = ptb_articles(split)
    texts = [a["text"] for a in map(json.loads, open(CORPUS / split / "articles.jsonl", encoding="utf-8"))
             if a["id"] in ptb]
    pairs = sum(t.count("``") + t.count("''") for t in texts) // 2  # NYT opens with '' too
    gold = sum(len(g["quotes"]) for g in read_gold(CORPUS / split / "gold.jsonl") if g["id"] in ptb)
    got = sum(len(predictions(data).get(a, [])) for a in ptb)
    return (f"PTB-quoting articles set aside: {len(ptb)}, with ~{pairs} pairs of PTB marks, "
            f"{gold} gold quotes, {got} extracted quotes")


def without_ptb_articles(split: str, out: Path) -> Path:
    """The split's gold without the articles that quote with PTB ``''`` marks
    (the gold has no quotes for them); the scorer counts extracted quotes
    only in the gold's articles."""
    ptb = ptb_articles(split)
    keep = [line for line in open(CORPUS / split / "gold.jsonl", encoding="utf-8")
            if json.loads(line)["id"] not in ptb]
    out.write_text("".join(keep), encoding="utf-8")
    return out


def read_gold(path: Path) -> list[dict]:
    """The gold articles of a ``gold.jsonl``, each line parsed once."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def predictions(data: Path) -> dict[str, list[tuple[str, str, str]]]:
    """Article id -> its extracted (quote, actor id, sentence), as the scorer reads
    ``positions.yaml``: a position with a quote, at its first source."""
    out: dict[str, list] = {}
    for p in scorer().load(data / "positions.yaml"):
        q = (p.get("quote") or "").strip()
        if q and p.get("sources"):
            out.setdefault(p["sources"][0]["article"], []).append((q, p.get("actor"), p["sources"][0]["text"]))
    return out


def match(quotes: list[dict], cand: list[tuple]) -> list[tuple[dict, Optional[int]]]:
    """Each gold quote of an article with the index in *cand* (its extracted quotes) of the one
    it matches, or None -- as the scorer matches: shared words cover 30 % of both, the
    best-covering extracted quote not yet used."""
    ev = scorer()
    out, used = [], set()
    for gq in quotes:
        best, bi = 0.0, None
        for i, (q, *_rest) in enumerate(cand):
            og, op = ev.overlap(gq["text"], q)
            if i not in used and og >= 0.3 and op >= 0.3 and og + op > best:
                best, bi = og + op, i
        if bi is not None:
            used.add(bi)
        out.append((gq, bi))
    return out


def name_speakers(gold_path: Path, data: Path) -> str:
    """Speaker accuracy on the matched quotes whose gold source is a name.

    The scorer counts every source with a capitalised word, so a description
    ("the Florida senator", "the Clinton campaign's spokesman") is scored
    against the actor's name, which can never share its words.  Which sources
    name someone is decided as the actors benchmark decides it
    (``benchmarks.actors_eval.named_source``, on the trained parse of the
    source); the speaker is right as the scorer says (a shared name word)."""
    from benchmarks.actors_eval import named_source
    from generator.extract.model import load

    ev = scorer()
    actors = {a["id"]: a for a in ev.load(data / "actors.yaml")}
    preds = predictions(data)
    scored = [(gq["source"], preds[g["id"]][bi][1]) for g in read_gold(gold_path)
              for gq, bi in match(g["quotes"], preds.get(g["id"], []))
              if bi is not None and ev.source_names(gq["source"])]
    sources = sorted({src.strip(" ,") for src, _ in scored})
    named = {src for src, doc in zip(sources, load("").pipe(sources)) if named_source(doc) is not None}
    names = [(src, a) for src, a in scored if src.strip(" ,") in named]
    ok = sum(1 for src, a in names if ev.names_of(actors.get(a) or {}) & ev.source_names(src))
    return f"speaker on name sources {ok / len(names) if names else 0.0:.3f} ({ok}/{len(names)}; descriptions aside)"


def misses(split: str, data: Path, n: int) -> None:
    """Print up to *n* gold quotes nothing matched, *n* extracted quotes that matched no gold
    outside the PTB articles (with their sentence), and *n* wrong speakers; and how many
    extracted quotes the PTB articles hold (the gold lists none there)."""
    ev = scorer()
    actors = {a["id"]: a for a in ev.load(data / "actors.yaml")}
    preds = predictions(data)
    gold = read_gold(CORPUS / split / "gold.jsonl")
    ptb = ptb_articles(split)
    print(f"--- extracted in the {len(ptb)} PTB articles (no gold there): "
          f"{sum(len(preds.get(a, [])) for a in ptb)}")
    lost, extra, wrong = [], [], []
    for g in gold:
        cand = preds.get(g["id"], [])
        found = match(g["quotes"], cand)
        for gq, bi in found:
            if bi is None:
                lost.append((g["id"], gq["text"], gq["source"]))
                continue
            want = ev.source_names(gq["source"])
            actor = actors.get(cand[bi][1]) or {}
            if want and not ev.names_of(actor) & want:
                wrong.append((g["id"], gq["text"][:80], gq["source"], actor.get("name")))
        if g["id"] not in ptb:
            used = {bi for _, bi in found}
            extra += [(g["id"], q, (actors.get(a) or {}).get("name"), sent)
                      for i, (q, a, sent) in enumerate(cand) if i not in used]
    for title, rows in (("missed gold", lost), ("extracted, no gold (PTB articles aside)", extra),
                        ("wrong speaker", wrong)):
        print(f"--- {title}: {len(rows)}")
        for r in rows[:n]:
            print("  ", " | ".join(str(x)[:160] for x in r))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--keep", type=Path, help="scratch project folder to keep (default: a temporary one)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--misses", type=int, default=0, help="print this many misses of each kind")
    ap.add_argument("--look", action="store_true", help="allow --misses on dev (its figure is then in-sample)")
    args = ap.parse_args(argv)
    if not (CORPUS / args.split / "gold.jsonl").exists() or not SCORER.exists():
        print(f"PolNeAR or its scorer is not available under {SHARED}", file=sys.stderr)
        return 2
    if args.misses and args.split == "dev" and not args.look:
        print("--misses on dev makes its figure in-sample; add --look to accept that", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="briefing-quotes-") as tmp:
        project = args.keep or Path(tmp)
        secs = extract(args.split, project, args.jobs)
        gold = CORPUS / args.split / "gold.jsonl"
        print(f"PolNeAR {args.split}, extraction {secs:.1f} s")
        print(f"  as scored (every article): {score(gold, project / 'data')}; "
              f"{name_speakers(gold, project / 'data')}")
        three = three_words_or_more(project / "data", Path(tmp) / "three")
        print(f"  3+ words, every article:   {score(gold, three)}")
        no_ptb = without_ptb_articles(args.split, Path(tmp) / "gold-no-ptb.jsonl")
        print(f"  gold-complete (PTB-quoting articles aside): {score(no_ptb, three)}")
        print(f"  {ptb_summary(args.split, project / 'data')}")
        if args.misses:
            misses(args.split, project / "data", args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
