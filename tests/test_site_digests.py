"""The build's file digests: re-read a file only when its stat says it may have changed.

`briefing build` hashes docs/ (and data/, templates) to decide whether the site
is current and which pages mkdocs must rebuild.  generator.site.digests.Digests keeps
each file's SHA-256 with the stat it had, so an unchanged file is not read
again -- but never trusts a stat that could hide an edit: an in-place rewrite
with the old size and mtime put back is seen (the ctime moved), and a file
hashed within _RACY_NS of its last change is always read again.  Real files on
the real file system; no timing assertions.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from generator.site import digests, stamp
from generator.config import load_config


def _tree(root: Path) -> Path:
    docs = root / "docs"
    (docs / "actors").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "actors" / "kofi-annan.md").write_text("# Kofi Annan\n\nUN envoy.\n", encoding="utf-8")
    (docs / "actors" / "zz.md").write_text("# Z\n", encoding="utf-8")
    return docs


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_digests_are_the_sha256_of_every_file_in_sorted_order(tmp_path):
    docs = _tree(tmp_path)
    got = digests.Digests(tmp_path).tree(docs, "docs")
    assert list(got) == ["index.md", "actors/kofi-annan.md", "actors/zz.md"]  # os.walk order, sorted
    assert got == {rel: _sha(docs / rel) for rel in got}


def test_an_unchanged_file_is_not_read_again_but_an_in_place_rewrite_is_seen(tmp_path, monkeypatch):
    monkeypatch.setattr(digests, "_RACY_NS", 0)  # trust any stat that matches (the rule under test)
    docs = _tree(tmp_path)
    page = docs / "actors" / "kofi-annan.md"
    d = digests.Digests(tmp_path)
    first = d.tree(docs, "docs")
    d.save()

    again = digests.Digests(tmp_path)
    assert again.tree(docs, "docs") == first and not again.changed  # nothing read: all stats equal

    time.sleep(0.05)  # past the file system's timestamp tick
    st = page.stat()
    with open(page, "r+b") as fh:  # same size, same inode: only the ctime tells
        fh.write(b"# Kofi ANNAN")
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))  # the old mtime put back
    assert page.stat().st_size == st.st_size and page.stat().st_mtime_ns == st.st_mtime_ns
    third = digests.Digests(tmp_path)
    got = third.tree(docs, "docs")
    assert got["actors/kofi-annan.md"] == _sha(page) != first["actors/kofi-annan.md"]
    assert got["index.md"] == first["index.md"]


def test_a_file_hashed_right_after_it_changed_is_read_again(tmp_path):
    docs = _tree(tmp_path)  # just written: within _RACY_NS of its ctime
    d = digests.Digests(tmp_path)
    d.tree(docs, "docs")
    d.save()
    again = digests.Digests(tmp_path)
    again.tree(docs, "docs")
    assert again.changed  # re-read, though every stat is equal


def test_a_removed_file_is_forgotten_and_an_unscanned_tree_is_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(digests, "_RACY_NS", 0)
    docs = _tree(tmp_path)
    data = tmp_path / "data"
    data.mkdir()
    (data / "timeline.yaml").write_text("[]\n", encoding="utf-8")
    d = digests.Digests(tmp_path)
    d.tree(docs, "docs")
    d.tree(data, "data")
    d.save()

    (docs / "actors" / "zz.md").unlink()
    d = digests.Digests(tmp_path)
    assert "actors/zz.md" not in d.tree(docs, "docs")  # only docs/ scanned this time
    d.save()
    kept = digests.Digests(tmp_path).entries
    assert ("docs", "actors/zz.md") not in kept
    assert ("data", "timeline.yaml") in kept and ("docs", "index.md") in kept


def test_a_damaged_digest_file_means_everything_is_read(tmp_path):
    docs = _tree(tmp_path)
    d = digests.Digests(tmp_path)
    d.tree(docs, "docs")
    d.save()
    d.path.write_bytes(b"\x80\x04not a pickle")
    fresh = digests.Digests(tmp_path)
    assert fresh.entries == {}
    assert fresh.tree(docs, "docs") == {rel: _sha(docs / rel) for rel in ("index.md", "actors/kofi-annan.md",
                                                                          "actors/zz.md")}


@pytest.mark.parametrize("where", ["data", "docs", "templates"])
def test_the_stamp_sees_a_same_size_edit_with_the_mtime_put_back(tmp_path, monkeypatch, where):
    """The build stamp (site_is_current) on a minimal project: any input edited
    in place, however its mtime is restored, makes the site not current."""
    monkeypatch.setattr(digests, "_RACY_NS", 0)
    root = tmp_path / "proj"
    (root / "site").mkdir(parents=True)
    (root / "site" / "index.html").write_text("<html></html>\n", encoding="utf-8")
    for sub, name, text in (("data", "timeline.yaml", "- id: a\n"), ("docs", "index.md", "# Home\n"),
                            ("templates", "index.md.j2", "{{ v }}\n")):
        (root / sub).mkdir()
        (root / sub / name).write_text(text, encoding="utf-8")
    cfg = load_config(root)
    stamp.write_stamp(cfg)
    assert stamp.site_is_current(cfg)

    target = next((root / where).iterdir())
    st = target.stat()
    time.sleep(0.05)
    data = target.read_bytes()
    target.write_bytes(data[:-2] + b"X\n")
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert not stamp.site_is_current(cfg)
    target.write_bytes(data)
    assert stamp.site_is_current(cfg)
