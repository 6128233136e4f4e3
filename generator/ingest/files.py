"""Ingest's file layer: which files are articles, whether one may be read, and
its bytes decoded to normalised text.

Every reader reports through :class:`_Reading` (where the files are, the
limits, the problems met), so nothing here prints or raises on bad input.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..errors import Problem
from ..models import UNSAFE_CHARS

TEXT_EXTS = {".txt", ".md", ".markdown"}
HTML_EXTS = {".html", ".htm"}
JSONL_EXTS = {".jsonl"}
_ALL_EXTS = TEXT_EXTS | HTML_EXTS | JSONL_EXTS

MAX_ARTICLE_MB = 5
"""Default size limit of one article (a file, or a JSONL line), in MB."""


@dataclass
class _Reading:
    """One ``read_articles`` call as the readers see it: where, the limits, the problems met."""

    root: Path
    base: Path
    problems: list[Problem] = field(default_factory=list)
    allowed: Optional[tuple[Path, ...]] = None
    """Folders a symlinked article may resolve into; None: any."""
    max_bytes: int = MAX_ARTICLE_MB * 1_000_000

    def show(self, p: Path) -> str:
        """Path as shown in problems and ``Article.path``: stable across machines."""
        try:
            return p.relative_to(self.base).as_posix() or p.name
        except ValueError:
            return p.as_posix()

    def error(self, file: str, line: Optional[int], msg: str, col: Optional[int] = None) -> None:
        """Record an error: the article is skipped or read without the bad field."""
        self.problems.append(Problem(file, line, col, msg, "error"))

    def warn(self, file: str, line: Optional[int], msg: str, col: Optional[int] = None) -> None:
        """Record a warning: reading went on, but the editor should look."""
        self.problems.append(Problem(file, line, col, msg, "warning"))


# --------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------


def _list_files(path: Path) -> list[Path]:
    """Every non-hidden file under *path*, sorted by relative path (stable order)."""
    if path.is_file():
        return [path]
    found: list[Path] = []
    for folder, dirs, names in os.walk(path, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(folder) / n for n in names if not n.startswith("."))
    return sorted(found, key=lambda p: p.relative_to(path).as_posix())



# --------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")


def _read_text(file: Path, shown: str, state: _Reading) -> Optional[str]:
    """Bytes -> normalised text, or None (with a problem) for unreadable or binary files."""
    try:
        if not _may_read(file, shown, state):
            return None
        data = file.read_bytes()
    except OSError as exc:  # broken symlink, no permission: report, do not crash
        state.error(shown, None, f"cannot be read ({exc.strerror or exc}): fix its permissions or remove it")
        return None
    text = _decode(data, shown, state)
    if text is None:
        return None
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > 0.1 * len(sample):
        state.error(shown, None, "not a text file (binary content): remove it or convert it to UTF-8 text")
        return None
    return normalise(text)


def _may_read(file: Path, shown: str, state: _Reading) -> bool:
    """False (with a problem) for a symlink out of the allowed folders or a
    file over the size limit (a JSONL file's lines are limited one by one)."""
    if state.allowed is not None and file.is_symlink() and file.exists():  # a dangling one: "cannot be read"
        real = file.resolve()
        if not any(real == a or a in real.parents for a in state.allowed):
            state.error(shown, None, f"is a symlink to {real}, outside the project: not read (copy the "
                                     "file in, or set follow_symlinks: true in briefing.yml)")
            return False
    size = file.stat().st_size
    if size > state.max_bytes and file.suffix.lower() not in JSONL_EXTS:
        state.error(shown, None, _too_big(size, state.max_bytes))
        return False
    return True


def _too_big(size: int, limit: int) -> str:
    return (f"is {size / 1e6:.1f} MB, over the {limit / 1e6:g} MB limit for one article: not read "
            "(split it, or raise max_article_mb in briefing.yml)")


def _decode(data: bytes, shown: str, state: _Reading) -> Optional[str]:
    """UTF-8 (BOM or not), UTF-16/32 with a BOM, else Windows-1252 with a warning.

    A NUL byte means binary (or BOM-less UTF-16, which we recognise by its
    every-other-byte NULs) rather than text in a legacy encoding.
    """
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                break
    if b"\x00" in data:
        codec = _bomless_utf16(data)
        if codec:
            return data.decode(codec, errors="replace")
        state.error(shown, None, "not a text file (binary content): remove it or convert it to UTF-8 text")
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        state.warn(shown, line, "not UTF-8: read as Windows-1252 (Latin-1); save the file as UTF-8")
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def _bomless_utf16(data: bytes) -> Optional[str]:
    """``utf-16-le``/``-be`` when nearly every other byte of ASCII-ish text is NUL."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    for codec, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros.count(0) >= 0.9 * len(zeros):
            return codec
    return None


def normalise(text: str) -> str:
    """Unix line endings and NFC, so offsets and hashes do not depend on the editor used."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", clean_text(text))


def clean_text(text: str) -> str:
    """Bidi embeddings, overrides and isolates removed, other control characters
    (but tab and newline) made spaces: data/ refuses them in every field
    (:data:`generator.models.UNSAFE_CHARS`), and an article is untrusted."""
    if UNSAFE_CHARS.search(text) is None:  # the common case: one scan, no copy
        return text
    return UNSAFE_CHARS.sub(lambda m: "" if "\u202a" <= m.group() <= "\u2069" else " ", text)
