"""One root for every error Briefing reports.

The CLI catches :class:`BriefingError` and prints it in one line (a traceback
only with ``--debug``), the way MkDocs does.  A :class:`Problem` is one located
message (``file:line:column: message``); checks collect *all* problems before
failing, so an editor fixes everything in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional


@dataclass(frozen=True, order=True)
class Problem:
    """A located, actionable message about an input file."""

    file: str
    line: Optional[int]
    column: Optional[int]
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class BriefingError(Exception):
    """Base class of every error the CLI reports without a traceback."""


class ConfigError(BriefingError):
    """The configuration or command line is wrong."""


class IngestError(BriefingError):
    """An article could not be read."""


class DataError(BriefingError):
    """``data/*.yaml`` does not validate; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0, p.message))
        n = len(self.problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{n} problem{'s' if n != 1 else ''} in the data:\n{lines}")


class TemplateError(BriefingError):
    """A Jinja template failed; the message names template file and line."""


class BuildError(BriefingError):
    """The static site builder (mkdocs/zensical) failed."""


class LockError(BriefingError):
    """Another build holds the project lock."""
