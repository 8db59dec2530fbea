"""Fetch the network's calendars: ``make fetch-feeds``.

Downloads every feed of ``data/feeds.yaml``, and writes ``data/external/<key>.ics`` only when
the download is a calendar that parses; otherwise the last good snapshot stays. One German
line per feed. Exit status 0 unless the configuration itself is invalid (then 1).

Safety (the snapshots are published, so whatever a request reaches would be too): only
http(s); the host is resolved and every address checked, and the connection goes to the
checked address (no second DNS answer); private, loopback, link-local and reserved
addresses are refused unless ``FEEDS_ALLOW_PRIVATE=1`` (tests); redirects are followed by
hand, each hop checked again, at most ``MAX_REDIRECTS``; connect and read time-outs plus an
overall deadline; a size cap while reading. Polite: a User-Agent with the site's address,
``Accept: text/calendar``, ``If-None-Match``/``If-Modified-Since`` from the last fetch
(stored beside the snapshot as ``<key>.meta.json``).
"""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import json
import os
import socket
import ssl
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))
sys.path.insert(0, str(REPO))

from rebellab.kernel.files import replace_file  # noqa: E402
from rebellab.kernel.today import site_today  # noqa: E402
from rebellab.lab.load import load_site_lab  # noqa: E402
from rebellab.network.load import FEEDS_FILE, snapshot_path  # noqa: E402
from rebellab.network.model import NetworkFeed, window_end  # noqa: E402
from rebellab.network.snapshot import (  # noqa: E402
    SnapshotError,
    normalised_snapshot,
    read_snapshot,
)
from scripts.contentwriter import site_settings  # noqa: E402

MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
REDIRECTS = (301, 302, 303, 307, 308)
USER_AGENT = ("Verwaltungsrebellen-Labor-Kalender/1.0 "
              "(+https://verwaltungsrebellen-labor.de/kalender/)")


class FetchError(Exception):
    """Why a download is not used, as the end of a German sentence ("weil …")."""


@dataclass(frozen=True)
class Limits:
    """Time-outs in seconds (``FEEDS_*`` in the environment) and the size cap in bytes."""

    connect: float = 10.0
    read: float = 20.0
    total: float = 60.0
    max_bytes: int = MAX_BYTES
    allow_private: bool = False

    @classmethod
    def from_environment(cls) -> Limits:
        """Return the defaults, or ``FEEDS_CONNECT_TIMEOUT``, ``_READ_`` and ``_TOTAL_TIMEOUT``."""
        env = os.environ
        return cls(connect=float(env.get("FEEDS_CONNECT_TIMEOUT", cls.connect)),
                   read=float(env.get("FEEDS_READ_TIMEOUT", cls.read)),
                   total=float(env.get("FEEDS_TOTAL_TIMEOUT", cls.total)),
                   allow_private=env.get("FEEDS_ALLOW_PRIVATE") == "1")


@dataclass
class Response:
    """A finished download: 200 with a body, or 304 (unchanged since the last fetch)."""

    status: int
    body: bytes = b""
    validators: dict[str, str] = field(default_factory=dict)


