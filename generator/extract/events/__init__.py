"""Dated events: which sentences report a happening, when, and in what words.

Why rules and not a model: the briefing runs offline on a blank spaCy
pipeline, and a timeline is only as good as its dates -- so the design follows
the timeline-summarization lesson (see the field guide): find a *happening*
with a trigger lexicon in the spirit of CAMEO codes, date it with the
sentence's own temporal expression (``extract.dates.tag``), and fall back to the
publication date only when the sentence's tense says it reports that day
(``extract.dates.reports_on_publication_day``) and it stands in the article's lead or
right after a sentence that names that day (:data:`.detect.LEAD`).  A sentence whose date cannot be
resolved, or that speaks of the future, is *held* for ``briefing review``
rather than guessed.

Pipeline per sentence (:func:`.detect.scan_article`):

1. mask quoted speech (a trigger inside a quote is someone's words, not a
   reported happening) -- quotes may run over several sentences;
2. find triggers (``LEXICON``, data in ``generator/data/event_triggers.yaml``:
   kind, strength); negated or modal/future ones ("did not vote", "will meet")
   do not count;
3. pair a trigger with a timex in the same clause (comma segment), or with a
   sentence-initial "On Friday," segment; the pair with the strongest trigger
   wins;
4. with the sentence's parse, add the parse-based model's events
   (:mod:`.parse`): every predicate -- a verb, or an event noun -- that
   governs a date expression and is asserted (not negated, future, modal,
   hypothetical, a state), one per date the lexicon's event did not take, so
   happenings the lexicon has no word for ("said on Sunday", "reported on
   Monday", "his death on 25 June") and a sentence's second dated happening
   are found; a happening the article repeats at a coarser grain is dropped
   (:func:`finest_grain`);
5. build a headline-like title by rules (:func:`make_title`), or from the
   predicate's own clause for a happening outside the main clause.

:func:`.merge.merge_events` then fuses the same happening reported by several articles:
events are blocked by date (exact day, or identical range/week/month/year) and
compared within a block by overlap of content stems, numbers and places.

The modules, each importing only those listed before it: :mod:`.lexicon`
(the triggers and the words that undo them), :mod:`.places`, :mod:`.titles`,
:mod:`.dating` (which expression dates a trigger, by the parse or the clause
rules), :mod:`.parse` (the parse-based model), :mod:`.ids` (ids and the
timeline's order), :mod:`.detect` (one article's events) and :mod:`.merge`
(one event per happening across articles).  This package module only names
what the rest of ``generator`` uses.
"""

from __future__ import annotations

from .detect import EventScan, Held, extract_events, find_triggers, finest_grain, scan_article
from .lexicon import Trigger
from .merge import content_stems, merge_events
from .places import find_place
from .titles import TITLE_MAX, make_title

__all__ = [
    "EventScan", "Held", "TITLE_MAX", "Trigger", "content_stems", "extract_events", "find_place",
    "find_triggers", "finest_grain", "make_title", "merge_events", "scan_article",
]
