"""Blog URLs, pagination, German slugs and the article page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pelican.utils import slugify

import pelicanconf
from tests.foundation.helpers import ABSOLUTE_URL, soup

UMLAUT_POST = "blog/2020/buergerbeteiligung-an-der-strasse/"


@pytest.mark.parametrize(("text", "slug"), [
    ("Bürger", "buerger"),
    ("Straße", "strasse"),
    ("Öffentlicher Dienst", "oeffentlicher-dienst"),
    ("Größe & Äpfel", "groesse-aepfel"),
    ("Jörg Weiß", "joerg-weiss"),
    ("Café – Crème", "cafe-creme"),
])
def test_slugs_transliterate_umlauts(text: str, slug: str) -> None:
    assert slugify(text, regex_subs=pelicanconf.SLUG_REGEX_SUBSTITUTIONS,
                   use_unicode=pelicanconf.SLUGIFY_USE_UNICODE) == slug


@pytest.mark.parametrize("path", [
    UMLAUT_POST,
    "blog/2020/fruehjahrsputz-im-amt/",
    "blog/2021/laufender-beitrag-10/",
    "blog/kategorie/strassenbau-aemter/",
    "blog/schlagwort/oeffentlicher-dienst/",
    "blog/schlagwort/groesse/",
    "blog/autor/joerg-weiss/",
    "blog/autor/ada-mueller/",
    "blog/kategorie/", "blog/schlagwort/", "blog/autor/", "blog/archiv/",
])
def test_blog_urls(blog_site: Path, path: str) -> None:
    assert (blog_site / path / "index.html").is_file()


def _post_links(page) -> list[str]:
    return [a["href"] for a in page.select(".vr-post-list__title a")]


def test_blog_index_is_paginated_into_seite_folders(blog_site: Path) -> None:
    first, second = soup(blog_site, "blog/"), soup(blog_site, "blog/seite/2/")
    assert len(_post_links(first)) == 10
    assert _post_links(first)[0] == "/blog/2021/laufender-beitrag-10/"
    assert _post_links(second) == [f"/{UMLAUT_POST}", "/blog/2020/fruehjahrsputz-im-amt/"]
    assert first.select_one('.vr-pagination a[rel="next"]')["href"] == "/blog/seite/2/"
    assert second.select_one('.vr-pagination a[rel="prev"]')["href"] == "/blog/"
    current = second.select_one(".vr-pagination [aria-current=page]")
    assert " ".join(current.get_text().split()) == "Seite 2"
    assert not (blog_site / "blog" / "index2.html").exists()


def test_article_page_shows_metadata_in_german(blog_site: Path) -> None:
    page = soup(blog_site, UMLAUT_POST)
    assert page.h1.get_text() == "Bürgerbeteiligung an der Straße"
    time = page.select_one(".vr-article__meta time")
    assert time.get_text() == "15. September 2020"
    assert time["datetime"].startswith("2020-09-15T16:30:00")
    authors = {a.get_text(): a["href"] for a in page.select(".vr-article__meta a")}
    assert authors == {"Jörg Weiß": "/blog/autor/joerg-weiss/",
                       "Ada Müller": "/blog/autor/ada-mueller/",
                       "Straßenbau & Ämter": "/blog/kategorie/strassenbau-aemter/",
                       "Keine Kommentare": "#kommentare"}  # the count leads to the comments
    assert [a["href"] for a in page.select(".vr-article__footer .vr-tag")] == [
        "/blog/schlagwort/oeffentlicher-dienst/", "/blog/schlagwort/groesse/"]
    assert "Umlauten im Titel" in page.select_one(".vr-lead").get_text()
    assert page.select_one(".vr-article__content h2").get_text() == "Zwischenüberschrift"


def test_article_links_to_older_and_newer_post(blog_site: Path) -> None:
    nav = soup(blog_site, UMLAUT_POST).select_one(".vr-article-nav")
    assert nav.select_one('a[rel="prev"]')["href"] == "/blog/2020/fruehjahrsputz-im-amt/"
    assert nav.select_one('a[rel="next"]')["href"] == "/blog/2021/laufender-beitrag-1/"


def test_internal_markdown_link_is_resolved(blog_site: Path) -> None:
    links = [a["href"] for a in soup(blog_site, UMLAUT_POST).select(".vr-article__content a")]
    assert links == ["/blog/2020/fruehjahrsputz-im-amt/", "/veranstaltungen/"]


def test_taxonomy_pages_list_their_posts(blog_site: Path) -> None:
    tag = soup(blog_site, "blog/schlagwort/oeffentlicher-dienst/")
    assert tag.h1.get_text() == "Schlagwort: Öffentlicher Dienst"
    assert _post_links(tag) == [f"/{UMLAUT_POST}", "/blog/2020/fruehjahrsputz-im-amt/"]
    author = soup(blog_site, "blog/autor/joerg-weiss/")
    assert _post_links(author) == [f"/{UMLAUT_POST}"]
    category = soup(blog_site, "blog/kategorie/strassenbau-aemter/")
    assert category.select_one('link[rel="alternate"][href$="strassenbau-aemter.atom.xml"]')
    archive = soup(blog_site, "blog/archiv/")
    assert [h.get_text() for h in archive.select("main h2")] == ["2021", "2020"]


def test_blog_section_is_current_in_navigation(blog_site: Path) -> None:
    index = soup(blog_site, "blog/").select_one('.vr-nav a[href="/blog/"]')
    assert index["aria-current"] == "page"
    post = soup(blog_site, UMLAUT_POST).select(".vr-nav [aria-current]")
    assert [(a["href"], a["aria-current"]) for a in post] == [("/blog/", "true")]


def test_article_has_blog_posting_structured_data(blog_site: Path) -> None:
    script = soup(blog_site, UMLAUT_POST).select_one('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert data["headline"] == "Bürgerbeteiligung an der Straße"
    assert data["url"] == f"{ABSOLUTE_URL}/{UMLAUT_POST}"
    assert data["datePublished"].startswith("2020-09-15T16:30:00")
    assert [a["name"] for a in data["author"]] == ["Jörg Weiß", "Ada Müller"]
