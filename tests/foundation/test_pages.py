"""Site-wide page furniture and the repository's own starter content."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import pelicanconf
from tests.foundation.helpers import ABSOLUTE_URL, html_pages, soup
from tests.support.site import REPO

LEGAL_LINKS = {"/impressum/", "/datenschutz/", "/barrierefreiheit/", "/barriere-melden/",
               "/kalender/"}
NAVIGATION = ["/blog/", "/veranstaltungen/", "/rebellen/", "/methoden/", "/themen/",
              "/vorhaben/", "/materialien/", "/fragen/", "/partner/", "/ueber/"]


def test_every_page_has_canonical_opengraph_footer_and_navigation(starter_site: Path) -> None:
    pages = html_pages(starter_site)
    assert len(pages) > 20
    for file in pages:
        relative = file.relative_to(starter_site).as_posix()
        page = soup(starter_site, relative)
        expected_url = f"{ABSOLUTE_URL}/{relative.removesuffix('index.html')}"
        assert page.html["lang"] == "de", relative
        assert page.select_one('link[rel="canonical"]')["href"] == expected_url, relative
        assert page.select_one('meta[property="og:url"]')["content"] == expected_url, relative
        for prop in ("og:title", "og:description", "og:type", "og:site_name"):
            assert page.select_one(f'meta[property="{prop}"]')["content"].strip(), (relative, prop)
        footer = {a["href"] for a in page.select("footer a")}
        assert footer >= LEGAL_LINKS, relative
        assert any(href.endswith("CONTRIBUTING.md") for href in footer), relative
        assert [a["href"] for a in page.select(".vr-nav a")] == NAVIGATION, relative
        # No texts in Leichter Sprache in this fixture: only the DGS page is linked.
        access = page.select("header nav.vr-access a")
        assert [(a["href"], a.get_text(strip=True)) for a in access] == \
            [("/gebaerdensprache/", "Gebärdensprache")], relative
        assert access[0].svg["aria-hidden"] == "true", relative
        assert page.select_one('a.vr-skip-link[href="#vr-main"]'), relative
        search = page.select_one('form[role="search"]')
        assert (search["action"], search["method"], search.input["name"]) == \
            ("/suche/", "get", "q"), relative


@pytest.mark.parametrize(("path", "kind"), [
    ("impressum/", "Impressum"), ("datenschutz/", "Datenschutzerklärung"),
    ("barrierefreiheit/", "Erklärung zur Barrierefreiheit")])
def test_legal_pages_mark_placeholders_visibly(starter_site: Path, path: str, kind: str) -> None:
    page = soup(starter_site, path)
    assert page.h1.get_text() == kind
    marks = page.select("main mark.vr-placeholder")
    assert marks and all(m.get_text().startswith("Platzhalter:") for m in marks)
    assert page.select_one("main .vr-banner--warning")
    # The raw marker never shows as a bare value outside a placeholder mark.
    for text in page.main.find_all(string=re.compile("PLATZHALTER")):
        assert text.find_parent("mark"), text


def test_impressum_names_the_legal_bases(starter_site: Path) -> None:
    text = soup(starter_site, "impressum/").main.get_text()
    assert "§ 5 Digitale-Dienste-Gesetz" in text
    assert "§ 18 Abs. 2 Medienstaatsvertrag" in text


def test_accessibility_statement_has_feedback_and_schlichtungsstelle(starter_site: Path) -> None:
    page = soup(starter_site, "barrierefreiheit/")
    text = page.main.get_text()
    assert "BITV 2.0" in text and "BITV NRW" in text
    assert "innerhalb eines Monats" in text
    assert page.select_one('main a[href="https://www.schlichtungsstelle-bgg.de/"]')
    assert page.select_one("#feedback") and page.select_one("#schlichtung")
    # The body named for arbitration comes from ACCESSIBILITY_ARBITRATION: the NRW one.
    body = page.select_one("#schlichtung").find_next("address")
    assert body.get_text(" ", strip=True).startswith(pelicanconf.ACCESSIBILITY_ARBITRATION["name"])
    assert body.select_one('a[href="https://www.lbbp.nrw.de/ombudsstelle"]')
    feedback = page.select_one("#feedback").parent
    assert feedback.select_one('a[href="/barriere-melden/"]')
    assert feedback.select_one(f'a[href="{pelicanconf.REPOSITORY_URL}/issues/new?'
                               'template=barriere.yml"]')
    mailto = feedback.select_one('a[href^="mailto:"]')["href"]
    # the e-mail twin of the issue form barriere.yml: one line per form field
    assert mailto.startswith(f"mailto:{pelicanconf.EDITORIAL_EMAIL}?subject=Barriere%20melden"
                             "&body=")
    assert "%0D%0ASeite%2A%3A%20" in mailto


def test_barrier_report_page_offers_both_ways_and_the_promise(starter_site: Path) -> None:
    page = soup(starter_site, "barriere-melden/")
    assert page.h1.get_text() == "Barriere melden"
    assert "innerhalb eines Monats" in page.main.get_text()
    assert page.select_one('main a[href^="mailto:"][href*="subject=Barriere%20melden"]')
    assert page.select_one('main a[href$="/issues/new?template=barriere.yml"]')
    assert page.select_one("main #schlichtung")


def test_privacy_statement_covers_what_is_processed(starter_site: Path) -> None:
    text = soup(starter_site, "datenschutz/").main.get_text()
    for phrase in ("keine Cookies", "keine Analyse- oder Tracking-Werkzeuge", "IP-Adresse",
                   "ausdrücklichen Einwilligung", "Pull Request", "keine Anfragen an Dritte"):
        assert phrase in text, phrase
    # Everyone who processes data: the host, the mail provider, GitHub for forms.
    recipients = soup(starter_site, "datenschutz/").select_one(
        "#wer-daten-verarbeitet-wenn-sie-die-website-nutzen").find_next("ul").get_text()
    for phrase in ("GitHub Pages", "E-Mail-Anbieter der Redaktion", "Formular auf GitHub",
                   "Sonst niemand"):
        assert phrase in recipients, phrase


def test_about_page_at_ueber(starter_site: Path) -> None:
    page = soup(starter_site, "ueber/")
    assert page.h1.get_text() == "Über das Labor"
    headings = [h.get_text() for h in page.select("main h2")]
    assert "Unsere Haltung" in headings
    assert page.select_one('.vr-nav a[href="/ueber/"]')["aria-current"] == "page"


def test_home_page(starter_site: Path) -> None:
    page = soup(starter_site, "")
    assert page.select_one('link[rel="canonical"]')["href"] == f"{ABSOLUTE_URL}/"
    assert len(page.select("section[aria-labelledby=bausteine] ol > li")) == 3
    posts = page.select("section[aria-labelledby=neu-im-blog] .vr-card__title a")
    assert [a["href"] for a in posts] == [
        "/blog/2020/neue-raeume-neue-arbeit-und-digital-lotsen-die-ersten-handlungsfelder/",
        "/blog/2020/einladung-zum-ersten-offenen-verwaltungsrebellen-meetup/",
        "/blog/2020/das-verwaltungsrebellen-labor-startet/"]
    dates = page.select("section[aria-labelledby=neu-im-blog] time")
    assert [t.get_text() for t in dates] == ["8. September 2020", "27. August 2020",
                                             "20. August 2020"]


def test_home_page_without_events_says_so(blog_site: Path) -> None:
    section = soup(blog_site, "").select_one("section[aria-labelledby=termine]")
    assert "Zurzeit sind keine Termine geplant" in section.get_text()
    assert section.select_one('a[href="/veranstaltungen/"]')


REQUIRED_METADATA = ("Title", "Date", "Category", "Tags", "Authors", "Summary")


def test_starter_posts_have_complete_metadata() -> None:
    posts = sorted((REPO / "content" / "blog").glob("*.md"))
    assert len(posts) >= 3
    for post in posts:
        header = post.read_text(encoding="utf-8").split("\n\n", 1)[0]
        keys = {line.split(":", 1)[0] for line in header.splitlines()}
        assert set(REQUIRED_METADATA) <= keys, post.name
        assert "Entwurf" not in post.read_text(encoding="utf-8"), post.name


def test_gender_star_survives_in_posts(starter_site: Path) -> None:
    post = "blog/2020/einladung-zum-ersten-offenen-verwaltungsrebellen-meetup/"
    body = soup(starter_site, post).select_one(".vr-article__content")
    assert "Kolleg*innen" in body.get_text() and "Mitstreiter*innen" in body.get_text()
    assert not body.find("em")


@pytest.mark.parametrize(("path", "form"), [("veranstaltungen/", "veranstaltung.yml"),
                                            ("rebellen/", "profil.yml")])
def test_pages_that_offer_a_form_offer_the_email_way_first(starter_site: Path, path: str,
                                                           form: str) -> None:
    ways = soup(starter_site, path).select("main ul.vr-form-ways a")
    assert [a["href"].split(":", 1)[0] for a in ways] == ["mailto", "https"]
    assert ways[0]["href"].startswith(f"mailto:{pelicanconf.EDITORIAL_EMAIL}?subject=")
    assert ways[1]["href"] == f"{pelicanconf.REPOSITORY_URL}/issues/new?template={form}"
