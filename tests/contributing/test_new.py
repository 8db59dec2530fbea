"""scripts/new.py (make new-event, -profile, -post, -project): valid files from a few answers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from rebellab.lab.load import load_lab
from tests.support.site import REPO, build_site, make_root

SCRIPT = REPO / "scripts" / "new.py"

EVENT = ["--title", "Meetup in Lünen: Straßen & Bürger*innen", "--format", "meetup",
         "--start", "2026-12-03 16:30", "--location-name", "Rathaus Lünen",
         "--address", "Willy-Brandt-Platz 1, 44532 Lünen",
         "--description", "Wir sprechen über **offene Daten**.", "--topics", "vernetzung"]


def new(root: Path, kind: str, *args: str, answers: str | None = None
        ) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(SCRIPT), kind, "--root", str(root), *args]
    if answers is None:
        command.append("--non-interactive")
    return subprocess.run(command, input=answers or "", capture_output=True, text=True,
                          check=False, cwd=REPO)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_root(tmp_path)


def test_new_event_gets_a_german_slug_and_passes_the_check(root: Path) -> None:
    result = new(root, "event", *EVENT)
    assert result.returncode == 0, result.stderr
    rel = "data/events/2026-12-meetup-in-luenen-strassen-buerger-innen.yaml"
    assert result.stdout.splitlines()[0] == f"Angelegt: {rel}"
    text = (root / rel).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/event.schema.json\n")
    assert "# registration:" in text  # optional keys offered as comments
    lab = load_lab(root)
    assert lab.problems == ()
    (event,) = lab.events
    assert event.title == "Meetup in Lünen: Straßen & Bürger*innen"
    assert str(event.end) == "2026-12-03 18:30:00"  # default: two hours


def test_new_event_online_only_with_link_to_follow(root: Path) -> None:
    result = new(root, "event", "--title", "Digitaler Zirkel", "--format", "zirkel",
                 "--start", "2027-01-12", "--online-url", "folgt", "--description", "Online.")
    assert result.returncode == 0, result.stderr
    (event,) = load_lab(root).events
    assert (str(event.start), event.online is not None, event.location) == \
        ("2027-01-12", True, None)


def test_new_refuses_to_overwrite(root: Path) -> None:
    assert new(root, "event", *EVENT).returncode == 0
    path = root / "data/events/2026-12-meetup-in-luenen-strassen-buerger-innen.yaml"
    path.write_text(path.read_text() + "# eigene Notiz\n")
    again = new(root, "event", *EVENT)
    assert again.returncode == 1
    assert again.stderr.splitlines() == [
        "Fehler: data/events/2026-12-meetup-in-luenen-strassen-buerger-innen.yaml gibt es "
        "schon; nichts überschrieben. Bitte einen anderen Titel oder --slug wählen."]
    assert path.read_text().endswith("# eigene Notiz\n")


def test_missing_required_answer_is_an_error_without_a_file(root: Path) -> None:
    result = new(root, "event", "--title", "Ohne Datum")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Fehler: Beginn (JJJJ-MM-TT HH:MM; nur JJJJ-MM-TT für ganztägig): Bitte ausfüllen."]
    assert list((root / "data" / "events").iterdir()) == []


def test_unknown_topic_is_refused_with_the_choices(root: Path) -> None:
    result = new(root, "event", *EVENT[:-1], "neue-arbeitswelt")
    assert result.returncode == 1
    assert result.stderr.startswith("Fehler: Themen (Schlüssel, durch Komma getrennt): Thema "
                                    "unbekannt: neue-arbeitswelt. Möglich: neue-arbeit, ")


def test_new_profile_by_answering_questions(root: Path) -> None:
    # name, organisation, role, partner, topics (wrong, then right), bio, e-mail,
    # consent (impossible date, then right)
    answers = "Jürgen Groß\nStadt Essen\n\nessen\nfoo\ndigital-lotsen\nIch lotse.\n\n" \
              "2026-02-30\n2026-11-20\n"
    result = new(root, "profile", answers=answers)
    assert result.returncode == 0, result.stderr
    assert "Thema unbekannt: foo." in result.stdout
    assert "Das Datum '2026-02-30' gibt es nicht" in result.stdout
    assert result.stdout.splitlines()[-2].endswith("Angelegt: data/rebels/juergen-gross.yaml")
    lab = load_lab(root)
    assert lab.problems == ()
    (profile,) = lab.profiles
    assert (profile.name, profile.partner, str(profile.consent)) == \
        ("Jürgen Groß", "essen", "2026-11-20")


def test_new_project_passes_the_check(root: Path) -> None:
    result = new(root, "project", "--title", "Räume teilen über Kreisgrenzen",
                 "--summary", "Drei Verwaltungen teilen Besprechungsräume.",
                 "--status", "laeuft", "--topics", "neue-arbeit", "--partners",
                 "kreis-wesel,essen", "--started", "2026-10-01",
                 "--description", "Wie wir Räume gemeinsam buchen.")
    assert result.returncode == 0, result.stderr
    path = root / "data/projects/raeume-teilen-ueber-kreisgrenzen.yaml"
    assert path.read_text().startswith(
        "# yaml-language-server: $schema=../schemas/project.schema.json\n")
    lab = load_lab(root)
    assert lab.problems == ()
    assert [p.title for p in lab.projects] == ["Räume teilen über Kreisgrenzen"]


def test_new_post_is_built_at_its_german_url(root: Path, tmp_path: Path) -> None:
    result = new(root, "post", "--title", "Rückblick: Größer als gedacht", "--date",
                 "2026-11-02 09:00", "--category", "Meetups", "--tags", "Lean Coffee",
                 "--summary", "Das Meetup war voll.", "--text", "Es kamen **30** Leute.")
    assert result.returncode == 0, result.stderr
    assert (root / "content/blog/2026-11-rueckblick-groesser-als-gedacht.md").is_file()
    built = build_site(root, tmp_path / "out")
    assert built.returncode == 0, built.stderr
    page = tmp_path / "out/blog/2026/rueckblick-groesser-als-gedacht/index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.h1.get_text(strip=True) == "Rückblick: Größer als gedacht"
