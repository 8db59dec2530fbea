"""Event pages, lists, calendar page, JSON-LD, Atom and open data of the built fixture site."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import feedparser
from bs4 import BeautifulSoup

SITE = "http://localhost:8000"


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def facts(soup: BeautifulSoup) -> dict[str, str]:
    dl = soup.select_one(".vr-event__facts")
    assert dl is not None
    return {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
            for dt in dl.find_all("dt")}


def jsonld(soup: BeautifulSoup) -> dict[str, object]:
    script = soup.select_one('script[type="application/ld+json"]')
    assert script is not None
    return json.loads(script.string)


# -- /veranstaltungen/ ------------------------------------------------------------------
def test_upcoming_list_is_grouped_by_month_soonest_first(built_site: Path) -> None:
    soup = page(built_site, "veranstaltungen")
    months = [h.get_text(strip=True) for h in soup.select(".vr-event-month > h2")]
    assert months[:3] == ["Dezember 2026", "Januar 2027", "Februar 2027"]
    titles = [a.get_text(strip=True) for a in soup.select(".vr-event-card__title a")]
    assert titles[0] == "Online-Sprechstunde"
    assert "Meetup im Herbst" not in titles  # past
    # a series appears once, with its next date
    assert titles.count("Reihe über die Zeitumstellung") == 1
    first = soup.select_one(".vr-event-card")
    assert first.select_one("time.dt-start").get_text(strip=True) == \
        "Di., 8. Dezember 2026, 10:00–11:30 Uhr"
    assert first.select_one("time.dt-start")["datetime"] == "2026-12-08T10:00:00+01:00"
    assert "online" in first.select_one(".p-location").get_text()
    assert first.select_one(".vr-event-card__registration").get_text(strip=True) == \
        "Anmeldung offen"


def test_cancelled_card_is_marked(built_site: Path) -> None:
    soup = page(built_site, "veranstaltungen")
    card = soup.select_one(".vr-event-card--cancelled")
    assert card is not None
    assert "Abgesagt" in card.select_one(".vr-event-card__title").get_text()
    assert card.select_one(".vr-event-card__registration").get_text(strip=True) == \
        "Anmeldung geschlossen"


def test_archive_is_newest_first_and_paginated(built_site: Path) -> None:
    first = page(built_site, "veranstaltungen/archiv")
    titles = [a.get_text(strip=True) for a in first.select(".vr-event-card__title a")]
    assert len(titles) == 20
    assert titles[:3] == ["Meetup im Herbst", "Meetup im Frühjahr", "Altes Treffen 21"]
    second = page(built_site, "veranstaltungen/archiv/seite/2")
    rest = [a.get_text(strip=True) for a in second.select(".vr-event-card__title a")]
    assert rest == ["Altes Treffen 3", "Altes Treffen 2", "Altes Treffen 1"]
    assert second.select_one('a[rel="prev"]')["href"] == "/veranstaltungen/archiv/"
    assert first.select_one('a[rel="next"]')["href"] == "/veranstaltungen/archiv/seite/2/"


# -- event pages ------------------------------------------------------------------------
def test_event_page_details(built_site: Path) -> None:
    soup = page(built_site, "veranstaltungen/dst-series")
    assert soup.select_one("h1.p-name").get_text(strip=True) == "Reihe über die Zeitumstellung"
    got = facts(soup)
    assert got["Teilnahme"] == "max. 12 Plätze"
    assert got["Kosten"] == "kostenlos"
    assert got["Barrierefreiheit"].startswith("Stufenloser Zugang")
    osm = soup.select_one('.p-location a[href^="https://www.openstreetmap.org/search"]')
    assert parse_qs(urlsplit(osm["href"]).query)["query"] == ["Hollestraße 3, 45127 Essen"]
    assert not soup.select("iframe, img[src^='http']")  # no embedded map
    assert soup.select_one('a[href="/rebellen/erika-gastgeberin/"]').get_text(strip=True) == \
        "Erika Gastgeberin"
    assert soup.select_one('a[href="/partner/essen/"]')
    assert soup.select_one('a[href="/themen/arbeitskultur/"]')
    dates = [t.get_text(strip=True) for t in soup.select(".vr-event__dates time[datetime]")
             if t.get_text(strip=True)]
    assert dates == ["Di., 9. März 2027, 18:00–19:30 Uhr", "Di., 16. März 2027, 18:00–19:30 Uhr",
                     "Di., 30. März 2027, 18:00–19:30 Uhr", "Di., 6. April 2027, 18:00–19:30 Uhr",
                     "Di., 13. April 2027, 18:00–19:30 Uhr"]
    assert soup.select_one(".vr-event__registration--waitlist .vr-button")["href"] == \
        "https://www.eventbrite.de/"


def test_registration_states(built_site: Path) -> None:
    def state(slug: str) -> str:
        box = page(built_site, f"veranstaltungen/{slug}").select_one(".vr-event__registration")
        return next(c for c in box["class"] if c.startswith("vr-event__registration--"))

    assert state("online-only").endswith("--open")
    assert state("allday-multiday").endswith("--full")
    assert state("commas-semicolons").endswith("--closed")  # deadline 20 Nov 2026 passed
    assert state("cancelled").endswith("--closed")
    assert not page(built_site, "veranstaltungen/commas-semicolons").select(
        ".vr-event__registration .vr-button")


def test_banners_for_cancelled_and_postponed(built_site: Path) -> None:
    cancelled = page(built_site, "veranstaltungen/cancelled")
    assert cancelled.select_one(".vr-banner--danger .vr-banner__title").get_text() == "Abgesagt"
    postponed = page(built_site, "veranstaltungen/postponed")
    assert postponed.select_one(".vr-banner--warning .vr-banner__title").get_text() == \
        "Verschoben"


def test_format_links_to_its_method_page(built_site: Path) -> None:
    soup = page(built_site, "veranstaltungen/long-umlauts-emoji")
    assert facts(soup)["Format"] == "Meetup"
    assert soup.select_one('.vr-event__facts a[href="/methoden/lean-coffee/"]')


def test_other_timezone_is_shown_with_german_time(built_site: Path) -> None:
    soup = page(built_site, "veranstaltungen/other-timezone")
    note = soup.select_one(".vr-event__when .vr-event-date__zone").get_text(strip=True)
    assert note == ("(Zeitzone America/New_York; in deutscher Zeit: 17:00–18:00 Uhr)")
    assert page(built_site, "veranstaltungen/dst-series").select_one(
        ".vr-event-date__zone") is None


def test_add_to_calendar_links(built_site: Path) -> None:
    soup = page(built_site, "veranstaltungen/long-umlauts-emoji")
    section = soup.select_one(".vr-event__calendar")
    links = {a.get_text(strip=True): a["href"] for a in section.select("a")}
    assert links["Termin als iCal-Datei (.ics)"] == "/veranstaltungen/long-umlauts-emoji/termin.ics"
    google = urlsplit(links["Google Kalender"])
    query = parse_qs(google.query)
    assert google.netloc == "calendar.google.com" and google.path == "/calendar/render"
    assert query["action"] == ["TEMPLATE"]
    assert query["dates"] == ["20270120T163000/20270120T190000"]
    assert query["ctz"] == ["Europe/Berlin"]
    assert query["location"] == ["Café Grün, Kettwiger Straße 1, 45127 Essen"]
    personal = urlsplit(links["Outlook.com (privates Konto)"])
    work = urlsplit(links["Outlook (Arbeits- oder Schulkonto, Microsoft 365)"])
    assert (personal.netloc, work.netloc) == ("outlook.live.com", "outlook.office.com")
    for link in (personal, work):
        outlook = parse_qs(link.query)
        assert outlook["startdt"] == ["2027-01-20T15:30:00Z"]
        assert outlook["rru"] == ["addevent"]


def test_all_day_google_link_uses_exclusive_end(built_site: Path) -> None:
    soup = page(built_site, "veranstaltungen/allday-multiday")
    href = soup.select_one('.vr-event__calendar a[href^="https://calendar.google.com"]')["href"]
    assert parse_qs(urlsplit(href).query)["dates"] == ["20270507/20270509"]


def test_search_attributes(built_site: Path) -> None:
    soup = page(built_site, "veranstaltungen/long-umlauts-emoji")
    main = soup.select_one("main[data-pagefind-body]")
    assert main.select_one('[data-pagefind-filter="Typ"]').get_text() == "Veranstaltung"
    assert main.select_one('[data-pagefind-filter="Format"]').get_text() == "Meetup"
    assert main.select_one('[data-pagefind-filter="Thema"]').get_text() == \
        "Neue Räume, Neue Arbeit"
    # Topic synonyms are search metadata (searched by Pagefind 1.5), never page text.
    synonyms = main.select_one('[data-pagefind-meta="stichwoerter"]')
    assert "Homeoffice" in synonyms.get_text()
    assert synonyms.has_attr("hidden") and synonyms.has_attr("data-pagefind-ignore")


def test_h_event_classes(built_site: Path) -> None:
    soup = page(built_site, "veranstaltungen/hybrid")
    root = soup.select_one(".h-event")
    for selector in (".p-name", ".dt-start", ".dt-end", ".p-location", ".e-description",
                     ".u-url", ".p-category"):
        assert root.select_one(selector) is not None, selector


# -- JSON-LD ----------------------------------------------------------------------------
def test_jsonld_event(built_site: Path) -> None:
    data = jsonld(page(built_site, "veranstaltungen/hybrid"))
    assert data["@type"] == "Event"
    assert data["name"] == "Hybride Werkstatt"
    assert data["startDate"] == "2027-01-27T14:00:00+01:00"
    assert data["endDate"] == "2027-01-27T16:00:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, virtual = data["location"]
    assert place["@type"] == "Place" and virtual["@type"] == "VirtualLocation"
    assert place["address"] == {"@type": "PostalAddress", "addressCountry": "DE",
                                "streetAddress": "Porscheplatz 1", "postalCode": "45127",
                                "addressLocality": "Essen"}
    assert data["organizer"] == [{"@type": "Organization", "name": "Stadt Essen",
                                  "url": "https://www.essen.de/"}]
    assert data["offers"]["price"] == "0" and data["offers"]["priceCurrency"] == "EUR"
    assert data["url"] == f"{SITE}/veranstaltungen/hybrid/"


def test_jsonld_status_availability_and_price(built_site: Path) -> None:
    cancelled = jsonld(page(built_site, "veranstaltungen/cancelled"))
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert cancelled["offers"]["availability"] == "https://schema.org/SoldOut"
    postponed = jsonld(page(built_site, "veranstaltungen/postponed"))
    assert postponed["eventStatus"] == "https://schema.org/EventPostponed"
    assert postponed["startDate"] == "2026-12-12"
    full = jsonld(page(built_site, "veranstaltungen/allday-multiday"))
    assert full["offers"]["availability"] == "https://schema.org/SoldOut"
    assert full["offers"]["price"] == "25"
    online = jsonld(page(built_site, "veranstaltungen/online-only"))
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert online["location"] == [{"@type": "VirtualLocation",
                                   "url": "https://meet.example.org/b/sprechstunde"}]
    assert online["offers"]["availability"] == "https://schema.org/InStock"
    assert online["maximumAttendeeCapacity"] == 40


def test_jsonld_cannot_break_out_of_the_script(built_site: Path) -> None:
    raw = (built_site / "veranstaltungen" / "long-umlauts-emoji" / "index.html").read_text()
    script = raw.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in script and ">" not in script and "&" not in script
    assert json.loads(script)["name"].startswith("Größenwahn 🎉")


# -- calendar page, Atom, open data ----------------------------------------------------
def test_calendar_page_has_subscribe_links_for_every_feed(built_site: Path) -> None:
    soup = page(built_site, "kalender")
    feeds = sorted(p.relative_to(built_site).as_posix()
                   for p in (built_site / "kalender").rglob("*.ics"))
    items = soup.select(".vr-event-feed")
    assert len(items) == len(feeds)
    for item in items:
        https = item.select_one(".vr-event-feed__url code").get_text()
        path = https.removeprefix(f"{SITE}/")
        assert path in feeds
        hrefs = [a["href"] for a in item.select("a")]
        assert f"webcal://localhost:8000/{path}" in hrefs
        google = next(h for h in hrefs if h.startswith("https://calendar.google.com/"))
        assert parse_qs(urlsplit(google).query)["cid"] == [f"webcal://localhost:8000/{path}"]
        for host in ("outlook.live.com", "outlook.office.com"):
            outlook = next(h for h in hrefs if urlsplit(h).netloc == host)
            assert urlsplit(outlook).path == "/calendar/0/addfromweb"
            assert parse_qs(urlsplit(outlook).query)["url"] == [https]
    text = soup.get_text(" ")
    for client in ("Google Kalender", "Outlook.com", "Microsoft 365", "Apple Kalender",
                   "Thunderbird"):
        assert client in text


def test_atom_feed(built_site: Path) -> None:
    parsed = feedparser.parse((built_site / "feeds" / "veranstaltungen.atom.xml").read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.title.startswith("Veranstaltungen")
    links = {entry.link for entry in parsed.entries}
    assert f"{SITE}/veranstaltungen/hybrid/" in links
    cancelled = next(e for e in parsed.entries if e.link.endswith("/cancelled/"))
    assert cancelled.title.startswith("ABGESAGT: Abgesagtes Meetup")


def test_open_data(built_site: Path, fixture_lab: object) -> None:
    data = json.loads((built_site / "daten" / "veranstaltungen.json").read_text())
    assert data["schema_version"] == 1
    assert len(data["events"]) == len(fixture_lab.events)  # type: ignore[attr-defined]
    by_id = {e["id"]: e for e in data["events"]}
    series = by_id["dst-series"]
    assert series["dates"][2] == {"start": "2027-03-30T18:00:00+02:00",
                                  "end": "2027-03-30T19:30:00+02:00"}
    assert series["registration"]["capacity"] == 12
    assert by_id["hybrid"]["attendance"] == "mixed"
    assert by_id["allday-single"]["dates"] == [{"start": "2027-06-01", "end": "2027-06-01"}]
    docs = page(built_site, "daten")
    assert docs.select_one('a[href="/daten/veranstaltungen.json"]')
    assert docs.select_one('a[href="/daten/rebellen.json"]')
    documented = {code.get_text() for code in docs.select("#veranstaltungen dt code")}
    assert set(series) <= documented


def test_home_page_shows_the_next_three(built_site: Path) -> None:
    soup = BeautifulSoup((built_site / "index.html").read_text(), "lxml")
    cards = soup.select(".vr-event-card")
    assert [c.select_one(".vr-event-card__title a")["href"] for c in cards] == [
        "/veranstaltungen/online-only/", "/veranstaltungen/cancelled/",
        "/veranstaltungen/postponed/"]
