"""Stances carried by nouns and adjectives: "his support for free trade", "was skeptical of the deal".

A noun's holder is its owner ("his criticism"), the subject of a light verb
("voiced support for") or the giver of what someone receives ("won the backing
of the union"); an adjective's holder is its subject.
"""

from __future__ import annotations

from typing import Optional

from .frames import _Found, _speaker_of_clause
from .holders import Sentence as _Sentence, subject as _subject
from .stance import Lexicon, lexicon
from .targets import TARGET_PREPS as _TARGET_PREPS, _targets
from .verbal import _bare, _object_and_reason, _saying


def _noun_rule(s: _Sentence, tok, stance: str, lex: Lexicon) -> Optional[_Found]:
    received = _received(s, tok)
    if received is not None:
        return received
    if stance == "warn" and tok.dep_ == "dobj" and tok.head.lemma_ in lex.posing:
        return _posed(s, tok, lex)
    holders: list[str] = []
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is not None and owner.lower_ == "whose":
        owner = _relative_owner(tok)  # "Ryan, whose criticism of Trump has sharpened": Ryan's
    if owner is not None:
        holders = s.holders(owner)
    head = tok.head
    if not holders and tok.dep_ in ("dobj", "attr") and head.lemma_ in lex.light:
        subj = _subject(head)
        holders = s.holders(subj) if subj is not None else []
    if not holders and tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("in", "with"):
        act = head.head if head.head.pos_ == "NOUN" else next(  # "criticized his vote in favor of",
            (c for c in head.head.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)  # parsed on the verb
        owner = next((c for c in act.children if c.dep_ == "poss"), None) if act is not None else None
        if head.head.pos_ == "NOUN" or owner is not None:  # "her vote in favor of the Iraq war": the act's owner
            subj = owner
        else:
            subj = _subject(head.head)  # "in defiance of", "with criticism"
        holders = s.holders(subj) if subj is not None else []
    if not holders and tok.dep_ == "nsubj":
        return None
    if head.dep_ == "prep" and head.lower_ == "without":
        return None
    targets = [t for t in _targets(tok) if t.dep_ not in ("poss", "acomp")]  # "made clear his aim to"
    if tok.dep_ == "attr" and tok.lemma_.lower() in lex.choices:  # "Hillary is my next choice (for the job)"
        targets = [c for c in head.children if c.dep_ == "nsubj"]
    if head.lemma_ in lex.light and tok.dep_ == "dobj":
        targets += _light_targets(tok, head, lex)
    if not targets and (stance in ("support", "demand") or tok.lemma_ in (
            "fight", "war", "concern", "fear", "worry", "push")):
        return None
    return _Found(holders, stance, targets, tok, 0.7)


def _relative_owner(tok):
    """The noun a "whose ..." clause hangs on: the owner of the stance noun inside it."""
    v = tok.head
    for _ in range(3):
        if v.dep_ == "relcl":
            return v.head
        if v.head.i == v.i:
            break
        v = v.head
    return None


_RECEIVING = frozenset(("have", "get", "win", "receive", "enjoy", "earn", "gain", "secure", "land", "garner"))


def _posed(s: _Sentence, tok, lex: Lexicon) -> Optional[_Found]:
    """"Trump said the Democratic nominee could pose a threat to gun rights": in what someone says,
    whatever poses a threat is what the speaker warns of."""
    subj = _subject(tok.head)
    speaker = _speaker_of_clause(s, tok.head, lex)
    if subj is None or speaker is None or s.actor_of(subj) == speaker:
        return None
    return _Found([speaker], "warn", [subj], tok, 0.6, gloss=tok)


def _received(s: _Sentence, tok) -> Optional[_Found]:
    """"Canova has the backing of progressive activists", "won the endorsement of the union": the
    givers (the "of" object) hold the stance, towards the one who receives it."""
    head = tok.head
    if tok.dep_ != "dobj" or head.lemma_ not in _RECEIVING or any(c.dep_ == "poss" for c in tok.children):
        return None
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    giver = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    receiver = _subject(head)
    if giver is None or receiver is None:
        return None
    return _Found(s.holders(giver), "support" if lexicon().nouns.get(tok.lemma_.lower()) == "support" else "oppose",
                  [receiver], tok, 0.7)


def _light_targets(noun, verb, lex: Lexicon) -> list:
    """"threw his support behind Cruz", "withheld support from McCain": a preposition of the
    light verb or of the noun names the target ("from" only after a withholding verb)."""
    preps = ("behind", "from") if verb.lemma_ in lex.negating else ("behind",)
    return [g for c in [*verb.children, *noun.children] if c.dep_ == "prep" and c.lower_ in preps
            for g in c.children if g.dep_ == "pobj"]


_ADJ_PREPS = _TARGET_PREPS + ("by", "with", "at")


def _adj_rule(s: _Sentence, tok, stance: str, lex: Lexicon) -> Optional[_Found]:
    if tok.dep_ not in ("acomp", "oprd", "ROOT", "conj", "xcomp", "advcl"):
        return None
    subj = _subject(tok.head if tok.dep_ in ("acomp", "oprd") else tok)
    holders = s.holders(subj) if subj is not None else []
    # "horrified by Trump", "furious with the party", "angry at Congress"
    # "willing to negotiate", "ready to go": a bare intransitive is no proposition
    targets = [t for t in _targets(tok, _ADJ_PREPS) if t.dep_ != "acomp" and not _saying(t, lex) and not _bare(t)]
    if stance == "support":  # "open with their prejudice", "ready with an answer": candid, prepared, not for it
        targets = [t for t in targets if not (t.head.dep_ == "prep" and t.head.lower_ in ("with", "at", "by"))]
    if not targets and tok.dep_ == "acomp":  # "was pro John Kasich": the parser's attr of the copula
        targets = [c for c in tok.head.children if c.dep_ == "attr"]
    if not targets and stance == "support":
        return None  # "open", "ready" alone say nothing about a proposition
    targets, reason = _object_and_reason(tok, targets)  # "mad at Sanders for agreeing to the debate"
    return _Found(holders, stance, targets, tok, 0.7, reason=reason)


def _role_rule(s: _Sentence, tok, stance: str, lex: Lexicon) -> Optional[_Found]:
    """"Smith, a longtime critic of the mayor", "Cruz is an ally of Trump", "a Trump supporter,
    Jones": the one a role noun describes takes its stance towards its "of" object, its owner
    ("Trump's fiercest critic") or the name compounded with it."""
    if tok.dep_ == "appos":
        who = tok.head
    elif tok.dep_ == "attr":
        who = _subject(tok.head)
    else:
        who = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if who is None or tok.tag_ == "NNS" and tok.dep_ != "attr":
        return None  # "critics of the deal": a group, nobody named
    targets = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
               if g.dep_ == "pobj"]
    targets += [c for c in tok.children if c.dep_ in ("poss", "compound") and c.pos_ == "PROPN"]
    holders = s.holders(who)
    return _Found(holders, stance, targets, tok, 0.7) if holders and targets else None


def _prefix_rule(s: _Sentence, tok, stance: str, lex: Lexicon) -> Optional[_Found]:
    """"the anti-Trump National Review", "Priorities USA, a pro-Clinton super PAC": the one the
    prefixed noun names (or the name it is in apposition to) takes the stance towards the name."""
    name = tok.nbor(2)
    noun = tok.head
    if noun.i == tok.i or name.head.i not in (noun.i, tok.i) or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    while noun.dep_ == "compound" and noun.head.i != noun.i:
        noun = noun.head  # "a pro-Walsh Governor Anne Price supporter": the supporter is the noun
    who = noun.head if noun.dep_ == "appos" else noun
    holder = s.actor_of(who, head_only=True)  # not "a pro-Syrian Assad supporter": the supporter is nobody named
    return _Found([holder], stance, [name], tok, 0.7) if holder else None
