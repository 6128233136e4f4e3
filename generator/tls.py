"""Timeline summarization: the key events of a corpus as K dates x N sentences.

Method (DATEWISE, Ghalandari & Ifrim 2020, see the field guide): the strongest
signal of an important day is how often articles *refer* to it.  So we

1. tag every sentence with :mod:`generator.extract.dates` and count, for each
   day, the day-grain references to it, weighted by hindsight: a reference
   written two or more days later counts fully, a same-day one ("on Monday" in
   Monday's paper) barely -- measured on Timeline17 this beats raw counts
   (Date-F1 0.33 against 0.24, see README); undated same-day reports only
   break ties;
2. keep the K best days (inside the optional ``start``/``end`` window);
3. for each day, collect the sentences that mention it or that were published
   on it and report a happening of that day, and pick N of them by centroid
   salience (TF-IDF cosine to the day's centroid, plus some to the corpus
   centroid), preferring sentences that name the date, penalising dates that
   are only reference points ("since ...") and forecasts, and sentences
   that do not read alone (a pronoun or a quotation first, a page header
   run in), never quoting off-topic articles or page furniture, skipping
   near-duplicates.

Step 3 is :func:`summarize_days`, given the days best first, so another
order can be tried on the same sentences (``scripts/train_date_ranker.py``
scores learned ones; held out, none has beaten the counts yet).

Everything is one pass over the sentences plus sparse matrix products, so it
stays linear in corpus size; ties break on date/article/sentence so the
output is deterministic.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

import numpy as np

from .extract import relevance
from .keyevents import W_SAME_DAY, WEIGHTS, Reference, Weights, score_references
from .extract.dates import Timex, reports_on_publication_day, tag
from .models import Article

__all__ = ["DatedSentence", "summarize", "format_tilse"]

SEPARATOR = "-" * 32

W_PUBLISHED = 0.001   # an undated report published that day: only breaks ties
MIN_WORDS, MAX_WORDS = 6, 60
REDUNDANCY = 0.3      # cosine above which two sentences say the same thing
MENTION_BONUS = 0.0  # salience bonus for a sentence that names its date
ANCHOR_PENALTY = 0.3  # ... and a malus when the date is only a reference point
FORECAST_PENALTY = 0.3  # ... or when the sentence was written before the day
CONTEXT_PENALTY = 0.3  # ... or when it does not read alone (a pronoun, a quote, a page header)
TOPICALITY = 1.0      # weight of similarity to the whole corpus in salience
FURNITURE_MIN, FURNITURE_SHARE = 3, 0.01  # repeated in this many articles = boilerplate


@dataclass(frozen=True)
class DatedSentence:
    """One sentence chosen for a timeline date, with its provenance."""

    date: dt.date
    text: str
    article: str
    sentence: int


@dataclass
class _Candidate:
    """A sentence with the days it refers to (internal)."""

    article: str
    sentence: int
    text: str
    published: Optional[dt.date]
    days: tuple[dt.date, ...]        # day-grain dates it names
    explicit: tuple[bool, ...]       # per day: written with a month name/number
    anchor: tuple[bool, ...]         # per day: only a reference point ("since ...")
    on_pub_day: bool                 # undated report of the publication day
    on_topic: bool                   # its article is about the corpus' subject
    caption: bool = False            # a photo caption: its date is when the picture was taken


def _days_of(text: str, timexes: Iterable[Timex]) -> tuple[tuple[dt.date, ...], tuple[bool, ...], tuple[bool, ...]]:
    """Day-grain values of a sentence's timexes (ranges give their first day).

    Per day also: is it written out (month name or number), and is it only an
    anchor ("since the 3 March shelling", "after Friday's prayers") -- the day
    is referred to, which counts for ranking, but the sentence reports
    something else, so it is a poor summary of that day.
    """
    days: list[dt.date] = []
    explicit: list[bool] = []
    anchor: list[bool] = []
    for t in timexes:
        if t.grain != "day" or t.value is None or is_page_stamp(text, t):
            continue
        d = dt.date.fromisoformat(t.value)
        if d in days:
            continue
        days.append(d)
        explicit.append(t.resolution == "explicit" or _names_month(t.text))
        anchor.append(bool(_ANCHOR.search(text[max(0, t.start - 40):t.start])))
    return tuple(days), tuple(explicit), tuple(anchor)


_ANCHOR = re.compile(
    r"\b(?:since|after|before|until|till|following|ahead\s+of|prior\s+to|by)\b[^,;.]*$",
    re.IGNORECASE,
)
_MONTH_WORD = re.compile(r"[A-Z][a-z]{2}|\d{4}-\d\d")


def _names_month(text: str) -> bool:
    """"30 June" (year resolved) still names the day; "on Friday" does not."""
    return bool(re.search(r"\d", text)) and bool(_MONTH_WORD.search(text))


# A page's own stamp: the date it was updated or broadcast, or a reader's
# comment was posted ("Page last updated at 15:47 GMT, Friday, 22 January 2010",
# "Rajan Datar | 10:57 UK time, Friday, 22 January 2010", "First broadcast 22
# January 2010", "8 November 2011 Last updated at 11:01 GMT", "8th November
# 2011 - 17:42 This comment was removed").
_PAGE_STAMP = re.compile(
    r"(?:\b\d{1,2}[.:]\d\d\s*(?:BST|GMT|EDT|EST|ET|CET|UTC|UK\s+time)?"
    r"|\b(?:last\s+updated|first\s+(?:broadcast|published))(?:\s+(?:at|on))?)\s*,?\s*$",
    re.IGNORECASE,
)
_PAGE_STAMP_AFTER = re.compile(r"^\s*(?:-\s*\d{1,2}[.:]\d\d\b|Last\s+updated\b)", re.IGNORECASE)


def is_page_stamp(text: str, t: Timex) -> bool:
    """Is the expression a page's own stamp (the day the page was updated or
    broadcast, a comment posted) rather than a day the story refers to?  The
    stamp is the publication date, which is counted apart; counted as a
    reference, every updated page would vote for its own day."""
    if not _names_month(t.text):  # a stamp writes the date out ("22 January 2010")
        return False
    return bool(_PAGE_STAMP.search(text[max(0, t.start - 40):t.start])
                or _PAGE_STAMP_AFTER.search(text[t.end:t.end + 20]))


_DATELINE = re.compile(
    r"^.{0,140}?\((?:Reuters|AFP|AP|UPI|Xinhua|dpa)\)\s*(?:-+|\u2013|\u2014)\s*"
)


# A live blog's update stamp ("(Update 3:28 a.m. Thursday in Cairo, 8:28 p.m.
# ET Wednesday) ") or a picture credit ("Photograph: AP ") opening a sentence.
_STAMP = re.compile(
    r"^(?:\(Updated?\b[^()]*(?:\([^()]*\)[^()]*)*\)\s*[-\u2013\u2014]?\s*"
    r"|(?:Photograph|Photo|Picture)\s*:\s*(?:[A-Z][\w.]*\s?){1,3}(?:/\s*[A-Z][\w.]*\s?)?(?=[A-Z\d]))"
)


def strip_dateline(text: str) -> str:
    """Drop a wire dateline ("DAMASCUS | Sun Mar 20, 2011 5:23 pm EDT DAMASCUS
    (Reuters) - "), a live blog's update stamp or a picture credit: they are
    page furniture, not part of the event sentence; a dateline's date is the
    publication date, which is counted separately, and a stamp's weekday is
    the hour of the update, not a day the story refers to."""
    return _STAMP.sub("", _DATELINE.sub("", text, count=1), count=1)


# A sentence a reader cannot follow without the one before it: it opens on a
# pronoun or a connective ("He said there are now 91 cases", "But it ...").
_NEEDS_CONTEXT = re.compile(
    r"^(?:He|She|They|It|We|I|His|Her|Their|Its|This|These|Those|That|But|And|Also|However)\b(?!\s*[,:])"
)
# ... or it is a quotation opening the sentence ("'It is not about me,' Mubarak
# said"), or a page header glued to the text ("... Sunday 26 April 2009 10.40 BST ...",
# a headline's kicker "Swine flu: how the latest strain spread ...", a fact box
# "Mexico: 103 dead - ...").
_QUOTE_OPENING = re.compile(r"^[\"\u201c\u2018]")
_KICKER = re.compile(r"^[^,.;:\"\u201c]{0,40}?[^\d\s,.;:\"\u201c]\s?:")
_CLOCK_STAMP = re.compile(r"(?<!\()\b\d{1,2}[.:]\d\d\s*(?:BST|GMT|EDT|EST|ET|CET)\b")


def reads_alone(text: str) -> bool:
    """Can the sentence stand as a timeline entry on its own, the way a
    journalist writes one: a named subject, not a pronoun or a quotation,
    and no page header run into it?"""
    return not (_NEEDS_CONTEXT.search(text) or _QUOTE_OPENING.search(text) or _CLOCK_STAMP.search(text)
                or _KICKER.search(text))


def _in_window(d: Optional[dt.date], start: Optional[dt.date], end: Optional[dt.date]) -> bool:
    if d is None:
        return start is None and end is None
    return (start is None or d >= start) and (end is None or d <= end)


def _page_furniture(articles: Sequence[Article]) -> set[str]:
    """Sentences repeated verbatim across many articles of a crawl.

    Comment-form notices, site promos and sidebars ("Views expressed in the
    comments do not represent those of Reuters.") recur in every page of a
    site; counting their dates or choosing them as events would be noise.
    """
    seen: dict[str, int] = defaultdict(int)
    for art in articles:
        for key in {_norm(s.text) for s in art.sentences}:
            seen[key] += 1
    floor = max(FURNITURE_MIN, int(FURNITURE_SHARE * len(articles)))
    return {k for k, c in seen.items() if c >= floor}


def _candidates(articles: Sequence[Article], start=None, end=None) -> list[_Candidate]:
    """Every usable sentence of the articles published inside the window.

    Each is marked on/off topic by :mod:`generator.extract.relevance` (the
    verdict the sources page shows).  Off-topic articles still count as date
    references -- measured, dropping them lowers Date-F1 (0.333 -> 0.302):
    neighbouring stories refer to the subject's big days too -- but their
    sentences are never chosen as a summary.
    """
    return [c for c in prepare(articles).candidates if _in_window(c.published, start, end)]


@dataclass(frozen=True)
class Prepared:
    """The articles and their dated sentences, computed once for any window."""

    articles: tuple[Article, ...]
    candidates: tuple[_Candidate, ...]


def prepare(articles: Sequence[Article]) -> Prepared:
    """Tag every sentence of *articles* once (furniture and topicality are
    properties of the whole crawl, not of a window), so that several windows
    of one corpus are summarized without tagging it again."""
    furniture = _page_furniture(articles)
    on_topic = {aid for aid, (ok, _why) in relevance.assess_all(articles).items() if ok}
    if not on_topic:  # nothing judged on topic: better a noisy timeline than none
        on_topic = {a.id for a in articles}
    out: list[_Candidate] = []
    for art in sorted(articles, key=lambda a: a.id):
        for s in art.sentences:
            text = strip_dateline(s.text)
            if _norm(text) in furniture:
                continue
            words = len(text.split())
            timexes = tag(text, art.published)
            days, explicit, anchor = _days_of(text, timexes)
            on_pub = (
                art.published is not None
                and not timexes
                and MIN_WORDS <= words <= MAX_WORDS
                and reports_on_publication_day(text)
            )
            if not days and not on_pub:
                continue
            out.append(_Candidate(art.id, s.index, text, art.published, days, explicit, anchor,
                                  on_pub, art.id in on_topic, is_photo_caption(text)))
    return Prepared(tuple(articles), tuple(out))


def rank_dates(cands: Sequence[_Candidate], start=None, end=None,
               weights: Weights = WEIGHTS) -> list[tuple[dt.date, float]]:
    """The window's days, best first (ties: earlier day first), by the
    hand-weighted reference score, leaving out a day only ever named before
    it came and still ahead of the newest article (a plan, not yet an event).
    *weights*: the engine's (another set only to measure them, see
    :class:`generator.keyevents.Weights`)."""
    horizon = max((c.published for c in cands if c.published is not None), default=None)
    engine = score_references(_references(cands, start, end), horizon, weights)
    return sorted(((d, w) for d, w in engine.items() if w > 0), key=lambda kv: (-kv[1], kv[0]))


def candidates(prepared: Prepared, start=None, end=None) -> list[_Candidate]:
    """The dated sentences of the articles published inside *start*..*end*."""
    return [c for c in prepared.candidates if _in_window(c.published, start, end)]


def _references(cands: Sequence[_Candidate], start, end) -> Iterable[Reference]:
    for c in cands:
        for d in c.days:
            if _in_window(d, start, end):
                yield Reference(d, d, d, c.published, 1.0, c.caption)
        if c.on_pub_day and _in_window(c.published, start, end):
            # an undated report of its publication day only breaks ties
            yield Reference(c.published, c.published, c.published, c.published, W_PUBLISHED / W_SAME_DAY)


def _tfidf(texts: Sequence[str]):
    """L2-normalized TF-IDF rows (scikit-learn, English stop words removed)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1,
                          token_pattern=r"(?u)\b\w[\w-]+\b")
    return vec.fit_transform(texts)


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


