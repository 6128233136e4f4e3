"""Named word lists kept as data (``timex_words.yaml``, ``event_triggers.yaml``, the
``places`` section of ``event_cues.yaml``): one reader, so a missing list or a bad
entry is the same located error, naming the file, the list and what to write,
whichever file an editor changed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

import yaml

ONE_WORD = (re.compile(r"[A-Za-z][A-Za-z'-]*"),
            "is not one word (letters, ' or -); quote a word YAML reads otherwise, such as \"on\" (a boolean)")
"""A single word; YAML reads an unquoted on/off/yes/no as a boolean, hence the hint."""
LOWER_PHRASE = (re.compile(r"[a-z]+(?: [a-z]+)*"), "is not lower-case words separated by spaces")
"""Lower-case words or phrases, matched as written."""


def read_word_lists(path: Path, names: tuple[str, ...], entry: tuple[re.Pattern, str] = ONE_WORD,
                    section: Optional[str] = None) -> dict[str, tuple[str, ...]]:
    """Each of *names* as a tuple in file order, read from *path* (under *section*
    when the lists share a file with other data); every entry must match *entry*'s
    pattern whole, else a ``ValueError`` says which file, list and entry, and why."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    where = f"{path}: {section}: " if section else f"{path}: "
    if section:
        raw = raw.get(section) if isinstance(raw, dict) else None
        if not isinstance(raw, dict):
            raise ValueError(f"{path}: needs a {section!r} mapping of {', '.join(names)} to word lists")
    elif not isinstance(raw, dict):
        raise ValueError(f"{path}: needs a mapping of list names ({', '.join(names)}) to word lists")
    pattern, why = entry
    out = {}
    for name in names:
        words = raw.get(name)
        if not isinstance(words, list) or not words:
            raise ValueError(f"{where}missing list {name!r}: a YAML list of words")
        bad = [w for w in words if not isinstance(w, str) or not pattern.fullmatch(w)]
        if bad:
            raise ValueError(f"{where}list {name!r}: {bad[0]!r} {why}")
        out[name] = tuple(words)
    return out
