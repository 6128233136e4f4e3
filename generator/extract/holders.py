"""Who holds a stance: a sentence's actors as the rules see them, subjects and pronouns.

:class:`Sentence` is one parsed sentence with its actor mentions and quote
spans; :meth:`Sentence.actor_of` names the actor a noun phrase stands for,
reading "I"/"we" in a quote as its speaker and a pronoun as the subject of a
clause above it ("Cuban said he'd consider offers") before the last actor
named.  :func:`subject` finds a stance word's subject through "refused to
back", "X rejected A and warned B", ", saying" and passives.
"""

from __future__ import annotations

from typing import Optional

from .quotes import Quote, _Resolver
from .stance import lexicon

SUBJ = ("nsubj", "nsubjpass", "csubj")
CLIMB = ("xcomp", "conj", "advcl", "ccomp", "pcomp")
PRONOUNS = {"he": "he", "him": "he", "his": "he", "she": "she", "her": "she", "they": "they",
            "them": "they", "their": "they", "it": "they", "its": "they"}
FIRST = frozenset(("i", "we", "me", "us", "my", "our"))
PLURAL = frozenset(("they", "them", "their"))
# entity types of a place: a bare place name never stands for a person's surname
_PLACES = frozenset(("GPE", "LOC", "FAC", "DATE", "TIME"))
# "some Republicans", "many other members of the GOP": a part of a group, not the group
QUANTIFIERS = frozenset(("some", "many", "other", "several", "few", "most", "numerous", "various", "certain"))


