"""data/*.yaml: safe, located loading and the three-way merge that never loses an edit.

Editors own ``data/*.yaml``; extraction only *proposes* records.  So:

* :func:`check` / :func:`load` read every file with a safe YAML parser (no tags,
  no anchors/aliases -- no billion laughs), validate each record against its
  model in :mod:`generator.models` and report **every** problem as
  ``file:line:column: message`` before failing, so one pass fixes everything.
* :func:`save_extraction` merges a new extraction into the editor's files with
  a three-way merge keyed by record id.  The *base* is the previous extraction,
  committed next to the data in ``data/.extracted/<name>.yaml``; comparing the
  editor's file with it is how we know what the editor changed (a field, a
  deletion, an addition) without asking them to mark anything.

One module per job, each importing only those above it in this list:

``yamlio``    the two YAML dialects (ruamel round-trip; libyaml fast read/write)
``validate``  a parsed file (:class:`~.validate.DataFile`), record validation, messages
``reader``    reading one file: fast when valid, located when not
``parsed``    the parsed cache (unchanged files and records are not parsed again)
``loader``    the whole folder: references between files, ``check``, ``load``
``merge``     the three-way merge of one extraction into the editor's records
``base``      the merge base in ``data/.extracted/``
``save``      ``preflight`` and ``save_extraction``: merge file by file, write all at once
"""

from .base import BASE_DIR
from .loader import check, load, source_owners
from .save import preflight, save_extraction

__all__ = ["BASE_DIR", "check", "load", "preflight", "save_extraction", "source_owners"]
