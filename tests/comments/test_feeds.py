"""Atom feeds of comments: per post (linked from it) and site-wide, read with feedparser."""

from __future__ import annotations

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.comments.sites import POST

SITE = "http://localhost:8000"
POST_URL = f"{SITE}/blog/2020/{POST}/"


def feed(comment_site, path: str):
    parsed = feedparser.parse((comment_site / path).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_post_feed_holds_the_post_comments_newest_first(comment_site):
    parsed = feed(comment_site, f"feeds/kommentare/{POST}.atom.xml")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Kommentare zu „Ein Beitrag mit Gespräch“ – " \
                                "Verwaltungsrebellen-Labor"
    assert parsed.feed.link == POST_URL
    ids = [entry.id for entry in parsed.entries]
    assert ids[0] == f"{POST_URL}#kommentar-2020-08-24-1"
    assert ids[-1] == f"{POST_URL}#kommentar-2020-08-20-1"
    assert len(ids) == 7
    newest = parsed.entries[0]
    assert newest.title == "Jo F. zu „Ein Beitrag mit Gespräch“"
    assert newest.author_detail.name == "Jo F."
    assert newest.author_detail.href == "https://jo.example/"
    assert newest.published == "2020-08-24T07:05:00+02:00"
    assert newest.link == f"{POST_URL}#kommentar-2020-08-24-1"


def test_names_and_texts_stay_escaped_in_the_feed(comment_site):
    parsed = feed(comment_site, f"feeds/kommentare/{POST}.atom.xml")
    hostile = next(e for e in parsed.entries if e.id.endswith("2020-08-23-1"))
    assert hostile.author_detail.name == "Robin <script>alert('name')</script> E."
    content = BeautifulSoup(hostile.content[0].value, "html.parser")
    assert content.select("script, img, iframe, h1, table") == []
    assert not [name for element in content.find_all(True) for name in element.attrs
                if name.startswith("on")]
    assert "<script>alert('text')</script>" in content.get_text()
    assert all(a["rel"] == ["ugc", "nofollow", "noopener"] for a in content.select("a"))


def test_site_feed_holds_all_comments(comment_site):
    parsed = feed(comment_site, "feeds/kommentare.atom.xml")
    assert parsed.feed.title == "Alle Kommentare – Verwaltungsrebellen-Labor"
    assert len(parsed.entries) == 8
    assert parsed.entries[0].id == \
        f"{SITE}/blog/2020/geschlossene-runde/#kommentar-2020-09-02-1"
    assert parsed.entries[0].title == "Lee G. zu „Geschlossene Runde“"


@pytest.mark.parametrize("slug", ["ganz-ohne-kommentare", "geschlossene-runde"])
def test_every_post_has_a_valid_feed(comment_site, slug):
    parsed = feed(comment_site, f"feeds/kommentare/{slug}.atom.xml")
    assert len(parsed.entries) == (1 if slug == "geschlossene-runde" else 0)
    assert parsed.feed.updated


def test_feeds_are_not_in_the_sitemap(comment_site):
    assert "/feeds/" not in (comment_site / "sitemap.xml").read_text(encoding="utf-8")
