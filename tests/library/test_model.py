"""Models and pure helpers of the library, without Pelican."""

from __future__ import annotations

from datetime import date

import pytest

from rebellab.kernel.fields import Fields
from rebellab.kernel.references import References
from rebellab.kernel.vocab import Topic
from rebellab.library import links
from rebellab.library.markdownfile import parse_markdown
from rebellab.library.model import METHOD_KEYS, METHOD_LIST_KEYS, Method, Project

REFS = References(topics=frozenset({"neue-arbeit", "vernetzung"}))
METHOD = (
    "\ufeffTitle: Lean Coffee\r\n"
    "summary: Kurz.\r\n"
    "Duration: 1 Stunde\r\n"
    "GROUP-SIZE: 5\r\n"
    "Materials: Stifte, Zettel,\r\n"
    "    Klebepunkte\r\n"
    "Preparation: Keine.\r\n"
    "Topics: vernetzung\r\n"
    "\r\n"
    "Einleitung.\r\n"
    "\r\n"
    "## Ablauf\r\n"
    "\r\n"
    "1. Erstens.\r\n"
    "```\r\n"
    "## kein Abschnitt im Code\r\n"
    "```\r\n"
    "## Tipps\r\n"
    "Viel Spaß.\r\n"
)


def method_from(text: str) -> tuple[Method | None, list]:
    document, problems = parse_markdown(text.lstrip("\ufeff"), "m.md", METHOD_KEYS,
                                        METHOD_LIST_KEYS)
    assert document is not None, problems
    method = Method.from_file("m", "m.md", document, Fields(document.meta, "m.md", problems),
                              REFS)
    return method, problems


def test_metadata_keys_are_case_insensitive_and_lists_span_lines():
    method, problems = method_from(METHOD)
    assert problems == []
    assert method.group_size == "5"
    assert method.summary == "Kurz."
    assert method.materials == ("Stifte", "Zettel", "Klebepunkte")
    assert method.intro == "Einleitung."
    assert method.steps.startswith("1. Erstens.")
    assert "## kein Abschnitt im Code" in method.steps  # headings in code blocks stay text
    assert method.tips == "Viel Spaß."


def test_list_items_keep_their_own_line():
    document, _ = parse_markdown("Topics: vernetzung,\n  neue-arbiet\n\nText", "m.md",
                                 METHOD_KEYS, METHOD_LIST_KEYS)
    assert document.meta["Topics"].item_lines == [1, 2]


def test_empty_file():
    assert parse_markdown(" \n", "m.md", METHOD_KEYS)[1][0].message == "Die Datei ist leer."


@pytest.mark.parametrize(("text", "top", "shift"), [
    ("# A\n\n## B", 2, 1),
    ("## A", 2, 0),
    ("## A", 3, 1),
    ("Kein Titel", 2, 0),
    ("#hashtag ohne Leerzeichen", 2, 0),
    ("### tief", 2, 0),
])
def test_heading_shift(text, top, shift):
    assert links.heading_shift(text, top) == shift


@pytest.mark.parametrize(("size", "text"), [
    (17, "17 Byte"), (2255, "2 KB"), (1024 * 1024 * 3 // 2, "1,5 MB")])
def test_file_size(size, text):
    assert links.file_size(size) == text


def project(slug: str, status: str, started: str, people=(), seeking=None) -> Project:
    return Project(slug=slug, source=f"data/projects/{slug}.yaml", title=slug.title(),
                   summary="s", description="d", status=status, topics=("vernetzung",),
                   started=date.fromisoformat(started), people=tuple(people), seeking=seeking)


def test_projects_by_person_and_seeking():
    a = project("a", "abgeschlossen", "2020-01-01", ["anna"], seeking="Hilfe")
    b = project("b", "idee", "2021-01-01", ["anna", "bernd"], seeking="Hilfe")
    c = project("c", "laeuft", "2019-01-01", ["bernd"])
    assert links.projects_by_person([a, b, c]) == {"bernd": [c, b], "anna": [b, a]}
    assert links.seeking_projects([a, b, c]) == [b]


def test_tag_matching_uses_key_title_and_synonyms():
    topic = Topic("neue-arbeit", "Neue Räume, Neue Arbeit", "…", ("Homeoffice", "New Work"))
    assert links.tag_matches("homeoffice", topic)
    assert links.tag_matches(" NEUE-ARBEIT ", topic)
    assert links.tag_matches("neue räume, neue arbeit", topic)
    assert links.tag_matches("new work", topic)
    assert not links.tag_matches("Home", topic)
    assert not links.tag_matches("Arbeit", topic)
