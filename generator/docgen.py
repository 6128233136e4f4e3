"""Reference pages generated from the code, so the user guide cannot drift from it.

The guide's MkDocs hook (``guide/hooks.py``) replaces a marker in a page with
one of these: the ``briefing.yml`` options from the typed :class:`Config`
(name, type, default and the docstring under each field), and the data files
with their JSON Schemas from the pydantic records of :mod:`generator.models`.
"""

from __future__ import annotations

import ast
import inspect
import json
import textwrap
from dataclasses import MISSING, fields
from pathlib import Path
from typing import Any

from .config import CONFIG_FILE, Config
from .fs import write_all
from .models import RECORD_TYPES


def option_docs() -> dict[str, str]:
    """The docstring written under each field of :class:`Config`, by field name.

    Python keeps no attribute docstrings at run time, so they are read from the
    class's source, as Sphinx's autodoc does.
    """
    tree = ast.parse(textwrap.dedent(inspect.getsource(Config)))
    body = tree.body[0].body  # type: ignore[attr-defined]
    docs: dict[str, str] = {}
    for node, after in zip(body, body[1:]):
        if (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)):
            docs[node.target.id] = inspect.cleandoc(after.value.value)
    return docs


def _default(f: Any) -> Any:
    if f.default is not MISSING:
        return f.default
    if f.default_factory is not MISSING:  # type: ignore[misc]
        return f.default_factory()  # type: ignore[misc]
    return None


def _yaml_value(value: Any) -> str:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value) if value == "" else value
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_value(v) for v in value) + "]"
    if value is None:
        return "null"
    return str(value)


def _type_name(f: Any) -> str:
    name = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))
    return {"Path": "path", "str": "string", "int": "integer", "bool": "true/false",
            "float": "number", "list[str]": "list of strings"}.get(name, name)


def config_reference() -> str:
    """Markdown: one section per ``briefing.yml`` option, in the order of :class:`Config`."""
    docs = option_docs()
    out = []
    for f in fields(Config):
        if f.name == "root":
            continue
        out.append(f"### `{f.name}`\n")
        out.append(f"*{_type_name(f)}*, default `{_yaml_value(_default(f))}`\n")
        out.append((docs.get(f.name) or "(no description)").replace("``", "`") + "\n")
    return "\n".join(out)


def config_example() -> str:
    """A ``briefing.yml`` that sets every option to its default."""
    lines = [f"# {CONFIG_FILE}: every option with its default (all optional)"]
    for f in fields(Config):
        if f.name != "root":
            lines.append(f"{f.name}: {_yaml_value(_default(f))}")
    return "\n".join(lines) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def cli_reference() -> str:
    """Markdown: per ``briefing`` command its help, usage and options.

    Built from Click's own help records, so it reads exactly as ``--help`` does.
    """
    import click

    from .cli import main

    out = []
    root = click.Context(main, info_name="briefing")
    commands = [(main, root, "briefing")] + [
        (cmd, click.Context(cmd, info_name=name, parent=root), f"briefing {name}")
        for name, cmd in sorted(main.commands.items())
    ]
    for cmd, ctx, title in commands:
        out.append(f"## `{title}`\n")
        help_text = inspect.cleandoc(cmd.help or "")
        out.append("```text\n" + cmd.get_usage(ctx).strip() + "\n\n" + help_text.replace("\b\n", "") + "\n```\n")
        common = set() if cmd is main else {"--help", "--quiet", "--verbose"}  # said once, under `briefing`
        rows = [p.get_help_record(ctx) for p in cmd.get_params(ctx)
                if isinstance(p, click.Option) and not common & set(p.opts)]
        rows = [r for r in rows if r]
        if rows:
            out.append("| option | what it does |\n|---|---|")
            out.extend(f"| `{_md_cell(opt)}` | {_md_cell(text)} |" for opt, text in rows)
            out.append("")
    return "\n".join(out)


def cli_summary() -> str:
    """Markdown table: each ``briefing`` command and the first line of its help."""
    from .cli import main

    rows = ["| command | what it does |", "|---|---|"]
    for name, cmd in sorted(main.commands.items()):
        first = inspect.cleandoc(cmd.help or "").split("\n\n")[0].replace("\n", " ")
        rows.append(f"| `briefing {name}` | {_md_cell(first)} |")
    return "\n".join(rows) + "\n"


def schema_id(name: str) -> str:
    """File name of the JSON Schema of ``data/<name>.yaml``."""
    return f"{name}.schema.json"


def data_schema(name: str) -> dict[str, Any]:
    """JSON Schema of ``data/<name>.yaml``: a list of records of its pydantic model."""
    model = RECORD_TYPES[name]
    item = model.model_json_schema(mode="validation")
    defs = item.pop("$defs", {})
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id(name),
        "title": f"data/{name}.yaml",
        "description": f"A list of {model.__name__} records. " + (inspect.getdoc(model) or ""),
        "type": "array",
        "items": {"$ref": f"#/$defs/{model.__name__}"},
        "$defs": {**defs, model.__name__: item},
    }
    return schema


