"""``make fetch-feeds`` against a local server: what is printed, what is written.

The server runs on 127.0.0.1 inside the test (FEEDS_ALLOW_PRIVATE=1 lets the fetcher reach
it); time-outs are shortened through the environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from rebellab.lab.load import load_lab
from tests.support.site import REPO, make_root

GOOD = (Path(__file__).parent / "fixtures" / "producers" / "google.ics").read_bytes()
HUGE = 20 * 1024 * 1024
SLOW_SECONDS = 3.0


class Feeds(BaseHTTPRequestHandler):
    """A good feed (ETag), a 404, a slow one, an HTML page, 20 MB, a redirect loop and chain."""

    def do_GET(self) -> None:
        name = self.path.strip('/').removesuffix('.ics').replace('-', '_')
        route = getattr(self, f"route_{name}", None)
        if name.startswith("kette_"):  # a chain of redirects that never ends in a loop
            self.answer(302, b"", "text/plain", Location=f"/kette-{int(name[6:]) + 1}.ics")
        elif route is None:
            self.answer(404, b"nicht gefunden", "text/plain")
        else:
            route()

    def answer(self, status: int, body: bytes, kind: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def route_gut(self) -> None:
        if self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.end_headers()
            return
        self.answer(200, GOOD, "text/calendar; charset=utf-8", ETag='"v1"')

    def route_langsam(self) -> None:
        time.sleep(SLOW_SECONDS)
        self.answer(200, GOOD, "text/calendar")

    def route_fehlerseite(self) -> None:
        self.answer(200, b"<!DOCTYPE html><html lang=en><title>Error</title><p>Sign in</p>",
                    "text/html")

    def route_riesig(self) -> None:
        # No Content-Length: the cap must hold while reading, not only by the header.
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        self.send_header("Connection", "close")
        self.end_headers()
        block = b"BEGIN:VCALENDAR\r\n" + b"X" * (1024 * 1024 - 17)
        try:
            for _ in range(HUGE // len(block)):
                self.wfile.write(block)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the fetcher stopped reading: that is the point

    def route_kreis_a(self) -> None:
        self.answer(302, b"", "text/plain", Location="/kreis-b.ics")

    def route_kreis_b(self) -> None:
        self.answer(302, b"", "text/plain", Location="/kreis-a.ics")

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Feeds)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


FEEDS = ("gut", "fehlt", "langsam", "fehlerseite", "riesig", "kreis-a", "kette-1")


def lab_with_feeds(tmp_path: Path, base: str, keys: tuple[str, ...] = FEEDS) -> Path:
    root = make_root(tmp_path)
    entries = "".join(f"- key: {key}\n  name: Quelle {key}\n  url: {base}/{key}.ics\n"
                      f"  link: https://{key}.example/termine/\n" for key in keys)
    (root / "data" / "feeds.yaml").write_text(entries, encoding="utf-8")
    return root


def fetch(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "SITE_TODAY": "2026-11-24", "FEEDS_ALLOW_PRIVATE": "1",
            "FEEDS_READ_TIMEOUT": "0.5", "FEEDS_CONNECT_TIMEOUT": "2", **env}
    return subprocess.run([sys.executable, str(REPO / "scripts" / "fetch_feeds.py"),
                           "--root", str(root)], capture_output=True, text=True, env=full,
                          check=False, cwd=REPO)


def test_each_failure_keeps_nothing_and_says_why_the_good_feed_is_written(
        tmp_path: Path, server: str) -> None:
    root = lab_with_feeds(tmp_path, server)
    started = time.monotonic()
    result = fetch(root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "gut: aktualisiert (8 Termine in den nächsten zwölf Monaten)",
        "fehlt: nichts gespeichert, weil der Server mit 404 antwortet",
        "langsam: nichts gespeichert, weil der Server nicht rechtzeitig antwortet",
        "fehlerseite: nichts gespeichert, weil die Antwort eine HTML-Seite ist, kein Kalender",
        "riesig: nichts gespeichert, weil die Antwort größer als 5 MB ist",
        "kreis-a: nichts gespeichert, weil die Weiterleitungen im Kreis führen",
        "kette-1: nichts gespeichert, weil mehr als 5 Weiterleitungen folgen",
    ]
    assert time.monotonic() - started < SLOW_SECONDS + 10
    external = root / "data" / "external"
    assert sorted(p.name for p in external.iterdir()) == ["gut.ics", "gut.meta.json"]
    assert (external / "gut.meta.json").read_text(encoding="utf-8") == \
        '{\n  "etag": "\\"v1\\""\n}\n'
    # the build reads the good snapshot and is untouched by the failures
    lab = load_lab(root)
    assert lab.problems == ()
    assert {event.feed.key for event in lab.network.events} == {"gut"}
    assert len(lab.network.events) == 8


def test_a_failure_keeps_the_last_good_snapshot_and_304_is_unchanged(
        tmp_path: Path, server: str) -> None:
    root = lab_with_feeds(tmp_path, server, ("gut", "fehlt"))
    assert fetch(root).returncode == 0
    external = root / "data" / "external"
    shutil.copy(external / "gut.ics", external / "fehlt.ics")
    before = (external / "fehlt.ics").read_bytes()
    result = fetch(root)
    assert result.stdout.splitlines() == [
        "gut: unverändert (der Server meldet keine Änderung)",
        "fehlt: letzte gute Fassung behalten, weil der Server mit 404 antwortet",
    ]
    assert (external / "fehlt.ics").read_bytes() == before


def test_same_content_without_validators_is_unchanged(tmp_path: Path, server: str) -> None:
    root = lab_with_feeds(tmp_path, server, ("gut",))
    fetch(root)
    (root / "data" / "external" / "gut.meta.json").write_text("{}", encoding="utf-8")
    assert fetch(root).stdout.splitlines() == ["gut: unverändert"]


def test_private_addresses_are_refused_unless_allowed(tmp_path: Path, server: str) -> None:
    root = lab_with_feeds(tmp_path, server, ("gut",))
    result = fetch(root, FEEDS_ALLOW_PRIVATE="0")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "gut: nichts gespeichert, weil die Adresse ins interne Netz führt (127.0.0.1)"]
    assert not (root / "data" / "external").exists()


def test_internal_addresses_and_other_ports_are_refused(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    from fetch_feeds import FetchError, Limits, checked_address, download

    for host in ("127.0.0.1", "10.0.0.1", "169.254.169.254", "::1", "::ffff:127.0.0.1"):
        with pytest.raises(FetchError, match="ins interne Netz"):
            checked_address(host, 80, Limits())
    assert checked_address("127.0.0.1", 80, Limits(allow_private=True)) == "127.0.0.1"
    with pytest.raises(FetchError, match="der Port 8080 nicht erlaubt ist"):
        download("http://93.184.215.14:8080/a.ics", {}, Limits())
    with pytest.raises(FetchError, match="nicht mit http:// oder https://"):
        download("file:///etc/passwd", {}, Limits())


def test_invalid_configuration_exits_1_with_path_and_line(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    (root / "data" / "feeds.yaml").write_text(
        "- key: Gross Geschrieben\n  name: X\n  url: ftp://x.example/a.ics\n"
        "  link: https://x.example/\n", encoding="utf-8")
    result = fetch(root)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "data/feeds.yaml:1: 'key': 'Gross Geschrieben' hat nicht die erwartete Form aus "
        "Kleinbuchstaben a–z, Ziffern und Bindestrichen (z. B. impact-hub-ruhr).",
        "data/feeds.yaml:3: 'url': 'ftp://x.example/a.ics' ist keine Web-Adresse; erlaubt "
        "sind nur Adressen, die mit http:// oder https:// beginnen.",
    ]


def test_no_feeds_is_said_and_fine(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    (root / "data" / "feeds.yaml").write_text("[]\n", encoding="utf-8")
    result = fetch(root)
    assert (result.returncode, result.stdout) == (0, "Keine Kalender eingetragen "
                                                     "(data/feeds.yaml).\n")


def test_a_snapshot_that_cannot_be_written_leaves_the_validators_of_the_last_one(
        tmp_path: Path, server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Validators written before the snapshot would make the server answer 304 to every
    # later fetch, and the new version would never arrive.
    from scripts import fetch_feeds

    root = lab_with_feeds(tmp_path, server, ("gut",))
    feed, = load_lab(root).network.feeds
    limits = fetch_feeds.Limits(allow_private=True)
    written = fetch_feeds.replace_file

    def disk_full(path: Path, data: bytes) -> None:
        if path.suffix == ".ics":
            raise OSError(28, "No space left on device")
        written(path, data)

    monkeypatch.setattr(fetch_feeds, "replace_file", disk_full)
    with pytest.raises(OSError):
        fetch_feeds.update_feed(root, feed, limits)
    external = root / "data" / "external"
    assert not (external / "gut.meta.json").exists()
    monkeypatch.setattr(fetch_feeds, "replace_file", written)
    assert fetch_feeds.update_feed(root, feed, limits).startswith("gut: aktualisiert")
    assert sorted(p.name for p in external.iterdir()) == ["gut.ics", "gut.meta.json"]
