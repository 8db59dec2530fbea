"""rebellab.forms.mailforms: the e-mail twin of each issue form, written from the form's YAML."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

from rebellab.forms import mailforms
from tests.support.site import REPO

FORMS_DIR = REPO / ".github" / "ISSUE_TEMPLATE"
FORMS = ["veranstaltung", "profil", "kommentar", "barriere"]
EXPECTED = Path(__file__).parent / "fixtures" / "mail" / "expected"
ADDRESS = "PLATZHALTER@example.org"
POST = {"post": "neue-raeume-neue-arbeit-und-digital-lotsen-die-ersten-handlungsfelder",
        "title": "Neue Räume, neue Arbeit und Digital-Lotsen: die ersten Handlungsfelder"}


def form(name: str) -> Path:
    return FORMS_DIR / f"{name}.yml"


def split_mailto(url: str) -> tuple[str, str, str]:
    """Address, subject and body of a mailto URL, decoded as a mail program does."""
    assert url.startswith("mailto:")
    address, query = url[len("mailto:"):].split("?", 1)
    params = dict(pair.split("=", 1) for pair in query.split("&"))
    assert list(params) == ["subject", "body"]
    return unquote(address), unquote(params["subject"]), unquote(params["body"])


@pytest.mark.parametrize("name", FORMS)
def test_template_matches_golden_file(name: str) -> None:
    subject, body = mailforms.mail_template(form(name))
    text = f"Betreff: {subject}\n\n{body}"
    golden = EXPECTED / f"template-{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):  # regenerate, then review the diff like code
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", FORMS)
def test_template_has_one_line_per_field_in_form_order(name: str) -> None:
    definition = yaml.safe_load(form(name).read_text(encoding="utf-8"))
    subject, body = mailforms.mail_template(form(name))
    assert subject == definition["name"]
    field_lines = body.split("\n")[2:-1]
    labels = [item["attributes"]["label"] for item in definition["body"] if "id" in item]
    assert len(field_lines) == len(labels)
    for line, item in zip(field_lines, [i for i in definition["body"] if "id" in i],
                          strict=True):
        assert line.startswith(item["attributes"]["label"])
        assert line.endswith(": ")
        required = item.get("validations", {}).get("required") or item["type"] == "checkboxes"
        assert (line[len(item["attributes"]["label"])] == "*") == bool(required)


def test_comment_template_shows_the_consent_statement_and_placeholders() -> None:
    _, body = mailforms.mail_template(form("kommentar"))
    assert ("Einwilligung* (Ich willige ein, dass mein Name, mein Kommentar, sein Datum und "
            "meine Website (falls angegeben) auf der Website des Labors veröffentlicht und "
            "dafür im öffentlichen Repository gespeichert werden. Zustimmen mit ja): ") in body
    _, event = mailforms.mail_template(form("veranstaltung"))
    assert "\nDatum* (TT.MM.JJJJ): \n" in event
    assert "\nFormat* (Meetup / Camp / Zirkel (Lernexpedition) / Werkstatt / " \
           "Vernetzungstreffen): \n" in event


def test_mailto_url_is_rfc_6068_encoded_and_prefilled() -> None:
    url = mailforms.mailto_url(ADDRESS, form("kommentar"), POST)
    address, subject, body = split_mailto(url)
    assert address == ADDRESS
    assert subject == f"Kommentar schreiben: {POST['title']}"
    _, template = mailforms.mail_template(form("kommentar"))
    expected = template.replace("Beitrag*: ", f"Beitrag*: {POST['post']}")
    assert body == expected.replace("\n", "\r\n")  # RFC 6068 §5: CRLF line breaks
    query = url.split("?", 1)[1]
    # Only unreserved characters and percent escapes in the values: no raw space, "+",
    # "&" or "=" that a mail program could read differently.
    for value in (pair.split("=", 1)[1] for pair in query.split("&")):
        assert re.fullmatch(r"(?:[A-Za-z0-9_.~-]|%[0-9A-F]{2})*", value)
    assert "%0D%0A" in url and "%20" in url and "+" not in query


@pytest.mark.parametrize("name", FORMS)
def test_every_form_link_stays_under_the_mailto_limit(name: str) -> None:
    url = mailforms.mailto_url(ADDRESS, form(name), POST)
    assert len(url) <= mailforms.MAX_MAILTO_LENGTH
    _, _, body = split_mailto(url)
    assert body.startswith(mailforms.INTRO)  # the full template fits for every form today


def test_long_prefill_drops_hints_first_but_keeps_the_consent_statement() -> None:
    prefill = {"slug": "x" * 300}
    url = mailforms.mailto_url(ADDRESS, form("profil"), {**prefill, "name": "Ä" * 60})
    assert len(url) <= mailforms.MAX_MAILTO_LENGTH
    _, _, body = split_mailto(url)
    assert "(Profil anlegen / Profil ändern / Profil löschen)" not in body
    assert "willige in die Veröffentlichung dieser Angaben" in body


def test_too_long_prefill_is_an_error_not_a_broken_link() -> None:
    with pytest.raises(ValueError, match="longer than 2000"):
        mailforms.mailto_url(ADDRESS, form("kommentar"), {"text": "ü" * 400})


@pytest.mark.parametrize(("subject", "expected"), [
    ("Kommentar schreiben", "kommentar"),
    ("AW: WG: Kommentar schreiben: Das Labor startet", "kommentar"),
    ("Re: re[2]: barriere melden", "barriere"),
    ("Profil anlegen / ändern / löschen", "profil"),
    ("Kommentare schreiben", None),
    ("Einladung: Veranstaltung eintragen", None),
])
def test_form_is_recognised_by_the_subject(subject: str, expected: str | None) -> None:
    found = mailforms.form_of_subject(subject, [form(name) for name in FORMS])
    assert (found.stem if found else None) == expected


def test_read_fields_gives_answers_shaped_like_an_issue_body() -> None:
    _, template = mailforms.mail_template(form("kommentar"))
    filled = (template.replace("Beitrag*: ", "Beitrag*: handlungsfelder")
              .replace("Name*: ", "Name*: Kim\n")
              .replace("Kommentar*: ", "Kommentar*:\nErste Zeile\n\nWebsite ist gut: ja")
              .replace("Zustimmen mit ja): ", "Zustimmen mit ja): JA!"))
    answers = mailforms.read_fields(form("kommentar"), filled)
    assert answers == {
        "post": "handlungsfelder", "name": "Kim",
        "text": "Erste Zeile\n\nWebsite ist gut: ja", "website": "", "reply_to": "",
        "consent": "- [x] Ich willige ein, dass mein Name, mein Kommentar, sein Datum und "
                   "meine Website (falls angegeben) auf der Website des Labors veröffentlicht "
                   "und dafür im öffentlichen Repository gespeichert werden."}


def test_consent_needs_a_yes() -> None:
    answers = mailforms.read_fields(form("kommentar"), "Einwilligung: vielleicht")
    assert answers["consent"].startswith("- [ ] ")


def test_dropdown_answers_are_spelled_as_in_the_form() -> None:
    text = "Themen: digital-lotsen; neue räume, neue arbeit\nArbeitskultur\nFormat: werkstatt"
    answers = mailforms.read_fields(form("veranstaltung"), text)
    assert answers["topics"] == "Digital-Lotsen, Neue Räume, Neue Arbeit, Arbeitskultur"
    assert answers["format"] == "Werkstatt"
