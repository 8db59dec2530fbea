"""A production build (publishconf.py) published below a path keeps every link working."""

from __future__ import annotations

from pathlib import Path

import feedparser

from tests.foundation.helpers import SUBPATH_URL, html_pages, soup

POST = "blog/2020/buergerbeteiligung-an-der-strasse/"


def test_markdown_links_get_the_site_url(subpath_site: Path) -> None:
    links = [a["href"] for a in soup(subpath_site, POST).select(".vr-article__content a")]
    assert links == [f"{SUBPATH_URL}/blog/2020/fruehjahrsputz-im-amt/",
                     f"{SUBPATH_URL}/veranstaltungen/"]


def test_no_page_links_outside_the_site_path(subpath_site: Path) -> None:
    for file in html_pages(subpath_site):
        page = soup(subpath_site, file.relative_to(subpath_site).as_posix())
        for tag in page.select("a[href], link[href], script[src], img[src], form[action]"):
            url = tag.get("href") or tag.get("src") or tag.get("action")
            assert not url.startswith("/"), f"{file}: {url}"


def test_canonical_and_feeds_use_the_published_url(subpath_site: Path) -> None:
    page = soup(subpath_site, POST)
    assert page.select_one('link[rel="canonical"]')["href"] == f"{SUBPATH_URL}/{POST}"
    feed = feedparser.parse((subpath_site / "feeds" / "all.atom.xml").read_bytes())
    assert not feed.bozo
    assert all(entry.link.startswith(f"{SUBPATH_URL}/blog/") for entry in feed.entries)
    robots = (subpath_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SUBPATH_URL}/sitemap.xml" in robots
