"""Direct quotes and their speakers, from the trained pipeline's parse.

Quote marks are paired over the whole article (:func:`.quote_marks.find_spans`): a quote
opened in one sentence and closed in a later one is one quote; a paragraph
that ends inside a quote closes it there, and when the next paragraph opens
with a quote mark (the multi-paragraph convention) the new quote continues
the old one's speaker.  Text is normalized to typographic marks first
(:func:`.nlp.normalize`, PTB ````...''`` included); ASCII ``"`` pair up in
turn, and a typographic quote inside another in the same sentence is nested
in it (the outer quote is the one kept).

The speaker comes from the dependency parse (:func:`speaker_of`): the speech
cue that governs the quote -- a verb whose lemma is in the lexicon
``generator/data/speech_verbs.yaml`` (``say``, ``tell``, ``warn``...), found
by a spaCy ``Matcher``, that is an ancestor of a quoted word, else the
nearest cue next to the quote -- and then its subject ("X said", "said X",
"X, who ..., said", "X tweeted, saying") or the object of "according to X".
The subject becomes an actor through the actor mention it covers, so titles
("Ms.", "the Rev.") are the actors' business, never the speaker's; a
pronoun goes to the nearest fitting actor before it (:class:`_Resolver`).
A quote with no cue in its sentences (a floating quote) takes the speaker
named by a cue in the sentence before it, else the previous quote's speaker
when that quote ended at most two sentences before.

Partial quotes inside paraphrase ("X said the move was “a disgrace to the
nation”") are quotes, scare quotes too (they carry their speaker's stance);
titles ("told “Good Morning America”") are not.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml
from rapidfuzz.distance import JaroWinkler
from spacy.matcher import Matcher

from . import gazetteer as gz
from .actors import DocActors, Entity, Mention, _gender_of, _strip_particle, person_key
from .quote_marks import (  # noqa: F401  (paragraph_starts, MIN_WORDS: importable from here too)
    MIN_WORDS, _ANY_MARK, _WORD, _is_title, _n_words, _quote_text, find_spans, is_headline, paragraph_starts)

DATA = Path(__file__).resolve().parent.parent / "data" / "speech_verbs.yaml"

CARRY = 2  # a floating quote continues a speaker whose quote ended this many sentences before

SUBJECT_PRONOUNS = {"he", "she", "they"}
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "they"}
_SUBJ_DEPS = ("nsubj", "csubj")
# a cue whose own subject is missing takes its head's: "X smiled and said",
# "X tweeted, saying", "X went on to say"
_INHERIT_DEPS = ("conj", "advcl", "xcomp")
_ADJECTIVAL = ("amod", "compound", "acl")

# Used by .positions (subjects of stance verbs), which still reads the text.
PRONOUN_RE = re.compile(r"\b(he|she|they)\b", re.I)
_GAP_OK = re.compile(r"^[\s,]*(?:(?:also|then|later|earlier|again|previously|recently|has|had|have|\w+ly)\s+)*$", re.I)
_WHO_GAP = re.compile(r"^\s*,\s*(?:who|whose|which)\b[^\u201c\u201d.;]*,\s*(?:\w+ly\s+)?$", re.I)
_APPOS_GAP = re.compile(r"^\s*,[^,\u201c\u201d.;]{1,70},\s*(?:\w+ly\s+)?$")


@dataclass
class Quote:
    """A quoted passage with its (resolved) speaker."""

    sent: int          # sentence where it opens
    end_sent: int      # sentence where it closes
    text: str
    speaker: Optional[str]  # actor key in DocActors, or None
    verb: str = ""     # the cue as written, lower case ("said", "according to"); "" for none
    start: int = 0     # offset in the opening sentence
    end: int = 0       # offset in the closing sentence (after the mark)

    @property
    def title(self) -> bool:
        """The quoted words are a name (a show, a book, a slogan); :func:`extract_quotes`
        leaves these out, so only a Quote built elsewhere can be one."""
        return _is_title(self.text)

    @property
    def direct(self) -> bool:
        """A statement quoted word for word: :data:`MIN_WORDS` words or more.
        PolNeAR's gold lists only these; a shorter quoted word ("called the
        remarks “inappropriate”") is still its speaker's."""
        return _n_words(self.text) >= MIN_WORDS


