"""The site server of ``make serve`` (and of ``make bench``) compresses text as the host does.

GitHub Pages sends HTML, CSS, JavaScript, JSON, SVG, feeds and calendars gzip-compressed to
browsers that accept it; Pagefind's index files are gzip files already and go as they are.
"""

from __future__ import annotations

import gzip
import http.client
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.serve import accepts_gzip, start_server

PAGE = "<!doctype html><title>Start</title><p>" + "Verwaltungsrebellen " * 200
SCRIPT = "export const answer = 42;\n" * 100
INDEX_CHUNK = gzip.compress(b"pagefind chunk " * 50)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    """A small output folder served on a free port."""
    (tmp_path / "suche").mkdir()
    (tmp_path / "suche" / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "404.html").write_text("<!doctype html><title>Nicht gefunden</title>",
                                       encoding="utf-8")
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "pagefind.js").write_text(SCRIPT, encoding="utf-8")
    (tmp_path / "pagefind" / "de_1.pf_index").write_bytes(INDEX_CHUNK)
    server = start_server(tmp_path, "127.0.0.1", 0)
    try:
        yield tmp_path, server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def request(port: int, path: str, encoding: str | None, method: str = "GET"
            ) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and raw body of one request."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, headers={"Accept-Encoding": encoding} if encoding
                           else {})
        response = connection.getresponse()
        return (response.status, {name.lower(): value for name, value in response.getheaders()},
                response.read())
    finally:
        connection.close()


@pytest.mark.parametrize(("path", "text"), [("/suche/", PAGE), ("/suche/index.html", PAGE),
                                            ("/pagefind/pagefind.js", SCRIPT)])
def test_text_is_sent_compressed_to_browsers_that_accept_gzip(site, path, text):
    _, port = site
    status, headers, body = request(port, path, "gzip, deflate, br")
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert headers["vary"] == "Accept-Encoding"
    assert int(headers["content-length"]) == len(body) < len(text.encode()) / 4
    assert gzip.decompress(body).decode("utf-8") == text


@pytest.mark.parametrize("encoding", [None, "identity", "gzip;q=0", "br"])
def test_text_goes_uncompressed_to_clients_without_gzip(site, encoding):
    _, port = site
    status, headers, body = request(port, "/pagefind/pagefind.js", encoding)
    assert status == 200
    assert "content-encoding" not in headers
    assert body.decode("utf-8") == SCRIPT


def test_gzip_files_of_pagefind_go_as_they_are(site):
    _, port = site
    status, headers, body = request(port, "/pagefind/de_1.pf_index", "gzip")
    assert status == 200
    assert "content-encoding" not in headers
    assert body == INDEX_CHUNK


def test_head_sends_the_compressed_length_without_a_body(site):
    _, port = site
    _, get_headers, get_body = request(port, "/suche/", "gzip")
    status, headers, body = request(port, "/suche/", "gzip", method="HEAD")
    assert status == 200 and body == b""
    assert headers["content-length"] == str(len(get_body)) == get_headers["content-length"]


def test_folders_without_slash_redirect_and_unknown_paths_get_the_404_page(site):
    root, port = site
    status, headers, _ = request(port, "/suche", "gzip")
    assert status == 301 and headers["location"] == "/suche/"
    status, _, body = request(port, "/gibt-es-nicht/", "gzip")
    assert status == 404 and body == (root / "404.html").read_bytes()


@pytest.mark.parametrize(("header", "accepted"), [
    ("gzip", True), ("deflate, gzip;q=0.5", True), ("*", True), ("GZIP", True),
    ("gzip;q=0", False), ("gzip;q=0.0", False), ("gzip;q=x", False), ("br", False),
    ("*;q=0, gzip", True), ("gzip;q=0, *", False),
    ("", False), (None, False)])
def test_accept_encoding_is_read_with_its_quality_values(header, accepted):
    assert accepts_gzip(header) is accepted
