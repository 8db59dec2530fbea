"""The shared fixtures themselves: the local server and the browser page work together."""

from __future__ import annotations

import urllib.request

import pytest

from tests.support.browser import foreign_requests, record_requests


def test_served_site_serves_pretty_urls(tmp_path, served_site):
    (tmp_path / "seite").mkdir()
    (tmp_path / "seite" / "index.html").write_text("<p>hallo</p>", encoding="utf-8")
    base_url = served_site(tmp_path)
    assert base_url.startswith("http://127.0.0.1:")
    assert served_site(tmp_path) == base_url
    with urllib.request.urlopen(f"{base_url}/seite/") as response:
        assert response.read() == b"<p>hallo</p>"


def test_foreign_requests_keeps_only_other_hosts():
    urls = ["http://127.0.0.1:9/a.css", "data:image/png;base64,AAAA",
            "https://fonts.googleapis.com/css", "http://127.0.0.1:10/x"]
    assert foreign_requests(urls, "http://127.0.0.1:9") == [
        "https://fonts.googleapis.com/css", "http://127.0.0.1:10/x"]


@pytest.mark.browser
def test_browser_page_records_subresources(tmp_path, served_site, browser_page):
    (tmp_path / "style.css").write_text("body { color: #000; }", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="de"><head><title>t</title>'
        '<link rel="stylesheet" href="/style.css"></head><body><p id="x">ok</p></body></html>',
        encoding="utf-8")
    base_url = served_site(tmp_path)
    requests = record_requests(browser_page)
    browser_page.goto(f"{base_url}/", wait_until="load")
    assert browser_page.text_content("#x") == "ok"
    assert f"{base_url}/style.css" in requests
    assert foreign_requests(requests, base_url) == []
