"""Judgements and demands: "called it a blow", "It's nonsense, Trump said", "we must stop ...".

A judging word as a predicate gives whoever judges a stance towards what is
judged (the namer of "called him a liar", the speaker of a quote or a reported
clause), and so does an effect in what someone says ("said the deal would hurt
workers"); "must", "should", "have to", "we need" in what someone says, and
telling someone to act ("telling Christie to go home"), are demands.
"""

from __future__ import annotations

from typing import Iterator, Optional

from .frames import _DEMAND_MODALS, _Found, _negated, _perfect, _speaker_of_clause
from .holders import FIRST, Sentence as _Sentence, subject as _subject
from .stance import Lexicon, lexicon, rated
from .targets import _targets
from .verbal import _starts_phrase


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
    if pred.dep_ == "attr" and pred.lemma_.lower() in lex.times:
        return None  # "these are horrible times": a time judged, no one's stance
    if pred.dep_ in ("attr", "acomp") or (pred.dep_ == "ROOT" and pred.pos_ == "ADJ") or _progressive(pred):
        cop = head if pred.dep_ in ("attr", "acomp") else pred
        subj = next((c for c in cop.children if c.dep_ in ("nsubj", "csubj")), None)
        speaker = _speaker_of_clause(s, cop, lex)
        if speaker is None:
            return None
        if subj is not None and s.actor_of(subj) == speaker:
            return None  # a speaker judging themselves is no position
        if subj is not None and subj.lower_ in ("that", "this") and cop.dep_ == "conj":
            subj = cop.head  # "Donald has a real chance to win, and that's scary": what "that" sums up
        return _Found([speaker], stance, [subj] if subj is not None else [], tok, 0.55)
    return _owned_judgement(s, tok, stance) or _exclamation(s, tok, stance)


def _judging_phrase_rule(s: _Sentence, tok, stance: str, lex: Lexicon) -> Optional[_Found]:
    """A judging phrase of the lexicon that starts at *tok* ("one of us is a candidate of the
    establishment", "her heart is in the right place"), in what someone says: the speaker judges
    the subject of the phrase's clause."""
    words = next((w for w in lex.judging_phrases if [t.lemma_.lower() for t in s.doc[tok.i:tok.i + len(w)]]
                  == list(w)), None)
    if words is None:
        return None
    span = s.doc[tok.i:tok.i + len(words)]
    cop = next((t for t in span if t.lemma_ == "be"), None)
    pred = span.root
    if cop is None and pred.dep_ in ("attr", "acomp", "prep") and pred.head.lemma_ == "be":
        cop = pred.head
    if cop is None:
        return None
    subj = next((c for c in cop.children if c.dep_ in ("nsubj", "csubj")), None)
    speaker = _speaker_of_clause(s, cop, lex)
    if subj is None or speaker is None or s.actor_of(subj) == speaker:
        return None
    at = pred if pred.dep_ in ("attr", "acomp") else cop  # the judgement's word, or its clause
    named = at is pred and subj.pos_ in ("PROPN", "NOUN")  # "Walsh, creature of the establishment"
    return _Found([speaker], stance, [subj], at, 0.55, part="JUDGE", gloss=pred if named else None)


def _rated_rule(s: _Sentence, tok, stance: str, lex: Lexicon) -> Optional[_Found]:
    """A word of the rated sentiment lexicon ("totally delusional", "a dishonorable act"), read as
    a judging word by the same rules, with less confidence than a listed one: a rating says the
    word is positive or negative, not that it judges here, so review sees these first."""
    if tok.lower_.endswith("ed"):
        return None  # "was impressed", "were motivated": the subject's state, not a judgement of it
    f = _judge_rule(s, tok, stance, lex)
    if f is None:
        return None
    f.targets = [t for t in f.targets if _someone_or_theirs(s, t, lex)]
    f.confidence -= rated().discount
    f.part = rated().part
    return f if f.targets else None


def _someone_or_theirs(s: _Sentence, t, lex: Lexicon) -> bool:
    """What a rated word may judge: an actor ("she was the most amazing person", "calls a screaming
    Santilli a fascist") or what one owns ("his plan is reckless", "Trump's comments"), not a
    state of things ("the gravity is strong", "they were poor")."""
    if t.lower_ in lex.things:
        return False  # "it could be brutal": a state of things
    if s.actor_of(t, head_only=True) or t.ent_type_ in ("PERSON", "ORG") and t.pos_ == "PROPN":
        return True
    return t.pos_ == "NOUN" and any(c.dep_ == "poss" and (c.pos_ == "PROPN" or s.actor_of(c, head_only=True))
                                    for c in t.children)


