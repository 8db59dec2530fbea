"""Sitemap, robots.txt, 404 page and the bundled stylesheet."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from tests.foundation.helpers import ABSOLUTE_URL, html_pages, soup
from tests.support.site import REPO

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _sitemap(site: Path) -> dict[str, str | None]:
    tree = ElementTree.parse(site / "sitemap.xml")
    return {url.findtext("s:loc", namespaces=SITEMAP_NS):
            url.findtext("s:lastmod", namespaces=SITEMAP_NS)
            for url in tree.getroot().findall("s:url", SITEMAP_NS)}


def _url_of(site: Path, page: Path) -> str:
    relative = page.relative_to(site).as_posix()
    return f"{ABSOLUTE_URL}/{relative.removesuffix('index.html')}"


def test_sitemap_lists_every_written_page_but_404(blog_site: Path) -> None:
    sitemap = _sitemap(blog_site)
    expected = {_url_of(blog_site, page) for page in html_pages(blog_site)
                if page.name != "404.html"}
    assert set(sitemap) == expected
    assert f"{ABSOLUTE_URL}/" in sitemap
    assert f"{ABSOLUTE_URL}/blog/seite/2/" in sitemap
    assert sitemap[f"{ABSOLUTE_URL}/blog/2020/buergerbeteiligung-an-der-strasse/"] == "2020-09-15"


def test_sitemap_includes_pages_of_other_plugins(starter_site: Path) -> None:
    sitemap = _sitemap(starter_site)
    others = [page for page in html_pages(starter_site)
              if not page.relative_to(starter_site).as_posix().startswith(("blog/", "404"))]
    assert len(others) > 5
    assert {_url_of(starter_site, page) for page in others} <= set(sitemap)


def test_robots_txt_points_to_sitemap(blog_site: Path) -> None:
    robots = (blog_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in robots
    assert f"Sitemap: {ABSOLUTE_URL}/sitemap.xml" in robots


def test_404_page(blog_site: Path) -> None:
    page = soup(blog_site, "404.html")
    assert page.h1.get_text() == "Seite nicht gefunden"
    links = {a["href"] for a in page.select("main a")}
    assert {"/", "/suche/", "/blog/"} <= links
    # Served for any missing path, so nothing may be linked relative to the current folder.
    assert all(link["href"].startswith(("/", "http", "#"))
               for link in page.select("[href]") if link.name in ("a", "link"))


def test_css_bundle_concatenates_sources_in_name_order(blog_site: Path) -> None:
    bundle = (blog_site / "theme" / "css" / "site.css").read_text(encoding="utf-8")
    sources = sorted((REPO / "theme" / "css").glob("*.css"))
    assert sources[0].name == "00-base.css"
    positions = [bundle.index(".vr-skip-link"), bundle.index(".vr-post-list")]
    assert positions == sorted(positions)
    assert "/*" not in bundle
    digest = hashlib.sha256(bundle.encode("utf-8")).hexdigest()[:12]
    link = soup(blog_site, "blog/").select_one('link[rel="stylesheet"]')
    assert link["href"] == f"/theme/css/site.css?v={digest}"
