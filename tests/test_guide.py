"""The user guide (guide/) builds with the tool's own stack, strictly.

`mkdocs build --strict` fails on a broken link, an anchor that does not exist or
a page missing from the nav, so a guide that goes stale against itself fails here.
"""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "guide"


def test_guide_builds_strict(tmp_path):
    out = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
         "-f", str(GUIDE / "mkdocs.yml"), "-d", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (out / "index.html").is_file()
    assert (out / "performance.html").is_file()
    # the generated references list what the code has, so they cannot go stale
    from dataclasses import fields

    from generator.cli import main
    from generator.config import Config
    from generator.models import RECORD_TYPES

    config_page = (out / "configuration.html").read_text(encoding="utf-8")
    for f in fields(Config):
        if f.name != "root":
            assert f'id="{f.name}"' in config_page, f"option {f.name} missing from the configuration page"
    cli_page = (out / "cli.html").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"briefing {name}" in cli_page, f"command {name} missing from the CLI page"
    for name in RECORD_TYPES:
        assert (out / "schemas" / f"{name}.schema.json").is_file()
    from generator.architecture import ROOMS  # the rooms tests/test_imports.py checks

    architecture_page = (out / "architecture.html").read_text(encoding="utf-8")
    for room in ROOMS:
        assert f"<strong>{room.name}</strong>" in architecture_page, f"room {room.name} missing"
    # Offline: no web fonts and nothing fetched from another host.
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in index and "fonts.gstatic" not in index


def test_readme_is_one_screen():
    """The README says what it is, the two commands and a quickstart; the rest is the guide."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode()) < 20_000
    assert "make site" in readme and "make test" in readme
    assert "guide/" in readme


def test_the_docs_speak_of_the_software_only():
    """README, changelog and guide describe Briefing and its measurements, not how it was made."""
    import re

    pages = [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted((GUIDE / "docs").rglob("*.md"))]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        found = re.findall(r"\bsessions?\b|\bissue resolved by\b", text, flags=re.I)
        assert not found, f"{page.relative_to(ROOT)}: {found}"