def _progressive(pred) -> bool:
    """"Trump's grasp of policy and temperament are worrying": a judging "-ing" word after "be",
    with no object, is a predicate adjective the parser read as a verb."""
    return pred.tag_ == "VBG" and pred.dep_ in ("ROOT", "ccomp", "conj") and not any(
        c.dep_ in ("dobj", "ccomp", "xcomp") for c in pred.children) and any(
        c.dep_ == "aux" and c.lemma_ == "be" for c in pred.children)


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
    """"Your glib and horrifying comment", "his great leadership", "the Obama-Clinton disaster": in
    a quote, a judging word on someone's act or word, or a judging noun named for someone, is the
    speaker's stance towards it."""
    q = s.quote_at(tok)
    if q is None or q.speaker not in s.entities:
        return None
    if tok.pos_ == "NOUN" and any(c.dep_ in ("poss", "compound") and c.pos_ == "PROPN"
                                  and _named_for(s, c) not in (None, q.speaker) for c in tok.children):
        return _Found([q.speaker], stance, [tok], tok, 0.55)  # "the Obama-Clinton disaster": theirs, judged
    adj = tok
    while adj.dep_ == "conj":
        adj = adj.head
    noun = adj.head
    if adj.dep_ in ("amod", "compound") and noun.pos_ == "PROPN" and noun.ent_type_ == "PERSON":
        # an epithet: "crooked Hillary Clinton", "thug Putin" judge the one they name
        return _Found([q.speaker], stance, [noun], tok, 0.55) if _named_for(s, noun) != q.speaker else None
    if adj.dep_ != "amod" or not any(c.dep_ == "poss" for c in noun.children):
        return None
    return _Found([q.speaker], stance, [noun], tok, 0.55)


# "must stop air strikes", "have to beat Trump": demanding that something be stopped opposes it


def _cautions(s: _Sentence, lex: Lexicon) -> Iterator[_Found]:
    """Advice to be careful in what someone says: "Be very conservative, because it could be very rough
    out there", "you better be careful", "investors should be cautious about China" warn of what the
    caution is about (its "about/of/with" object, else the advice and its reason)."""
    for adj in s.doc:
        verb = adj.head
        if adj.lemma_.lower() not in lex.cautioning or adj.dep_ != "acomp" or verb.lemma_ != "be":
            continue
        kids = list(verb.children)
        subj = next((c for c in kids if c.dep_ in ("nsubj", "expl")), None)  # its own, not the frame's
        imperative = subj is None and s.quote_at(verb) is not None and all(  # "And be careful"
            t.dep_ in ("punct", "cc", "advmod") for t in verb.subtree if t.i < verb.i)
        advised = any(c.dep_ == "aux" and c.lower_ in _DEMAND_MODALS or c.lower_ == "better" for c in kids)
        if not (imperative or advised) or _negated(adj):
            continue
        speaker = _speaker_of_clause(s, verb, lex)
        if speaker is None:
            continue
        about = next((g for c in adj.children if c.dep_ == "prep" and c.lower_ in ("about", "of", "with")
                      for g in c.children if g.dep_ == "pobj"), None)
        why = next((c for c in kids if c.dep_ == "advcl" and any(m.lower_ == "because" for m in c.children)), None)
        yield _Found([speaker], "warn", [about if about is not None else adj], adj, 0.5, gloss=why)


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
        elif verb.lemma_ in lexicon().ending and obj is not None:
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




