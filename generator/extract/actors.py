"""Actors without a trained NER model: capitalised spans + gazetteers.

Per sentence, maximal runs of capitalised words are chunked, then classified
by dictionary lookups (:mod:`.gazetteer`): a leading title gives a role and
affiliation ("US Secretary of State Hillary Clinton"), a state name or a
speaking stand-in ("Moscow rejected") gives a state, a head word gives an
organisation, a demonym + group noun gives a group ("Syrian rebels").
Credits (bylines, "contributed to this report", "Reporting by", a closing
"says X") are removed first so reporters never become actors; places (a
preposition before, a venue noun after) are dropped.

Alias resolution: persons are keyed by (first name, surname); a bare surname
("Clinton", "Mrs Clinton") joins the person of that surname.  Organisations
are keyed by their normalized name ("U.N." = "UN"); a shorter name that is the
word-suffix of exactly one longer one ("Security Council") and an acronym
made of one's initials join it.

Regimes (documented choice): "Syrian regime"/"Syrian government" is the state
Syria itself; "<Leader> regime" ("Assad regime", "Assad's regime") is a group
actor named "<Surname> regime", affiliated with the leader's state when known;
a bare "the regime" is the last regime named earlier in the article.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache, partial
from itertools import compress, islice
from operator import itemgetter
from dataclasses import dataclass, field
from typing import Optional

from spacy.lang.en.stop_words import STOP_WORDS

from ..slug import slug as one_slug
from . import gazetteer as gz
from .nlp import Word

PARTICLES = set(gz.LEXICON["particles"])
CONNECTORS = {"of", "for"}
PREPOSITIONS_PLACE = set(gz.LEXICON["place_prepositions"])
VENUE_NOUNS = set(gz.LEXICON["venue_nouns"])
PLACE_NOUNS = set(gz.LEXICON["place_nouns"])
ACTION_VERBS = set(gz.LEXICON["action_verbs"])
SPEECH_VERBS = set(gz.LEXICON["speech_verbs"])
CREDIT_RE = re.compile(
    r"(?:\(?\b(?:additional )?(?:reporting|editing|writing|compiled|translated)(?: and [a-z]+)? by\b.*$)", re.I)
CONTRIB_RE = re.compile(
    r"^(.*?)\b(?:contributed|contributing)\b(?:.*\b(?:report|story|article)|\s*\.?\s*$)", re.I)
# "X is the Guardian's Africa correspondent": the author's box, not an actor
ABOUT_AUTHOR_RE = re.compile(
    r"^[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+){1,3}\s+is\s+(?:the|a|an)\s+.{0,60}\b"
    r"(?:correspondent|editor|reporter|writer|columnist|journalist)\b")
BYLINE_RE = re.compile(r"^by [A-Z]", re.I)
# an embedded tweet's signature: "... — Sahil Kapur (@sahilkapur) September 1, 2016"
TWEET_SIGNATURE_RE = re.compile(r"[\u2014\u2013-]\s*[A-Z][\w'.\-]*(?:\s+[A-Z][\w'.\-]*){0,3}\s*\(@\w+\)")
CLOSING_RE = re.compile(r"(?:,|\.)?\s*\b(?:says|writes|reports)\s+([A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+){1,2})\s*\.?\s*$")
_QUOTE_CHARS = set("\u201c\u201d\"`'(\u2018\u2019[:-\u2014\u2013")
_BREAKERS = {"the", "but", "he", "she", "they", "it", "we", "i", "and", "as", "in", "on", "at", "a", "an"}
_CLAUSE = {"that", "by", "with", "when", "as", "after", "while", "who", "which", "said", "says"}
_OUTLET_POSS = re.compile(
    r"\b(?:BBC|Reuters|AFP|CNN|AP)(?:'s|\u2019s|')?\s+(?:[a-z]+\s+){0,3}[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+){1,2}"
    r"|\b[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+){1,2},?\s+(?:BBC|Reuters|AFP|CNN|AP)\s+News\b")
_TITLE_FIRST = {t.split()[0] for t in gz.TITLES if len(t.split()) > 1 or t[0].isalpha()} - {"head", "chief", "leader", "general", "justice", "lady"}
_LOWER_WORD = re.compile(r"\b[a-z][a-z'\-]+\b")
_CREDIT_WORDS = ("reporting", "editing", "writing", "compiled", "translated")


# Cheap substring tests before the credit patterns: almost no sentence is a
# credit, and the patterns try a match at every position.  On ASCII text the
# tests are exact (the pattern cannot match without the word); other text
# goes straight to the pattern, since re.I folds some non-ASCII letters.
def _contrib_search(text: str):
    if text.isascii() and "contribut" not in text.lower():
        return None
    return CONTRIB_RE.search(text)


def _credit_search(text: str):
    if text.isascii():
        low = text.lower()
        if not any(w in low for w in _CREDIT_WORDS):
            return None
    return CREDIT_RE.search(text)


def _closing_search(text: str):
    if "says" not in text and "writes" not in text and "reports" not in text:
        return None  # CLOSING_RE is case-sensitive: one of these literals must occur
    return CLOSING_RE.search(text)


# Compiled once: these run for every candidate (re.sub(str, ...) looks the
# pattern up in re's cache on every call).
_DOTTED = re.compile(r"\b([A-Z])\.([A-Z])\.")
_LEAD_THE = re.compile(r"^(the|The)\s+")
_SPACES = re.compile(r"\s+")
_NAME_WORD = re.compile(r"[A-Z][a-z][\w'\-]*")
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_PLURAL_NAME = re.compile(r"[A-Z][a-z]+[^s]s")
_PERSON_WORD = re.compile(r"(?:[A-Z][\w'\-\.]*|al-\w+|el-\w+|bin|ibn|de|van|von|al|abu|abd)")


slug = partial(one_slug, max_len=60, join_apostrophes=True)
"""An extracted id (actor, group, issue): :func:`generator.slug.slug`, at most 60 characters, ``O'Brien`` -> ``obrien``."""


def norm_org(name: str) -> str:
    """Key of an organisation name: dotted acronyms undotted, no article."""
    name = _DOTTED.sub(r"\1\2", name)
    name = _LEAD_THE.sub("", name)
    return _SPACES.sub(" ", name).strip()


def _strip_particle(word: str) -> str:
    low = word.lower()
    for p in ("al-", "el-", "ar-", "as-", "ad-"):
        if low.startswith(p) and len(low) > len(p) + 1:
            return low[len(p):]
    return low


@dataclass
class Mention:
    """One occurrence of an actor in a sentence (offsets into sentence text)."""

    sent: int
    start: int
    end: int
    surface: str
    key: str = ""
    kind: str = "person"
    gender: Optional[str] = None


