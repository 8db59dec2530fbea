"""The one writer for generated files: inside the output folder, once, announced."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from pelican import signals
from pelican.writers import FileOverwriteFailedError, Writer

from rebellab.sitebase.output import prune_caches, use_cache, write_bytes, write_text


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


def _cache_folders(root: Path, names_and_ages: dict[str, int]) -> None:
    for name, age in names_and_ages.items():
        folder = root / name
        folder.mkdir(parents=True)
        (folder / "daten.pickle").write_bytes(b"x")
        os.utime(folder, (time.time() - age, time.time() - age))


def test_caches_of_other_code_are_discarded_but_the_ones_used_last(tmp_path: Path) -> None:
    root = tmp_path / ".cache" / "pelican"
    _cache_folders(root, {"aaaaaaaaaaaaaaaa": 400, "bbbbbbbbbbbbbbbb": 100,
                          "cccccccccccccccc": 300, "dddddddddddddddd": 200,
                          "eeeeeeeeeeeeeeee": 900, "notizen": 1000})
    (root / "ffffffffffffffff").write_text("eine Datei, kein Cache", encoding="utf-8")
    settings = {"CACHE_ROOT": str(root), "CACHE_PATH": str(root / "eeeeeeeeeeeeeeee"),
                "CACHES_KEPT": 2}
    use_cache(settings)  # the current one: used now, whatever its age was
    discarded = prune_caches(settings)
    assert sorted(path.name for path in discarded) == ["aaaaaaaaaaaaaaaa", "cccccccccccccccc"]
    assert sorted(path.name for path in root.iterdir() if not path.name.startswith(".")) == [
        "bbbbbbbbbbbbbbbb", "dddddddddddddddd", "eeeeeeeeeeeeeeee", "ffffffffffffffff",
        "notizen"]


@pytest.mark.parametrize("settings", [
    {"CACHE_PATH": "{root}/aaaaaaaaaaaaaaaa"},  # no CACHE_ROOT (make bench, fixture sites)
    {"CACHE_ROOT": "{root}", "CACHE_PATH": "{root}/tiefer/aaaaaaaaaaaaaaaa"},
    {"CACHE_ROOT": "{root}", "CACHE_PATH": "{root}/aaaaaaaaaaaaaaaa", "CACHES_KEPT": 5},
])
def test_no_cache_is_discarded_outside_the_cache_root_or_within_the_number_kept(
        tmp_path: Path, settings: dict[str, object]) -> None:
    names = ["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "cccccccccccccccc", "dddddddddddddddd"]
    _cache_folders(tmp_path, dict.fromkeys(names, 500))
    filled = {key: value.format(root=tmp_path) if isinstance(value, str) else value
              for key, value in settings.items()}
    assert prune_caches(filled) == []
    assert all((tmp_path / name).is_dir() for name in names)