def _effect_rule(s: _Sentence, tok, stance: str, lex: Lexicon) -> Optional[_Found]:
    """"said the deal would hurt workers", '"Trump is destroying the party," Ryan said': in what
    someone says, a present or coming effect judges its cause (the verb's subject); a past
    event ("the storm destroyed homes") is told, not judged."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ in FIRST or subj.lower_ in ("who", "that", "which", "there"):
        return None
    future = lexicon().future
    if not (tok.tag_ in ("VBZ", "VBP", "VBG") or any(c.dep_ == "aux" and c.lower_ in future for c in tok.children)):
        return None
    speaker = _speaker_of_clause(s, tok, lex)
    if speaker is None or s.actor_of(subj) == speaker:
        return None
    return _Found([speaker], stance, [subj], tok, 0.6)


def _directive_rule(s: _Sentence, tok, stance: str, lex: Lexicon) -> Optional[_Found]:
    """"telling Christie to get on a plane and go home", "asked Congress to act": whoever tells
    someone to do something demands it ("told him not to run" opposes it)."""
    act, holders = _told_to(s, tok)
    if act is None or act.lemma_ in lex.speech or not holders:
        return None
    return _Found(holders, "oppose" if any(c.dep_ == "neg" for c in act.children) else stance, [act], tok, 0.7)


def _ask_rule(s: _Sentence, tok, stance: str, lex: Lexicon) -> Optional[_Found]:
    """"asked a federal judge to block the rules": whoever asks someone to take a stance takes it
    (less sure than telling); asking for any other act ("asked the woman to raise her voice") is none."""
    act, holders = _told_to(s, tok)
    if act is None:
        return None
    inner = lex.verbs.get(act.lemma_) or ("oppose" if act.lemma_ in lex.undoing else None)
    if inner is None or act.lemma_ in lex.intent or any(c.dep_ == "neg" for c in act.children):
        return None
    objs = [c for c in act.children if c.dep_ == "dobj"]
    if not holders or not objs:
        return None
    return _Found(holders, inner, objs, tok, 0.6)


def _told_to(s: _Sentence, tok):
    """(act, holders) of "<tok> someone to <act>": the act in the "to" clause and who tells or
    asks (the subject, or the clause an "-ing" participle hangs on); (None, []) when no named
    or pronoun person is told to do anything."""
    whom = next((c for c in tok.children if c.dep_ in ("dobj", "dative")), None)
    act = next((c for c in tok.children if c.dep_ == "xcomp"
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if whom is None or act is None or whom.pos_ not in ("PROPN", "PRON", "NOUN"):
        return None, []
    subj = _subject(tok) or _teller(tok)
    return act, (s.holders(subj) if subj is not None else [])


def _teller(tok):
    """"Trump was heard on a microphone telling Christie ...": the subject, active or passive, of
    the clause an "-ing" participle hangs on (the parser may hang it on a noun of that clause)."""
    if tok.tag_ != "VBG" or tok.dep_ not in ("acl", "advcl", "xcomp"):
        return None
    v = tok.head
    for _ in range(3):
        if v.pos_ in ("VERB", "AUX"):
            return next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if v.head.i == v.i:
            return None
        v = v.head
    return None


def _defeat_rule(s: _Sentence, tok, stance: str, lex: Lexicon) -> Optional[_Found]:
    """"the only guy who can beat Donald Trump is Ted Cruz," Fiorina said; "the best person to
    beat Hillary Clinton": in what someone says, a defeat that can or is to happen opposes its
    object, an actor (a past one, "Trump beat Cruz in Iowa", is a result)."""
    if any(c.dep_ == "neg" for c in tok.children):
        return None
    if not any(c.dep_ == "aux" and (c.lower_ == "to" or c.lower_ in lex.future) for c in tok.children):
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    who = s.actor_of(obj, head_only=True) if obj is not None else None
    speaker = _speaker_of_clause(s, tok, lex) if who is not None else None
    if speaker is None or speaker == who:
        return None
    return _Found([speaker], stance, [obj], tok, 0.6)


def _named_for(s: _Sentence, name) -> Optional[str]:
    """Whom a name on a noun stands for: an actor of the article, else the name of a person or
    organisation the tagger knows ("the Obama-Clinton disaster" in an article about Trump)."""
    key = s.actor_of(name, head_only=True) or s.res.named(name.text)
    return key or (name.text if name.ent_type_ in ("PERSON", "ORG") else None)


def _far_enough_rule(s: _Sentence, tok, stance: str, lex: Lexicon) -> Optional[_Found]:
    """"it goes nowhere near far enough", "said he didn't think the accord went far enough": a
    measure that does not go far enough is opposed by whoever says so."""
    if not any(c.lower_ == "enough" and any(f.lower_ == "far" for f in c.children) for c in tok.children):
        return None
    denied = _negated(tok) or any(c.lower_ in ("nowhere", "never") for c in tok.subtree)
    t = tok
    while not denied and t.dep_ == "ccomp" and t.head.i != t.i:  # "didn't think it went far enough"
        t = t.head
        denied = any(c.dep_ == "neg" for c in t.children)
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    speaker = _speaker_of_clause(s, tok, lex) if denied and subj is not None else None
    if speaker is None or s.actor_of(subj) == speaker:
        return None
    return _Found([speaker], stance, [subj], tok, 0.6)


def _fault_rule(s: _Sentence, tok, stance: str, lex: Lexicon) -> Optional[_Found]:
    """"John McCain has forgotten that ...", said by someone else: in a quote or a reported clause,
    an actor said to forget, ignore or mislead is blamed by the speaker (less sure than a stance
    verb: the blame is implied)."""
    subj = _subject(tok)
    if subj is None or tok.dep_ in ("amod", "acl", "relcl") or subj.lower_ in FIRST:
        return None
    if tok.lemma_ == "lie" and any(c.dep_ == "prep" and c.lower_ not in ("about", "to") for c in tok.children):
        return None  # "the answer lies in ...": a place, no lie
    about = s.actor_of(subj)
    speaker = _speaker_of_clause(s, tok, lex)
    if about is None or speaker is None or about == speaker:
        return None
    return _Found([speaker], stance, [subj], tok, 0.5)


def _amok_rule(s: _Sentence, tok, stance: str, lex: Lexicon) -> Optional[_Found]:
    """"This is government gone wild", "a regulator run amok": in what someone says, what is out
    of control is opposed by the speaker (the one gone wild, else the "this" it describes)."""
    speaker = _speaker_of_clause(s, tok, lex)
    if speaker is None:
        return None
    target = _subject(tok)
    if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
        target = tok.head  # "a regulator run amok"
    if target is None and tok.head.lemma_ == "be":
        target = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    if target is None or s.actor_of(target) == speaker:
        return None
    return _Found([speaker], stance, [target], tok, 0.5)
