"""``make serve``: serves the built site, previews and rebuilds on change, keeps the last good site.

Prints how long a saved content change takes to show up (issue 8's target: 2 s); no timing
assertion, the figure is for the note.
"""

from __future__ import annotations

import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.support.site import REPO, make_root

POST = """Title: Probe für make serve
Slug: serve-probe
Date: 2026-11-01 10:00
Category: Labor
Tags: Test
Author: Redaktion Verwaltungsrebellen-Labor
Summary: Ein Beitrag, den der Test ändert.

Stand: {marker}
"""
WAIT = 120  # seconds; generous for a loaded CI machine, never a pass/fail criterion


class ServeProcess:
    """``scripts/serve.py`` in a subprocess, with its output collected line by line."""

    def __init__(self, root: Path, output: Path) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, str(REPO / "scripts" / "serve.py"), "--port", "0",
             "--root", str(root), "--output", str(output)],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={"SITE_TODAY": "2026-11-24", "PATH": "/usr/bin:/bin", "LAB_ROOT": str(root)})
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for_line(self, text: str) -> str:
        """The next output line containing ``text``; fails with all output after WAIT s."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            self.seen.append(line)
            if text in line:
                return line
        pytest.fail(f"serve.py meldete nie {text!r}:\n" + "\n".join(self.seen), pytrace=False)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def fetch(url: str) -> tuple[int, str]:
    """Status and body of a GET, also for error statuses."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.fixture(params=["kleine-website", "inhalte-des-repositorys"])
def serve(request, tmp_path):
    """serve.py on a free port for a fixture site with one probe post: once a minimal site,
    once a copy of the repository's own content (the case issue 8's 2-second target is for)."""
    root = make_root(tmp_path)
    if request.param == "inhalte-des-repositorys":
        for folder in ("content", "data"):
            shutil.copytree(REPO / folder, root / folder, dirs_exist_ok=True)
    (root / "content" / "blog" / "serve-probe.md").write_text(POST.format(marker="eins"),
                                                                encoding="utf-8")
    server = ServeProcess(root, tmp_path / "output")
    line = server.wait_for_line("Die Website läuft auf ")
    base_url = line.split(" auf ")[1].split()[0].rstrip("/")
    server.wait_for_line("Warte auf Änderungen")
    yield root, base_url, server
    server.stop()


@pytest.mark.slow
def test_serve_rebuilds_on_change_and_keeps_last_good_site(request, serve):
    root, base_url, server = serve
    post_url = f"{base_url}/blog/2026/serve-probe/"
    status, body = fetch(post_url)
    assert status == 200 and "Stand: eins" in body

    (root / "content" / "blog" / "serve-probe.md").write_text(POST.format(marker="zwei"),
                                                                encoding="utf-8")
    saved = time.perf_counter()
    deadline = time.monotonic() + WAIT
    while "Stand: zwei" not in fetch(post_url)[1]:
        if time.monotonic() > deadline:
            pytest.fail("Änderung nie sichtbar:\n" + "\n".join(server.seen), pytrace=False)
        time.sleep(0.02)
    print(f"\nmake serve ({request.node.callspec.id}): Änderung nach "
          f"{time.perf_counter() - saved:.2f} s sichtbar")
    # Shown first by the preview (rebellab.lab.preview), then by the full build.
    assert "/blog/2026/serve-probe/" in server.wait_for_line("Vorschau nach")
    server.wait_for_line("Gebaut in")

    (root / "data" / "events" / "kaputt.yaml").write_text("title: [\n", encoding="utf-8")
    server.wait_for_line("Build fehlgeschlagen")
    assert any("data/events/kaputt.yaml" in line for line in server.seen), server.seen
    status, body = fetch(post_url)
    assert status == 200 and "Stand: zwei" in body
    status, body = fetch(f"{base_url}/gibt-es-nicht/")
    assert status == 404
    assert body == (root.parent / "output" / "404.html").read_text(encoding="utf-8")
