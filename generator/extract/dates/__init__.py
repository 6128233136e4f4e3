"""A HeidelTime-style temporal tagger: rules, no model.

Why rules: the field guide's lesson from timeline summarization is that a
tagger which resolves *relative* dates well ("on Friday", "last week") is worth
more than clever ranking, and news relative dates are anchored on one thing we
always have -- the publication date.  HeidelTime does this with hand-written
patterns; we do the same with one precompiled alternation scanned once over the
text (linear in its length), and resolve each match against ``published``.

Values keep the grain the text supports (TIMEX3 style): ``2012``, ``2012-07``,
``2012-07-06``, ``2012-W27``.  Without a publication date a relative
expression is kept as written with ``value=None`` -- never guessed.

Works on plain text and on PTB-tokenized text (``Mar 15 , 2011``).

The package, in the order a text goes through it: :mod:`.lexicon` (the words),
:mod:`.patterns` (the one alternation and the scan), :mod:`.tense` (forward or
back), :mod:`.arithmetic`, :mod:`.resolve` and :mod:`.context` (each kind's
value), :mod:`.tagger` (``tag_all``/``tag``: spans and grains) and
:mod:`.publication` (undated sentences reporting their article's day).
"""

from __future__ import annotations

from .lexicon import _MONTHS, _WORD_NUMBERS
from .patterns import _DEICTIC_CI, _SCAN, _fold_case, _scan, _scan_at, _trigger_starts
from .publication import _ADJECTIVE_ED, _HAPPENING, _NOT_TODAY, reports_on_publication_day
from .tagger import Named, _resolve, _tag, contexts, named_last, tag, tag_all
from .timex import Timex

MONTHS = _MONTHS
"""Month names and abbreviations (lower case) -> month number: the tagger's own."""
NUMBER_WORDS = _WORD_NUMBERS
"""Number words (lower case) -> number, "zero" to "nineteen" and the tens to "ninety"."""

__all__ = ["MONTHS", "NUMBER_WORDS", "Named", "Timex", "contexts", "named_last", "tag", "tag_all", "reports_on_publication_day"]
# the scanner's internals, for the tests that check the fast scan against a plain one
_INTERNALS = (_DEICTIC_CI, _SCAN, _fold_case, _scan, _scan_at, _trigger_starts, _ADJECTIVE_ED,
              _HAPPENING, _NOT_TODAY, _resolve, _tag)
