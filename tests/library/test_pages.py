"""Every library page type renders, and the cross-links point to the right things.

The "hub" fixture site (today 2026-11-24) has two methods, three blog posts, three events
(two upcoming), two profiles, three projects, one material and two questions.
"""

from __future__ import annotations

import pytest

from pelicanconf import QUESTIONS_ASK_URL

LIBRARY_PAGES = {
    "methoden/": "Seite",
    "methoden/lean-coffee/": "Methode",
    "themen/": "Seite",
    "themen/neue-arbeit/": "Thema",
    "partner/": "Seite",
    "partner/essen/": "Seite",
    "vorhaben/": "Seite",
    "vorhaben/raum-essen/": "Vorhaben",
    "materialien/": "Material",
    "fragen/": "Frage",
}


def hrefs(node) -> list[str]:
    return [a["href"] for a in node.select("a[href]")]


def titles(node, selector: str) -> list[str]:
    return [element.get_text(" ", strip=True) for element in node.select(selector)]


@pytest.mark.parametrize(("url", "search_type"), LIBRARY_PAGES.items())
def test_page_renders_with_one_h1_and_search_type(page, url, search_type):
    soup = page(url)
    assert soup.html["lang"] == "de"
    assert len(soup.select("main h1")) == 1
    assert soup.select_one('[data-pagefind-filter="Typ"]').get_text() == search_type


@pytest.mark.parametrize("url", ["vorhaben/status/idee/", "vorhaben/thema/neue-arbeit/"])
def test_filtered_project_views_are_not_indexed_twice(page, url):
    assert page(url).select_one("[data-pagefind-body]") is None


# Methods ---------------------------------------------------------------------------------

def test_method_summary_box(page):
    box = page("methoden/lean-coffee/").select_one(".vr-method__summary")
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in box.select("dt")}
    assert list(facts) == ["Dauer", "Gruppengröße", "Material", "Vorbereitung", "Genutzt in",
                           "Themen"]
    assert facts["Dauer"].get_text(strip=True) == "90 Minuten"
    assert titles(facts["Material"], "li") == ["Haftnotizen", "Klebepunkte", "Timer"]
    assert facts["Genutzt in"].get_text(strip=True) == "Meetup"
    assert hrefs(facts["Themen"]) == ["/themen/neue-arbeit/", "/themen/vernetzung/"]


def test_method_steps_are_an_ordered_list_then_tips(page):
    soup = page("methoden/lean-coffee/")
    assert len(soup.select(".vr-method__steps ol > li")) == 3
    assert titles(soup, "main h2") == ["Auf einen Blick", "Ablauf", "Tipps", "Varianten",
                                       "Nächste Termine mit dieser Methode"]


def test_method_lists_upcoming_events_by_own_method_or_format(page):
    lean = hrefs(page("methoden/lean-coffee/").select_one("#termine").parent)
    assert "/veranstaltungen/2026-12-lean-coffee-essen/" in lean
    assert "/veranstaltungen/2026-01-vergangen/" not in lean  # past
    # The Werkstatt event names no method; its format "werkstatt" does.
    werkstatt = hrefs(page("methoden/werkstatt/").select_one("#termine").parent)
    assert "/veranstaltungen/2026-12-werkstatt-wesel/" in werkstatt
    assert "/veranstaltungen/2026-12-lean-coffee-essen/" not in werkstatt


def test_method_events_use_the_event_card(page):
    section = page("methoden/lean-coffee/").select_one("#termine").parent
    assert section.select(".vr-event-card")


def test_methods_index_links_each_method(page):
    assert hrefs(page("methoden/").select_one(".vr-card-grid")) == [
        "/methoden/lean-coffee/", "/methoden/werkstatt/"]


# Topic hubs ------------------------------------------------------------------------------

def section_links(soup, anchor: str) -> list[str]:
    return hrefs(soup.select_one(f"#{anchor}").parent)


def test_topics_index_links_every_topic(page):
    assert hrefs(page("themen/").select_one(".vr-card-grid")) == [
        "/themen/neue-arbeit/", "/themen/digital-lotsen/",
        "/themen/nutzerorientierte-digitalisierung/", "/themen/arbeitskultur/",
        "/themen/vernetzung/"]


