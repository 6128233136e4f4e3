"""The project lock names who holds it (pid and host), takes a stale one, and
never advises deleting a lock that is held."""
from __future__ import annotations

import errno
import fcntl
import os
import socket
import subprocess
import sys
import textwrap

import pytest

from generator import lock as L
from generator.errors import LockError
from generator.lock import LOCK_FILE, project_lock

# takes the lock, forks a child that keeps it (as a worker or a builder would), and exits
ORPHAN = textwrap.dedent("""\
    import os, sys, time
    from pathlib import Path
    from generator.lock import project_lock
    with project_lock(Path(sys.argv[1])):
        child = os.fork()
        if child == 0:
            os.close(1), os.close(2)  # let the caller see the parent's output end
            time.sleep(30)
            os._exit(0)
        print(child, os.getpid(), flush=True)
        os._exit(0)  # the parent dies holding the lock; the child still has it
""")


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_lock_file_nobody_holds_is_taken(tmp_path):
    (tmp_path / LOCK_FILE).write_text(f"pid {_dead_pid()} host {socket.gethostname()}\n")
    with project_lock(tmp_path):
        assert (tmp_path / LOCK_FILE).read_text() == f"pid {os.getpid()} host {socket.gethostname()}\n"


def test_a_lock_kept_by_a_child_of_a_dead_build_names_the_child(tmp_path):
    proc = subprocess.run([sys.executable, "-c", ORPHAN, str(tmp_path)], capture_output=True, text=True,
                          timeout=60)
    child, parent = map(int, proc.stdout.split())
    try:
        with pytest.raises(LockError) as exc:
            with project_lock(tmp_path):
                pass
        msg = str(exc.value)
        assert f"still held by pid {child}" in msg and f"briefing pid {parent}" in msg
        assert "which has exited" in msg and "remove" not in msg and "delete" not in msg
    finally:
        os.kill(child, 9)


def test_another_hosts_build_is_named(tmp_path, monkeypatch):
    msg = L._held_message(tmp_path / LOCK_FILE, "pid 4242 host build-server-2\n")
    assert msg.startswith("another briefing build is running on host build-server-2 (pid 4242)")
    assert "remove" not in msg


def _no_flock(monkeypatch):
    def refuse(fd, op):
        raise OSError(errno.ENOLCK, "No locks available")
    monkeypatch.setattr(fcntl, "flock", refuse)


def test_without_flock_a_stale_lock_file_is_taken_over(tmp_path, monkeypatch):
    _no_flock(monkeypatch)
    pidfile = tmp_path / (LOCK_FILE + ".pid")
    pidfile.write_text(f"pid {_dead_pid()} host {socket.gethostname()}\n")
    with project_lock(tmp_path):
        assert pidfile.read_text().startswith(f"pid {os.getpid()} ")
    assert not pidfile.exists()  # released


def test_without_flock_a_live_or_remote_holder_is_reported(tmp_path, monkeypatch):
    _no_flock(monkeypatch)
    pidfile = tmp_path / (LOCK_FILE + ".pid")
    pidfile.write_text(f"pid {os.getppid()} host {socket.gethostname()}\n")
    with pytest.raises(LockError, match=rf"running \(pid {os.getppid()}\); wait for it to finish"):
        with project_lock(tmp_path):
            pass
    pidfile.write_text("pid 1 host elsewhere\n")
    with pytest.raises(LockError, match="running on host elsewhere"):
        with project_lock(tmp_path):
            pass
    assert pidfile.read_text() == "pid 1 host elsewhere\n"  # never taken from a live or remote holder
