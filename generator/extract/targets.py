"""What a stance is about: the target phrase of a stance word, its words and its keys.

A stance word's target is its object, complement or prepositional object; a
list of coordinated targets is split ("free trade, higher taxes and efforts"
are three).  Each target keeps its words as written (cut before other list
items, a relative clause or a ", he said" comment) and its *keys*: content
lemmas of its head and its other nouns, which :mod:`.issues` groups on.
"""

from __future__ import annotations

from .stance import lexicon

TARGET_PREPS = ("for", "against", "to", "on", "of", "about", "over", "toward", "towards")


def _span_text(tok, stop=()) -> str:
    """The words of *tok*'s phrase, without leading determiners and trailing punctuation,
    cut before *stop* children (other conjuncts) and after 14 words."""
    return _join(_span_words(tok, stop))


def _join(words) -> str:
    out = []
    for a, b in zip(words, words[1:] + [None]):
        out.append(a.text)
        if b is not None and (b.i != a.i + 1 or a.whitespace_):
            out.append(" ")
    return "".join(out).strip()


def _span_words(tok, stop=()) -> list:
    skip = set()
    for c in tok.children:
        if c in stop or c.dep_ in ("parataxis",) or c.dep_ in ("cc", "relcl", "punct") and c.i > tok.i:
            skip.update(x.i for x in c.subtree)
        if c.dep_ == "conj" and c not in stop or _is_list_appos(c):
            skip.update(x.i for x in c.subtree)
        if c.dep_ == "appos" and tok.pos_ == "PROPN":  # "Tim Canova, a law professor": the name says it
            skip.update(x.i for x in c.subtree)
    words = [t for t in tok.subtree if t.i not in skip]
    start = _glued_start(tok)
    if start < tok.i:  # "his re-election": the pieces before the hyphen and what hangs on them
        extra = {x.i for t in tok.doc[start:tok.i] for x in t.subtree if x.i < tok.i}
        words = sorted({*words, *(tok.doc[i] for i in extra if i not in skip)}, key=lambda t: t.i)
    while words and (words[0].dep_ in ("det", "punct", "cc", "aux", "mark", "prep") or words[0].lower_ == "to"):
        if _hyphen_glued(words[0]):  # "no-fly zone": the "no" is part of the word, not its determiner
            break
        words.pop(0)
    for n, w in enumerate(words):  # "efforts to drive down tuition, he said, which ...": cut at the comment
        if n and w.is_punct and any(x.lemma_ in lexicon().speech and x.pos_ == "VERB" for x in words[n + 1:n + 4]):
            words = words[:n]
            break
    while words and (words[-1].is_punct or words[-1].dep_ == "cc"):
        words.pop()
    return words[:14]


def _hyphen_glued(tok) -> bool:
    """Whether *tok* is the first piece of a word the tokenizer split at a hyphen ("no" in "no-fly")."""
    nxt = tok.i + 1
    return not tok.whitespace_ and nxt + 1 < len(tok.doc) and tok.doc[nxt].text == "-" and not tok.doc[nxt].whitespace_


def _glued_start(tok) -> int:
    """Where the word *tok* ends begins when the tokenizer split it at hyphens ("re-election",
    "super-PAC" are three tokens each): the index of its first piece."""
    doc, i = tok.doc, tok.i
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_ \
            and doc[i - 2].is_alpha:
        i -= 2
    return i


def _left_piece(tok) -> bool:
    """A piece before a hyphen of a split word whose last piece hangs on the same head ("re" of
    "re-election", "super" of "super-PAC"): the last piece stands for the word."""
    doc, i = tok.doc, tok.i
    return i + 2 < len(doc) and doc[i + 1].text == "-" and not tok.whitespace_ and not doc[i + 1].whitespace_ \
        and doc[i + 2].is_alpha and doc[i + 2].head.i == tok.head.i and doc[i + 2].dep_ == tok.dep_


def _key(tok) -> str:
    """Content lemmas of a target phrase's head: compounds, adjectives and the head ("gun control
    measure", "no-fly zone"); a verb target keys on its object ("stop the violence" -> "stop violence")."""
    if tok.pos_ in ("VERB", "AUX"):
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "attr", "oprd")), None)
        if obj is None:
            prep = next((c for c in tok.children if c.dep_ == "prep"), None)
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        return " ".join(x for x in (tok.lemma_.lower(), _key(obj) if obj is not None else "") if x)
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i and not c.is_stop]
    words = [m.lemma_.lower() for m in sorted(mods, key=lambda m: m.i)] + [tok.lemma_.lower()]
    key = " ".join(w.replace("-", " ") for w in words if w.isalpha() or "-" in w).strip()
    if tok.lemma_.lower() in _LIGHT_HEADS:  # "an end to the violence" is about the violence
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("to", "of", "on", "for")), None)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if obj is not None:
            key = f"{key} {_key(obj)}".strip()
    return key


