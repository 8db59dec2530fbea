"""Hostile profiles (fixtures/hostile): no executable script anywhere in the output.

Every text field of ``hostile-everywhere.yaml`` tries to break out of its context; a topic
synonym does too. The checks cover every HTML page (script elements, event handler
attributes, script URLs, inline styles), the JSON-LD, the open data export, and the Pagefind
index (as data; tests/search/test_browser.py renders it in Chromium).
"""

from __future__ import annotations

import json
import re

import yaml
from bs4 import BeautifulSoup

from tests.directory.sites import FIXTURES, html_files, pagefind_records

HOSTILE = yaml.safe_load((FIXTURES / "hostile/data/rebels/hostile-everywhere.yaml").read_text())
SCRIPT_SOURCES = ("/theme/js/", "/pagefind/")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "srcset", "poster", "xlink:href")
BAD_SCHEMES = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)
GENERATED = (".html", ".json", ".xml", ".ics", ".txt")  # written from content, not theme files
PAYLOAD = re.compile(r"<(script|img|svg|iframe)\b", re.IGNORECASE)


def soups(output):
    for path in html_files(output):
        yield path, BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_no_script_elements_except_our_own_files_and_inert_json_ld(hostile_site):
    for path, soup in soups(hostile_site):
        for script in soup.find_all("script"):
            if script.get("src"):
                assert script["src"].startswith(SCRIPT_SOURCES), (path, script)
                continue
            assert script.get("type") == "application/ld+json", (path, script)
            text = script.string or ""
            assert "<" not in text and ">" not in text, path
            json.loads(text)


def test_no_event_handlers_script_urls_or_inline_styles(hostile_site):
    for path, soup in soups(hostile_site):
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                assert not name.lower().startswith("on"), (path, element)
                if name.lower() in URL_ATTRIBUTES:
                    assert not BAD_SCHEMES.match(str(value)), (path, element)
            if element.find_parent("main") is not None:
                assert "style" not in element.attrs, (path, element)
                assert element.name not in ("iframe", "object", "embed", "svg", "math",
                                            "style", "base", "meta", "link"), (path, element)


def test_hostile_text_is_shown_as_text(hostile_site):
    soup = BeautifulSoup((hostile_site / "rebellen/hostile-everywhere/index.html")
                         .read_text(encoding="utf-8"), "lxml")
    assert soup.h1.get_text() == HOSTILE["name"]
    assert soup.select_one(".vr-profile__role a").get_text() == HOSTILE["organisation"]
    assert soup.select_one(".vr-profile__region").get_text() == f"Region: {HOSTILE['region']}"
    offers = [li.get_text() for li in soup.select("[aria-labelledby=vr-profile-offers] li")]
    assert offers == HOSTILE["offers"]
    bio = soup.select_one(".vr-profile__bio")
    assert bio.find("img") is None and bio.find("script") is None
    links = bio.find_all("a")
    assert links and all(not a.get("href") for a in links)  # javascript: links lose href
    assert soup.select_one(".vr-profile__photo")["alt"] == HOSTILE["image_alt"]
    website = soup.select_one(".vr-contact a")
    assert website["href"] == HOSTILE["contact"]["website"]


def test_no_markup_payload_survives_unescaped_in_any_page_or_feed(hostile_site):
    for path in hostile_site.rglob("*"):
        if path.suffix not in GENERATED or "pagefind" in path.parts:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in PAYLOAD.finditer(text):
            # Our own script tags are the only ones allowed (checked in detail above).
            tail = text[match.start():match.start() + 80]
            assert tail.startswith(("<script src=", '<script type="application/ld+json"',
                                    "<svg aria-hidden", '<img class="vr-profile__photo" src="/')), \
                (path, tail)


def test_json_ld_and_open_data_keep_hostile_text_as_inert_data(hostile_site):
    soup = BeautifulSoup((hostile_site / "rebellen/hostile-everywhere/index.html")
                         .read_text(encoding="utf-8"), "lxml")
    person = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert person["name"] == HOSTILE["name"]
    assert person["worksFor"]["name"] == HOSTILE["organisation"]
    raw = (hostile_site / "daten/rebellen.json").read_text(encoding="utf-8")
    assert "<" not in raw and ">" not in raw
    document = json.loads(raw)
    by_slug = {p["slug"]: p for p in document["profiles"]}
    assert by_slug["hostile-everywhere"]["name"] == HOSTILE["name"]
    assert by_slug["hostile-everywhere"]["offers"] == HOSTILE["offers"]
    assert "javascript:" not in by_slug["hostile-everywhere"]["bio"]


def test_search_index_holds_hostile_text_only_as_data(hostile_site):
    records = {record["url"]: record for _, record in pagefind_records(hostile_site)}
    record = records["/rebellen/hostile-everywhere/"]
    assert record["meta"]["title"] == HOSTILE["name"]
    assert record["filters"]["Organisation"] == [HOSTILE["organisation"]]
    # The bio's markup was removed before indexing; only its text is there.
    assert "onerror=\"alert('bio-img')" not in record["content"]
    assert "alert('bio')" not in record["content"]
