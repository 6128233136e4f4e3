"""Candidates -> the article's actors: bare surnames join full names, acronyms their organisations, declared aliases, regimes."""

from __future__ import annotations

import re

from .. import gazetteer as gz
from .records import DocActors, Entity, Mention, _Cand
from .names import _strip_particle, norm_org, person_key
from . import slug

def _resolve(cands: list[_Cand], texts: list[str]) -> DocActors:
    ents: dict[str, Entity] = {}
    mentions: list[Mention] = []

    def add(key, c: _Cand, name, kind):
        e = ents.get(key)
        if e is None:
            e = ents[key] = Entity(key=key, name=name, kind=kind)
        elif e.kind == "outlet" and kind == "organization":
            e.kind = kind  # an outlet that acts somewhere in the article is a party
        e.mentions += 1
        e.sentences.add(c.sent)
        e.aliases.add(c.surface if c.kind != "person" else c.name)
        if c.kind == "person" and c.surface != c.name and c.surface.split()[0].lower() in gz.HONORIFICS:
            e.aliases.add(c.surface)
        e.names[name] += 1
        if c.role:
            e.roles[c.role] += 1
        if c.affiliation:
            e.affiliations[gz.state_id(c.affiliation)] += 1
        e.gender = e.gender or c.gender
        e.evidence = max(e.evidence, c.evidence)
        mentions.append(Mention(c.sent, c.start, c.end, c.surface, key, kind, e.gender or c.gender))

    # full persons first, so bare surnames can join them
    surname_of: dict[str, list[str]] = {}
    full_names: dict[str, str] = {}  # "Zaw Htike" joins "Than Zaw Htike", the one longer name it ends
    for c in cands:
        if c.kind == "person" and not c.single:
            first, sur = person_key(c.name)
            key = f"person:{first}:{sur}"
            full_names.setdefault(key, c.name)
            surname_of.setdefault(sur, [])
            if key not in surname_of[sur]:
                surname_of[sur].append(key)
    # a lone first name ("Hillary") joins the one person of that first name
    by_first: dict[str, set[str]] = {}
    for keys in surname_of.values():
        for k in keys:
            by_first.setdefault(k.split(":")[1], set()).add(k)
    first_of = {f: next(iter(ks)) for f, ks in by_first.items() if len(ks) == 1 and f}
    orgs = sorted({norm_org(c.name) for c in cands if c.kind == "organization" and not c.single}, key=len)
    regimes: list[str] = []
    # "Huthis" joins "Huthi rebels": plural of a group's first word
    stems = {c.name.split()[0].lower(): c.name for c in cands
             if c.kind == "group" and len(c.name.split()) == 2 and not c.name.endswith(" regime")}

    def _place(c: _Cand) -> None:
        """File one candidate under its entity (or drop it)."""
        if c.kind == "state":
            add(f"state:{c.state}", c, c.name, "state")
        elif c.kind == "group":
            if c.name.endswith(" regime"):
                sur = _strip_particle(c.name.split()[-2])
                pk = surname_of.get(sur)
                key = f"regime:{sur}"
                regimes.append(key)
                add(key, c, c.name, "group")
                if pk and ents.get(pk[0]) and ents[pk[0]].affiliations:
                    ents[key].affiliations.update(ents[pk[0]].affiliations)
            else:
                name = stems.get(c.name[:-1].lower(), c.name) if " " not in c.name else c.name
                add(f"group:{slug(name)}", c, name, "group")
        elif c.kind == "outlet":  # one key with the organisation of that name: acting makes it one
            add(f"org:{c.name.lower()}", c, c.name, "outlet")
        elif c.kind == "organization":
            name = norm_org(c.name)
            if c.single:  # acronym: initials of a named organisation?
                target = [o for o in orgs if "".join(w[0] for w in o.split() if w[0].isupper()) == name]
                if len(target) == 1:
                    name = target[0]
                elif c.evidence < 0.6:
                    return  # an acronym the recognizer did not call an organisation
            else:
                longer = [o for o in orgs if o != name and o.endswith(" " + name)]
                if len(longer) == 1:
                    name = longer[0]
            add(f"org:{name.lower()}", c, name, "organization")
        else:
            first, sur = person_key(c.name)
            if c.single:
                keys = surname_of.get(_strip_particle(c.name.split()[-1]))
                if not keys and c.name.lower() in first_of:
                    keys = [first_of[c.name.lower()]]
                if keys:
                    # several people share the surname: the one named most so far
                    key = keys[-1] if len(keys) == 1 else max(
                        keys, key=lambda k: (ents[k].mentions if k in ents else 0, k == _latest(keys, mentions)))
                    add(key, c, ents[key].name if key in ents else c.name, "person")
                    return
                if c.org_label:  # the recognizer's one-word organisation ("Roche"), no person's surname
                    add(f"org:{norm_org(c.surface).lower()}", c, norm_org(c.surface), "organization")
                    return
                if c.surname_only or (not c.speaking and c.evidence < 0.5 and not c.role):
                    return
                if c.role or c.speaking:
                    c.evidence = max(c.evidence, 0.6)
                add(f"person::{_strip_particle(c.name)}", c, c.name, "person")
            else:
                key = f"person:{first}:{sur}"
                longer = [k for k, n in full_names.items() if k != key and n.endswith(" " + c.name)]
                add(longer[0] if len(longer) == 1 else key, c, c.name, "person")

    ordered = sorted(cands, key=lambda c: (c.sent, c.start))
    alias_of = _declared_aliases(ordered, texts)
    key_of: dict[int, str] = {}   # id(candidate) -> entity key it joined
    declared: dict[str, str] = {}  # declared acronym/nickname -> entity key
    for c in ordered:
        n_before = len(mentions)
        target = alias_of.get(id(c))
        key = key_of.get(id(target)) if target is not None else None
        key = key or declared.get(c.name)
        if key and key in ents:
            declared[c.name] = key
            add(key, c, ents[key].name, ents[key].kind)
        else:
            _place(c)
        if len(mentions) > n_before:
            key_of[id(c)] = mentions[-1].key
    # "the regime" -> the last regime named before it
    _the_regime(texts, ents, mentions, regimes)
    mentions.sort(key=lambda m: (m.sent, m.start))
    for e in ents.values():
        if e.kind == "person":
            full = [n for n in e.names if len(n.split()) > 1]
            if full:
                e.name = sorted(full, key=lambda n: (-e.names[n], len(n), n))[0]
    return DocActors(ents, mentions)


