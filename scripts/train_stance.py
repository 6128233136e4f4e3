"""Train the learned stance model and score it leave-one-batch-out beside the rules.

Training rows: every (holder, target) candidate of :mod:`generator.extract.learned` in the
articles of the hand-annotated positions batches (``tests/gold/heldout3`` .. ``heldout11``,
``tests/gold/positions-train*``), labelled with the stance of the gold position it matches
(actor, sentence and a target keyword, as :func:`generator.evaluate.evaluate_positions`
matches) or ``none``.  A logistic regression (scikit-learn, lbfgs, L2, deterministic) learns
one weight row per class; the model is written as JSON (``generator/data/stance_model.json``)
and run at extraction time as a dot product, without scikit-learn.

**Leave-one-batch-out** is the honest figure: for each batch, a model trained on all the
other batches extracts that batch's articles with the real pipeline (``positions: learned``
and ``mix``), scored by the real scorer, printed beside the rules (``positions: rules``) on
the same batch.  The rules were written while reading the heldout batches, so their figures
there are in-sample; a ``positions-train`` batch no rule was fitted to is fair to both.

Batches named ``heldout12`` or later are never read here: they are the held-out test.

Usage (from the project root):
  .venv/bin/python scripts/train_stance.py            # cross-validation table
  .venv/bin/python scripts/train_stance.py --write    # and write the model trained on all batches
  .venv/bin/python scripts/train_stance.py --score tests/gold/heldout12   # a held-out batch, each mode
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import ingest  # noqa: E402
from generator.config import Config  # noqa: E402
from generator.evaluate import _norm, _qnorm, combine, evaluate_positions, load_positions_gold  # noqa: E402
from generator.extract import extract_briefing, learned  # noqa: E402
from generator.extract.actors import extract_actors  # noqa: E402
from generator.extract.nlp import normalize, parse, words_of  # noqa: E402
from generator.extract.positions import extract_positions  # noqa: E402
from generator.extract.quotes import extract_quotes, paragraph_starts  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
C = 0.3
"""L2 strength (inverse): chosen before the cross-validation was run, not tuned on it."""


def batches() -> list[Path]:
    """The training batches: held-out 3 to 11 and every positions-train folder (never 12 on)."""
    out = []
    for p in sorted((ROOT / "tests" / "gold").iterdir()):
        m = re.fullmatch(r"heldout(\d+)", p.name)
        if m and 3 <= int(m.group(1)) <= 11 or p.name.startswith("positions-train"):
            if list(p.glob("*.yaml")):
                out.append(p)
    return sorted(out, key=lambda p: (not p.name.startswith("heldout"), int(re.sub(r"\D", "", p.name) or 0)))


def articles_of(folder: Path) -> tuple[list, dict]:
    """The batch's articles (read in place from the corpora) and article id -> its gold."""
    golds = [load_positions_gold(g) for g in sorted(folder.glob("*.yaml"))]
    by_corpus: dict[str, set[str]] = {}
    gold_of = {}
    for g in golds:
        by_corpus.setdefault(g["corpus"], set()).update(g["sources"])
        for src in g["sources"]:
            gold_of[src] = g
    arts = []
    for corpus, ids in sorted(by_corpus.items()):
        found, _ = ingest.read_articles(CORPORA / corpus / "articles.jsonl")
        arts.extend(a for a in found if a.id in ids)
    return sorted(arts, key=lambda a: a.id), gold_of


def rows_of(folder: Path) -> tuple[list[dict], list[str], int, int]:
    """(features, labels, gold positions, gold positions some candidate matches) of a batch."""
    arts, gold_of = articles_of(folder)
    X, y = [], []
    n_gold = reachable = 0
    for a in arts:
        texts = [normalize(s.text) for s in a.sentences]
        docs = parse(texts)
        doc = extract_actors(a.id, texts, [words_of(d) for d in docs], docs=docs)
        quotes = extract_quotes(texts, doc, docs, paragraph_starts(a.raw, ((s.start, s.end) for s in a.sentences)))
        collected: list = []
        extract_positions(docs, texts, doc, quotes, "rules", collect=collected)
        headline = set(a.headline())
        gold = gold_of[a.id]
        forms: dict[str, set[str]] = {}
        for g in gold.get("actors") or []:
            fs = {_norm(g["name"]), *(_norm(x) for x in g.get("aliases") or [])}
            for f in fs:
                forms.setdefault(f, set()).update(fs)
        gps = gold.get("positions") or []
        hit = set()
        for s, cands in collected:
            if s.n in headline:
                continue
            for c in cands:
                label, k = _label(s, c, gps, forms, doc.entities)
                X.append(learned.features(s, c))
                y.append(label)
                if k is not None:
                    hit.add(k)
        n_gold += len(gps)
        reachable += len(hit)
    return X, y, n_gold, reachable


def _label(s, c, gps: list, forms: dict, entities: dict) -> tuple[str, int | None]:
    """The gold stance the candidate matches (and its index), else ("none", None)."""
    e = entities.get(c.holder)
    if e is None:
        return "none", None
    mine = {_norm(e.name), *(_norm(x) for x in e.aliases), *(_norm(x) for x in e.names)}
    q = s.quote_at(c.cue)
    where = _qnorm(" ".join([s.text, q.text if q is not None else ""]))
    what = _qnorm(c.raw.target if c.raw is not None else learned.target_text(c.target)[0])
    for k, g in enumerate(gps):
        want = forms.get(_norm(g["actor"]), {_norm(g["actor"])})
        if not mine & want or _qnorm(g["sentence"]) not in where:
            continue
        kws = [_qnorm(str(x)) for x in g.get("keywords") or []]
        if not kws or any(x in what for x in kws):
            return g["stance"], k
    return "none", None