@dataclass
class Entity:
    """An actor as seen in one article (plain data, merged across articles later)."""

    key: str
    name: str
    kind: str
    roles: Counter = field(default_factory=Counter)
    affiliations: Counter = field(default_factory=Counter)
    aliases: set = field(default_factory=set)
    names: Counter = field(default_factory=Counter)
    mentions: int = 0
    sentences: set = field(default_factory=set)
    gender: Optional[str] = None
    evidence: float = 0.0


@dataclass
class DocActors:
    """Actors of one article and where each is mentioned."""

    entities: dict[str, Entity]
    mentions: list[Mention]

    def by_sentence(self) -> dict[int, list[Mention]]:
        out: dict[int, list[Mention]] = {}
        for m in self.mentions:
            out.setdefault(m.sent, []).append(m)
        return out


@dataclass
class _Cand:
    sent: int
    words: list[Word]
    start: int
    end: int
    surface: str
    kind: str
    name: str
    role: str = ""
    affiliation: Optional[str] = None
    gender: Optional[str] = None
    state: Optional[str] = None
    evidence: float = 0.5
    single: bool = False
    speaking: bool = False
    surname_only: bool = False  # kept only when it joins a person named in full
    confirm: bool = False       # kept only when another sentence names its surname


# ---------------------------------------------------------------------------
# credits


def _credit_cutoff(text: str, index: int, n_sents: int, article_text: str) -> tuple[int, int]:
    """Character range of a sentence that is a credit (byline, reporter names)."""
    m = _contrib_search(text)
    if m:
        return 0, len(text)
    m = _credit_search(text)
    if m:
        return m.start(), len(text)
    if BYLINE_RE.match(text) and len(text.split()) <= 12:
        return 0, len(text)
    if ABOUT_AUTHOR_RE.match(text):
        return 0, len(text)
    m = _closing_search(text)
    if m and m.group(1) not in article_text and "\u201c" not in text:
        return m.start(1), len(text)
    return len(text), len(text)


_OUTLET_WORDS = ("BBC", "Reuters", "AFP", "CNN", "AP")


@lru_cache(maxsize=8192)
def _credit_kind(text: str) -> Optional[tuple[str, Optional[re.Match]]]:
    """Which credit pattern a sentence matches first, in :func:`_credit_cutoff`'s order.

    Remembered per text (a pure function of it; a match object is never
    changed): bylines and credit lines recur across a corpus."""
    m = _contrib_search(text)
    if m:
        return "contrib", m
    m = _credit_search(text)
    if m:
        return "credit", m
    if BYLINE_RE.match(text) and len(text.split()) <= 12:
        return "byline", None
    if ABOUT_AUTHOR_RE.match(text):
        return "about", None
    m = _closing_search(text)
    if m:
        return "closing", m
    if "(@" in text:
        m = TWEET_SIGNATURE_RE.search(text)
        if m:
            return "credit", m
    return None


def _cutoff(text: str, kind: Optional[tuple[str, Optional[re.Match]]], article_text: str) -> tuple[int, int]:
    """:func:`_credit_cutoff` from a :func:`_credit_kind` already computed."""
    if kind is None:
        return len(text), len(text)
    name, m = kind
    if name == "credit":
        return m.start(), len(text)
    if name == "closing":
        if m.group(1) not in article_text and "\u201c" not in text:
            return m.start(1), len(text)
        return len(text), len(text)
    return 0, len(text)


# ---------------------------------------------------------------------------
# chunking


def _is_cap(w: str) -> bool:
    return w[:1].isupper() or (w[:1].isdigit() is False and w[:2].lower() in ("al", "el") and "-" in w and w[3:4].isupper())


_word_text = itemgetter(0)   # Word.text (a Word is a named tuple)
_first_char = itemgetter(0)  # a token is never empty
_AE = frozenset("aAeE")      # first letters of "al-"/"el-" names


def _may_start(t: str) -> bool:
    """Can word *t* start a chunk (capitalised, with a letter)?

    The same test as ``_is_cap(t) and any(c.isalpha() for c in t)``, written
    so the common lower-case word costs two string operations: a chunk start
    is tested for every word of the corpus.
    """
    c0 = t[:1]
    if c0.isupper():
        return c0.isalpha() or any(c.isalpha() for c in t)
    return c0 in "aAeE" and _is_cap(t) and any(c.isalpha() for c in t)


_ASCII_UPPER = re.compile("[A-Z]")
_ASCII_UPPER_OR_AE = re.compile("[A-Zae]")


def _chunk_heads(words: list[Word], hyphen: bool) -> list[int]:
    """Indexes of the words that may start a chunk, ascending: a superset of
    :func:`_may_start`'s words (capitalised, or lower-case "al-"/"el-" names).

    Chunk starts are rare, so no Python loop over the words: their first
    letters are joined into one string (a word is never empty), whose
    character *k* is word *k*'s first letter, and a regex finds the capitals
    (ASCII: ``[A-Z]`` is exactly ``str.isupper``; other text takes the
    map/compress route).  A lower-case start needs a hyphen ("al-Assad"), so
    the a/e words are tried only when the sentence has one (*hyphen*).
    """
    firsts = "".join(map(_first_char, map(_word_text, words)))
    if firsts.isascii():
        rx = _ASCII_UPPER_OR_AE if hyphen else _ASCII_UPPER
        return [m.start() for m in rx.finditer(firsts)]
    n = len(words)
    heads = list(compress(range(n), map(str.isupper, firsts)))
    if hyphen and ("a" in firsts or "e" in firsts):
        heads = sorted({*heads, *compress(range(n), map(_AE.__contains__, firsts))})
    return heads


def _chunks(words: list[Word], hyphen: bool = True) -> list[tuple[int, int]]:
    """Maximal runs of capitalised words, with ``of``/particles inside.

    *hyphen* False promises that no word contains "-" (see :func:`_chunk_heads`).
    """
    spans = []
    n = len(words)
    i = 0
    for h in _chunk_heads(words, hyphen):
        if h < i or not _may_start(words[h].text):
            continue  # inside the chunk before, or not a start
        i = h
        j = i + 1
        while j < n:
            t = words[j].text
            if _may_start(t) and t.lower() not in _BREAKERS:
                j += 1
            elif (t.lower() in CONNECTORS or t in PARTICLES) and j + 1 < n and _is_cap(words[j + 1].text):
                j += 2
            elif t.lower() in CONNECTORS and j + 2 < n and words[j + 1].text == "the" and _is_cap(words[j + 2].text) \
                    and words[j + 2].text.lower() not in _BREAKERS:
                j += 3
            elif (t == "and" and _org_and(words, i, j)) or (t in _POSSESSIVE and _org_possessive(words, j)):
                j += 2
            else:
                break
        spans.append((i, j))
        i = j
    return spans


