"""How long ``make serve`` needs to show a one-file change, for ``make bench``.

Starts ``scripts/serve.py`` on a free port for a lab (the benchmark's largest, or a copy of
the repository's own content), waits until it has built and watches for changes, appends a
marked sentence to one blog post and polls that post's page over HTTP until the sentence
is there.
"""

from __future__ import annotations

import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from scripts.bench import REPO

READY = "Warte auf Änderungen"
ADDRESS = re.compile(r"http://[\w.]+:(\d+)/")
TIMEOUT = 600.0  # the first build of the big lab included


def measure_serve(work: Path, lab: Path | None = None,
                  settings: Path | None = None) -> dict[str, Any]:
    """Seconds from saving a changed post of ``lab`` (default: the own site) to it being served."""
    root = lab if lab is not None else work / "root"
    if lab is None:
        for folder in ("content", "data"):
            shutil.copytree(REPO / folder, root / folder, dirs_exist_ok=True)
    posts = sorted((root / "content" / "blog").rglob("*.md"))
    if not posts:
        return {"skipped": "Das Repository hat keinen Blogbeitrag."}
    command = [sys.executable, str(REPO / "scripts" / "serve.py"), "--port", "0",
               "--root", str(root), "--output", str(work / "output")]
    if settings is not None:
        command += ["--settings", str(settings)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, cwd=REPO)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_pump, args=(process, lines), daemon=True).start()
    try:
        port = _wait_until_ready(lines)
        url = _page_of(posts[0], work / "output", port)
        marker = f"Benchmark-Markierung {time.time_ns()}"
        started = time.perf_counter()
        with posts[0].open("a", encoding="utf-8") as handle:
            handle.write(f"\n\n{marker}\n")
        seconds = _wait_for(url, marker, started)
    finally:
        # SIGTERM, which serve.py treats as Ctrl+C: a bench started in the background by a
        # shell without job control ignores SIGINT, and so would the server.
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return {"changed": posts[0].relative_to(root).as_posix(), "url": url,
            "seconds": round(seconds, 2)}


def _pump(process: subprocess.Popen[str], lines: queue.Queue[str]) -> None:
    for line in process.stdout or ():
        lines.put(line)


def _wait_until_ready(lines: queue.Queue[str]) -> int:
    """Read the server's output until it watches; return its port."""
    port = 0
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        if match := ADDRESS.search(line):
            port = int(match.group(1))
        if READY in line and port:
            return port
    raise RuntimeError("scripts/serve.py meldete sich nicht rechtzeitig.")


def _page_of(post: Path, output: Path, port: int) -> str:
    """URL of the page the post became: the one whose ``h1`` is the post's title."""
    title = next(line.split(":", 1)[1].strip() for line in
                 post.read_text(encoding="utf-8").splitlines()
                 if line.lower().startswith("title:"))
    for page in sorted(output.glob("blog/*/*/index.html")):
        heading = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").h1
        if heading is not None and heading.get_text(" ", strip=True) == title:
            return f"http://127.0.0.1:{port}/{page.parent.relative_to(output).as_posix()}/"
    raise RuntimeError(f"Keine Seite für den Beitrag '{title}' gefunden.")


def _wait_for(url: str, marker: str, started: float) -> float:
    """Poll ``url`` every 50 ms until it contains ``marker``; seconds since ``started``."""
    while time.perf_counter() - started < TIMEOUT:
        with urllib.request.urlopen(url, timeout=5) as response:
            if marker in response.read().decode("utf-8"):
                return time.perf_counter() - started
        time.sleep(0.05)
    raise RuntimeError(f"Die Änderung wurde nach {TIMEOUT:.0f} s nicht sichtbar: {url}")
