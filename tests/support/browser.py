"""Serve a built output folder locally and drive Debian's Chromium through Playwright.

Used by the fixtures in ``tests/conftest.py``; importable directly where a test needs the
pieces (e.g. ``record_requests``). No browser is ever downloaded: Playwright only drives
``/usr/bin/chromium``.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static file handler that does not log every request to stderr."""

    def log_message(self, format: str, *args: object) -> None:
        pass


class LocalServer(http.server.ThreadingHTTPServer):
    """Threaded server on 127.0.0.1; ``daemon_threads`` so a hung request never blocks exit."""

    daemon_threads = True
    allow_reuse_address = True


@contextlib.contextmanager
def serve_folder(folder: Path, port: int = 0) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port unless given); yield the base URL.

    The handler resolves ``folder`` by name on every request, so a folder replaced by a
    rename (``scripts/build.py`` swaps output.new -> output) is served at once.
    """
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = LocalServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, name=f"serve {folder}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def chromium_available() -> bool:
    """True when Debian's Chromium is installed where Playwright is told to find it."""
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


def running_in_ci() -> bool:
    """True when the CI variable is set to anything but an explicit "no" (CI=true on hosts)."""
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def require_chromium() -> None:
    """Skip (CI unset) or fail (CI set) the calling test when Chromium is missing."""
    if chromium_available():
        return
    reason = (f"Chromium fehlt ({CHROMIUM}); installieren mit "
              "`apt-get install chromium chromium-driver` (oder .ci/run)")
    if running_in_ci():
        pytest.fail(f"CI ist gesetzt, aber {reason}", pytrace=False)
    pytest.skip(reason)


def launch_chromium(playwright: Playwright) -> Browser:
    """Start headless Chromium from the system package with the project's flags."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                      headless=True)


def record_requests(page: Page) -> list[str]:
    """Collect the URL of every request the page makes from now on (documents, subresources,
    fetches, workers); the list fills while the page runs."""
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def foreign_requests(urls: list[str], base_url: str) -> list[str]:
    """The requests that go anywhere but the local server (data: and blob: are local)."""
    local = urlsplit(base_url).netloc
    foreign = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in {"data", "blob", "about"}:
            continue
        if parts.netloc != local:
            foreign.append(url)
    return foreign
