"""The project lock: one build (or extract, or render) at a time per project.

Two ``briefing build`` runs in one folder would interleave writes to data/,
docs/ and site/.  ``fcntl.flock`` on ``.build.lock`` makes the second one fail
fast with a message naming the holder.  The kernel drops the lock when the
last process holding it ends, so a crash never leaves the project locked; the
file stays and records who took it last (``pid`` and ``host``), which is only
read to say who holds the lock.

Why pid *and* host: a project on a shared folder can be built from two
machines, where a pid means nothing on the other one.  Why the message never
says "remove the file": while a process holds the lock, deleting the file does
not release it, it lets a second build take a new lock on a new file and run
beside the first.  A held lock is reported with who holds it; only a lock
nobody holds is stale, and that one is simply taken.

Where ``flock`` is not supported (some network file systems), the lock is the
file itself, created exclusively; one left by a process that no longer runs
on this host is stale and taken over, one from another host is reported.

The lock is re-entrant within one process (``build --extract`` runs extract
inside build), counted per lock file.
"""

from __future__ import annotations

import errno
import fcntl
import os
import socket
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

from .errors import LockError

LOCK_FILE = ".build.lock"

_held: dict[Path, list] = {}  # lock path -> [file object or None, depth]


def _me() -> str:
    return f"pid {os.getpid()} host {socket.gethostname()}\n"


def _owner(text: str) -> tuple[Optional[int], str]:
    """(pid, host) recorded in a lock file's text (``pid N host H``; older files: ``N``)."""
    words = text.split()
    pid: Optional[int] = None
    host = ""
    if words[:1] == ["pid"] and len(words) >= 2 and words[1].isdigit():
        pid = int(words[1])
        if words[2:3] == ["host"] and len(words) >= 4:
            host = words[3]
    elif words and words[0].isdigit():
        pid = int(words[0])
    return pid, host


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, someone else's
    return True


def _openers(path: Path) -> list[int]:
    """Pids of the other processes that have *path* open (Linux ``/proc``; [] elsewhere).

    Why not ``/proc/locks``: it lists the pid that *took* the lock, which may be
    gone while a child that inherited the open file keeps the lock."""
    target, me, found = os.fspath(path), os.getpid(), []
    try:
        pids = [int(d) for d in os.listdir("/proc") if d.isdigit()]
    except OSError:
        return []
    for pid in pids:
        if pid == me:
            continue
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue  # gone, or not ours to look at
        for fd in fds:
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") == target:
                    found.append(pid)
                    break
            except OSError:
                continue
    return found


def _held_message(path: Path, text: str) -> str:
    """Who holds the lock, and what to do: wait, or stop that process; never delete the file."""
    pid, host = _owner(text)
    here = socket.gethostname()
    if host and host != here:
        return (f"another briefing build is running on host {host} (pid {pid}); wait for it to "
                f"finish (the project lock {LOCK_FILE} is held)")
    if pid is not None and not _alive(pid):
        holders = _openers(path)
        who = "pid " + ", ".join(map(str, holders)) if holders else "a process it started"
        return (f"the project lock {LOCK_FILE} is still held by {who}, started by briefing pid {pid}, "
                f"which has exited; wait for that process to finish or stop it, then re-run")
    shown = pid if pid is not None else "unknown"
    return f"another briefing build is running (pid {shown}); wait for it to finish"


@contextmanager
def project_lock(root: Path) -> Iterator[Path]:
    """Hold ``<root>/.build.lock`` for the duration of the block.

    Raises LockError at once (no waiting) when another process holds it.
    """
    path = (Path(root) / LOCK_FILE).resolve()
    if path in _held:
        _held[path][1] += 1
        try:
            yield path
        finally:
            _held[path][1] -= 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = open(path, "a+", encoding="utf-8")
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.seek(0)
        text = fh.read()
        fh.close()
        raise LockError(_held_message(path, text)) from None
    except OSError as exc:
        fh.close()
        if exc.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL):
            raise
        with _file_lock(path):
            yield path
        return
    fh.seek(0)
    fh.truncate()
    fh.write(_me())
    fh.flush()
    _held[path] = [fh, 1]
    try:
        yield path
    finally:
        del _held[path]
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
        fh.close()


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """The lock without ``flock``: *path* created exclusively, removed on release.

    A lock file naming a pid that no longer runs on this host is stale and is
    taken over; one naming another host, or a live pid, is reported.
    """
    lock = path.with_name(path.name + ".pid")
    for _attempt in range(2):
        try:
            fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            break
        except FileExistsError:
            try:
                text = lock.read_text(encoding="utf-8")
            except OSError:
                text = ""
            pid, host = _owner(text)
            if pid is None or (host or socket.gethostname()) != socket.gethostname() or _alive(pid):
                raise LockError(_held_message(lock, text)) from None
            lock.unlink(missing_ok=True)  # stale: its pid no longer runs on this host
    else:  # pragma: no cover - another process took it over between our two attempts
        raise LockError(_held_message(lock, lock.read_text(encoding="utf-8")))
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(_me())
    _held[path] = [None, 1]
    try:
        yield
    finally:
        del _held[path]
        lock.unlink(missing_ok=True)
