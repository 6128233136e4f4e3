"""Is an article about the briefing's subject, and is it an article at all?

Crawled corpora carry off-topic pieces (a health story in a Syria crawl) and
page chrome (navigation, cookie banners, link lists).  Both would pollute
actors and the timeline, so extraction asks this module first and records the
verdict -- with a reason a reader can check -- in ``Source.relevance``.

Two ways to know the subject:

* configured: ``Config.topic`` keywords (``["syria", "assad"]``);
* derived: :func:`build_profile` finds the terms most articles *share*.  A
  term counts for an article only when it is salient there (capitalised and
  used at least twice, or in the lead), so a dateline word ("Reuters") or a
  passing mention does not make a subject.  Subject terms are the most shared
  term plus the terms that (almost) never occur without it, which keeps
  generic news words ("U.S.", "president", "minister") out.

An article is on-topic when topic terms occur often enough for its length
(count-normalised: ``hits >= max(2, words / WORDS_PER_HIT)``) or when the lead
names the subject.  Everything is linear in corpus size.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence, Union

from spacy.lang.en.stop_words import STOP_WORDS

from ..models import Article
from .nlp import lower_safe as _lower_safe
from .scan import at_heads

# -- tuning knobs (documented in the README) --------------------------------
MIN_WORDS = 40
"""Shorter texts are not articles (teasers, captions, page chrome)."""
WORDS_PER_HIT = 250
"""A long article needs one topic mention per this many words."""
LEAD_SENTENCES = 3
"""Sentences that make up the lead (title + opening)."""
SUBJECT_SHARE = 0.2
"""A derived subject term is salient in at least this share of articles."""
MIN_WITH_CORE = 0.97
"""...and nearly always (this share of its articles) comes with the core term."""
MAX_SUBJECT_TERMS = 5
MIN_PROFILE_DOCS = 5
"""Fewer articles than this cannot say what a corpus is about: no derived topic."""
CLEAR_SUBJECT_SHARE = 0.4
"""A derived subject is clear only when its core term is salient in at least
this share of articles.  Below it the corpus is a mixed feed (on 81 mixed
news articles the most shared term was "president", and filtering on it set
73 aside): every article is kept, with that reason.  Measured shares of the
core term: Timeline17 Syria 0.70, H1N1 0.50, Michael Jackson 0.92, PolNeAR
dev (US election) 0.65; five Timeline17 topics mixed: below 0.3."""

_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]")
_SUFFIXES = ("s", "n", "ns", "an", "ans", "ian", "ians", "es", "'s", "’s", "i", "is")
"""Inflection/demonym endings folded onto a stem: Syria(n|ns), Iran(ian)."""

_CALENDAR = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "mon", "tue", "wed", "thu",
    "fri", "sat", "sun", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "gmt", "edt", "est", "bst", "utc", "pm", "am",
}
_REPORTING = {"said", "says", "told", "added", "according", "also", "would", "could"}
_NEWS_CHROME = {"reuters", "ap", "afp", "bbc", "news", "reporting", "editing",
                "writing", "additional", "mr", "mrs", "ms", "dr", "lrb", "rrb"}

_CHROME_PATTERNS = re.compile(
    r"\b(cookies?|javascript|sign in|log in|subscribe|newsletter|privacy policy|"
    r"terms of (use|service)|all rights reserved|skip to (main )?content|"
    r"share this|follow us|click here|related (stories|articles|links)|"
    r"most (read|popular)|advertisement|copyright ©?|read more)\b",
    re.IGNORECASE,
)

# The same words without re.I, for lower-cased ASCII text (the pattern is lower case).
_CHROME_LOWER = re.compile(_CHROME_PATTERNS.pattern)


# First three letters of every chrome phrase: the lowered scan tries the
# pattern only at word starts with one of them.
_CHROME_HEADS = frozenset(("coo", "jav", "sig", "log", "sub", "new", "pri", "ter", "all", "ski",
                           "sha", "fol", "cli", "rel", "mos", "adv", "cop", "rea"))
_CHROME_AT_HEADS = at_heads(_CHROME_LOWER, _CHROME_HEADS)
# A literal part of every chrome phrase (the text before its first optional
# or alternative part): a line with none of them is not chrome.
_CHROME_LITERALS = ("cookie", "javascript", "sign in", "log in", "subscribe", "newsletter", "privacy policy",
                    "terms of ", "all rights reserved", "skip to ", "share this", "follow us", "click here",
                    "related ", "most ", "advertisement", "copyright", "read more")


@lru_cache(maxsize=8192)
def _is_chrome(line: str) -> bool:
    """Is *line* page chrome?  A pure function of the line, remembered: the
    same site lines ("This discussion is now closed.") recur across a corpus."""
    low = _lower_safe(line)
    if low is not None:
        # every match contains one of these: most lines have none (~3x cheaper than the regex)
        if not any(map(low.__contains__, _CHROME_LITERALS)):
            return False
        # = _CHROME_LOWER.search(low), tried only at chrome heads: one regex (.scan)
        return _CHROME_AT_HEADS.search(low) is not None
    return _CHROME_PATTERNS.search(line) is not None


Verdict = tuple[bool, str]


@dataclass(frozen=True)
class Profile:
    """The subject of a corpus: its terms and how many articles share each."""

    terms: tuple[str, ...]
    """Subject stems, most shared first (``("syria", "assad", ...)``)."""
    df: dict[str, int] = field(default_factory=dict)
    """Articles in which each subject term is salient."""
    n_docs: int = 0
    configured: bool = False
    """True when the terms came from ``Config.topic`` rather than the corpus."""
    unclear: str = ""
    """Why no subject was derived although there were enough articles ('' otherwise)."""


def _stem(word: str) -> str:
    return word.lower().strip(".'’-")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=8192)
def _sentence_words(sentence: str) -> tuple[str, ...]:
    """:func:`_words` of one sentence, remembered (the regex split is most of
    this module's cost; boilerplate and republished sentences recur).  A
    tuple: the cached value is shared, so nobody may change it."""
    return tuple(_WORD.findall(sentence))


def _fold(counts: Counter) -> Counter:
    """Fold ``syrian`` onto ``syria`` when both occur (short suffixes only)."""
    keys = sorted(counts, key=lambda k: (len(k), k))
    target: dict[str, str] = {}
    present = set(keys)
    for k in keys:
        target[k] = k
        # most words end in none of the suffixes: one C-level test rules them out
        if k.endswith(_SUFFIXES):
            base = _base_of(k, present)
            if base:
                target[k] = target.get(base, base)
    # a plain dict, then one Counter: Counter's += per key costs a method call each
    folded: dict[str, int] = {}
    get = folded.get
    for k, v in counts.items():
        t = target[k]
        folded[t] = get(t, 0) + v
    return Counter(folded)


def _base_of(k: str, present: set[str]) -> Optional[str]:
    """The first suffix-stripped form of *k* that is itself a word of the text
    (at least three letters), else None.  A plain loop: the generator
    expression it replaces cost more than the tests (~40,000 words a corpus)."""
    for suffix in _SUFFIXES:
        if k.endswith(suffix):
            base = k[: -len(suffix)]
            if base in present and len(base) >= 3:
                return base
    return None


_NOT_SALIENT = frozenset(STOP_WORDS) | _CALENDAR | _NEWS_CHROME


def _salient_terms(article: Article, _wps: Optional[Sequence[Sequence[str]]] = None) -> Counter:
    """Capitalised non-initial words of the article (proper-noun-ish), folded.

    *_wps*: the article's words per sentence when the caller has them already.
    """
    counts: Counter = Counter()
    lead: set[str] = set()
    wps = _wps if _wps is not None else [_words(s) for s in _sentences(article)]
    for i, words in enumerate(wps):
        if not words:
            continue
        # capitalised words only (a cheap first filter), the first one only when no stop word
        caps = [w for w in words if w[0].isupper()]
        if caps and caps[0] is words[0] and words[0].lower() in STOP_WORDS:
            caps = caps[1:]
        for w in caps:
            s = w.lower().strip(".'’-")  # _stem
            if len(s) < 3 or s in _NOT_SALIENT:
                continue
            if w.isupper() and len(w) > 4:  # DATELINE CAPS
                continue
            counts[s] += 1
            if i < LEAD_SENTENCES:
                lead.add(s)
    folded = _fold(counts)
    # Salient = used twice, or named in the lead.
    lead_f = set(_fold(Counter(lead)))
    return Counter({k: v for k, v in folded.items() if v >= 2 or k in lead_f})


def _sentences(article: Article) -> list[str]:
    if article.sentences:
        return [s.text for s in article.sentences]
    return [line for line in article.text.splitlines() if line.strip()]


def build_profile(articles: Sequence[Article], topic: Sequence[str] | None = None,
                  _why: Optional[dict[str, str]] = None) -> Profile:
    """The subject of *articles*: configured *topic* keywords, or derived.

    Derived: the core term is the one salient in most articles; other terms
    join when salient in at least ``SUBJECT_SHARE`` of articles and when at
    least ``MIN_WITH_CORE`` of the articles they are salient in share the core.
    """
    if topic:
        terms = tuple(dict.fromkeys(t.lower().strip() for t in topic if t.strip()))
        return Profile(terms=terms, n_docs=len(articles), configured=True)
    docs = [set(_salient_terms(a)) for a in articles
            if not (_why[a.id] if _why is not None and a.id in _why else boilerplate(a))]
    return _derived_profile(docs)


def _derived_profile(docs: list[set[str]]) -> Profile:
    """The derived subject from each non-boilerplate article's salient terms."""
    n = len(docs)
    if n < MIN_PROFILE_DOCS:
        return Profile(terms=(), n_docs=n)
    df: Counter = Counter()
    for d in docs:
        df.update(d)
    if not df:
        return Profile(terms=(), n_docs=n)
    core = min(df, key=lambda t: (-df[t], t))
    if df[core] < CLEAR_SUBJECT_SHARE * n:
        return Profile(terms=(), n_docs=n, unclear=(
            f"no clear subject: the most shared term, {core!r}, is salient in only {df[core]} of {n} "
            f"articles (under {CLEAR_SUBJECT_SHARE:.0%}); set topic: in briefing.yml to filter"))
    with_core = [d for d in docs if core in d]
    co: Counter = Counter()
    for d in with_core:
        co.update(d)
    terms = [core]
    for t in sorted(df, key=lambda t: (-df[t], t)):
        if t == core or df[t] < SUBJECT_SHARE * n:
            continue
        if co[t] >= MIN_WITH_CORE * df[t]:
            terms.append(t)
        if len(terms) >= MAX_SUBJECT_TERMS:
            break
    return Profile(terms=tuple(terms), df={t: df[t] for t in terms}, n_docs=n)


@lru_cache(maxsize=1024)
def _term_pattern(term: str) -> re.Pattern:
    suffix = "|".join(re.escape(s) for s in _SUFFIXES)
    body = r"\s+".join(re.escape(p) for p in term.split())
    return re.compile(rf"(?<![\w-]){body}(?:{suffix})?(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1024)
def _term_pattern_lower(term: str) -> Optional[re.Pattern]:
    """_term_pattern without re.I, for lower-cased text; None unless *term* is lower-case ASCII.

    The "not after a word character" test comes after the first word
    (``syria(?<![\\w-]syria)...``), not before it: a pattern that starts with
    a literal lets the regex engine jump between occurrences of it instead of
    trying every character, and the matches are the same.
    """
    parts = term.split()
    if not (term.isascii() and term == term.lower()) or not parts:
        return None
    suffix = "|".join(re.escape(s) for s in _SUFFIXES)
    first = re.escape(parts[0])
    rest = "".join(r"\s+" + re.escape(p) for p in parts[1:])
    return re.compile(rf"{first}(?<![\w-]{first}){rest}(?:{suffix})?(?![\w-])")


def _find_term(term: str, text: str, low: Optional[str]) -> list[str]:
    """_term_pattern(term).findall(text); on *low* (text lower-cased, same offsets) ~2x faster."""
    rx = _term_pattern_lower(term) if low is not None else None
    return rx.findall(low) if rx is not None else _term_pattern(term).findall(text)


def boilerplate(article: Article) -> str:
    """Why *article* is page chrome rather than an article ('' if it is fine)."""
    sents = _sentences(article)
    return _boilerplate(sents, [len(_words(s)) for s in sents])


def _boilerplate(sents: list[str], lens: list[int]) -> str:
    """:func:`boilerplate` from the sentences and their word counts."""
    n_words = sum(lens)
    if n_words < MIN_WORDS:
        return f"boilerplate: only {n_words} words"
    chrome = sum(1 for s in sents if _is_chrome(s))
    if chrome and chrome >= 0.3 * len(sents):
        return f"boilerplate: {chrome} of {len(sents)} lines are page chrome (cookies, links, sign-in)"
    shortish = sum(1 for s, n in zip(sents, lens) if n < 6 and not s.rstrip().endswith((".", "!", "?", "”", '"')))
    if len(sents) >= 5 and shortish >= 0.6 * len(sents):
        return f"boilerplate: list-like, {shortish} of {len(sents)} lines are short fragments"
    return ""


_NOT_TOP = frozenset(STOP_WORDS) | _CALENDAR | _NEWS_CHROME | _REPORTING


def _top_words(article: Article, k: int = 3) -> list[str]:
    counts = Counter(
        lw for s in _sentences(article) for w in _sentence_words(s)
        if len(w) > 3 and not w.isupper() and (lw := w.lower()) not in _NOT_TOP
    )
    return [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


def assess(article: Article, subject: Union[Profile, Sequence[str], None] = None,
           _why: Optional[str] = None, _n_words: Optional[int] = None) -> Verdict:
    """``(relevant, reason)`` for one article.

    *subject* is a :class:`Profile` (from :func:`build_profile`), a list of
    topic keywords, or None (then only the boilerplate check applies: one
    article alone cannot say what a corpus is about).
    """
    why = boilerplate(article) if _why is None else _why
    if why:
        return False, why
    if subject is None or isinstance(subject, (list, tuple)) and not subject:
        return True, "relevant: no topic configured or derivable"
    profile = subject if isinstance(subject, Profile) else build_profile([], subject)
    if not profile.terms:
        if not profile.configured and profile.n_docs < MIN_PROFILE_DOCS:
            return True, (f"relevant: {profile.n_docs} article(s) are too few to derive a topic "
                          "(set topic: in briefing.yml)")
        if profile.unclear:
            return True, f"relevant: {profile.unclear}"
        return True, "relevant: no topic configured or derivable"
    sents = _sentences(article)
    text = "\n".join(sents)
    lead = "\n".join(sents[:LEAD_SENTENCES])
    low, low_lead = _lower_safe(text), _lower_safe(lead)
    hits = {t: len(_find_term(t, text, low)) for t in profile.terms}
    total = sum(hits.values())
    # words never span the "\n" between sentences: the caller's per-sentence count is the same
    n_words = len(_words(text)) if _n_words is None else _n_words
    need = max(2, round(n_words / WORDS_PER_HIT))
    in_lead = [t for t in profile.terms if _find_term(t, lead, low_lead)]
    found = ", ".join(f"{t} ×{c}" for t, c in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0])) if c)
    terms = ", ".join(profile.terms[:6])
    if total == 0:
        top = ", ".join(_top_words(article))
        return False, f"off-topic: mentions none of {terms} (top terms: {top})"
    if total >= need or (in_lead and total >= 2):
        return True, f"on-topic: {found}"
    top = ", ".join(_top_words(article))
    return False, (f"off-topic: only {total} mention(s) of the topic in {n_words} words "
                   f"({found}; top terms: {top})")


