"""SECURITY.md and the page "Sicherheitslücke melden" agree with the setting and each other."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import pelicanconf
from tests.foundation.helpers import soup
from tests.support.site import REPO

CONTACT = pelicanconf.SITE_OPERATOR["security_contact"]
POLICY = REPO / "SECURITY.md"
PAGE = REPO / "content" / "pages" / "sicherheit.md"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Response times: the page and SECURITY.md promise the same.
PROMISES = ("3 Werktagen", "10 Werktagen", "30 Tagen", "90 Tage")


@pytest.mark.parametrize("path", [POLICY, PAGE], ids=["SECURITY.md", "sicherheit.md"])
def test_policy_texts_name_only_the_configured_contact(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert set(EMAIL.findall(text)) == {CONTACT}
    for promise in PROMISES:
        assert promise in text, promise


def test_security_md_is_german_with_an_english_summary() -> None:
    headings = [line for line in POLICY.read_text(encoding="utf-8").splitlines()
                if line.startswith("#")]
    assert headings == ["# Sicherheitslücke melden", "## So melden Sie", "## Was dazugehört",
                        "## Was nicht dazugehört", "## Was Sie von uns erwarten können",
                        "## Summary in English"]


def test_page_at_sicherheit_with_contact_scope_and_response_times(starter_site: Path) -> None:
    page = soup(starter_site, "sicherheit/")
    assert page.h1.get_text() == "Sicherheitslücke melden"
    assert [h.get_text() for h in page.select("main h2")] == [
        "So melden Sie", "Was dazugehört", "Was nicht dazugehört", "Wie schnell wir antworten",
        "Fair suchen"]
    assert page.select_one('meta[name="description"]')["content"].startswith("Wie Sie uns")


def test_page_shows_the_contact_marked_while_it_is_a_placeholder(starter_site: Path) -> None:
    page = soup(starter_site, "sicherheit/")
    if "PLATZHALTER" in CONTACT:
        marks = [m.get_text() for m in page.select("main mark")]
        assert marks == [f"Platzhalter: {CONTACT}"]
        assert page.select_one("main .vr-banner--warning")
        for text in page.main.find_all(string=re.compile("PLATZHALTER")):
            assert text.find_parent("mark"), text
    else:
        assert page.select_one(f'main a[href="mailto:{CONTACT}"]')
