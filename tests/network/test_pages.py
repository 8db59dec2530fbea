"""The network in the built site: listing with both lists, hubs, netzwerk.ics, widgets."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import icalendar
import pytest
from bs4 import BeautifulSoup

from tests.network.test_snapshot import NODE_SCRIPT, utc
from tests.support.site import REPO

WIDGET_LIMIT = 10 * 1024


def soup(output: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((output / path).read_text(encoding="utf-8"), "html.parser")


def cards(page: BeautifulSoup) -> list[tuple[str, str, str | None]]:
    """(title, link, source) of every event card in order."""
    found = []
    for card in page.select(".vr-event-card"):
        link = card.select_one(".vr-event-card__title a")
        source = card.select_one(".vr-event-card__source")
        found.append((link.get_text(" ", strip=True), link["href"],
                      source.get_text(strip=True) if source else None))
    return found


def test_listing_shows_outside_events_beside_ours_marked_and_linking_out(
        network_site: Path) -> None:
    found = cards(soup(network_site, "veranstaltungen/index.html"))
    titles = [title for title, _, _ in found]
    assert ("Agile Verwaltung: offene Sprechstunde", "https://agile.example/termine/",
            "Aus dem Netzwerk: Agile Verwaltung Ruhr") in found
    assert ("Webinar: Nutzerzentrierte Formulare",
            "https://verwaltung-digital.example/veranstaltung/webinar-formulare/",
            "Aus dem Netzwerk: Verwaltung digital e.V.") in found
    # ours and theirs in one order of dates (month groups), ours without a source
    assert titles.index("Meetup im Labor") < titles.index("Digital-Lotsen-Runde") \
        < titles.index("Zirkel Öffentlicher Dienst (verlegt)")
    assert ("Meetup im Labor", "/veranstaltungen/lab-meetup/", None) in found
    # no page of ours per outside event, no registration of ours
    assert not (network_site / "veranstaltungen" / "agile-verwaltung").exists()


def test_an_event_that_is_ours_and_in_a_feed_appears_once_as_ours(network_site: Path) -> None:
    found = cards(soup(network_site, "veranstaltungen/index.html"))
    # same title and start (Mobilizon)
    assert [c for c in found if c[0] == "Civic Tech Meetup Essen"] == [
        ("Civic Tech Meetup Essen", "/veranstaltungen/civic-tech-meetup/", None)]
    # same UID (Gancio)
    assert not [c for c in found if "Gancio" in c[0] or (c[2] or "").endswith("Gancio Ruhr")]
    assert ("Repair-Café mit dem Labor", "/veranstaltungen/repair-cafe/", None) in found


def test_cancelled_outside_events_stay_marked_and_the_moved_one_at_its_new_date(
        network_site: Path) -> None:
    page = soup(network_site, "veranstaltungen/index.html")
    cancelled = [card for card in page.select(".vr-event-card--network")
                 if card.select_one(".vr-badge--danger")]
    assert sorted(c.select_one(".vr-event-card__title a").get_text(" ", strip=True)
                  for c in cancelled) == ["Abgesagt: Civic Tech Meetup Essen (März)",
                                          "Abgesagt: Zirkel Öffentlicher Dienst"]
    moved = next(card for card in page.select(".vr-event-card--network")
                 if "(verlegt)" in card.get_text())
    assert moved.select_one("time")["datetime"] == "2027-01-14T19:00:00+01:00"
    assert moved.select_one("time").get_text() == "Do., 14. Januar 2027, 19:00–20:30 Uhr"


def test_two_static_lists_let_readers_choose_without_javascript(network_site: Path) -> None:
    with_network = soup(network_site, "veranstaltungen/index.html")
    lab_only = soup(network_site, "veranstaltungen/nur-labor/index.html")
    for page, current in ((with_network, "mit Netzwerk"), (lab_only, "nur Labor")):
        links = page.select("nav.vr-event-switch a")
        assert [(a.get_text(), a["href"]) for a in links] == [
            ("mit Netzwerk", "/veranstaltungen/"), ("nur Labor", "/veranstaltungen/nur-labor/")]
        assert [a.get_text() for a in page.select('nav.vr-event-switch a[aria-current="page"]')
                ] == [current]
    assert not lab_only.select(".vr-event-card--network")
    assert {t for t, _, s in cards(lab_only)} == {t for t, _, s in cards(with_network)
                                                 if s is None}


def test_topic_hubs_and_partner_pages_show_the_feeds_events(network_site: Path) -> None:
    topic = cards(soup(network_site, "themen/arbeitskultur/index.html"))
    assert ("Agile Verwaltung: offene Sprechstunde", "https://agile.example/termine/",
            "Aus dem Netzwerk: Agile Verwaltung Ruhr") in topic
    assert ("Meetup im Labor", "/veranstaltungen/lab-meetup/", None) in topic
    wesel = cards(soup(network_site, "partner/kreis-wesel/index.html"))
    assert {title for title, _, _ in wesel} >= {"Digital-Lotsen-Runde",
                                               "Tag der offenen Verwaltung"}
    luenen = cards(soup(network_site, "partner/luenen/index.html"))
    assert "Zirkel Öffentlicher Dienst (verlegt)" in {title for title, _, _ in luenen}
    vernetzung = cards(soup(network_site, "themen/vernetzung/index.html"))
    assert all(source is None for _, _, source in vernetzung)


def vevents(path: Path) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_netzwerk_ics_holds_ours_and_theirs_with_source_and_url(network_site: Path) -> None:
    events = vevents(network_site / "kalender" / "netzwerk.ics")
    uids = {str(e["UID"]) for e in events}
    assert "lab-meetup@verwaltungsrebellen-labor.de" in uids
    assert "42@gancio.example" in uids  # ours (repair-cafe.yaml), once
    assert sum(str(e["UID"]) == "42@gancio.example" for e in events) == 1
    google = [e for e in events if str(e["UID"]) == "5f2k9a1c0d3e4b6a8c7e@google.com"]
    assert len(google) == 6 and all("RECURRENCE-ID" in e for e in google)
    single = next(e for e in events if str(e["UID"]) == "0a9b8c7d6e5f@google.com")
    assert "RECURRENCE-ID" not in single
    assert single["CATEGORIES"].cats == ["Agile Verwaltung Ruhr"]
    assert str(single["URL"]) == "https://agile.example/termine/"
    assert str(single["DESCRIPTION"]).startswith("Aus dem Netzwerk: Agile Verwaltung Ruhr\n\n")
    hostile = next(e for e in events if str(e["UID"]) == "hostile-2@angreifer.example")
    assert hostile["CATEGORIES"].cats == ["Angreifer <script>alert(1)</script>"]
    cancelled = next(e for e in events if "(März)" in str(e["SUMMARY"]))
    assert (str(cancelled["STATUS"]), str(cancelled["SUMMARY"])) == (
        "CANCELLED", "ABGESAGT: Civic Tech Meetup Essen (März)")
    for event in events:
        assert urlsplit(str(event["URL"])).scheme in ("http", "https")


def test_the_existing_feeds_stay_the_labs_own(network_site: Path) -> None:
    outside = {"5f2k9a1c0d3e4b6a8c7e@google.com", "hostile-2@angreifer.example"}
    for path in (network_site / "kalender").rglob("*.ics"):
        if path.name != "netzwerk.ics":
            assert not outside & {str(e["UID"]) for e in vevents(path)}, path
    data = json.loads((network_site / "daten" / "veranstaltungen.json").read_text("utf-8"))
    assert {event["title"] for event in data["events"]} == {
        "Civic Tech Meetup Essen", "Repair-Café mit dem Labor", "Meetup im Labor"}


def test_netzwerk_ics_expands_alike_in_icaljs_and_python(network_site: Path) -> None:
    node = shutil.which("node")
    assert node and (REPO / "node_modules" / "ical.js").is_dir()
    path = network_site / "kalender" / "netzwerk.ics"
    result = subprocess.run([node, str(NODE_SCRIPT), "2026-01-01", "2028-12-31", str(path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    icaljs = {(i["uid"], i["start"], i["end"]) for i in json.loads(result.stdout)[str(path)]}
    python = {(str(e["UID"]), utc(e["DTSTART"].dt), utc(e["DTEND"].dt))
              for e in vevents(path)}
    assert icaljs == python


def test_calendar_page_offers_the_network_feed(network_site: Path) -> None:
    page = soup(network_site, "kalender/index.html")
    section = page.select_one("#kalender-netzwerk").parent
    links = [a["href"] for a in section.select("a")]
    assert "webcal://localhost:8000/kalender/netzwerk.ics" in links
    assert "/kalender/netzwerk.ics" in links


def html_files(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def test_nothing_from_outside_can_run_script_or_load_from_another_host(
        network_site: Path) -> None:
    for path in html_files(network_site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in page.find_all("script"):
            assert "alert" not in script.get_text() and not script.get("src", "").startswith(
                ("http:", "https:", "//")), path
        for element in page.find_all(True):
            assert not [a for a in element.attrs if a.lower().startswith("on")], path
            for attribute in ("src", "srcset", "poster", "data"):
                value = element.get(attribute)
                if value:
                    assert not re.match(r"^(https?:)?//", value), (path, element)
        for link in page.find_all("a", href=True):
            assert not link["href"].lower().startswith(("javascript:", "data:")), path
        for frame in page.find_all("iframe"):
            assert frame["src"].startswith("/"), path


@pytest.fixture(scope="module")
def widgets(network_site: Path) -> list[Path]:
    return sorted((network_site / "widget").rglob("index.html"))


def test_a_widget_for_alle_and_every_calendar_feed(network_site: Path,
                                                   widgets: list[Path]) -> None:
    feeds = sorted(p.relative_to(network_site / "kalender").with_suffix("").as_posix()
                   for p in (network_site / "kalender").rglob("*.ics")
                   if p.name != "netzwerk.ics")
    assert sorted(p.parent.relative_to(network_site / "widget").as_posix()
                  for p in widgets) == feeds


def test_widget_pages_are_small_static_and_open_links_in_the_parent(widgets: list[Path]) -> None:
    for path in widgets:
        raw = path.read_bytes()
        assert len(raw) < WIDGET_LIMIT, path
        page = BeautifulSoup(raw, "html.parser")
        assert page.html["lang"] == "de" and page.title.get_text().strip()
        assert page.select_one("h1") and not page.find("script")
        assert not page.find("link", rel="stylesheet") and not page.find("img")
        links = page.find_all("a")
        assert links and all(a.get("target") == "_top" for a in links), path
        style = page.find("style").string
        assert "prefers-color-scheme:dark" in style and "color-scheme:light dark" in style
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        # Pagefind indexes only pages that opt in with data-pagefind-body
        assert not page.select("[data-pagefind-body]"), path


def test_widget_csp_admits_exactly_its_inline_style(widgets: list[Path]) -> None:
    from rebellab.sitebase.csp import style_source as style_hash

    page = BeautifulSoup(widgets[0].read_bytes(), "html.parser")
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert policy == (f"default-src 'none'; style-src {style_hash(page.find('style').string)};"
                      " base-uri 'none'; form-action 'none'")


def test_widget_lists_the_next_events(network_site: Path) -> None:
    page = soup(network_site, "widget/alle/index.html")
    assert [a.get_text() for a in page.select("h2 a")] == [
        "Meetup im Labor", "Repair-Café mit dem Labor", "Civic Tech Meetup Essen"]
    assert page.select_one("h2 a")["href"] == "/veranstaltungen/lab-meetup/"


def test_widgets_are_not_in_the_sitemap(network_site: Path) -> None:
    sitemap = (network_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/widget/" not in sitemap
    assert "/einbetten/" in sitemap


def test_embed_page_explains_both_ways_with_ready_code(network_site: Path) -> None:
    page = soup(network_site, "einbetten/index.html")
    assert page.html["lang"] == "de"
    codes = [code.get_text() for code in page.select("pre code")]
    iframe = BeautifulSoup(codes[0], "html.parser").find("iframe")
    assert iframe["src"] == "http://localhost:8000/widget/alle/"
    assert iframe["title"] == "Nächste Termine des Verwaltungsrebellen-Labors"
    assert iframe["height"] == "420" and iframe["loading"] == "lazy"
    assert "width: 100%" in iframe["style"]
    snippet = BeautifulSoup(codes[1], "html.parser")
    assert not snippet.find(["script", "iframe", "style", "img"])
    assert [a["href"] for a in snippet.find_all("a")] == [
        "http://localhost:8000/veranstaltungen/", "webcal://localhost:8000/kalender/alle.ics",
        "http://localhost:8000/kalender/"]
    # A link, not a framed preview: our pages frame nothing (CSP has no frame-src).
    assert not page.find("iframe")
    assert page.select_one("a.vr-embed-preview")["href"] == "/widget/alle/"
    addresses = [code.get_text() for code in page.select(".vr-embed-widgets tbody td code")]
    assert sorted(addresses) == sorted(
        "http://localhost:8000/" + p.parent.relative_to(network_site).as_posix() + "/"
        for p in (network_site / "widget").rglob("index.html"))


MOVED = {
    "EVENTS_LAB_ONLY_URL": "termine/eigene/",
    "EVENTS_LAB_ONLY_SAVE_AS": "termine/eigene/index.html",
    "CALENDAR_FEED_NETWORK": "abo/mit-netzwerk.ics",
    "EMBED_URL": "fuer-partner/", "EMBED_SAVE_AS": "fuer-partner/index.html",
    "WIDGET_URL": "rahmen/{slug}.html", "WIDGET_SAVE_AS": "rahmen/{slug}.html",
    "SITEMAP_EXCLUDE": ("rahmen/*",),
}


def test_the_network_pages_follow_their_url_settings(tmp_path: Path) -> None:
    from tests.network.conftest import SITE
    from tests.quality.links import broken_links
    from tests.support.site import build_site, copy_tree, make_root

    root = copy_tree(SITE, make_root(tmp_path))
    output = tmp_path / "output"
    result = build_site(root, output, overrides=MOVED)
    assert result.returncode == 0, result.stderr
    for path in ("termine/eigene/index.html", "abo/mit-netzwerk.ics",
                 "fuer-partner/index.html", "rahmen/alle.html", "rahmen/format/meetup.html"):
        assert (output / path).is_file(), path
    for path in ("veranstaltungen/nur-labor", "kalender/netzwerk.ics", "einbetten", "widget"):
        assert not (output / path).exists(), path
    switch = soup(output, "veranstaltungen/index.html").select("nav.vr-event-switch a")
    assert [a["href"] for a in switch] == ["/veranstaltungen/", "/termine/eigene/"]
    embed = soup(output, "fuer-partner/index.html")
    assert embed.select_one("a.vr-embed-preview")["href"] == "/rahmen/alle.html"
    assert "/rahmen/" not in (output / "sitemap.xml").read_text(encoding="utf-8")
    # (the fixture has no legal pages; only links to the moved pages count here)
    broken, _ = broken_links(output, "http://localhost:8000")
    moved = ("/rahmen/", "/termine/", "/fuer-partner/", "/abo/")
    assert [b for b in broken if b.reference.startswith(moved)] == []
    links = {a["href"] for path in output.rglob("*.html")
             for a in BeautifulSoup(path.read_bytes(), "html.parser").find_all("a", href=True)}
    assert {"/termine/eigene/", "/abo/mit-netzwerk.ics", "/fuer-partner/"} <= links


def test_the_network_pages_pass_the_nu_html_checker(network_site: Path) -> None:
    from tests.quality.test_html_validity import describe, run_vnu

    errors = run_vnu(network_site)
    assert [describe(message, network_site) for message in errors] == []


def test_the_listing_shows_only_the_nearest_outside_dates_and_says_where_the_rest_are(
        tmp_path: Path) -> None:
    from tests.network.conftest import SITE
    from tests.support.site import build_site, copy_tree, make_root

    root = copy_tree(SITE, make_root(tmp_path))
    output = tmp_path / "output"
    result = build_site(root, output, overrides={"NETWORK_LISTING_LIMIT": 2})
    assert result.returncode == 0, result.stderr
    listing = soup(output, "veranstaltungen/index.html")
    cards = listing.select(".vr-event-list .vr-event-card--network")
    assert len(cards) == 2
    hint = listing.select_one("p.vr-hint")
    assert "die nächsten 2 Termine aus dem Netzwerk" in hint.get_text(" ", strip=True)
    assert hint.find("a")["href"] == "/kalender/"
    # the network calendar keeps every outside date
    feed = icalendar.Calendar.from_ical((output / "kalender/netzwerk.ics").read_bytes())
    sources = [str(e.get("CATEGORIES").cats[0]) for e in feed.walk("VEVENT")
               if e.get("CATEGORIES")]
    assert len(sources) > 2
