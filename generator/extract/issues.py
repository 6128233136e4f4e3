"""Issues derived from the corpus: the propositions its actors take sides on.

Every stanced position has a target ("a no-fly zone over Syria", "gun-control
measures", "Donald Trump").  Targets are grouped into issues, in this order:

1. **The editor's issues** (``data/issues.yaml`` records marked ``edited`` or
   ``pinned``): a target holding one of their keywords is theirs.  So a
   renamed, merged (keywords moved) or split (keywords divided) issue stays
   as the editor left it on every re-extraction.
2. **Actors as targets**: "attacked Trump", "called him a liar" -- the issue
   is the actor (a column "Donald Trump" shows who is for and against him).
3. **Shared propositions**: targets grouped by their content lemmas, most
   specific first ("gun control measure", then "control measure", then
   "measure"); a group becomes an issue when at least :data:`MIN_ACTORS`
   actors take a stance in it, labelled by its commonest wording.
4. **The seed lexicon** (the built-in ``generator/data/issues.yaml`` and the
   issues of earlier extractions): a target holding one of its keywords.
5. Whatever is left goes to ``other``.

A pure function of its inputs, over positions sorted by article: the same
corpus gives the same issues, whatever the order articles were extracted in.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Optional

from ..models import Issue
from .actors import slug
from .gazetteer import DEMONYMS

MIN_ACTORS = 2
"""Actors (distinct) that must take a stance on a target before it is an issue of its own."""

OTHER = Issue(id="other", label="Other statements", keywords=[])

_VAGUE = frozenset((
    "it", "this", "that", "thing", "something", "anything", "everything", "what", "which", "one", "way", "lot",
    "people", "statement", "comment", "remark", "issue", "matter", "time", "idea", "he", "she", "they", "him",
    "her", "them", "you", "we", "i", "us", "me", "question", "point", "part", "fact", "case", "situation",
    "country", "world", "year", "day", "week", "today", "move", "step", "action", "effort", "measure", "plan",
    "decision", "position", "view", "need", "right", "job", "work", "side", "place", "number", "report",
    "news", "story", "word", "term", "kind", "sort", "other", "more", "all", "some", "those", "these",
    "be", "do", "have", "get", "make", "go", "say", "take", "see", "come", "know", "think", "want", "stop",
    "himself", "herself", "themselves", "itself", "nothing", "everyone", "anyone", "someone", "everybody",
    "anybody", "somebody", "nobody", "none", "much", "many", "lot", "bit", "here", "there", "now", "own",
    "yourself", "myself", "ourselves", "yourselves",
))


@dataclass
class Item:
    """One position as the issue step sees it."""

    actor: str          # actor id
    stance: str
    target: str
    key: str
    about: Optional[str]  # actor id of the target, when it is an actor
    text: str           # quote or statement (for the seed lexicon when there is no target)
    article: str = ""
    sent: int = 0


def _person_fold(actor_names: dict[str, str], persons: set[str], weight: dict[str, int]) -> dict[str, str]:
    """Actors named after a person ("Assad Syria", "Al-Assad Government", "Assad") -> that
    person, so stances on them are one issue: a word of their name is the surname of a person
    with a full name mentioned more than once (the most mentioned of that surname), who is
    better known than they are."""
    by_surname: dict[str, str] = {}
    for aid in sorted(persons, key=lambda a: (-weight.get(a, 0), a)):
        words = actor_names.get(aid, "").lower().replace("-", " ").split()
        if len(words) >= 2 and len(words[-1]) > 3 and weight.get(aid, 0) > 1 and _surname(words):
            by_surname.setdefault(words[-1], aid)
    out = {}
    for aid, name in sorted(actor_names.items()):
        words = name.lower().replace("-", " ").split()
        hits = {by_surname[w] for w in words if w in by_surname} - {aid}
        if len(hits) == 1 and (aid not in persons or len(words) == 1 or weight.get(aid, 0) <= 1):
            person = hits.pop()
            if weight.get(aid, 0) < weight.get(person, 0):  # never a better-known actor ("Syria")
                out[aid] = person
    return out


def _surname(words: list[str]) -> str:
    """The last of a name's (lower-case) words, when it can be a surname: not a demonym.  The
    recognizer sometimes takes a name and the word after it for one person ("Ahmad Syrian
    refugee"); that "surname" would draw every "Syrian government" and "Syrian opposition"
    into a column named after him."""
    return words[-1] if words and words[-1] not in DEMONYMS else ""


def vague_item(it: Item) -> bool:
    """A stanced item whose target names nothing ("it", "you", "this", "anything") and no actor."""
    return it.stance != "neutral" and not it.about and it.key.split("|")[0] in _PRONOUN_KEYS


_PRONOUN_KEYS = frozenset((
    "", "it", "this", "that", "these", "those", "thing", "something", "anything", "everything", "nothing", "what",
    "which", "one", "someone", "anyone", "everyone", "he", "she", "they", "him", "her", "them", "you", "we", "i",
    "us", "me", "himself", "herself", "themselves", "itself", "yourself", "myself", "ourselves", "yourselves"))


def _vague(key: str) -> bool:
    head = key.split("|")[0]
    return not head or head in _VAGUE


def _levels(key: str) -> list[str]:
    """Candidate group keys, most specific first: the whole key, its last two words, its head."""
    words = [w for w in key.split() if w not in _VAGUE or w == key]
    out = []
    for n in (len(words), 2, 1):
        if 0 < n <= len(words):
            k = " ".join(words[-n:])
            if k not in out and k not in _VAGUE:
                out.append(k)
    return out


def _keyword_index(issues: list[Issue]):
    """One regex over every keyword: target text -> first issue (in list order) it names."""
    alts, ids = [], {}
    for n, iss in enumerate(issues):
        if iss.keywords:
            ids[f"i{n}"] = iss.id
            words = "|".join(re.escape(k) for k in sorted(iss.keywords, key=len, reverse=True))
            alts.append(f"(?P<i{n}>{words})")
    if not alts:
        return lambda text: None
    rx = re.compile(r"\b(?:" + "|".join(alts) + r")(?:s|es|ed|ing)?\b", re.I)

    def find(text: str) -> Optional[str]:
        m = rx.search(text)
        return ids[m.lastgroup] if m else None

    return find


def derive(items: list[Item], lexicon: list[Issue], actor_names: dict[str, str],
           min_actors: int = MIN_ACTORS, persons: Optional[set[str]] = None,
           weight: Optional[dict[str, int]] = None) -> tuple[list[Issue], list[str]]:
    """The corpus's issues and each item's issue id (same order as *items*).  *persons*: the
    ids of actors that are people (an actor-issue named after one folds into theirs);
    *weight*: actors' mention counts (the better-known of two with one name wins)."""
    curated = [i for i in lexicon if (i.edited or i.pinned) and i.id != OTHER.id]
    seed = [i for i in lexicon if i not in curated and i.id != OTHER.id]
    by_curated = _keyword_index(curated)
    by_seed = _keyword_index(seed)
    out: list[Optional[str]] = [None] * len(items)
    made: dict[str, Issue] = {i.id: i for i in curated}

    for n, it in enumerate(items):
        got = by_curated(" ".join((it.target, it.key))) if (it.target or it.key) else None
        if got is None and it.stance == "neutral":
            got = by_curated(it.text)
        out[n] = got

    # actors as targets (named as the target's head, or as a key that is an actor's name)
    # names -> actor: full names first, then surnames; the most mentioned actor wins a tie
    weight = weight or {}
    order = sorted(actor_names, key=lambda a: (-weight.get(a, 0), a))
    # (a hyphen is a space in a target's key: "al-Assad" is "al assad" there)
    named: dict[str, str] = {}
    for aid in order:
        full = " ".join(actor_names[aid].lower().split())
        named.setdefault(full, aid)
        named.setdefault(full.replace("-", " "), aid)
    for aid in order:
        words = actor_names[aid].lower().split()
        if len(words) > 1 and _surname(words):
            named.setdefault(words[-1], aid)
            named.setdefault(words[-1].replace("-", " "), aid)

    fold = _person_fold(actor_names, persons or set(), weight or {})
    named = {k: fold.get(v, v) for k, v in named.items()}
    for it in items:
        if it.about in fold:
            it.about = fold[it.about]
    for n, it in enumerate(items):
        if out[n] is None and not it.about and it.stance != "neutral":
            head = it.key.split("|")[0]
            if head in named and named[head] != it.actor:
                it.about = named[head]
    for n, it in enumerate(items):
        if out[n] is None and it.about and it.stance != "neutral" and it.about in actor_names:
            iid = f"on-{it.about}"[:80]
            made.setdefault(iid, Issue(id=iid, label=actor_names[it.about], keywords=[actor_names[it.about].lower()]))
            out[n] = iid

    # shared propositions: of a target's candidate keys (its head's, then its other nouns',
    # each at three levels), the one most actors share, if enough do
    holders: dict[str, set[str]] = defaultdict(set)
    cands: dict[int, list[str]] = {}
    rank: dict[int, dict[str, int]] = {}  # candidate key -> which noun of the target it comes from
    for n, it in enumerate(items):
        if out[n] is None and it.stance != "neutral":
            rank[n] = {k: i for i, part in enumerate(it.key.split("|")) for k in reversed(_levels(part))}
            # an actor's name is an issue only at the head of the target (below), never a group
            cands[n] = [k for part in it.key.split("|") for k in _levels(part)
                        if k not in named or rank[n][k] == 0]
            for k in cands[n]:
                holders[k].add(it.actor)
    count = Counter(k for ks in cands.values() for k in set(ks))
    seed_word = {k.replace("-", " ").rstrip("s") if len(k) > 4 else k: i.id for i in reversed(seed) for k in i.keywords}
    wording: dict[str, Counter] = defaultdict(Counter)
    group_of: dict[int, str] = {}
    for n, ks in cands.items():
        # most actors, nouns nearer the target's head first (half an actor per noun further away)
        # a key that makes an issue beats one that does not ("national service", shared by four of
        # Clinton's positions, over "participate national service", held by one)
        best = max(ks, key=lambda k: (len(holders[k]) >= min_actors or count[k] >= min_actors,
                                      len(holders[k]) - 0.5 * rank[n][k], -ks.index(k)), default=None)
        if best in named and named[best] != items[n].actor and rank[n][best] == 0:
            items[n].about = named[best]
            iid = f"on-{named[best]}"[:80]
            made.setdefault(iid, Issue(id=iid, label=actor_names[named[best]], keywords=[best]))
            out[n] = iid
            continue
        if best in seed_word:  # "sanction", "ceasefire": the seed lexicon's own word names it
            out[n] = seed_word[best]
            continue
        if best is None or (len(holders[best]) < min_actors and count[best] < min_actors):
            continue  # an actor merely named inside a target ("calls for Assad to step down") is no issue
        group_of[n] = best
        wording[best][_label(items[n].target, best)] += 1
    taken = set(made) | {i.id for i in seed} | {OTHER.id}
    group_id: dict[str, str] = {}
    for k in sorted(wording):
        label = sorted(wording[k].items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0][0]
        iid = slug(k)  # the extracted ids' slug: at most 60 characters, never empty
        while iid in taken:
            iid = f"{iid}-x"
        taken.add(iid)
        group_id[k] = iid
        made[iid] = Issue(id=iid, label=label, keywords=[k])
    for n, k in group_of.items():
        out[n] = group_id[k]

    # the seed lexicon
    for n, it in enumerate(items):
        if out[n] is None:
            got = by_seed(" ".join((it.target, it.key))) if (it.target or it.key) else None
            out[n] = got
    # a stance on "it", "this" or nothing named is on what the sentences just before were about
    last: dict[str, tuple[int, str]] = {}
    for n, it in enumerate(items):
        if out[n] is None and it.stance != "neutral" and _vague(it.key):
            prev = last.get(it.article)
            if prev is not None and 0 <= it.sent - prev[0] <= 2:
                out[n] = prev[1]
        if out[n] is not None and it.stance != "neutral":
            last[it.article] = (it.sent, out[n])
    # last, the seed lexicon on the whole statement ("... on the Affordable Care Act")
    for n, it in enumerate(items):
        if out[n] is None:
            out[n] = by_seed(it.text)
    out = [o or OTHER.id for o in out]
    used = set(out)
    issues = [i for i in lexicon if i.id in used or i.pinned or i.edited]
    known = {i.id for i in issues}
    issues += [i for iid, i in made.items() if iid in used and iid not in known]
    if OTHER.id in used and OTHER.id not in {i.id for i in issues}:
        issues.append(OTHER)
    return sorted(issues, key=lambda i: i.id), [o or OTHER.id for o in out]


_TRAILING = frozenset(("for", "to", "of", "on", "in", "at", "by", "with", "and", "or", "the", "a", "an", "that",
                       "from", "as", "his", "her", "their", "its", "over", "against"))


_DETERMINERS = frozenset(("the", "a", "an", "his", "her", "their", "its"))
_BOUNDARY = _TRAILING - _DETERMINERS | frozenset((
    "could", "would", "should", "will", "may", "might", "must", "can", "into", "is", "was", "be", "been", "were",
    "are", "not", "under", "about", "towards", "toward", "between", "while", "which", "who"))
"""Words a label may start after when the target is too long to show up to its head (and
holds no determiner, where the label starts then)."""


def _label(target: str, key: str) -> str:
    """A readable label from a target's wording: the phrase up to and including the key's
    head word ("Gun-control measures", "The Syrian regime", "A no-fly zone"), at most eight
    words; when the head is further in, the phrase that ends at it, from its last determiner
    or after the last linking word ("could fuel a sectarian civil war" -> "A sectarian civil
    war"), so the label
    always holds the head it is named for."""
    words = target.split()
    head = key.split()[-1] if key else ""
    for i, w in enumerate(words):
        if head and any(part.startswith(head[:4]) for part in w.lower().split("-")):
            words = words[:i + 1]
            break
    if len(words) > 8 and head and words[-1].lower().split("-")[-1].startswith(head[:4]):
        tail = words[-8:]
        start = max((n for n, w in enumerate(tail[:-1]) if w.lower() in _DETERMINERS), default=None)
        if start is None:
            start = max((n + 1 for n, w in enumerate(tail[:-1]) if w.lower() in _BOUNDARY), default=0)
        words = tail[start:]
    words = words[:8]
    while len(words) > 1 and words[-1].lower() in _TRAILING:
        words.pop()
    text = " ".join(words).strip(" ,;:")
    return (text[:1].upper() + text[1:]) if text else key