def _keys(tok, words=None) -> str:
    """The target's head key, then the keys of the other nouns in its phrase ("repeal of
    Obamacare" -> "repeal obamacare|obamacare"), joined by "|": the issue step groups
    targets on whichever of them most actors share.  *words*: the phrase's tokens
    (default: the head's subtree)."""
    keys = [_key(tok)]
    for t in (words if words is not None else tok.subtree):
        if t.i != tok.i and (t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound", "amod", "poss")
                             or t.pos_ == "PROPN" and t.dep_ == "poss") \
                and t.ent_type_ not in _NOT_TARGETS and len(keys) < 6:
            k = _key(t)
            if k and k not in keys:
                keys.append(k)
    return "|".join(k for k in keys if k)


_LIGHT_HEADS = frozenset(("end", "halt", "support", "lifting", "use", "removal", "withdrawal", "ban", "return",
                          "imposition", "release", "resumption", "suspension", "extension", "expansion", "repeal",
                          "cut", "rise", "increase", "reduction", "lack", "kind", "sort", "type", "number", "part",
                          "series", "set", "call", "investigation", "vote", "recognition"))


_NOT_TARGETS = frozenset(("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"))


def _targets(tok, preps=TARGET_PREPS) -> list:
    """Heads of what a stance word is about: object, complement, prepositional object; a list of
    coordinated targets ("free trade, higher taxes and efforts") is split.  A demand's addressee
    ("urged nations to stop buying oil") is not its target."""
    heads = []
    for c in tok.children:
        if c.tag_ in ("WDT", "WP") or c.ent_type_ in _NOT_TARGETS:
            continue
        if c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp", "oprd"):
            heads.append(c)
        elif c.dep_ in ("prep", "agent") and c.lower_ in preps:
            heads.extend(g for g in c.children if g.dep_ in ("pobj", "pcomp"))
        elif tok.pos_ == "NOUN" and (c.dep_ == "acl" or c.dep_ == "advcl" and any(a.tag_ == "TO" for a in c.children)):
            heads.append(c)  # "plans to bring", "calls to end", 'his aim to "transform"' (parsed as advcl)
        elif c.dep_ == "prt":
            heads.extend(_targets(c, preps))
        elif c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in preps for m in c.children):
            heads.append(c)  # "called for the tariffs to be scrapped"
    if any(h.dep_ in ("xcomp", "ccomp") for h in heads):
        heads = [h for h in heads if h.dep_ != "dobj" or h.pos_ not in ("PROPN", "PRON", "NOUN")
                 or not any(x.dep_ == "xcomp" for x in tok.children)]
    heads = [_named_before_time(h) for h in heads]
    heads = [h for h in heads if h.tag_ not in ("WDT", "WP") and h.ent_type_ not in _NOT_TARGETS
             and not _fragment(h) and not _left_piece(h) and not _when(h)]
    heads = [x for h in heads for x in _candidates(h)]
    if not heads:
        heads.extend(c for c in tok.children if c.dep_ == "nsubjpass")  # "sanctions were opposed by Hungary"
    if not heads and tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
        heads.append(tok.head)  # "the resolution, which France backs", "a ceasefire proposed by Norway"
    out = []
    for h in heads:
        group = [h, *h.conjuncts] if h.pos_ in ("NOUN", "PROPN", "VERB") else [h]
        group = _with_objects(group)
        for a in h.children:  # a list hung on an apposition; "Trump, the front-runner" is one target
            if a.dep_ == "appos" and a.pos_ == "NOUN" and h.pos_ != "PROPN":
                group += [a, *_list_items(a)]
        out.extend(x for x in group if x not in out)
    return out


def _with_objects(group: list) -> list:
    """"no plans to collect or display it": verbs that share the last one's object are one
    proposition, the one with the object; a verb alone is no proposition."""
    def has_obj(v):
        return any(c.dep_ in ("dobj", "prep", "ccomp", "xcomp", "attr", "dative") for c in v.children)
    verbs = [v for v in group if v.pos_ == "VERB"]
    if len(verbs) < 2 or not any(has_obj(v) for v in verbs):
        return group
    return [g for g in group if g.pos_ != "VERB" or has_obj(g)]


