"""The GitHub Actions workflows are valid, least-privileged and lint-clean.

A workflow is only exercised on GitHub, so a typo or an over-broad permission
would otherwise be found after the push that breaks publishing.  These tests
run the same checks offline: the workflow JSON schema that ships inside
check-jsonschema, zizmor's offline audits, and the few structural rules the
Pages deployment depends on.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = REPO / ".github" / "workflows"
BIN = Path(sys.executable).parent
PAGES = WORKFLOWS / "pages.yml"
MAIN = "github.ref == 'refs/heads/main'"

WORKFLOW_FILES = sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


def _tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{path} missing: run `make install` (it is in the [test] extra)")
    return str(path)


def _load(path: Path) -> dict:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean True.
    if True in doc:
        doc["on"] = doc.pop(True)
    return doc


def _schema_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True, text=True, timeout=120,
    )


def _zizmor(target: Path) -> tuple[int, list[dict], str]:
    """Run zizmor offline on *target*; return (exit code, findings, stderr).

    ``--no-config`` so a stray zizmor.yml cannot silence an audit, and
    ``--strict-collection`` so an unparsable workflow fails instead of being
    skipped with a warning.
    """
    proc = subprocess.run(
        [_tool("zizmor"), "--offline", "--no-config", "--strict-collection",
         "--format", "json", str(target)],
        capture_output=True, text=True, timeout=120,
    )
    findings = json.loads(proc.stdout) if proc.stdout.strip() else []
    return proc.returncode, findings, proc.stderr


def _describe(findings: list[dict]) -> str:
    lines = []
    for f in findings:
        loc = f["locations"][0]
        point = loc["concrete"]["location"]["start_point"]
        key = loc["symbolic"]["key"]
        path = key.get("Local", {}).get("verbatim_path", key) if isinstance(key, dict) else key
        lines.append(f"{path}:{point['row'] + 1}: {f['ident']} ({f['determinations']['severity']}): {f['desc']}")
    return "\n".join(lines)


def test_there_is_a_pages_workflow():
    assert PAGES in WORKFLOW_FILES, f"expected {PAGES.relative_to(REPO)}"


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_workflow_matches_the_github_schema(path):
    proc = _schema_check(path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_schema_check_rejects_a_broken_workflow(tmp_path):
    """The schema check can fail: a job without runs-on or steps is rejected."""
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  build:\n    step:\n      - run: make\n", encoding="utf-8")
    proc = _schema_check(bad)
    assert proc.returncode != 0, proc.stdout


def test_zizmor_finds_nothing():
    code, findings, stderr = _zizmor(WORKFLOWS)
    assert findings == [], _describe(findings)
    assert code == 0, stderr


def test_zizmor_catches_an_unsafe_workflow(tmp_path):
    """zizmor really audits: unpinned action, leaked credentials, injection."""
    wf = tmp_path / ".github" / "workflows"
    wf.mkdir(parents=True)
    (wf / "unsafe.yml").write_text(
        "on: push\n"
        "jobs:\n"
        "  a:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: echo \"${{ github.event.head_commit.message }}\"\n",
        encoding="utf-8",
    )
    code, findings, _ = _zizmor(wf)
    idents = {f["ident"] for f in findings}
    assert code != 0
    assert {"unpinned-uses", "artipacked", "template-injection"} <= idents, idents


# ---- structure the Pages deployment depends on ---------------------------------


@pytest.fixture(scope="module")
def pages():
    return _load(PAGES)


def test_triggers(pages):
    on = pages["on"]
    assert on["push"]["branches"] == ["main"]
    assert "pull_request" in on and "workflow_dispatch" in on


def test_no_default_permissions(pages):
    assert pages["permissions"] == {}


def test_build_job_only_reads(pages):
    assert pages["jobs"]["test-build"]["permissions"] == {"contents": "read"}


def test_deploy_job_permissions_and_environment(pages):
    deploy = pages["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert "steps.deployment.outputs.page_url" in deploy["environment"]["url"]
    assert deploy["needs"] == "test-build"


def test_deploy_only_from_main_never_from_a_pull_request(pages):
    cond = pages["jobs"]["deploy"]["if"]
    assert MAIN in cond and "github.event_name != 'pull_request'" in cond
    upload = [s for s in pages["jobs"]["test-build"]["steps"]
              if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert len(upload) == 1
    assert MAIN in upload[0]["if"] and "pull_request" in upload[0]["if"]
    assert upload[0]["with"]["path"] == "site"


def test_deployments_are_serialised_never_cancelled(pages):
    conc = pages["jobs"]["deploy"]["concurrency"]
    assert conc == {"group": "pages", "cancel-in-progress": False}
    assert "group" in pages["concurrency"]


def test_build_runs_the_readme_commands_and_a_strict_reproducible_build(pages):
    runs = "\n".join(s.get("run", "") for s in pages["jobs"]["test-build"]["steps"])
    for command in ("make install", "make browser", "make test", ".venv/bin/briefing build --strict",
                    "tests/htmlcheck.py site --mkdocs mkdocs.yml"):
        assert command in runs, command
    assert "SOURCE_DATE_EPOCH" in runs and "git log -1 --format=%ct" in runs


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    """``uses: owner/repo@<40 hex> # vX.Y.Z``: the SHA can't move, the comment says what it is."""
    pinned = re.compile(r"uses:\s*[\w.-]+/[\w./-]+@[0-9a-f]{40}\s+#\s*v\d+(\.\d+)*\s*$")
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip().startswith(("uses:", "- uses:"))]
    assert lines, "no actions used?"
    for line in lines:
        line = line.removeprefix("- ")
        assert pinned.match(line), f"{path.name}: not pinned with a version comment: {line}"


def test_checkout_does_not_keep_the_token(pages):
    for job in pages["jobs"].values():
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
