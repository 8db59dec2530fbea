"""Tried as a new user would: make new-event, a form body, a broken file in a pull request."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
from bs4 import BeautifulSoup

from tests.support.site import REPO, build_site, make_root

FIXTURES = Path(__file__).parent / "fixtures"
EVENT_SLUG = "2026-12-zirkel-neue-arbeit-in-wesel"
# What a new user types after `make new-event`: title, format, start, end (default), place,
# address, online link (none), description, topics.
ANSWERS = "Zirkel „Neue Arbeit“ in Wesel\nzirkel\n2026-12-08 15:00\n\nKreishaus Wesel\n" \
          "Reeser Landstraße 31, 46483 Wesel\n\nWir treffen uns zum dritten Mal.\nneue-arbeit\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A lab where a user added an event with `make new-event` and a profile by form."""
    root = make_root(tmp_path_factory.mktemp("walkthrough"))
    made = subprocess.run(["make", "--no-print-directory", "-s", "new-event"], input=ANSWERS,
                          capture_output=True, text=True, cwd=REPO, check=False,
                          env={**os.environ, "LAB_ROOT": str(root)})
    assert made.returncode == 0, made.stdout + made.stderr
    assert f"Angelegt: data/events/{EVENT_SLUG}.yaml" in made.stdout
    form = subprocess.run([sys.executable, str(REPO / "scripts" / "issue_to_yaml.py"),
                           "--root", str(root), "--date", "2026-11-20",
                           str(FIXTURES / "profile-create.md")],
                          capture_output=True, text=True, check=False)
    assert form.returncode == 0, form.stderr
    output = root.parent / "output"
    built = build_site(root, output)
    assert built.returncode == 0, built.stdout + built.stderr
    return root, output


def soup(output: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((output / page / "index.html").read_text(encoding="utf-8"),
                         "html.parser")


def test_new_event_is_in_the_calendar(site: tuple[Path, Path]) -> None:
    _, output = site
    links = soup(output, "veranstaltungen").select(".vr-event-card__title a")
    assert [(a.get_text(strip=True), a["href"]) for a in links] == [
        ("Zirkel „Neue Arbeit“ in Wesel", f"/veranstaltungen/{EVENT_SLUG}/")]


def test_new_event_has_its_page_and_calendar_file(site: tuple[Path, Path]) -> None:
    _, output = site
    page = soup(output, f"veranstaltungen/{EVENT_SLUG}")
    assert page.h1.get_text(strip=True) == "Zirkel „Neue Arbeit“ in Wesel"
    ics = (output / "veranstaltungen" / EVENT_SLUG / "termin.ics").read_bytes()
    (event,) = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Zirkel „Neue Arbeit“ in Wesel"
    assert event.decoded("DTSTART").isoformat() == "2026-12-08T15:00:00+01:00"
    assert event.decoded("DTEND").isoformat() == "2026-12-08T17:00:00+01:00"


def test_form_profile_is_in_the_directory(site: tuple[Path, Path]) -> None:
    _, output = site
    page = soup(output, "rebellen/jana-schaefer-oeztuerk")
    assert page.h1.get_text(strip=True) == "Jana Schäfer-Öztürk"


def test_broken_event_is_reported_on_its_line_as_github_annotation(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    broken = root / "data" / "events" / "2026-12-meetup.yaml"
    broken.write_text("title: Meetup\nformat: meetup\nstart: 2026-12-03 16:30\n"
                      "end: 2026-12-03 16:00\nonline: true\ndescription: Hallo.\n",
                      encoding="utf-8")
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "check.py"), "--root",
                             str(root), "--github"], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 1
    message = "'end' (2026-12-03 16:00) liegt nicht nach 'start' (2026-12-03 16:30)."
    assert result.stdout.splitlines()[:2] == [
        f"data/events/2026-12-meetup.yaml:4: {message}",
        f"::error file=data/events/2026-12-meetup.yaml,line=4::{message}",
    ]
