"""How a stance word's clause frames it: negation, modality, conditions and who says so.

"did not support" and "refused to back" turn a for-stance against; "would" and
"could" lower the confidence; a stance in an if-clause is a hypothesis; one that
someone "should" or "must" take is demanded of them by whoever says so.  The
rules of :mod:`.verbal`, :mod:`.nominal` and :mod:`.judgements` hand what they
find to :mod:`.positions` as a :class:`_Found`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .holders import PLURAL as PLURAL_PRONOUNS, Sentence as _Sentence, subject as _subject
from .stance import Lexicon, lexicon


_MODALS = frozenset(("would", "could", "might", "may", "can"))


_DEMAND_MODALS = frozenset(("must", "should", "ought"))


@dataclass
class _Found:
    holders: list[str]
    stance: str
    targets: list
    tok: object
    confidence: float
    part: str = ""
    reason: object = None  # "blasted the media for allowing ...": why, kept with the object
    rivals: tuple = ()  # "backed Obama over Clinton": what the for-stance is taken against
    gloss: object = None  # "the nominee could pose a threat to gun rights": what the target is said to be
    obliged: bool = False  # "Russia must stop backing Assad": demanded of the holder by whoever says so


def _negated(tok) -> bool:
    """"did not support", "no plans", "refused to back": the stance word or a governing verb
    (up the "to ..." chain) is negated or negating."""
    lex = lexicon()
    if _nobody(tok):
        return True
    t = tok
    for _ in range(3):
        if t.i != tok.i and t.lemma_ in lex.doubting:
            return False  # "I don't have any doubt that her heart is in the right place": affirmed
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in t.children):
            return True
        if t.i != tok.i and t.lemma_ in lex.negating:
            return True
        if t.dep_ == "pobj" and t.head.lower_ == "in":  # "haven't come out in support of"
            t = t.head
        elif t.dep_ not in ("xcomp", "acomp", "dobj", "acl", "attr", "amod") or t.head.i == t.i:
            # "attr", "amod": "is not a decent man", "it's not a disaster" deny the judgement
            return False
        t = t.head
    return False


def _nobody(tok) -> bool:
    """"Neither Ryan nor anyone on his team has asked for", "No one supports": the subject denies it."""
    v = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    subj = _subject(v) if v.pos_ in ("VERB", "AUX") else None
    if subj is None:
        return False
    return subj.lower_ in ("nobody", "none", "noone") or any(
        c.dep_ in ("preconj", "det") and c.lower_ in ("neither", "no") for c in subj.children)


def _if_you_dont(tok) -> bool:
    kids = {c.lower_ for c in tok.children}
    return "if" in kids and bool(kids & {"not", "n't", "n\u2019t"}) and bool(kids & {"you", "we"})


def _spokesman(s: _Sentence, f: _Found, lex: Lexicon) -> list[str]:
    """"Churkin told the council that Moscow would not support sanctions": a person reporting
    the stance of a state or organisation takes it too."""
    if s.quote_at(f.tok) is not None:
        return []  # '"I'm here to tell you that they are afraid ...," Limbaugh said': a claim about others
    v = f.tok if f.tok.pos_ in ("VERB", "AUX") else f.tok.head
    if v.dep_ == "relcl" and any(c.dep_ == "mark" for c in v.children):
        v = v.head  # "told the council that ...", parsed as a relative clause
    if v.dep_ not in ("ccomp", "dobj") or v.head.lemma_ not in lex.speech:
        return []
    if not all(s.entities[h].kind != "person" for h in f.holders if h in s.entities):
        return []
    subj = _subject(v.head)
    who = s.actor_of(subj) if subj is not None else None
    ent = s.entities.get(who) if who else None
    return [who] if ent is not None and ent.kind == "person" and who not in f.holders else []


def _conditional(tok) -> bool:
    """The stance word's own clause is a condition ("if he wants our guns", "unless they back it"),
    or a "would" that hangs on one ("If another Reagan came along, I don't think the party would
    accept him"): a hypothesis, not a position.  "If elected, I would ..." is a promise."""
    v = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in v.children):
        return True
    if v.dep_ in ("xcomp", "advcl") and any(c.dep_ == "mark" and c.lower_ == "whether" for c in v.head.children):
        return True  # "whether it's to vote for him or against him"
    if not any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might", "'d") for c in v.children):
        return False
    for t in (v, v.head, v.head.head):
        for c in t.children:
            if c.dep_ == "advcl" and c.lemma_ != "elect" and any(
                    m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
                return True
    return False


def _obliged(s: _Sentence, f: _Found) -> bool:
    """A stance someone "should", "must" or "ought to" take is demanded of them by whoever says
    so, not theirs; but "I/we should back it" is the speaker's own."""
    if f.part not in ("VERB", "PHRASE", "ADJ"):
        return False
    v = f.tok.head if f.tok.dep_ in ("acomp", "oprd") else f.tok
    for _ in range(3):  # "Russia must stop supporting Assad": up the "to"/"-ing" chain
        if any(c.dep_ == "aux" and c.lower_ in _DEMAND_MODALS for c in v.children):
            break
        if v.dep_ == "xcomp" and v.head.lemma_ in ("have", "need") and any(c.lower_ == "to" for c in v.children) \
                and v.head.i + 1 < len(v.doc) and v.doc[v.head.i + 1].lower_ == "to":
            v = v.head  # "the measures had to be enforced", "Russia needs to stop backing Assad"
            if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in v.children):
                return False  # "the party may have to disavow Trump": a possibility, demanded by nobody
            break
        if v.dep_ not in ("xcomp", "conj") or v.head.i == v.i:
            return False
        v = v.head
    else:
        return False
    subj = _subject(v)
    return subj is None or subj.lower_ not in ("i", "we")


