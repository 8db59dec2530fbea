"""Reading MP4 boxes and checking WebVTT, on generated clips and small texts."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from rebellab.signlanguage.model import iso_duration, running_time
from rebellab.signlanguage.mp4 import NotMp4Error, probe
from rebellab.signlanguage.webvtt import check_webvtt
from tests.signlanguage.clips import make_clip


@pytest.mark.parametrize(("codec", "faststart", "name"), [
    ("libx264", False, "H.264"), ("libx264", True, "H.264"), ("mpeg4", False, "MPEG-4 Part 2")])
def test_probe_reads_codec_size_rate_and_duration(tmp_path: Path, codec: str, faststart: bool,
                                                  name: str) -> None:
    facts = probe(make_clip(tmp_path / "clip.mp4", codec=codec, seconds=1.6,
                            faststart=faststart))
    assert facts.duration == pytest.approx(1.6, abs=0.05)
    assert facts.video is not None
    assert (facts.video.codec_name, facts.video.width, facts.video.height) == (name, 320, 240)
    assert facts.video.frame_rate == pytest.approx(25)
    assert facts.video.is_h264 == (codec == "libx264")


def test_probe_finds_the_video_track_after_an_audio_track(tmp_path: Path) -> None:
    facts = probe(make_clip(tmp_path / "clip.mp4", seconds=1, audio=True, rate=30))
    assert facts.video is not None and facts.video.frame_rate == pytest.approx(30)


def test_probe_reads_64_bit_box_sizes(tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "clip.mp4", seconds=1, faststart=True)
    data = clip.read_bytes()
    size, kind = struct.unpack(">I4s", data[:8])
    assert kind == b"ftyp"
    large = struct.pack(">I4sQ", 1, kind, size + 8) + data[8:size] + data[size:]
    (tmp_path / "large.mp4").write_bytes(large)
    assert probe(tmp_path / "large.mp4").video.is_h264


@pytest.mark.parametrize(("content", "message"), [
    (b"WEBVTT\n", "keine MP4-Datei (der Kopf 'ftyp' fehlt)"),
    (b"\x00\x00\x00\x10ftypisom\x00\x00\x02\x00", "die MP4-Datei hat keinen Inhaltsteil 'moov'"),
    (b"\x00\x00\x00\x30ftypisom", "beschädigte MP4-Datei (Box bei Byte 0)"),
])
def test_probe_refuses_what_is_no_mp4(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "x.mp4").write_bytes(content)
    with pytest.raises(NotMp4Error) as error:
        probe(tmp_path / "x.mp4")
    assert str(error.value) == message


def test_valid_webvtt_with_header_identifiers_settings_and_notes() -> None:
    text = ("\ufeffWEBVTT - Untertitel\nKind: captions\n\nNOTE von der Redaktion\n\n"
            "eins\n00:00.000 --> 00:01.500 align:start\nHallo\n\n"
            "01:00:00.000 --> 01:00:02.000\r\nSpät\r\n")
    assert check_webvtt(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("WEBVT\n\n00:00.000 --> 00:01.000\nA\n", [(1, "Die erste Zeile muss „WEBVTT“ sein "
                                                "(so erkennt der Browser die Untertitel).")]),
    ("1\n00:00:00,000 --> 00:00:01,000\nSRT\n", [(1, "Die erste Zeile muss „WEBVTT“ sein "
                                                 "(so erkennt der Browser die Untertitel).")]),
    ("WEBVTT\n\n00:00.000 -> 00:01.000\nA\n", [(3, "„00:00.000 -> 00:01.000“ ist keine "
                                                "gültige Zeitangabe; erwartet wird zum "
                                                "Beispiel „00:00:01.000 --> 00:00:04.500“.")]),
    ("WEBVTT\n\nid\n00:61.000 --> 00:62.000\nA\n", [(4, "„00:61.000 --> 00:62.000“ ist keine "
                                                     "gültige Zeitangabe; erwartet wird zum "
                                                     "Beispiel „00:00:01.000 --> "
                                                     "00:00:04.500“.")]),
    ("WEBVTT\n\nnur Text\nohne Zeit\n", [(3, "Dieser Block hat keine Zeitangabe wie "
                                           "„00:00:01.000 --> 00:00:04.500“; vor jedem "
                                           "Untertitel steht eine.")]),
])
def test_invalid_webvtt_is_reported_at_its_line(text: str, expected: list) -> None:
    assert check_webvtt(text) == expected


@pytest.mark.parametrize(("seconds", "shown", "iso"), [
    (42.4, "0:42 Minuten", "PT42S"), (65.0, "1:05 Minuten", "PT1M5S"),
    (3723.0, "1:02:03 Stunden", "PT1H2M3S"), (600, "10:00 Minuten", "PT10M0S")])
def test_running_time(seconds: float, shown: str, iso: str) -> None:
    assert (running_time(seconds), iso_duration(seconds)) == (shown, iso)
