from datetime import date

from pelican.paginator import PaginationRule, Paginator

from rebellab.directory.facets import (
    organisation_facets,
    partner_facets,
    sort_profiles,
    topic_facets,
)
from rebellab.directory.model import Profile
from rebellab.sitebase.pagination import PageLinks, paginate
from tests.support.settings import SETTINGS


def person(slug, name, organisation="Stadt Essen", topics=("vernetzung",), partner=None):
    return Profile(slug=slug, source=f"data/rebels/{slug}.yaml", name=name,
                   organisation=organisation, topics=tuple(topics), bio="", partner=partner,
                   consent=date(2026, 1, 1))


def test_pages_follow_the_site_pattern():
    people = [person(f"p{i}", f"P {i:02}") for i in range(5)]
    pages = paginate(people, url="rebellen/thema/x/", save_as="rebellen/thema/x/index.html",
                     per_page=2, settings=SETTINGS)
    assert [p.url for p in pages] == ["rebellen/thema/x/", "rebellen/thema/x/seite/2/",
                                      "rebellen/thema/x/seite/3/"]
    assert [len(p.items) for p in pages] == [2, 2, 1]
    assert pages[0].previous_url is None and pages[0].next_url == "rebellen/thema/x/seite/2/"
    assert pages[2].next_url is None and pages[2].previous_url == "rebellen/thema/x/seite/2/"
    assert pages[1].save_as == "rebellen/thema/x/seite/2/index.html"
    assert {p.last_url for p in pages} == {"rebellen/thema/x/seite/3/"}


def test_empty_list_still_has_one_page():
    (page,) = paginate([], url="rebellen/", save_as="rebellen/index.html", per_page=10,
                       settings=SETTINGS)
    assert page.items == () and page.count == 1


def test_page_links_place_every_page_as_pelicans_paginator_does():
    rules = {"PAGINATION_PATTERNS": [PaginationRule(*rule)
                                     for rule in SETTINGS["PAGINATION_PATTERNS"]],
             "DEFAULT_ORPHANS": 1}
    links = PageLinks({**SETTINGS, "DEFAULT_ORPHANS": 1})
    for posts in (0, 1, 3, 4, 10, 11):
        paginator = Paginator("blog/index.html", "blog/", list(range(posts)), rules, 3)
        urls = [paginator.page(number).url for number in paginator.page_range]
        for number in paginator.page_range:
            page = links("blog/index.html", "blog/", number, paginator.num_pages)
            assert page.urls == tuple(urls)
            assert (page.number, page.count, page.url) == (number, len(urls), urls[number - 1])
            assert page.save_as == paginator.page(number).save_as
    assert links("blog/index.html", "blog/", 2, 3).urls == (
        "blog/", "blog/seite/2/", "blog/seite/3/")


def test_organisations_share_a_page_per_slug_and_sort_german():
    people = sort_profiles([
        person("a", "A", "Stadt Lünen"), person("b", "B", "Stadt Luenen"),
        person("c", "C", "Stadt Lünen"), person("d", "D", "Ämterverbund"),
        person("e", "E", "Zweckverband"),
    ])
    facets = organisation_facets(people, SETTINGS)
    assert [(f.key, f.title, len(f.profiles)) for f in facets] == [
        ("aemterverbund", "Ämterverbund", 1),
        ("stadt-luenen", "Stadt Lünen", 3),
        ("zweckverband", "Zweckverband", 1),
    ]
    assert facets[1].url == "rebellen/verwaltung/stadt-luenen/"


def test_topic_and_partner_facets_skip_empty_ones_and_keep_vocabulary_order():
    people = [person("a", "A", topics=("b-topic", "a-topic"), partner="essen"),
              person("b", "B", topics=("a-topic",))]
    topics = topic_facets(people, {"a-topic": "A", "b-topic": "B", "unused": "U"}, SETTINGS)
    assert [(f.key, [p.slug for p in f.profiles]) for f in topics] == [
        ("a-topic", ["a", "b"]), ("b-topic", ["a"])]
    partners = partner_facets(people, {"kreis-wesel": "Kreis Wesel", "essen": "Stadt Essen"},
                              SETTINGS)
    assert [(f.key, f.url) for f in partners] == [("essen", "rebellen/partner/essen/")]


def test_profiles_sort_german_by_name():
    people = sort_profiles([person("z", "Zora"), person("oe", "Özlem"), person("o", "Otto"),
                            person("ae", "Äneas"), person("a", "Anna")])
    assert [p.name for p in people] == ["Äneas", "Anna", "Otto", "Özlem", "Zora"]
