"""data/feeds.yaml: the Python validation (exact messages) and the JSON Schema agree.

``fixtures/feeds/invalid/<rule>.yaml`` breaks one rule each; what ``make check`` prints for
it is below. A broken snapshot is a content error at its path.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rebellab.lab.load import load_lab
from tests.content.test_schemas import schema_errors
from tests.support.site import REPO, make_root

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
# What a schema cannot see: the vocabularies and the other entries of the list.
PYTHON_ONLY = {"unknown-topic", "unknown-partner", "duplicate-key"}
EXPECTED = {
    "bad-key": [
        "data/feeds.yaml:2: 'key': 'Impact Hub' hat nicht die erwartete Form aus "
        'Kleinbuchstaben a–z, Ziffern und Bindestrichen (z. B. impact-hub-ruhr).',
    ],
    "duplicate-key": [
        "data/feeds.yaml:6: Den Schlüssel 'hub' hat schon der Kalender in Zeile 2.",
    ],
    "entry-not-a-mapping": [
        "data/feeds.yaml:2: Jeder Kalender braucht eingerückte Schlüssel wie 'key', "
        "'name', 'url' und 'link'.",
    ],
    "javascript-url": [
        "data/feeds.yaml:4: 'url': 'javascript:alert(1)' ist keine Web-Adresse; "
        'erlaubt sind nur Adressen, die mit http:// oder https:// beginnen.',
    ],
    "missing-link": [
        "data/feeds.yaml:2: Pflichtfeld 'link' fehlt.",
    ],
    "name-too-long": [
        "data/feeds.yaml:3: 'name' ist 81 Zeichen lang; erlaubt sind höchstens 80.",
    ],
    "not-a-list": [
        'data/feeds.yaml:2: Die Datei muss eine Liste sein: jeder Kalender beginnt mit '
        "'- key: …'.",
    ],
    "unknown-key": [
        "data/feeds.yaml:6: Unbekannter Schlüssel 'colour'. Erlaubt sind: include, "
        'key, link, name, partner, topics, url.',
    ],
    "unknown-partner": [
        "data/feeds.yaml:6: Unbekannter Partner 'bochum' in 'partner'. Bekannt sind: "
        'essen, impact-hub-ruhr, kreis-wesel, luenen.',
    ],
    "unknown-topic": [
        "data/feeds.yaml:6: Unbekanntes Thema 'vernetzen' in 'topics'. Meinten Sie "
        "'vernetzung'?",
    ],
    "webcal-url": [
        "data/feeds.yaml:4: 'url': 'webcal://example.org/events.ics' ist keine "
        'Web-Adresse; erlaubt sind nur Adressen, die mit http:// oder https:// '
        'beginnen.',
    ],
}


def lab_root(tmp_path: Path, feeds: Path | None = None) -> Path:
    root = make_root(tmp_path)
    if feeds is not None:
        shutil.copy(feeds, root / "data" / "feeds.yaml")
    return root


def test_every_invalid_fixture_has_its_expected_lines() -> None:
    assert sorted(p.stem for p in (FEEDS / "invalid").glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_invalid_entry_is_reported_at_its_line(rule: str, tmp_path: Path) -> None:
    lab = load_lab(lab_root(tmp_path, FEEDS / "invalid" / f"{rule}.yaml"))
    assert [str(problem) for problem in lab.problems] == EXPECTED[rule]
    assert lab.network.feeds == () or rule == "duplicate-key"


@pytest.mark.parametrize("name", ["all-keys.yaml", "empty-list.yaml"])
def test_valid_file_passes_python_and_schema(name: str, tmp_path: Path) -> None:
    lab = load_lab(lab_root(tmp_path, FEEDS / "valid" / name))
    assert lab.problems == ()
    assert schema_errors(FEEDS / "valid" / name, "feeds") == []


def test_repository_feeds_file_passes_python_and_schema() -> None:
    assert schema_errors(REPO / "data" / "feeds.yaml", "feeds") == []
    assert [p for p in load_lab(REPO).problems if p.path.startswith("data/feeds")] == []


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_schema_rejects_what_python_rejects_unless_python_only(rule: str) -> None:
    rejected = bool(schema_errors(FEEDS / "invalid" / f"{rule}.yaml", "feeds"))
    assert rejected == (rule not in PYTHON_ONLY)


def test_schema_describes_every_key_in_german_and_the_guide_documents_them() -> None:
    import json

    schema = json.loads((REPO / "data" / "schemas" / "feeds.schema.json").read_text("utf-8"))
    properties = schema["items"]["properties"]
    assert all(node.get("description") for node in properties.values())
    guide = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    assert [key for key in properties if f"`{key}`" not in guide] == []


def test_a_snapshot_that_does_not_parse_is_a_content_error_at_its_path(tmp_path: Path) -> None:
    root = lab_root(tmp_path, FEEDS / "valid" / "all-keys.yaml")
    external = root / "data" / "external"
    external.mkdir()
    (external / "impact-hub-ruhr.ics").write_text("<html>Anmeldung</html>", encoding="utf-8")
    (external / "forum.ics").write_bytes(
        (Path(__file__).parent / "fixtures" / "producers" / "google.ics").read_bytes())
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "check.py"), "--root",
                             str(root)], capture_output=True, text=True, check=False,
                            env={"SITE_TODAY": "2026-11-24", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1
    assert "data/external/impact-hub-ruhr.ics:1: Die Datei ist kein Kalender: sie beginnt " \
           "nicht mit BEGIN:VCALENDAR." in result.stdout.splitlines()
    assert "forum.ics" not in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
