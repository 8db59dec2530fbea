"""The writer of warm builds: links unchanged pages, never writes through a link."""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import DictLoader, Environment

from rebellab.sitebase import incremental
from rebellab.sitebase.incremental import IncrementalWriter, commit, save_record
from rebellab.sitebase.output import FOLDER_LIST, kept_folders_path, recycle_folders

TEMPLATES = {"page.html": "<p>{{ text }}</p>"}


def write(previous: Path, staging: Path, cache: Path, pages: list[tuple[str, str, bool]],
          workers: int, batch: int = 0) -> IncrementalWriter:
    """One build into ``staging`` replacing ``previous``: (file, text, override) per write."""
    settings = {"PREVIOUS_OUTPUT_PATH": str(previous), "CACHE_PATH": str(cache),
                "WRITE_WORKERS": workers, "WRITE_BATCH": batch, "PAGINATED_TEMPLATES": {}}
    writer = IncrementalWriter(str(staging), settings=settings)
    template = Environment(loader=DictLoader(TEMPLATES)).get_template("page.html")
    for name, text, override in pages:
        writer.write_file(name, template, {}, override_output=override, text=text)
    writer.render_pending()  # what the end of a generator's output does
    save_record(None)
    return writer


def build(tmp_path: Path, pages: list[tuple[str, str, bool]], workers: int = 0,
          batch: int = 0) -> IncrementalWriter:
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


def test_the_folders_of_the_previous_pages_are_made_ahead_and_unused_ones_removed(tmp_path):
    build(tmp_path, [("blog/a/index.html", "eins", False), ("blog/b/index.html", "zwei", False),
                     ("alt/tief/index.html", "drei", False)])
    made = []
    real = incremental.Folders.__init__

    def recording(folders, output_path, names, kept=None):
        real(folders, output_path, names, kept)
        made.extend(folders.made)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(incremental.Folders, "__init__", recording)
        writer = write(tmp_path / "output", tmp_path / "output.new", tmp_path / "cache",
                       [("blog/a/index.html", "eins", False)], workers=0)
    assert sorted(made) == ["alt", "alt/tief", "blog", "blog/a", "blog/b"]
    staging = tmp_path / "output.new"
    assert sorted(path.relative_to(staging).as_posix() for path in staging.rglob("*")) == [
        "blog", "blog/a", "blog/a/index.html"]
    assert writer.record is not None and writer.record.reused == 1


def test_the_folders_are_started_when_pelican_starts_and_the_writer_takes_them(tmp_path):
    build(tmp_path, [("blog/a/index.html", "eins", False), ("alt/index.html", "zwei", False)])
    staging = tmp_path / "output.new"
    settings = {"PREVIOUS_OUTPUT_PATH": str(tmp_path / "output"),
                "CACHE_PATH": str(tmp_path / "cache"), "WRITE_WORKERS": 0,
                "PAGINATED_TEMPLATES": {}}
    incremental.start_early(SimpleNamespace(settings=settings, output_path=str(staging)))
    record, folders = incremental._STARTED[str(staging)]
    assert folders.process is not None
    folders.process.wait()
    assert sorted(path.relative_to(staging).as_posix() for path in staging.rglob("*")) == [
        "alt", "blog", "blog/a"]  # before the writer exists
    writer = IncrementalWriter(str(staging), settings=settings)
    assert (writer.record, writer.folders) == (record, folders)
    assert not incremental._STARTED
    # Another output folder's (a writer made without Pelican) are not taken.
    incremental.start_early(SimpleNamespace(settings=settings, output_path=str(staging)))
    other = IncrementalWriter(str(tmp_path / "anders"), settings=settings)
    assert other.folders is not None and other.folders is not folders
    assert not incremental._STARTED


def test_a_folder_made_ahead_stays_when_a_file_went_there_from_elsewhere(tmp_path):
    build(tmp_path, [("bilder/x/index.html", "eins", False)])
    settings = {"PREVIOUS_OUTPUT_PATH": str(tmp_path / "output"),
                "CACHE_PATH": str(tmp_path / "cache"), "PAGINATED_TEMPLATES": {}}
    writer = IncrementalWriter(str(tmp_path / "output.new"), settings=settings)
    assert writer.folders is not None
    writer.folders.process.wait()
    (tmp_path / "output.new" / "bilder" / "x" / "foto.jpg").write_bytes(b"jpeg")  # static
    save_record(None)
    assert (tmp_path / "output.new" / "bilder" / "x" / "foto.jpg").is_file()


