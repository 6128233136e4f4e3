"""Stances carried by verbs and multi-word verbs: "backed the resolution", "called for a ceasefire".

A verb takes its stance towards its object or complement, a phrase ("lash out
at", "side with") towards its own preposition's object too; the rules here set
aside what is no target: a race for an office, a quarrel's subject, an audience,
a clause told as a fact, a reason given for the stance, the rival passed over.
"""

from __future__ import annotations

from typing import Optional

from .frames import _Found, _if_you_dont
from .holders import PRONOUNS as _PRONOUNS, Sentence as _Sentence, subject as _subject
from .stance import Lexicon
from .targets import _prep_against, TARGET_PREPS as _TARGET_PREPS, _targets


def _verb_rule(s: _Sentence, tok, stance: str, lex: Lexicon, preps: tuple = _TARGET_PREPS,
               own: frozenset = frozenset()) -> Optional[_Found]:
    if tok.dep_ == "acl" and tok.head.lemma_.lower() in lex.nouns:
        return None  # "his refusal to endorse Ryan", "a call to end the war": the noun carries it
    if tok.dep_ == "amod" and tok.tag_ == "VBN":
        return _proposed(s, tok, stance, lex)
    subj = _subject(tok)
    holders = s.holders(subj) if subj is not None else []
    if _if_you_dont(tok):
        q = s.quote_at(tok)
        holders = [q.speaker] if q is not None and q.speaker in s.entities else []
    targets = _targets(tok, preps)
    if stance == "demand":  # "demanded to know whether Clinton would forsake ...": what is asked of her
        targets = [_known(t) for t in targets]
    # "refused to back X": the inner verb carries the stance; "refuse" alone rejects its object
    inner = [t for t in targets if t.dep_ == "xcomp" and (t.lemma_ in lex.verbs or t.lemma_ in lex.judging)]
    if inner and tok.lemma_ not in lex.intent:
        return None
    if tok.lemma_ in ("respond", "retaliate") and not any(c.lower_ in ("will", "would", "'ll") for c in tok.children):
        return None  # only "would respond" threatens
    if tok.lemma_ in lex.naming and any(c.dep_ == "prep" and c.lower_ == "as" or c.dep_ == "oprd" or c.dep_ == "advcl"
                                        and any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children)
                                        for c in tok.children):
        return None  # "considered the emails as classified": a naming (judged by its word), no intent
    if tok.lemma_ == "appeal" and any(c.dep_ == "dobj" for c in tok.children):
        stance = "oppose"  # "We will appeal this decision": against the ruling, not a plea for it
    if tok.lemma_ in lex.intent:
        targets = [t for t in targets if t.dep_ in ("xcomp", "dobj", "ccomp")]
        if tok.lemma_ == "look":
            targets = [t for t in targets if t.dep_ == "xcomp"]
        if any(_carries_stance(t, lex) for t in targets):
            return None  # "planned to use the proceeds to fight X": the inner verb says what he wants
        if any(t.dep_ == "dobj" and t.lemma_.lower() in lex.open_choices
               and not any(c.dep_ in ("acl", "relcl") for c in t.children) for t in targets):
            return None  # "will consider options": nothing chosen (but "offers to serve as vice president")
    if tok.lemma_ in lex.intent | {"refuse", "decline", "agree"}:
        targets = [t for t in targets if not _bare(t) and not _open_question(t)]
    if tok.lemma_ in lex.addressing:  # "was pressed by Stephanopoulos about ...": asked, not urged
        targets = [t for t in targets if t.dep_ in ("xcomp", "ccomp", "advcl") or t.head.lower_ == "for"]
    if stance == "demand" and any(t.dep_ in ("ccomp", "xcomp") for t in targets):
        targets = [t for t in targets if t.head.lower_ != "to"]  # "insisting to Priebus that ...": whom told
    if _racing(tok, lex):
        return None  # "challenging Clinton for the Democratic nomination": a race, no stance
    if tok.lemma_ in lex.hosting and any(c.dep_ == "prep" and c.lower_ in ("to", "into", "at") for c in tok.children):
        return None  # "welcomed world leaders to the White House": a host's greeting, no stance
    if tok.lemma_ in lex.instruments:
        targets = [t for t in targets if t.lemma_.lower() not in lex.hardware]
        if not targets:
            return None  # "launched a long-range rocket": an act, not a measure backed
    if tok.lemma_ == "question" and any(c.dep_ == "prep" and c.lower_ in ("about", "on") for c in tok.children) \
            and any(c.dep_ == "dobj" and c.pos_ in ("PROPN", "PRON") for c in tok.children):
        return None  # "Todd questioned Pence about that position": an interview, no doubt
    targets = [t for t in targets if not _saying(t, lex) and not _assertion(tok, t, stance, lex)
               and not _fronted(tok, t, subj) and not _quarrel(tok, t, lex) and not _audience(tok, t, lex)]
    if own:  # "calls out companies by name": only a phrase's own "by" ("stand by") heads a target
        targets = [t for t in targets if not (t.head.dep_ == "prep" and t.head.head.i == tok.i
                                              and t.head.lower_ in _OWN_ONLY and t.head.lower_ not in own)]
    if tok.lemma_ in lex.intent | {"agree", "refuse", "decline"} and not targets:
        return None
    conf = 0.8 if subj is not None and subj.lower_ not in _PRONOUNS else 0.7
    if any(_prep_against(tok, t) for t in targets):  # "fighting a rear-guard action against Congress"
        targets = [t for t in targets if not (t.dep_ == "dobj" and t.head.i == tok.i)]
    targets = _given_to(tok, targets, lex)
    targets, reason = _object_and_reason(tok, targets, own)
    targets, rivals = _rivals(tok, stance, targets, lex)
    return _Found(holders, stance, targets, tok, conf, reason=reason, rivals=rivals)