_CAPTION = re.compile(r"\b[A-Z']{2,}(?:\s+[A-Z']{2,}){3,}\b")
# A photo caption ends with the day the picture was taken ("... in Deauville
# May 27, 2011."): news pages reuse file photos for weeks, so that date is
# neither a later reference to an important day nor an event of the story.
_PHOTO_DATE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s*,\s*(?:19|20)\d\d"
    r"\s*\.?\s*[\"\u201d']?\s*$"
)


def is_photo_caption(text: str) -> bool:
    """Does the sentence end with a full date, the way picture captions do?"""
    return bool(_PHOTO_DATE.search(text))


def _summary_worthy(text: str) -> bool:
    """Long enough to say something, short enough to be one event; not a
    photo caption or notice in capitals ("EDITOR'S NOTE: ... CAN NOT ...")."""
    words = len(text.split())
    return (MIN_WORDS <= words <= MAX_WORDS and not _CAPTION.search(text)
            and not is_photo_caption(text))


def _unit_centroid(X) -> np.ndarray:
    centroid = np.asarray(X.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    return centroid / norm if norm else centroid


def _pick(day: dt.date, idx: list[int], cands, X, topical: np.ndarray, n: int,
          taken: set[str], strict: bool = True) -> list[int]:
    """Choose ``n`` salient, non-redundant sentences among ``idx`` for ``day``.

    Salience is similarity to the day's centroid (what that day's sentences
    share) plus, weighted by TOPICALITY, to the corpus centroid (what the
    briefing is about), so an off-topic sentence that happens to share the
    date loses.
    """
    if not idx:
        return []
    sub = X[idx]
    sims = np.asarray(sub @ _unit_centroid(sub)).ravel() + TOPICALITY * topical[idx]
    scored = []
    for j, i in enumerate(idx):
        c = cands[i]
        bonus = 0.0
        if day in c.days:
            at = c.days.index(day)
            bonus = -ANCHOR_PENALTY if c.anchor[at] else MENTION_BONUS * (2 if c.explicit[at] else 1)
        if strict and (not _summary_worthy(c.text) or not c.on_topic):
            continue
        if c.caption or _CAPTION.search(c.text):  # never quoted, even to fill K
            continue
        if c.published is not None and c.published < day:
            bonus -= FORECAST_PENALTY  # written before the day: a plan, not a report
        if not reads_alone(c.text):
            bonus -= CONTEXT_PENALTY
        scored.append((-(sims[j] + bonus), c.article, c.sentence, i))
    scored.sort()
    chosen: list[int] = []
    for _, _, _, i in scored:
        key = _norm(cands[i].text)
        if key in taken:
            continue
        if strict and chosen and (X[chosen] @ X[i].T).max() > REDUNDANCY:
            continue
        chosen.append(i)
        taken.add(key)
        if len(chosen) == n:
            break
    return chosen


def summarize(
    articles: list[Article],
    k: int,
    n: int,
    start: Optional[dt.date] = None,
    end: Optional[dt.date] = None,
    prepared: Optional[Prepared] = None,
) -> list[tuple[dt.date, list[DatedSentence]]]:
    """The K key days of ``articles`` with N sentences each, in date order.

    ``start``/``end`` (inclusive) restrict both the articles (by publication
    date) and the days that may be chosen; *prepared*, from :func:`prepare`
    on the same articles, saves tagging them again.
    """
    if k <= 0 or n <= 0:
        return []
    prepared = prepared or prepare(articles)
    ranked = [day for day, _ in rank_dates(candidates(prepared, start, end), start, end)]
    return summarize_days(prepared, ranked, k, n, start, end)


def summarize_days(prepared: Prepared, ranked: Sequence[dt.date], k: int, n: int,
                   start: Optional[dt.date] = None, end: Optional[dt.date] = None
                   ) -> list[tuple[dt.date, list[DatedSentence]]]:
    """N sentences for each of the first K days of *ranked* that have some
    (see :func:`summarize`), in date order."""
    if k <= 0 or n <= 0:
        return []
    articles = list(prepared.articles)
    cands = candidates(prepared, start, end)
    if not cands:
        return []
    X = _tfidf([c.text for c in cands]).tocsr()
    topical = np.asarray(X @ _unit_centroid(X)).ravel()
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for i, c in enumerate(cands):
        for d in c.days:
            by_day[d].append(i)
        if c.on_pub_day and c.published is not None and c.published not in c.days:
            by_day[c.published].append(i)
    chosen_days: dict[dt.date, list[int]] = {}
    taken: set[str] = set()
    # K dates whenever the articles name K days: the best-referred days with a
    # summary-worthy on-topic sentence first, then the rest with any sentence
    for strict in (True, False):
        for day in ranked:
            if len(chosen_days) == k:
                break
            if day not in chosen_days:
                chosen = _pick(day, by_day.get(day, []), cands, X, topical, n, taken, strict)
                if chosen:
                    chosen_days[day] = chosen
    if len(chosen_days) < k:
        _fill_with_publication_days(articles, start, end, k, n, chosen_days, cands, by_day)
    return [
        (day, [DatedSentence(day, cands[i].text, cands[i].article, cands[i].sentence) for i in idx])
        for day, idx in sorted(chosen_days.items())
    ]


def _fill_with_publication_days(articles, start, end, k, n, chosen_days, cands, by_day) -> None:
    """Still short of K: the days most articles were published on, each told
    by the leads of its articles (a lead reports the day's news)."""
    volume: dict[dt.date, list[Article]] = defaultdict(list)
    for a in sorted(articles, key=lambda a: a.id):
        if a.published is not None and _in_window(a.published, start, end) and a.published not in chosen_days:
            volume[a.published].append(a)
    for day, arts in sorted(volume.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(chosen_days) == k:
            return
        leads = []
        for a in arts:
            lead = next((s for s in a.sentences if _summary_worthy(strip_dateline(s.text))), None)
            if lead is not None:
                cands.append(_Candidate(a.id, lead.index, strip_dateline(lead.text), a.published, (), (), (),
                                        True, True))
                leads.append(len(cands) - 1)
            if len(leads) == n:
                break
        if leads:
            chosen_days[day] = leads


def format_tilse(timeline: Sequence[tuple[dt.date, Sequence[DatedSentence]]]) -> str:
    """The tilse/Timeline17 text format: date line, sentences, 32 dashes."""
    lines: list[str] = []
    for day, sents in timeline:
        lines.append(day.isoformat())
        lines.extend(" ".join(s.text.split()) for s in sents)
        lines.append(SEPARATOR)
    return "\n".join(lines) + ("\n" if lines else "")
