"""The writer of warm builds: links unchanged pages, never writes through a link."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

from rebellab.sitebase.incremental import IncrementalWriter, commit, save_record

TEMPLATES = {"page.html": "<p>{{ text | slow }}</p>"}


def slow(text: str) -> str:
    """Render ``text``; slowly when it asks so, failing when it asks so."""
    if text.startswith("langsam"):
        time.sleep(0.5)
    if text == "kaputt":
        raise ValueError("kaputt")
    return text


def write(previous: Path, staging: Path, cache: Path, pages: list[tuple[str, str, bool]],
          workers: int, batch: int = 1024) -> IncrementalWriter:
    """One build into ``staging`` replacing ``previous``: (file, text, override) per write."""
    settings = {"PREVIOUS_OUTPUT_PATH": str(previous), "CACHE_PATH": str(cache),
                "WRITE_WORKERS": workers, "WRITE_BATCH": batch, "PAGINATED_TEMPLATES": {}}
    writer = IncrementalWriter(str(staging), settings=settings)
    environment = Environment(loader=DictLoader(TEMPLATES))
    environment.filters["slow"] = slow
    template = environment.get_template("page.html")
    try:
        for name, text, override in pages:
            writer.write_file(name, template, {}, override_output=override, text=text)
        writer.render_pending()  # what the end of a generator's output does
    finally:
        save_record(None)
    return writer


def build(tmp_path: Path, pages: list[tuple[str, str, bool]], workers: int = 0,
          batch: int = 1024) -> IncrementalWriter:
    """Build into output.new and swap it in, as scripts/build.py does."""
    output, staging = tmp_path / "output", tmp_path / "output.new"
    writer = write(output, staging, tmp_path / "cache", pages, workers, batch)
    if output.exists():
        output.rename(tmp_path / f"old-{len(list(tmp_path.glob('old-*')))}")
    staging.rename(output)
    commit(writer.settings)
    return writer


def test_unchanged_pages_are_linked_and_changed_ones_rendered(tmp_path):
    build(tmp_path, [("a.html", "eins", False), ("b.html", "zwei", False)])
    inode = (tmp_path / "output" / "a.html").stat().st_ino
    writer = build(tmp_path, [("a.html", "eins", False), ("b.html", "drei", False)])
    assert writer.record is not None
    assert (writer.record.reused, writer.record.rendered) == (1, 1)
    assert (tmp_path / "output" / "a.html").stat().st_ino == inode
    assert (tmp_path / "output" / "b.html").read_text(encoding="utf-8") == "<p>drei</p>"


def test_a_file_changed_by_hand_is_rendered_again(tmp_path):
    build(tmp_path, [("a.html", "eins", False)])
    (tmp_path / "output" / "a.html").write_text("von Hand", encoding="utf-8")
    build(tmp_path, [("a.html", "eins", False)])
    assert (tmp_path / "output" / "a.html").read_text(encoding="utf-8") == "<p>eins</p>"


@pytest.mark.parametrize("workers", [0, 2])
def test_an_overriding_write_does_not_write_through_the_link_into_the_old_output(
        tmp_path, workers):
    build(tmp_path, [("a.html", "eins", False)])
    previous = tmp_path / "output" / "a.html"
    os.link(previous, tmp_path / "kept.html")  # the previous output's file, by its inode
    build(tmp_path, [("a.html", "eins", False), ("a.html", "anders", True)], workers)
    assert (tmp_path / "output" / "a.html").read_text(encoding="utf-8") == "<p>anders</p>"
    assert (tmp_path / "kept.html").read_text(encoding="utf-8") == "<p>eins</p>"


def test_a_queued_page_overridden_by_an_unchanged_one_is_not_rendered_into_the_link(tmp_path):
    build(tmp_path, [("a.html", "eins", False)])
    os.link(tmp_path / "output" / "a.html", tmp_path / "kept.html")
    # The first write changed (queued for the workers), the overriding one is unchanged.
    build(tmp_path, [("a.html", "zwei", False), ("a.html", "eins", True)], workers=2)
    assert (tmp_path / "output" / "a.html").read_text(encoding="utf-8") == "<p>eins</p>"
    assert (tmp_path / "kept.html").read_text(encoding="utf-8") == "<p>eins</p>"


def test_pages_render_in_a_background_worker_while_the_writer_goes_on(tmp_path):
    settings = {"PREVIOUS_OUTPUT_PATH": str(tmp_path / "output"), "CACHE_PATH": str(tmp_path),
                "WRITE_WORKERS": 2, "WRITE_BATCH": 3, "PAGINATED_TEMPLATES": {}}
    writer = IncrementalWriter(str(tmp_path / "output.new"), settings=settings)
    environment = Environment(loader=DictLoader(TEMPLATES))
    environment.filters["slow"] = slow
    template = environment.get_template("page.html")
    for number in range(10):
        writer.write_file(f"p{number}.html", template, {}, text=f"Seite {number}")
    # The first three went to a worker at once; the rest waits for the generator's end.
    assert len(writer.background.running) == 1 and len(writer.queue) == 7
    writer.render_pending()
    save_record(None)
    assert not writer.background.running and not writer.queue
    assert [(tmp_path / "output.new" / f"p{number}.html").read_text(encoding="utf-8")
            for number in range(10)] == [f"<p>Seite {number}</p>" for number in range(10)]


def test_an_override_waits_for_the_background_worker_rendering_the_page(tmp_path):
    build(tmp_path, [("a.html", "eins", False)])
    os.link(tmp_path / "output" / "a.html", tmp_path / "kept.html")
    # The first write is rendered (slowly) by a background worker; the overriding write is
    # unchanged and links the previous file: the worker must not write into that link.
    build(tmp_path, [("a.html", "langsam zwei", False), ("a.html", "eins", True)],
          workers=2, batch=1)
    assert (tmp_path / "output" / "a.html").read_text(encoding="utf-8") == "<p>eins</p>"
    assert (tmp_path / "kept.html").read_text(encoding="utf-8") == "<p>eins</p>"


def test_a_failing_background_worker_fails_the_build(tmp_path, capfd):
    with pytest.raises(RuntimeError, match="Schreibprozess"):
        build(tmp_path, [("a.html", "kaputt", False), ("b.html", "gut", False)],
              workers=2, batch=1)
    assert "ValueError: kaputt" in capfd.readouterr().err
