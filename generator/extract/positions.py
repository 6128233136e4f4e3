"""Positions: who stands where on which issue, by attitude verbs + an issue lexicon.

A position is (actor, issue, stance).  The actor is the subject of an
attitude or reporting verb (the same "X <verb>" / pronoun patterns as speakers
of quotes), the issue is the first lexicon issue whose keywords occur in the
verb's object (else in the whole sentence), and the stance comes from the verb
("called for" demands, "rejected" rejects, "blocked" opposes, "warned" warns).
A neutral verb ("said", "told") takes its stance from cue words near the issue
("impose sanctions" supports, "lift sanctions" opposes, "inappropriate"
rejects).  Every attributed quote is a position too (the ``other`` issue when
no keyword matches); other sentences need a keyword and a non-neutral stance.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

from ..models import Issue
from .actors import DocActors
from .nlp import lower_safe
from .scan import at_heads, word_heads
from .quotes import PRONOUN_RE, Quote, _APPOS_GAP, _GAP_OK, _Resolver, _WHO_GAP

DATA = Path(__file__).resolve().parent.parent / "data" / "issues.yaml"

# verb -> stance; the regex below is built from these keys (phrases first)
VERB_STANCE = {
    "called for": "demands", "calls for": "demands", "call for": "demands", "demanded": "demands",
    "demands": "demands", "demand": "demands", "urged": "demands", "urges": "demands", "urge": "demands",
    "pressed for": "demands", "pressed": "demands", "pushed for": "demands", "appealed for": "demands",
    "insisted on": "demands", "sought": "demands", "asked": "demands", "recommended": "demands",
    "supported": "supports", "supports": "supports", "backed": "supports", "backs": "supports",
    "welcomed": "supports", "welcomes": "supports", "endorsed": "supports", "approved": "supports",
    "agreed": "supports", "agreed to": "supports", "favoured": "supports", "favored": "supports",
    "proposed": "supports", "voted for": "supports", "praised": "supports", "pledged": "supports",
    "praises": "supports", "promised": "supports", "promises": "supports", "vowed to": "supports",
    "pledged to": "supports", "imposed": "supports", "imposes": "supports", "introduced": "supports",
    "unveiled": "supports", "accepted": "supports", "accepts": "supports", "ready to support": "supports",
    "to support": "supports", "hailed": "supports", "hails": "supports",
    "opposed": "opposes", "opposes": "opposes", "oppose": "opposes", "blocked": "opposes",
    "blocks": "opposes", "vetoed": "opposes", "resisted": "opposes", "condemned": "opposes",
    "condemns": "opposes", "criticised": "opposes", "criticized": "opposes", "voted against": "opposes",
    "refused": "opposes", "refuses": "opposes", "objected": "opposes", "watered down": "opposes",
    "water down": "opposes", "accused": "opposes", "accuses": "opposes",
    "rejected": "rejects", "rejects": "rejects", "reject": "rejects", "dismissed": "rejects",
    "denied": "rejects", "denies": "rejects", "ruled out": "rejects", "denounced": "rejects",
    "warned": "warns", "warns": "warns", "cautioned": "warns", "threatened": "warns",
    "said": "neutral", "says": "neutral", "told": "neutral", "added": "neutral", "noted": "neutral",
    "stated": "neutral", "announced": "neutral", "according to": "neutral", "saying": "neutral",
    "claimed": "neutral", "stressed": "neutral", "insisted": "neutral", "argued": "neutral",
}
_VERB_RE = re.compile(r"\b(" + "|".join(sorted((re.escape(k) for k in VERB_STANCE), key=len, reverse=True)) + r")\b", re.I)
# _VERB_RE without re.I, for lower-cased ASCII text (every key is lower-case ASCII).
_VERB_RE_LOWER = re.compile(_VERB_RE.pattern)


_VERB_HEADS = word_heads(VERB_STANCE)
_VERB_AT_HEADS = at_heads(_VERB_RE_LOWER, _VERB_HEADS)


def _verb_matches(text: str, low: Optional[str] = None):
    """_VERB_RE.finditer(text), faster on *low* = lower_safe(text) (same offsets, lower-case group),
    where the pattern is tried only at word starts with a verb's head (:mod:`.scan`)."""
    if low is not None:
        return _VERB_AT_HEADS.finditer(low)
    return _VERB_RE.finditer(text)


