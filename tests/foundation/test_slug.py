"""One slug function for the site, the scaffolders and the benchmark (rebellab.kernel.slug)."""

from __future__ import annotations

import pytest
from pelican.settings import read_settings
from pelican.utils import slugify as pelican_slugify

from rebellab.kernel.slug import slugify
from tests.support.site import REPO

SETTINGS = read_settings(str(REPO / "pelicanconf.py"))


# What each of the four former slug functions promised still holds.
@pytest.mark.parametrize(("text", "slug"), [
    # organisation pages of the directory (rebellab.directory.collation.german_slug)
    ("Stadt Lünen", "stadt-luenen"),
    ("Kreis Wesel", "kreis-wesel"),
    ("Landesamt für Straßenbau", "landesamt-fuer-strassenbau"),
    ("  Café & Co. (Köln) ", "cafe-co-koeln"),
    ("<>", ""),
    ("STRAẞE", "strasse"),
    # posts, tags and authors (Pelican with pelicanconf's table, tests/foundation/test_blog.py)
    ("Bürger", "buerger"),
    ("Straße", "strasse"),
    ("Öffentlicher Dienst", "oeffentlicher-dienst"),
    ("Größe & Äpfel", "groesse-aepfel"),
    ("Jörg Weiß", "joerg-weiss"),
    ("Café – Crème", "cafe-creme"),
    # file names of scripts/new.py and the issue forms (scripts/contentwriter.py)
    ("Meetup in Lünen: Straßen & Bürger*innen", "meetup-in-luenen-strassen-buerger-innen"),
    ("Jana Schäfer-Öztürk", "jana-schaefer-oeztuerk"),
    ("Æsop, Œuvre, Smørrebrød, Åsa", "aesop-oeuvre-smorrebrod-asa"),
    ("Łukasz Đokić", "lukasz-dokic"),
    # names in the benchmark's corpus (formerly scripts/bench_corpus.py)
    ("Ayşe Yılmaz", "ayse-yilmaz"),
    ("Gül Öztürk", "guel-oeztuerk"),
    ("Janßen", "janssen"),
    ("van den Berg", "van-den-berg"),
])
def test_former_slugs_are_kept(text: str, slug: str) -> None:
    assert slugify(text, SETTINGS) == slug


def test_every_latin_letter_keeps_its_base_letter() -> None:
    text = "Crème brûlée à la Núñez, İstanbul, Mỹ Tho, Þór, Dvořák, Ğ"
    assert slugify(text, SETTINGS) == "creme-brulee-a-la-nunez-istanbul-my-tho-thor-dvorak-g"


def test_any_other_character_separates_words() -> None:
    assert slugify("Open-Space/Büro_Plan.v2 – Lünen's „Zirkel“ 😀 Москва", SETTINGS) == \
        "open-space-buero-plan-v2-luenen-s-zirkel"


def test_it_is_pelicans_slug_for_posts_tags_and_authors() -> None:
    text = "Neue Räume, neue Arbeit: Bürger*innen im Dialog"
    assert slugify(text, SETTINGS) == pelican_slugify(
        text, regex_subs=SETTINGS["SLUG_REGEX_SUBSTITUTIONS"],
        use_unicode=SETTINGS["SLUGIFY_USE_UNICODE"]) == \
        "neue-raeume-neue-arbeit-buerger-innen-im-dialog"
