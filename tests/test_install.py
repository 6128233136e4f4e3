"""Installing Briefing as a user would: every runtime import declared, a wheel
that works outside the checkout, and `briefing new` giving a project that builds."""
from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable


def _declared() -> set[str]:
    """Distributions the dependencies name, with what their requested extras bring
    (``pagefind[bin]`` declares ``pagefind-bin``)."""
    from importlib.metadata import PackageNotFoundError, requires

    from packaging.requirements import Requirement

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = set()
    for dep in map(Requirement, project["dependencies"]):
        names.add(dep.name)
        try:
            extra_reqs = [Requirement(r) for r in requires(dep.name) or []] if dep.extras else []
        except PackageNotFoundError:
            extra_reqs = []
        names.update(r.name for r in extra_reqs
                     if r.marker and any(r.marker.evaluate({"extra": e}) for e in dep.extras))
    return {re.sub(r"[-_.]+", "-", n).lower() for n in names}


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_every_runtime_import_is_declared():
    """`pip install .` must bring whatever generator/ imports (scikit-learn included)."""
    modules = set().union(*(_imports(p) for p in (REPO / "generator").rglob("*.py")))
    third_party = sorted(m for m in modules if m not in sys.stdlib_module_names and m != "generator")
    dists = packages_distributions()
    declared = _declared()
    missing = {}
    for module in third_party:
        names = {re.sub(r"[-_.]+", "-", d).lower() for d in dists.get(module, [])}
        assert names, f"generator/ imports {module!r}, which no installed distribution provides"
        if not names & declared:
            missing[module] = sorted(names)
    assert not missing, f"imported by generator/ but not in pyproject's dependencies: {missing}"


def test_the_scaffold_workflow_is_a_valid_workflow():
    proc = subprocess.run([str(Path(PY).parent / "check-jsonschema"), "--builtin-schema",
                           "vendor.github-workflows", str(REPO / "generator/scaffold/workflows/pages.yml")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    audit = subprocess.run([str(Path(PY).parent / "zizmor"), "--offline", "--no-config", "--strict-collection",
                            str(REPO / "generator/scaffold/workflows/pages.yml")],
                           capture_output=True, text=True, timeout=120)
    assert audit.returncode == 0 and "No findings" in audit.stdout + audit.stderr, audit.stdout + audit.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The wheel of this checkout installed into a folder of its own (dependencies
    from the test environment), so nothing of the checkout is on the path."""
    tmp = tmp_path_factory.mktemp("install")
    source = tmp / "source"  # a copy: setuptools writes build/ and *.egg-info beside the sources
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
    for rel in ("pyproject.toml", "README.md", "LICENSE", "mkdocs.yml"):
        source.mkdir(exist_ok=True)
        shutil.copy(REPO / rel, source / rel)
    for rel in ("generator", "templates", "docs/assets"):
        shutil.copytree(REPO / rel, source / rel, ignore=skip)
    build = subprocess.run([PY, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(tmp / "wheel"), str(source)], capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr
    (wheel,) = (tmp / "wheel").glob("briefing-*.whl")
    target = tmp / "site-packages"
    inst = subprocess.run([PY, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                          capture_output=True, text=True, timeout=600)
    assert inst.returncode == 0, inst.stderr
    return target


def _briefing(target: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(target))
    return subprocess.run([PY, "-m", "generator.cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


def test_a_new_project_from_the_installed_wheel_builds(installed, tmp_path):
    where = subprocess.run([PY, "-c", "import generator; print(generator.__file__)"], cwd=tmp_path,
                           env=dict(os.environ, PYTHONPATH=str(installed)), capture_output=True, text=True)
    assert where.stdout.startswith(str(installed)), where.stdout  # the wheel, not the checkout
    res = _briefing(installed, tmp_path, "new", "mybriefing")
    assert res.returncode == 0, res.stderr
    project = tmp_path / "mybriefing"
    for rel in ("briefing.yml", "mkdocs.yml", "seeds/example.md", "docs/about.md", "docs/assets/briefing.css",
                "templates/mkdocs/partials/actions.html", ".github/workflows/pages.yml", ".gitignore",
                "requirements.txt"):
        assert (project / rel).is_file(), rel
    res = _briefing(installed, project, "build", "--extract", "--strict")
    assert res.returncode == 0, res.stderr
    index = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "My briefing" in index  # briefing.yml's title
    assert (project / "mkdocs.yml").read_bytes() == (REPO / "mkdocs.yml").read_bytes()  # the same site setup
    assert (project / "site" / "actors").is_dir()


def test_every_package_of_the_checkout_is_in_the_wheel(installed):
    """A package missing from pyproject's list is missing from the wheel; the tests
    would not see it otherwise, since the editable install of the checkout supplies it."""
    def packages(top: Path) -> set[str]:
        return {p.parent.relative_to(top).as_posix() for p in (top / "generator").rglob("__init__.py")}

    assert packages(REPO) - packages(installed) == set()


def test_new_never_overwrites(installed, tmp_path):
    project = tmp_path / "p"
    (project / "seeds").mkdir(parents=True)
    (project / "briefing.yml").write_text("title: Mine\n")
    res = _briefing(installed, tmp_path, "new", "p")
    assert res.returncode == 1
    assert "already has briefing.yml" in res.stderr and "nothing was written" in res.stderr
    assert (project / "briefing.yml").read_text() == "title: Mine\n"
    assert sorted(p.name for p in project.iterdir()) == ["briefing.yml", "seeds"]


def test_render_creates_a_missing_docs_folder(tmp_path):
    """A project made by hand (seeds/ and mkdocs.yml only) has no docs/ yet: render makes it."""
    sys.path.insert(0, str(REPO / "tests"))
    from briefing_project import FIXTURE
    from generator import render as R, store
    from generator.config import Config

    shutil.copytree(FIXTURE, tmp_path / "data")
    cfg = Config(root=tmp_path)
    assert R.render(store.load(cfg), cfg) > 0
    assert (tmp_path / "docs" / "index.md").is_file()
