"""Positions from the parse: who takes which stance towards what.

A position is (holder, stance, target) read off a sentence's dependency parse:

* **Stance words** come from the lexicon ``generator/data/stance.yaml``
  (verbs, multi-word verbs, nouns, adjectives, judging words), matched on
  lemmas by spaCy's ``Matcher``.  A verb takes its stance towards its object
  or complement ("backed the resolution", "called for a ceasefire"), a noun
  towards its "for/to/of/against" object ("his support for free trade"), an
  adjective likewise ("was skeptical of the deal").
* **The holder** is the subject (climbing through "refused to back",
  "X rejected A and warned B", "..., saying"), the agent of a passive, the
  subject of a relative clause ("the plan, which France backs"), the owner of
  a stance noun ("his criticism") or the subject of a light verb ("voiced
  support for"); inside a quote, "I"/"we" and judgements are the speaker's.
* **Negation and modality**: "did not support", "refused to back", "no plans
  to" turn a for-stance against; a negated against-stance is no position;
  "would", "could" lower the confidence; a stance in an if-clause ("if he
  wants our guns") is a hypothesis, not a position.
* **Judgements**: "called it a blow", "It's nonsense", "are worrying, Cuban
  said": a judging word as a predicate gives its speaker a stance towards its
  subject; "must", "should", "have to" in a quote are demands.

A sentence with no stance gives no position; a quote with none stays a neutral
position (shown on its speaker's page, never in the matrix).  Issues are given
later, across the corpus (:mod:`.issues`), from each position's target.

The lexicon and its Matcher are :mod:`.stance`, who holds a stance (subjects,
pronouns) :mod:`.holders`, what it is about (target phrases and keys)
:mod:`.targets`; this module holds the rules that join them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Iterator, Optional

from .actors import DocActors
from .holders import PLURAL as PLURAL_PRONOUNS, PRONOUNS as _PRONOUNS, Sentence as _Sentence, \
    subject as _subject
from .quotes import Quote, _Resolver
from .stance import Lexicon, lexicon, load_issues, matcher_for  # noqa: F401  (load_issues: re-exported)
from .targets import TARGET_PREPS as _TARGET_PREPS, _against_object, _join, _keys, _prep_against, _span_words, \
    _targets

STANCE_OUT = {"support": "supports", "demand": "demands", "oppose": "opposes", "reject": "rejects",
              "warn": "warns"}
FOR = frozenset(("supports", "demands"))
_MODALS = frozenset(("would", "could", "might", "may", "can"))
_DEMAND_MODALS = frozenset(("must", "should", "ought"))
# "must stop air strikes", "have to beat Trump": demanding that something be stopped opposes it
_DEFEAT = frozenset(("stop", "halt", "end", "cease", "quit", "beat", "defeat"))
_GENERIC = frozenset(("it", "this", "that", "thing", "something", "anything", "everything", "what", "which",
                      "who", "one", "way", "lot", "people", "he", "she", "they", "him", "her", "them", "you",
                      "i", "we", "me", "us"))


@dataclass
class RawPosition:
    """A position before ids and issues are assigned (plain, picklable).

    ``target`` is the proposition's words as written, ``key`` its content
    lemmas (what :mod:`.issues` groups by), ``about`` the actor key when the
    target is an actor of the article ("attacked Trump").
    """

    actor: str      # actor key in DocActors
    issue: str
    stance: str
    sent: int
    statement: str
    quote: str = ""
    confidence: float = 0.6
    target: str = ""
    key: str = ""
    about: str = ""


# ---------------------------------------------------------------------------
# the parse


def _negated(tok) -> bool:
    """"did not support", "no plans", "refused to back": the stance word or a governing verb
    (up the "to ..." chain) is negated or negating."""
    lex = lexicon()
    if _nobody(tok):
        return True
    t = tok
    for _ in range(3):
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in t.children):
            return True
        if t.i != tok.i and t.lemma_ in lex.negating:
            return True
        if t.dep_ == "pobj" and t.head.lower_ == "in":  # "haven't come out in support of"
            t = t.head
        elif t.dep_ not in ("xcomp", "acomp", "dobj", "acl") or t.head.i == t.i:
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
    obliged: bool = False  # "Russia must stop backing Assad": demanded of the holder by whoever says so


_CLAIMS = frozenset(("remark", "claim", "accusation", "allegation", "report", "statement", "comment", "charge",
                     "suggestion", "assertion", "idea", "notion", "story", "rumor", "rumour"))


_NO_COMMENT = frozenset(("comment", "elaborate", "say", "discuss", "confirm", "speak", "answer", "respond",
                         "disclose", "reveal", "identify", "name", "provide", "specify", "detail", "speculate",
                         "predict", "guess"))
_INTENT = frozenset(("want", "plan", "intend", "seek", "aim", "look", "consider", "like"))


def _verb_rule(s: _Sentence, tok, stance: str, lex: Lexicon, preps: tuple = _TARGET_PREPS,
               own: frozenset = frozenset()) -> Optional[_Found]:
    if tok.dep_ == "acl" and tok.head.lemma_.lower() in lex.nouns:
        return None  # "his refusal to endorse Ryan", "a call to end the war": the noun carries it
    subj = _subject(tok)
    holders = s.holders(subj) if subj is not None else []
    if _if_you_dont(tok):
        q = s.quote_at(tok)
        holders = [q.speaker] if q is not None and q.speaker in s.entities else []
    targets = _targets(tok, preps)
    # "refused to back X": the inner verb carries the stance; "refuse" alone rejects its object
    inner = [t for t in targets if t.dep_ == "xcomp" and (t.lemma_ in lex.verbs or t.lemma_ in lex.judging)]
    if inner and tok.lemma_ not in ("want", "plan", "intend", "seek", "aim", "look", "consider", "like"):
        return None
    if tok.lemma_ in ("respond", "retaliate") and not any(c.lower_ in ("will", "would", "'ll") for c in tok.children):
        return None  # only "would respond" threatens
    if tok.lemma_ in _INTENT:
        targets = [t for t in targets if t.dep_ in ("xcomp", "dobj", "ccomp")]
        if tok.lemma_ == "look":
            targets = [t for t in targets if t.dep_ == "xcomp"]
        if any(_carries_stance(t, lex) for t in targets):
            return None  # "planned to use the proceeds to fight X": the inner verb says what he wants
    if tok.lemma_ in _INTENT | {"refuse", "decline", "agree"}:
        targets = [t for t in targets if not _bare(t) and not _open_question(t)]
    if tok.lemma_ in _ADDRESSING:  # "was pressed by Stephanopoulos about ...": asked, not urged
        targets = [t for t in targets if t.dep_ in ("xcomp", "ccomp", "advcl") or t.head.lower_ == "for"]
    if stance == "demand" and any(t.dep_ in ("ccomp", "xcomp") for t in targets):
        targets = [t for t in targets if t.head.lower_ != "to"]  # "insisting to Priebus that ...": whom told
    if _racing(tok, lex):
        return None  # "challenging Clinton for the Democratic nomination": a race, no stance
    if tok.lemma_ == "question" and any(c.dep_ == "prep" and c.lower_ in ("about", "on") for c in tok.children) \
            and any(c.dep_ == "dobj" and c.pos_ in ("PROPN", "PRON") for c in tok.children):
        return None  # "Todd questioned Pence about that position": an interview, no doubt
    targets = [t for t in targets if not _saying(t, lex) and not _assertion(tok, t, stance, lex)
               and not _fronted(tok, t, subj) and not _quarrel(tok, t, lex) and not _audience(tok, t, lex)]
    if own:  # "calls out companies by name": only a phrase's own "by" ("stand by") heads a target
        targets = [t for t in targets if not (t.head.dep_ == "prep" and t.head.head.i == tok.i
                                              and t.head.lower_ in _OWN_ONLY and t.head.lower_ not in own)]
    if tok.lemma_ in _INTENT | {"agree", "refuse", "decline"} and not targets:
        return None
    conf = 0.8 if subj is not None and subj.lower_ not in _PRONOUNS else 0.7
    if any(_prep_against(tok, t) for t in targets):  # "fighting a rear-guard action against Congress"
        targets = [t for t in targets if not (t.dep_ == "dobj" and t.head.i == tok.i)]
    targets = _given_to(tok, targets, lex)
    targets, reason = _object_and_reason(tok, targets, own)
    targets, rivals = _rivals(tok, stance, targets, lex)
    return _Found(holders, stance, targets, tok, conf, reason=reason, rivals=rivals)


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
_ADDRESSING = frozenset(("press", "urge", "implore", "exhort", "beseech"))


def _saying(t, lex: Lexicon) -> bool:
    """"declined to comment", "keen to stress that ...": wanting to say something is no stance
    on it (what is said may hold one)."""
    return t.dep_ == "xcomp" and (t.lemma_ in _NO_COMMENT or t.lemma_ in lex.speech)


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


_GIVEN = frozenset(("vote", "weight", "voice", "name"))


def _given_to(tok, targets: list, lex: Lexicon) -> list:
    """"pledged her vote to Clinton", "lent his support to the bill": what is given is the means,
    whom it is given to is the target."""
    to = [t for t in targets if t.dep_ == "pobj" and t.head.lower_ in ("to", "behind") and t.head.head.i == tok.i]
    if not to:
        return targets
    return [t for t in targets if not (t.dep_ == "dobj" and t.head.i == tok.i
                                       and (t.lemma_ in _GIVEN or t.lemma_ in lex.nouns))]


def _campaign_against(tok, stance: str, target, lex: Lexicon) -> bool:
    """"ready for the fight against legal guns", "launched a campaign against the pipeline",
    "fighting a rear-guard action against Congress": the stance is against what the action is
    against (but "backed sanctions against Syria" backs the sanctions)."""
    noun = target.lemma_.lower()
    if lex.nouns.get(noun) != "oppose" and not (  # "a war on drugs", but "action on the climate"
            noun in lex.actions and any(c.dep_ == "prep" and c.lower_ == "against" for c in target.children)):
        return False
    return (stance in FOR or tok.lemma_ in ("fight", "wage")) and _against_object(target) is not None


def _given_reason(t, targets: list) -> bool:
    """Whether target *t* is the object a reason was given for, or one of its conjuncts
    ("attacked GOP voters, lawmakers, and thinkers for opposing ...")."""
    head = t
    while head.dep_ == "conj" and head.head in targets:
        head = head.head
    return head.dep_ in ("dobj", "dative", "pobj")


def _reason_text(reason) -> str:
    """"defying the establishment and fighting for Americans' liberties": every conjunct."""
    return " and ".join(_join(_span_words(r)) for r in [reason, *reason.conjuncts])


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


def _noun_rule(s: _Sentence, tok, stance: str, lex: Lexicon) -> Optional[_Found]:
    received = _received(s, tok)
    if received is not None:
        return received
    holders: list[str] = []
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
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


_RECEIVING = frozenset(("have", "get", "win", "receive", "enjoy", "earn", "gain", "secure", "land", "garner"))


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
    if not targets and tok.dep_ == "acomp":  # "was pro John Kasich": the parser's attr of the copula
        targets = [c for c in tok.head.children if c.dep_ == "attr"]
    if not targets and stance == "support":
        return None  # "open", "ready" alone say nothing about a proposition
    targets, reason = _object_and_reason(tok, targets)  # "mad at Sanders for agreeing to the debate"
    return _Found(holders, stance, targets, tok, 0.7, reason=reason)


def _judge_rule(s: _Sentence, tok, stance: str, lex: Lexicon) -> Optional[_Found]:
    """A judging word as a predicate: "called him a liar" (the namer judges the named),
    "It's nonsense, Trump said" / "are worrying, Cuban said" (the speaker judges the subject)."""
    pred = tok
    if pred.dep_ == "amod":
        pred = pred.head
    head = pred.head
    if pred.dep_ == "oprd" and head.lemma_ in lex.naming:
        subj = _subject(head)
        obj = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
        holders = s.holders(subj) if subj is not None else []
        return _Found(holders, stance, [obj] if obj is not None else [], tok, 0.75)
    if pred.dep_ == "pobj" and head.lower_ == "as" and head.head.lemma_ in lex.naming:
        # "described the plan as a disaster"; "what he described as the brilliant decision Trump made"
        verb = head.head
        subj = _subject(verb)
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
        if obj is None or obj.tag_ in ("WP", "WDT"):
            obj = pred if pred.i != tok.i else None
        holders = s.holders(subj) if subj is not None else []
        return _Found(holders, stance, [obj] if obj is not None else [], tok, 0.7)
    if pred.dep_ in ("attr", "acomp") or (pred.dep_ == "ROOT" and pred.pos_ == "ADJ"):
        cop = head if pred.dep_ != "ROOT" else pred
        subj = next((c for c in cop.children if c.dep_ in ("nsubj", "csubj")), None)
        speaker = _speaker_of_clause(s, cop, lex)
        if speaker is None:
            return None
        if subj is not None and s.actor_of(subj) == speaker:
            return None  # a speaker judging themselves is no position
        return _Found([speaker], stance, [subj] if subj is not None else [], tok, 0.55)
    return _owned_judgement(s, tok, stance) or _exclamation(s, tok, stance)


def _exclamation(s: _Sentence, tok, stance: str) -> Optional[_Found]:
    """A quote that is only a judgement, no verb ("posted just two words: 'So terrible'", "'Sad!'
    he tweeted"): the speaker judges what the sentences before were about."""
    q = s.quote_at(tok)
    if q is None or q.title or q.speaker not in s.entities:
        return None
    inside = [t for t in s.doc if s.quote_at(t) is q and not t.is_punct]
    if not inside or len(inside) > 4 or any(t.pos_ in ("VERB", "AUX") for t in inside):
        return None
    if not (_set_off(s.doc, inside[0].i, -1) and _set_off(s.doc, inside[-1].i, 1)):
        return None  # a quoted term inside a clause ("delivering a 'hard blow' to Assad")
    return _Found([q.speaker], stance, [tok], tok, 0.5)


def _set_off(doc, i: int, step: int) -> bool:
    """Whether the quote mark(s) next to token *i* are the sentence's edge or next to a dash,
    colon or comma: the quote stands alone."""
    i += step
    while 0 <= i < len(doc) and doc[i].is_quote:
        i += step
    return not 0 <= i < len(doc) or doc[i].is_punct


def _owned_judgement(s: _Sentence, tok, stance: str) -> Optional[_Found]:
    """"Your glib and horrifying comment", "his great leadership": in a quote, a judging word on
    someone's act or word is the speaker's stance towards it."""
    adj = tok
    while adj.dep_ == "conj":
        adj = adj.head
    noun = adj.head
    q = s.quote_at(tok)
    if adj.dep_ != "amod" or q is None or q.speaker not in s.entities:
        return None
    if not any(c.dep_ == "poss" for c in noun.children):
        return None
    return _Found([q.speaker], stance, [noun], tok, 0.55)


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
        if t.dep_ in ("acl", "ccomp") and t.head.lemma_.lower() in _CLAIMS:  # "Sanders' charge that she ..."
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


def _modal_demands(s: _Sentence, lex: Lexicon) -> Iterator[_Found]:
    """"must", "should", "have to", "need to" in a quote or a reported clause: the speaker demands it."""
    if s.text.rstrip().rstrip("\u201d\"'").endswith("?"):
        return
    for tok in s.doc:
        verb = None
        if tok.lower_ in _DEMAND_MODALS and tok.dep_ == "aux":
            verb = tok.head
            if _perfect(verb):
                continue  # "they must have been crushed": an inference, no demand
        elif tok.lemma_ in ("have", "need") and tok.i + 1 < len(s.doc) and s.doc[tok.i + 1].lower_ == "to":
            if any(c.dep_ == "neg" for c in tok.children):
                continue  # "you don't have to be": no obligation, no demand
            verb = next((c for c in tok.children if c.dep_ == "xcomp"), None)
        elif _we_need(tok):
            speaker = _speaker_of_clause(s, tok, lex)
            obj = next(c for c in tok.children if c.dep_ == "dobj")
            if speaker is not None:
                yield _Found([speaker], "demand", [obj], tok, 0.6)  # "We need bold action"
            continue
        if verb is None or verb.lemma_ in lex.speech or _idiom_or_unsaid(verb):
            continue
        if (verb.lemma_ in lex.verbs or _starts_phrase(verb, lex)) and _targets(verb):
            continue  # "they should demand an end to ...": the stance verb's, demanded by the speaker
        speaker = _speaker_of_clause(s, verb, lex)
        if speaker is None:
            continue
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if verb.lemma_ == "be":  # "there should be an embargo on Syrian oil"
            # an adjective ("should be vigilant", "have to be much tougher") demands no proposition
            what = next((c for c in verb.children if c.dep_ == "attr"), None)
            who = _subject(verb)
            if who is not None and who.pos_ == "PRON" and who.lower_ not in ("there", "this", "that"):
                continue  # "You'd have to be a New Yorker to understand him": a condition, no demand
            if what is not None:
                yield _Found([speaker], "demand", [what], verb, 0.6)
        elif verb.lemma_ in _DEFEAT and obj is not None:
            yield _Found([speaker], "oppose", [obj], verb, 0.6)  # "must stop air strikes"
        elif verb.lemma_ == "rid":  # "we have to get rid of the Bushes of the world"
            of = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ == "pobj"), None)
            if of is not None:
                yield _Found([speaker], "oppose", [of], verb, 0.6)
        elif verb.lemma_ not in lex.light_deeds or _goes_somewhere(verb, obj):
            yield _Found([speaker], "demand", [verb], verb, 0.6)


