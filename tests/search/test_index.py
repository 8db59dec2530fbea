"""The Pagefind index and the /suche/ page as built (no browser)."""

from __future__ import annotations

import gzip

from bs4 import BeautifulSoup

from tests.directory.sites import build, lab_root, pagefind_records


def records(output):
    return {record["url"]: record for _, record in pagefind_records(output)}


def test_profiles_are_indexed_with_type_topic_organisation_and_synonyms(basic_site):
    anna = records(basic_site)["/rebellen/anna-aal/"]
    assert anna["filters"]["Typ"] == ["Profil"]
    assert anna["filters"]["Thema"] == ["Digital-Lotsen", "Neue Räume, Neue Arbeit"]
    assert anna["filters"]["Organisation"] == ["Stadt Lünen"]
    assert anna["meta"]["title"] == "Anna Aal"
    assert anna["meta"]["rolle"] == "Digital-Lotsin"
    keywords = anna["meta"]["stichwoerter"].split(", ")
    assert {"Homeoffice", "Mobiles Arbeiten", "Digitallotsen"} <= set(keywords)
    # Contact details, the "similar people" and the consent note are not searchable text.
    assert "Ötzi" not in anna["content"] and "Einwilligung" not in anna["content"]
    assert "luenen.example" not in anna["content"]


def test_only_pages_with_a_search_type_are_indexed(basic_site):
    urls = set(records(basic_site))
    assert "/rebellen/" not in urls and "/suche/" not in urls
    assert not any(url.startswith("/rebellen/thema/") for url in urls)
    assert {"/rebellen/anna-aal/", "/rebellen/zora-strauss/"} <= urls


def test_search_page_works_without_javascript(basic_site):
    soup = BeautifulSoup((basic_site / "suche/index.html").read_text(encoding="utf-8"), "lxml")
    assert soup.html["lang"] == "de"
    assert soup.select_one("form.vr-search-page__form").has_attr("hidden")
    banner = soup.select_one("[data-js-hidden]")
    assert "braucht JavaScript" in banner.get_text()
    links = {a["href"] for a in soup.select(".vr-search-page__browse a")}
    assert {"/rebellen/", "/rebellen/thema/neue-arbeit/",
            "/rebellen/verwaltung/stadt-luenen/", "/rebellen/partner/essen/"} <= links
    status = soup.select_one(".vr-search-page__status")
    assert status["role"] == "status" and status["aria-live"] == "polite"
    assert [s["src"] for s in soup.select("script[src]")] == ["/theme/js/suggest.js",
                                                             "/theme/js/search.js"]
    assert (basic_site / "pagefind/pagefind.js").is_file()


def test_without_search_index_nothing_is_indexed_and_the_page_says_so(tmp_path):
    output = build(lab_root(tmp_path, "basic"), tmp_path / "output", search=False)
    assert not (output / "pagefind").exists()
    soup = BeautifulSoup((output / "suche/index.html").read_text(encoding="utf-8"), "lxml")
    assert "ausgeschaltet" in soup.select_one("[data-js-hidden]").get_text()
    assert soup.select("script[src]") == []


def test_compound_parts_are_hidden_metadata_of_the_index_only(quality_site):
    event = records(quality_site)["/veranstaltungen/2027-02-werkstatt-bueroflaechen/"]
    assert {"Büro", "Flächen"} <= set(event["meta"]["titelteile"].split())
    project = records(quality_site)["/vorhaben/beteiligung-digital/"]
    assert {"Beteiligung", "Verfahren"} <= set(project["meta"]["titelteile"].split())
    # The excerpt is built from the content: the parts are not in it.
    assert "Flächen" not in event["content"].split()
    # The published page stays as it was: no hidden words for readers or screen readers.
    html = (quality_site / "veranstaltungen/2027-02-werkstatt-bueroflaechen/index.html")
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
    assert soup.select("[data-pagefind-meta=titelteile], [data-pagefind-meta=teile]") == []


def test_vocabulary_holds_the_sites_words_with_frequency_and_profile_mark(quality_site):
    text = gzip.decompress((quality_site / "suche/vokabular.txt.gz").read_bytes())
    lines = text.decode("utf-8").splitlines()
    assert lines == sorted(lines)
    entries = {line[:-2] if line.endswith("p") else line[:-1]: line for line in lines}
    assert entries["Weißenfels"].endswith("p")  # on a profile page
    assert entries["Beteiligung"]  # a compound part: a correction may lead to it
    assert not entries["Unterlagen"].endswith("p")  # only in a post
    assert "und" not in entries  # too short to correct


def test_repeated_cards_count_little(quality_site):
    soup = BeautifulSoup((quality_site / "partner/luenen/index.html").read_text(
        encoding="utf-8"), "lxml")
    cards = soup.select("main article.vr-event-card, main article.vr-project-card")
    assert cards and all(card["data-pagefind-weight"] == "0.2" for card in cards)
