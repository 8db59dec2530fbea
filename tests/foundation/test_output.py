"""The one writer for generated files: inside the output folder, once, announced."""

from __future__ import annotations

from pathlib import Path

import pytest
from pelican import signals
from pelican.writers import FileOverwriteFailedError, Writer

from rebellab.sitebase.output import write_bytes, write_text


def test_bytes_arrive_unchanged_and_are_announced(tmp_path: Path) -> None:
    written: list[str] = []

    def record(path: str, context: object = None) -> None:
        written.append(path)

    signals.content_written.connect(record)
    try:
        path = write_bytes(Writer(str(tmp_path), settings={}), "kalender/a.ics", b"A\r\nB\r\n")
    finally:
        signals.content_written.disconnect(record)
    assert (tmp_path / "kalender" / "a.ics").read_bytes() == b"A\r\nB\r\n"
    assert written == [path] == [str(tmp_path / "kalender" / "a.ics")]


def test_a_second_write_to_one_file_is_refused(tmp_path: Path) -> None:
    writer = Writer(str(tmp_path), settings={})
    write_text(writer, "daten/x.json", "{}\n")
    with pytest.raises(FileOverwriteFailedError, match=r"daten/x\.json"):
        write_text(writer, "daten/x.json", "[]\n")
    assert (tmp_path / "daten" / "x.json").read_text(encoding="utf-8") == "{}\n"


def test_paths_outside_the_output_folder_are_refused(tmp_path: Path) -> None:
    output = tmp_path / "output"
    with pytest.raises(RuntimeError, match="break out of output directory"):
        write_bytes(Writer(str(output), settings={}), "../entkommen.txt", b"x")
    assert not (tmp_path / "entkommen.txt").exists()