def _proposed(s: _Sentence, tok, stance: str, lex: Lexicon) -> Optional[_Found]:
    """"his proposed ban on Muslims", "Obama's planned tax rise": a measure its owner proposed or
    planned is one they back (a participle of stance.yaml's ``proposing`` verbs)."""
    owner = next((c for c in tok.head.children if c.dep_ == "poss"), None)
    if stance != "support" or tok.lemma_ not in lex.proposing or owner is None:
        return None
    return _Found(s.holders(owner), stance, [tok.head], tok, 0.7)


def _known(t):
    """The question a demand "to know" asks ("demanded to know whether Clinton would forsake
    donations"), else the target itself."""
    if t.dep_ != "xcomp" or t.lemma_ not in ("know", "learn", "hear"):
        return t
    return next((c for c in t.children if c.dep_ == "ccomp"), t)


def _rivals(tok, stance: str, targets: list, lex: Lexicon) -> tuple[list, tuple]:
    """"supported Barack Obama over Clinton", "would rather vote for Clinton than Trump",
    "prefers Cruz to Trump": the one preferred is backed, the other opposed."""
    if stance not in ("support", "demand"):
        return targets, ()
    preps = lex.rival_preps | ({"to"} if tok.lemma_ == "prefer" else set())
    # the parser hangs "over Clinton" on the verb or on its object ("supported Obama over Clinton")
    objs = [t for t in targets if t.dep_ == "dobj" and t.pos_ == "PROPN"]
    rivals = [g for h in (tok, *objs) for c in h.children if c.dep_ == "prep" and c.lower_ in preps
              for g in c.children if g.dep_ == "pobj" and g.pos_ in ("PROPN", "NOUN", "PRON")]
    # "pledged to make America win, instead of being cheated", "to cut taxes instead of raising fees"
    instead = [g for h in (tok, *targets) for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
               and any(a.lower_ == "instead" for a in c.children) for g in c.children if g.dep_ in ("pobj", "pcomp")]
    if instead:
        return [t for t in targets if t not in instead], tuple(instead)
    if tok.lemma_ != "prefer" and not any(c.dep_ == "advmod" and c.lower_ == "rather" for c in tok.children) \
            and not any(r.head.lower_ == "over" for r in rivals):
        rivals = []
    kept = [t for t in targets if t not in rivals and not any(t in r.conjuncts for r in rivals)]
    if not rivals or not kept:
        return targets, ()
    return kept, tuple(x for r in rivals for x in (r, *r.conjuncts))


