"""YAML for untrusted text: the safe loader without anchors and aliases.

Why: an article's front matter, a manifest and briefing.yml are read from
files anyone may hand an editor; nine nested aliases (``&a [*b, *b, ...]``)
expand a few hundred bytes into billions of values ("billion laughs") once
the result is walked or printed.  data/*.yaml refuses them in its own event
scan (:mod:`generator.store`); this loader does the same while composing,
before anything is expanded, and the error points at the alias.
"""

from __future__ import annotations

import yaml


class NoAliasLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that raises a located ``ComposerError`` at the first anchor or alias."""

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, f"alias '*{event.anchor}' is not allowed here: write the value out in full",
                event.start_mark)
        event = self.peek_event()
        if getattr(event, "anchor", None) is not None:
            raise yaml.composer.ComposerError(
                None, None, f"anchor '&{event.anchor}' is not allowed here: write the value out in full",
                event.start_mark)
        return super().compose_node(parent, index)


def load(text: str):
    """The single YAML document of *text*, refusing anchors, aliases and Python tags."""
    return yaml.load(text, Loader=NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
