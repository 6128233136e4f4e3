"""Shared fixtures: file trees from a dict, the repo root, the Syria corpus path."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpora" / "t17-syria"


def make_tree(root: Path, spec: dict) -> Path:
    """Create files under *root* from ``{"a/b.txt": "text", "c.bin": b"..."}``."""
    for rel, content in spec.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def tree(tmp_path):
    """``tree({...})`` builds files under a fresh tmp folder and returns it."""
    return lambda spec: make_tree(tmp_path, spec)


@pytest.fixture(scope="session")
def corpus_path():
    if not (CORPUS / "articles.jsonl").exists():
        pytest.skip(f"Syria corpus not available at {CORPUS}")
    return CORPUS