def _candidates(tok) -> list:
    """"endorsed the re-election of Ryan, McCain and Ayotte": a stance on the candidacy of a
    list of people (nouns in stance.yaml's ``candidacies``) is one stance on each of them."""
    if tok.lemma_.lower() not in lexicon().candidacies or tok.pos_ != "NOUN":
        return [tok]
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    who = next((g for g in of.children if g.dep_ == "pobj" and g.pos_ == "PROPN"), None) if of is not None else None
    if who is None or not who.conjuncts:
        return [tok]
    return [who, *(c for c in who.conjuncts if c.pos_ == "PROPN")]


def _when(tok) -> bool:
    """"12 years ago to the night", "on Tuesday morning": a time is never what a stance is about
    (the words are stance.yaml's ``times``)."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in lexicon().times and tok.head.dep_ == "prep"


def _named_before_time(tok):
    """"went after Walker hours after ...", parsed as "Walker hours": the name the parser
    compounded with a time is the object."""
    if not _when(tok):
        return tok
    return next((c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"), tok)


def _fragment(tok) -> bool:
    """A stray piece of a split word ("the re-election": "re", "-"): punctuation or a lower-case
    word of one or two letters is never what a stance is about."""
    return tok.is_punct or (len(tok.text) <= 2 and tok.text.islower() and tok.is_alpha and tok.pos_ != "PRON")


def _list_items(tok) -> list:
    """The rest of a list the parser hung on an apposition ("free-trade agreements, higher
    taxes on Wall Street and efforts ...": "taxes" an apposition, "efforts" its conjunct)."""
    return [c for c in tok.conjuncts if c.pos_ in ("NOUN", "PROPN", "VERB")]


def _is_list_appos(tok) -> bool:
    return tok.dep_ == "appos" and tok.pos_ == "NOUN" and bool(_list_items(tok))


def _against_object(noun):
    """The object of an against-noun ("the fight against legal guns", "a war on drugs")."""
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("against", "on")), None)
    return next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None


def _prep_against(tok, target) -> bool:
    p = target.head
    return p.i != tok.i and p.dep_ == "prep" and p.lower_ == "against"


def _infinitive_after(noun):
    """The "to ..." clause the parser hung on the verb rather than on its object noun right before it
    ("defended his call to raise the minimum wage": "to raise" belongs to "call"), or None."""
    if noun.pos_ != "NOUN" or noun.dep_ != "dobj":
        return None
    end = max(x.i for x in noun.subtree)
    return next((c for c in noun.head.children if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB"
                 and c.left_edge.i == end + 1 and c.left_edge.lower_ == "to"), None)


def _undone(target, lex):
    """What a target that is itself an act of undoing undoes, or None: "destroying ISIL" (a verb of
    ``undoing``, ``ending`` or ``defeating`` on its object, or a passive's subject: "the tariffs to be
    scrapped"), "the repeal of the law" (a noun of ``undoing_nouns`` on its "of" object), "standing against
    the scourge" (an act with no object, "against" something).  A for-stance on such an act is a stance
    against what it undoes."""
    if target.pos_ == "VERB":
        if target.lemma_ in lex.undoing or target.lemma_ in lex.ending or target.lemma_ in lex.defeating:
            return next((c for c in target.children if c.dep_ in ("nsubjpass", "dobj")), None)
        if any(c.dep_ == "dobj" for c in target.children):
            return None  # "protecting Americans against terror" backs the Americans
        prep = next((c for c in target.children if c.dep_ == "prep" and c.lower_ == "against"), None)
        return next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
    if target.pos_ == "NOUN" and target.lemma_.lower() in lex.undoing_nouns:
        return next((g for c in target.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"), None)
    return None


def _thing_before(s, it):
    """What an "it" object stands for when it names no person: the nearest thing named before
    it in the sentence as an object, or the subject of a passive ("send the Senate version of the measure to
    the White House, where Obama has promised to veto it": the version of the measure).  None
    when there is none (then the "it" stays as written)."""
    lex = lexicon()
    for tok in reversed(it.doc[:it.i]):
        if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubjpass") \
                and tok.lemma_.lower() not in lex.times and s.actor_of(tok) is None:
            return tok
    return None
