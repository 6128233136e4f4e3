"""Positions on a corpus: how many, how many under a catch-all issue, who the matrix rows are.

    .venv/bin/python scripts/measure_positions.py ../shared/corpora/t17-syria/articles.jsonl [--no-seed]

Prints the count of stanced positions, the share filed under a catch-all issue
(``other``, or an issue whose label says "other"), the issues with most actors
and the actors with most stanced positions that may be the matrix's rows
(``render.matrix_row_ok``: no news outlets, no fragments), then the actors the
matrix leaves out.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from generator import ingest
from generator.config import Config
from generator.extract import extract_briefing
from generator.models import Issue
from generator.render import matrix_row_ok

REPO = Path(__file__).resolve().parent.parent


def main(path: str, seed: bool = True) -> None:
    arts, _ = ingest.read_articles(Path(path))
    t = time.time()
    lexicon = None if seed else [Issue(id="other", label="Other statements")]
    b = extract_briefing(arts, Config(root=REPO), issues=lexicon)
    took = time.time() - t
    label = {i.id: i.label for i in b.issues}
    names = {a.id: a.name for a in b.actors}
    stanced = [p for p in b.positions if p.stance != "neutral"]
    catch = [p for p in stanced if p.issue == "other" or "other" in label.get(p.issue, "").lower()]
    print(f"{path}: {len(arts)} articles, {took:.0f} s, seed lexicon {'on' if seed else 'off'}")
    print(f"positions: {len(b.positions)}, stanced: {len(stanced)}, under a catch-all issue: "
          f"{len(catch)} (share {len(catch) / max(1, len(stanced)):.3f})")
    actors_per_issue = Counter()
    for iid in {p.issue for p in stanced}:
        actors_per_issue[iid] = len({p.actor for p in stanced if p.issue == iid})
    print("issues with most actors:")
    for iid, n in actors_per_issue.most_common(15):
        print(f"  {n:4d}  {label.get(iid, iid)}")
    outlets = frozenset(s.outlet.lower() for s in b.sources if s.outlet)
    row = {a.id: matrix_row_ok(a, outlets) for a in b.actors}
    per_actor = Counter(p.actor for p in stanced)
    print("actors with most stanced positions (the matrix's rows):")
    for aid, n in [(a, n) for a, n in per_actor.most_common() if row.get(a)][:25]:
        print(f"  {n:4d}  {names.get(aid, aid)}")
    print("left out of the matrix (outlets, fragments):",
          ", ".join(f"{names.get(a, a)} ({n})" for a, n in per_actor.most_common() if not row.get(a)) or "none")


if __name__ == "__main__":
    main(sys.argv[1], seed="--no-seed" not in sys.argv)
