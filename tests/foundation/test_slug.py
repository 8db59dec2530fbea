"""One slug function for the site, the scaffolders and the benchmark (rebellab.kernel.slug)."""

from __future__ import annotations

from types import SimpleNamespace

import pelican.contents
import pelican.urlwrappers
import pytest
from markupsafe import Markup
from pelican.settings import read_settings
from pelican.urlwrappers import Tag
from pelican.utils import slugify as pelican_slugify

from rebellab.kernel.slug import kept_pelican_slugify, slugify
from rebellab.sitebase import plugin as site_plugin
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


def test_pelicans_own_calls_keep_their_slugs_and_get_the_same(monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    # Pelican slugs post titles (pelican.contents) and tags, categories and authors
    # (pelican.urlwrappers) itself; the site plugin lets those calls keep their results.
    monkeypatch.setattr(pelican.contents, "slugify", pelican_slugify)
    monkeypatch.setattr(pelican.urlwrappers, "slugify", pelican_slugify)
    # register() as Pelican calls it, but its signal receivers stay out of this test
    # process (they would act on the generators of every later test in it).
    monkeypatch.setattr(site_plugin, "signals", _Unconnected())
    site_plugin.register()
    assert pelican.contents.slugify is kept_pelican_slugify
    assert pelican.urlwrappers.slugify is kept_pelican_slugify
    subs = SETTINGS["SLUG_REGEX_SUBSTITUTIONS"]
    texts = ["Neue Räume, neue Arbeit", "Straße & Bürger*innen", "Ayşe Yılmaz", "<b>Rat</b>",
             Markup("Rat &amp; <b>Tat</b>"), "Rat &amp; <b>Tat</b>", "Rat & Tat", ""]
    for text in [*texts, *texts]:  # the second time from what was kept
        expected = pelican_slugify(text, regex_subs=subs, use_unicode=True)
        assert Tag(text, SETTINGS).slug == expected
        assert kept_pelican_slugify(text, subs, False, True) == expected
    assert kept_pelican_slugify("Straße", subs, True, False) == pelican_slugify(
        "Straße", regex_subs=subs, preserve_case=True) == "Strasse"
    assert kept_pelican_slugify(["not", "hashable"], []) == pelican_slugify(
        ["not", "hashable"])


class _Unconnected:
    """Pelican's signals, each with a ``connect`` that connects nothing."""

    def __getattr__(self, name: str) -> SimpleNamespace:
        return SimpleNamespace(connect=lambda receiver: receiver)