class Sentence:
    """One sentence's Doc with its actor mentions and quote spans, and the lookups rules need."""

    def __init__(self, n: int, doc, text: str, mentions, quotes: list[tuple[int, int, Quote]], res: _Resolver,
                 entities, topic: Optional[str] = None, group: tuple = ()):
        self.n, self.doc, self.text, self.mentions, self.quotes, self.res = n, doc, text, mentions, quotes, res
        self.entities = entities
        self.topic = topic  # the actor the sentence before was about (its main clause's subject)
        self.group = group  # all of them, when that subject was a coordination ("Russia and China")
        self._she: dict[int, Optional[str]] = {}  # _framing_she's answer per quote (None while it is asked)

    def quote_at(self, tok) -> Optional[Quote]:
        for a, b, q in self.quotes:
            if a <= tok.idx < b:
                return q
        return None

    def actor_of(self, tok, head_only: bool = False) -> Optional[str]:
        """The actor a noun phrase headed by *tok* names: a mention over its head (or, unless
        *head_only*, a compound or an apposition), or a pronoun resolved to the last fitting actor."""
        low = tok.lower_
        if low in FIRST:
            q = self.quote_at(tok)
            if q is None:
                return None
            she = self._framing_she(q)
            return she or (q.speaker if q.speaker in self.entities else None)
        if low in PRONOUNS:
            if low in ("it", "its") and self._thing_above(tok):
                return None  # "The company says it considered ...": the company, no actor
            key = self.antecedent(tok) or self.carried(tok)
            if key is not None and PRONOUNS[low] == "she" and self.entities[key].gender is None:
                key = self._known_she("she", tok) or key  # "Her aide, Jake Sullivan, ... how she would"
            return key or self.last_named(tok)
        # "Sen. Marco Rubio", "Rubio, the senator": a name's parts and appositions; but "LGBT parents" or
        # "Trump voters" are the parents and the voters, whom a compound name only describes
        # "The United Nations envoy for Yemen, Karim Benhaddou,": the name in apposition before the modifier
        near = () if head_only else sorted(
            (c for c in tok.children if c.dep_ in ("appos", "nmod") or c.dep_ == "compound"
             and (tok.pos_ == "PROPN" or tok.lemma_.lower() not in lexicon().described)),
            key=lambda c: c.dep_ != "appos" or c.pos_ != "PROPN" or tok.pos_ != "NOUN")
        for t in [tok, *near]:
            for m in self.mentions:
                if m.start <= t.idx < m.end and m.key in self.entities:
                    return m.key
        if tok.dep_ == "poss" and tok.pos_ == "PROPN" and any(c.lower_ == "'" for c in tok.children):
            return self.res.named(tok.text)  # "Sanders' charge": a bare apostrophe hides the mention
        if tok.pos_ == "PROPN" and tok.dep_ in ("nsubj", "dobj", "pobj") and tok.text[:1].isupper() \
                and not any(c.dep_ in ("compound", "flat") for c in tok.children) and tok.ent_type_ not in _PLACES:
            return self.res.named(tok.text)  # "Christie endorsed Trump": a surname the tagger took for an org
        if tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.dep_ in ("nsubj", "nsubjpass", "poss") \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            body = self.res.described(tok, self.n, tok.idx)  # "the board rejected both objections": the board named before
            if body is None:
                body = self._outlet_voice(tok)
            return body if body is not None and self.entities[body].kind != "person" else None
        return None

    def _outlet_voice(self, tok) -> Optional[str]:
        """"The newspaper", "the editorial board", "The editorial" writing or judging: the news
        outlet named last before (a board only as an editorial one, not "the school board")."""
        low = tok.lemma_.lower()
        if low not in lexicon().press or low == "board" and not any(
                c.lower_ in ("editorial", "editors") for c in tok.children):
            return None
        from .gazetteer import is_outlet

        named = [(max((n for n in e.sentences if n <= self.n), default=-1), key)
                 for key, e in self.entities.items() if e.kind != "person" and is_outlet(e.name)]
        last, key = max(named, default=(-1, None))
        return key if last >= 0 else None

    def _framing_she(self, q: Quote) -> Optional[str]:
        """'When Sanders accused Clinton ..., she said "I stood up against the banks"': a quote
        framed by "she said" is a woman's, the one "she" is here, when the speaker it was given
        is not known to be one."""
        if id(q) not in self._she:
            self._she[id(q)] = None  # asked again while resolving its "she": no answer, no loop
            self._she[id(q)] = self._woman_framing(q)
        return self._she[id(q)]

    def _woman_framing(self, q: Quote) -> Optional[str]:
        given = self.entities.get(q.speaker) if q.speaker else None
        if given is not None and given.gender == "f":
            return None
        for t in self.doc:
            if t.lower_ == "she" and t.dep_ == "nsubj" and t.head.lemma_ in lexicon().speech \
                    and self.quote_at(t) is None:
                key = self.actor_of(t)
                ent = self.entities.get(key) if key else None
                return key if ent is not None and ent.gender == "f" and key != q.speaker else None
        return None

    def antecedent(self, tok) -> Optional[str]:
        """A pronoun's antecedent in its own sentence: the subject of a clause above it ("Cuban
        said he'd consider offers", "Trump, who took to the talk shows to defend his praise"),
        before the last actor named (which is often the object: "Todd asked Cuban ... he")."""
        word = PRONOUNS[tok.lower_]
        lead = self._leading_clause_subject(tok, word)
        if lead is not None:
            return lead
        inside = {x.i for x in tok.subtree}
        v = tok.head
        # "Bush's calling him a jerk", "Bush spoke to him": an object is never its own clause's subject
        own = v.head.i if tok.dep_ == "pobj" else v.i if tok.dep_ in ("dobj", "dative") else None
        for _ in range(10):
            subj = None if v.i == own else next(
                (c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in inside), None)
            if subj is not None and subj.i != tok.i:
                if subj.lower_ in ("who", "that") and v.dep_ == "relcl":
                    subj = v.head
                key = None if subj.lower_ in PRONOUNS or subj.lower_ in FIRST else self.actor_of(subj)
                ent = self.entities.get(key) if key else None
                if ent is not None and self._fits(ent, word):
                    return key
                if subj.lower_ not in PRONOUNS:
                    return None  # a named subject that is not the pronoun's kind: no local antecedent
            if v.head.i == v.i:  # spaCy makes a new Token object on each access: compare indexes
                return None
            if v.dep_ in ("relcl", "acl") and v.head.pos_ == "PROPN":  # "Trump, who took to the talk shows ..."
                key = self.actor_of(v.head, head_only=True)
                if key and key in self.entities and self._fits(self.entities[key], word):
                    return key
            inside.update(x.i for x in v.subtree)
            v = v.head
        return None

    def _thing_above(self, tok) -> bool:
        """Whether the subject of a clause above "it" is a common noun that names no actor."""
        above = self.subject_above(tok)
        return above is not None and above.pos_ == "NOUN" and self.actor_of(above) is None

    def last_named(self, tok) -> Optional[str]:
        """The last fitting actor named before a pronoun, but never its own clause's subject
        for an object ("She applauded him": *him* is not whoever *she* is)."""
        word = PRONOUNS[tok.lower_]
        key = self._known_she(word, tok) or self.res.pronoun(word, self.n, tok.idx)
        v = tok.head.head if tok.dep_ == "pobj" else tok.head if tok.dep_ in ("dobj", "dative") else None
        subj = subject(v) if v is not None else None
        if key is not None and word == "they" and (not self._named_lately(key, tok) or self._modifier(key, tok)):
            return None  # "They're afraid of terrorism": a "they" with no group named lately is nobody's
        if key is None or subj is None or subj.i == tok.i or self.actor_of(subj) != key:
            return key
        skip = tuple((m.sent, m.start) for m in self.res.ms if m.key == key)
        return self.res.pronoun(word, self.n, tok.idx, skip)

    def _modifier(self, key: str, tok) -> bool:
        """Whether *key*'s last mention before *tok* in this sentence only modifies a plural noun
        ("Among GOP primary voters, ... they will vote": *they* are the voters, not the GOP)."""
        last = [m for m in self.mentions if m.key == key and m.start < tok.idx]
        if not last:
            return False
        head = next((t for t in self.doc if t.idx == last[-1].start), None)
        while head is not None and head.dep_ in ("compound", "nmod", "amod"):
            head = head.head
        return head is not None and head.tag_ == "NNS" and (head.idx < last[-1].start or head.idx >= last[-1].end)

    def _named_lately(self, key: str, tok) -> bool:
        """Whether *key* is named in this sentence before *tok* or in the two sentences before."""
        return any(m.key == key and (self.n - 2 <= m.sent < self.n or m.sent == self.n and m.start < tok.idx)
                   for m in self.res.ms)

    def _known_she(self, word: str, tok) -> Optional[str]:
        """"she" is a woman named in this sentence or the two before, when there is one, rather
        than the last person whose gender is unknown ("... bin Laden ... she denied")."""
        if word != "she":
            return None
        for m in reversed(self.res.ms):
            if m.sent > self.n or m.sent == self.n and m.start >= tok.idx:
                continue
            if m.sent < self.n - 2:
                break
            e = self.entities.get(m.key)
            if e is not None and e.kind == "person" and e.gender == "f":
                return m.key
        return None

    def _leading_clause_subject(self, tok, word: str) -> Optional[str]:
        """"While Moscow does not wholly support the government's actions, it opposes sanctions":
        a main-clause subject pronoun is the subject of a clause leading up to it."""
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ != "ROOT":
            return None
        for c in tok.head.children:
            if c.dep_ == "advcl" and c.i < tok.i:
                subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
                # a pronoun, or a quote's "I" (whose speaker may be the very "she" asked about), is no name
                key = self.actor_of(subj) if subj is not None and subj.lower_ not in PRONOUNS \
                    and subj.lower_ not in FIRST else None
                if key and self._fits(self.entities[key], word):
                    return key
        return None

    def carried(self, tok) -> Optional[str]:
        """The subject of a sentence's main clause, a pronoun with no fitting actor named before
        it in the sentence, is who the sentence before was about ("Sanders questioned Mr.
        Trump's veracity. He called him a liar": *he* is Sanders, not the last actor named)."""
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ != "ROOT" or self.topic is None:
            return None
        word = PRONOUNS[tok.lower_]
        ent = self.entities.get(self.topic)
        if ent is None or not self._fits(ent, word) or self.quote_at(tok) is not None:
            return None
        if any(m.start < tok.idx and m.key in self.entities and self._fits(self.entities[m.key], word)
               for m in self.mentions):
            return None
        return self.topic

    def main_subject(self) -> Optional[str]:
        """The actor the main clause is about: its subject, when that names an actor; when it is a
        thing ("The endorsement comes three days after Trump told the Post ..."), the first actor
        that is the subject of a clause under it."""
        subj = self._main_subj()
        who = self.actor_of(subj) if subj is not None else None
        if who is not None or subj is None or subj.pos_ != "NOUN":
            return who
        for t in self.doc:
            if t.dep_ == "nsubj" and t.pos_ == "PROPN" and t.i > subj.i and self.quote_at(t) is None:
                return self.actor_of(t)
        return None

    def main_group(self) -> tuple:
        """The actors of a coordinated main subject ("Russia and China both hold vetoes")."""
        subj = self._main_subj()
        return tuple(self.holders(subj)) if subj is not None and subj.conjuncts else ()

    def _main_subj(self):
        root = next((t for t in self.doc if t.dep_ == "ROOT"), None)
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
        if subj is None or subj.lower_ in FIRST or self.quote_at(subj) is not None:
            return None
        return subj

    def carried_group(self, tok) -> list[str]:
        """"Russia and China both hold vetoes. They said ...": a main-clause "they" with no group
        named before it is the whole coordination the sentence before was about."""
        if len(self.group) < 2 or tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ != "ROOT":
            return []
        if self.quote_at(tok) is not None or any(
                m.start < tok.idx and m.key in self.entities and self._fits(self.entities[m.key], "they")
                for m in self.mentions):
            return []
        return list(self.group)

    @staticmethod
    def _fits(ent, word: str) -> bool:
        if word in ("he", "she"):
            return ent.kind == "person" and ent.gender in (None, "m" if word == "he" else "f")
        return ent.kind != "person"

    def holders(self, tok) -> list[str]:
        """Actors of a subject token and its conjuncts ("France and Britain"); "they" after a
        coordination or an unnamed group is that coordination or group ("Russia and China said
        they would veto it", "many members of the GOP ... their opposition")."""
        if tok.lower_ in PLURAL:
            above = self.subject_above(tok)
            if above is not None and above.lower_ in PLURAL:
                return self.holders(above)  # "They said they would veto it": the same they
            if above is not None and (above.conjuncts or unnamed_group(above) is not None):
                return self.holders(above)
            if above is None and self.carried_group(tok):
                return self.carried_group(tok)
        out = []
        for t in [tok, *tok.conjuncts]:
            members = unnamed_group(t)
            # "Democrats -- including Clinton -- accused Trump": Clinton too
            for m in [*(members if members is not None else [t]), *_included(t), *_listed(t), *_of_place_and(t)]:
                a = self.actor_of(m)
                if a and a not in out:
                    out.append(a)
        return out

    def subject_above(self, tok):
        """The nearest subject of a clause above *tok*, outside its phrase, that names someone or
        is "they"."""
        inside = {x.i for x in tok.subtree}
        v = tok.head
        for _ in range(10):
            subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in inside), None)
            if subj is not None and (subj.lower_ in PLURAL or subj.lower_ not in PRONOUNS and subj.lower_ not in FIRST):
                return subj
            if v.head.i == v.i:
                return None
            inside.update(x.i for x in v.subtree)
            v = v.head
        return None