@lru_cache(maxsize=8192)
def _verbs_of(text: str) -> tuple[Optional[str], tuple[re.Match, ...]]:
    """``lower_safe(text)`` and the stance-verb matches in *text* (as
    :func:`_verb_matches` gives them), remembered per text: most sentences
    have none, and finding that out is the scan, repeated for every copy of
    a republished sentence otherwise.  Match objects never change."""
    low = lower_safe(text)
    return low, tuple(_verb_matches(text, low))


CUES = [
    ("rejects", re.compile(r"\b(inappropriate|unacceptable|contradict\w*|interference|not part of|rejected|reject)\b", re.I)),
    ("opposes", re.compile(r"\b(lift\w*|eas(e|ing)|against|oppos(?:e|es|ed|ing)\b|veto\w*|no to|appalling|disgust\w*|deplor\w*|outrag\w*|disappoint\w*|biased|fraud)\b", re.I)),
    ("warns", re.compile(r"\b(warn\w*|grievous mistake|catastroph\w*|danger\w*|(?:will|would|could) respond"
                         r"|further (?:steps|measures|action)|consequences|provocation\w*)\b", re.I)),
    ("demands", re.compile(r"\b(urge[sd]?|urging|call(?:s|ed)? on)\b", re.I)),
    ("supports", re.compile(r"\b(impos\w*|implement\w*|tough\w*|tight\w*|enforc\w*|adopt\w*|support(?:s|ed|ing)?|back(?:s|ed|ing)?|must|should|need to|needs to|hasten|stop buying)\b", re.I)),
]
FOR = {"supports", "demands"}
_PASSIVE = re.compile(r"\b(?:been|being|be|is|are|was|were)\s+(?:\w+ly\s+)?$", re.I)
_STOP_BEFORE = re.compile(r"\b(stop|end|halt|cease|no more|lift|ease|against|an end to)\s+(?:\w+\s+){0,2}$", re.I)


@dataclass
class RawPosition:
    """A position before ids are assigned (plain, picklable)."""

    actor: str      # actor key in DocActors
    issue: str
    stance: str
    sent: int
    statement: str
    quote: str = ""
    confidence: float = 0.6


def load_issues(path: Optional[Path] = None) -> list[Issue]:
    """The default issue lexicon (generator/data/issues.yaml)."""
    return _load_default() if path is None else [Issue(**d) for d in yaml.safe_load(Path(path).read_text("utf-8"))]


@lru_cache(maxsize=1)
def _load_default() -> list[Issue]:
    return [Issue(**d) for d in yaml.safe_load(DATA.read_text("utf-8"))]


class IssueMatcher:
    """First issue (in lexicon order) whose keywords occur in a text."""

    def __init__(self, issues: list[Issue]):
        alts, lower_alts = [], []
        self.ids: dict[str, str] = {}
        for n, iss in enumerate(issues):
            if iss.keywords:
                group = f"i{n}"
                self.ids[group] = iss.id
                words = "|".join(re.escape(k) for k in sorted(iss.keywords, key=len, reverse=True))
                alts.append(f"(?P<{group}>{words})")
                lowered = "|".join(re.escape(k.lower()) for k in sorted(iss.keywords, key=len, reverse=True))
                lower_alts.append(f"(?P<{group}>{lowered})")
        # one pattern for the whole lexicon: a single scan finds the earliest issue
        self.rx = re.compile(r"\b(?:" + "|".join(alts) + r")(?:s|es|ed|ing)?\b", re.I) if alts else None
        # The same pattern, lower-cased and case-sensitive, for ASCII text
        # (lower() keeps offsets there): ~2x faster than re.I, same matches.
        ascii_kw = all(k.isascii() for i in issues for k in i.keywords)
        self.rx_lower = (re.compile(r"\b(?:" + "|".join(lower_alts) + r")(?:s|es|ed|ing)?\b")
                         if alts and ascii_kw else None)
        # first three letters of every keyword: the lowered scan tries the
        # pattern only at word starts with one of them (None: scan everywhere)
        self.heads = word_heads([k.lower() for i in issues for k in i.keywords]) if self.rx_lower else None
        self.rx_at = at_heads(self.rx_lower, self.heads) if self.rx_lower else None
        self.fallback = "other" if any(i.id == "other" for i in issues) else (issues[-1].id if issues else "other")

    def match(self, text: str, low: Optional[str] = None) -> Optional[tuple[str, int]]:
        """The issue mentioned earliest in *text* (lexicon order breaks ties).

        Earliest, not first-in-lexicon: in "threatened to impose tariffs after
        talks in Geneva" the verb's object is about tariffs.  *low*: the
        caller's ``lower_safe(text)``, if it has it.
        """
        if self.rx is None:
            return None
        if self.rx_lower is not None:
            low = low if low is not None else lower_safe(text)
        if self.rx_lower is not None and low is not None:
            m = self.rx_at.search(low)  # = self.rx_lower.search(low), tried only at keyword heads (.scan)
        else:
            m = self.rx.search(text)
        return (self.ids[m.lastgroup], m.start()) if m else None