_POSSESSIVE = frozenset(("'s", "\u2019s", "'", "\u2019"))
_GROUP_POSSESSORS = ("men", "women", "people", "children", "workers", "farmers", "veterans", "mothers")


def _org_and(words: list[Word], i: int, j: int) -> bool:
    """"Forces of Freedom and Change": "and" inside an "<Head> of X and Y" name.

    Only when the span so far is an organisation head with "of" and the word
    after "and" is one capitalised word ending the name (not a state or a
    known body: "Ministry of Defence and Russia" stays two names).
    """
    if words[j].text != "and" or j + 1 >= len(words) or not _is_cap(words[j + 1].text):
        return False
    if j + 2 < len(words) and _is_cap(words[j + 2].text):
        return False
    low = [w.text.lower() for w in words[i:j]]
    if "of" not in low or not any(l in gz.ORG_HEADS for l in low[:low.index("of")]):
        return False
    nxt = words[j + 1].text.lower()
    return nxt not in gz.states() and nxt not in gz.STAND_INS and nxt not in gz.KNOWN_ORGS and nxt not in gz.DEMONYMS


def _org_possessive(words: list[Word], j: int) -> bool:
    """"Fishermen's Association", "Workers' Party": a group's possessive inside a name."""
    if j < 1 or j + 1 >= len(words) or words[j].text not in _POSSESSIVE:
        return False
    owner = words[j - 1].text.lower()
    if not owner.endswith(_GROUP_POSSESSORS) and not (words[j].text in ("'", "\u2019") and owner.endswith("s")):
        return False
    return words[j + 1].text.lower() in gz.ORG_HEADS and owner not in gz.states()


# First words of every title and honorific (a " ".join of words that is a
# title starts with one of these).
_TITLE_HEADS = frozenset(t.split(" ")[0] for t in (*gz.TITLE_SET, *gz.HONORIFICS))

_PLURAL_VERBS = {"have", "are", "were", "say", "do", "want", "need", "hope", "fear"}


def _plural_common_noun(word: str, nxt: str, at_start: bool) -> bool:
    """"Crimeans voted", sentence-initial "Councillors have": plural nouns, not people.

    A people's plural (-ians/-eans) is never one person; a sentence-initial
    word ending in -s followed by a plural-only verb is a common noun.
    """
    if word in gz.MALE_NAMES or word in gz.FEMALE_NAMES:
        return False
    if word.endswith(("ians", "eans")) and len(word) > 5:
        return True
    return at_start and word.endswith("s") and not word.endswith(("ss", "us", "is")) and nxt in _PLURAL_VERBS


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


@dataclass
class _Ctx:
    """A span being classified and the words around it (what every phase of :func:`_classify` reads)."""

    words: list
    i: int
    j: int
    text: str
    sent: int
    span: list
    low: list
    surface: str
    prev: str
    prev2: str
    nxt: str
    nxt_low: str
    the: bool
    base: dict
    label: str
    lower_vocab: object
    sent_start: object
    box: bool


def _classify(words, i, j, text, sent, lower_vocab, sent_start, label: str = "") -> list[_Cand]:
    """Candidates of words[i:j]; *label* is the entity recognizer's label when the span is its entity."""
    if j == i + 1:
        t = words[i].text
        if t.lower() in STOP_WORDS and t not in ("US", "UN"):
            return []  # a lone stop word ("The", "But"): the strip loops below would empty the span
    span = words[i:j]
    # "Bashar al-Assad for Islamic leaders": "for" joins only organisation names
    for k in range(1, len(span) - 1):
        if span[k].text == "for" and span[k - 1].text.lower() not in gz.ORG_HEADS:
            j = i + k
            span = span[:k]
            break
    # a trailing demonym belongs to the next phrase ("... Assad Syrian authorities say")
    if len(span) > 2 and span[-1].text.lower() in gz.DEMONYMS:
        span = span[:-1]
        j -= 1
    # a title inside the span starts the person ("Istanbul US Secretary of State X")
    lows = [w.text.lower() for w in span]
    for k in range(1, len(lows) - 1):
        if ((lows[k] in _TITLE_FIRST or lows[k] in gz.DEMONYMS) and lows[k] not in gz.HONORIFICS
                and _title_prefix(lows[k:])[0] not in (0, len(lows) - k) and lows[k - 1] not in gz.DEMONYMS
                and lows[k - 1] not in ("un", "u.n.", "eu", "arab", "of", "the")
                and lows[k - 1] not in _TITLE_FIRST and lows[k - 1] not in gz.TITLE_SET
                and lows[k - 1] not in gz.states() and lows[k - 1] not in gz.KNOWN_ORGS
                and not (k >= 2 and lows[k - 2] in gz.DEMONYMS)):
            span = span[k:]
            i += k
            break
    # "Jonah Fisk BBC News, Brussels Ministers were ...": a box's dateline city,
    # then a new sentence whose first word is capitalised only for that
    box = _after_outlet_box(words, i)
    if box:
        span = span[1:]
        i += 1
    # drop a common word that is capitalised only because it starts the sentence
    while span and (i == sent_start(i) or box) and span[0].text.lower() not in _TITLE_FIRST and (
        span[0].text.lower() in STOP_WORDS or span[0].text.lower() in lower_vocab
    ) and span[0].text.lower() not in gz.DEMONYMS and span[0].text.lower() not in gz.states():
        span = span[1:]
        i += 1
    while span and span[0].text.lower() in STOP_WORDS and span[0].text not in ("US", "UN"):
        span = span[1:]
        i += 1
    while span and (span[-1].text.lower() in CONNECTORS or span[-1].text == "the"):
        span = span[:-1]
        j -= 1
    if not span:
        return []
    low = [w.text.lower() for w in span]
    if all(l in gz.TIME_WORDS or l.isdigit() for l in low):
        return []
    surface = text[span[0].start:span[-1].end]
    prev = words[i - 1].text if i > 0 else ""
    prev2 = words[i - 2].text.lower() if i > 1 else ""
    nxt = words[j].text if j < len(words) else ""
    nxt_low = nxt.lower()
    the = prev.lower() == "the"
    base = dict(sent=sent, words=span, start=span[0].start, end=span[-1].end)
    c = _Ctx(words, i, j, text, sent, span, low, surface, prev, prev2, nxt, nxt_low, the, base, label,
             lower_vocab, sent_start, box)
    for phase in (_not_credits, _titled_person, _by_lexicon):
        found = phase(c)
        if found is not None:
            return found
    return _by_shape(c)


