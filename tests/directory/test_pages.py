"""The directory's pages on a small fixture site (tests/directory/fixtures/basic)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

GOLDEN = Path(__file__).parent / "golden"
ALPHABETICAL = ["Anna Aal", "Bea Berg", "Max Muster", "Ötzi Ober", "Zora Strauß"]


def page(output: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((output / path / "index.html").read_text(encoding="utf-8"), "lxml")


def card_names(soup: BeautifulSoup, scope: str = "main") -> list[str]:
    selector = f"{scope} .vr-profile-card .vr-card__title a"
    return [a.get_text(strip=True) for a in soup.select(selector)]


def test_listing_shows_everyone_in_german_order_without_javascript(basic_site):
    soup = page(basic_site, "rebellen")
    all_section = soup.select_one("section[aria-labelledby=vr-all-title]")
    assert card_names(all_section, "") == ALPHABETICAL
    card = all_section.select_one(".vr-profile-card")
    assert card.select_one(".vr-profile-card__org").get_text() == "Stadt Lünen"
    assert card.select_one(".vr-card__meta").get_text() == "Digital-Lotsin"
    assert [t.get_text() for t in card.select(".vr-tag")] == ["Digital-Lotsen",
                                                              "Neue Räume, Neue Arbeit"]
    assert card.select_one(".vr-badge").get_text() == "Beispielprofil"
    # The search form is an enhancement: hidden until directory.js shows it.
    assert soup.select_one("[data-module=directory-search]").has_attr("hidden")


def test_listing_links_every_facet_page_and_each_exists(basic_site):
    soup = page(basic_site, "rebellen")
    links = {a["href"] for a in soup.select(".vr-facets a")}
    assert links == {
        "/rebellen/thema/digital-lotsen/", "/rebellen/thema/neue-arbeit/",
        "/rebellen/thema/arbeitskultur/", "/rebellen/thema/vernetzung/",
        "/rebellen/thema/nutzerorientierte-digitalisierung/",
        "/rebellen/verwaltung/kreis-wesel/", "/rebellen/verwaltung/stadt-essen/",
        "/rebellen/verwaltung/stadt-luenen/",
        "/rebellen/partner/essen/", "/rebellen/partner/kreis-wesel/",
        "/rebellen/partner/luenen/",
    }
    for link in links:
        assert (basic_site / link.strip("/") / "index.html").is_file(), link


@pytest.mark.parametrize(("path", "title", "names"), [
    ("rebellen/thema/neue-arbeit", "Neue Räume, Neue Arbeit", ["Anna Aal", "Ötzi Ober"]),
    ("rebellen/verwaltung/stadt-luenen", "Stadt Lünen", ["Anna Aal", "Max Muster"]),
    ("rebellen/partner/essen", "Stadt Essen", ["Bea Berg", "Zora Strauß"]),
])
def test_facet_pages(basic_site, path, title, names):
    soup = page(basic_site, path)
    assert title in soup.h1.get_text()
    assert card_names(soup) == names
    assert soup.select_one(".vr-pagination") is None


def test_profile_page_shows_what_the_file_says(basic_site):
    soup = page(basic_site, "rebellen/anna-aal")
    main = soup.main
    assert main.h1.get_text() == "Anna Aal"
    role = main.select_one(".vr-profile__role")
    assert role.get_text() == "Digital-Lotsin, Stadt Lünen"
    assert role.a["href"] == "/rebellen/verwaltung/stadt-luenen/"
    assert main.select_one(".vr-profile__region").get_text() == "Region: Östliches Ruhrgebiet"
    assert [a["href"] for a in main.select(".vr-tag-list a.vr-tag")] == [
        "/rebellen/thema/digital-lotsen/", "/rebellen/thema/neue-arbeit/"]
    sections = {s.h2.get_text(): s for s in main.select("section")}
    assert [li.get_text() for li in sections["Das biete ich"].select("li")] == [
        "Lean Coffee moderieren", "Hospitation"]
    assert [li.get_text() for li in sections["Das suche ich"].select("li")] == [
        "Nutzertests organisieren"]
    assert sections["Über mich"].strong.get_text() == "digitale Werkzeuge"
    assert "Beispielprofil" in main.select_one(".vr-profile__example").get_text()
    assert "Veröffentlicht mit Einwilligung vom 1. März 2026" in \
        main.select_one(".vr-profile__footer").get_text(" ", strip=True)


def test_profile_links_events_posts_projects_and_similar_people(basic_site):
    sections = {s.h2.get_text(): s for s in page(basic_site, "rebellen/anna-aal").select("section")}
    assert [(a.get_text(), a["href"]) for a in sections["Veranstaltungen"].select("a")] == [
        ("Werkstatt mit Anna", "/veranstaltungen/werkstatt-mit-anna/")]
    assert [a.get_text() for a in sections["Beiträge im Blog"].select("a")] == [
        "Wie wir Digital-Lotsen ausbilden"]
    assert [(a.get_text(), a["href"]) for a in sections["Vorhaben"].select("a")] == [
        ("Lotsen-Netz Lünen", "/vorhaben/lotsen-netz/")]
    # Ötzi: shared topic + two offer/seek matches; Bea: Hospitation is offered by both
    # (no match) and no shared topic, so she is not similar.
    assert card_names(sections["Ähnliche Rebell*innen"], "") == ["Ötzi Ober"]


def test_profile_without_optional_parts_has_no_empty_sections(basic_site):
    soup = page(basic_site, "rebellen/zora-strauss")
    headings = [h.get_text() for h in soup.main.select("h2")]
    assert headings == ["Themen", "Über mich"]
    assert soup.select_one(".vr-profile__example") is None
    assert soup.select_one(".vr-profile__photo") is None


def test_email_is_usable_but_not_harvestable(basic_site):
    html = (basic_site / "rebellen/anna-aal/index.html").read_text(encoding="utf-8")
    assert "anna.aal@luenen.example" not in html
    assert "mailto:" not in html and "luenen.example" not in html
    item = BeautifulSoup(html, "lxml").select_one("[data-module=email-reveal]")
    assert item.select_one(".vr-contact__spoken").get_text(" ", strip=True) == \
        "anna punkt aal at luenen punkt example"
    assert (item["data-u"][::-1], item["data-d"][::-1]) == ("anna.aal", "luenen.example")
    assert item.button.has_attr("hidden")  # shown by directory.js only


def test_photo_is_resized_locally_without_exif_and_has_alt_text(basic_site):
    img = page(basic_site, "rebellen/anna-aal").select_one(".vr-profile__photo")
    assert img["alt"] == "Anna Aal vor einem Bücherregal"
    assert img["src"].startswith("/rebellen/anna-aal/anna-aal-") and img["src"].endswith(".jpg")
    with Image.open(basic_site / img["src"].lstrip("/")) as photo:
        assert photo.size == (320, 320)
        assert not photo.getexif() and "exif" not in photo.info


def test_no_third_party_images_or_avatars(basic_site):
    for path in basic_site.rglob("rebellen/**/index.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for img in soup.select("img"):
            assert img["src"].startswith("/"), (path, img)


def test_json_ld_person_matches_golden_file(basic_site):
    soup = page(basic_site, "rebellen/anna-aal")
    (script,) = soup.select('script[type="application/ld+json"]')
    data = json.loads(script.string)
    data["image"] = data["image"].rsplit("-", 1)[0]  # drop the content hash
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    golden = GOLDEN / "anna-aal.person.jsonld"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert "email" not in data and "luenen.example" not in script.string


def test_open_data_export(basic_site):
    document = json.loads((basic_site / "daten/rebellen.json").read_text(encoding="utf-8"))
    assert document["count"] == 5
    assert [p["name"] for p in document["profiles"]] == ALPHABETICAL
    anna = document["profiles"][0]
    assert anna["url"].endswith("/rebellen/anna-aal/")
    assert anna["topics"][0] == {"key": "digital-lotsen", "title": "Digital-Lotsen"}
    assert anna["links"]["mastodon"] == "https://social.example/@anna"
    assert anna["consent"] == "2026-03-01" and anna["example"] is True
    assert "luenen.example" not in json.dumps(document)  # no e-mail addresses


def test_long_lists_are_paginated(tmp_path):
    from tests.directory.sites import build, lab_root

    root = lab_root(tmp_path)
    for n in range(50):
        (root / "data/rebels" / f"person-{n:02}.yaml").write_text(
            f"name: Person {n:02}\norganisation: Stadt Essen\ntopics: [vernetzung]\n"
            "bio: Text.\nconsent: 2026-01-01\n", encoding="utf-8")
    output = build(root, tmp_path / "output")
    for base in ("rebellen", "rebellen/thema/vernetzung", "rebellen/verwaltung/stadt-essen"):
        first, second = page(output, base), page(output, f"{base}/seite/2")
        assert len(card_names(first.select_one("main"))) >= 48
        assert card_names(second)[-1] == "Person 49"
        nav = second.select_one(".vr-pagination")
        assert nav.select_one("a[rel=prev]")["href"] == f"/{base}/"
        assert "Seite 2 von 2" in nav.get_text()
    assert not (output / "rebellen/seite/3").exists()


@pytest.mark.parametrize(("name", "content"), [
    ("kaputt.jpg", "kein Bild"),
    ("logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
])
def test_unusable_photo_is_a_content_error_with_file_and_line(tmp_path, name, content):
    from tests.directory.sites import lab_root
    from tests.support.site import build_site

    root = lab_root(tmp_path)
    (root / "content/images/rebels").mkdir(parents=True, exist_ok=True)
    (root / "content/images/rebels" / name).write_text(content, encoding="utf-8")
    (root / "data/rebels/kim.yaml").write_text(
        "name: Kim\norganisation: Stadt Essen\ntopics: [vernetzung]\nbio: Text.\n"
        f"image: rebels/{name}\nconsent: 2026-01-01\n", encoding="utf-8")
    result = build_site(root, tmp_path / "output")
    assert result.returncode != 0
    assert f"data/rebels/kim.yaml:5: Das Bild 'rebels/{name}' lässt sich nicht lesen; " \
           "bitte ein JPEG, PNG oder WebP verwenden." in result.stderr
    assert "Traceback" not in result.stderr
