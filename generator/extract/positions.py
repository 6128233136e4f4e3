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
:mod:`.targets`.  The rules come in families, a module each: verbs and
multi-word verbs (:mod:`.verbal`), nouns and adjectives (:mod:`.nominal`),
judgements and demands (:mod:`.judgements`), and how a clause frames what they
find (negation, modality, conditions, who says so: :mod:`.frames`).  This
module runs them over a sentence and joins what they find into positions.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Iterator, Optional

from .actors import DocActors
from .frames import (
    _conditional,
    _Found,
    _hedged,
    _if_you_dont,
    _negated,
    _obliged,
    _seeming,
    _speaker_of_clause,
    _spokesman,
)
from .holders import Sentence as _Sentence
from .judgements import (
    _defeat_rule,
    _directive_rule,
    _amok_rule,
    _ask_rule,
    _cautions,
    _effect_rule,
    _fault_rule,
    _far_enough_rule,
    _judge_rule,
    _judging_phrase_rule,
    _modal_demands,
    _progressive,
    _rated_rule,
)
from .nominal import _adj_rule, _noun_rule, _prefix_rule, _role_rule
from . import learned as _learned
from .quotes import Quote, _Resolver
from .stance import Lexicon, lexicon, matcher_for, load_issues  # noqa: F401  (load_issues: re-exported)
from .targets import _against_object, _join, _keys, _prep_against, _span_words, _thing_before, _undone, _infinitive_after
from .verbal import _phrase_rule, _verb_rule


STANCE_OUT = {"support": "supports", "demand": "demands", "oppose": "opposes", "reject": "rejects",
              "warn": "warns"}


FOR = frozenset(("supports", "demands"))
_FINE = {v: k for k, v in STANCE_OUT.items()}


_ANYONE = frozenset(("anyone", "anybody", "anything", "whoever", "whatever"))
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


RULES = {"VERB": _verb_rule, "PHRASE": _phrase_rule, "NOUN": _noun_rule, "ADJ": _adj_rule, "JUDGE": _judge_rule,
         "ROLE": _role_rule, "PREFIX": _prefix_rule, "EFFECT": _effect_rule, "RATED": _rated_rule,
         "DIRECT": _directive_rule, "DEFEAT": _defeat_rule, "FAR": _far_enough_rule,
         "FAULT": _fault_rule, "AMOK": _amok_rule, "ASK": _ask_rule, "JPHRASE": _judging_phrase_rule}


def _stance_words(s: _Sentence) -> Iterator[tuple[object, str, str]]:
    """(token, stance, part) for each lexicon match, the longest match per token first."""
    seen = set()
    for match_id, start, end in sorted(matcher_for(s.doc.vocab)(s.doc), key=lambda m: (m[1], -(m[2] - m[1]))):
        if start in seen:
            continue
        seen.add(start)
        stance, part = s.doc.vocab.strings[match_id].split("|")
        yield s.doc[start], stance, part