@lru_cache(maxsize=8192)
def _cue_stance(text: str, at: Optional[int] = None) -> str:
    """Stance from cue words; "stop/end/lift <issue>" is against the issue,
    and a negated "for" cue ("would not support") is against.

    A pure function of its arguments (a few regex scans of the text),
    remembered: quotes and statements recur across articles.  On text
    lower() keeps (:func:`.nlp.lower_safe`) the scans run on the lowered
    text with the patterns compiled without re.I: same matches at the same
    offsets, about half the time (the scans of long quoted statements were
    ~30 us a call at 624 articles)."""
    low = lower_safe(text)
    if low is not None:
        text, cues, neg, stop_before = low, _CUES_LOWER, _NEG_LOWER, _STOP_BEFORE_LOWER
    else:
        cues, neg, stop_before = CUES, _NEG, _STOP_BEFORE
    if at is not None and stop_before.search(text[max(0, at - 30):at]):
        return "opposes"
    for stance, rx in cues:
        m = rx.search(text)
        if m and at is not None and m.group(0).lower() == "against" and m.start() > at:
            m = rx.search(text, 0, at)  # "sanctions against X": "against" names the target
        if m:
            if stance == "supports" and neg.search(text, 0, m.start()):
                return "opposes"
            return stance
    return "neutral"


# "called for / urged the X to be scrapped": demanding an end to X opposes X
_UNDO = re.compile(r"\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[\w\-']+\s+){1,4}to\s+be\s+"
                   r"(?:scrapped|dropped|withdrawn|abandoned|cancell?ed|shelved|lifted|repealed|reversed|halted)\b", re.I)
_NEG = re.compile(r"\b(?:not|n't|never|no longer)\s+(?:\w+\s+)?$", re.I)
# CUES, _NEG and _STOP_BEFORE without re.I, for lower_safe() text (their letters are lower-case a-z)
_CUES_LOWER = [(stance, re.compile(rx.pattern)) for stance, rx in CUES]
_NEG_LOWER = re.compile(_NEG.pattern)
_STOP_BEFORE_LOWER = re.compile(_STOP_BEFORE.pattern)


def _subject(text, sent, vs, mentions, res, quote_ranges) -> list[str]:
    """Actors right before the verb at *vs* (or pronoun), skipping quotes."""
    best = None
    for m in mentions:
        if m.end <= vs and not any(a <= m.start < b for a, b in quote_ranges):
            gap = text[m.end:vs]
            if _GAP_OK.match(gap) or _WHO_GAP.match(gap) or _APPOS_GAP.match(gap):
                best = m
            elif len(gap) <= 50 and not re.search(r"[.;:\u201c\u201d]", gap) and gap.count(",") == 0 and not re.search(r"\b(that|which|who|when|after|because|if|to)\b", gap):
                best = m
    for p in PRONOUN_RE.finditer(text, 0, vs):
        if _GAP_OK.match(text[p.end():vs]) and (best is None or p.start() > best.end):
            key = res.pronoun(p.group(1), sent, p.start())
            return [key] if key else []
    if best is None:
        return []
    keys = [best.key]
    # coordinated subjects: "Russia and China have blocked"
    prev = best
    for m in reversed([m for m in mentions if m.end <= best.start]):
        if re.fullmatch(r"\s*(?:,|and|nor|or|, and)\s*", text[m.end:prev.start]):
            keys.append(m.key)
            prev = m
        else:
            break
    return keys


