"""Direct quotes and their speakers, by patterns over tokens (no parser).

Quote marks are paired over the whole article, so a quote opened in one
sentence and closed in a later one is one quote ("paragraph" convention: a new
opening mark while a quote is still open closes the old one).  Text is
normalized to typographic marks first (:func:`.nlp.normalize`), and a closing
mark that stands before a word is read as an opening one, which makes PTB
``'' independently ''`` slips harmless.

Speakers, in order: a speech verb next to the quote with an actor or pronoun
on either side ("X said", "said X", "X, who ..., said", "according to X");
pronouns go to the last fitting actor before them (he/she: a person of that
gender or unknown gender; they: a state, group or organisation); a quote with
no speech verb near it (a floating quote) continues the previous quote's
speaker when that quote ended at most two sentences before.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Optional

from .actors import DocActors, Mention
from .nlp import lower_safe
from .scan import at_heads, word_heads

OPENERS = {"\u201c", "\u00ab", "\u201e"}
CLOSERS = {"\u201d", "\u00bb"}
MAX_SPAN = 6  # sentences; longer "quotes" are unbalanced marks
# Every character find_spans acts on: it visits only these (a regex scan)
# instead of looping over every character in Python.
_MARKS = re.compile("[" + re.escape("".join(sorted(OPENERS | CLOSERS)) + '"') + "]")

SPEECH_RE = re.compile(
    r"\b(called for|calls for|pressed for|said|says|say|told|tells|added|adds|warned|warns|insisted|insists|stressed|declared|noted|"
    r"explained|argued|claimed|asked|replied|urged|urges|called|described|rejected|dismissed|denounced|"
    r"accused|wrote|writes|announced|according to|quoted|saying|believes|acknowledged|admitted|"
    r"continued|recalled|promised|pledged|vowed|cautioned|demanded|appealed|tweeted|spoke|spoken|confirmed|"
    r"quoting|quotes)\b",
    re.I,
)
PRONOUN_RE = re.compile(r"\b(he|she|they)\b", re.I)
# SPEECH_RE for lower_safe() text: without re.I (its verbs are lower-case
# words) and tried only at word starts with a verb's first three letters
# (.scan): ~55 % of this module's time went to the re.I scan.
_SPEECH_WORDS = SPEECH_RE.pattern[len(r"\b("):-len(r")\b")].split("|")
_SPEECH_AT = at_heads(re.compile(SPEECH_RE.pattern), word_heads(_SPEECH_WORDS))


def _speech_verbs(text: str) -> list[re.Match]:
    """``list(SPEECH_RE.finditer(text))``; on lower_safe text the matches come
    from the lowered text (same offsets; ``group(1)`` already lower-case)."""
    low = lower_safe(text)
    return list(_SPEECH_AT.finditer(low) if low is not None else SPEECH_RE.finditer(text))
_GAP_OK = re.compile(r"^[\s,]*(?:(?:also|then|later|earlier|again|previously|recently|has|had|have|\w+ly)\s+)*$", re.I)
_WHO_GAP = re.compile(r"^\s*,\s*(?:who|whose|which)\b[^\u201c\u201d.;]*,\s*(?:\w+ly\s+)?$", re.I)
_APPOS_GAP = re.compile(r"^\s*,[^,\u201c\u201d.;]{1,70},\s*(?:\w+ly\s+)?$")
# "X, who last week called ...": X is the subject of the relative clause's verb
_WHO_SUBJ = re.compile(r"^\s*,\s*who\s+(?:[a-z]+\s+){0,3}$")
_AFTER_GAP = re.compile(r"^\s*(?:by\s+|to\s+)?(?:the\s+)?$", re.I)


@dataclass
class Quote:
    """A quoted passage with its (resolved) speaker."""

    sent: int          # sentence where it opens
    end_sent: int      # sentence where it closes
    text: str
    speaker: Optional[str]  # actor key in DocActors, or None
    verb: str = ""
    start: int = 0     # offset in the opening sentence
    end: int = 0       # offset in the closing sentence (after the mark)


def find_spans(texts: list[str]) -> list[tuple[int, int, int, int]]:
    """Pairs of marks as (open sentence, open offset, close sentence, close offset)."""
    spans = []
    cur: Optional[tuple[int, int]] = None
    for s, t in enumerate(texts):
        n = len(t)
        for mark in _MARKS.finditer(t):
            k, ch = mark.start(), mark.group()
            if ch in OPENERS or (ch in CLOSERS and cur is None and k + 1 < n and t[k + 1].isalnum()
                                 and (k == 0 or t[k - 1] in " (")):
                if cur is not None and cur[0] < s:
                    spans.append((cur[0], cur[1], s - 1, len(texts[s - 1])))
                cur = (s, k)
            elif ch in CLOSERS or ch == '"':
                if cur is not None:
                    spans.append((cur[0], cur[1], s, k + 1))
                    cur = None
                elif ch == '"':
                    cur = (s, k)
        if cur is not None and s - cur[0] >= MAX_SPAN:
            cur = None
    if cur is not None and cur[0] < len(texts) - 1:
        spans.append((cur[0], cur[1], len(texts) - 1, len(texts[-1])))
    return spans


def _quote_text(texts, s0, a, s1, b) -> str:
    if s0 == s1:
        body = texts[s0][a:b]
    else:
        body = " ".join([texts[s0][a:]] + texts[s0 + 1:s1] + [texts[s1][:b]])
    return body.strip().strip("\u201c\u201d\u00ab\u00bb\u201e\"").strip()


class _Resolver:
    """Looks up the last fitting actor before a point (for pronouns)."""

    def __init__(self, doc: DocActors):
        self.ms = doc.mentions
        self.pos = [(m.sent, m.start) for m in self.ms]
        self.doc = doc

    def pronoun(self, word: str, sent: int, start: int, skip: tuple = ()) -> Optional[str]:
        i = bisect.bisect_left(self.pos, (sent, start))
        w = word.lower()
        for m in reversed(self.ms[max(0, i - 60):i]):
            if (m.sent, m.start) in skip:
                continue
            e = self.doc.entities.get(m.key)
            if e is None:
                continue
            if w in ("he", "she"):
                if e.kind == "person" and (e.gender in (None, "m" if w == "he" else "f")):
                    return m.key
            elif e.kind != "person":
                return m.key
        return None


def speaker_near(text: str, sent: int, lo: int, hi: int, mentions: list[Mention], res: _Resolver,
                 before: bool) -> tuple[Optional[str], str]:
    """Speaker of a quote from the verb in text[lo:hi] (the part outside it)."""
    region = text[lo:hi]
    if before:  # headline style "Clinton: “...”"
        for m in mentions:
            if lo <= m.start and re.fullmatch(r"\s*:\s*", text[m.end:hi]):
                return m.key, "said"
    verbs = _speech_verbs(region)
    if not verbs:
        return None, ""
    v = verbs[-1] if before else verbs[0]
    vs, ve = lo + v.start(), lo + v.end()
    verb = v.group(1).lower()
    inside = [m for m in mentions if lo <= m.start and m.end <= hi]
    # "said X" / "according to X" (before a quote, "X said Y was" wins: checked below first)
    if not before or not any(m.end <= vs and _GAP_OK.match(text[m.end:vs]) for m in inside):
        for m in inside:
            if m.start >= ve and _AFTER_GAP.match(text[ve:m.start]):
                return m.key, verb
    # "X said", "X, who ..., said", pronoun + verb
    best = None
    for m in inside:
        if m.end <= vs:
            gap = text[m.end:vs]
            if _GAP_OK.match(gap) or _WHO_GAP.match(gap) or _APPOS_GAP.match(gap) or _WHO_SUBJ.match(gap) or (len(gap) < 60 and "\u201c" not in gap and not re.search(r"[.;:]", gap) and verb not in ("saying",) and gap.count(",") == 0 and len(gap.split()) <= 6):
                best = m
    for p in PRONOUN_RE.finditer(text, lo, vs):
        if _GAP_OK.match(text[p.end():vs]) and (best is None or p.start() > best.end):
            return res.pronoun(p.group(1), sent, p.start()), verb
    if best is not None:
        return best.key, verb
    return None, verb


def extract_quotes(texts: list[str], doc: DocActors) -> list[Quote]:
    """Every direct quote of an article with its speaker (None if unknown)."""
    res = _Resolver(doc)
    by_sent = doc.by_sentence()
    quotes: list[Quote] = []
    last: Optional[Quote] = None
    for s0, a, s1, b in find_spans(texts):
        body = _quote_text(texts, s0, a, s1, b)
        if len(body) < 2:
            continue
        spk, verb = None, ""
        if s0 == s1 and len(body.split()) <= 4 and a > 1:
            # a short partial quote inside a reported clause ("X said the move
            # followed “hostile” remarks by Y"): the clause's speaker, never Y
            spk, verb = speaker_near(texts[s0], s0, 0, a, by_sent.get(s0, []), res, before=True)
        if spk is None and not verb:
            spk, verb = speaker_near(texts[s1], s1, b, len(texts[s1]), by_sent.get(s1, []), res, before=False)
        if spk is None:
            spk2, verb2 = speaker_near(texts[s0], s0, 0, a, by_sent.get(s0, []), res, before=True)
            if spk2 is not None or (verb2 and not verb):
                spk, verb = spk2, verb2
        floating = a <= 1 and (b >= len(texts[s1]) - 2 or not _speech_verbs(texts[s1][b:]))
        if spk is None and not verb and floating:
            if last is not None and last.speaker and s0 - last.end_sent <= 2:
                spk, verb = last.speaker, ""
            elif s0 > 0 and (last is None or last.end_sent < s0 - 1):
                # the previous sentence introduces the speaker ("..., she said.")
                spk, _ = speaker_near(texts[s0 - 1], s0 - 1, 0, len(texts[s0 - 1]),
                                      by_sent.get(s0 - 1, []), res, before=True)
        q = Quote(s0, s1, body, spk, verb, a, b)
        quotes.append(q)
        last = q
    return quotes