KEEP_ALL = "relevant: relevance filter off (relevance: off in briefing.yml, or extract --all)"


def keep_all(articles: Iterable[Article]) -> dict[str, Verdict]:
    """Every article kept, the reason saying why (``relevance: off``, ``--all``).

    Boilerplate too: the editor asked for everything, and the reason stays
    visible per article."""
    return {a.id: (True, KEEP_ALL) for a in sorted(articles, key=lambda a: a.id)}


def assess_all(articles: Iterable[Article], topic: Sequence[str] | None = None) -> dict[str, Verdict]:
    """Verdicts for a whole corpus, keyed by article id (sorted).

    One pass reads each article's words once (regex word split is most of
    this module's cost) for its boilerplate verdict, word count and salient
    terms; only those small results are kept, so memory stays flat.
    """
    articles = list(articles)
    why: dict[int, str] = {}
    n_words: dict[int, int] = {}
    docs: list[set[str]] = []
    for a in articles:
        sents = _sentences(a)
        wps = [_sentence_words(s) for s in sents]
        lens = [len(w) for w in wps]
        why[id(a)] = _boilerplate(sents, lens)
        n_words[id(a)] = sum(lens)
        if not topic and not why[id(a)]:
            docs.append(set(_salient_terms(a, wps)))
    if topic:
        profile = build_profile(articles, topic)
    else:
        profile = _derived_profile(docs)
    return {a.id: assess(a, profile, why[id(a)], n_words[id(a)]) for a in sorted(articles, key=lambda a: a.id)}