def test_topic_hub_collects_everything_on_the_topic(page):
    soup = page("themen/neue-arbeit/")
    events = section_links(soup, "termine")
    assert "/veranstaltungen/2026-12-lean-coffee-essen/" in events
    assert "/veranstaltungen/2026-12-werkstatt-wesel/" not in events
    assert "/kalender/thema/neue-arbeit.ics" in events
    assert section_links(soup, "beitraege") == ["/blog/2026/erfahrungen-aus-dem-homeoffice/"]
    assert section_links(soup, "menschen") == ["/rebellen/anna-beispiel/",
                                               "/rebellen/thema/neue-arbeit/"]
    assert section_links(soup, "methoden") == ["/methoden/lean-coffee/"]
    assert section_links(soup, "vorhaben") == ["/vorhaben/raum-essen/",
                                               "/vorhaben/idee-coworking/",
                                               "/vorhaben/thema/neue-arbeit/"]
    assert "/materialien/vorlage.csv" in section_links(soup, "materialien")
    assert section_links(soup, "fragen") == ["/fragen/#homeoffice-teamgefuehl"]


def test_blog_tags_map_to_topics_case_insensitively(page):
    # Tag "DIGITAL-LOTSEN" is the topic key in capitals; "Home" is no synonym of anything.
    assert section_links(page("themen/digital-lotsen/"), "beitraege") == [
        "/blog/2026/die-lotsinnen-und-lotsen-treffen-sich/"]
    for topic in ("neue-arbeit", "digital-lotsen", "arbeitskultur", "vernetzung"):
        assert "/blog/2026/kantine-neu-gedacht/" not in hrefs(page(f"themen/{topic}/"))


def test_topic_without_feed_does_not_link_one(page, hub_site):
    # Its only event ended more than six months ago: the events plugin writes no feed.
    soup = page("themen/arbeitskultur/")
    assert not [href for href in hrefs(soup) if href.endswith(".ics")]
    assert not (hub_site / "kalender/thema/arbeitskultur.ics").exists()


def test_linked_topic_feed_exists(hub_site):
    assert (hub_site / "kalender/thema/neue-arbeit.ics").is_file()


# Partners --------------------------------------------------------------------------------

def test_partner_page(page, hub_site):
    soup = page("partner/essen/")
    assert soup.select_one("main h1").get_text() == "Stadt Essen"
    contacts = soup.select(".vr-partner__contact-list li")
    assert contacts and all("vr-placeholder" in li["class"] for li in contacts)
    assert "Noch offen:" in contacts[0].get_text()
    events = section_links(soup, "termine")
    assert "/veranstaltungen/2026-12-lean-coffee-essen/" in events
    assert "/kalender/partner/essen.ics" in events
    assert (hub_site / "kalender/partner/essen.ics").is_file()
    assert section_links(soup, "menschen") == ["/rebellen/anna-beispiel/",
                                               "/rebellen/partner/essen/"]
    assert section_links(soup, "vorhaben") == ["/vorhaben/raum-essen/"]


def test_partner_without_upcoming_events(page):
    soup = page("partner/luenen/")
    assert not [href for href in hrefs(soup) if href.endswith(".ics")]
    assert section_links(soup, "menschen")[0] == "/rebellen/bernd-probe/"
    assert section_links(soup, "vorhaben") == ["/vorhaben/lotsen-netz/"]


def test_partners_index(page):
    assert hrefs(page("partner/").select_one(".vr-card-grid"))[:3] == [
        "/partner/kreis-wesel/", "/partner/essen/", "/partner/luenen/"]


# Projects --------------------------------------------------------------------------------

def project_links(soup) -> list[str]:
    return [a["href"] for a in soup.select(".vr-project-list .vr-card__title a")]


def test_projects_index_orders_running_ideas_finished(page):
    assert project_links(page("vorhaben/")) == [
        "/vorhaben/raum-essen/", "/vorhaben/idee-coworking/", "/vorhaben/lotsen-netz/"]