def schema_text(name: str) -> str:
    """The schema as it is published: sorted keys, two-space indent, final newline."""
    return json.dumps(data_schema(name), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def data_reference() -> str:
    """Markdown: per data file its record type, fields, types and defaults."""
    out = []
    for name, model in RECORD_TYPES.items():
        out.append(f"### `data/{name}.yaml`\n")
        out.append((inspect.getdoc(model) or "") + "\n")
        out.append(f"JSON Schema: [`{schema_id(name)}`](schemas/{schema_id(name)})\n")
        out.append("| field | type | required | default |\n|---|---|---|---|")
        schema = model.model_json_schema(mode="validation")
        required = set(schema.get("required", []))
        for key, prop in schema["properties"].items():
            default = "" if key in required else f"`{json.dumps(prop.get('default'))}`"
            out.append(f"| `{key}` | {_schema_type(prop)} | {'yes' if key in required else ''} | {default} |")
        out.append("")
    return "\n".join(out)


def _schema_type(prop: dict[str, Any]) -> str:
    if "anyOf" in prop:
        return " or ".join(_schema_type(p) for p in prop["anyOf"])
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1]
    if "enum" in prop:
        return " \\| ".join(f"`{v}`" for v in prop["enum"])
    if prop.get("type") == "array":
        return "list of " + _schema_type(prop.get("items", {}))
    kind = prop.get("type", "any")
    if "pattern" in prop:
        return f"{kind} (`{prop['pattern']}`)"
    return str(kind)



CONFIG_SCHEMA = "briefing.schema.json"
"""File name of the JSON Schema of ``briefing.yml``."""

_JSON_TYPES = {"Path": {"type": "string"}, "str": {"type": "string"}, "int": {"type": "integer"},
               "bool": {"type": "boolean"}, "float": {"type": "number"},
               "list[str]": {"type": "array", "items": {"type": "string"}}}


def config_schema() -> dict[str, Any]:
    """JSON Schema of ``briefing.yml``, from the typed :class:`Config` and its docstrings."""
    docs = option_docs()
    props: dict[str, Any] = {}
    for f in fields(Config):
        if f.name == "root":
            continue
        kind = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))
        prop = dict(_JSON_TYPES.get(kind, {}))
        default = _default(f)
        prop["default"] = str(default) if isinstance(default, Path) else default
        prop["description"] = docs.get(f.name, "")
        props[f.name] = prop
    props["builder"]["enum"] = ["mkdocs", "zensical"]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": CONFIG_SCHEMA,
            "title": CONFIG_FILE, "description": "Options of a Briefing project; all optional.",
            "type": "object", "additionalProperties": False, "properties": props}


def config_schema_text() -> str:
    return json.dumps(config_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def published_schemas() -> dict[str, str]:
    """{file name: text} of every published schema: one per data file, and briefing.yml's."""
    out = {schema_id(name): schema_text(name) for name in RECORD_TYPES}
    out[CONFIG_SCHEMA] = config_schema_text()
    return out


def write_schemas(folder: Path) -> list[Path]:
    """Write the data files' schemas into *folder* (the package's copy); return the paths.

    (``briefing.yml``'s schema is published with the guide only: it follows
    every new option, so a copy in the repository would go stale.)"""
    files = {folder / schema_id(name): schema_text(name) for name in RECORD_TYPES}
    write_all(files)
    return list(files)


SCHEMA_DIR = Path(__file__).resolve().parent / "data" / "schemas"
"""Where the published schemas live in the package (shipped with it, copied into
the site's downloads and the user guide)."""


if __name__ == "__main__":  # python -m generator.docgen: refresh the published schemas
    for written in write_schemas(SCHEMA_DIR):
        print(written)


def _room_contents() -> list[list[str]]:
    """Per room of :mod:`generator.architecture` (bottom to top), what it holds
    that exists now: ``name`` for a module, ``name/`` for a package."""
    from . import architecture

    here = Path(__file__).resolve().parent
    out = []
    for room in architecture.ROOMS:
        names = []
        for entry in room.holds:
            path = here.joinpath(*entry.split("."))
            if (path / "__init__.py").is_file():
                names.append(entry + "/")
            elif path.with_suffix(".py").is_file() and entry != "__init__":
                names.append(entry)
        out.append(names)
    return out


def architecture_diagram() -> str:
    """A text picture of the rooms, top to bottom; every import points down it."""
    from . import architecture

    rooms = list(zip(architecture.ROOMS, _room_contents()))[::-1]
    width = max(len(r.name) for r, _ in rooms)
    lines = [f"{'room':<{width}}   holds (imports point down this list, never up)",
             f"{'':─<{width}}─┬─{'':─<60}"]
    for i, (room, names) in enumerate(rooms):
        lines.append(f"{room.name:<{width}} │ {', '.join(names)}")
        if i < len(rooms) - 1:
            lines.append(f"{'':<{width}} ▼")
    return "```text\n" + "\n".join(lines) + "\n```\n"


def architecture_reference() -> str:
    """Markdown table: each room (top to bottom), its job, what it holds and what it may import."""
    from . import architecture

    rooms = list(zip(architecture.ROOMS, _room_contents()))
    rows = ["| room | its job | holds | may import |", "|---|---|---|---|"]
    for i in range(len(rooms) - 1, -1, -1):
        room, names = rooms[i]
        below = ", ".join(r.name for r, _ in rooms[:i][::-1]) or "nothing of generator/"
        held = ", ".join(f"`{n}`" for n in names)
        rows.append(f"| **{room.name}** | {_md_cell(room.job)} | {held} | {below} |")
    return "\n".join(rows) + "\n"
