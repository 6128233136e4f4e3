"""What one ``read_articles`` call accumulates: the articles (one per text),
the manifests read, and each id settled so that none moves between runs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..models import Article
from .articles import MAX_ID, _build_article
from .files import _Reading
from .formats import _Draft
from .meta import Field, _Entry, _load_manifest


@dataclass
class _State(_Reading):
    """What one ``read_articles`` call accumulates."""

    articles: list[Article] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)
    manifests: dict[Path, dict[str, _Entry]] = field(default_factory=dict)
    manifest_used: set[tuple[Path, str]] = field(default_factory=set)
    wanted: list[tuple[Article, str, _Draft, str]] = field(default_factory=list)
    """(article, the id it asks for, its draft, where it is) in reading order."""

    def admit(self, draft: _Draft) -> None:
        """Turn a draft into an Article unless it is empty or a duplicate."""
        article = _build_article(draft, self)
        if article is None:
            return
        where = draft.file if draft.line is None else f"{draft.file}:{draft.line}"
        if article.hash in self.hashes:
            self.warn(draft.file, draft.line,
                      f"same text as {self.hashes[article.hash]}: skipped; remove one of them")
            return
        self.hashes[article.hash] = where
        self.wanted.append((article, article.id, draft, where))
        self.articles.append(article)

    def settle_ids(self, owners: dict[str, tuple[str, str]]) -> None:
        """Make ids unique without moving any: of the articles wanting one id,
        the one that held it at the last extraction (same path or same text
        in *owners*) keeps it, else the first in reading order; each other one
        gets the id plus a short hash of its own file (and JSONL line), a
        problem naming both.

        Why not ``-2``, ``-3`` in reading order: a new file sorted before the
        others would renumber them, and an editor's edit of ``x-2`` would
        silently move to another article."""
        groups: dict[str, list[tuple[Article, str, _Draft, str]]] = {}
        for item in self.wanted:
            groups.setdefault(item[1], []).append(item)
        taken = set(groups)
        for wanted, items in groups.items():
            if len(items) == 1:
                continue
            owner = _owner(items, *owners.get(wanted, ("", "")))
            for article, _, draft, where in items:
                if article is owner[0]:
                    continue
                article.id = self._suffixed(wanted, where, taken)
                self.error(draft.file, draft.line,
                           f"duplicate id '{wanted}' (also {owner[3]}): renamed to "
                           f"'{article.id}'; give each article its own id")
        self.wanted = []

    @staticmethod
    def _suffixed(wanted: str, where: str, taken: set[str]) -> str:
        """*wanted* plus a hash of *where* (file, JSONL line): the same every run."""
        digest = hashlib.sha1(where.encode("utf-8", "surrogatepass")).hexdigest()
        for n in range(6, 41):
            suffix = f"-{digest[:n]}"
            candidate = wanted[: MAX_ID - len(suffix)].rstrip("-") + suffix
            if candidate not in taken:
                taken.add(candidate)
                return candidate
        raise AssertionError("a SHA-1 prefix collided 35 times")  # pragma: no cover

    def manifest_meta(self, file: Path) -> dict[str, Field]:
        """Manifest entries for *file*: its folder's manifest, and ancestors' by relative path."""
        merged: dict[str, Field] = {}
        folders = [f for f in [file.parent, *file.parent.parents] if f == self.root or self.root in f.parents]
        for folder in reversed(folders):
            entries = self._manifest(folder)
            key = file.relative_to(folder).as_posix()
            if key in entries:
                self.manifest_used.add((folder, key))
                merged.update(entries[key].meta)
        return merged

    def _manifest(self, folder: Path) -> dict[str, _Entry]:
        """Each folder's manifest is parsed once, however many files it describes."""
        if folder not in self.manifests:
            self.manifests[folder] = _load_manifest(folder, self)
        return self.manifests[folder]

    def report_unused_manifest_entries(self) -> None:
        """A manifest entry that matches no article file is most likely a typo in its name."""
        for folder, entries in sorted(self.manifests.items()):
            for name, entry in sorted(entries.items()):
                if (folder, name) not in self.manifest_used and not (folder / name).is_file():
                    self.warn(entry.file, entry.line,
                              f"no file '{name}' beside the manifest: fix the name or remove the entry")


def _owner(items: list, path: str, digest: str):
    """The item (article, ...) that held an id at the last extraction: the one
    from that file (of a JSONL file's lines, the one with that text), else the
    one with that text wherever it moved, else the first read."""
    same_path = [i for i in items if path and i[0].path == path]
    if len(same_path) == 1:
        return same_path[0]
    same_text = [i for i in (same_path or items) if digest and i[0].hash == digest]
    return same_text[0] if same_text else items[0]