def train(X: list[dict], y: list[str]) -> learned.StanceModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sort=True)
    M = vec.fit_transform(X)
    clf = LogisticRegression(C=C, max_iter=5000, solver="lbfgs")
    clf.fit(M, y)
    classes = [str(c) for c in clf.classes_]
    coef = clf.coef_ if len(classes) > 2 else None
    if coef is None:  # two classes: sklearn keeps one row (for the second class)
        import numpy as np

        coef = np.vstack([-clf.coef_[0] / 2, clf.coef_[0] / 2])
        bias = [-clf.intercept_[0] / 2, clf.intercept_[0] / 2]
    else:
        bias = list(clf.intercept_)
    names = vec.get_feature_names_out()
    weights = {}
    for j, name in enumerate(names):
        row = [round(float(coef[k, j]), 4) for k in range(len(classes))]
        if any(abs(w) >= 1e-3 for w in row):
            weights[str(name)] = row
    return learned.StanceModel.from_dict({"classes": classes, "bias": [round(float(b), 4) for b in bias],
                                          "weights": weights})


def score(folder: Path, mode: str, m: learned.StanceModel | None = None):
    """The batch's report with the real pipeline and scorer, in *mode*."""
    arts, _ = articles_of(folder)
    cfg = Config(root=ROOT, relevance=False, positions=mode)
    if m is None:
        b = extract_briefing(arts, cfg)
    else:
        with learned.using(m):
            b = extract_briefing(arts, cfg)
    return combine([evaluate_positions(b, g) for g in sorted(folder.glob("*.yaml"))])


def _cell(rep) -> str:
    s = rep.scores["positions"]
    return f"{s.precision:.2f} / {s.recall:.2f} / {s.f1:.2f}"


def dumps(model: dict) -> str:
    """The model as JSON, one feature's weights per line (a diff shows which weights moved)."""
    head = {k: v for k, v in model.items() if k != "weights"}
    lines = [json.dumps(k) + ": " + json.dumps(v) for k, v in head.items()]
    rows = [json.dumps(k) + ": " + json.dumps(v) for k, v in model["weights"].items()]
    return "{\n" + ",\n".join(lines) + ',\n"weights": {\n' + ",\n".join(rows) + "\n}}\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="write the model trained on every batch")
    ap.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    ap.add_argument("--score", metavar="FOLDER", help="score a gold folder (e.g. tests/gold/heldout12) once in "
                    "each mode with the packaged model, train nothing, and stop")
    args = ap.parse_args()
    if args.score:
        folder = Path(args.score).resolve()
        print("| batch | rules P / R / F1 | learned P / R / F1 | mix P / R / F1 |\n|---|---|---|---|")
        reps = {k: score(folder, k) for k in ("rules", "learned", "mix")}
        print(f"| {folder.name} | " + " | ".join(_cell(reps[k]) for k in ("rules", "learned", "mix")) + " |")
        for k, r in reps.items():
            s = r.scores["positions"]
            print(f"{k}: P {s.tp_p}/{s.n_p}  R {s.tp_r}/{s.n_r}")
        return
    folders = batches()
    data = {}
    for f in folders:
        X, y, n, reach = rows_of(f)
        data[f.name] = (X, y)
        pos = sum(1 for v in y if v != "none")
        print(f"{f.name}: {len(y)} candidates, {pos} labelled with a stance; "
              f"{reach} of {n} gold positions have a matching candidate", flush=True)
    if not args.no_cv:
        print("\n| batch | rules P / R / F1 | learned P / R / F1 | mix P / R / F1 |\n|---|---|---|---|")
        totals: dict[str, list] = {"rules": [], "learned": [], "mix": []}
        for f in folders:
            X = [x for k, (xs, _) in data.items() if k != f.name for x in xs]
            y = [v for k, (_, ys) in data.items() if k != f.name for v in ys]
            m = train(X, y)
            reps = {"rules": score(f, "rules"), "learned": score(f, "learned", m), "mix": score(f, "mix", m)}
            for k, r in reps.items():
                totals[k].append(r)
            print(f"| {f.name} | " + " | ".join(_cell(reps[k]) for k in ("rules", "learned", "mix")) + " |",
                  flush=True)
        micro = {k: combine(v) for k, v in totals.items()}
        print("| micro | " + " | ".join(_cell(micro[k]) for k in ("rules", "learned", "mix")) + " |")
        fresh = [i for i, f in enumerate(folders) if f.name.startswith("positions-train")]
        if fresh:  # batches no rule was written against: the rules' figures there are out of sample too
            sub = {k: combine([v[i] for i in fresh]) for k, v in totals.items()}
            print("| micro, positions-train only | " + " | ".join(_cell(sub[k]) for k in ("rules", "learned", "mix"))
                  + " |")
        for k, r in micro.items():
            s = r.scores["positions"]
            print(f"{k}: P {s.tp_p}/{s.n_p}  R {s.tp_r}/{s.n_r}")
    if args.write:
        X = [x for xs, _ in data.values() for x in xs]
        y = [v for _, ys in data.values() for v in ys]
        m = train(X, y)
        out = {"about": "Stance model of generator/extract/learned.py, written by scripts/train_stance.py "
                        f"(logistic regression, C={C}) from {', '.join(data)}; {len(y)} candidates.",
               "classes": list(m.classes), "bias": list(m.bias),
               "weights": {k: list(v) for k, v in sorted(m.weights.items())}}
        learned.MODEL.write_text(dumps(out), "utf-8")
        print(f"wrote {learned.MODEL.relative_to(ROOT)} ({len(m.weights)} features)")


if __name__ == "__main__":
    main()