# -- addresses -----------------------------------------------------------------------------
def checked_address(host: str, port: int, limits: Limits) -> str:
    """Resolve ``host`` and return an address we may connect to; refuse internal ones."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise FetchError(f"der Name {host} nicht aufgelöst werden kann") from error
    addresses = [str(info[4][0]) for info in infos]
    for address in addresses:
        ip = ipaddress.ip_address(address)
        mapped = getattr(ip, "ipv4_mapped", None) or ip
        if not limits.allow_private and not mapped.is_global:
            raise FetchError(f"die Adresse ins interne Netz führt ({address})")
    return addresses[0]


class _Pinned(http.client.HTTPConnection):
    """HTTP to the address that was checked, not to a second DNS answer."""

    def __init__(self, host: str, port: int, address: str, limits: Limits) -> None:
        super().__init__(host, port, timeout=limits.connect)
        self.address, self.read_timeout = address, limits.read

    def connect(self) -> None:
        """Open the socket to the checked address; reads then wait ``read`` seconds."""
        self.sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock.settimeout(self.read_timeout)


class _PinnedTLS(http.client.HTTPSConnection):
    """HTTPS to the checked address, with the certificate checked for the host name."""

    def __init__(self, host: str, port: int, address: str, limits: Limits) -> None:
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=limits.connect, context=self.tls)
        self.address, self.read_timeout = address, limits.read

    def connect(self) -> None:
        """Open the socket to the checked address and wrap it in TLS for the host name."""
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self.tls.wrap_socket(sock, server_hostname=self.host)
        self.sock.settimeout(self.read_timeout)


# -- downloading ---------------------------------------------------------------------------
def download(url: str, validators: dict[str, str], limits: Limits) -> Response:
    """GET ``url`` following at most ``MAX_REDIRECTS`` redirects, each hop checked."""
    deadline = time.monotonic() + limits.total
    seen: set[str] = set()
    for _ in range(MAX_REDIRECTS + 1):
        seen.add(url)
        status, location, response = _request(url, validators, limits, deadline)
        if status not in REDIRECTS:
            return response
        if not location:
            raise FetchError(f"der Server mit {status} weiterleitet, aber ohne Ziel")
        url = urljoin(url, location)
        if url in seen:
            raise FetchError("die Weiterleitungen im Kreis führen")
    raise FetchError(f"mehr als {MAX_REDIRECTS} Weiterleitungen folgen")


def _request(url: str, validators: dict[str, str], limits: Limits, deadline: float
             ) -> tuple[int, str, Response]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"die Adresse {url} nicht mit http:// oder https:// beginnt")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = checked_address(parts.hostname, port, limits)
    if not limits.allow_private and port not in (80, 443):
        raise FetchError(f"der Port {port} nicht erlaubt ist (nur 80 und 443)")
    kind = _PinnedTLS if parts.scheme == "https" else _Pinned
    connection = kind(parts.hostname, port, address, limits)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("GET", path, headers=_headers(validators))
        answer = connection.getresponse()
        if answer.status in REDIRECTS:
            return answer.status, answer.getheader("Location", ""), Response(answer.status)
        if answer.status == 304:
            return 304, "", Response(304)
        if answer.status != 200:
            raise FetchError(f"der Server mit {answer.status} antwortet")
        body = _read(answer, limits, deadline)
        return 200, "", Response(200, body, _validators(answer))
    except TimeoutError as error:
        raise FetchError("der Server nicht rechtzeitig antwortet") from error
    except (OSError, http.client.HTTPException) as error:
        raise FetchError(f"keine Verbindung zustande kommt ({type(error).__name__})") \
            from error
    finally:
        connection.close()


def _headers(validators: dict[str, str]) -> dict[str, str]:
    headers = {"User-Agent": USER_AGENT, "Accept": "text/calendar, text/plain;q=0.5",
               "Accept-Encoding": "identity"}
    if validators.get("etag"):
        headers["If-None-Match"] = validators["etag"]
    if validators.get("last_modified"):
        headers["If-Modified-Since"] = validators["last_modified"]
    return headers


def _validators(answer: http.client.HTTPResponse) -> dict[str, str]:
    found = {"etag": answer.getheader("ETag"), "last_modified": answer.getheader("Last-Modified")}
    return {key: value for key, value in found.items() if value}


def _read(answer: http.client.HTTPResponse, limits: Limits, deadline: float) -> bytes:
    """Return the body; refuse it past ``max_bytes`` or the deadline, whatever the headers say."""
    encoding = (answer.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding != "identity":
        raise FetchError(f"die Antwort komprimiert ist ({encoding}), obwohl sie "
                         "unkomprimiert angefordert wurde")
    megabytes = limits.max_bytes // (1024 * 1024)
    length = answer.getheader("Content-Length")
    if length and length.isdigit() and int(length) > limits.max_bytes:
        raise FetchError(f"die Antwort größer als {megabytes} MB ist")
    chunks, total = [], 0
    while chunk := answer.read(64 * 1024):
        total += len(chunk)
        if total > limits.max_bytes:
            raise FetchError(f"die Antwort größer als {megabytes} MB ist")
        if time.monotonic() > deadline:
            raise FetchError("der Server nicht rechtzeitig antwortet")
        chunks.append(chunk)
    return b"".join(chunks)


# -- one feed --------------------------------------------------------------------------------
def meta_path(root: Path, key: str) -> Path:
    """Where the validators of the last fetch (ETag, Last-Modified) are kept."""
    return snapshot_path(root, key).with_suffix(".meta.json")


def update_feed(root: Path, feed: NetworkFeed, limits: Limits) -> str:
    """Fetch one feed and return its German report line."""
    snapshot, meta = snapshot_path(root, feed.key), meta_path(root, feed.key)
    validators = _load_meta(meta) if snapshot.is_file() else {}
    try:
        response = download(feed.url, validators, limits)
        if response.status == 304:
            return f"{feed.key}: unverändert (der Server meldet keine Änderung)"
        data, count = _checked(response.body, feed)
    except FetchError as error:
        kept = "letzte gute Fassung behalten" if snapshot.is_file() else "nichts gespeichert"
        return f"{feed.key}: {kept}, weil {error}"
    # The snapshot first, then the validators that name its version, each whole: validators
    # written before a snapshot that then failed made the server answer 304 to every later
    # fetch, and a snapshot cut off by a stopped fetch failed the build.
    unchanged = snapshot.is_file() and snapshot.read_bytes() == data
    if not unchanged:
        replace_file(snapshot, data)
    replace_file(meta, (json.dumps(response.validators, indent=2, sort_keys=True)
                        + "\n").encode("utf-8"))
    if unchanged:
        return f"{feed.key}: unverändert"
    return f"{feed.key}: aktualisiert ({count} {'Termin' if count == 1 else 'Termine'} " \
           "in den nächsten zwölf Monaten)"


def _checked(body: bytes, feed: NetworkFeed) -> tuple[bytes, int]:
    """Return the normalised snapshot and its number of occurrences, or raise FetchError."""
    if body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
        raise FetchError("die Antwort eine HTML-Seite ist, kein Kalender")  # or XML
    try:
        data = normalised_snapshot(body)
        today = site_today()
        return data, len(read_snapshot(data, feed, today, window_end(today)))
    except SnapshotError as error:
        raise FetchError(f"die Antwort kein lesbarer Kalender ist ({error})") from error


def _load_meta(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {key: str(value) for key, value in data.items()} if isinstance(data, dict) else {}


def main(argv: list[str] | None = None) -> int:
    """Fetch every feed; exit 1 only when data/feeds.yaml itself has problems."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=os.environ.get("LAB_ROOT", str(REPO)))
    root = Path(parser.parse_args(argv).root).resolve()
    lab = load_site_lab(root, site_settings())
    problems = [problem for problem in lab.problems if problem.path == FEEDS_FILE]
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    if not lab.network.feeds:
        print(f"Keine Kalender eingetragen ({FEEDS_FILE}).")
    limits = Limits.from_environment()
    for feed in lab.network.feeds:
        print(update_feed(root, feed, limits), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