def extract_positions(texts: list[str], doc: DocActors, quotes: list[Quote], matcher: IssueMatcher) -> list[RawPosition]:
    """Positions of one article, one per (actor, sentence, issue) at most."""
    res = _Resolver(doc)
    by_sent = doc.by_sentence()
    out: dict[tuple[str, int, str], RawPosition] = {}
    qranges: dict[int, list[tuple[int, int]]] = {}
    for q in quotes:
        for s in range(q.sent, q.end_sent + 1):
            a = q.start if s == q.sent else 0
            b = q.end if s == q.end_sent else len(texts[s])
            qranges.setdefault(s, []).append((a, b))

    def keep(p: RawPosition):
        # one position per (actor, sentence, issue, stance); a neutral one only
        # when the actor takes no stance there
        k = (p.actor, p.sent, p.issue, p.stance)
        old = out.get(k)
        if old is None or (p.quote and not old.quote):
            if old is not None and old.quote and not p.quote:
                p.quote = old.quote
            out[k] = p

    for q in quotes:
        if not q.speaker or q.speaker not in doc.entities:
            continue
        statement = " ".join(texts[q.sent:q.end_sent + 1])
        hit = matcher.match(statement)
        issue = hit[0] if hit else matcher.fallback
        stance = VERB_STANCE.get(q.verb, "neutral")
        if stance == "neutral":
            stance = _cue_stance(q.text)
            if stance == "neutral":
                stance = _cue_stance(statement)
        # a title ("told “Good Morning America”") is no quote: the sentence is the statement
        keep(RawPosition(q.speaker, issue, stance, q.end_sent, statement, "" if q.title else q.text, 0.7))

    for s, text in enumerate(texts):
        ranges = qranges.get(s, [])
        prev_subj: tuple[int, list[str]] = (-1, [])
        low, verbs = _verbs_of(text)
        for v in verbs:
            if any(a <= v.start() < b for a, b in ranges):
                continue
            verb = v.group(1).lower()
            stance = VERB_STANCE[verb]
            if _PASSIVE.search(text, 0, v.start()) or _BY.match(text, v.end()):
                if stance != "neutral":  # "was proposed by X", "a truce proposed by X"
                    _passive_agent(text, s, v, stance, by_sent.get(s, []), matcher, doc, keep)
                continue
            if stance in FOR and _NEG.search(text, 0, v.start()):
                stance = "opposes"
            if stance in FOR and _UNDO.match(text, v.end()):
                stance = "opposes"  # "called for the plan to be scrapped"
            obj = text[v.end():]
            obj = re.split(r"[.;]\s|\u201c", obj, maxsplit=1)[0] if stance != "neutral" else obj
            obj_low = low[v.end():v.end() + len(obj)] if low is not None else None  # lower() kept offsets
            hit = matcher.match(obj, obj_low) or (matcher.match(text, low) if stance != "neutral" else None)
            if stance == "neutral":
                if hit is None:
                    continue
                lo = max(0, hit[1] - 40)
                stance = _cue_stance(obj[lo:hit[1] + 40], hit[1] - lo)
                if stance == "neutral":
                    continue
            if hit is None and stance not in ("rejects", "warns", "opposes"):
                continue
            issue = hit[0] if hit else matcher.fallback
            subj = _subject(text, s, v.start(), by_sent.get(s, []), res, ranges)
            if not subj and prev_subj[1] and re.fullmatch(r"[^,.;:\u201c]{0,60}\band\s+", text[prev_subj[0]:v.start()]):
                subj = prev_subj[1]  # "X rejected A and warned B"
            if subj:
                prev_subj = (v.end(), subj)
            for actor in subj:
                if actor in doc.entities:
                    keep(RawPosition(actor, issue, stance, s, text, "", 0.6 if hit else 0.4))
    stanced = {k[:3] for k in out if k[3] != "neutral"}
    for k in [k for k in out if k[3] == "neutral" and k[:3] in stanced]:
        quote = out.pop(k).quote
        for k2 in out:
            if k2[:3] == k[:3] and not out[k2].quote:
                out[k2].quote = quote
    return [out[k] for k in sorted(out)]


_BY = re.compile(r"\s+by\s+(?:the\s+)?", re.I)


def _passive_agent(text, s, v, stance, mentions, matcher, doc, keep) -> None:
    """"The plan was proposed by France": the by-agent takes the stance on the
    issue named before the verb (the passive subject)."""
    by = _BY.match(text, v.end())
    if by is None:
        return
    agent = next((m for m in mentions if m.start == by.end()), None)
    if agent is None or agent.key not in doc.entities:
        return
    head = re.split(r"[.;:]\s", text[:v.start()])[-1]
    hit = matcher.match(head)
    if hit is None:
        return
    keep(RawPosition(agent.key, hit[0], stance, s, text, "", 0.5))


def position_id(actor_id: str, issue: str, article: str, sent: int, stance: str = "") -> str:
    """Stable id: actor, issue and a hash of (article, sentence, stance)."""
    h = hashlib.sha1(f"{article}:{sent}:{stance}".encode()).hexdigest()[:8]
    return f"{actor_id[:40].strip('-')}-{issue[:24].strip('-')}-{h}"