def _hedged(tok) -> bool:
    """A modal ("would support") or a condition ("if he backs") on the stance word's clause."""
    v = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    for t in (v, v.head):
        for c in t.children:
            if c.lower_ in _MODALS or (c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether")):
                return True
    return False


def _perfect(verb) -> bool:
    """"must have been", "should have known": a modal on a perfect infers or regrets."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)




def _speaker_of_clause(s: _Sentence, verb, lex: Lexicon) -> Optional[str]:
    """Who says the clause of *verb*: the quote's speaker, or the subject of a speech verb
    it is the complement of ("said it was a mistake") or that comments on it
    ("..., Cuban said")."""
    q = s.quote_at(verb)
    if q is not None:
        return q.speaker if q.speaker in s.entities else None
    t = verb
    for _ in range(3):
        if t.dep_ == "ccomp" and t.head.lemma_ in lex.speech:
            subj = _subject(t.head)
            return _one_speaker(s, subj) if subj is not None else None
        if t.dep_ in ("acl", "ccomp") and t.head.lemma_.lower() in lex.claims:  # "Sanders' charge that she ..."
            owner = next((c for c in t.head.children if c.dep_ == "poss"), None)
            return s.actor_of(owner) if owner is not None else None
        if t.head.i == t.i:
            break
        t = t.head
    t = verb
    for _ in range(3):  # "..., she said, and there should be ...": a comment on the clause or one above it
        for c in t.children:
            if c.dep_ in ("parataxis", "ccomp") and c.lemma_ in lex.speech and c.i != verb.i:
                subj = _subject(c)
                return _one_speaker(s, subj) if subj is not None else None
        if t.dep_ not in ("conj", "ccomp", "xcomp") or t.head.i == t.i:
            break
        t = t.head
    return None


def _one_speaker(s: _Sentence, subj) -> Optional[str]:
    """The actor a speech verb's subject names; a "they" that stands for a coordination or a
    group ("Russia and China both hold vetoes. ... they said the measures had to be ...") is all
    of it or nobody, and a demand has one speaker: nobody."""
    if subj.lower_ in PLURAL_PRONOUNS:
        who = s.holders(subj)
        return who[0] if len(who) == 1 else None
    return s.actor_of(subj)


def _seeming(tok) -> bool:
    """"Christie appears to be fully embracing his duties", "seems to back the plan": the
    writer's impression of a stance, not one taken or said."""
    v = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    for _ in range(3):
        if v.dep_ == "xcomp" and v.head.lemma_ in ("appear", "seem"):
            return True
        if v.dep_ not in ("xcomp", "conj") or v.head.i == v.i:
            return False
        v = v.head
    return False