def _not_credits(c: "_Ctx") -> Optional[list[_Cand]]:
    """Correspondents, bylines, datelines, regions: [] (not an actor), or None to go on."""
    words, i, j, span = c.words, c.i, c.j, c.span
    low, surface, prev, nxt = c.low, c.surface, c.prev, c.nxt
    base = c.base
    # correspondents: "The BBC's Jim Muir", "Reuters' X"
    if i >= 2 and words[i - 1].text in ("'s", "\u2019s", "'", "\u2019") and words[i - 2].text.lower() in gz.OUTLETS:
        return []
    if joined_low_region(low):
        return []
    # outlet bylines: "Peter Biles BBC News", "X, BBC News"
    for cut in range(1, len(low)):
        if " ".join(low[cut:]) in gz.OUTLETS and cut >= 2:
            return []
    if " ".join(w.text.lower() for w in words[j:j + 2]) in gz.OUTLETS and nxt[:1].isupper() and len(low) >= 2:
        return []  # "Ruth Adeyemi BBC News, Abuja": a byline
    if nxt == "," and j + 1 < len(words):
        tail = " ".join(w.text.lower() for w in words[j + 1:j + 3])
        if tail in gz.OUTLETS or words[j + 1].text.lower() in gz.OUTLETS:
            if len(low) >= 2 and low[0] not in gz.states():
                return []

    # dateline "BEIRUT (Reuters) -" / "UNITED NATIONS |"
    if all(w.text.isupper() for w in span) and len(surface) > 3 and nxt in ("(", "|", "-", "\u2014", ","):
        if i == 0 or words[i - 1].text in ("\u2014", "-", "|"):
            return []
    if joined_the_west(low, prev):
        return [_Cand(**base, surface="the West", kind="group", name="the West", evidence=0.6)]
    if " ".join(low) in gz.OUTLETS and prev == "(" and nxt == ")":
        return []  # dateline credit "SANAA (AFP) -"
    return None


def _titled_person(c: "_Ctx") -> Optional[list[_Cand]]:
    """A title or honorific before a name: the person with that role."""
    words, i, j, text, span = c.words, c.i, c.j, c.text, c.span
    low, surface = c.low, c.surface
    base = c.base
    n_title, _, aff, gender = _title_prefix(low)
    role = ""
    if n_title:
        role_words = span[:n_title]
        if role_words[-1].text.lower() in gz.HONORIFICS and n_title == 1:
            role = ""
        else:
            role = text[role_words[0].start:role_words[-1].end]
            if role.split()[-1].lower() in gz.HONORIFICS and len(role.split()) == 1:
                role = ""
        if role and _all_ranks(role):
            # a job title beats a rank ("coalition spokesman Brigadier General X")
            role = _lower_title_before(words, i, text) or _context_role(words, i, j, text) or role
        name_words = span[n_title:]
        if not name_words:
            return []  # a bare title ("the President"): appositive handled at the name
        if len(name_words) >= 1 and " ".join(w.text.lower() for w in name_words) in gz.states():
            name_words = []
        if name_words:
            name = text[name_words[0].start:name_words[-1].end]
            if not role:
                role = _context_role(words, i, j, text) or _lower_title_before(words, i, text)
            g = gender or _gender_of(name)
            return [_Cand(**base, surface=surface, kind="person", name=name, role=role,
                          affiliation=aff, gender=g, evidence=0.9, single=len(name_words) == 1,
                          speaking=_speaks(words, j))]
    return None


def _by_lexicon(c: "_Ctx") -> Optional[list[_Cand]]:
    """Demonym groups, known organisations, states and stand-ins, regimes, organisation heads."""
    words, j, text, span = c.words, c.j, c.text, c.span
    low, surface, prev, nxt, nxt_low = c.low, c.surface, c.prev, c.nxt, c.nxt_low
    the, base = c.the, c.base
    joined = " ".join(low)
    joined_the = ("the " + joined) if the else joined
    # demonym + group noun: "Syrian rebels", "the Syrian government"
    if len(low) == 1 and low[0] in gz.DEMONYMS and j < len(words):
        two = nxt_low + (" " + words[j + 1].text.lower() if j + 1 < len(words) else "")
        noun = two if two in gz.GROUP_NOUNS else (nxt_low if nxt_low in gz.GROUP_NOUNS else "")
        if noun:
            code = gz.DEMONYMS[low[0]]
            end = words[j + len(noun.split()) - 1].end
            surf = text[span[0].start:end]
            if noun in gz.GOVERNMENT_NOUNS:
                return [_Cand(**{**base, "end": end}, surface=surf, kind="state", name=gz.state_name(code),
                              state=code, evidence=0.8)]
            return [_Cand(**{**base, "end": end}, surface=surf, kind="group",
                          name=f"{span[0].text} {noun}", affiliation=code, evidence=0.7)]
    if len(low) == 1 and low[0] in gz.DEMONYMS and low[0] not in gz.states():  # "US", "UK" name the state
        # "Cuban said": only as the surname of a person named in full ("Mark Cuban")
        return [_Cand(**base, surface=surface, kind="person", name=surface, single=True, surname_only=True)]

    # known organisations (acronyms, agencies)
    org = gz.KNOWN_ORGS.get(joined)
    if joined in gz.KNOWN_ORGS and org is None:
        return []
    if "-" in low[0] and low[0].split("-", 1)[0] in gz.KNOWN_ORGS and len(low) > 1:
        # "UN-Arab League envoy": two organisations glued by a hyphen
        first, rest = span[0].text.split("-", 1)
        name = norm_org(rest + " " + " ".join(w.text for w in span[1:]))
        name = gz.KNOWN_ORGS.get(name.lower()) or name
        return [_Cand(**base, surface=surface, kind="organization", name=name, evidence=0.8)]
    if org:
        return [_Cand(**base, surface=surface, kind="organization", name=org, evidence=0.9)]

    # states and stand-ins
    if joined in gz.states():
        code = gz.states()[joined]
        if nxt_low in ("regime", "government", "authorities", "administration"):
            return [_Cand(**{**base, "end": words[j].end}, surface=text[span[0].start:words[j].end],
                          kind="state", name=gz.state_name(code), state=code, evidence=0.9)]
        return [_Cand(**base, surface=surface, kind="state", name=gz.state_name(code), state=code, evidence=0.95)]
    if joined_the in gz.STAND_INS or joined in gz.STAND_INS:
        code = gz.STAND_INS.get(joined_the) or gz.STAND_INS[joined]
        if prev.lower() in PREPOSITIONS_PLACE or nxt_low in VENUE_NOUNS:
            return []
        if _speaks(words, j) or prev.lower() in ("neither", "nor"):
            surf = ("the " + surface) if the else surface
            return [_Cand(**base, surface=surf, kind="state", name=gz.state_name(code), state=code, evidence=0.8)]
        return []

    last = low[-1]
    if last in gz.NON_ACTOR_HEADS or (j < len(words) and words[j].text[:1].isdigit() and len(low) == 1):
        return []
    # "<Leader> regime"
    if nxt_low == "regime" or (nxt in ("'s", "\u2019s") and j + 1 < len(words) and words[j + 1].text.lower() == "regime"):
        end = words[j].end if nxt_low == "regime" else words[j + 1].end
        surname = span[-1].text
        return [_Cand(**{**base, "end": end}, surface=text[span[0].start:end], kind="group",
                      name=f"{surname} regime", evidence=0.7)]
    if last in gz.ORG_HEADS or "of" in low or "for" in low or (len(low) > 1 and low[0] in ("un", "u.n.", "eu", "arab")):
        if len(low) == 1 and last not in ("reuters",):
            return []
        name = norm_org(surface)
        return [_Cand(**base, surface=surface, kind="organization", name=name, evidence=0.75)]
    return None


