"""The entity recognizer's spans, what its label lets the rules say, and which rule-only spans still count."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.lang.en.stop_words import STOP_WORDS

from .. import gazetteer as gz
from ..nlp import Word
from .records import _Cand
from .names import PREPOSITIONS_PLACE, _POSSESSIVE, _chunks, norm_org
from .roles import _title_prefix

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
PARTNER_PREPOSITIONS = frozenset(gz.LEXICON["partner_prepositions"])


def _spans(ws: list[Word], text: str, doc) -> list[tuple[int, int, str]]:
    """Word spans to classify: the recognizer's actor entities (a title run
    before one joined to it), then capitalised runs it did not touch."""
    chunks = _chunks(ws, "-" in text)
    if doc is None or not ws:
        return [(i, j, "") for i, j in chunks]
    ents = [_title_start(ws, chunks, *_owned(e, ws)) for e in _entity_words(ws, doc)]
    ents = _whole_org_names(ws, chunks, ents)
    ents = [e for e in ents if not any(o != e and o[0] <= e[0] and e[1] <= o[1] for o in ents)]
    covered = {k for i, j, _ in ents for k in range(i, j)}
    rest = [(i, j, "") for i, j in chunks if not covered.intersection(range(i, j))]
    return sorted(ents + rest)


def _undashed(ws: list[Word]) -> list[Word]:
    """"-President Obama, tweeting after the speech.": a dash that opens a word (the
    sentence's first, or after a space; a hyphen inside a word has a letter before it)
    marks an attribution line, not part of the name: the word is read without it."""
    if not any(w.text[:1] == "-" and w.text[1:2].isupper() for w in ws):
        return ws
    return [Word(w.text[1:], w.start + 1, w.end) if w.text[:1] == "-" and w.text[1:2].isupper() else w for w in ws]


def _owned(ent: tuple[int, int, str], ws: list[Word]) -> tuple[int, int, str]:
    """"Commentary’s Noah Rothman", one entity to the recognizer: the name after the
    possessive is a person (two capitalised words or more), the owner only employs them."""
    i, j, label = ent
    if label not in ("ORG", "PERSON"):
        return ent
    k = next((k for k in range(i + 1, j - 2) if ws[k].text in _POSSESSIVE), None)
    if k is None or not all(w.text[:1].isupper() for w in ws[k + 1:j]):
        return ent
    return k + 1, j, "PERSON"


def _whole_org_names(ws: list[Word], chunks: list[tuple[int, int]], ents: list[tuple[int, int, str]]):
    """A capitalised run ending in an organisation head ("Whitby Bay Fishermen's
    Association", "National Electoral Council") or naming a known organisation
    ("Islamic State", which the recognizer calls "Islamic" a nationality, or a
    person elsewhere) that it cut into pieces or missed in part is one organisation."""
    out = list(ents)
    for a, b in chunks:
        if b - a < 2:
            continue
        low = [w.text.lower() for w in ws[a:b]]
        known = " ".join(low[1:] if low[0] == "the" else low) in gz.KNOWN_ORGS
        if not known and low[-1] not in gz.ORG_HEADS:
            short = [e for e in out if a <= e[1] <= b and e[0] < b]
            if len(short) == 1 and short[0][2] == "ORG" and short[0][0] <= a and short[0][1] == b - 1 \
                    and low[-1] not in STOP_WORDS and low[-1] not in gz.TIME_WORDS and ws[b - 1].text[:1].isupper():
                # "the Black Lives" + "Matter movement": the recognizer cut the name one word short
                out = [e for e in out if e is not short[0]] + [(short[0][0], b, "ORG")]
            continue
        labels = _KNOWN_ORG_PARTS if known else _ORG_PARTS
        inside = [e for e in out if a <= e[0] < b or a < e[1] <= b]
        if all(e[2] in labels and a <= e[0] and e[1] <= b for e in inside) \
                and not any(e[:2] == (a, b) for e in inside):
            out = [e for e in out if e not in inside] + [(a, b, "ORG")]
    return out


_ORG_PARTS = frozenset(("ORG", "GPE", "NORP", "LOC"))
_KNOWN_ORG_PARTS = _ORG_PARTS | {"PERSON"}
"""Labels of the pieces of a run that is one organisation (a known one's pieces may be called a person)."""


def _entity_words(ws: list[Word], doc) -> list[tuple[int, int, str]]:
    """The Doc's actor entities as word index ranges (a trailing "'s" left out)."""
    starts = [w.start for w in ws]
    out = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        toks = [t for t in ent]
        if any(t.text == "(" for t in toks[1:]):  # "the World Health Organization (WHO": the acronym is its own mention
            toks = toks[:next(k for k, t in enumerate(toks) if k and t.text == "(")]
        while toks and (toks[-1].text in _POSSESSIVE or toks[-1].is_lower):
            toks.pop()  # "Lebanese Forces party", "European steel association": the name ends before
        if not toks:
            continue
        end = toks[-1].idx + len(toks[-1].text)
        i = max(bisect_right(starts, ent.start_char) - 1, 0)  # "-President Obama": the words start after the dash
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
        # or it runs into the entity ("Miss" + "Universe Alicia Machado")
        if n and m < i < m + n < j - 1:
            return m, j, label
        if n and m + n <= i and all(ws[x].text[:1].isupper() and lows[x] not in STOP_WORDS for x in range(m + n, i)):
            return m, j, label
    return i, j, label


THING_LABELS = frozenset(("LAW", "EVENT"))
"""Entity labels that name a thing, never a party: a run inside one is no actor.  Not
PRODUCT, FAC or WORK_OF_ART: on PolNeAR train the recognizer gives those to people
too ("author and liberal firebrand Cornel West" a product)."""


def _other_entity(doc, c: _Cand) -> bool:
    """Does a run the rules read as a name, with no title or speech verb to it, lie
    inside an entity the recognizer read as a law or an event?"""
    return doc is not None and not c.role and not c.speaking and any(
        e.label_ in THING_LABELS and e.start_char <= c.start and c.end <= e.end_char for e in doc.ents)


def _judged(cands: list[_Cand], label: str, doc) -> list[_Cand]:
    """What the recognizer's label says about the rules' candidates of a span."""
    out = []
    for c in cands:
        if c.kind == "person" and c.single and label not in ("PERSON", "") and gz.is_outlet(c.name):
            # "the Federalist" (a nationality to the recognizer), "TheBlaze": one word
            # naming a news outlet is the outlet, a source (as the gold sets count
            # "TheBlaze did the math"); where it acts in the article it is a party
            out.append(_as_outlet(c))
            continue
        if label == "NORP" and c.kind == "person" and _plural_subject(doc, c):
            c.kind, c.name, c.single = "group", c.surface, False  # "Republicans said": a group that acts
        if c.kind == "person" and c.single and label != "PERSON" and c.evidence < KNOWN_EVIDENCE \
                and not (label == "ORG" and c.role and _acts(doc, c)):  # "Fabius, France's foreign minister, maintained"
            c.surname_only = True  # "Odinga told ...", "Kenyatta" tagged a place: only as a surname
            if label == "ORG" and not c.role and _org_word(c, doc) and (_acts(doc, c, possessor=True) or _says(doc, c)):
                # "Roche makes the drug": an organisation that acts, unless it is the
                # surname of a person of the article; a news outlet stays a source
                if gz.is_outlet(c.name):
                    out.append(_as_outlet(c))
                    continue
                c.org_label = True
            out.append(c)
            continue
        if not label and c.kind in ("person", "organization") and c.evidence < KNOWN_EVIDENCE \
                and _other_entity(doc, c):
            continue  # "the Second Amendment", "World War II": the recognizer read a law, an event
        if c.kind == "person" and label != "PERSON" and not c.role and not c.single:
            why = _not_a_name(doc, c)
            if why == "determiner" and _acts(doc, c, conjunct=True, reporting=True):
                # "the Paris Club of creditor governments has called on", "consulting
                # with General Ham and the Joint Staff": a body that acts or speaks
                c.kind, c.name, c.evidence = "organization", norm_org(c.surface), RULE_EVIDENCE
            elif why:
                continue  # "the Rust Belt", "No Child Left Behind", “Football Life”
        if not label and c.kind == "person" and c.evidence >= 0.7:
            c.confirm = True  # a full name the recognizer missed: kept if named again
        elif not label and c.evidence < RULE_EVIDENCE and c.kind not in ("state", "group"):
            continue
        known = c.evidence >= KNOWN_EVIDENCE  # a lexicon's word outweighs the label
        named_person = c.kind == "person" and (c.role or (c.speaking and (label not in ("GPE", "LOC") or _subject(doc, c))))
        # "top commander, Iván Restrepo,"; not "New York was", "West Virginia and Oregon have suggested"
        if label in ("GPE", "LOC") and c.kind not in ("state", "group") and not known and not named_person \
                and not _municipality(doc, c):
            if not (c.kind == "organization" and c.single and _the_acronym(doc, c) and _acts(doc, c)):
                continue  # a place ("the West" acts as a group)
            c.evidence = max(c.evidence, 0.6)  # "the NRA was going into overdrive": an acronym that acts
        if c.kind == "state" and label in ("GPE", "LOC") and _where(doc, c):
            continue  # "the virus emerged in Mexico": a place here
        if label == "NORP" and c.kind not in ("state", "group") and not known:
            continue
        if c.kind == "person" and c.single and c.name.isupper() and len(c.name) > 3:
            continue  # "ARRESTED", "WHITE": a word in capitals, not a name
        if label == "PERSON" and c.kind == "person":
            c.evidence = max(c.evidence, 0.45 if c.single else 0.75)
            if c.single and _lone_name(doc, c):
                c.evidence = max(c.evidence, LONE_NAME_EVIDENCE)
                c.org_label = _listed_member(doc, c)  # an organisation unless a person's surname
        if label == "ORG" and c.kind == "organization" and c.single:
            if _modifier(doc, c):
                continue
            if c.name.lower() in gz.ORG_HEADS and not _acts(doc, c):
                continue  # "served in the House": a head word alone names a party only when it acts
            c.evidence = max(c.evidence, 0.6)
        if (gz.is_outlet(c.name) or gz.is_outlet(norm_org(c.surface))) and not _acts(doc, c):
            c = _as_outlet(c)  # a news outlet is a source unless it acts
        out.append(c)
    return out


_QUOTE_MARKS = frozenset("\"'`\u201c\u201d\u2018\u2019")


def _not_a_name(doc, c: _Cand) -> str:
    """Why a capitalised run the recognizer did not call a person is shaped like no
    person's name, or "": a name takes no determiner right before it ("the Rust Belt",
    "a West End staging"; "the now-imprisoned Chelsea Manning" is a description's),
    holds no capitalised function word ("No Child Left Behind", "Women Who Work";
    particles such as "van" are lower-case words of a name) and is not a title set in
    quotation marks (\u201cFootball Life,\u201d ''Prison Break'')."""
    if any(w.text.lower() in STOP_WORDS for w in c.words):
        return "function word"
    span = _span_of(doc, c)
    if span is None or not len(span):
        return ""
    if span.start > 0 and doc[span.start - 1].dep_ == "det" and doc[span.start - 1].head == span.root:
        return "determiner"
    before = doc.text[:c.start].rstrip()[-1:]
    after = doc.text[c.end:].lstrip(" .,!?")[:1]
    return "quoted" if before in _QUOTE_MARKS and after in _QUOTE_MARKS else ""


def _subject(doc, c: _Cand) -> bool:
    """Is the candidate itself the subject of a verb other than "be" ("Kenyatta told",
    not "New York was", nor the second of "Indiana and West Virginia have suggested")?"""
    span = _span_of(doc, c)
    if span is None or not len(span):
        return False
    return span.root.dep_ in ("nsubj", "nsubjpass") and span.root.head.lemma_ != "be"


def _modifier(doc, c: _Cand) -> bool:
    """Is a one-word organisation only a modifier of a common noun ("the GOP nomination",
    "the GOP front-runner")?  Then it names no party; one before a group noun ("NATO
    forces", "WHO officials") is the organisation acting through its people, and one
    before an organisation's head ("the G20 group") is the organisation named in full."""
    span = _span_of(doc, c)
    if span is None or len(span) != 1:
        return False
    tok, head = span[0], span[0].head
    return tok.dep_ in ("compound", "nmod") and head.pos_ == "NOUN" \
        and not {head.lemma_.lower(), head.lower_} & (gz.GROUP_NOUNS | gz.ORG_HEADS)


def _as_outlet(c: _Cand) -> _Cand:
    """A news outlet named as a source ("told CNN", "according to the Washington Post"):
    kind ``outlet``, named as an organisation is, never a person's surname."""
    name = c.name if c.kind == "organization" else norm_org(c.surface)  # "AP" is the Associated Press
    c.kind, c.name, c.single, c.surname_only, c.role = "outlet", name, False, False, ""
    return c


ORGANISATION_NOUNS = frozenset(gz.LEXICON["organisation_nouns"])


def _named_by_apposition(ws: list[Word], i: int, j: int, text: str, sent: int, doc) -> list[_Cand]:
    """"two independent newspapers, Al-Dustour and El-Badil", "two companies, Acme and
    Globex": names in apposition to a noun of an organisation's kind (the lexicon's
    ``organisation_nouns``), or coordinated with such a name, are organisations, whatever
    the recognizer called them (a person, a place) or whether it saw them at all."""
    span = doc.char_span(ws[i].start, ws[j - 1].end, alignment_mode="expand") if doc is not None else None
    if span is None or not len(span) or span.root.pos_ != "PROPN" or span.root.ent_type_ == "NORP":
        return []  # "those groups -- especially African-Americans and Hispanics": peoples, not organisations
    first = _first_conjunct(span.root)
    head = first.head
    if first.dep_ != "appos" or head.pos_ != "NOUN" or head.lemma_.lower() not in ORGANISATION_NOUNS:
        return []
    if head.dep_ == "pobj" and head.head.lower_ in PREPOSITIONS_PLACE:
        return []  # "a trip to the US space agency, Nasa": a destination
    while i < j and ws[i].text.lower() in STOP_WORDS:
        i += 1
    if i == j:
        return []
    surface = text[ws[i].start:ws[j - 1].end]
    return [_Cand(sent=sent, words=ws[i:j], start=ws[i].start, end=ws[j - 1].end, surface=surface,
                  kind="organization", name=norm_org(surface), evidence=RULE_EVIDENCE)]


def _plural_subject(doc, c: _Cand) -> bool:
    """Is the candidate one capitalised plural word ("Republicans", "Democrats")
    that is the subject of a verb?  The recognizer calls such words NORP; as the
    subject they are a group of people acting, not an adjective."""
    if doc is None or " " in c.surface or not c.surface.endswith("s") or len(c.surface) < 5 \
            or c.surface.isupper() or not c.surface[:1].isupper():
        return False
    span = _span_of(doc, c)
    if span is None or len(span) != 1:
        return False
    tok = span.root
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.tag_ == "NNPS":
        return True
    # "the first time Republicans and the movement have agreed", "the silence Democrats have
    # demonstrated": the parser misreads the clause, but a plural that is not a people's
    # name ("Americans", "Mancunians") and modifies nothing is a party's members
    low = c.surface.lower()
    return tok.tag_ in ("NNPS", "NNS") and tok.dep_ not in ("compound", "amod", "nmod", "pobj") \
        and low[:-1] not in gz.DEMONYMS and not low.endswith(("ians", "eans", "ons", "ese"))


def _acts(doc, c: _Cand, possessor: bool = False, conjunct: bool = False, reporting: bool = False) -> bool:
    """Is the candidate the subject or object of a verb other than reporting, or its
    partner ("worked with The Washington Post": the object of a partner preposition
    on such a verb), or, with *possessor*, the possessor of a noun ("Roche's drug")?
    With *conjunct*, a name listed after others ("with General Ham and the Joint
    Staff") is read where the list's first name stands; with *reporting*, a reporting
    verb counts as acting too."""
    if doc is None:
        return False
    span = _span_of(doc, c)
    if span is None or not len(span):
        return False
    root = _first_conjunct(span.root) if conjunct else span.root
    said = frozenset() if reporting else REPORTING_LEMMAS
    if possessor and root.dep_ == "poss":
        return True
    if root.dep_ == "pobj" and root.head.lower_ in PARTNER_PREPOSITIONS and root.head.dep_ == "prep":
        verb = root.head.head
        return verb.pos_ == "VERB" and verb.lemma_.lower() not in said
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        return _willing(root.head)
    return root.dep_ in ("nsubj", "nsubjpass", "dobj") and root.head.lemma_.lower() not in said


def _the_acronym(doc, c: _Cand) -> bool:
    """Is the candidate an acronym in capitals after "the" ("the NRA")?  An organisation's
    acronym takes the article; a place written in capitals (a dateline's "GENEVA") does not."""
    if not c.name.isupper():
        return False
    span = _span_of(doc, c)
    return span is not None and span.start > 0 and doc[span.start - 1].lower_ == "the"


def _says(doc, c: _Cand) -> bool:
    """Is the candidate the subject of a reporting verb ("ProPublica obtained a video and
    said") or the one something is according to ("According to ProPublica")?"""
    span = _span_of(doc, c)
    if span is None or not len(span):
        return False
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according":
        return True
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in REPORTING_LEMMAS and root.head.lemma_ != "be"


def _willing(copula) -> bool:
    """"the Times ... were happy to iterate", "X was quick to condemn": the subject of a
    copula whose adjective governs a verb acts through that verb (unless it is reporting)."""
    return any(v.pos_ == "VERB" and v.lemma_.lower() not in REPORTING_LEMMAS
               for a in copula.children if a.dep_ == "acomp" for v in a.children if v.dep_ == "xcomp")


LONE_NAME_EVIDENCE = 0.5
"""A one-word name the recognizer calls a person, never named in full in the
article ("Hashimi pressed for", "followed by Cruz at 25 percent"), is kept from
this evidence on (:func:`_lone_name`): measured on the gold sets, dropping them
all lost more real actors than the few places and product names it keeps."""

_NOT_A_PARTY = frozenset(gz.LEXICON["lone_name_place_prepositions"])
"""Prepositions after which a lone name is a place ("including Shusha", "less effective than Relenza")."""


def _lone_name(doc, c: _Cand) -> bool:
    """Is the candidate one proper noun standing alone (no capitalised word beside it,
    so not a full name the recognizer cut: "Natalia" + "Franco"), not a modifier
    ("a Grammy awards tribute"), and not a place by its coordination or preposition
    ("in Jalandhar and Bangalore": the first conjunct is a place or follows "in")?"""
    span = _span_of(doc, c)
    if span is None or not (len(span) == 1 or _hyphenated(span)):
        return False
    tok = span.root  # "Sanofi-Aventis": one hyphenated name, read at its head
    if not tok.tag_.startswith("NNP") or tok.dep_ in ("compound", "amod"):
        return False
    for k in (span.start - 1, span.end):
        if 0 <= k < len(doc) and doc[k].is_alpha and doc[k].text[:1].isupper() \
                and not (doc[k].is_sent_start and doc[k].lower_ in STOP_WORDS):  # "Then Cruz said"
            return False
    first = _first_conjunct(tok)
    if first.ent_type_ in ("GPE", "LOC", "FAC"):
        return False
    return not (first.dep_ == "pobj" and first.head.lower_ in _NOT_A_PARTY and not _members(first.head))


def _listed_member(doc, c: _Cand) -> bool:
    """Is the candidate listed after "including" a noun of an organisation's kind (:func:`_members`)?"""
    span = _span_of(doc, c)
    first = _first_conjunct(span.root) if span is not None and len(span) else None
    return first is not None and first.dep_ == "pobj" and _members(first.head)


def _members(prep) -> bool:
    """"vaccine makers including GlaxoSmithKline, Sanofi-Aventis": names listed after
    "including" a noun of an organisation's kind (the lexicon's ``organisation_nouns``) are its members."""
    return prep.lower_ == "including" and prep.head.lemma_.lower() in ORGANISATION_NOUNS


def _hyphenated(span) -> bool:
    """Is the span one word of capitalised pieces joined by hyphens ("Sanofi-Aventis")?"""
    return len(span) == 3 and span[1].text == "-" and not span[0].whitespace_ and not span[1].whitespace_ \
        and span[0].text[:1].isupper() and span[2].text[:1].isupper()


_MUNICIPAL = frozenset(gz.LEXICON["municipal_words"])
"""First words of a municipality's "City of X" (the lexicon's ``municipal_words``)."""
_WHERE = frozenset(gz.LEXICON["municipal_place_prepositions"])
"""Prepositions after which a municipality only says where."""


def _municipality(doc, c: _Cand) -> bool:
    """"paid to the City of Los Angeles": a capitalised "City of X" is the city's
    government, a party, unless it only says where ("in the City of London")."""
    words = c.name.split()
    if c.kind != "organization" or len(words) < 3 or words[0].lower() not in _MUNICIPAL or words[1] != "of" \
            or not words[0][:1].isupper():
        return False
    span = _span_of(doc, c)
    return span is not None and len(span) > 0 and not (span.root.dep_ == "pobj" and span.root.head.lower_ in _WHERE)


def _acting_city(ws: list[Word], i: int, j: int, text: str, sent: int, label: str, doc) -> list[_Cand]:
    """"Mexico City has lifted all restrictions": a city (a place name ending in a
    municipal word, which the rules otherwise read as a place) that is the subject of
    a verb other than reporting acts through its government, an organisation."""
    if label != "GPE" or j - i < 2 or ws[j - 1].text.lower() not in _MUNICIPAL or not ws[j - 1].text[:1].isupper():
        return []
    surface = text[ws[i].start:ws[j - 1].end]
    c = _Cand(sent=sent, words=ws[i:j], start=ws[i].start, end=ws[j - 1].end, surface=surface,
              kind="organization", name=norm_org(surface), evidence=RULE_EVIDENCE)
    span = _span_of(doc, c)
    if span is None or not len(span) or span.root.dep_ != "nsubj" \
            or span.root.head.lemma_.lower() in REPORTING_LEMMAS:
        return []
    return [c]


def _where(doc, c: _Cand) -> bool:
    """Does a state's name only say where a verb happens ("emerged in Mexico",
    "spread across the US")?  "Steelmakers in Germany welcomed" names a party."""
    span = _span_of(doc, c)
    if span is None or not len(span):
        return False
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in gz.STATE_PLACE_PREPOSITIONS \
        and root.head.head.pos_ in ("VERB", "AUX")


def _org_word(c: _Cand, doc) -> bool:
    """Can one capitalised word be an organisation's name?  Not a common word
    ("State", "House"), a plural ("Ships" opening a sentence), a demonym
    ("European"), a word in capitals ("NEWSLETTER") or a hyphenated compound ("Non-WTO")."""
    low = c.name.lower()
    if low in STOP_WORDS or low in gz.DEMONYMS or "-" in c.name or (c.name.isupper() and len(c.name) > 4) \
            or low in gz.GROUP_NOUNS or low in gz.ORG_HEADS:
        return False
    span = _span_of(doc, c)
    return span is not None and span.root.tag_ not in ("NNS", "NNPS")


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


_HEADLINE_SMALL = frozenset(gz.LEXICON["headline_small_words"])


def _outside_headlines(cands: list[_Cand], texts: list[str]) -> list[_Cand]:
    """Candidates of title-case sentences only when the article's plain text names them too."""
    heads = {s for s, t in enumerate(texts) if _headline_case(t)}
    if not heads:
        return cands
    body = "\n".join(t for s, t in enumerate(texts) if s not in heads)
    # a person of a headline only when the body names that person too (its surname):
    # "Exit Polls In West Virginia Spell Bad News" reads as names only by its capitals
    surnames = {w for c in cands if c.sent not in heads and c.kind == "person" for w in c.name.split()}
    return [c for c in cands if c.sent not in heads or c.kind == "state"
            or (c.surface in body and (c.kind != "person" or c.name.split()[-1] in surnames))]


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


def _first_conjunct(tok):
    """The first of the proper nouns *tok* is coordinated with ("Jalandhar" for "Bangalore" in
    "Jalandhar and Bangalore"): what the list as a whole hangs on is read from it."""
    while tok.dep_ == "conj" and tok.head.pos_ == "PROPN" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _span_of(doc, c):
    """The parse's tokens under candidate *c* (widened to whole tokens), or None without a parse."""
    return doc.char_span(c.start, c.end, alignment_mode="expand") if doc is not None else None
