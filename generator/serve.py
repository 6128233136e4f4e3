"""``briefing serve``: a live preview that rebuilds on a save and reloads the page.

Three rules keep it calm:

* **Writes only.** A watched file counts when it was created, written, moved
  or deleted *and its bytes changed* (SHA-256 against the last known digest).
  Opening or reading a file (watchdog's ``opened`` / ``closed_no_write``), a
  ``touch``, our own render output in docs/ and the merge writing data/ after
  an extraction are not edits, so one save gives one rebuild and then quiet.
* **Debounced.** An editor's save is often several events (write a temporary
  file, rename it over); the rebuild starts once nothing has changed for
  :data:`DEBOUNCE` seconds.
* **Last good site.** A failed rebuild prints the located problem and leaves
  site/ as it was (the build swaps a complete new folder in, or nothing).

Open pages reload themselves after each successful rebuild, as under
``mkdocs serve``: the server (never the built site/) adds a small inline
script to each HTML page it serves, which long-polls :data:`RELOAD_PATH`.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import os
import sys
import threading
import time
from pathlib import Path
from typing import Callable, Optional
from urllib.parse import parse_qs, urlparse

from . import pipeline, progress
from .config import Config
from .errors import BriefingError

DEBOUNCE = 0.3
"""Seconds without a change before a rebuild starts."""

RELOAD_PATH = "/__briefing__/livereload"
"""Long-poll endpoint: answers the build number once it is above ``?since=``."""

_WRITES = frozenset({"created", "modified", "moved", "deleted", "closed"})
"""watchdog event types that can change a file (``closed`` = closed after writing)."""

_RELOAD_SCRIPT = """<script>/* briefing serve: reload after a rebuild */
(function(){var v=%d;function poll(){fetch("%s?since="+v,{cache:"no-store"})
.then(function(r){return r.text()}).then(function(t){if(+t>v){location.reload()}else{poll()}})
.catch(function(){setTimeout(poll,1000)})}poll()})();</script>"""


class Builds:
    """The number of successful builds, which long-polling pages wait on."""

    def __init__(self) -> None:
        self.number = 0
        self._cond = threading.Condition()

    def done(self) -> None:
        with self._cond:
            self.number += 1
            self._cond.notify_all()

    def wait_above(self, since: int, timeout: float) -> int:
        with self._cond:
            self._cond.wait_for(lambda: self.number > since, timeout=timeout)
            return self.number


def serve_site(folder: Path, port: int, builds: Builds, poll_timeout: float = 25.0
               ) -> http.server.ThreadingHTTPServer:
    """Serve *folder* on 127.0.0.1:*port* (0 = any free port), HTML pages with
    the reload script; the folder is looked up by name on every request, so a
    swapped-in new site is served at once."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib name
            pass

        def do_GET(self) -> None:
            url = urlparse(self.path)
            if url.path == RELOAD_PATH:
                return self._reload(url.query)
            local = Path(self.translate_path(self.path))
            if local.is_dir():
                if not url.path.endswith("/"):
                    return super().do_GET()  # the stdlib redirects to the folder's address
                local = local / "index.html"
            if local.suffix == ".html" and local.is_file():
                return self._html(local)
            return super().do_GET()

        def _reload(self, query: str) -> None:
            try:
                since = int(parse_qs(query).get("since", ["0"])[0])
            except ValueError:
                since = 0
            body = str(builds.wait_above(since, poll_timeout)).encode()
            self._send(body, "text/plain; charset=utf-8")

        def _html(self, path: Path) -> None:
            try:
                text = path.read_bytes()
            except OSError:
                return super().do_GET()
            script = (_RELOAD_SCRIPT % (builds.number, RELOAD_PATH)).encode()
            at = text.rfind(b"</body>")
            body = text[:at] + script + text[at:] if at >= 0 else text + script
            self._send(body, "text/html; charset=utf-8")

        def _send(self, body: bytes, kind: str) -> None:
            try:
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the page went away (it reloaded, or the tab closed) while waiting

    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True  # a waiting long-poll never holds up Ctrl+C

        def handle_error(self, request, client_address) -> None:
            if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
                super().handle_error(request, client_address)  # a real bug still shows

    server = Server(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _digest(path: Path) -> Optional[str]:
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest() if hasattr(hashlib, "file_digest") \
                else hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        return None  # gone (or unreadable): a deletion is a change too


class Watch:
    """Which watched files really changed since they were last seen."""

    def __init__(self, cfg: Config):
        self.folders = {name: cfg.path(name) for name in ("articles", "data", "templates", "docs")}
        self.docs = cfg.path("docs")
        self.known: dict[Path, Optional[str]] = {}
        self.pending: set[Path] = set()
        self.last_event = 0.0
        self.lock = threading.Lock()

    def remember(self, name: str) -> None:
        """Record the bytes of every file under folder *name* as seen (after we wrote them)."""
        folder = self.folders[name]
        for path in (folder.rglob("*") if folder.is_dir() else [folder]):
            if path.is_file() and self.relevant(path):
                self.known[path] = _digest(path)

    def relevant(self, path: Path) -> bool:
        """Inside a watched folder, not hidden there, not a temporary file, not our render output."""
        for name, folder in self.folders.items():
            if path == folder or folder in path.parents:
                rel = path.relative_to(folder).parts if path != folder else (path.name,)
                if any(part.startswith(".") for part in rel) or path.suffix in (".tmp", ".swp") \
                        or path.name.endswith("~"):
                    return False
                if name != "docs":
                    return True
                if not path.exists():  # deleted: an edit only if it was a hand-written page
                    return path in self.known
                return not _is_generated_file(path, self.docs)
        return False

    def event(self, event) -> None:
        """watchdog callback: note a possibly changed file."""
        if event.is_directory or event.event_type not in _WRITES:
            return
        paths = [Path(event.src_path)]
        if getattr(event, "dest_path", ""):
            paths.append(Path(event.dest_path))
        with self.lock:
            for path in paths:
                if self.relevant(path):
                    self.pending.add(path)
                    self.last_event = time.monotonic()

    def settled_changes(self) -> dict[str, list[Path]]:
        """{folder name: changed files}, once events have settled; {} otherwise."""
        with self.lock:
            if not self.pending or time.monotonic() - self.last_event < DEBOUNCE:
                return {}
            paths, self.pending = self.pending, set()
        changed: dict[str, list[Path]] = {}
        for path in sorted(paths):
            digest = _digest(path)
            if self.known.get(path, "unseen") == digest:
                continue  # same bytes as last seen: a touch, or our own write
            self.known[path] = digest
            for name, folder in self.folders.items():
                if path == folder or folder in path.parents:
                    changed.setdefault(name, []).append(path)
                    break
        return changed


def _is_generated_file(path: Path, docs: Path) -> bool:
    from .render import is_generated

    if path.suffix == ".md":
        return path.exists() and is_generated(path)
    return "downloads" in path.relative_to(docs).parts or "moved" in path.relative_to(docs).parts[:1]


def serve(cfg: Config, port: int = 8000, say: Optional[Callable[[str], None]] = None,
          stop: Optional[threading.Event] = None) -> None:
    """Build, serve site/ on 127.0.0.1:*port*, rebuild on each real change until Ctrl+C (or *stop*)."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    say = say or progress.say
    builds = Builds()
    watch = Watch(cfg)
    if rebuild(cfg, articles_changed=False, say=say):
        builds.done()
    elif not cfg.path("site").exists():
        say("No site yet: fix the error above; watching for changes.")
    watch.remember("data")
    watch.remember("docs")  # the hand-written pages: deleting one is an edit, a stale generated one is not

    class Handler(FileSystemEventHandler):
        def dispatch(self, event) -> None:
            watch.event(event)

    observer = Observer()
    for folder in watch.folders.values():
        if folder.is_dir():
            observer.schedule(Handler(), os.fspath(folder), recursive=True)
        elif folder.is_file():  # --articles one.jsonl
            observer.schedule(Handler(), os.fspath(folder.parent), recursive=False)
    observer.start()
    server = serve_site(cfg.path("site"), port, builds)
    restore = _stop_on_sigterm()
    say(f"Serving {cfg.site}/ on http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C to stop)")
    try:
        while not (stop and stop.is_set()):
            time.sleep(0.1)
            changed = watch.settled_changes()
            if not changed:
                continue
            say("Changed: " + ", ".join(os.path.relpath(p, cfg.root) for ps in changed.values() for p in ps))
            ok = rebuild(cfg, articles_changed="articles" in changed, say=say)
            watch.remember("data")  # what extract wrote there is not an edit
            watch.remember("docs")
            if ok:
                builds.done()
    except KeyboardInterrupt:
        pass
    finally:
        restore()
        observer.stop()
        observer.join()
        server.shutdown()
        server.server_close()


def rebuild(cfg: Config, articles_changed: bool, say: Callable[[str], None]) -> bool:
    """``briefing build`` (extracting first if articles changed); errors shown, not raised."""
    try:
        pipeline.build(cfg, extract_first=articles_changed)
    except BriefingError as exc:
        say(f"Error: {exc}\n(still serving the last good site)")
        return False
    say(f"Rebuilt {cfg.site}/ at {time.strftime('%H:%M:%S')}.")
    return True


def serve_dir(folder: Path, port: int) -> http.server.ThreadingHTTPServer:
    """A plain http.server on 127.0.0.1:*port* serving *folder* (port 0 = any free port)."""

    class _Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib name
            pass

    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _stop_on_sigterm() -> Callable[[], None]:
    """SIGTERM (a service manager, ``kill``) stops the preview as Ctrl+C does; returns the undo."""
    import signal

    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def stop(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    return lambda: signal.signal(signal.SIGTERM, previous)
