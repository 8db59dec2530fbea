"""One URL scheme: changing a page type's ``*_URL``/``*_SAVE_AS`` moves its pages and links.

The repository's content is built with new places for events, profiles, methods, projects
and topics; every page, link, iCal ``URL``, JSON-LD ``url``, sitemap entry and open-data
record must follow, and the link gate must find nothing broken.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import icalendar
import pytest
from bs4 import BeautifulSoup

from tests.foundation.helpers import ABSOLUTE_URL
from tests.quality.links import broken_links, broken_sitemap_entries
from tests.support.site import REPO, build_site

MOVED = {
    "EVENT_URL": "termine/{slug}/",
    "EVENT_SAVE_AS": "termine/{slug}/index.html",
    "EVENT_ICS_URL": "termine/{slug}/kalender.ics",
    "EVENT_ICS_SAVE_AS": "termine/{slug}/kalender.ics",
    "PROFILE_URL": "leute/{slug}.html",
    "PROFILE_SAVE_AS": "leute/{slug}.html",
    "METHOD_URL": "werkzeuge/{slug}/",
    "METHOD_SAVE_AS": "werkzeuge/{slug}/index.html",
    "PROJECT_URL": "projekte/{slug}/",
    "PROJECT_SAVE_AS": "projekte/{slug}/index.html",
    "TOPIC_URL": "schwerpunkte/{slug}/",
    "TOPIC_SAVE_AS": "schwerpunkte/{slug}/index.html",
}
EVENT = "2027-01-zirkel-neue-arbeit"
PROFILE = "anna-beispiel"
METHOD = "lean-coffee"
PROJECT = "digital-lotsen-netzwerk"
TOPIC = "neue-arbeit"
# Posts and answers link single pages by hand ("[Lean Coffee](/methoden/lean-coffee/)");
# whoever moves a page type updates them, as the fixture does here.
HAND_LINKS = {r"/methoden/([\w-]+)/": r"/werkzeuge/\1/", r"/themen/([\w-]+)/": r"/schwerpunkte/\1/",
              r"/veranstaltungen/([\w-]+)/": r"/termine/\1/",
              r"/vorhaben/([\w-]+)/": r"/projekte/\1/", r"/rebellen/([\w-]+)/": r"/leute/\1.html"}


@pytest.fixture(scope="module")
def moved_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's content and data, built with the URL settings of ``MOVED``."""
    base = tmp_path_factory.mktemp("moved-urls")
    root = base / "site"
    for folder in ("content", "data"):
        shutil.copytree(REPO / folder, root / folder)
    for markdown in (root / "content").rglob("*.md"):
        text = markdown.read_text(encoding="utf-8")
        for old, new in HAND_LINKS.items():
            text = re.sub(r"\]\(" + old + r"\)", "](" + new + ")", text)
        markdown.write_text(text, encoding="utf-8")
    output = base / "output"
    result = build_site(root, output, overrides=MOVED,
                        env={"SITE_ABSOLUTE_URL": ABSOLUTE_URL})
    assert result.returncode == 0, f"Build fehlgeschlagen:\n{result.stdout}\n{result.stderr}"
    return output


def test_pages_move_to_the_new_places(moved_site: Path) -> None:
    moved = [f"termine/{EVENT}/index.html", f"termine/{EVENT}/kalender.ics",
             f"leute/{PROFILE}.html", f"werkzeuge/{METHOD}/index.html",
             f"projekte/{PROJECT}/index.html", f"schwerpunkte/{TOPIC}/index.html"]
    old = [f"veranstaltungen/{EVENT}/index.html", f"veranstaltungen/{EVENT}/termin.ics",
           f"rebellen/{PROFILE}/index.html", f"methoden/{METHOD}/index.html",
           f"vorhaben/{PROJECT}/index.html", f"themen/{TOPIC}/index.html"]
    assert [path for path in moved if not (moved_site / path).is_file()] == []
    assert [path for path in old if (moved_site / path).exists()] == []


def test_no_link_points_to_a_missing_page(moved_site: Path) -> None:
    broken, checked = broken_links(moved_site, ABSOLUTE_URL)
    assert checked > 0
    assert [str(problem) for problem in broken] == []
    assert broken_sitemap_entries(moved_site, ABSOLUTE_URL) == []


def test_links_on_other_pages_follow(moved_site: Path) -> None:
    event = BeautifulSoup((moved_site / f"termine/{EVENT}/index.html").read_text(), "html.parser")
    hrefs = {a["href"] for a in event.select("a[href]")}
    assert f"/schwerpunkte/{TOPIC}/" in hrefs
    assert f"/termine/{EVENT}/kalender.ics" in hrefs
    listing = BeautifulSoup((moved_site / "veranstaltungen/index.html").read_text(),
                            "html.parser")
    assert f"/termine/{EVENT}/" in {a["href"] for a in listing.select("a[href]")}
    profile = BeautifulSoup((moved_site / f"leute/{PROFILE}.html").read_text(), "html.parser")
    assert profile.select_one('link[rel="canonical"]')["href"] == \
        f"{ABSOLUTE_URL}/leute/{PROFILE}.html"


def test_calendar_json_ld_sitemap_and_open_data_follow(moved_site: Path) -> None:
    page = f"{ABSOLUTE_URL}/termine/{EVENT}/"
    calendar = icalendar.Calendar.from_ical((moved_site / f"termine/{EVENT}/kalender.ics")
                                            .read_bytes())
    assert {str(e["URL"]) for e in calendar.walk("VEVENT")} == {page}
    assert str(calendar["SOURCE"]) == f"{page}kalender.ics"
    html = BeautifulSoup((moved_site / f"termine/{EVENT}/index.html").read_text(),
                         "html.parser")
    jsonld = json.loads(html.select_one('script[type="application/ld+json"]').string)
    assert jsonld["url"] == page
    sitemap = (moved_site / "sitemap.xml").read_text()
    assert f"<loc>{page}</loc>" in sitemap
    assert f"/veranstaltungen/{EVENT}/" not in sitemap
    events = json.loads((moved_site / "daten/veranstaltungen.json").read_text())["events"]
    record = next(e for e in events if e["id"] == EVENT)
    assert (record["url"], record["ical"]) == (page, f"{page}kalender.ics")
    people = json.loads((moved_site / "daten/rebellen.json").read_text())["profiles"]
    assert next(p for p in people if p["slug"] == PROFILE)["url"] == \
        f"{ABSOLUTE_URL}/leute/{PROFILE}.html"