def _racing(tok, lex: Lexicon) -> bool:
    """"is challenging Clinton for the nomination", "fought Walsh for the seat": competing for an
    office (stance.yaml's ``offices``) is a race, not a stance on the rival."""
    return tok.lemma_ in lex.racing and any(
        c.dep_ == "prep" and c.lower_ == "for" and any(g.lemma_.lower() in lex.offices for g in c.children)
        for c in [*tok.children, *(x for t in tok.children if t.dep_ == "dobj" for x in t.children)])


def _fronted(tok, t, subj) -> bool:
    """"On her climate page, she vows ...", "In his speech, he praised ...": a phrase before the
    subject sets the scene; it is not what the stance is about."""
    p = t.head
    return p.dep_ == "prep" and p.head.i == tok.i and p.i < tok.i and subj is not None and p.i < subj.i


def _quarrel(tok, t, lex: Lexicon) -> bool:
    """"are fighting about Barack Obama", "sparred over taxes": what a quarrel is about is no side."""
    return tok.lemma_ in lex.quarrels and t.head.dep_ == "prep" and t.head.lower_ in ("about", "over")


def _audience(tok, t, lex: Lexicon) -> bool:
    """"ads targeting voters in battleground states": whom a message is aimed at (stance.yaml's
    ``audiences``) is no opponent."""
    return tok.lemma_ == "target" and t.lemma_.lower() in lex.audiences


_OWN_ONLY = frozenset(("by",))  # "lash out at", "side with": "at" and "with" stay targets


