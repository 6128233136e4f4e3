"""One capitalised span -> candidates: the rules in order (credits, titled persons, lexicon, shape), states and metonymy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.lang.en.stop_words import STOP_WORDS

from .. import gazetteer as gz
from ..nlp import Word
from .records import _Cand
from .names import (
    ACTION_VERBS,
    CONNECTORS,
    PARTICLES,
    PLACE_NOUNS,
    PREPOSITIONS_PLACE,
    SPEECH_VERBS,
    VENUE_NOUNS,
    _ACRONYM,
    _NAME_WORD,
    _PERSON_WORD,
    _PLURAL_NAME,
    _gender_of,
    _is_cap,
    _plural_common_noun,
    norm_org,
)
from .credits import _TITLE_FIRST
from .roles import _after_outlet_box, _all_ranks, _context_role, _lower_title_before, _speaks, _title_prefix
from .recognizer import KNOWN_EVIDENCE, RULE_EVIDENCE

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
    # (not from an organisation the recognizer found whole: "National Electoral Council")
    whole_org = label == "ORG" and len(span) > 2 and span[-1].text.lower() in gz.ORG_HEADS
    while span and (i == sent_start(i) or box) and span[0].text.lower() not in _TITLE_FIRST and (
        _stop_word(span[0].text) or (span[0].text.lower() in lower_vocab and not whole_org
                                     and span[0].text not in _NAMING_STOP_WORDS)
    ) and span[0].text.lower() not in gz.DEMONYMS and span[0].text.lower() not in gz.states():
        span = span[1:]
        i += 1
    while span and _stop_word(span[0].text) and not _named_with(span, i, label, sent_start):
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


_NAMING_STOP_WORDS = frozenset(("US", "UN", *gz.KNOWN_ACRONYMS))
"""Stop words that name a party when written so ("US", "UN", "WHO"; "who" stays a pronoun)."""


def _stop_word(text: str) -> bool:
    """Is the word a stop word that names nothing (``The``, ``But``), so a span drops it?
    The one test for a capitalised stop word, whether alone or opening a longer span."""
    return text.lower() in STOP_WORDS and text not in _NAMING_STOP_WORDS


def _named_with(span, i: int, label: str, sent_start) -> bool:
    """"an ad from Our Principles PAC": a capitalised stop word inside a sentence that opens
    an organisation the recognizer found is part of its name (not an article "The", "A")."""
    return label == "ORG" and len(span) > 1 and sent_start(i) != i and span[0].text[:1].isupper() \
        and span[0].text.lower() not in ("the", "a", "an")


def _not_credits(c: "_Ctx") -> Optional[list[_Cand]]:
    """Correspondents, bylines, datelines, regions: [] (not an actor), or None to go on."""
    words, i, j, span = c.words, c.i, c.j, c.span
    low, surface, prev, nxt = c.low, c.surface, c.prev, c.nxt
    base = c.base
    # correspondents: "The BBC's Jim Muir", "Reuters' X" -- unless the reporter speaks
    # in the story ("CNBC's Becky Quick said"): then they are a source like any other
    if i >= 2 and words[i - 1].text in ("'s", "\u2019s", "'", "\u2019") and words[i - 2].text.lower() in gz.OUTLETS \
            and c.nxt_low not in SPEECH_VERBS:
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
    if len(low) == 1 and the and low[0].endswith("s") and low[0][:-1] in gz.DEMONYMS:
        # "peace between Israel and the Palestinians": a people as a party (not its state's officials)
        return [_Cand(**base, surface=surface, kind="group", name=surface, evidence=0.7)]
    if len(low) == 1 and low[0] in gz.DEMONYMS and low[0] not in gz.states():  # "US", "UK" name the state
        # "Cuban said": only as the surname of a person named in full ("Mark Cuban")
        return [_Cand(**base, surface=surface, kind="person", name=surface, single=True, surname_only=True)]

    # known organisations (acronyms, agencies); an acronym written in capitals first
    # ("WHO" is the World Health Organization, "Who" a pronoun)
    if surface in gz.KNOWN_ACRONYMS:
        return [_Cand(**base, surface=surface, kind="organization", name=gz.KNOWN_ACRONYMS[surface], evidence=0.9)]
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

    # a newspaper named in full ("the Las Vegas Sun", whose last word is also a weekday's
    # abbreviation): an organisation, which the recognizer's step makes a source unless it acts
    if len(low) >= 2 and joined not in gz.states() and gz.is_outlet(joined):
        return [_Cand(**base, surface=surface, kind="organization", name=norm_org(surface), evidence=KNOWN_EVIDENCE)]

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
        if _speaks(words, j) or prev.lower() in ("neither", "nor") or nxt_low in _SPEAKERS:
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
    led = _led_by(c)
    if led is not None:
        return led
    if last in gz.ORG_HEADS or "of" in low or "for" in low or (len(low) > 1 and low[0] in ("un", "u.n.", "eu", "arab")):
        if len(low) == 1 and last not in ("reuters",):
            if c.label != "ORG" or not span[0].text[:1].isupper():
                return []
            # "Congress required", "the Times ... were happy to": the recognizer's organisation
            # named by its head word alone, kept by the recognizer's step only where it acts
            return [_Cand(**base, surface=surface, kind="organization", name=surface, evidence=0.6, single=True)]
        name = norm_org(surface)
        return [_Cand(**base, surface=surface, kind="organization", name=name, evidence=0.75)]
    return None


_SPEAKERS = frozenset(gz.LEXICON["stand_in_speakers"])
"""Nouns after a stand-in that make it speak through its office ("White House spokesman Robert Gibbs")."""


def _led_by(c: "_Ctx") -> Optional[list[_Cand]]:
    """"the Obama administration": an organisation named after its leader; "the Sanders
    campaign": the candidate, whose campaign speaks for him (a person, joined to the full
    name when the article gives it).  Only for names the recognizer calls a person or an
    organisation ("the Texas campaign" is a place's)."""
    words, j, span, low, base = c.words, c.j, c.span, c.low, c.base
    if c.label not in ("PERSON", "ORG") or c.nxt_low not in ("administration", "campaign") or len(low) > 3 \
            or any(w in gz.ORG_HEADS or w in gz.DEMONYMS or w in gz.states() for w in low):
        return None
    if c.nxt_low == "administration":
        end = words[j].end
        return [_Cand(**{**base, "end": end}, surface=c.text[span[0].start:end], kind="organization",
                      name=f"{span[-1].text} administration", evidence=RULE_EVIDENCE)]
    return [_Cand(**base, surface=c.surface, kind="person", name=c.surface, single=len(low) == 1,
                  evidence=KNOWN_EVIDENCE, speaking=True, gender=_gender_of(c.surface))]


def _by_shape(c: "_Ctx") -> Optional[list[_Cand]]:
    """What is left: places by their context, then persons, acronyms and plural groups by shape."""
    words, i, j, text, span, low = c.words, c.i, c.j, c.text, c.span, c.low
    surface, prev, prev2, nxt_low, the, base = c.surface, c.prev, c.prev2, c.nxt_low, c.the, c.base
    label, lower_vocab, sent_start, box = c.label, c.lower_vocab, c.sent_start, c.box
    # places ("according to X" and known first names are people)
    person_like = prev2 == "according" or low[0] in gz.MALE_NAMES or low[0] in gz.FEMALE_NAMES \
        or (label == "PERSON" and len(low) >= 2 and prev.lower() == "from") \
        or (label == "PERSON" and len(low) == 2 and nxt_low in ("'s", "\u2019s"))  # "to Jeb Bush's calling"
    if label == "ORG" and len(low) > 1 and prev.lower() in PREPOSITIONS_PLACE:
        # "analysts at Goldman Sachs": the recognizer's organisation, not a place
        return [_Cand(**base, surface=surface, kind="organization", name=norm_org(surface), evidence=0.75)]
    if (prev.lower() in PREPOSITIONS_PLACE and not person_like) or (prev.lower() == "of" and prev2 in ("city", "town", "village", "province", "district", "suburb", "region")):
        return []
    if nxt_low in VENUE_NOUNS or nxt_low in PLACE_NOUNS or _after_place_conjunct(words, i, label):
        return []
    small = [w.text for w in span[1:-1] if w.text.isalpha() and w.text.islower() and w.text not in PARTICLES]
    if label == "ORG" and 2 < len(low) <= 6 and small and span[-1].text[:1].isupper() \
            and not any(l in gz.states() or l in gz.TIME_WORDS for l in low):
        # "the Committee to Protect Journalists": a name the recognizer found whole, joined by a small word
        return [_Cand(**base, surface=surface, kind="organization", name=norm_org(surface), evidence=0.75)]
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
            if label == "ORG" and span[0].text[:1].isupper() and len(span[0].text.strip(".")) > 1:
                # "G20", "OPEC+": the recognizer's organisation (never one letter: "so will I.")
                return [_Cand(**base, surface=surface, kind="organization", name=surface, evidence=0.6, single=True)]
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


def _after_place_conjunct(words: list[Word], i: int, label: str = "") -> bool:
    """"in Tunis and Istanbul": the second name is a place too ("the threat from Spain,
    James Niven, the medical officer, ...": after a comma, a name the recognizer calls a
    person opens a new phrase)."""
    if i < 2 or words[i - 1].text.lower() not in ("and", "or", ",") or (words[i - 1].text == "," and label == "PERSON"):
        return False
    k = i - 2
    while k >= 0 and _is_cap(words[k].text):
        k -= 1
    return k >= 0 and k < i - 2 and words[k].text.lower() in PREPOSITIONS_PLACE
