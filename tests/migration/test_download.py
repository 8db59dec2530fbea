"""--download: media fetched from a loopback server with a size limit; 404 and too large listed."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from bs4 import BeautifulSoup

from tests.migration.support import FIXTURES, read_post, run_import, snapshot

IMAGE = (FIXTURES / "uploads/2012/01/bild-eins.jpg").read_bytes()
LARGE = b"\xff" * 200_000  # above the test's limit of --max-mb 0.1 (104,857 bytes)


class Uploads(BaseHTTPRequestHandler):
    """Serves one image, two files too large for the limit, and 404 for everything else."""

    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Uploads.requests.append(self.path)
        body = {"/wp-content/uploads/2011/06/da.jpg": IMAGE,
                "/wp-content/uploads/2011/06/angekuendigt.jpg": LARGE,
                "/wp-content/uploads/2011/06/riesig.jpg": LARGE}.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        if not self.path.endswith("riesig.jpg"):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)  # the large file comes without Content-Length: cut while reading

    def log_message(self, *args: object) -> None:
        """Keep the test output quiet."""


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Uploads)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Uploads.requests = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def export_for(server: str, tmp_path: Path) -> Path:
    path = tmp_path / "download.xml"
    path.write_text((FIXTURES / "download.xml").read_text(encoding="utf-8")
                    .replace("SERVER", server), encoding="utf-8")
    return path


def test_download_fetches_what_it_can_and_lists_the_rest(server: str, tmp_path: Path) -> None:
    root = tmp_path / "site"
    result = run_import(root, export_for(server, tmp_path), "--download", "--max-mb", "0.1",
                        "--timeout", "5")
    assert result.returncode == 0, result.stderr
    assert (root / "content/images/blog/2011/06/da.jpg").read_bytes() == IMAGE
    assert not (root / "content/images/blog/2011/06/riesig.jpg").exists()
    lines = result.stdout.splitlines()
    assert (f"  - Datei {server}/wp-content/uploads/2011/06/weg.jpg: "
            f"{server}/wp-content/uploads/2011/06/weg.jpg: HTTP-Fehler 404") in lines
    assert (f"  - Datei /wp-content/uploads/2011/06/riesig.jpg: {server}/wp-content/uploads/"
            "2011/06/riesig.jpg: zu groß (mehr als 104857 Bytes)") in lines
    assert (f"  - Datei {server}/wp-content/uploads/2011/06/angekuendigt.jpg: {server}/wp-content/"
            "uploads/2011/06/angekuendigt.jpg: zu groß (200000 Bytes, höchstens 104857)") in lines
    html, _ = read_post(root / "content/blog/2011-06-bilder-vom-camp.md")
    soup = BeautifulSoup(html, "html.parser")
    assert [img["src"] for img in soup.select("img")] == ["/images/blog/2011/06/da.jpg"]
    assert [a.get_text() for a in soup.select("a")] == ["Bild: Verlorenes Bild",
                                                        "Bild: Zu großes Bild",
                                                        "Bild: Angekündigt zu groß"]


def test_second_download_run_fetches_nothing_already_there(server: str, tmp_path: Path) -> None:
    root = tmp_path / "site"
    export = export_for(server, tmp_path)
    run_import(root, export, "--download", "--max-mb", "0.1")
    before, fetched = snapshot(root), list(Uploads.requests)
    result = run_import(root, export, "--download", "--max-mb", "0.1")
    assert snapshot(root) == before
    assert "/wp-content/uploads/2011/06/da.jpg" not in Uploads.requests[len(fetched):]
    assert "Dateien: 0 neu, 0 aktualisiert, 2 unverändert, 0 bearbeitet, 0 fremd" in \
        result.stdout.splitlines()


def test_unreachable_server_is_reported_not_fatal(tmp_path: Path) -> None:
    root = tmp_path / "site"
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    result = run_import(root, export_for("http://127.0.0.1:9", tmp_path), "--download",
                        "--timeout", "2")
    assert result.returncode == 0, result.stderr
    assert "nicht erreichbar" in result.stdout
    assert not (root / "content/images").exists()
