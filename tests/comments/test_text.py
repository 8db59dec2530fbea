"""A comment's Markdown: what it may contain renders, everything else stays visible text."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from rebellab.comments.text import COMMENT_TAGS, comment_html, comment_plain_text, safe_url


def render(text: str) -> BeautifulSoup:
    return BeautifulSoup(str(comment_html(text)), "html.parser")


@pytest.mark.parametrize(("text", "selector"), [
    ("*betont* und **stark**", "p > em + strong"),
    ("[Link](https://example.org/)", "p > a[href='https://example.org/']"),
    ("- eins\n- zwei", "ul > li + li"),
    ("1. eins\n2. zwei", "ol > li + li"),
    ("> Zitat", "blockquote > p"),
    ("Code: `x < y`", "p > code"),
    ("```\nblock\n```", "pre > code"),
    ("Zeile  \nUmbruch", "p > br"),
])
def test_allowed_markdown_renders(text, selector):
    assert render(text).select_one(selector) is not None


@pytest.mark.parametrize(("text", "shown"), [
    ("# Überschrift", "# Überschrift"),
    ("Titel\n=====", "Titel\n====="),
    ("| a | b |\n|---|---|\n| 1 | 2 |", "| a | b |"),
    ("<b>fett</b>", "<b>fett</b>"),
    ("<div onclick='x()'>Block</div>", "<div onclick='x()'>Block</div>"),
    ("<script>alert(1)</script>", "<script>alert(1)</script>"),
    ("---", "---"),
])
def test_everything_else_is_shown_as_typed(text, shown):
    soup = render(text)
    assert {tag.name for tag in soup.find_all(True)} <= COMMENT_TAGS
    assert shown in soup.get_text()


@pytest.mark.parametrize("text", ["![Foto](https://images.example/a.jpg)",
                                  "![Foto][bild]\n\n[bild]: https://images.example/a.jpg"])
def test_an_image_becomes_a_link_to_it(text):
    soup = render(text)
    assert soup.select("img") == []
    link = soup.select_one("a")
    assert (link["href"], link.get_text()) == ("https://images.example/a.jpg", "Foto")
    assert link["rel"] == ["ugc", "nofollow", "noopener"]


@pytest.mark.parametrize("target", ["javascript:alert(1)", "data:text/html,x",
                                    "mailto:a@example.org", "vbscript:x"])
def test_links_other_than_http_are_plain_text(target):
    soup = render(f"[Klick]({target})")
    assert soup.select("a") == []
    assert soup.get_text() == "Klick"


def test_gender_star_is_no_emphasis():
    assert render("Kolleg*innen und Rebell*innen").select("em") == []


def test_plain_text_for_json_ld_and_feeds():
    assert comment_plain_text("Hallo *Welt*\n\n<b>x</b>") == "Hallo Welt\n\n<b>x</b>"


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.org/a?b=c&d=e#f", "https://example.org/a?b=c&d=e#f"),
    ('https://example.org/"><script>', "https://example.org/%22%3E%3Cscript%3E"),
    ("https://example.org/ä", "https://example.org/%C3%A4"),
])
def test_website_addresses_become_valid_urls(url, expected):
    assert safe_url(url) == expected
