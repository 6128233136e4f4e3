"""One root for every error Briefing reports.

The CLI catches :class:`BriefingError` and prints it in one line (a traceback
only with ``--debug``), the way MkDocs does.  A :class:`Problem` is one located
message (``file:line:column: message``); checks collect *all* problems before
failing, so an editor fixes everything in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

import click


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


class BriefingError(click.ClickException):
    """Base class of every error the CLI reports without a traceback.

    A :class:`click.ClickException`, as MkDocs' own error root is: a command
    that lets one escape still ends with ``Error: <message>`` and exit 1."""


class ConfigError(BriefingError):
    """The configuration or command line is wrong."""


class IngestError(BriefingError):
    """An article could not be read."""


class ExtractError(BriefingError):
    """The extractor failed on one article: a defect, reported with the article that shows it."""


class DataError(BriefingError):
    """``data/*.yaml`` does not validate; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0, p.message))
        n = len(self.problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{n} problem{'s' if n != 1 else ''} in the data:\n{lines}")

    def __reduce__(self):
        """Rebuilt from its problems (a worker process's error reaches the parent whole)."""
        return (DataError, (self.problems,))


class TemplateError(BriefingError):
    """A Jinja template failed; the message names template file and line."""


class BuildError(BriefingError):
    """The static site builder (mkdocs/zensical) failed."""


class LockError(BriefingError):
    """Another build holds the project lock."""


def os_error_hint(exc: OSError) -> str:
    """What to do about *exc*, by its errno: "free disk space" only when space ran out."""
    import errno

    hints = {
        errno.ENOSPC: "free disk space", errno.EDQUOT: "free disk space or raise your quota",
        errno.EFBIG: "a file grew over the size limit: free space or raise the limit",
        errno.EACCES: "fix the permissions", errno.EPERM: "fix the permissions",
        errno.EROFS: "the file system is read-only: build on a writable one",
        errno.EBUSY: "the path is in use (a mount point, or open in another program): "
                     "choose another folder in briefing.yml or close the program",
        errno.EISDIR: "a folder stands where a file is expected: rename or remove it",
        errno.ENOTDIR: "a file stands where a folder is expected: rename or remove it",
        errno.ENOENT: "a file or folder vanished while Briefing ran: check nothing else edits the project",
        errno.ENAMETOOLONG: "a name is too long for the file system: shorten it",
        errno.ELOOP: "a symlink loop: remove the link",
    }
    return hints.get(exc.errno, "free disk space or fix permissions")
