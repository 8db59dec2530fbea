"""Gate: no broken internal links, missing assets or missing anchors anywhere in the output."""

from __future__ import annotations

from pathlib import Path

import pelicanconf
from tests.quality.links import broken_links, broken_sitemap_entries

FIXTURES = Path(__file__).parent / "fixtures"


def test_link_checker_finds_every_kind_of_broken_reference():
    broken, checked = broken_links(FIXTURES / "links", "http://localhost:8000")
    assert [str(problem) for problem in broken] == [
        "index.html:7: http://localhost:8000/bilder/og.png – /bilder/og.png fehlt in der Ausgabe",
        "index.html:8: /js/fehlt.js – /js/fehlt.js fehlt in der Ausgabe",
        "index.html:15: /blog/beitrag/#gibt-es-nicht – kein Element mit id='gibt-es-nicht' "
        "auf blog/beitrag/index.html",
        "index.html:16: http://localhost:8000/blog/fehlt/ – /blog/fehlt/ fehlt in der Ausgabe",
        "index.html:20: #oben – kein Element mit id='oben' auf index.html",
        "index.html:21: /bilder/fehlt.png – /bilder/fehlt.png fehlt in der Ausgabe",
        "index.html:22: /bilder/gross.webp – /bilder/gross.webp fehlt in der Ausgabe",
    ]
    assert checked == 18


def test_sitemap_check_finds_missing_and_foreign_addresses():
    assert broken_sitemap_entries(FIXTURES / "links", "http://localhost:8000") == [
        "http://localhost:8000/blog/geloescht/ – /blog/geloescht/ fehlt in der Ausgabe",
        "https://example.org/fremd/ – nicht unter http://localhost:8000",
    ]


def test_no_broken_internal_links_or_missing_assets(site_output):
    broken, checked = broken_links(site_output, pelicanconf.SITE_ABSOLUTE_URL)
    assert checked > 0
    assert not broken, (f"{len(broken)} kaputte interne Verweise (Seite:Zeile: Ziel – Grund):\n"
                        + "\n".join(map(str, broken)))


def test_every_sitemap_address_resolves(site_output):
    assert (site_output / "sitemap.xml").is_file(), "sitemap.xml fehlt"
    broken = broken_sitemap_entries(site_output, pelicanconf.SITE_ABSOLUTE_URL)
    assert not broken, "Kaputte Adressen in sitemap.xml:\n" + "\n".join(broken)