def _goes_somewhere(verb, obj) -> bool:
    """"has to go more to the center", "must get the bill passed": a light deed with a place or a
    thing to it (not "go out", "do it", "have some people")."""
    if obj is not None and obj.pos_ in ("NOUN", "PROPN") and verb.lemma_ not in ("do", "have"):
        return True
    return any(c.dep_ == "prep" and any(g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN") for g in c.children)
               for c in verb.children)


def _idiom_or_unsaid(verb) -> bool:
    """"A lot will have to do with Israel" (an idiom, no obligation); "refused to say that
    Jerusalem should be the capital" (a demand not made)."""
    if verb.lemma_ == "do" and any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
        return True
    t = verb
    for _ in range(3):
        if t.dep_ != "ccomp" or t.head.i == t.i:
            return False
        t = t.head
        if _negated(t):
            return True
    return False


def _we_need(tok) -> bool:
    """"We need bold action", "we need a leader who ...": what "we" need is a demand (not "I
    need you", a plea to the listener; not a question)."""
    if tok.lemma_ != "need" or tok.pos_ != "VERB" or any(c.dep_ == "neg" for c in tok.children):
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    return subj is not None and subj.lower_ == "we" and obj is not None and obj.pos_ in ("NOUN", "PROPN")


def _perfect(verb) -> bool:
    """"must have been", "should have known": a modal on a perfect infers or regrets."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


_PHRASE_PREPS = _TARGET_PREPS + ("with", "at", "behind", "by")


def _phrase_rule(s: _Sentence, tok, stance: str, lex: Lexicon) -> Optional[_Found]:
    """A multi-word verb: its own preposition ("lash out at", "side with") heads the target too;
    a noun of the phrase is no target, what it is about is ("raised questions about his judgment")."""
    own = _matched_phrase(tok, lex)
    f = _verb_rule(s, tok, stance, lex, _PHRASE_PREPS, own)
    if f is None:
        return None
    inner = [t for t in f.targets if t.lower_ in own and t.pos_ == "NOUN"]
    f.targets = [t for t in f.targets if t not in inner] + [x for t in inner for x in _targets(t, _PHRASE_PREPS)]
    return f


RULES = {"VERB": _verb_rule, "PHRASE": _phrase_rule, "NOUN": _noun_rule, "ADJ": _adj_rule, "JUDGE": _judge_rule}


def _stance_words(s: _Sentence) -> Iterator[tuple[object, str, str]]:
    """(token, stance, part) for each lexicon match, the longest match per token first."""
    seen = set()
    for match_id, start, end in sorted(matcher_for(s.doc.vocab)(s.doc), key=lambda m: (m[1], -(m[2] - m[1]))):
        if start in seen:
            continue
        seen.add(start)
        stance, part = s.doc.vocab.strings[match_id].split("|")
        yield s.doc[start], stance, part


def _positions_in(s: _Sentence, statement: str) -> Iterator[RawPosition]:
    lex = lexicon()
    found: list[_Found] = []
    for tok, stance, part in _stance_words(s):
        f = RULES[part](s, tok, stance, lex)
        if f is not None:
            f.part = part
            f.obliged = _obliged(s, f)
            if f.holders or f.obliged:  # "they should demand ...": whoever says so, below
                found.append(f)
    found.extend(_modal_demands(s, lex))
    for f in found:
        stance = STANCE_OUT[f.stance]
        if _if_you_dont(f.tok):
            f.confidence += 0.2  # "if you don't impose sanctions ...": a demand to impose them
            stance = "demands"
        elif _conditional(f.tok) and f.part != "JUDGE":
            continue
        elif f.obliged:  # "Mexico should be grateful for Trump's leadership": demanded of Mexico
            said = _speaker_of_clause(s, f.tok.head if f.tok.dep_ in ("acomp", "oprd") else f.tok, lex)
            if said is None or said in f.holders:
                continue
            f.holders = [said]  # by whoever says so ("Clinton told the allies they should demand an end to")
            stance = "demands" if stance in FOR else stance
        elif _negated(f.tok):
            if stance != "supports":
                continue  # "did not oppose", "has never asked for": no stance
            stance = "opposes"
        conf = f.confidence - (0.2 if f.stance != "oppose" and _hedged(f.tok) else 0.0)
        spokesman = _spokesman(s, f, lex)
        q = s.quote_at(f.tok)
        for t in [*f.targets, *f.rivals]:  # a stance towards nothing named is no position
            if t.lower_ in ("which", "that", "who", "what", "whom"):
                continue
            if q is not None and t.pos_ in ("VERB", "AUX") and s.quote_at(t) is not q:
                continue  # 'Sanders shot back, "Clinton called them out"': the frame is no target
            st = stance if t not in f.rivals else "opposes" if stance in FOR else ""
            if not st:
                continue
            if any(c.dep_ == "det" and c.lower_ == "no" for c in t.children):
                if st not in FOR:
                    continue  # "opposes no one"
                st = "opposes"  # "backs no plan", "respects no one"
            if t is not None and st == "supports" and _prep_against(f.tok, t):
                st = "opposes"  # "the fight against legal guns", "voted against"
            elif _campaign_against(f.tok, st, t, lex):
                inner = _against_object(t)
                if inner is not None:  # "ready for the fight against legal guns": against the guns
                    st, t = "opposes", inner
            if f.part == "VERB" and f.tok.lemma_ in lex.instruments and (
                    t.ent_type_ == "PERSON" or t.pos_ == "PRON" or s.actor_of(t, head_only=True)
                    or any(c.dep_ == "poss" for c in t.children) and t.pos_ == "NOUN" and not t.ent_type_
                    and t.lemma_ in lex.kin):
                continue  # "introduced his wife", "signed Smith": a measure's verb on a person is no stance
            if t.lemma_ in lex.undoing and st in FOR:  # "called for the tariffs to be scrapped"
                undone = next((c for c in t.children if c.dep_ in ("nsubjpass", "dobj")), None)
                if undone is not None:
                    st, t = "opposes", undone
            if st == "opposes" and f.part == "JUDGE" and (t.lemma_.lower() in _CLAIMS or any(
                    x.lemma_.lower() in _CLAIMS and x.pos_ == "NOUN" for x in t.subtree)):
                st = "rejects"  # "said the remarks were inappropriate"
            words = _span_words(t, stop=[*t.conjuncts, *(r.head for r in f.rivals if r.head.head.i == t.i)])
            text, key = _join(words), _keys(t, words)
            if f.part == "JUDGE" and t.i == f.tok.i and q is not None:
                text, key = q.text, ""  # an exclamation ("So terrible"): about what came before
            if f.reason is not None and _given_reason(t, f.targets):
                text = f"{text} {f.reason.head.lower_} {_reason_text(f.reason)}"  # "the media for allowing ..."
            if f.part == "JUDGE" and (t.dep_ in ("dobj", "dative") and t.head.i == f.tok.head.i
                                      or t.dep_ in ("nsubj", "csubj") and t.lower_ in _GENERIC):
                text = f"{text}, {_join(_span_words(f.tok))}"  # "called him a liar": "him, a liar"; "It, nonsense"
            about = s.actor_of(t, head_only=True) if t.pos_ in ("PROPN", "PRON", "NOUN") else None
            if about is None and t.pos_ == "NOUN":  # "Trump's comments", "Clinton's plan": their line
                owner = next((c for c in t.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
                about = s.actor_of(owner, head_only=True) if owner is not None else None
            c = conf
            if key in _GENERIC and not about:
                c -= 0.15
            for h in f.holders + spokesman:
                if about == h:
                    continue
                fan = _praising(s, q, h, st, t)
                if fan is not None:  # "Ted Cruz has fought for our right to bear arms," Fiorina said
                    yield RawPosition(fan, "", "supports", s.n, statement, q.text, round(c, 2),
                                      f"{s.entities[h].name} for {text}", key, h)
                    continue
                # the quote is its speaker's: another holder's stance in it cites the sentence only
                said = q is not None and not q.title and q.speaker == h
                yield RawPosition(h, "", st, s.n, statement, q.text if said else "",
                                  round(max(0.1, min(0.95, c)), 2), text, key, about or "")


def _praising(s: _Sentence, q, holder: str, stance: str, target) -> Optional[str]:
    """The speaker of a quote that credits someone else with standing up for "our" cause ("Ted
    Cruz has fought for our religious liberty"): praise of that person, the speaker's stance."""
    if q is None or q.title or q.speaker == holder or q.speaker not in s.entities or stance not in FOR:
        return None
    ours = any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in target.children)
    return q.speaker if ours else None


def extract_positions(docs: list, texts: list[str], doc: DocActors, quotes: list[Quote]) -> list[RawPosition]:
    """Positions of one article: one per (actor, sentence, stance, target key) at most, plus a
    neutral one for each attributed quote that takes no stance."""
    res = _Resolver(doc)
    by_sent = doc.by_sentence()
    qspans: dict[int, list[tuple[int, int, Quote]]] = {}
    for q in quotes:
        for n in range(q.sent, q.end_sent + 1):
            a = q.start if n == q.sent else 0
            b = q.end if n == q.end_sent else len(texts[n])
            qspans.setdefault(n, []).append((a, b, q))
    out: dict[tuple, RawPosition] = {}
    topic: Optional[str] = None
    group: tuple = ()
    since = 0
    for n, (d, text) in enumerate(zip(docs, texts)):
        if not (d.has_annotation("DEP") and d.has_annotation("LEMMA")):
            continue  # an overlong text is only tokenized (.nlp.parse): no parse to read
        s = _Sentence(n, d, text, by_sent.get(n, []), qspans.get(n, []), res, doc.entities, topic, group)
        topic, group, since = _next_topic(s, topic, group, since)
        for p in _positions_in(s, text):
            k = (p.actor, p.sent, p.stance in FOR, p.key or p.target)
            old = out.get(k)
            if old is None or p.confidence > old.confidence:
                out[k] = p
    stanced_quotes = {(p.actor, p.quote) for p in out.values() if p.quote}
    for q in quotes:
        if q.speaker and q.speaker in doc.entities and (q.speaker, q.text) not in stanced_quotes:
            statement = " ".join(texts[q.sent:q.end_sent + 1])
            # a title ("told “Good Morning America”") is no quote: the sentence is the statement
            quote = "" if getattr(q, "title", False) else q.text
            out[(q.speaker, q.end_sent, None, q.text)] = RawPosition(
                q.speaker, "", "neutral", q.end_sent, statement, quote, 0.5, q.text[:120], "")
    # a quote's stanced positions carry the whole statement it spans
    for p in out.values():
        if p.quote and p.stance != "neutral":
            q = next((q for q in quotes if q.text == p.quote), None)
            if q is not None and q.end_sent > q.sent:
                p.statement = " ".join(texts[q.sent:q.end_sent + 1])
    return [out[k] for k in sorted(out, key=lambda k: (k[1], k[0], str(k[2]), k[3]))]


def _next_topic(s: _Sentence, topic: Optional[str], group: tuple, since: int) -> tuple:
    """Who the next sentence's "he" or "they" may be: this sentence's main subject (and its
    coordination), else the topic before for up to two sentences (a quote or an aside between
    "Sanders questioned Trump's veracity." and "He called him a liar." keeps Sanders the topic)."""
    subj = s.main_subject()
    if subj is not None:
        return subj, s.main_group(), s.n
    return (topic, group, since) if topic is not None and s.n - since <= 2 else (None, (), s.n)


def position_id(actor_id: str, issue: str, article: str, sent: int, stance: str = "", target: str = "") -> str:
    """Stable id: actor, issue and a hash of (article, sentence, stance, target)."""
    h = hashlib.sha1(f"{article}:{sent}:{stance}:{target}".encode()).hexdigest()[:8]
    return f"{actor_id[:40].strip('-')}-{issue[:24].strip('-')}-{h}"
