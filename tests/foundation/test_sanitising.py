"""Hostile content from a pull request never becomes executable: not in pages, not in feeds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.foundation.helpers import ABSOLUTE_URL, soup

FORBIDDEN_TAGS = ("iframe", "object", "embed", "form", "svg", "style")


def _assert_harmless(markup: BeautifulSoup, where: str) -> None:
    for tag in markup.find_all(True):
        handlers = [name for name in tag.attrs if name.lower().startswith("on")]
        assert not handlers, f"{where}: <{tag.name} {handlers}>"
        assert "style" not in tag.attrs or tag.name in ("svg", "path"), f"{where}: style"
        for name in ("href", "src", "action", "data", "formaction"):
            value = re.sub(r"\s", "", str(tag.get(name, ""))).lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), f"{where}: {value}"
    for script in markup.find_all("script"):
        if script.get("type") == "application/ld+json":  # data, never executed
            assert "<" not in script.get_text(), f"{where}: {script}"
        else:
            assert "alert" not in script.get_text(), f"{where}: {script}"


def _post_path(site: Path) -> str:
    posts = sorted((site / "blog" / "2020").iterdir())
    assert len(posts) == 1
    return f"blog/2020/{posts[0].name}/"


def test_post_body_is_sanitised(hostile_site: Path) -> None:
    page = soup(hostile_site, _post_path(hostile_site))
    _assert_harmless(page, "Beitrag")
    content = page.select_one(".vr-article__content")
    for name in FORBIDDEN_TAGS:
        assert not content.find(name), name
    assert "Der legitime Text bleibt erhalten." in content.get_text()
    assert content.select_one('img[alt="Bild"]')
    # The author's "# Überschrift" must not compete with the page's own h1.
    assert len(page.find_all("h1")) == 1
    assert content.find("h2").get_text() == "Überschrift erster Ordnung"


def test_title_and_metadata_are_text_only(hostile_site: Path) -> None:
    page = soup(hostile_site, _post_path(hostile_site))
    assert page.h1.get_text().startswith('Harmlos <script>alert("title")</script>')
    assert page.h1.find_all(True) == []
    assert page.select_one(".vr-lead").find("script") is None
    assert "<script" not in page.select_one('meta[name="description"]')["content"]
    assert page.title.find_all(True) == []


@pytest.mark.parametrize("path", ["", "blog/", "boese-seite/", "blog/kategorie/sicherheit/",
                                  "blog/archiv/", "blog/schlagwort/"])
def test_every_page_showing_hostile_content_is_harmless(hostile_site: Path, path: str) -> None:
    _assert_harmless(soup(hostile_site, path), path)


def test_page_is_sanitised(hostile_site: Path) -> None:
    page = soup(hostile_site, "boese-seite/")
    assert not page.select_one("main object")
    assert "Normaler Text der Seite." in page.main.get_text()


@pytest.mark.parametrize("name", ["feeds/all.atom.xml", "feeds/all.rss.xml",
                                  "feeds/kategorie/sicherheit.atom.xml"])
def test_feeds_carry_no_executable_markup(hostile_site: Path, name: str) -> None:
    xml = BeautifulSoup((hostile_site / name).read_text(encoding="utf-8"), "xml")
    fields = xml.find_all(["content", "summary", "description"])
    assert len(fields) >= 2
    for field in fields:
        # The XML parser undoes one level of escaping: what is left is the entry's HTML.
        fragment = BeautifulSoup(field.get_text(), "html.parser")
        _assert_harmless(fragment, f"{name} <{field.name}>")
        for tag in (*FORBIDDEN_TAGS, "script"):
            assert not fragment.find(tag), f"{name}: <{tag}>"
    for title in xml.find_all("title"):
        assert "<script" not in title.get_text(), title


def test_structured_data_stays_inside_its_script(hostile_site: Path) -> None:
    page = soup(hostile_site, _post_path(hostile_site))
    scripts = page.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    raw = scripts[0].string
    assert "<" not in raw and ">" not in raw
    data = json.loads(raw)
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == 'Harmlos alert("title")'
    assert data["url"] == f"{ABSOLUTE_URL}/{_post_path(hostile_site)}"