@pytest.mark.parametrize("workers", [0, 2])
def test_the_record_keeps_a_linked_page_by_the_identity_it_already_had(tmp_path, workers):
    build(tmp_path, [("a.html", "eins", False), ("b.html", "zwei", False),
                     ("c.html", "drei", False)])
    asked: list[str] = []
    real = incremental.file_identity

    def recording(path: str) -> list[int]:
        asked.append(os.path.relpath(path, tmp_path))
        return real(path)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(incremental, "file_identity", recording)
        # a.html unchanged; b.html changed; c.html unchanged, then overridden by new text.
        writer = build(tmp_path, [("a.html", "eins", False), ("b.html", "vier", False),
                                  ("c.html", "drei", False), ("c.html", "fünf", True)],
                       workers)
    assert "output.new/a.html" not in asked  # taken from the previous record
    assert {"output.new/b.html", "output.new/c.html"} <= set(asked)
    assert writer.record is not None
    record = incremental.PageRecord(writer.record.path, tmp_path / "output")
    assert record.previous.keys() == {"a.html", "b.html", "c.html"}
    for name, (_, identity) in record.previous.items():
        assert identity == real(str(tmp_path / "output" / name)), name
    # The next build links all three.
    inodes = [(tmp_path / "output" / name).stat().st_ino for name in sorted(record.previous)]
    build(tmp_path, [("a.html", "eins", False), ("b.html", "vier", False),
                     ("c.html", "drei", False), ("c.html", "fünf", True)], workers)
    assert [(tmp_path / "output" / name).stat().st_ino
            for name in sorted(record.previous)] == inodes


def folder_tree(folder: Path) -> list[str]:
    """Every folder and file below ``folder``, relative, folders ending in a slash."""
    return sorted(path.relative_to(folder).as_posix() + ("/" if path.is_dir() else "")
                  for path in folder.rglob("*"))


def test_the_previous_outputs_folders_are_kept_without_its_files(tmp_path):
    output = tmp_path / "output"
    for name in ("blog/a/index.html", "blog/b/index.html", "index.html", "pagefind/x.js"):
        (output / name).parent.mkdir(parents=True, exist_ok=True)
        (output / name).write_text(name, encoding="utf-8")
    live = tmp_path / "live.html"
    os.link(output / "index.html", live)  # a page the next output links
    kept = kept_folders_path(output)
    process = recycle_folders(output, kept)
    assert process is not None and process.wait() == 0
    assert not output.exists() and folder_tree(kept) == [
        FOLDER_LIST, "blog/", "blog/a/", "blog/b/", "pagefind/"]
    assert sorted((kept / FOLDER_LIST).read_bytes().split(b"\0")) == [
        b"", b"blog", b"blog/a", b"blog/b", b"pagefind"]
    assert live.read_text(encoding="utf-8") == "index.html"  # a link is only unlinked
    # Folders not yet taken stay; the next output's are deleted instead of being kept.
    output.mkdir()
    (output / "neu").mkdir()
    process = recycle_folders(output, kept)
    assert process is not None and process.wait() == 0
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == [
        kept.name]
    assert "neu/" not in folder_tree(kept)


@pytest.mark.parametrize("workers", [0, 2])
def test_a_warm_build_takes_the_kept_folders_less_those_no_page_needs(tmp_path, workers):
    pages = [("blog/a/index.html", "eins", False), ("blog/b/index.html", "zwei", False),
             ("alt/tief/index.html", "drei", False)]
    build(tmp_path, pages)
    build(tmp_path, pages[:2])  # the third page's folder goes
    output = tmp_path / "output"
    replaced = next(tmp_path.glob("old-*"))  # the first output, replaced by the second
    process = recycle_folders(replaced, kept_folders_path(output))
    assert process is not None and process.wait() == 0
    kept_inode = (kept_folders_path(output) / "blog" / "a").stat().st_ino
    writer = build(tmp_path, [pages[0], ("neu/index.html", "vier", False)], workers)
    assert not kept_folders_path(output).exists()  # taken: "alt" was not made ahead
    assert (output / "blog" / "a").stat().st_ino == kept_inode
    assert folder_tree(output) == ["blog/", "blog/a/", "blog/a/index.html", "neu/",
                                   "neu/index.html"]
    assert writer.record is not None and (writer.record.reused, writer.record.rendered) == (1, 1)


def test_kept_folders_that_are_not_those_recycled_are_not_taken(tmp_path):
    build(tmp_path, [("blog/a/index.html", "eins", False)])
    output = tmp_path / "output"
    (kept_folders_path(output) / "fremd").mkdir(parents=True)  # no list: not recycled
    build(tmp_path, [("blog/a/index.html", "eins", False)])
    assert not kept_folders_path(output).exists()
    assert folder_tree(output) == ["blog/", "blog/a/", "blog/a/index.html"]


def test_batches_taken_while_queueing_keep_the_order_of_writes(tmp_path, monkeypatch):
    """WRITE_BATCH: forked writers take queued pages early; an overriding write comes last."""
    started = []
    real = incremental.start_forked

    def counting(function, tasks):
        started.append(len(tasks))
        return real(function, tasks)

    monkeypatch.setattr(incremental, "start_forked", counting)
    pages = [(f"p{number}/index.html", f"seite {number}", False) for number in range(12)]
    override = ("p1/index.html", "anders", True)
    writer = build(tmp_path, [*pages, override], workers=2, batch=2)
    output = tmp_path / "output"
    assert not started and not writer.running  # cold: no batches (the writers would render)
    assert [(output / name).read_text(encoding="utf-8") for name, _, _ in pages] == [
        f"<p>{'anders' if number == 1 else text}</p>" for number, (_, text, _) in
        enumerate(pages)]
    os.link(output / "p2" / "index.html", tmp_path / "kept.html")  # the previous output's
    started.clear()
    # Warm: p2's first write is unchanged (linked in a batch), then overridden.
    writer = build(tmp_path, [*pages, override, ("p2/index.html", "neu", True)], workers=2,
                   batch=2)
    assert started
    assert (output / "p2" / "index.html").read_text(encoding="utf-8") == "<p>neu</p>"
    assert (tmp_path / "kept.html").read_text(encoding="utf-8") == "<p>seite 2</p>"
    assert (output / "p3" / "index.html").stat().st_ino == (
        tmp_path / "old-0" / "p3" / "index.html").stat().st_ino
    # p0, p3 to p11 and p1's override; p2's first write too when a batch took it before the
    # override came (else the override replaced it in the queue).
    assert writer.record is not None and writer.record.reused in (11, 12)
    assert writer.record.current.keys() == {name for name, _, _ in pages}