def _by_shape(c: "_Ctx") -> Optional[list[_Cand]]:
    """What is left: places by their context, then persons, acronyms and plural groups by shape."""
    words, i, j, text, span, low = c.words, c.i, c.j, c.text, c.span, c.low
    surface, prev, prev2, nxt_low, the, base = c.surface, c.prev, c.prev2, c.nxt_low, c.the, c.base
    label, lower_vocab, sent_start, box = c.label, c.lower_vocab, c.sent_start, c.box
    # places ("according to X" and known first names are people)
    person_like = prev2 == "according" or low[0] in gz.MALE_NAMES or low[0] in gz.FEMALE_NAMES \
        or (label == "PERSON" and len(low) == 2 and nxt_low in ("'s", "\u2019s"))  # "to Jeb Bush's calling"
    if label == "ORG" and len(low) > 1 and prev.lower() in PREPOSITIONS_PLACE:
        # "analysts at Goldman Sachs": the recognizer's organisation, not a place
        return [_Cand(**base, surface=surface, kind="organization", name=norm_org(surface), evidence=0.75)]
    if (prev.lower() in PREPOSITIONS_PLACE and not person_like) or (prev.lower() == "of" and prev2 in ("city", "town", "village", "province", "district", "suburb", "region")):
        return []
    if nxt_low in VENUE_NOUNS or nxt_low in PLACE_NOUNS or _after_place_conjunct(words, i):
        return []
    if len(low) > 4:
        return []
    if any((l in gz.TIME_WORDS and label != "PERSON") or l in gz.states() or l in gz.DEMONYMS
           or l[:-1] in gz.DEMONYMS for l in low) and not (label == "PERSON" and person_like and len(low) == 2):
        return []  # a first name the recognizer calls a person keeps "Mark Cuban" whole
    name = surface
    role = _context_role(words, i, j, text) or _lower_title_before(words, i, text)
    if len(low) == 1:
        if not _NAME_WORD.fullmatch(span[0].text):
            acr = _ACRONYM.fullmatch(span[0].text)
            if acr:
                return [_Cand(**base, surface=surface, kind="organization", name=surface, evidence=0.3, single=True)]
            return []
        if nxt_low in ("rebels", "militants", "fighters", "insurgents", "militia", "militias") and low[0] not in STOP_WORDS:
            end = words[j].end
            return [_Cand(**{**base, "end": end}, surface=text[span[0].start:end], kind="group",
                          name=f"{span[0].text} {nxt_low}", evidence=0.7)]
        if the and _PLURAL_NAME.fullmatch(span[0].text) and low[0] not in gz.MALE_NAMES:
            # "the Huthis", "the Taliban"-style plural: a group, not a person
            return [_Cand(**base, surface=surface, kind="group", name=surface, evidence=0.6)]
        appo = _appositive_org(words, j)
        if appo:  # "Eurofer, the European steel association": named by its apposition
            return [_Cand(**base, surface=surface, kind="organization", name=surface, evidence=RULE_EVIDENCE)]
        if _plural_common_noun(low[0], nxt_low, sent_start(i) == i or box):
            return []
        if (sent_start(i) == i or box) and (low[0] in gz.TITLE_SET or low[0] in gz.GROUP_NOUNS or low[0] in lower_vocab):
            return []
        return [_Cand(**base, surface=surface, kind="person", name=name, role=role, evidence=0.4,
                      single=True, speaking=_speaks(words, j), gender=_gender_of(name))]
    if not all(_PERSON_WORD.fullmatch(w.text) for w in span):
        return []
    return [_Cand(**base, surface=surface, kind="person", name=name, role=role, evidence=0.7,
                  gender=_gender_of(name), speaking=_speaks(words, j))]


REGIONS = set(gz.LEXICON["regions"])


def joined_low_region(low: list[str]) -> bool:
    """Regions are places, never actors ("the Middle East")."""
    return " ".join(low) in REGIONS


def joined_the_west(low: list[str], prev: str) -> bool:
    """"the West" acts as a group of states."""
    return low == ["west"] and prev.lower() == "the"


def _appositive_org(words: list[Word], j: int) -> bool:
    """"Eurofer, the European steel association, ...": an appositive names an organisation."""
    if j + 2 >= len(words) or words[j].text != "," or words[j + 1].text.lower() not in ("the", "a", "an"):
        return False
    k = j + 1
    while k < len(words) and k - j <= 8 and words[k].text not in (",", ".", ";"):
        k += 1
    phrase = [w.text.lower() for w in words[j + 1:k]]
    if k >= len(words) or words[k].text not in (",", ".", ";") or any(w in ACTION_VERBS for w in phrase):
        return False  # "Earlier, a spokesman for the Arab League said ...": a clause, not an apposition
    return any(w in gz.ORG_HEADS or w in ("association", "body", "agency") for w in phrase)


def _after_place_conjunct(words: list[Word], i: int) -> bool:
    """"in Tunis and Istanbul": the second name is a place too."""
    if i < 2 or words[i - 1].text.lower() not in ("and", "or", ","):
        return False
    k = i - 2
    while k >= 0 and _is_cap(words[k].text):
        k -= 1
    return k >= 0 and k < i - 2 and words[k].text.lower() in PREPOSITIONS_PLACE


def _gender_of(name: str) -> Optional[str]:
    first = name.split()[0].lower() if name else ""
    if first in gz.FEMALE_NAMES:
        return "f"
    if first in gz.MALE_NAMES:
        return "m"
    return None


# ---------------------------------------------------------------------------
# per article


def person_key(name: str) -> tuple[str, str]:
    parts = [p for p in name.replace(".", "").split() if p.lower() not in gz.HONORIFICS]
    if not parts:
        return "", ""
    return parts[0].lower(), _strip_particle(parts[-1])