@dataclass(frozen=True)
class Lexicon:
    """The speech cues: verb lemmas and multi-word phrases (data, not code)."""

    verbs: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    nouns: frozenset[str] = frozenset()
    acts: frozenset[str] = frozenset()
    """Cue verbs that, dated, report a deed ("fired", "began"): quotes still take them as cues,
    the events code does not count them as statements."""
    titles: tuple[tuple[str, str], ...] = ()
    """(title as kept in an actor's role, noun a description uses): ("sen.", "senator")."""
    verb_phrases: tuple[tuple[str, ...], ...] = ()
    """A verb and the words after it that make it a cue ("put it": "as X put it, “...”");
    the verb's subject speaks."""
    figures: frozenset[str] = frozenset()
    """Nouns that describe a public figure ("the senator", "the businessman"): a description
    no actor of the article answers to stands for the person the text is about there."""
    describing: frozenset[str] = frozenset()
    """Verb lemmas whose subject is described, not quoted ("X is “a child of the ’80s”",
    "X has “...”"): a partial quote they govern has no speaker (:func:`_paraphrase_speaker`)."""


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    verbs = frozenset(v.lower() for v in data["verbs"])
    acts = frozenset(str(v).lower() for v in data.get("acts") or ())
    stray = sorted(acts - verbs)
    if stray:
        raise ValueError(f"{DATA}: acts {', '.join(stray)} are not under verbs: list each act there too")
    titles = data.get("titles") or {}
    if not isinstance(titles, dict) or not all(isinstance(v, str) for v in titles.values()):
        raise ValueError(f"{DATA}: titles must map a title to a noun, one `title: noun` a line")
    return Lexicon(verbs, tuple(tuple(p.lower().split()) for p in data.get("phrases") or ()),
                   frozenset(n.lower() for n in data.get("nouns") or ()), acts,
                   titles=tuple((str(k).lower(), v.lower()) for k, v in titles.items()),
                   figures=frozenset(str(f).lower() for f in data.get("figures") or ()),
                   describing=frozenset(str(v).lower() for v in data.get("describing") or ()),
                   verb_phrases=tuple(tuple(p.lower().split()) for p in data.get("verb_phrases") or ()))


_MATCHERS: dict[int, Matcher] = {}


def cue_matcher(vocab) -> Matcher:
    """A ``Matcher`` for the lexicon's cues on *vocab* (one per pipeline):
    ``SPEECH`` a verb with a lexicon lemma, ``PHRASE`` a phrase ("according to"),
    ``NOUN`` a noun of speech ("her remark that “...”": its possessor speaks)."""
    m = _MATCHERS.get(id(vocab))
    if m is None:
        lex = lexicon()
        m = Matcher(vocab)
        m.add("SPEECH", [[{"LEMMA": {"IN": sorted(lex.verbs)}, "POS": "VERB"}]]
              + [[{"LEMMA": p[0], "POS": "VERB"}] + [{"LOWER": w} for w in p[1:]] for p in lex.verb_phrases])
        m.add("PHRASE", [[{"LOWER": w} for w in p] for p in lex.phrases])
        m.add("NOUN", [[{"LEMMA": {"IN": sorted(lex.nouns)}, "POS": "NOUN"}]])
        _MATCHERS[id(vocab)] = m
    return m


