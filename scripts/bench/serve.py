"""How long ``make serve`` needs to show a one-file change, for ``make bench``.

Starts ``scripts/serve.py`` on a free port for a lab (the benchmark's largest, or a copy of
the repository's own content) and waits until it has built and watches for changes. Then,
one after the other, it adds a marked sentence to a blog post, an event and a profile and
polls that file's page over HTTP until the sentence is there (the preview of
rebellab.lab.preview), and reads serve.py's output until the full build that follows is in.
Last it marks the footer of ``base.html`` in the lab's theme (``THEME`` of its settings) and
polls the page it asked for last; the template is put back afterwards.
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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from pelican.settings import read_settings

from scripts.bench import REPO

READY = "Warte auf Änderungen"
BUILT, FAILED = "Gebaut in", "Build fehlgeschlagen"
ADDRESS = re.compile(r"http://[\w.]+:(\d+)/")
TIMEOUT = 600.0  # the first build of the big lab included


def measure_serve(work: Path, lab: Path | None = None,
                  settings: Path | None = None) -> dict[str, Any]:
    """Seconds from saving a changed post, event, profile and template to it being served.

    ``seconds`` is the slowest of them until the change is visible, ``build_seconds`` the
    slowest until the full build that follows is in.
    """
    root = lab if lab is not None else work / "root"
    if lab is None:
        for folder in ("content", "data"):
            shutil.copytree(REPO / folder, root / folder, dirs_exist_ok=True)
    changes = _changes(root, settings)
    if "post" not in changes:
        return {"skipped": "Das Repository hat keinen Blogbeitrag."}
    command = [sys.executable, str(REPO / "scripts" / "serve.py"), "--port", "0",
               "--root", str(root), "--output", str(work / "output")]
    if settings is not None:
        command += ["--settings", str(settings)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, cwd=REPO)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_pump, args=(process, lines), daemon=True).start()
    kinds: dict[str, dict[str, Any]] = {}
    template = changes.get("template", (None,))[0]
    original = template.read_bytes() if template is not None else b""
    try:
        port = _wait_until_ready(lines)
        url = ""
        for kind, (path, edit) in changes.items():
            # A template shows on the page viewed last: the one polled before.
            url = url if kind == "template" else _page_of(kind, path, work / "output", port)
            marker = f"Benchmark-Markierung {time.time_ns()}"
            started = time.perf_counter()
            edit(path, marker)
            seconds = _wait_for(url, marker, started)
            kinds[kind] = {"changed": path.relative_to(root).as_posix(), "url": url,
                           "seconds": round(seconds, 2),
                           "build_seconds": round(_wait_for_build(lines, started), 2)}
    finally:
        if template is not None:
            template.write_bytes(original)
        # SIGTERM, which serve.py treats as Ctrl+C: a bench started in the background by a
        # shell without job control ignores SIGINT, and so would the server.
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return {"kinds": kinds, "seconds": max(kind["seconds"] for kind in kinds.values()),
            "build_seconds": max(kind["build_seconds"] for kind in kinds.values())}


def _changes(root: Path, settings: Path | None
             ) -> dict[str, tuple[Path, Callable[[Path, str], None]]]:
    """Return the files to change, each with how to mark it.

    The first post, event and profile of ``root``, and the base template of the theme of
    ``settings`` unless that is the repository's own (never changed by the benchmark).
    """
    found = {"post": sorted((root / "content" / "blog").rglob("*.md")),
             "event": [path for path in sorted((root / "data" / "events").glob("*.yaml"))
                       if "\ndescription: |\n" in path.read_text(encoding="utf-8")],
             "profile": [path for path in sorted((root / "data" / "rebels").glob("*.yaml"))
                         if "\nrole: " in path.read_text(encoding="utf-8")]}
    theme = Path(read_settings(str(settings))["THEME"]) if settings is not None else None
    if theme is not None and theme.resolve() != (REPO / "theme").resolve():
        found["template"] = [theme / "templates" / "base.html"]
    edits = {"post": _append_paragraph, "event": _mark_description, "profile": _mark_role,
             "template": _mark_footer}
    return {kind: (paths[0], edits[kind]) for kind, paths in found.items() if paths}


def _append_paragraph(path: Path, marker: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n\n{marker}\n")


def _mark_description(path: Path, marker: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ndescription: |\n", f"\ndescription: |\n  {marker}\n", 1),
                    encoding="utf-8")


def _mark_footer(path: Path, marker: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  </footer>", f"  <p>{marker}</p>\n  </footer>", 1),
                    encoding="utf-8")


def _mark_role(path: Path, marker: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^(role: .*)$", lambda m: f"{m.group(1)} {marker}", text,
                           count=1), encoding="utf-8")


def _pump(process: subprocess.Popen[str], lines: queue.Queue[str]) -> None:
    for line in process.stdout or ():
        lines.put(line)


def _lines(lines: queue.Queue[str], started: float) -> Iterator[str]:
    """Yield the server's output lines as they come, until ``TIMEOUT`` s after ``started``."""
    while time.perf_counter() - started < TIMEOUT:
        try:
            yield lines.get(timeout=1)
        except queue.Empty:
            continue


def _wait_until_ready(lines: queue.Queue[str]) -> int:
    """Read the server's output until it watches; return its port."""
    port = 0
    for line in _lines(lines, time.perf_counter()):
        if match := ADDRESS.search(line):
            port = int(match.group(1))
        if READY in line and port:
            return port
    raise RuntimeError("scripts/serve.py meldete sich nicht rechtzeitig.")


def _page_of(kind: str, path: Path, output: Path, port: int) -> str:
    """URL of the page the file became: an event's or profile's by its slug, a post's by title."""
    page = (_post_page(path, output) if kind == "post"
            else next(output.glob(f"*/{path.stem}/index.html")))
    return f"http://127.0.0.1:{port}/{page.parent.relative_to(output).as_posix()}/"


def _post_page(post: Path, output: Path) -> Path:
    """Return the page whose ``h1`` is the post's title."""
    title = next(line.split(":", 1)[1].strip() for line in
                 post.read_text(encoding="utf-8").splitlines()
                 if line.lower().startswith("title:"))
    for page in sorted(output.glob("blog/*/*/index.html")):
        heading = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").h1
        if heading is not None and heading.get_text(" ", strip=True) == title:
            return page
    raise RuntimeError(f"Keine Seite für den Beitrag '{title}' gefunden.")


def _wait_for(url: str, marker: str, started: float) -> float:
    """Poll ``url`` every 50 ms until it contains ``marker``; seconds since ``started``."""
    while time.perf_counter() - started < TIMEOUT:
        with urllib.request.urlopen(url, timeout=5) as response:
            if marker in response.read().decode("utf-8"):
                return time.perf_counter() - started
        time.sleep(0.05)
    raise RuntimeError(f"Die Änderung wurde nach {TIMEOUT:.0f} s nicht sichtbar: {url}")


def _wait_for_build(lines: queue.Queue[str], started: float) -> float:
    """Read the server's output until the next build is in; seconds since ``started``."""
    for line in _lines(lines, started):
        if BUILT in line:
            return time.perf_counter() - started
        if FAILED in line:
            raise RuntimeError(f"Der Build nach der Änderung schlug fehl: {line.strip()}")
    raise RuntimeError(f"Der Build nach der Änderung kam nicht in {TIMEOUT:.0f} s.")
