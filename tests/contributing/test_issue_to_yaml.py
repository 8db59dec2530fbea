"""scripts/issue_to_yaml.py: submitted issue forms become valid files, or clear errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rebellab.kernel.fields import check_url
from rebellab.kernel.yamlfile import load_yaml_file
from rebellab.lab.load import load_lab
from tests.support.site import REPO, copy_tree, make_root

FIXTURES = Path(__file__).parent / "fixtures"
SCRIPT = REPO / "scripts" / "issue_to_yaml.py"


def convert(root: Path, fixture: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), "--root", str(root), "--date",
                           "2026-11-20", *extra, str(FIXTURES / fixture)],
                          capture_output=True, text=True, check=False, cwd=REPO)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_root(tmp_path)


@pytest.fixture
def lab_root(tmp_path: Path) -> Path:
    """A lab with two profiles, one hosting two events (block and flow style lists)."""
    return copy_tree(FIXTURES / "lab", make_root(tmp_path))


def data_of(root: Path, rel: str) -> dict:
    data, problems = load_yaml_file(root / rel, rel)
    assert problems == []
    return data


def test_event_form_becomes_valid_event(root: Path) -> None:
    result = convert(root, "event-valid.md", "--kind", "veranstaltung")
    assert result.returncode == 0, result.stderr
    rel = "data/events/2026-12-meetup-in-luenen-lean-coffee-zur-e-akte.yaml"
    assert result.stdout.splitlines() == [rel]
    lab = load_lab(root)
    assert lab.problems == ()
    (event,) = lab.events
    assert event.title == "Meetup in Lünen: Lean Coffee zur E-Akte"
    assert (str(event.start), str(event.end)) == ("2026-12-03 16:30:00", "2026-12-03 19:00:00")
    assert event.location.address == "Willy-Brandt-Platz 1, 44532 Lünen"
    assert event.topics == ("neue-arbeit", "vernetzung")  # title with a comma kept whole
    assert event.partners == ("luenen",)
    assert event.registration.url == "https://www.eventbrite.de/e/meetup-luenen-123"
    assert "Bitte eigene Fragen mitbringen!" in event.description
    text = (root / rel).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/event.schema.json\n")
    assert "Bitte erst nächste Woche" not in text  # notes to the editors stay out


def test_event_form_kind_is_recognised_without_option(root: Path) -> None:
    result = convert(root, "event-online-all-day.md")
    assert result.returncode == 0, result.stderr
    (event,) = load_lab(root).events
    assert (str(event.start), str(event.end)) == ("2026-12-03", "2026-12-04")
    assert event.location is None
    assert event.online.platform == "BigBlueButton"


def test_event_form_errors_name_the_fields(root: Path) -> None:
    result = convert(root, "event-form-errors.md")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Feld „Datum“ enthält '31.11.2026'; diesen Tag gibt es nicht.",
        "Feld „Ende (Uhrzeit)“ fehlt: Wenn ein Beginn angegeben ist, ist auch das Ende nötig.",
        "Feld „Ort: Adresse“ ist leer; zu einem Ort gehört die Adresse.",
    ]
    assert list((root / "data" / "events").iterdir()) == []


def test_event_rule_errors_map_back_to_fields_and_leave_nothing(root: Path) -> None:
    result = convert(root, "event-rule-errors.md")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"Feld „Link zur Anmeldung“: {check_url('javascript:alert(1)')}",
        "Feld „Gastgebende“: Unbekanntes Profil 'niemand-bekanntes' in 'hosts'.",
    ]
    assert list((root / "data" / "events").iterdir()) == []


def test_same_event_twice_is_refused(root: Path) -> None:
    assert convert(root, "event-valid.md").returncode == 0
    again = convert(root, "event-valid.md")
    assert again.returncode == 1
    assert again.stderr.splitlines() == [
        "Feld „Titel“: Die Datei data/events/2026-12-meetup-in-luenen-lean-coffee-zur-e-akte"
        ".yaml gibt es schon. Bitte einen anderen Titel wählen oder die Redaktion fragen."]


def test_text_that_is_no_form_is_refused(root: Path) -> None:
    result = convert(root, "not-a-form.md")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Der Text ist kein ausgefülltes Formular „Veranstaltung eintragen“, „Profil "
        "anlegen / ändern / löschen“ oder „Kommentar schreiben“ (die Überschriften „### …“ der "
        "Formularfelder fehlen)."]


def test_profile_form_becomes_valid_profile_with_consent_date(root: Path) -> None:
    result = convert(root, "profile-create.md", "--kind", "profil")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["data/rebels/jana-schaefer-oeztuerk.yaml"]
    lab = load_lab(root)
    assert lab.problems == ()
    (profile,) = lab.profiles
    assert str(profile.consent) == "2026-11-20"
    assert profile.topics == ("digital-lotsen", "neue-arbeit")
    assert profile.offers == ("Hospitation im Bürgeramt", "Lean Coffee moderieren")
    assert profile.contact.mastodon == "@jana@social.example"
    assert profile.partner == "essen"


def test_profile_form_errors_name_the_fields(root: Path) -> None:
    result = convert(root, "profile-form-errors.md")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Feld „Einwilligung“ ist nicht angekreuzt; ohne Einwilligung wird kein Profil "
        "veröffentlicht.",
        "Feld „Partnerverwaltung“ enthält 'Stadt Bochum', das nicht zur Auswahl gehört. "
        "Möglich: Kreis Wesel, Stadt Essen, Stadt Lünen, Impact Hub Ruhr.",
        "Feld „Über mich“ ist leer; bitte ausfüllen.",
        "Feld „Themen“ ist leer; bitte mindestens ein Thema wählen.",
    ]
    assert list((root / "data" / "rebels").iterdir()) == []


def test_profile_rule_errors_map_back_to_fields(root: Path) -> None:
    result = convert(root, "profile-rule-errors.md")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert [line.split("“", 1)[0] + "“" for line in lines] == [
        "Feld „Über mich“", "Feld „Kontakt: E-Mail“", "Feld „Kontakt: Website“"]
    assert lines[0] == "Feld „Über mich“: 'bio' ist 1001 Zeichen lang; erlaubt sind " \
                       "höchstens 1000."
    assert lines[2] == f"Feld „Kontakt: Website“: {check_url('ftp://example.org')}"
    assert list((root / "data" / "rebels").iterdir()) == []


def test_existing_profile_is_not_created_twice(lab_root: Path) -> None:
    (lab_root / "data/rebels/jana-schaefer-oeztuerk.yaml").write_text("name: x\n")
    result = convert(lab_root, "profile-create.md")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Feld „Name“ – ein Profil data/rebels/jana-schaefer-oeztuerk.yaml gibt es schon. Zum "
        "Ändern bitte „Profil ändern“ wählen."]
    assert (lab_root / "data/rebels/jana-schaefer-oeztuerk.yaml").read_text() == "name: x\n"


def test_profile_change_rewrites_file_and_keeps_photo(lab_root: Path) -> None:
    result = convert(lab_root, "profile-change.md")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["data/rebels/anna-beispiel.yaml"]
    data = data_of(lab_root, "data/rebels/anna-beispiel.yaml")
    assert data["role"] == "Teamleitung Digital-Lotsen"
    assert data["image"] == "rebels/anna-beispiel.png"
    assert data["consent"] == "2026-11-20"
    assert load_lab(lab_root).problems == ()


def test_profile_change_needs_an_existing_profile(root: Path) -> None:
    result = convert(root, "profile-change.md")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Feld „Kurzname des Profils“ enthält 'anna-beispiel', aber es gibt kein Profil "
        "data/rebels/anna-beispiel.yaml."]


def test_profile_deletion_removes_file_and_every_mention(lab_root: Path) -> None:
    before = (lab_root / "data/events/2026-12-werkstatt-raeume.yaml").read_text()
    result = convert(lab_root, "profile-delete.md")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "data/rebels/anna-beispiel.yaml",
        "data/events/2026-12-werkstatt-raeume.yaml",
        "data/events/2027-01-zirkel.yaml",
    ]
    assert not (lab_root / "data/rebels/anna-beispiel.yaml").exists()
    after = (lab_root / "data/events/2026-12-werkstatt-raeume.yaml").read_text()
    assert after == before.replace("  - anna-beispiel   # leitet die Werkstatt\n", "")
    assert "hosts" not in data_of(lab_root, "data/events/2027-01-zirkel.yaml")
    lab = load_lab(lab_root)
    assert lab.problems == ()
    assert [p.slug for p in lab.profiles] == ["bernd-beispiel"]


def test_profile_deletion_checks_the_name(lab_root: Path) -> None:
    body = (FIXTURES / "profile-delete.md").read_text().replace("Anna Beispiel", "Bernd Muster")
    (lab_root / "body.md").write_text(body)
    result = subprocess.run([sys.executable, str(SCRIPT), "--root", str(lab_root),
                             str(lab_root / "body.md")], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Feld „Name“ enthält „Bernd Muster“, aber das Profil 'anna-beispiel' gehört zu „Anna "
        "Beispiel“. Bitte Name und Kurzname prüfen."]
    assert (lab_root / "data/rebels/anna-beispiel.yaml").exists()


def test_github_output_names_the_file(root: Path, tmp_path: Path) -> None:
    output = tmp_path / "github-output"
    result = convert(root, "profile-create.md", "--github-output", str(output))
    assert result.returncode == 0, result.stderr
    assert output.read_text().splitlines() == [
        "action=create", "path=data/rebels/jana-schaefer-oeztuerk.yaml",
        "slug=jana-schaefer-oeztuerk"]


def test_optional_dropdown_left_at_none_is_empty(root: Path, tmp_path: Path) -> None:
    body = (FIXTURES / "profile-create.md").read_text(encoding="utf-8").replace(
        "### Partnerverwaltung\n\nStadt Essen", "### Partnerverwaltung\n\nNone")
    (tmp_path / "body.md").write_text(body, encoding="utf-8")
    result = subprocess.run([sys.executable, str(SCRIPT), "--root", str(root),
                             str(tmp_path / "body.md")], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    (profile,) = load_lab(root).profiles
    assert profile.partner is None
