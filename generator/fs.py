"""The one atomic write of a single file.

Why atomic: a reader (mkdocs, a browser, the next build) and a crash both see
either the old file or the new one, never half of it.  The bytes go to a
temporary file beside the target, named ``.<name>.<8 random characters>.tmp``
(what :mod:`generator.writer` recognises as its own leftover), and
``os.replace`` puts it in place.  The multi-file writes (the page writer, the
data store) stage every file this way first, then rename them all.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, BinaryIO, Callable, Optional, Union


def write_atomic(path: Path, content: Union[bytes, Callable[[BinaryIO], Any]],
                 mode: Optional[int] = None) -> None:
    """Write *path* atomically: *content* (bytes, or a function that writes
    into the open temporary file, so a large value needs no second copy in
    memory), then a rename.  *mode* sets the file's permissions (a temporary
    file is made 0600).  On any failure the temporary file is removed and the
    old *path* is left as it was."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(content, (bytes, bytearray)):
                fh.write(content)
            else:
                content(fh)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