_NICK_RE = re.compile(r"^\s*,?\s*(?:\w+ly\s+)?(?:known as|nicknamed|dubbed|also called|better known as)\s+$", re.I)


def _declared_aliases(ordered: list[_Cand], texts: list[str]) -> dict[int, _Cand]:
    """Aliases an article declares: "World Food Programme (WFP)", "Dagalo, known as Hemeti".

    Maps id(candidate) -> the candidate just before it that it renames.  Only
    adjacent candidates in one sentence count, so this is one linear pass.
    """
    out: dict[int, _Cand] = {}
    for prev, c in zip(ordered, ordered[1:]):
        if prev.sent != c.sent or c.start < prev.end:
            continue
        gap = texts[c.sent][prev.end:c.start]
        after = texts[c.sent][c.end:c.end + 2].lstrip()
        if gap.strip() == "(" and after.startswith(")") and prev.kind != "person" and c.kind == "organization":
            out[id(c)] = prev
        elif _NICK_RE.match(gap) and prev.kind == "person" and len(c.words) == 1:
            out[id(c)] = prev
    return out


def _latest(keys: list[str], mentions: list[Mention]) -> str:
    for m in reversed(mentions):
        if m.key in keys:
            return m.key
    return keys[0]


_THE_REGIME = re.compile(r"\bthe regime\b", re.I)


def _the_regime(texts, ents, mentions, regimes):
    if not regimes:
        return
    first_sent = min(m.sent for m in mentions if m.key in regimes)
    for s, t in enumerate(texts):
        if s < first_sent:
            continue
        for m in _THE_REGIME.finditer(t):
            key = _latest(regimes, [x for x in mentions if x.sent <= s])
            e = ents[key]
            e.mentions += 1
            e.sentences.add(s)
            mentions.append(Mention(s, m.start(), m.end(), m.group(0), key, "group"))