def extract_actors(article_id: str, texts: list[str], words: list[list[Word]], article_text: str = "",
                   docs: Optional[list] = None) -> DocActors:
    """Actors of one article from its normalized sentence texts, words and parsed Docs.

    Without *docs* (one spaCy ``Doc`` per text, from :func:`.nlp.parse`) they
    are parsed here."""
    if docs is None:
        from .nlp import parse
        docs = parse(texts)
    joined = "\n".join(texts)
    lower_vocab = set(_LOWER_WORD.findall(joined))  # no match spans the "\n": same as per sentence
    article_text = article_text or joined
    cands: list[_Cand] = []
    n = len(texts)
    credits = [_credit_kind(t) for t in texts]  # each credit pattern once per sentence
    # text outside credits: a closing "says X" is a byline when X is named nowhere else
    plain = _plain_text(texts, credits) if any(c is not None and c[0] == "closing" for c in credits) else ""
    for s, (text, ws) in enumerate(zip(texts, words)):
        c0, c1 = _cutoff(text, credits[s], plain)
        if s + 1 < n and text.endswith((".", ".\n")) and _initial_end(text) and CONTRIB_RE.search(texts[s + 1]):
            c0, c1 = 0, len(text)  # "Robert H." split off a contributor line
        cands.extend(_sentence_cands(text, ws, s, c0, c1, lower_vocab, docs[s]))
    return _resolve(_confirmed(_outside_headlines(cands, texts), texts), texts)


def _plain_text(texts: list[str], credits: list) -> str:
    """The article outside credit lines and outlet bylines: where a closing
    "says X" must name X again to be a statement, not a byline.  Read only
    by :func:`_cutoff` for "closing" sentences, so made only when there is one
    (the byline pattern over every article was 1.2 % of extraction)."""
    plain = "\n".join(t for t, c in zip(texts, credits) if c is None)
    if any(o in plain for o in _OUTLET_WORDS):  # every _OUTLET_POSS match contains one
        plain = _OUTLET_POSS.sub(" ", plain)
    return plain


CAND_CACHE_SIZE = 8192
"""Sentences whose candidates are kept (a few hundred bytes each)."""

_CANDS: dict[tuple, tuple[tuple[tuple[str, bool], ...], list[_Cand]]] = {}


class _Asked:
    """The article's ``lower_vocab`` as :func:`_classify` sees it, noting every
    word it asks about and the answer (a few per sentence: only a clause's
    capitalised first word is looked up)."""

    __slots__ = ("vocab", "asked")

    def __init__(self, vocab: set[str]) -> None:
        self.vocab = vocab
        self.asked: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        found = word in self.vocab
        self.asked[word] = found
        return found


