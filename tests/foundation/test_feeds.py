"""Atom and RSS feeds: valid, full content, absolute URLs only."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.foundation.helpers import ABSOLUTE_URL

FEEDS = ["feeds/all.atom.xml", "feeds/all.rss.xml",
         "feeds/kategorie/strassenbau-aemter.atom.xml", "feeds/kategorie/alltag.atom.xml"]


def _parse(site: Path, name: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse((site / name).read_bytes())
    assert not feed.bozo, f"{name}: {feed.get('bozo_exception')}"
    return feed


def _entry_html(entry: feedparser.FeedParserDict) -> str:
    return entry.content[0].value if "content" in entry else entry.summary


@pytest.mark.parametrize("name", FEEDS)
def test_feed_parses_and_links_absolutely(blog_site: Path, name: str) -> None:
    feed = _parse(blog_site, name)
    assert feed.entries
    assert feed.feed.link == f"{ABSOLUTE_URL}/"
    for entry in feed.entries:
        assert entry.link.startswith(f"{ABSOLUTE_URL}/blog/"), entry.link
        hrefs = [a["href"] for a in BeautifulSoup(_entry_html(entry), "html.parser")
                 .select("a[href]")]
        assert all(href.startswith(("https://", "http://", "mailto:")) for href in hrefs), hrefs


@pytest.mark.parametrize("name", ["feeds/all.atom.xml", "feeds/all.rss.xml"])
def test_feed_carries_full_content(blog_site: Path, name: str) -> None:
    feed = _parse(blog_site, name)
    assert len(feed.entries) == 12
    entry = next(e for e in feed.entries if e.title == "Bürgerbeteiligung an der Straße")
    body = BeautifulSoup(_entry_html(entry), "html.parser")
    assert "ganz am Ende des vollständigen Inhalts" in body.get_text()
    assert [a["href"] for a in body.select("a")] == [
        f"{ABSOLUTE_URL}/blog/2020/fruehjahrsputz-im-amt/", f"{ABSOLUTE_URL}/veranstaltungen/"]


def test_category_feed_holds_only_its_category(blog_site: Path) -> None:
    feed = _parse(blog_site, "feeds/kategorie/strassenbau-aemter.atom.xml")
    assert [e.title for e in feed.entries] == ["Bürgerbeteiligung an der Straße"]


def test_pages_announce_their_feeds(blog_site: Path) -> None:
    page = BeautifulSoup((blog_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    types = {link["type"]: link["href"] for link in page.select('head link[rel="alternate"]')}
    assert types == {"application/atom+xml": "/feeds/all.atom.xml",
                     "application/rss+xml": "/feeds/all.rss.xml"}
