"""The records of one article's actors: mentions, entities, the per-article result and the rules' candidates."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from ..nlp import Word

@dataclass
class Mention:
    """One occurrence of an actor in a sentence (offsets into sentence text)."""

    sent: int
    start: int
    end: int
    surface: str
    key: str = ""
    kind: str = "person"
    gender: Optional[str] = None


@dataclass
class Entity:
    """An actor as seen in one article (plain data, merged across articles later)."""

    key: str
    name: str
    kind: str
    roles: Counter = field(default_factory=Counter)
    affiliations: Counter = field(default_factory=Counter)
    aliases: set = field(default_factory=set)
    names: Counter = field(default_factory=Counter)
    mentions: int = 0
    sentences: set = field(default_factory=set)
    gender: Optional[str] = None
    evidence: float = 0.0


@dataclass
class DocActors:
    """Actors of one article and where each is mentioned."""

    entities: dict[str, Entity]
    mentions: list[Mention]

    def by_sentence(self) -> dict[int, list[Mention]]:
        out: dict[int, list[Mention]] = {}
        for m in self.mentions:
            out.setdefault(m.sent, []).append(m)
        return out


@dataclass
class _Cand:
    sent: int
    words: list[Word]
    start: int
    end: int
    surface: str
    kind: str
    name: str
    role: str = ""
    affiliation: Optional[str] = None
    gender: Optional[str] = None
    state: Optional[str] = None
    evidence: float = 0.5
    single: bool = False
    speaking: bool = False
    surname_only: bool = False  # kept only when it joins a person named in full
    confirm: bool = False       # kept only when another sentence names its surname
    org_label: bool = False     # the recognizer called it an organisation: one if it joins no person