def _sentence_cands(text: str, ws: list[Word], s: int, c0: int, c1: int, lower_vocab: set[str], doc=None) -> list[_Cand]:
    """The candidates of sentence *s*: chunks outside the credit range ``[c0, c1)``, classified.

    Remembered per distinct sentence (wire copy republished by another outlet,
    boilerplate lines, quotes repeated in follow-ups).  Classifying reads the
    sentence's words, the credit range and, of the article, only whether a
    few words occur in lower case elsewhere (``lower_vocab``): the sentence
    and range are the key, and the words asked about are kept with their
    answers, so a kept entry serves another article only when every answer
    is the same there (else it is classified afresh and replaced).  Asking
    afterwards, not intersecting all the sentence's words with the
    vocabulary beforehand, keeps the cost off sentences never seen again
    (2 % of extraction at 624 articles).  ``s`` is only stamped on the
    candidates; each call gets fresh ones (:func:`_resolve` updates their
    evidence).  Bounded, least recently used out first.
    """
    key = (text, c0, c1)
    entry = _CANDS.pop(key, None)
    if entry is None or not all((w in lower_vocab) is found for w, found in entry[0]):
        asked = _Asked(lower_vocab)
        starts = _sentence_starts(ws)
        kept = [c for i, j, label in _spans(ws, text, doc) if not c0 <= ws[i].start < c1
                for c in _judged(_classify(ws, i, j, text, s, asked, starts, label), label, doc)]
        entry = (tuple(asked.asked.items()), kept)
        if len(_CANDS) >= CAND_CACHE_SIZE:  # drop the least recently used quarter
            for k in list(islice(_CANDS, len(_CANDS) - CAND_CACHE_SIZE * 3 // 4)):
                del _CANDS[k]
    _CANDS[key] = entry  # most recently used: last in the dict's order
    return [_stamped(c, s) for c in entry[1]]


# ---------------------------------------------------------------------------
# the entity recognizer's spans, and which rule spans still count

ACTOR_LABELS = frozenset(("PERSON", "ORG", "GPE", "NORP", "LOC"))
RULE_EVIDENCE = 0.8
"""A capitalised run the recognizer did not tag is kept only from this
evidence on (a title before a name, a known organisation, a state or stand-in)
or as a state or group: measured on the gold sets and PolNeAR dev, plain
capitalised runs the model passed over were mostly fragments and places."""
KNOWN_EVIDENCE = 0.9
"""Evidence of a lexicon match (a known organisation, a state, a title before a name)."""
REPORTING_LEMMAS = frozenset(gz.LEXICON["reporting_lemmas"])


def _spans(ws: list[Word], text: str, doc) -> list[tuple[int, int, str]]:
    """Word spans to classify: the recognizer's actor entities (a title run
    before one joined to it), then capitalised runs it did not touch."""
    chunks = _chunks(ws, "-" in text)
    if doc is None or not ws:
        return [(i, j, "") for i, j in chunks]
    ents = [_title_start(ws, chunks, i, j, label) for i, j, label in _entity_words(ws, doc)]
    ents = _whole_org_names(ws, chunks, ents)
    ents = [e for e in ents if not any(o != e and o[0] <= e[0] and e[1] <= o[1] for o in ents)]
    covered = {k for i, j, _ in ents for k in range(i, j)}
    rest = [(i, j, "") for i, j in chunks if not covered.intersection(range(i, j))]
    return sorted(ents + rest)


def _whole_org_names(ws: list[Word], chunks: list[tuple[int, int]], ents: list[tuple[int, int, str]]):
    """A capitalised run ending in an organisation head ("Whitby Bay Fishermen's
    Association", "National Electoral Council") that the recognizer cut into
    pieces or missed in part is one organisation."""
    out = list(ents)
    for a, b in chunks:
        if b - a < 2 or ws[b - 1].text.lower() not in gz.ORG_HEADS:
            continue
        inside = [e for e in out if a <= e[0] < b or a < e[1] <= b]
        if all(e[2] in ("ORG", "GPE", "NORP", "LOC") and a <= e[0] and e[1] <= b for e in inside) \
                and not any(e[:2] == (a, b) for e in inside):
            out = [e for e in out if e not in inside] + [(a, b, "ORG")]
    return out


def _entity_words(ws: list[Word], doc) -> list[tuple[int, int, str]]:
    """The Doc's actor entities as word index ranges (a trailing "'s" left out)."""
    starts = [w.start for w in ws]
    out = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        toks = [t for t in ent]
        while toks and (toks[-1].text in _POSSESSIVE or toks[-1].is_lower):
            toks.pop()  # "Lebanese Forces party", "European steel association": the name ends before
        if not toks:
            continue
        end = toks[-1].idx + len(toks[-1].text)
        i = bisect_right(starts, ent.start_char) - 1
        j = bisect_left(starts, end)
        if 0 <= i < j:
            out.append((i, j, ent.label_))
    return out


def _title_start(ws: list[Word], chunks: list[tuple[int, int]], i: int, j: int, label: str) -> tuple[int, int, str]:
    """Entity words[i:j] with the capitalised title run just before it
    ("Arkansas Gov." + "Mike Huckabee", "US Secretary of State" + "Hillary Clinton")."""
    if label != "PERSON":
        return i, j, label
    ci = next((a for a, b in chunks if a < i < b), i)
    lows = [w.text.lower() for w in ws[:j]]
    for m in range(max(ci, i - 6), i):
        n = _title_prefix(lows[m:j])[0]
        # the title ends where the entity starts, or the recognizer cut the
        # name short after it ("Senior General Than" + "Zaw Htike")
        if n and m + n <= i and all(ws[x].text[:1].isupper() and lows[x] not in STOP_WORDS for x in range(m + n, i)):
            return m, j, label
    return i, j, label


def _judged(cands: list[_Cand], label: str, doc) -> list[_Cand]:
    """What the recognizer's label says about the rules' candidates of a span."""
    out = []
    for c in cands:
        if c.kind == "person" and c.single and label != "PERSON" and c.evidence < KNOWN_EVIDENCE:
            c.surname_only = True  # "Odinga told ...", "Kenyatta" tagged a place: only as a surname
            out.append(c)
            continue
        if not label and c.kind == "person" and c.evidence >= 0.7:
            c.confirm = True  # a full name the recognizer missed: kept if named again
        elif not label and c.evidence < RULE_EVIDENCE and c.kind not in ("state", "group"):
            continue
        known = c.evidence >= KNOWN_EVIDENCE  # a lexicon's word outweighs the label
        named_person = c.kind == "person" and (c.role or c.speaking)  # "top commander, Iván Restrepo,"
        if label in ("GPE", "LOC") and c.kind not in ("state", "group") and not known and not named_person:
            continue  # a place ("the West" acts as a group)
        if label == "NORP" and c.kind not in ("state", "group") and not known:
            continue
        if c.kind == "person" and c.single and c.name.isupper() and len(c.name) > 3:
            continue  # "ARRESTED", "WHITE": a word in capitals, not a name
        if label == "PERSON" and c.kind == "person":
            c.evidence = max(c.evidence, 0.45 if c.single else 0.75)
        if label == "ORG" and c.kind == "organization" and c.single:
            c.evidence = max(c.evidence, 0.6)
        if (c.name.lower() in gz.OUTLETS or norm_org(c.surface).lower() in gz.OUTLETS) and not _acts(doc, c):
            continue  # a news outlet is a source unless it acts
        out.append(c)
    return out


def _acts(doc, c: _Cand) -> bool:
    """Is the candidate the subject or object of a verb other than reporting?"""
    if doc is None:
        return False
    span = doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass", "dobj") and root.head.lemma_.lower() not in REPORTING_LEMMAS


def _confirmed(cands: list[_Cand], texts: list[str]) -> list[_Cand]:
    """Full names only the capitalisation rule found ("Raila Odinga", which the
    recognizer took for a facility) count when another sentence names the
    surname again: a fragment ("Accused Of Lying") is never repeated so."""
    if not any(c.confirm for c in cands):
        return cands
    out = []
    for c in cands:
        if c.confirm:
            sur = c.name.split()[-1]
            if not any(sur in t for s, t in enumerate(texts) if s != c.sent):
                continue
        out.append(c)
    return out


def _headline_case(text: str) -> bool:
    """A headline in title case ("Accused Of Lying When He Spoke"): capitals say nothing there."""
    words = [w for w in text.split() if w[:1].isalpha() and w.lower() not in _HEADLINE_SMALL]
    return len(words) >= 3 and all(w[:1].isupper() for w in words)


_HEADLINE_SMALL = frozenset(("a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by",
                             "with", "as", "vs", "vs."))


def _outside_headlines(cands: list[_Cand], texts: list[str]) -> list[_Cand]:
    """Candidates of title-case sentences only when the article's plain text names them too."""
    heads = {s for s, t in enumerate(texts) if _headline_case(t)}
    if not heads:
        return cands
    body = "\n".join(t for s, t in enumerate(texts) if s not in heads)
    return [c for c in cands if c.sent not in heads or c.kind == "state" or c.surface in body]


def _stamped(c: _Cand, s: int) -> _Cand:
    """A copy of candidate *c* in sentence *s* (a shallow copy: its words are never changed)."""
    out = object.__new__(_Cand)
    out.__dict__.update(c.__dict__)
    out.sent = s
    return out


_CLAUSE_MARKS = frozenset(("\u201c", "\"", "(", ":", "--", "\u2014", "-", "|", ";", "\u2018"))


_INITIAL_END = re.compile(r"\b[A-Z]\.$")  # "Robert H." (tested only on texts ending in ".")


def _initial_end(text: str) -> bool:
    """``_INITIAL_END.search(text)``, tried only where a match can start.

    A match is the last two characters (``[A-Z].``, before a ``$`` that may
    also match before a final newline), so the search starts three from the
    end instead of scanning the sentence; ``\\b`` still sees the character
    before that start (``Pattern.search(text, pos)`` reads the whole string).
    """
    return _INITIAL_END.search(text, max(0, len(text) - 3)) is not None


def _sentence_starts(ws: list[Word]):
    """Function: index -> is it a clause start (sentence start, after a quote mark, colon).

    Word *i* (always an index of *ws*) starts a clause when it is the first
    or follows a clause mark: answered per question (a few per chunk), not
    by listing every clause start of the sentence beforehand.
    """
    return lambda i: i if i == 0 or ws[i - 1].text in _CLAUSE_MARKS else -1


def _resolve(cands: list[_Cand], texts: list[str]) -> DocActors:
    ents: dict[str, Entity] = {}
    mentions: list[Mention] = []

    def add(key, c: _Cand, name, kind):
        e = ents.get(key)
        if e is None:
            e = ents[key] = Entity(key=key, name=name, kind=kind)
        e.mentions += 1
        e.sentences.add(c.sent)
        e.aliases.add(c.surface if c.kind != "person" else c.name)
        if c.kind == "person" and c.surface != c.name and c.surface.split()[0].lower() in gz.HONORIFICS:
            e.aliases.add(c.surface)
        e.names[name] += 1
        if c.role:
            e.roles[c.role] += 1
        if c.affiliation:
            e.affiliations[gz.state_id(c.affiliation)] += 1
        e.gender = e.gender or c.gender
        e.evidence = max(e.evidence, c.evidence)
        mentions.append(Mention(c.sent, c.start, c.end, c.surface, key, kind, e.gender or c.gender))

    # full persons first, so bare surnames can join them
    surname_of: dict[str, list[str]] = {}
    full_names: dict[str, str] = {}  # "Zaw Htike" joins "Than Zaw Htike", the one longer name it ends
    for c in cands:
        if c.kind == "person" and not c.single:
            first, sur = person_key(c.name)
            key = f"person:{first}:{sur}"
            full_names.setdefault(key, c.name)
            surname_of.setdefault(sur, [])
            if key not in surname_of[sur]:
                surname_of[sur].append(key)
    # a lone first name ("Hillary") joins the one person of that first name
    by_first: dict[str, set[str]] = {}
    for keys in surname_of.values():
        for k in keys:
            by_first.setdefault(k.split(":")[1], set()).add(k)
    first_of = {f: next(iter(ks)) for f, ks in by_first.items() if len(ks) == 1 and f}
    orgs = sorted({norm_org(c.name) for c in cands if c.kind == "organization" and not c.single}, key=len)
    regimes: list[str] = []
    # "Huthis" joins "Huthi rebels": plural of a group's first word
    stems = {c.name.split()[0].lower(): c.name for c in cands
             if c.kind == "group" and len(c.name.split()) == 2 and not c.name.endswith(" regime")}

    def _place(c: _Cand) -> None:
        """File one candidate under its entity (or drop it)."""
        if c.kind == "state":
            add(f"state:{c.state}", c, c.name, "state")
        elif c.kind == "group":
            if c.name.endswith(" regime"):
                sur = _strip_particle(c.name.split()[-2])
                pk = surname_of.get(sur)
                key = f"regime:{sur}"
                regimes.append(key)
                add(key, c, c.name, "group")
                if pk and ents.get(pk[0]) and ents[pk[0]].affiliations:
                    ents[key].affiliations.update(ents[pk[0]].affiliations)
            else:
                name = stems.get(c.name[:-1].lower(), c.name) if " " not in c.name else c.name
                add(f"group:{slug(name)}", c, name, "group")
        elif c.kind == "organization":
            name = norm_org(c.name)
            if c.single:  # acronym: initials of a named organisation?
                target = [o for o in orgs if "".join(w[0] for w in o.split() if w[0].isupper()) == name]
                if len(target) == 1:
                    name = target[0]
                elif c.evidence < 0.6:
                    return  # an acronym the recognizer did not call an organisation
            else:
                longer = [o for o in orgs if o != name and o.endswith(" " + name)]
                if len(longer) == 1:
                    name = longer[0]
            add(f"org:{name.lower()}", c, name, "organization")
        else:
            first, sur = person_key(c.name)
            if c.single:
                keys = surname_of.get(_strip_particle(c.name.split()[-1]))
                if not keys and c.name.lower() in first_of:
                    keys = [first_of[c.name.lower()]]
                if keys:
                    # several people share the surname: the one named most so far
                    key = keys[-1] if len(keys) == 1 else max(
                        keys, key=lambda k: (ents[k].mentions if k in ents else 0, k == _latest(keys, mentions)))
                    add(key, c, ents[key].name if key in ents else c.name, "person")
                    return
                if c.surname_only or (not c.speaking and c.evidence < 0.5 and not c.role):
                    return
                if c.role or c.speaking:
                    c.evidence = max(c.evidence, 0.6)
                add(f"person::{_strip_particle(c.name)}", c, c.name, "person")
            else:
                key = f"person:{first}:{sur}"
                longer = [k for k, n in full_names.items() if k != key and n.endswith(" " + c.name)]
                add(longer[0] if len(longer) == 1 else key, c, c.name, "person")

    ordered = sorted(cands, key=lambda c: (c.sent, c.start))
    alias_of = _declared_aliases(ordered, texts)
    key_of: dict[int, str] = {}   # id(candidate) -> entity key it joined
    declared: dict[str, str] = {}  # declared acronym/nickname -> entity key
    for c in ordered:
        n_before = len(mentions)
        target = alias_of.get(id(c))
        key = key_of.get(id(target)) if target is not None else None
        key = key or declared.get(c.name)
        if key and key in ents:
            declared[c.name] = key
            add(key, c, ents[key].name, ents[key].kind)
        else:
            _place(c)
        if len(mentions) > n_before:
            key_of[id(c)] = mentions[-1].key
    # "the regime" -> the last regime named before it
    _the_regime(texts, ents, mentions, regimes)
    mentions.sort(key=lambda m: (m.sent, m.start))
    for e in ents.values():
        if e.kind == "person":
            full = [n for n in e.names if len(n.split()) > 1]
            if full:
                e.name = sorted(full, key=lambda n: (-e.names[n], len(n), n))[0]
    return DocActors(ents, mentions)


_NICK_RE = re.compile(r"^\s*,?\s*(?:\w+ly\s+)?(?:known as|nicknamed|dubbed|also called|better known as)\s+$", re.I)


def _declared_aliases(ordered: list[_Cand], texts: list[str]) -> dict[int, _Cand]:
    """Aliases an article declares: "World Food Programme (WFP)", "Dagalo, known as Hemeti".

    Maps id(candidate) -> the candidate just before it that it renames.  Only
    adjacent candidates in one sentence count, so this is one linear pass.
    """
    out: dict[int, _Cand] = {}
    for prev, c in zip(ordered, ordered[1:]):
        if prev.sent != c.sent or c.start < prev.end:
            continue
        gap = texts[c.sent][prev.end:c.start]
        after = texts[c.sent][c.end:c.end + 2].lstrip()
        if gap.strip() == "(" and after.startswith(")") and prev.kind != "person" and c.kind == "organization":
            out[id(c)] = prev
        elif _NICK_RE.match(gap) and prev.kind == "person" and len(c.words) == 1:
            out[id(c)] = prev
    return out


def _latest(keys: list[str], mentions: list[Mention]) -> str:
    for m in reversed(mentions):
        if m.key in keys:
            return m.key
    return keys[0]


_THE_REGIME = re.compile(r"\bthe regime\b", re.I)


def _the_regime(texts, ents, mentions, regimes):
    if not regimes:
        return
    first_sent = min(m.sent for m in mentions if m.key in regimes)
    for s, t in enumerate(texts):
        if s < first_sent:
            continue
        for m in _THE_REGIME.finditer(t):
            key = _latest(regimes, [x for x in mentions if x.sent <= s])
            e = ents[key]
            e.mentions += 1
            e.sentences.add(s)
            mentions.append(Mention(s, m.start(), m.end(), m.group(0), key, "group"))
