"""`briefing serve` through a real server: one save gives one rebuild, open pages
reload, reading a file is not an edit, and a broken edit keeps the last good site."""
from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from briefing_project import make_project
from generator.serve import RELOAD_PATH

BRIEFING = str(Path(sys.executable).parent / "briefing")


class Server:
    """`briefing serve --port 0` in a subprocess, its stderr collected line by line."""

    def __init__(self, root: Path):
        self.proc = subprocess.Popen([BRIEFING, "--root", str(root), "serve", "--port", "0"],
                                     stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        line = self.wait_for(r"Serving .* on http://127\.0\.0\.1:(\d+)/", 240)
        port = re.search(r":(\d+)/", line).group(1)
        self.base = f"http://127.0.0.1:{port}"

    def _read(self) -> None:
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float, start: int = 0) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for line in self.lines[start:]:
                if re.search(pattern, line):
                    return line
            assert self.proc.poll() is None, "serve exited:\n" + "\n".join(self.lines)
            time.sleep(0.1)
        raise AssertionError(f"no {pattern!r} within {timeout} s:\n" + "\n".join(self.lines))

    def count(self, prefix: str) -> int:
        return sum(1 for line in self.lines if line.startswith(prefix))

    def get(self, path: str, timeout: float = 30) -> str:
        with urllib.request.urlopen(self.base + path, timeout=timeout) as resp:
            return resp.read().decode("utf-8")

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()


@pytest.fixture
def served(tmp_path):
    cfg = make_project(tmp_path / "proj")
    server = Server(cfg.root)
    yield cfg.root, server
    server.stop()


def test_serve_settles_reloads_and_keeps_the_last_good_site(served):
    root, server = served
    assert server.count("Rebuilt") == 1
    page = server.get("/index.html")
    assert RELOAD_PATH in page  # the live-reload script, added by the server only...
    assert RELOAD_PATH not in (root / "site" / "index.html").read_text(encoding="utf-8")  # ...never in site/
    assert "Kofi Annan" in server.get("/actors/kofi-annan.html")

    # reading every watched file and touching one (same bytes) is not an edit
    for path in list((root / "data").glob("*.yaml")) + list((root / "templates").rglob("*.html")):
        path.read_bytes()
    (root / "data" / "actors.yaml").touch()
    time.sleep(2.5)
    assert server.count("Changed:") == 0 and server.count("Rebuilt") == 1, server.lines

    # an open page waits for the next build, then reloads
    result: list[str] = []
    poll = threading.Thread(target=lambda: result.append(server.get(f"{RELOAD_PATH}?since=1", 120)))
    poll.start()
    actors = root / "data" / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace("name: Kofi Annan", "name: Kofi A. Annan"),
                      encoding="utf-8")
    poll.join(150)
    assert result == ["2"], server.lines
    assert "Kofi A. Annan" in server.get("/actors/kofi-annan.html")

    # and then it settles: one save, one rebuild, nothing after it
    time.sleep(3)
    assert server.count("Changed:") == 1 and server.count("Rebuilt") == 2, server.lines

    # a broken edit: the problem is located, the last good site stays served
    before = len(server.lines)
    actors.write_text(actors.read_text(encoding="utf-8").replace("  name: Kofi A. Annan", "  nam: Kofi"),
                      encoding="utf-8")
    server.wait_for(r"data/actors\.yaml:\d+:\d+: unknown field 'nam'", 120, before)
    server.wait_for(r"still serving the last good site", 10, before)
    assert "Kofi A. Annan" in server.get("/actors/kofi-annan.html")
    time.sleep(2)
    assert server.count("Changed:") == 2, server.lines  # the failed build did not loop either
    assert server.stop() == 0  # SIGTERM stops it cleanly, as Ctrl+C does


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (run `make browser`)")
def test_an_open_page_reloads_itself_after_a_build(tmp_path):
    """The script the server adds, in a real browser: a new build reloads the page, once."""
    sync_api = pytest.importorskip("playwright.sync_api")
    from generator.serve import Builds, serve_site

    (tmp_path / "index.html").write_text("<html><body><p id=v>first</p></body></html>")
    builds = Builds()
    builds.done()  # the first build
    server = serve_site(tmp_path, 0, builds, poll_timeout=5)
    url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            loads: list[str] = []
            page.on("load", lambda: loads.append(page.url))
            page.goto(url)
            assert page.text_content("#v") == "first"
            page.wait_for_timeout(1500)  # long-polling, no build: no reload
            assert len(loads) == 1
            (tmp_path / "index.html").write_text("<html><body><p id=v>second</p></body></html>")
            builds.done()
            page.wait_for_function("document.getElementById('v').textContent === 'second'", timeout=20000)
            page.wait_for_timeout(1500)
            assert len(loads) == 2  # reloaded once, then waits again
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
