"""Gate: no broken internal links, missing assets or missing anchors anywhere in the output."""

from __future__ import annotations

from pathlib import Path

import pelicanconf
from tests.quality.links import broken_links

FIXTURES = Path(__file__).parent / "fixtures"


def test_link_checker_finds_every_kind_of_broken_reference():
    broken, checked = broken_links(FIXTURES / "links", "http://localhost:8000")
    assert [str(problem) for problem in broken] == [
        "index.html:7: /js/fehlt.js – /js/fehlt.js fehlt in der Ausgabe",
        "index.html:14: /blog/beitrag/#gibt-es-nicht – kein Element mit id='gibt-es-nicht' "
        "auf blog/beitrag/index.html",
        "index.html:15: http://localhost:8000/blog/fehlt/ – /blog/fehlt/ fehlt in der Ausgabe",
        "index.html:19: #oben – kein Element mit id='oben' auf index.html",
        "index.html:20: /bilder/fehlt.png – /bilder/fehlt.png fehlt in der Ausgabe",
        "index.html:21: /bilder/gross.webp – /bilder/gross.webp fehlt in der Ausgabe",
    ]
    assert checked == 17


def test_no_broken_internal_links_or_missing_assets(site_output):
    broken, checked = broken_links(site_output, pelicanconf.SITE_ABSOLUTE_URL)
    assert checked > 0
    assert not broken, (f"{len(broken)} kaputte interne Verweise (Seite:Zeile: Ziel – Grund):\n"
                        + "\n".join(map(str, broken)))
