"""What Pagefind is given of a page: searchable text and hidden compound parts (issue 17)."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from rebellab.search.pages import (
    REFERENCE,
    TEXT_PARTS,
    TITLE_PARTS,
    mirror_page,
    page_text,
    parts_fields,
    with_fields,
    without_ignored,
)

PAGES = Path(__file__).parent / "fixtures" / "pages"


def read(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def test_page_text_is_what_pagefind_indexes():
    text = page_text(read("event-with-compound-title.html"))
    assert text.title == "Werkstatt: Knappe Büroflächen"
    assert text.kind == "Veranstaltung"
    assert "Bürgerbeteiligungsverfahren" in text.text
    # Outside data-pagefind-body, in data-pagefind-ignore and in forms: not indexed.
    for word in ("Startseite", "Wärmepumpenförderung", "Suchbegriff"):
        assert word not in text.text and word not in text.meta
    # Metadata and cards weighted below 1 are searchable, but not body text.
    assert "Raumnot" in text.meta and "Lernexpedition" in text.meta
    assert "Lernexpedition" not in text.text


def test_a_page_without_search_body_is_left_alone():
    assert page_text(read("page-without-search-body.html")) is None


def test_parts_of_title_and_body_compounds_but_not_of_metadata_or_cards():
    fields = parts_fields(page_text(read("event-with-compound-title.html")))
    assert set(fields) == {TITLE_PARTS, TEXT_PARTS}  # an event: no reference name
    assert {"Büro", "Flächen"} <= set(fields[TITLE_PARTS].split())
    assert fields[TEXT_PARTS].split() == ["Bürger", "Bürgerbeteiligung", "Beteiligung",
                                          "Beteiligungsverfahren", "Verfahren"]
    hidden = " ".join(fields.values()).split()
    # Synonyms stand on every page of a topic; cards repeat other pages.
    assert "Not" not in hidden and "Expedition" not in hidden


def test_hidden_parts_are_metadata_pagefind_searches_but_never_shows():
    page = read("event-with-compound-title.html")
    soup = BeautifulSoup(with_fields(page, parts_fields(page_text(page))), "lxml")
    spans = soup.select("body > span[data-pagefind-meta]")
    assert [span["data-pagefind-meta"] for span in spans] == [TITLE_PARTS, TEXT_PARTS]
    for span in spans:
        assert span.has_attr("hidden") and span.has_attr("data-pagefind-ignore")
    assert soup.select_one("main").get_text() == BeautifulSoup(page, "lxml").main.get_text()


def test_no_parts_no_change():
    page = read("page-without-search-body.html")
    assert with_fields(page, {}) == page


def test_a_method_carries_its_name_as_reference():
    page = read("event-with-compound-title.html").replace(">Veranstaltung<", ">Methode<")
    fields = parts_fields(page_text(page))
    assert fields[REFERENCE] == "Werkstatt: Knappe Büroflächen " + fields[TITLE_PARTS]


def test_the_copy_for_pagefind_leaves_out_what_it_ignores_and_nothing_else():
    kept = [
        '<section data-pagefind-ignore><span data-pagefind-filter="Typ">Profil</span></section>',
        '<div data-pagefind-ignore><p hidden data-pagefind-meta="rolle">Leitung</p></div>',
        '<a title="data-pagefind-ignore" href="/x/">Titel</a>',
        "<p>Mit data-pagefind-ignore blendet die Vorlage Teile aus.</p>",
        '<img data-pagefind-ignore src="/bild.png" alt="">',
    ]
    for html in kept:
        assert without_ignored(html) == html
    html = ('<div>vor<div class="a" data-pagefind-ignore>weg<div>auch weg</div>weg</div>nach'
            '</div><p data-pagefind-ignore="all">weg</p><nav aria-label="x" data-pagefind-ignore>'
            "<nav>weg</nav></nav><ul><li>bleibt</li></ul>")
    assert without_ignored(html) == "<div>vornach</div><ul><li>bleibt</li></ul>"
    # A "<" in a quoted value or a comment is no tag.
    html = ('<section data-pagefind-ignore><a title="<section>" href="/x/">weg</a><!-- <section>'
            ' --></section><p>bleibt</p>')
    assert without_ignored(html) == "<p>bleibt</p>"


def test_the_copy_keeps_the_rest_of_main():
    page = ('<!DOCTYPE html><html lang="de"><head><title>T</title></head><body><header>Kopf'
            '</header><main data-pagefind-body><h1>Titel</h1><nav data-pagefind-ignore>Pfad'
            '</nav><p>Text</p></main><footer>Fuß</footer></body></html>')
    assert mirror_page(page, {}) == (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"></head><body>'
        "<main data-pagefind-body><h1>Titel</h1><p>Text</p></main></body></html>")
