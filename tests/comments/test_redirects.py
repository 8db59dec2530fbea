"""Old addresses from data/redirects.yaml become stub pages that send visitors on."""

from __future__ import annotations

import pytest

SITE = "http://localhost:8000"
STUBS = {  # output file -> (link in the page, canonical URL)
    "2020/08/20/gespraech/": ("/blog/2020/ein-beitrag-mit-gespraech/",
                              f"{SITE}/blog/2020/ein-beitrag-mit-gespraech/"),
    "index.php/alt/": ("https://example.org/anderswo/", "https://example.org/anderswo/"),
    "alte-seite.html": ("/kontakt/", f"{SITE}/kontakt/"),
}


@pytest.mark.parametrize(("path", "expected"), STUBS.items())
def test_stub_refreshes_at_once_with_canonical_noindex_and_a_visible_link(page, path,
                                                                           expected):
    link, canonical = expected
    soup = page(path)
    assert soup.select_one("meta[http-equiv=refresh]")["content"] == f"0; url={link}"
    assert [tag["href"] for tag in soup.select("link[rel=canonical]")] == [canonical]
    assert soup.select_one("meta[name=robots]")["content"] == "noindex"
    assert soup.select_one("main h1").get_text() == "Diese Seite ist umgezogen"
    assert soup.select_one(f"main a[href='{link}']").get_text() == canonical
    assert soup.html["lang"] == "de"


def test_stubs_are_not_in_the_sitemap(comment_site):
    sitemap = (comment_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE}/kontakt/</loc>" in sitemap
    for path in STUBS:
        assert f"{SITE}/{path}<" not in sitemap


def test_real_pages_are_not_noindex(page):
    assert page("kontakt/").select_one("meta[name=robots]") is None