def _positions_in(s: _Sentence, statement: str, found_out: Optional[list] = None) -> Iterator[RawPosition]:
    """The rules' positions in one sentence; with *found_out*, each is also recorded there as
    (holder, stance, cue token, target token, rule family, position) for :mod:`.learned`."""
    lex = lexicon()
    found: list[_Found] = []
    for tok, stance, part in _stance_words(s):
        if part == "VERB" and tok.lower_ in lex.judging and _progressive(tok):
            stance, part = lex.judging[tok.lower_], "JUDGE"  # "are worrying, Cuban said": a judgement
        f = RULES[part](s, tok, stance, lex)
        if f is not None:
            f.part = f.part or part  # a rule may count as another family (a rated word as a judging word)
            f.obliged = _obliged(s, f)
            if f.holders or f.obliged:  # "they should demand ...": whoever says so, below
                found.append(f)
    found.extend(_modal_demands(s, lex))
    found.extend(_cautions(s, lex))
    for f in found:
        stance = STANCE_OUT[f.stance]
        if _if_you_dont(f.tok):
            f.confidence += 0.2  # "if you don't impose sanctions ...": a demand to impose them
            stance = "demands"
        elif _conditional(f.tok) and f.part != "JUDGE" or _seeming(f.tok):
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
            if t.lemma_ in lex.doubting and f.tok.dep_ == "acl" and f.tok.head.i == t.i:
                continue  # "left no doubt that he would endorse": the doubt is no target
            if t.lower_ == "it" and t.dep_ in ("dobj", "pobj") and f.part in ("VERB", "PHRASE"):
                t = _thing_before(s, t) or t  # "send the measure to the White House, where Obama will veto it"
            if q is not None and t.pos_ in ("VERB", "AUX") and s.quote_at(t) is not q:
                continue  # 'Sanders shot back, "Clinton called them out"': the frame is no target
            st = stance if t not in f.rivals else "opposes" if stance in FOR else ""
            if not st:
                continue
            if st in FOR and t.lemma_.lower() in lex.offices and not any(  # (the parser splits "re-election")
                    c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "of"
                    for c in [*t.children, *t.doc[max(0, t.i - 3):t.i]]):
                continue  # "seeking the Democratic nomination": running for an office (not "Ryan's re-election")
            if t.lower_ in ("nobody", "none", "nothing", "noone") or st in FOR and t.lower_ in _ANYONE:
                continue  # "endorsed nobody", "would endorse anyone who ...": no stance on anyone
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
            undone = _undone(t, lex) if st in FOR else None
            if undone is not None:  # "called for the tariffs to be scrapped", "vowed to destroy ISIL"
                st, t = "opposes", undone
            if st == "opposes" and f.part == "JUDGE" and (t.lemma_.lower() in lex.claims or any(
                    x.lemma_.lower() in lex.claims and x.pos_ == "NOUN" for x in t.subtree)):
                st = "rejects"  # "said the remarks were inappropriate"
            words = _span_words(t, stop=[*t.conjuncts, *(r.head for r in f.rivals if r.head.head.i == t.i)])
            inf = _infinitive_after(t)
            if inf is not None:  # "defended his call to raise the minimum wage": the call's clause
                words = sorted({*words, inf.left_edge, *_span_words(inf)}, key=lambda w: w.i)[:14]
            text, key = _join(words), _keys(t, words)
            if f.part == "PREFIX":
                text = t.text  # "anti-Trump": the name, not the glued word
            if f.part == "JUDGE" and t.i == f.tok.i and q is not None and not any(
                    c.dep_ in ("poss", "compound") for c in t.children):
                text, key = q.text, ""  # an exclamation ("So terrible"): about what came before
            if f.reason is not None and _given_reason(t, f.targets):
                text = f"{text} {f.reason.head.lower_} {_reason_text(f.reason)}"  # "the media for allowing ..."
            if f.part == "JUDGE" and (t.dep_ in ("dobj", "dative") and t.head.i == f.tok.head.i
                                      or t.dep_ in ("nsubj", "csubj") and t.lower_ in _GENERIC):
                text = f"{text}, {_join(_span_words(f.tok))}"  # "called him a liar": "him, a liar"; "It, nonsense"
            if f.gloss is not None:
                text = f"{text}, {_join(_span_words(f.gloss))}"  # "the nominee, a threat to gun rights"
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
                    p = RawPosition(fan, "", "supports", s.n, statement, q.text, round(c, 2),
                                    f"{s.entities[h].name} for {text}", key, h)
                else:
                    # the quote is its speaker's: another holder's stance in it cites the sentence only
                    said = q is not None and not q.title and q.speaker == h
                    p = RawPosition(h, "", st, s.n, statement, q.text if said else "",
                                    round(max(0.1, min(0.95, c)), 2), text, key, about or "")
                if found_out is not None:
                    found_out.append((p.actor, _FINE[p.stance], f.tok, t, f.part, p))
                yield p


def _praising(s: _Sentence, q, holder: str, stance: str, target) -> Optional[str]:
    """The speaker of a quote that credits someone else with standing up for "our" cause ("Ted
    Cruz has fought for our religious liberty"): praise of that person, the speaker's stance."""
    if q is None or q.title or q.speaker == holder or q.speaker not in s.entities or stance not in FOR:
        return None
    ours = any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in target.children)
    return q.speaker if ours else None


def extract_positions(docs: list, texts: list[str], doc: DocActors, quotes: list[Quote],
                      mode: str = "rules", collect: Optional[list] = None) -> list[RawPosition]:
    """Positions of one article: one per (actor, sentence, stance, target key) at most, plus a
    neutral one for each attributed quote that takes no stance.

    *mode*: ``rules`` (the rules alone), ``learned`` or ``mix`` (:mod:`.learned`).  *collect*
    (training only) receives ``(sentence, candidates)`` for every parsed sentence."""
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
        if mode == "rules" and collect is None:
            found_ps = list(_positions_in(s, text))
        else:
            found: list = []
            rule_ps = list(_positions_in(s, text, found))
            if collect is not None:
                collect.append((s, _learned.labelled(s, found)))
            found_ps = rule_ps if mode in ("rules", "mix") else []
            if mode != "rules":
                found_ps += [_learned_position(s, text, c, st, prob) for c, st, prob in _learned.decide(s, found, mode)]
        for p in found_ps:
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


def _learned_position(s: _Sentence, statement: str, c, stance: str, prob: float) -> RawPosition:
    """A candidate the model gave a side, as a position: the rules' own wording of the target
    when they found the same pair, else the target's phrase."""
    st = STANCE_OUT[stance]
    conf = round(max(0.1, min(0.95, prob)), 2)
    if c.raw is not None:
        return RawPosition(c.raw.actor, "", st, s.n, statement, c.raw.quote, conf, c.raw.target, c.raw.key,
                           c.raw.about)
    text, key = _learned.target_text(c.target)
    q = s.quote_at(c.cue)
    said = q is not None and not q.title and q.speaker == c.holder
    t = c.target
    about = s.actor_of(t, head_only=True) if t.pos_ in ("PROPN", "PRON", "NOUN") else None
    return RawPosition(c.holder, "", st, s.n, statement, q.text if said else "", conf, text, key, about or "")


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