def _assertion(tok, t, stance: str, lex: Lexicon) -> bool:
    """A clause told as a fact, no proposal: "insisted that the country remains a hopeful one"
    (not "insisted that he resign"), "I promise you, our strength does not depend on Trump"
    (not "promised that he would cut taxes")."""
    if t.dep_ != "ccomp" or not (stance == "demand" or tok.lemma_ in lex.promising):
        return False
    aux = [c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")]
    if any(a in ("will", "would", "'ll", "shall", "should", "must", "'d", "to", "be") for a in aux):
        return False
    if tok.lemma_ not in lex.promising and t.lemma_ not in lex.states:
        return False  # "insisted that the levy was needed": what is insisted on is still wanted
    return bool(aux) or t.tag_ in ("VBZ", "VBD") or t.tag_ == "VBP" and tok.lemma_ in lex.promising


# demand verbs whose object is whom they address ("urged Congress to act"): never the target


def _saying(t, lex: Lexicon) -> bool:
    """"declined to comment", "keen to stress that ...": wanting to say something is no stance
    on it (what is said may hold one)."""
    return t.dep_ == "xcomp" and (t.lemma_ in lex.telling or t.lemma_ in lex.speech)


def _open_question(t) -> bool:
    """"considers how the military is coping", "will consider whether": a question, no proposition."""
    return t.dep_ in ("ccomp", "xcomp") and any(
        c.i < t.i and (c.tag_ == "WRB" or c.dep_ == "mark" and c.lower_ in ("whether", "if")) for c in t.children)


def _bare(t) -> bool:
    """"wants to interrupt", "refused to leave": a bare intransitive is no proposition."""
    return t.dep_ == "xcomp" and not any(
        c.dep_ in ("dobj", "prep", "ccomp", "xcomp", "attr", "acomp", "dative") for c in t.children)


_REASONS = frozenset(("for", "of", "on"))  # "criticized him for ...", "sided with them on immigration"


def _object_and_reason(tok, targets: list, own: frozenset = frozenset()) -> tuple[list, object]:
    """"accused Clinton of being too reliant on Wall Street", "blasted the media for allowing
    ...": one stance towards the object, for a reason; not a second one towards the reason.
    A phrase's own preposition (*own*: "call for") heads no reason."""
    obj = next((t for t in targets if t.dep_ in ("dobj", "dative") and t.head.i == tok.i
                or t.dep_ == "pobj" and t.head.lower_ not in _REASONS), None)
    reason = next((t for t in targets if t.head.dep_ == "prep" and t.head.lower_ in _REASONS - own
                   and t.head.head.i == tok.i), None)
    if obj is None or reason is None:
        return targets, None
    return [t for t in targets if t.i != reason.i and t not in reason.conjuncts], reason




def _given_to(tok, targets: list, lex: Lexicon) -> list:
    """"pledged her vote to Clinton", "lent his support to the bill": what is given is the means,
    whom it is given to is the target."""
    to = [t for t in targets if t.dep_ == "pobj" and t.head.lower_ in ("to", "behind") and t.head.head.i == tok.i]
    if not to:
        return targets
    return [t for t in targets if not (t.dep_ == "dobj" and t.head.i == tok.i
                                       and (t.lemma_ in lex.given or t.lemma_ in lex.nouns))]


def _carries_stance(verb, lex: Lexicon) -> bool:
    """An intent's complement that is or holds a stance verb ("wants to impose sanctions",
    "to use the proceeds to fight X"): that verb gives the position, the intent adds none."""
    if verb.dep_ != "xcomp":
        return False
    return any(t.pos_ == "VERB" and t.dep_ in ("xcomp", "advcl", "conj")
               and (t.lemma_ in lex.verbs or t.lemma_ in lex.judging or _starts_phrase(t, lex))
               for t in verb.subtree)


def _matched_phrase(tok, lex: Lexicon) -> frozenset:
    """The words after the verb of the longest multi-word stance verb at *tok* ("stood up against":
    {"up", "against"}), allowing one word between ("called them out")."""
    best: tuple = ()
    for words in lex.phrases:
        if words[0] != tok.lemma_ or len(words) <= len(best) + 1:
            continue
        for skip in (0, 1):
            seq = [t.lower_ for t in tok.doc[tok.i + 1 + skip:tok.i + len(words) + skip]]
            if seq == list(words[1:]):
                best = words
                break
    return frozenset(best[1:])


def _starts_phrase(tok, lex: Lexicon) -> bool:
    """Whether *tok* begins a multi-word stance verb ("call for", "stand up to")."""
    nxt = tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else ""
    return any(words[0] == tok.lemma_ and words[1] == nxt for words in lex.phrases)


_PHRASE_PREPS = _TARGET_PREPS + ("with", "at", "behind", "by")


def _phrase_rule(s: _Sentence, tok, stance: str, lex: Lexicon) -> Optional[_Found]:
    """A multi-word verb: its own preposition ("lash out at", "side with") heads the target too;
    a noun of the phrase is no target, what it is about is ("raised questions about his judgment")."""
    own = _matched_phrase(tok, lex)
    if own == {"on"} and tok.lemma_ == "take" and any(c.dep_ == "dobj" and c.lemma_.lower() in lex.burdens
                                                     for c in [*tok.children, *tok.subtree]):
        return None  # "have taken on clear obligations": a burden assumed, nobody opposed
    extra = own - set(_PHRASE_PREPS)  # "go after": the phrase's own preposition, right after the verb only
    f = _verb_rule(s, tok, stance, lex, _PHRASE_PREPS + tuple(extra), own)
    if f is None:
        return None
    f.targets = [t for t in f.targets if not (t.head.dep_ == "prep" and t.head.lower_ in extra and t.head.i > tok.i + 2
                                              or t.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in extra
                                                                           for m in t.children))]
    inner = [t for t in f.targets if t.lower_ in own and t.pos_ == "NOUN"]
    f.targets = [t for t in f.targets if t not in inner] + [x for t in inner for x in _targets(t, _PHRASE_PREPS)]
    return f

