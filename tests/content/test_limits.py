"""Limits that fail clearly: oversized, overlong, overnested or binary content files.

Each case is generated into its own lab root next to a file with an ordinary problem;
``make check`` must print both exact lines (the limit does not stop the other files'
check), with no traceback, well within a second on an idle machine. The bound asserted is
generous for a loaded one; ``-s`` prints the measured times.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PIL import Image

from scripts import check
from tests.content.cases import TODAY
from tests.support.site import make_root

PROFILE = ("name: Kim Beispiel\norganisation: Stadt Essen\ntopics: [vernetzung]\n"
           "consent: 2026-01-01\n")
OTHER = "content/materialien/ohne-beschreibung.txt"
OTHER_LINE = (f"{OTHER}:1: Zu dieser Datei fehlt die Beschreibung: bitte eine Datei in "
              "data/materials/ mit 'file: ohne-beschreibung.txt' anlegen.")
TOO_DEEP_YAML = ("Die Angaben sind zu tief verschachtelt (mehr als 20 Ebenen aus Listen und "
                 "Schlüsseln); bitte Klammern und Einrückung prüfen.")


def nested_list(levels: int) -> str:
    return "".join("    " * level + "- Punkt\n" for level in range(levels))


# name -> (path, content, expected line)
CASES: dict[str, tuple[str, str | bytes, str]] = {
    "yaml-over-1-mb": (
        "data/events/riesig.yaml", "title: Riesig\n" + "# Kommentar\n" * 100_000,
        "data/events/riesig.yaml:1: Die Datei ist zu groß (1,2 MB, höchstens 1 MB); bitte "
        "kürzen oder auf mehrere Dateien aufteilen."),
    "markdown-over-1-mb": (
        "content/methoden/riesig.md", "Title: Riesig\n\n" + "Ein Satz.\n" * 120_000,
        "content/methoden/riesig.md:1: Die Datei ist zu groß (1,2 MB, höchstens 1 MB); bitte "
        "kürzen oder auf mehrere Dateien aufteilen."),
    "line-of-100000-characters": (
        "data/rebels/lange-zeile.yaml", PROFILE + "bio: " + "x" * 100_000 + "\n",
        "data/rebels/lange-zeile.yaml:5: Die Zeile ist zu lang (100005 Zeichen, höchstens "
        "10000); bitte in mehrere Zeilen oder Absätze teilen."),
    "yaml-nested-500-levels": (
        "data/events/tief.yaml", "title: " + "[" * 500 + "x" + "]" * 500 + "\n",
        f"data/events/tief.yaml:1: {TOO_DEEP_YAML}"),
    "yaml-nested-300000-levels": (
        "data/events/tief.yaml", "location: Essen\ntitle:\n" + " [\n" * 300_000,
        f"data/events/tief.yaml:22: {TOO_DEEP_YAML}"),
    "yaml-nested-block-mappings": (
        "data/events/tief.yaml", "".join("  " * level + "a:\n" for level in range(300)),
        f"data/events/tief.yaml:21: {TOO_DEEP_YAML}"),
    "markdown-list-300-levels-indented": (  # 1000 levels of indentation would be 2 MB
        "content/methoden/tief.md", "Title: Tief\n\n" + nested_list(300),
        "content/methoden/tief.md:23: Die Zeile ist zu tief verschachtelt (21 Ebenen aus "
        "Listen, Zitaten und Einrückung, höchstens 20); bitte flacher gliedern."),
    "markdown-quote-1000-levels-in-blog": (
        "content/blog/tief.md", "Title: Tief\nDate: 2026-01-01\n\n" + "> " * 1000 + "Zitat\n",
        "content/blog/tief.md:4: Die Zeile ist zu tief verschachtelt (1000 Ebenen aus "
        "Listen, Zitaten und Einrückung, höchstens 20); bitte flacher gliedern."),
    "markdown-list-1000-levels-in-page": (
        "content/pages/tief.md", "Title: Tief\n\n" + "- " * 1000 + "Punkt\n",
        "content/pages/tief.md:3: Die Zeile ist zu tief verschachtelt (1000 Ebenen aus "
        "Listen, Zitaten und Einrückung, höchstens 20); bitte flacher gliedern."),
    "markdown-nested-in-bio": (
        "data/rebels/tiefe-bio.yaml", PROFILE + "bio: |\n  Hallo\n" + "  " + "- " * 400 + "x\n",
        "data/rebels/tiefe-bio.yaml:7: 'bio': Die Zeile ist zu tief verschachtelt (400 "
        "Ebenen aus Listen, Zitaten und Einrückung, höchstens 20); bitte flacher gliedern."),
    "nul-byte": (
        "data/events/nul.yaml", "title: Meetup\nlocation: Es\x00sen\n",
        "data/events/nul.yaml:2: Die Datei enthält ein Null-Byte (U+0000); ist sie wirklich "
        "eine Textdatei? Bitte als reinen Text (UTF-8) speichern."),
    "line-separator-in-block-scalar": (
        "data/events/trenner.yaml", "title: Meetup\ndescription: |\n  Erste Zeile\n"
        "  zweite\u2028Zeile\n",
        "data/events/trenner.yaml:4: Die Zeile enthält ein unsichtbares Steuerzeichen "
        "(U+2028); bitte löschen (oft beim Kopieren aus PDF oder Word mitgekommen) und, wo "
        "ein Zeilenumbruch gemeint ist, einen normalen Zeilenumbruch setzen."),
}


@pytest.fixture(autouse=True)
def site_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_TODAY", TODAY.isoformat())


def run_check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], float]:
    started = time.perf_counter()
    code = check.main(["--root", str(root)])
    elapsed = time.perf_counter() - started
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out.splitlines(), elapsed


def lab_with_other_problem(tmp_path: Path) -> Path:
    root = make_root(tmp_path)
    (root / OTHER).parent.mkdir(parents=True, exist_ok=True)
    (root / OTHER).write_text("Notiz\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("case", sorted(CASES))
def test_limit_is_reported_at_its_line_and_other_files_are_still_checked(
        case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, content, expected = CASES[case]
    root = lab_with_other_problem(tmp_path)
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    target.write_bytes(content)
    code, lines, elapsed = run_check(root, capsys)
    with capsys.disabled():
        print(f"\n{case}: make check {elapsed:.3f} s")
    assert code == 1
    assert lines == sorted([expected, OTHER_LINE])
    assert elapsed < 5


def test_photo_over_5_mb_is_reported_at_the_image_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = lab_with_other_problem(tmp_path)
    photo = root / "content/images/rebels/gross.png"
    photo.parent.mkdir(parents=True)
    Image.new("RGB", (64, 64), "white").save(photo)
    with photo.open("ab") as file:  # trailing bytes: still a readable PNG, but 5.1 MB
        file.write(b"\0" * 5_100_000)
    (root / "data/rebels/gross.yaml").write_text(
        PROFILE + "bio: Text.\nimage: rebels/gross.png\n", encoding="utf-8")
    code, lines, elapsed = run_check(root, capsys)
    assert code == 1
    assert lines == [OTHER_LINE, "data/rebels/gross.yaml:6: Das Bild 'rebels/gross.png' ist zu "
                     "groß (5,1 MB, höchstens 5 MB); bitte verkleinern, gezeigt werden "
                     "320 × 320 Pixel."]
    assert elapsed < 5


def test_billion_laughs_are_refused_at_once(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = lab_with_other_problem(tmp_path)
    # Each key refers nine times to the one before: 9**10 values if expanded.
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in range(9):
        this, before = chr(98 + level), chr(97 + level)
        values = ", ".join(f"{key}: *{before}" for key in "pqrstuvwx")
        lines.append(f"{this}: &{this} {{{values}}}")
    laughs = "\n".join(lines) + "\n"
    (root / "data/events/lachen.yaml").write_text(laughs, encoding="utf-8")
    code, lines, elapsed = run_check(root, capsys)
    with capsys.disabled():
        print(f"\nyaml-billion-laughs: make check {elapsed:.3f} s")
    assert code == 1
    assert OTHER_LINE in lines
    assert [line for line in lines if "Anker und Verweise" in line] == [
        f"data/events/lachen.yaml:{number}: Anker und Verweise ('&name', '*name') werden "
        "nicht unterstützt; bitte den Inhalt ausschreiben." for number in range(2, 11)]
    assert elapsed < 5
