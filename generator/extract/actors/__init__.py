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

The rules live in modules of this package, one concern each: :mod:`.records`,
:mod:`.names`, :mod:`.credits`, :mod:`.roles`, :mod:`.classify`, :mod:`.recognizer`,
:mod:`.resolve`; every name stays importable from ``generator.extract.actors``.
"""

from __future__ import annotations

from functools import partial
from itertools import islice
from typing import Optional

from ...slug import slug as one_slug
from ..nlp import Word

slug = partial(one_slug, max_len=60, join_apostrophes=True)
"""An extracted id (actor, group, issue): :func:`generator.slug.slug`, at most 60 characters, ``O'Brien`` -> ``obrien``."""


from .records import (  # noqa: E402,F401  (public and rule names stay importable from here)
    DocActors,
    Entity,
    Mention,
    _Cand,
)
from .names import (  # noqa: E402,F401  (public and rule names stay importable from here)
    ACTION_VERBS,
    CONNECTORS,
    PARTICLES,
    PLACE_NOUNS,
    PREPOSITIONS_PLACE,
    SPEECH_VERBS,
    VENUE_NOUNS,
    _ACRONYM,
    _AE,
    _ASCII_UPPER,
    _ASCII_UPPER_OR_AE,
    _BREAKERS,
    _DOTTED,
    _GROUP_POSSESSORS,
    _LEAD_THE,
    _NAME_WORD,
    _PERSON_WORD,
    _PLURAL_NAME,
    _PLURAL_VERBS,
    _POSSESSIVE,
    _SPACES,
    _chunk_heads,
    _chunks,
    _first_char,
    _gender_of,
    _is_cap,
    _may_start,
    _org_and,
    _org_possessive,
    _plural_common_noun,
    _strip_particle,
    _word_text,
    norm_org,
    person_key,
)
from .credits import (  # noqa: E402,F401  (public and rule names stay importable from here)
    ABOUT_AUTHOR_RE,
    BYLINE_RE,
    CLOSING_RE,
    CONTRIB_RE,
    CREDIT_RE,
    TWEET_SIGNATURE_RE,
    _CLAUSE,
    CREDIT_WORDS,
    AUTHOR_JOBS,
    CLOSING_VERBS,
    CREDITED_OUTLETS,
    _LOWER_WORD,
    _OUTLET_POSS,
    _QUOTE_CHARS,
    _TITLE_FIRST,
    _closing_search,
    _contrib_search,
    _credit_cutoff,
    _credit_kind,
    _credit_search,
    _cutoff,
    _plain_text,
)
from .roles import (  # noqa: E402,F401  (public and rule names stay importable from here)
    _TITLE_HEADS,
    _after_outlet_box,
    _all_ranks,
    _context_role,
    _lower_title_before,
    _speaks,
    _title_prefix,
)
from .recognizer import (  # noqa: E402,F401  (public and rule names stay importable from here)
    ACTOR_LABELS,
    KNOWN_EVIDENCE,
    REPORTING_LEMMAS,
    RULE_EVIDENCE,
    _CLAUSE_MARKS,
    _HEADLINE_SMALL,
    _INITIAL_END,
    _acting_city,
    _acts,
    _confirmed,
    _entity_words,
    _headline_case,
    _initial_end,
    _judged,
    _named_by_apposition,
    _outside_headlines,
    _plural_subject,
    _sentence_starts,
    _spans,
    _stamped,
    _title_start,
    _undashed,
    _whole_org_names,
)
from .classify import (  # noqa: E402,F401  (public and rule names stay importable from here)
    REGIONS,
    _Ctx,
    _after_place_conjunct,
    _appositive_org,
    _by_lexicon,
    _by_shape,
    _classify,
    _not_credits,
    _titled_person,
    joined_low_region,
    joined_the_west,
)
from .resolve import (  # noqa: E402,F401  (public and rule names stay importable from here)
    _NICK_RE,
    _THE_REGIME,
    _declared_aliases,
    _latest,
    _resolve,
    _the_regime,
)

def extract_actors(article_id: str, texts: list[str], words: list[list[Word]], article_text: str = "",
                   docs: Optional[list] = None) -> DocActors:
    """Actors of one article from its normalized sentence texts, words and parsed Docs.

    Without *docs* (one spaCy ``Doc`` per text, from :func:`.nlp.parse`) they
    are parsed here."""
    if docs is None:
        from ..nlp import parse
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
        ws = _undashed(ws)
        starts = _sentence_starts(ws)
        kept = [c for i, j, label in _spans(ws, text, doc) if not c0 <= ws[i].start < c1
                for c in (_named_by_apposition(ws, i, j, text, s, doc) or _acting_city(ws, i, j, text, s, label, doc)
                          or _judged(_classify(ws, i, j, text, s, asked, starts, label), label, doc))]
        entry = (tuple(asked.asked.items()), kept)
        if len(_CANDS) >= CAND_CACHE_SIZE:  # drop the least recently used quarter
            for k in list(islice(_CANDS, len(_CANDS) - CAND_CACHE_SIZE * 3 // 4)):
                del _CANDS[k]
    _CANDS[key] = entry  # most recently used: last in the dict's order
    return [_stamped(c, s) for c in entry[1]]
