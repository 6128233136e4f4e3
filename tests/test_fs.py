"""generator/fs.py: the one staged write of many files, as the data store uses it."""

from __future__ import annotations

import os

import pytest

from generator import fs
from generator.runtime import umask


def test_an_existing_file_keeps_its_permissions_and_a_new_one_is_readable(tmp_path):
    mine = tmp_path / "actors.yaml"
    mine.write_text("old\n", encoding="utf-8")
    os.chmod(mine, 0o600)  # an editor's choice
    assert fs.write_all({mine: "new\n", tmp_path / "timeline.yaml": "- id: e\n"}) == 2
    assert mine.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "timeline.yaml").stat().st_mode & 0o777 == 0o666 & ~umask()


def test_a_failure_leaves_no_folder_or_temporary_file_behind(tmp_path):
    def pieces():
        yield "- id: x\n"
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        fs.write_all({tmp_path / "a.yaml": "a\n", tmp_path / "new" / "deeper" / "b.yaml": pieces()})
    assert sorted(p.name for p in tmp_path.rglob("*")) == []


def test_staged_files_appear_only_on_commit(tmp_path):
    staging = fs.Staging()
    target = tmp_path / "docs" / "page.md"
    sha = staging.stage(target, [b"one ", b"two\n"], fs.new_file_mode())
    assert not target.exists() and len(sha) == 64
    assert staging.commit() == [target]
    assert target.read_bytes() == b"one two\n"
    assert [p.name for p in target.parent.iterdir()] == ["page.md"]