class _Resolver:
    """Looks up the last fitting actor before a point (for pronouns)."""

    def __init__(self, doc: DocActors, docs: Optional[list] = None):
        self.ms = doc.mentions
        self.pos = [(m.sent, m.start) for m in self.ms]
        self.doc = doc
        self.docs = docs  # the article's parsed sentences (for the words that describe an actor)
        self.quoted: frozenset = frozenset()  # (sent, start) of mentions inside quotes: never antecedents
        self._described: dict[str, frozenset[str]] = {}

    def pronoun(self, word: str, sent: int, start: int, skip: tuple = ()) -> Optional[str]:
        """The actor a pronoun at (*sent*, *start*) stands for (*word* "" for a person of
        either gender): in the nearest sentence with
        a fitting actor before the pronoun, its grammatical subject if one fits, else the
        nearest ("Whitman told the paper she would vote for Clinton. “...,” she said":
        Whitman, the sentence's subject, not Clinton, the nearest woman)."""
        i = bisect.bisect_left(self.pos, (sent, start))
        w = word.lower()
        found: list[Mention] = []
        for m in reversed(self.ms[max(0, i - 60):i]):
            if found and m.sent != found[0].sent:
                break
            if (m.sent, m.start) in skip:
                continue
            e = self.doc.entities.get(m.key)
            if e is None:
                continue
            if w in ("he", "she"):
                if e.kind == "person" and (e.gender in (None, "m" if w == "he" else "f")):
                    found.append(m)
            elif not w:  # a description of a public figure: any person
                if e.kind == "person":
                    found.append(m)
            elif e.kind != "person":
                found.append(m)
        if not found:
            return None
        depths = [(self._subject_depth(m), n) for n, m in enumerate(found)]
        best = min((d for d in depths if d[0] is not None), default=None)
        return found[best[1]].key if best is not None else found[0].key

    def _subject_depth(self, m: Mention) -> Optional[int]:
        """How many clauses down mention *m* is the subject of one (0: of the main clause), or
        None when it is no subject (needs the parse).  The pronoun goes to the highest subject:
        in "Woods said she does not believe Khizr and Ghazala Khan should be immune", Woods,
        not the nearer subject of the clause she reports."""
        if self.docs is None or m.sent >= len(self.docs):
            return None
        toks = [t for t in self.docs[m.sent] if m.start <= t.idx < m.end]
        root = next((t for t in toks if not (m.start <= t.head.idx < m.end) or t.head.i == t.i), None)
        if root is None:
            return None
        while root.dep_ == "conj" and root.head.i != root.i:  # "Khizr and Ghazala Khan": the coordination's place
            root = root.head
        if root.dep_ not in ("nsubj", "nsubjpass"):
            return None
        depth, v = 0, root.head
        while v.head.i != v.i and depth < 20:
            depth, v = depth + 1, v.head
        return depth

    def add(self, m: Mention) -> None:
        """A mention found after the actor extraction (a speaker it missed)."""
        i = bisect.bisect_left(self.pos, (m.sent, m.start))
        self.pos.insert(i, (m.sent, m.start))
        self.ms.insert(i, m)

    def described(self, noun, sent: int, start: int) -> Optional[str]:
        """The actor a description stands for ("the Florida senator", "the billionaire", "the
        committee" said): the nearest actor before it, outside quotes, that the article
        describes with the same noun -- a role ("Sen. Marco Rubio", "billionaire Donald
        Trump"), an apposition ("Hillary Clinton, the Democratic nominee,") or, for an
        organisation, a word of its name ("the House Oversight Committee")."""
        head = noun.lemma_.lower()
        i = bisect.bisect_left(self.pos, (sent, start))
        fits = []
        for m in reversed(self.ms[max(0, i - 80):i]):
            if (m.sent, m.start) not in self.quoted and m.key in self.doc.entities and m.key not in fits \
                    and head in self._words_for(m.key):
                fits.append(m.key)
        # "the Florida senator": the nearest senator whose sentences say Florida, else the nearest
        marks = {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod") and c.pos_ == "PROPN"}
        if marks and self.docs is not None:
            for key in fits:
                if marks <= {t.lower_ for n in self.doc.entities[key].sentences if n < len(self.docs)
                             for t in self.docs[n]}:
                    return key
        return fits[0] if fits else None

    def _words_for(self, key: str) -> frozenset[str]:
        """The nouns the article describes actor *key* with (see :meth:`described`)."""
        got = self._described.get(key)
        if got is None:
            e = self.doc.entities[key]
            nouns = dict(lexicon().titles)
            words = {nouns.get(w, w) for r in e.roles for w in r.lower().split()}
            if e.kind != "person":
                words |= {w.lower() for w in e.name.split()}
            for m in self.ms if self.docs is not None else ():
                if m.key == key and m.sent < len(self.docs):
                    words |= _appositions(self.docs[m.sent], m)
            got = self._described[key] = frozenset(words)
        return got

    def named(self, word: str) -> Optional[str]:
        """The actor of the article one of whose names has the word *word*
        (a surname the actor extraction left without a mention here), a person first."""
        hits = [e for e in self.doc.entities.values()
                if word in e.name.split() or any(word in a.split() for a in e.aliases)]
        hits.sort(key=lambda e: (e.kind != "person", e.key))
        return hits[0].key if hits else None


def _appositions(doc, m: Mention) -> set[str]:
    """Nouns in apposition to mention *m* of sentence *doc* ("Clinton, the Democratic nominee,"
    -> nominee; "the Vermont senator, Bernie Sanders," -> senator)."""
    toks = [t for t in doc if m.start <= t.idx < m.end]
    root = next((t for t in toks if not (m.start <= t.head.idx < m.end) or t.head.i == t.i), None)
    if root is None:
        return set()
    out = {c.lemma_.lower() for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"}
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        out.add(root.head.lemma_.lower())
    return out


# ---------------------------------------------------------------------------
# speakers from the parse


class _Sentence:
    """One parsed sentence with its cues, its quoted ranges and its actor mentions."""

    def __init__(self, index: int, text: str, doc, mentions: list[Mention]):
        self.index, self.text, self.doc, self.mentions = index, text, doc, mentions
        self.quoted: list[tuple[int, int]] = []
        self._cues: Optional[list[tuple[int, str]]] = None

    def cues(self) -> list[tuple[int, str]]:
        """(token index, label) of every cue outside quotes, in text order."""
        if self._cues is None:
            doc = self.doc
            found = sorted((start, doc.vocab.strings[label]) for label, start, _end in cue_matcher(doc.vocab)(doc))
            # not inside a quote, and a verb used as one ("so-called", "the said plan" are not);
            # a noun of speech only with its possessor ("his call for “...”")
            self._cues = [(i, lab) for i, lab in found if not self.inside(doc[i].idx)
                          and (lab != "SPEECH" or (doc[i].dep_ not in _ADJECTIVAL and not _aspect(doc[i])))
                          and (lab != "NOUN" or _possessor(doc[i]) is not None)]
        return self._cues

    def inside(self, char: int) -> bool:
        return any(a <= char < b for a, b in self.quoted)

    def marks_between(self, lo: int, hi: int) -> bool:
        return _ANY_MARK.search(self.text, lo, hi) is not None


def _aspect(tok) -> bool:
    """A cue verb of the lexicon's ``acts`` that governs a verb of no speech ("Rubio will
    *continue* to be “...”", "*began* to rise") tells a deed going on, not words said
    ("began talking about" still tells words)."""
    lex = lexicon()
    return tok.lemma_.lower() in lex.acts and any(c.dep_ == "xcomp" and c.lemma_.lower() not in lex.verbs
                                                  for c in tok.children)


def _reporting(cue, ruling: set[int]) -> list[int]:
    """The ruling cues that report what *cue* tells, outermost first: cues above it in
    the parse ("Yepez said Perez was right to *urge* leaders “...”": *said*; "Paul said
    the plan would ..., and *called* him “...”": *said*).  A cue coordinated with
    another or in a subordinate clause, with a named subject of its own, speaks for
    itself: "Cruz said ..., and Trump *vowed* “...”", "Rubio suggested ..., while Cruz
    *said* “...”"."""
    out, t = [], cue
    while t.head.i != t.i and not (t.dep_ in ("conj", "advcl") and any(
            c.dep_ in _SUBJ_DEPS and c.lower_ not in SUBJECT_PRONOUNS for c in t.children)):
        t = t.head
        if t.i in ruling:
            out.insert(0, t.i)
    return out


def _governing(sent: _Sentence, lo: int, hi: int, after_first: bool) -> list[tuple[int, str]]:
    """The cues of the quoted chars [lo, hi) of *sent*, best first: those that
    govern a quoted word in the parse: the nearest, after the cues that report
    what it tells (:func:`_reporting`; "Yepez said Perez was right to urge leaders
    “to stand up”": *said*, then *urge*), else
    "according to", else the nearest cue beside the quote with no other
    quote between (after it first when *after_first*)."""
    cues = sent.cues()
    if not cues:
        return []
    doc = sent.doc
    quoted = [t for t in doc if lo <= t.idx < hi and not t.is_punct]
    ruling = [(i, lab) for i, lab in cues
              if (lab == "SPEECH" and any(doc[i].is_ancestor(t) for t in quoted))
              or (lab == "NOUN" and any(_says(doc[i], t) for t in quoted))]
    if ruling:
        ruling.sort(key=lambda c: min(abs(doc[c[0]].idx - lo), abs(doc[c[0]].idx - hi)))
        outer = _reporting(doc[ruling[0][0]], {i for i, _ in ruling})
        return [c for i in outer for c in ruling if c[0] == i] + [c for c in ruling if c[0] not in outer]
    phrase = [c for c in cues if c[1] == "PHRASE"]
    if phrase:  # "According to X, he is now “the worst thing ...”"
        return phrase[:1]
    cues = [c for c in cues if c[1] == "SPEECH"]  # a noun of speech only where it rules the quote
    after = [c for c in cues if doc[c[0]].idx >= hi and not sent.marks_between(hi, doc[c[0]].idx)]
    before = [c for c in cues if doc[c[0]].idx < lo and not sent.marks_between(doc[c[0]].idx, lo - 1)]
    order = ([after[:1], before[-1:]] if after_first else [before[-1:], after[:1]])
    return [pick[0] for pick in order if pick][:1]


def _subject(tok, sent: _Sentence):
    """The speaker token of a cue token: its subject (or its head's, for a
    conjoined or subordinate cue), the agent of a passive, the antecedent of
    a relative "who"; never a word inside a quote ("“We were wrong,” Ramos
    told AFP" parsed as a coordination with "were")."""
    v = tok
    for _ in range(4):
        if v is not tok and sent.inside(v.idx):
            return None
        # a cue coordinated with a passive shares its subject: "Silverman was joined on stage
        # by Franken and joked, “...”" (the agent, Franken, did not joke)
        deps = _SUBJ_DEPS + ("nsubjpass",) if v is not tok and tok.dep_ == "conj" else _SUBJ_DEPS
        subjects = [c for c in v.children if c.dep_ in deps and not sent.inside(c.idx)]
        if subjects:
            c = min(subjects, key=lambda c: abs(c.i - v.i))  # not a dateline's "LONDON -"
            if c.lower_ in ("who", "that") and v.dep_ == "relcl":
                return v.head
            return c
        for c in v.children if v is tok else ():  # a passive head's agent did not say the cue's words
            if c.dep_ == "agent":              # ("X said the move was made by Y and said, “...”")
                return next((g for g in c.children if g.dep_ == "pobj"), None)
        if v.dep_ == "relcl":
            return v.head
        if v.dep_ in _INHERIT_DEPS and v.head is not v:
            v = v.head
            continue
        return None
    return None


def _according_to(tok):
    """The object of "according to" starting at *tok* ("according")."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    for head in (nxt, tok):
        if head is None:
            continue
        for c in head.children:
            if c.dep_ == "pobj":
                return c
    return nxt.nbor(1) if nxt is not None and nxt.i + 1 < len(tok.doc) else None


def _says(noun, tok) -> bool:
    """Does the noun of speech govern *tok* as what was said ("her remark that
    “...”")?  Not through "as": "rejected her remarks as “inappropriate”" is
    the verdict of the verb's subject."""
    t = tok
    while t.head.i != t.i and t.i != noun.i:
        t = t.head
        if t.lower_ == "as":
            return False
    return t.i == noun.i


def _possessor(tok):
    """The possessor of a noun ("her" of "her remark", "Bush" of "Bush's post"), or None."""
    return next((c for c in tok.children if c.dep_ == "poss"), None)


def _actor_at(tok, sent: _Sentence, res: _Resolver) -> Optional[str]:
    """The actor a speaker token stands for: a pronoun resolved backwards, else
    the mention covering it, an appositive name, or a name in its phrase."""
    word = POSSESSIVE_PRONOUNS.get(tok.lower_, tok.lower_) if tok.dep_ == "poss" else tok.lower_
    if word in SUBJECT_PRONOUNS:
        return res.pronoun(word, sent.index, tok.idx, res.quoted)
    ms = [m for m in sent.mentions if not sent.inside(m.start)]

    def covering(t) -> list[Mention]:
        return [m for m in ms if m.start <= t.idx < m.end]

    own = covering(tok)
    if own:
        return own[0].key
    # "the head of the council, Abdel Sayda," -- appositions, a person first
    named, todo = [], [c for c in tok.children if c.dep_ == "appos"]
    while todo:
        t = todo.pop(0)
        named += covering(t)
        todo += [c for c in t.children if c.dep_ == "appos"]
    lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
    for pool in (named, [m for m in ms if lo <= m.start and m.end <= hi]):
        pick = [m for m in pool if m.kind == "person"] or pool
        if pick:
            return pick[0].key
    if tok.pos_ == "PROPN":
        return res.named(tok.text)
    return None


def speaker_of(sent: _Sentence, cue: tuple[int, str], res: _Resolver,
               guess: bool = False) -> tuple[Optional[str], str]:
    """(actor key or None, cue as written) for a cue of *sent*; *guess*: a description of a
    public figure no actor answers to stands for the person the text is about
    (:func:`_description`), the last resort once no cue names its speaker."""
    i, label = cue
    tok = sent.doc[i]
    if label == "PHRASE":
        who = _according_to(tok)
        return (_actor_at(who, sent, res) if who is not None else None), "according to"
    if label == "NOUN":
        return _actor_at(_possessor(tok), sent, res), tok.lower_
    who = _subject(tok, sent)
    if who is not None:
        return _actor_at(who, sent, res) or _named_speaker(who, sent, res) or _description(who, sent, res, guess), \
            tok.lower_
    return _nearest(sent, tok, res), tok.lower_


def _figure_described(sent: _Sentence, cue: tuple[int, str], res: _Resolver) -> Optional[str]:
    """:func:`speaker_of`'s last resort alone (*guess*), for a cue it already found no one for:
    only the guess from a public figure's description is left to try."""
    i, label = cue
    who = None if label in ("PHRASE", "NOUN") else _subject(sent.doc[i], sent)
    return _description(who, sent, res, True) if who is not None else None


def _description(tok, sent: _Sentence, res: _Resolver, guess: bool = False) -> Optional[str]:
    """A definite description as speaker ("the Florida senator said", "said the Democratic
    nominee"): the actor it describes (:meth:`_Resolver.described`); with *guess*, one
    the article never used for anyone, of a public figure (``figures`` in
    speech_verbs.yaml), stands for the person the text is about there."""
    if tok.pos_ != "NOUN" or sent.inside(tok.idx) or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
        return None
    found = res.described(tok, sent.index, tok.idx)
    if found is None and guess and tok.tag_ != "NNS" and tok.lemma_.lower() in lexicon().figures:
        # "the Florida senator", "the New York businessman" that the article never
        # called so: the person the text is about at that point, as for "he"/"she"
        # (the capitalised words would need world knowledge: Florida's senators)
        found = res.pronoun("", sent.index, tok.idx, res.quoted)
    return found


# entity labels a speaking proper name may carry and still be a person the
# recognizer missed or mislabelled ("Sweeny said" tagged a place, "Twitter's
# Adam Sharp said" a work of art)
_SPEAKER_LABELS = ("", "PERSON", "GPE", "WORK_OF_ART")
SURNAME_SIMILARITY = 0.93  # as merge.py: "Sweeny" is "Steve Sweeney" of the article


def _named_speaker(tok, sent: _Sentence, res: _Resolver) -> Optional[str]:
    """A speech verb's subject that is a proper name with no actor ("Tuttle
    added, “...”", "“...,” Obama stated"): the person of the article whose
    surname it spells (within Jaro-Winkler :data:`SURNAME_SIMILARITY`), else a
    new person actor with a mention there.  The parse says who speaks; the
    recognizer's label is only trusted to rule out organisations, groups,
    dates and the like, and news outlets stay sources."""
    if tok.pos_ != "PROPN" or tok.ent_type_ not in _SPEAKER_LABELS or sent.inside(tok.idx):
        return None
    words = [tok]
    while len(words) < 4 and words[0].i > 0:
        w = tok.doc[words[0].i - 1]  # "Adam" of "Adam Sharp": the name's own compounds, right before it
        if w.dep_ != "compound" or w.pos_ != "PROPN" or w.head.i != tok.i:
            break
        words.insert(0, w)
    while words and (words[0].lower_.rstrip(".") in gz.HONORIFICS or words[0].lower_ in gz.TITLE_SET
                     or words[0].text.endswith(".")):
        words = words[1:]  # "Sen.", "Gov.", "Mr." are the actor's role, not its name
    if not words or any(not w.text[:1].isupper() or (w.is_upper and len(w) > 3) for w in words):
        return None
    name = " ".join(w.text for w in words)
    low = name.lower()
    if low in gz.OUTLETS or low in gz.TIME_WORDS or any(w.lower_ in gz.ORG_HEADS for w in words):
        return None
    surname = _strip_particle(words[-1].text)
    key = None
    if len(surname) >= 5:
        for e in res.doc.entities.values():
            own = e.key.rsplit(":", 1)[-1]
            if e.kind == "person" and len(own) >= 5 and JaroWinkler.similarity(own, surname) >= SURNAME_SIMILARITY:
                key = e.key
                break
    if key is None:
        first, sur = person_key(name) if len(words) > 1 else ("", surname)
        key = f"person:{first}:{sur}"
    ent = res.doc.entities.get(key)
    if ent is None:
        ent = res.doc.entities[key] = Entity(key=key, name=name, kind="person", gender=_gender_of(name),
                                             evidence=0.6)
    ent.mentions += 1
    ent.sentences.add(sent.index)
    ent.names[name] += 1
    ent.aliases.add(name)
    m = Mention(sent.index, words[0].idx, tok.idx + len(tok), name, key, "person", ent.gender)
    res.add(m)
    sent.mentions.append(m)
    return key


_OBJECT_DEPS = ("dobj", "dative", "prep", "attr")  # who was told, never who told ("told AFP")


def _nearest(sent: _Sentence, tok, res: _Resolver) -> Optional[str]:
    """The speaker of a cue the parse gave no subject ("“...,” Ramos, 58,
    told AFP" read as a coordination): the actor or pronoun nearest the cue,
    outside quotes, with no quote mark between them; one of the cue's objects (AFP
    was told) only when no other is there ("opined Cleveland's Plain Dealer" read
    with an object)."""
    at = tok.idx
    best = None
    # whom the cue, or the head it is coordinated with, acts on: a last choice
    heads = (tok, tok.head) if tok.dep_ == "conj" else (tok,)
    told = {d.i for v in heads for c in v.children if c.dep_ in _OBJECT_DEPS + ("agent",) for d in c.subtree}
    for t in sent.doc:
        if t.i == tok.i or sent.inside(t.idx) or abs(t.i - tok.i) > 8:
            continue
        lo, hi = sorted((t.idx, at))
        if sent.marks_between(lo, hi):
            continue
        if t.lower_ in SUBJECT_PRONOUNS or any(m.start <= t.idx < m.end for m in sent.mentions):
            if best is None or (t.i in told, abs(t.i - tok.i)) < (best.i in told, abs(best.i - tok.i)):
                best = t
    return _actor_at(best, sent, res) if best is not None else None


def _paraphrase_speaker(sent: _Sentence, lo: int, hi: int, res: _Resolver) -> Optional[str]:
    """The speaker of a quote set inside a paraphrase with no speech cue ("Cruz
    blamed the law on “knuckleheaded Democratic politicians”", "Gowdy referenced
    a report that “...”"): the subject of the nearest clause that governs the
    quote, when that subject is an actor's mention or a pronoun standing for one.
    A passive subject is what is talked about, not who talks ("the plan was
    called “...”"), so it never speaks; nor does the subject of a quoted name
    for a thing ("the “king of debt” moniker", "met Borders, a “child of the
    ’80s”") or of a copula ("X is “a man of the people”"): None."""
    doc = sent.doc
    inside = [t for t in doc if lo <= t.idx < hi]
    top = next((t for t in inside if not (lo <= t.head.idx < hi) and t.head.i != t.i), None)
    if top is None:
        return None
    if top.dep_ in _ADJECTIVAL + ("nmod", "appos", "npadvmod"):
        return None  # a quoted name for a thing ("the “king of debt” moniker"): not the subject's
    v = top.head
    for _ in range(6):
        if sent.inside(v.idx):
            return None
        subj = next((c for c in v.children if c.dep_ == "nsubj" and not sent.inside(c.idx)), None)
        if subj is not None and v.lemma_ in lexicon().describing:
            return None
        if subj is not None:
            if subj.lower_ in SUBJECT_PRONOUNS:
                return res.pronoun(subj.lower_, sent.index, subj.idx, res.quoted)
            own = [m for m in sent.mentions if m.start <= subj.idx < m.end and m.kind != "state"
                   and not sent.inside(m.start)]
            return own[0].key if own else None
        if v.head.i == v.i or v.dep_ in ("relcl", "acl", "appos"):
            return None
        v = v.head
    return None


def _colon_speaker(sent: _Sentence, lo: int) -> Optional[str]:
    """"Clinton: “...”" (a headline), "doesn't surprise pollster Daron Shaw: “...”": the
    actor just before a colon before the quote, when no speech cue stands before the colon."""
    head = sent.text[:lo].rstrip()
    if not head.endswith(":"):
        return None
    head = head[:-1].rstrip()
    if any(sent.doc[i].idx < len(head) for i, lab in sent.cues() if lab == "SPEECH"):
        return None  # "Williams added about Carson: “...”": the cue's subject speaks, not Carson
    for m in sent.mentions:
        if m.end == len(head):
            return m.key
    return None


def is_quotation(text: str) -> bool:
    """Whether quoted words make a quote record: a position's ``quote``, one
    line of its actor's Quotes list on the site.

    A quotation is :data:`MIN_WORDS` words or more that are not a title -- the
    convention of direct-quote corpora (PolNeAR, the Gender Gap Tracker).  One
    or two quoted words ("called the remarks “inappropriate”", "pledged a
    “political revolution”", "so-called “experts”") are a term the writer
    marks as someone's inside a paraphrase: they stay in the position's
    statement, which is the sentence with its quote marks, and the stance they
    carry is read from that sentence; shown alone in a Quotes list they say
    nothing."""
    return _n_words(text) >= MIN_WORDS and not _is_title(text)


class QuoteRecords:
    """One quote record per quoted passage: a quote that gives its speaker
    several positions (a stance on each target it names, one per sentence of a
    long quote) is carried by the first of them; the others cite it through
    their statement.  Keyed by (actor, article, quoted text)."""

    def __init__(self) -> None:
        self._seen: set[tuple[str, str, str]] = set()

    def keep(self, actor: str, article: str, text: str) -> str:
        """*text* if it is a quotation not yet carried by *actor*'s positions from *article*, else ""."""
        if not text or not is_quotation(text):
            return ""
        key = (actor, article, text)
        if key in self._seen:
            return ""
        self._seen.add(key)
        return text


def extract_quotes(texts: list[str], doc: DocActors, docs: Optional[list] = None,
                   paragraphs: Optional[frozenset[int]] = None) -> list[Quote]:
    """Every quote of an article with its speaker (None if unknown); see
    :attr:`Quote.direct` for the ones that are statements.  *docs*: the sentences parsed by
    :func:`.nlp.parse` (parsed here when not given); *paragraphs*: the
    sentences that open a paragraph (:func:`paragraph_starts`)."""
    if docs is None:
        from .nlp import parse

        docs = parse(texts)
    res = _Resolver(doc, docs)
    by_sent = doc.by_sentence()
    spans = find_spans(texts, paragraphs)
    sents: dict[int, _Sentence] = {}

    def sentence(s: int) -> _Sentence:
        if s not in sents:
            sents[s] = _Sentence(s, texts[s], docs[s], by_sent.get(s, []))
        return sents[s]

    for s0, a, s1, b in spans:
        for s in range(s0, s1 + 1):
            sentence(s).quoted.append((a if s == s0 else 0, b if s == s1 else len(texts[s])))
    res.quoted = frozenset((m.sent, m.start) for m in doc.mentions if m.sent in sents and sents[m.sent].inside(m.start))
    quotes: list[Quote] = []
    last: Optional[Quote] = None
    for s0, a, s1, b in spans:
        body = _quote_text(texts, s0, a, s1, b)
        spk, verb = _attribute(sentence, texts, s0, a, s1, b, res)
        if spk is None and not verb:
            spk, verb = _said_after(sentence, texts, s1, b, paragraphs, res)
        if spk is None and not verb:
            if not texts[s0][:a].strip():
                spk = _floating(sentence, texts, s0, a, last, paragraphs, res)
            else:
                spk = _paraphrase_speaker(sentence(s0), a, b if s1 == s0 else len(texts[s0]), res)
                if spk is None and last is not None and s0 - last.end_sent <= 1:
                    spk = last.speaker  # a partial quote right after its speaker's other words
        if not _WORD.search(body) or _is_title(body) or is_headline(texts[s1], b):
            continue  # a show, a book, a slogan, a piece's headline is named, not said
        last = Quote(s0, s1, body, spk, verb, a, b)
        quotes.append(last)
    return quotes


def _attribute(sentence, texts, s0, a, s1, b, res) -> tuple[Optional[str], str]:
    """Speaker and cue of the quote (s0, a)-(s1, b) from its own sentences."""
    first, last = sentence(s0), sentence(s1)
    colon = _colon_speaker(first, a)
    if colon is not None:
        return colon, "said"
    at_start = not texts[s0][:a].strip()
    if s1 == s0:
        places = [(first, a, b, at_start)]
    else:
        opening, closing = (first, a, len(texts[s0]), False), (last, 0, b, True)
        # "“A. B,” he said.": the closing sentence's cue; "He said: “A. B.”": the opening one's
        places = [closing, opening] if at_start else [opening, closing]
    for sent, lo, hi, after_first in places:
        cues = _governing(sent, lo, hi, after_first)
        if cues:
            # the nearest ruling cue that names a speaker: "X said the plan
            # would “...”, adding “...”" reaches *said* through *adding*
            first = speaker_of(sent, cues[0], res)
            for cue in cues[1:]:
                if first[0] is not None:
                    break
                found = speaker_of(sent, cue, res)
                if found[0] is not None:
                    return found
            if first[0] is None:  # no cue names its speaker: a public figure described
                return _figure_described(sent, cues[0], res), first[1]
            return first
    return None, ""


def _said_after(sentence, texts, s1: int, b: int, paragraphs, res) -> tuple[Optional[str], str]:
    """A quote that ends its sentence and is told by the next one, which the
    sentence splitter cut after “...!” or “...?”: "“Loved it!” / Bush said." --
    a next sentence of the same paragraph that opens with its cue's subject
    (or with the cue: "Said Bush.") and has no quote mark before the cue."""
    nxt = s1 + 1
    if texts[s1][b:].strip() or nxt >= len(texts) or (paragraphs is not None and nxt in paragraphs):
        return None, ""
    sent = sentence(nxt)
    cues = [c for c in sent.cues() if c[1] == "SPEECH"]
    if not cues or sent.marks_between(0, sent.doc[cues[0][0]].idx):
        return None, ""
    tok = sent.doc[cues[0][0]]
    who = _subject(tok, sent)
    if tok.i > 0 and (who is None or who.left_edge.i != 0):
        return None, ""
    # a cue that says something of its own tells its own news, not the quote: "“... he's
    # dangerous.” / Lieberman also stated his intention to vote ...", unless the splitter
    # cut after “...!” or “...?”
    if texts[s1][:b].rstrip()[-2:-1] not in ("!", "?") and any(
            c.dep_ in ("dobj", "ccomp", "xcomp") for c in tok.children):
        return None, ""
    return speaker_of(sent, cues[0], res, guess=True)


def _floating(sentence, texts, s0, a, last: Optional[Quote], paragraphs, res) -> Optional[str]:
    """The speaker of a quote with no cue of its own: named in the sentence
    before it ("X said:", "..., she said, and ..."), else the previous quote's
    speaker when that quote ended at most :data:`CARRY` sentences before."""
    if s0 > 0 and (last is None or last.end_sent < s0 - 1 or texts[s0 - 1].rstrip().endswith(":")):
        prev = sentence(s0 - 1)
        for cue in reversed([c for c in prev.cues() if c[1] != "NOUN"]):
            spk = speaker_of(prev, cue, res)[0]
            if spk is not None:
                return spk
    if last is not None and last.speaker and s0 - last.end_sent <= CARRY:
        return last.speaker
    return None
