"""MkDocs hooks of the user guide: reference sections generated from the code.

A page holds a marker comment and gets the generated Markdown in its place at
build time, so the configuration and data references are never stale; the
JSON Schemas of the data files are published beside the pages (``schemas/``).
The command-line reference comes from the Click commands' own help records.
"""

from __future__ import annotations

from mkdocs.structure.files import File

from generator import docgen

MARKERS = {
    "<!-- briefing:config-reference -->": docgen.config_reference,
    "<!-- briefing:config-example -->": lambda: "```yaml\n" + docgen.config_example() + "```\n",
    "<!-- briefing:data-reference -->": docgen.data_reference,
    "<!-- briefing:cli-reference -->": docgen.cli_reference,
    "<!-- briefing:cli-summary -->": docgen.cli_summary,
    "<!-- briefing:architecture-diagram -->": docgen.architecture_diagram,
    "<!-- briefing:architecture-rooms -->": docgen.architecture_reference,
}


def on_files(files, config):
    for name, text in docgen.published_schemas().items():
        files.append(File.generated(config, f"schemas/{name}", content=text))
    return files


def on_page_markdown(markdown, page, config, files):
    for marker, make in MARKERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, make())
    return markdown