def test_a_failing_batch_fails_the_build(tmp_path, capfd):
    build(tmp_path, [("alt.html", "alt", False)])  # a previous output: a warm build
    writer = IncrementalWriter(str(tmp_path / "output.new"), settings={
        "PREVIOUS_OUTPUT_PATH": str(tmp_path / "output"), "CACHE_PATH": str(tmp_path / "cache"),
        "WRITE_WORKERS": 2, "WRITE_BATCH": 2, "PAGINATED_TEMPLATES": {}})
    template = Environment(loader=DictLoader({"page.html": "{{ 1 / zero }}"})).get_template(
        "page.html")
    for number in range(6):  # the first two go to a batch; the others are fine
        writer.write_file(f"p{number}.html", template, {}, zero=int(number > 1))
    with pytest.raises(RuntimeError, match="Schreibprozess fehlgeschlagen: ZeroDivisionError"):
        writer.render_pending()
    assert "ZeroDivisionError: division by zero" in capfd.readouterr().err  # the traceback
    incremental.ACTIVE.clear()  # the build has failed: no record is saved


def test_an_overriding_write_waits_for_the_batch_with_the_earlier_write(tmp_path):
    build(tmp_path, [("alt.html", "alt", False)])  # a previous output: a warm build
    writer = IncrementalWriter(str(tmp_path / "output.new"), settings={
        "PREVIOUS_OUTPUT_PATH": str(tmp_path / "output"), "CACHE_PATH": str(tmp_path / "cache"),
        "WRITE_WORKERS": 2, "WRITE_BATCH": 2, "PAGINATED_TEMPLATES": {}})
    env = Environment(loader=DictLoader({"page.html": "{{ pause(wait) }}<p>{{ text }}</p>"}))
    env.globals["pause"] = lambda seconds: time.sleep(seconds) or ""
    template = env.get_template("page.html")
    writer.write_file("p0.html", template, {}, wait=0, text="null")
    writer.write_file("p1.html", template, {}, wait=1, text="zuerst")  # slow, in the batch
    writer.write_file("p2.html", template, {}, wait=0, text="zwei")  # the batch starts
    assert writer.running
    writer.write_file("p1.html", template, {}, override_output=True, wait=0, text="zuletzt")
    writer.render_pending()
    save_record(None)
    assert (tmp_path / "output.new" / "p1.html").read_text(encoding="utf-8") == "<p>zuletzt</p>"


def test_one_page_of_each_template_is_fingerprinted_before_writers_fork(tmp_path, monkeypatch):
    """The forked writers inherit the digests of what the pages share (_warm)."""
    pages = [(f"p{number}/index.html", f"seite {number}", False) for number in range(6)]
    build(tmp_path, pages)
    events = []  # in this process only: the forked writers' calls are theirs
    real_page, real_start = incremental.Fingerprints.page, incremental.start_forked

    def page(fingerprints, template, context):
        events.append(template.name)
        return real_page(fingerprints, template, context)

    def start_forked(function, tasks):
        events.append("fork")
        return real_start(function, tasks)

    monkeypatch.setattr(incremental.Fingerprints, "page", page)
    monkeypatch.setattr(incremental, "start_forked", start_forked)
    writer = build(tmp_path, pages, workers=2, batch=2)
    assert events[:2] == ["page.html", "fork"]
    assert writer.record is not None and writer.record.reused == 6


def test_a_cold_build_starts_its_writers_before_it_fingerprints(tmp_path, monkeypatch):
    """Cold, this process fingerprints every page while the writers render: none before."""
    pages = [(f"p{number}/index.html", f"seite {number}", False) for number in range(6)]
    events = []
    real_page, real_run = incremental.Fingerprints.page, incremental.run_forked

    def page(fingerprints, template, context):
        events.append(template.name)
        return real_page(fingerprints, template, context)

    def run_forked(tasks, *args, **kwargs):
        events.append("writers")
        return real_run(tasks, *args, **kwargs)

    monkeypatch.setattr(incremental.Fingerprints, "page", page)
    monkeypatch.setattr(incremental, "run_forked", run_forked)
    writer = build(tmp_path, pages, workers=2)
    assert events == ["writers", *["page.html"] * 6]
    assert writer.record is not None and len(writer.record.current) == 6