_SHARES = frozenset(("percent", "%", "quarter", "third", "half", "majority", "minority", "plurality", "share"))
_NAMED = frozenset(("PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"))


def _included(tok) -> list:
    """The named members a group subject lists ("Democrats -- including Clinton --", "Republicans,
    including Ryan and McConnell,"), each with its conjuncts."""
    return [x for c in tok.children if c.dep_ == "prep" and c.lower_ == "including"
            for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN" for x in (g, *g.conjuncts)]


def _listed(tok) -> list:
    """The names a plural noun lists in apposition ("The senators running for president --
    Cruz of Texas, Graham of South Carolina, Paul of Kentucky and Rubio of Florida -- all
    voted"): the parser chains them as appositions and conjuncts of one another."""
    if tok.tag_ not in ("NNS", "NNPS"):
        return []
    out, todo = [], [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    while todo:
        x = todo.pop(0)
        out.append(x)
        todo += [c for c in x.children if c.dep_ in ("appos", "conj") and c.pos_ == "PROPN"]
    return out


def _of_place_and(tok) -> list:
    """"Sens. Mark Kirk of Illinois and Susan Collins of Maine were ...": the parser joins the
    second name to the first one's state; a person named there is the first name's conjunct."""
    if tok.ent_type_ != "PERSON":
        return []
    return [x for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC")
            for x in g.conjuncts if x.ent_type_ == "PERSON" and x.pos_ == "PROPN"]


def unnamed_group(tok) -> Optional[list]:
    """A plural noun phrase that names no actor of its own ("officials", "some Republicans",
    "many other members of the GOP"): None when *tok* is no such group, else the members it
    names ("like Armitage, Paulson and Scowcroft", "such as Joe Manchin"), maybe none."""
    if tok.lemma_ in _SHARES:
        return []  # "47 percent said they would vote for Clinton": a poll share
    if tok.tag_ == "CD" or tok.lower_ in QUANTIFIERS:  # "Fifty of the nation's officers", "some of them"
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        return [] if of is not None else None
    if tok.tag_ not in ("NNS", "NNPS"):
        return None
    quantified = any(c.dep_ in ("det", "amod") and c.lower_ in QUANTIFIERS for c in tok.children)
    if not quantified and (tok.tag_ == "NNPS" or tok.ent_type_ in _NAMED or any(
            c.dep_ in ("compound", "amod") and c.ent_type_ in _NAMED for c in tok.children)):
        return None  # "Republicans", "Syrian officials": the party, the state
    members = []
    for c in tok.children:
        if c.dep_ == "prep" and (c.lower_ in ("like", "including") or c.lower_ == "as" and c.nbor(-1).lower_ == "such"):
            for g in c.children:
                if g.dep_ == "pobj":
                    members += [g, *g.conjuncts]
    return members


def subject(verb) -> Optional[object]:
    """The subject of *verb*, climbing through "refused to back", "X rejected A and warned B",
    "..., saying" to the clause that has one; the agent of a passive."""
    v = verb.head if verb.dep_ in ("acomp", "oprd") else verb  # "he's open to running": the copula's subject
    for _ in range(4):
        for c in v.children:
            if c.dep_ == "agent":
                return next((g for g in c.children if g.dep_ == "pobj"), None)
        subj = _named_subject([c for c in v.children if c.dep_ in SUBJ])
        if subj is None and v.tag_ == "VBG":  # "Jeb Bush's calling him a jerk"
            subj = next((c for c in v.children if c.dep_ == "poss"), None)
        if subj is not None:
            if subj.dep_ == "nsubjpass":
                return None  # "was backed" with no by-agent: whoever backs it is unknown
            if subj.lower_ in ("who", "that", "which") and v.dep_ == "relcl":
                head = v.head
                while head.dep_ == "appos" and head.tag_ == "NN" and head.head.pos_ == "PROPN":
                    head = head.head  # "Mark Cuban, the owner of the Mavericks who rebuffed ..."
                while head.dep_ == "conj" and head.pos_ == "NOUN":
                    head = head.head
                if head.dep_ == "attr" and head.pos_ == "NOUN" and subj.lower_ == "who":
                    # "Trump is a serial liar and bully who has pledged to ...": who the copula says he is
                    own = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
                    return own if own is not None and own.pos_ == "PROPN" else None
                return head if head.pos_ == "PROPN" or subj.lower_ == "who" else None
            return _identified(subj, v)
        named = _first_to(v)
        if named is not None:
            return named
        if _noun_clause(v):
            return _owner_of(v.head)
        if v.dep_ not in CLIMB or v.head.i == v.i:
            return None
        if v.dep_ == "ccomp" and v.head.lemma_ not in lexicon().speech:
            return None
        misparsed = _clause_subject_as_object(v)
        if misparsed is not None:
            return misparsed
        came, v = v.dep_, v.head
        if came == "pcomp" and v.dep_ == "prep" and v.head.pos_ in ("VERB", "AUX"):
            v = v.head  # "began by crediting Trump", "after meeting Putin, he ...": the verb's subject
    return None


def _named_subject(subjs: list):
    """The verb's subject; of two ("Democratic presidential hopefuls former Gov. Martin O'Malley
    and Hillary Clinton called for", an apposition parsed as a second subject), the named one."""
    if len(subjs) > 1 and subjs[0].pos_ == "NOUN" and not subjs[0].ent_type_:
        return next((c for c in subjs[1:] if c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
                     or c.pos_ == "PROPN"), subjs[0])
    return subjs[0] if subjs else None


def _identified(subj, verb):
    """"A woman later identified as Eva Resnick-Day ... demanded": the name an unnamed subject
    is identified as."""
    if subj.pos_ != "NOUN":
        return subj
    # the parser hangs "identified as" on the verb the subject is in, or on the subject
    ids = [v for v in (verb, *(c for c in subj.children if c.dep_ == "acl")) if v.lemma_ in ("identify", "name")]
    named = next((g for v in ids for c in v.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
                  if g.dep_ == "pobj" and g.pos_ == "PROPN"), None)
    if named is None and ids:  # the name parsed as a second subject of the verb
        named = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "PROPN" and c.i > subj.i), None)
    return named if named is not None else subj