@pytest.mark.parametrize(("url", "expected"), [
    ("vorhaben/status/idee/", ["/vorhaben/idee-coworking/"]),
    ("vorhaben/status/laeuft/", ["/vorhaben/raum-essen/"]),
    ("vorhaben/status/abgeschlossen/", ["/vorhaben/lotsen-netz/"]),
    ("vorhaben/thema/digital-lotsen/", ["/vorhaben/raum-essen/", "/vorhaben/lotsen-netz/"]),
    ("vorhaben/thema/vernetzung/", []),
])
def test_project_filters_work_without_javascript(page, url, expected):
    soup = page(url)
    assert project_links(soup) == expected
    current = soup.select_one('.vr-project-filter a[aria-current="page"]')
    assert current["href"] == "/" + url


def test_only_unfinished_projects_are_highlighted_as_seeking(page):
    soup = page("vorhaben/")
    seeking = [card.select_one(".vr-card__title a")["href"]
               for card in soup.select(".vr-project-card.vr-card--highlight")]
    assert seeking == ["/vorhaben/raum-essen/"]
    assert page("vorhaben/lotsen-netz/").select_one(".vr-project__seeking") is None


def test_project_page(page):
    soup = page("vorhaben/raum-essen/")
    assert soup.select_one(".vr-project__seeking").get_text(" ", strip=True).endswith(
        "Ideen für eine Übergangslösung.")
    # "# Ausgangslage" in the description becomes a second-level heading under the h1.
    assert soup.select_one(".vr-prose h2").get_text() == "Ausgangslage"
    links = hrefs(soup)
    assert "/rebellen/anna-beispiel/" in links
    assert "/partner/essen/" in links
    assert "/vorhaben/status/laeuft/" in links
    assert "https://www.essen.de/" in links


# Materials and questions -----------------------------------------------------------------

def test_materials_listed_by_topic_with_type_and_size(page, hub_site):
    soup = page("materialien/")
    assert titles(soup, "main section h2")[0] == "Neue Räume, Neue Arbeit"
    card = soup.select_one(".vr-material-card")
    assert card.select_one(".vr-material-card__file").get_text(strip=True) == \
        "CSV-Tabelle, 17 Byte"
    assert card.select_one('a[rel="license"]').get_text() == "CC BY 4.0"
    download = card.select_one(".vr-material-card__download")["href"]
    assert download == "/materialien/vorlage.csv"
    assert (hub_site / download.lstrip("/")).stat().st_size == 17


def test_questions_page_newest_first_with_ask_link(page):
    soup = page("fragen/")
    assert titles(soup, "article.vr-fragen__item h2") == [
        "Wer darf mitmachen?", "Wie bleiben wir im Homeoffice ein Team?"]
    assert soup.select_one(".vr-fragen__ask a.vr-button")["href"] == QUESTIONS_ASK_URL
    first = soup.select_one("#wer-darf-mitmachen")
    assert "/themen/vernetzung/" in hrefs(first)


# Projects elsewhere: home page and profiles ----------------------------------------------

def test_home_page_highlights_projects_seeking_help(page):
    soup = page("")
    cards = [a["href"] for a in soup.select(".vr-project-card .vr-card__title a")]
    # Not "lotsen-netz" (finished) nor "idee-coworking" (asks for nothing).
    assert cards == ["/vorhaben/raum-essen/"]


def test_profile_shows_the_persons_projects(page):
    soup = page("rebellen/anna-beispiel/")
    links = hrefs(soup.select_one("main"))
    assert "/vorhaben/raum-essen/" in links
    assert "/vorhaben/lotsen-netz/" in links
    assert "/vorhaben/idee-coworking/" not in links


def test_topics_index_counts_what_each_hub_holds(page):
    cards = page("themen/").select(".vr-topic-card")
    counts = {card.select_one("a")["href"]: titles(card, ".vr-topic-card__counts li")
              for card in cards}
    assert counts["/themen/neue-arbeit/"] == ["1 Termin", "2 Vorhaben", "1 Rebell*in",
                                              "1 Methode", "1 Material"]
    assert counts["/themen/arbeitskultur/"] == []
