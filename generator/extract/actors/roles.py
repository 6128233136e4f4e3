"""Roles and titles: the title run before a name, appositions and lower-case titles, and whether a span speaks."""

from __future__ import annotations

from typing import Optional

from .. import gazetteer as gz
from ..nlp import Word
from .names import ACTION_VERBS, _is_cap
from .credits import _CLAUSE

# First words of every title and honorific (a " ".join of words that is a
# title starts with one of these).
_TITLE_HEADS = frozenset(t.split(" ")[0] for t in (*gz.TITLE_SET, *gz.HONORIFICS))


def _title_prefix(low: list[str]) -> tuple[int, str, Optional[str], Optional[str]]:
    """Length of a leading (demonym +) title run, the role, affiliation, gender."""
    k = 0
    aff = None
    gender = None
    role_words: list[str] = []
    if low and (low[0] in gz.DEMONYMS or low[0] in ("un", "u.n.", "eu", "nato", "arab")):
        k = 1
        aff = gz.DEMONYMS.get(low[0])
    found = False
    joined = " ".join(low)
    if "-designate" in joined or "-elect" in joined:  # else both lines below keep every word
        low = [w[:-len(suf)] if w.endswith(suf) else w for w in low for suf in ("-designate",)]
        low = [w[:-6] if w.endswith("-elect") else w for w in low]
    # one modifier before a title ("Trade Commissioner", "Health Secretary")
    if k + 2 < len(low) and low[k] not in gz.TITLE_SET and low[k + 1] in gz.TITLE_SET \
            and low[k] not in gz.HONORIFICS and low[k] not in gz.states():
        k += 1
        found_mod = True
    else:
        found_mod = False
    while k < len(low):
        if low[k] not in _TITLE_HEADS and " " not in low[k]:
            break  # no title or honorific starts with this word: no size below can match
        for size in range(min(gz.MAX_TITLE_WORDS, len(low) - k), 0, -1):
            cand = " ".join(low[k:k + size])
            if cand in gz.TITLE_SET or cand in gz.HONORIFICS:
                if cand in gz.HONORIFICS:
                    gender = gz.HONORIFICS[cand]
                found = True
                k += size
                break
        else:
            break
    if not found or (found_mod and k >= len(low)):
        return 0, "", None, None
    return k, "", aff, gender


def _context_role(words: list[Word], i: int, j: int, text: str) -> str:
    """Role from an appositive: ", the head of X, Name," or "Name, X's foreign minister,"."""
    # after: Name , <phrase with title> ,
    if j < len(words) and words[j].text == ",":
        k = j + 1
        while k < len(words) and k - j <= 9 and words[k].text not in (",", ".", ";", "\u201d"):
            k += 1
        phrase = words[j + 1:k]
        if phrase and phrase[0].text.lower() not in ACTION_VERBS and phrase[0].text.lower() != "who":
            lows = [w.text.lower() for w in phrase]
            if any(l in gz.TITLE_SET for l in lows) and not any(l in ACTION_VERBS for l in lows):
                return text[phrase[0].start:phrase[-1].end]
    # before: <phrase with title> , Name
    if i >= 2 and words[i - 1].text == ",":
        k = i - 2
        while k >= 0 and i - k <= 10 and words[k].text not in (",", ".", ";", ":", "\u201c"):
            k -= 1
        phrase = words[k + 1:i - 1]
        cut = [n for n, w in enumerate(phrase) if w.text.lower() in _CLAUSE]
        if cut:
            phrase = phrase[cut[-1] + 1:]
        while phrase and phrase[0].text.lower() in ("however", "that", "the", "a", "an", "but", "and"):
            phrase = phrase[1:]
        lows = [w.text.lower() for w in phrase]
        if phrase and any(l in gz.TITLE_SET for l in lows) and not any(l in ACTION_VERBS for l in lows):
            return text[phrase[0].start:phrase[-1].end]
    return ""


def _lower_title_before(words: list[Word], i: int, text: str) -> str:
    """Role from a lower-case title right before the name ("envoy Kofi Annan")."""
    k = i - 1
    while k >= 0 and words[k].text.islower():
        # longest lower-case title ending at k ("foreign policy chief", not just "chief")
        for size in range(min(gz.MAX_TITLE_WORDS, k + 1), 0, -1):
            run = words[k - size + 1:k + 1]
            if all(w.text.islower() for w in run) and " ".join(w.text for w in run) in gz.TITLE_SET:
                k -= size
                break
        else:
            break
    if k == i - 1:
        return ""
    while k >= 0 and k >= i - 6 and words[k].text in gz.TITLE_MODIFIERS:
        k -= 1
    start = k + 1
    # include an organisation/demonym run just before ("UN-Arab League envoy")
    m = k
    while m >= 0 and _is_cap(words[m].text) and words[m].text not in ("The",):
        m -= 1
    if m < k and k - m <= 4:
        start = m + 1
    return text[words[start].start:words[i - 1].end]


def _after_outlet_box(words: list[Word], i: int) -> bool:
    """Does word *i* follow "<Outlet> News," (a correspondent box's dateline)?"""
    if i < 3 or words[i - 1].text != ",":
        return False
    two = f"{words[i - 3].text} {words[i - 2].text}".lower()
    return two in gz.OUTLETS and words[i - 2].text == "News"


def _all_ranks(role: str) -> bool:
    """Is *role* only military/police ranks ("Brigadier General", "Col.")?"""
    low = role.lower().split()
    k = 0
    while k < len(low):
        for size in range(min(3, len(low) - k), 0, -1):
            if " ".join(low[k:k + size]) in gz.RANKS:
                k += size
                break
        else:
            return False
    return True


def _speaks(words: list[Word], j: int) -> bool:
    """Is the span ending before word *j* the subject of a verb? (tiny lookahead)"""
    if j + 1 < len(words) and words[j].text == ":" and words[j + 1].text in ("\u201c", '"'):
        return True  # headline style "Clinton: “...”"
    k = j
    steps = 0
    while k < len(words) and steps < 5:
        t = words[k].text
        low = t.lower()
        if low in ACTION_VERBS:
            return True
        if low in ("and", "nor", "or", "also", "have", "has", "had", "now", "both", "then") or _is_cap(t):
            k += 1
            steps += 1
            continue
        return False
    return False
