"""``make check`` refuses a declared video that cannot be shown: exact lines per case."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.signlanguage.clips import make_clip
from tests.signlanguage.conftest import FIXTURES, MEDIA
from tests.support.site import REPO

DATA = "data/gebaerdensprache.yaml"
EXPECTED = {
    "missing-video": [
        f"{DATA}:5: Die Videodatei '{MEDIA}/fehlt.mp4' fehlt."],
    "missing-poster": [
        f"{DATA}:6: Das Vorschaubild '{MEDIA}/fehlt.jpg' fehlt."],
    "no-poster": [
        f"{DATA}:3: Pflichtfeld 'poster' fehlt."],
    "missing-captions": [
        f"{DATA}:7: Die Untertitel-Datei '{MEDIA}/fehlt.vtt' fehlt."],
    "bad-captions": [
        f"{MEDIA}/kaputt.vtt:6: „00:00:01,000 --> 00:00:02.000“ ist keine gültige "
        "Zeitangabe; erwartet wird zum Beispiel „00:00:01.000 --> 00:00:04.500“.",
        f"{MEDIA}/kaputt.vtt:9: Das Ende (00:00:02.000) liegt nicht nach dem Anfang "
        "(00:00:03.000)."],
    "not-h264": [
        f"{DATA}:5: 'mpeg4.mp4' ist mit MPEG-4 Part 2 kodiert; Browser spielen nur MP4 mit "
        "H.264 sicher ab. Bitte neu kodieren, zum Beispiel: ffmpeg -i mpeg4.mp4 -c:v libx264 "
        "-pix_fmt yuv420p -c:a aac neu.mp4"],
    "too-small": [
        f"{DATA}:5: 'klein.mp4' hat 160 × 120 Pixel und 15 Bilder pro Sekunde; die BITV 2.0 "
        "(Anlage 2) verlangt mindestens 320 × 240 Pixel und 25 Bilder pro Sekunde."],
    "bad-target": [
        f"{DATA}:4: Unbekannter Text in Leichter Sprache 'gibt-es-nicht' in 'text'. "
        "Bekannt sind: leichte-sprache, wegweiser.",
        f"{DATA}:5: Bitte genau eines angeben: 'text' (Slug eines Textes in Leichter "
        "Sprache) oder 'page' (Slug einer Seite), den das Video übersetzt.",
        f"{DATA}:6: Bitte genau eines angeben: 'text' (Slug eines Textes in Leichter "
        "Sprache) oder 'page' (Slug einer Seite), den das Video übersetzt."],
}


def run_check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "scripts" / "check.py"), "--root",
                           str(root)], capture_output=True, text=True, check=False)


def install(case: str, root: Path) -> None:
    """Put the case's data file, and the broken media it names, into the lab root."""
    shutil.copyfile(FIXTURES / "invalid" / f"{case}.yaml", root / DATA)
    shutil.copyfile(FIXTURES / "invalid" / "files" / "kaputt.vtt", root / MEDIA / "kaputt.vtt")
    if case == "not-h264":
        make_clip(root / MEDIA / "mpeg4.mp4", codec="mpeg4", seconds=1)
    if case == "too-small":
        make_clip(root / MEDIA / "klein.mp4", size="160x120", rate=15, seconds=1)


def test_valid_videos_pass(clip_root: Path) -> None:
    result = run_check(clip_root)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_invalid_video_fails_make_check_at_its_line(case: str, copy_of_clip_root: Path) -> None:
    install(case, copy_of_clip_root)
    result = run_check(copy_of_clip_root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == EXPECTED[case]


def test_every_invalid_fixture_has_its_expected_lines() -> None:
    cases = {path.stem for path in (FIXTURES / "invalid").glob("*.yaml")}
    assert cases == set(EXPECTED)
