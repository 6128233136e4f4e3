"""The modules' imports point one way: no module reaches back up the pipeline.

Every import is read from the source (function-level ones too: an import
inside a function is still a dependency), resolved to a module of the
``generator`` package, and the graph is checked for cycles (a cycle means
two modules each need the other, so neither can be read, tested or moved
alone) and against the rooms of generator/architecture.py, bottom to top: an
import into a higher room fails, and so does a module that no room holds.
"""

from __future__ import annotations

import ast
from pathlib import Path

from briefing_project import REPO
from generator import architecture

PACKAGE = REPO / "generator"


def _module(path: Path) -> str:
    rel = path.relative_to(REPO).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The generator modules *path* imports (a package's ``__init__`` counts as the package)."""
    here = _module(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            stem = ".".join(base + ([node.module] if node.module else []))
            names = [f"{stem}.{a.name}" for a in node.names] + [stem]
        else:
            continue
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != _module(path):
                found.add(name)
    return found


def _graph() -> dict[str, set[str]]:
    files = sorted(PACKAGE.rglob("*.py"))
    modules = {_module(f) for f in files}
    graph = {_module(f): _imports(f, modules) for f in files}
    for mod in graph:  # a package imported for one of its modules is not a dependency on all of them
        graph[mod] = {d for d in graph[mod] if not mod.startswith(d + ".")}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle():
    assert _cycles(_graph()) == []


def test_the_command_line_is_the_top_and_only_its_documentation_imports_it():
    graph = _graph()
    assert [m for m, deps in graph.items() if "generator.cli" in deps] == ["generator.docgen"]
    assert "generator.pipeline" in graph["generator.cli"]


def test_serve_sits_above_the_pipeline_and_the_site_builder():
    graph = _graph()
    assert "generator.pipeline" in graph["generator.serve"]  # it rebuilds through the pipeline's build
    for below in [m for m in graph if m == "generator.pipeline" or m.startswith("generator.site")]:
        assert "generator.serve" not in graph[below], below


def test_the_plugin_half_of_the_site_never_imports_the_builder_half():
    """mkdocs loads the plugin in its own process: it needs nothing of the builder."""
    graph = _graph()
    plugin_half = {"generator.site.plugin", "generator.site.nav", "generator.site.links",
                   "generator.site.incremental", "generator.site.spill"}
    builder_half = {"generator.site.builder", "generator.site.folder", "generator.site.stamp",
                    "generator.site.manifest", "generator.site.digests"}
    for mod in plugin_half:
        assert not graph[mod] & builder_half, mod


def test_the_checker_sees_an_import_that_points_back_up(tmp_path):
    graph = _graph()
    graph["generator.models"] = graph["generator.models"] | {"generator.render"}
    assert _cycles(graph), "a model importing the renderer must close a cycle"


# -- the rooms, bottom to top (generator/architecture.py) ----------------------


def test_every_module_lives_in_a_room():
    """A new module is placed on purpose: add it to a room of generator/architecture.py."""
    assert architecture.homeless(_graph()) == []


def test_no_import_points_up_to_a_higher_room():
    assert architecture.upward_imports(_graph()) == []


def test_the_rooms_are_named_once_and_hold_each_entry_once():
    names = [r.name for r in architecture.ROOMS]
    entries = [e for r in architecture.ROOMS for e in r.holds]
    assert len(set(names)) == len(names) and len(set(entries)) == len(entries)


def test_the_room_checker_sees_an_upward_import_and_a_homeless_module():
    """The checker on a small made-up house, so a broken checker cannot pass the real one."""
    rooms = (architecture.Room("floor", "", ("__init__", "models", "low")),
             architecture.Room("middle", "", ("mid",)),
             architecture.Room("top", "", ("top", "mid.claimed")))
    graph = {"generator": set(), "generator.models": set(), "generator.low.deep": {"generator.models"},
             "generator.mid": {"generator.low.deep"}, "generator.mid.claimed": {"generator.mid"},
             "generator.top": {"generator.mid.claimed", "generator"}}
    assert architecture.upward_imports(graph, rooms) == []
    assert architecture.homeless(graph, rooms) == []
    assert architecture.room_of("generator.mid.claimed", rooms) == 2  # the longest entry wins
    graph["generator.models"] = {"generator.mid"}  # the floor reaches up
    graph["generator.stray"] = set()
    assert architecture.upward_imports(graph, rooms) == [
        "generator.models (floor) imports generator.mid (middle)"]
    assert architecture.homeless(graph, rooms) == ["generator.stray"]
    assert architecture.room_of("generator.lowly", rooms) is None  # a prefix of a name is not a package


def test_the_real_house_fails_when_a_model_imports_the_renderer():
    graph = _graph()
    graph["generator.models"] = graph["generator.models"] | {"generator.render"}
    assert architecture.upward_imports(graph) == ["generator.models (base) imports generator.render (render)"]