def _first_to(verb):
    """"The first member of Congress to endorse him was Rep. Chris Collins", "Kirk was the only
    Republican to vote against it": who the copula says the noun of a to-clause is."""
    noun = verb.head
    if verb.dep_ not in ("acl", "relcl") or not any(c.tag_ == "TO" for c in verb.children) \
            or noun.dep_ not in ("nsubj", "attr") or noun.head.lemma_ != "be":
        return None
    if noun.dep_ == "attr":  # "Kirk and Collins were the only Republicans to vote against the bill"
        return next((c for c in noun.head.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
    return next((c for c in noun.head.children if c.dep_ == "attr" and c.pos_ == "PROPN"), None)


def _noun_clause(verb) -> bool:
    """A to- or -ing clause on a noun ("stated his intention to vote for Clinton", "put out an
    ad ripping Clinton"); not a participle ("the accord adopted in Paris")."""
    noun = verb.head  # "Walsh, a Republican opposing the pipeline": a described name is a noun too
    return verb.dep_ == "acl" and (noun.pos_ == "NOUN" or noun.pos_ == "PROPN" and noun.dep_ == "appos") and (
        verb.tag_ == "VBG" or any(c.tag_ == "TO" for c in verb.children))


def _owner_of(noun):
    """Whose intention, plan or promise a noun is: its possessor, else the subject of the verb
    it is the object of ("made a promise to cut taxes")."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    if noun.dep_ == "appos" and noun.head.pos_ == "PROPN" and noun.lemma_.lower() not in _THINGS \
            and noun.head.ent_type_ in ("PERSON", ""):
        return noun.head  # "Rep. Xavier Becerra, a California Democrat supporting Clinton"
    verb = noun.head
    if noun.dep_ == "dobj" and verb.lemma_ in lexicon().light and verb.lemma_ not in _GIVING:
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return None


# nouns in apposition to a name that are no one ("the Act, a bill curbing imports"): their clause is no one's
_THINGS = frozenset(("bill", "law", "measure", "plan", "proposal", "act", "ad", "advertisement", "video", "report",
                     "statement", "letter", "book", "film", "program", "programme", "policy", "rule", "order"))


# "offered our community the chance to show support": what is given is the receiver's
_GIVING = frozenset(("offer", "give", "send", "lend", "deliver", "grant", "hand"))


_CLAUSE_WORDS = frozenset(("as", "while", "after", "before", "since", "until", "when"))


def _clause_subject_as_object(verb):
    """"... grew louder as Patti Davis, Reagan's daughter, attacked Trump": the parser made the
    clause's subject the object of "as" and the verb a subjectless clause; the noun phrase that
    ends just before the verb is its subject."""
    if verb.dep_ != "advcl":
        return None
    for c in verb.head.children:
        if c.dep_ == "prep" and c.lower_ in _CLAUSE_WORDS and c.i < verb.i:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and all(t.is_punct for t in verb.doc[obj.right_edge.i + 1:verb.i]):
                return obj
    return None
