"""The copies of the indexed pages that Pagefind reads: kept between builds, exact, locked."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pickle
import shutil
from pathlib import Path

import pytest

from rebellab.search import indexer
from rebellab.search.pages import mirror_page

PAGE = """<!DOCTYPE html><html lang="de"><head><title>{0}</title></head><body><header>Kopf
</header><main data-pagefind-body><h1>{0}</h1><p>Text über {0}</p></main></body></html>"""


def write_site(site: Path, pages: dict[str, str]) -> dict[Path, str]:
    """Write the pages (name -> title); return them with digests as indexed_pages does."""
    for name, title in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(PAGE.format(title), encoding="utf-8")
    return {path: digest for path, digest in indexer.indexed_pages(site).items()
            if path.relative_to(site).as_posix() in pages}


def copies(mirror: Path) -> dict[str, str]:
    return {path.relative_to(mirror).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(mirror.rglob("*.html"))}


def expected(site: Path, pages: dict[Path, str], fields: dict[Path, dict[str, str]]
             ) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): mirror_page(path.read_text(encoding="utf-8"),
                                                           fields.get(path, {}))
            for path in sorted(pages)}


def test_a_second_build_rewrites_only_the_copies_of_changed_pages(tmp_path: Path) -> None:
    site, mirror = tmp_path / "site", tmp_path / "cache" / "pagefind"
    first = write_site(site, {"a/index.html": "Lean Coffee", "b/index.html": "Fishbowl",
                              "c/index.html": "Barcamp"})
    fields = {path: {"teile": "Kaffee"} for path in first}
    indexer.write_mirror(site, mirror, first, fields)
    assert copies(mirror) == expected(site, first, fields)
    before = {name: os.stat(mirror / name) for name in copies(mirror)}

    (site / "c" / "index.html").unlink()
    second = write_site(site, {"a/index.html": "Lean Coffee", "b/index.html": "Fishbowl 2",
                               "d/index.html": "Werkstatt"})
    fields = {path: {"teile": "Kaffee"} for path in second}
    indexer.write_mirror(site, mirror, second, fields)
    assert copies(mirror) == expected(site, second, fields)  # c is gone, d is there
    kept = os.stat(mirror / "a" / "index.html")
    assert (kept.st_ino, kept.st_mtime_ns) == (before["a/index.html"].st_ino,
                                               before["a/index.html"].st_mtime_ns)
    assert "Fishbowl 2" in (mirror / "b" / "index.html").read_text(encoding="utf-8")


def test_without_its_manifest_the_folder_is_made_anew(tmp_path: Path) -> None:
    site, mirror = tmp_path / "site", tmp_path / "cache" / "pagefind"
    pages = write_site(site, {"a/index.html": "Lean Coffee"})
    fields: dict[Path, dict[str, str]] = {path: {} for path in pages}
    indexer.write_mirror(site, mirror, pages, fields)
    (mirror / "alt" / "index.html").parent.mkdir()
    (mirror / "alt" / "index.html").write_text(PAGE.format("Alt"), encoding="utf-8")
    (mirror.with_name("pagefind.json")).unlink()  # as after an update that was stopped
    indexer.write_mirror(site, mirror, pages, fields)
    assert copies(mirror) == expected(site, pages, fields)

    shutil.rmtree(mirror)  # the copies gone, the manifest not: all anew
    indexer.write_mirror(site, mirror, pages, fields)
    assert copies(mirror) == expected(site, pages, fields)


def test_the_kept_copies_are_locked_while_a_build_indexes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    with indexer.mirror_folder(site, {"CACHE_PATH": str(tmp_path / "cache")}) as folder:
        assert folder.is_relative_to(tmp_path / "cache")
        with open(folder / ".lock", encoding="utf-8") as other, pytest.raises(BlockingIOError):
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    with open(folder / ".lock", encoding="utf-8") as other:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free again


def test_without_a_cache_the_copies_go_with_the_build(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    with indexer.mirror_folder(site, {}) as folder:
        assert folder == tmp_path / ".site-suchindex" and folder.is_dir()
    assert not folder.exists()  # renamed away at once, deleted in the background


@pytest.mark.parametrize("preset", [None, "narenas:2"])
def test_pagefind_runs_with_one_allocator_arena_unless_told_otherwise(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, preset: str | None) -> None:
    from pagefind_bin_extended import get_executable

    name, value = indexer.PAGEFIND_ALLOCATOR
    seen = tmp_path / "seen.txt"
    wrapper = tmp_path / "pagefind"  # records what the real binary is started with
    wrapper.write_text(f'#!/bin/sh\nprintf "%s" "${{{name}-unset}}" > {seen}\n'
                       f'exec {get_executable()} "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(wrapper))
    if preset is None:
        monkeypatch.delenv(name, raising=False)
    else:
        monkeypatch.setenv(name, preset)
    site, mirror = tmp_path / "site", tmp_path / "mirror"
    pages = write_site(site, {"a/index.html": "Lean Coffee", "b/index.html": "Fishbowl"})
    indexer.write_mirror(site, mirror, pages, {path: {} for path in pages})
    assert indexer.run_pagefind(site, "pagefind", mirror) == 2
    assert seen.read_text(encoding="utf-8") == (preset or value)
    assert os.environ.get(name) == preset  # the build's own environment is as it was


def test_a_failing_pagefind_fails_the_index_with_its_message(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wrapper = tmp_path / "pagefind"
    wrapper.write_text('#!/bin/sh\necho "Error: kaputt" >&2\nexit 3\n', encoding="utf-8")
    wrapper.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(wrapper))
    site, mirror = tmp_path / "site", tmp_path / "mirror"
    pages = write_site(site, {"a/index.html": "Lean Coffee"})
    indexer.write_mirror(site, mirror, pages, {path: {} for path in pages})
    with pytest.raises(indexer.SearchIndexError, match="Status 3: Error: kaputt"):
        indexer.run_pagefind(site, "pagefind", mirror)


PROFILE = """<!DOCTYPE html><html lang="de"><head><title>{0}</title></head><body><main
data-pagefind-body><h1>{0}</h1><span data-pagefind-filter="Typ">Profil</span></main></body>
</html>"""


def write_two_bundles(site: Path) -> dict[Path, str]:
    """Two pages of the main bundle and two profiles; with digests, as indexed_pages gives."""
    write_site(site, {"a/index.html": "Lean Coffee", "b/index.html": "Fishbowl"})
    for slug, name in (("anna", "Anna Beispiel"), ("ben", "Ben Beispiel")):
        (site / "rebellen" / slug).mkdir(parents=True)
        (site / "rebellen" / slug / "index.html").write_text(PROFILE.format(name),
                                                            encoding="utf-8")
    return indexer.indexed_pages(site)


@pytest.mark.parametrize("workers", [1, 2])
def test_the_copies_cut_while_preparing_are_the_ones_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    # Preparing reads each page once: the copy it cuts for its text is the one written.
    monkeypatch.setattr(indexer, "MIN_PAGES_TO_FORK", 0)
    site = tmp_path / "site"
    indexed = write_two_bundles(site)
    prepared, made = indexer.prepare(site, {"WRITE_WORKERS": workers}, indexed)
    assert made.keys() == prepared.keys() == indexed.keys()
    fields = {path: page.fields for path, page in prepared.items()}
    indexer.write_mirror(site, tmp_path / "read", indexed, fields)
    wanted = expected(site, indexed, fields)
    shutil.rmtree(site)  # not read again
    indexer.write_mirror(site, tmp_path / "given", indexed, fields, made)
    assert made == {}  # taken out as they are written
    assert copies(tmp_path / "given") == copies(tmp_path / "read") == wanted


def test_the_main_bundle_is_announced_before_the_profiles_copies_are_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Pagefind indexes the main bundle while the profiles' copies are written: the
    # announcement comes before them, and names the main bundle's pages.
    site, folder = tmp_path / "site", tmp_path / "mirror"
    indexed = write_two_bundles(site)
    source, announce = os.pipe()
    os.set_blocking(source, False)
    heard: dict[str, bytes] = {}
    write = indexer.write_mirror

    def recording(site: Path, mirror: Path, pages: dict[Path, str], fields: dict,
                  copies: dict | None = None) -> None:
        with contextlib.suppress(BlockingIOError):
            heard[mirror.name] = os.read(source, 1 << 20)
        write(site, mirror, pages, fields, copies)

    monkeypatch.setattr(indexer, "write_mirror", recording)
    groups, mirrors, _ = indexer._prepare_bundles(site, {}, indexed, folder, None, announce)
    assert set(mirrors) == {indexer.BUNDLE, indexer.PROFILE_BUNDLE}
    assert "pagefind" not in heard  # nothing before the main bundle's copies
    assert pickle.loads(heard["pagefind-profile"]) == ("pagefind", mirrors["pagefind"],
                                                       groups["pagefind"])
    assert os.read(source, 10) == b""  # and nothing more: the pipe is closed
    os.close(source)


@pytest.mark.parametrize("reused", [(), ("pagefind",), ("pagefind", "pagefind/profile")])
def test_without_a_bundle_to_announce_the_pipe_is_closed(tmp_path: Path,
                                                         reused: tuple[str, ...]) -> None:
    # The last bundle is indexed after the process has ended, and a reused bundle not at
    # all: nothing is announced, and the reader is not left waiting for the pipe.
    site, folder = tmp_path / "site", tmp_path / "mirror"
    indexed = write_two_bundles(site)
    if not reused:  # a site without profiles: the main bundle is the last
        indexed = {path: digest for path, digest in indexed.items()
                   if "rebellen" not in path.parts}
    source, announce = os.pipe()
    os.set_blocking(source, False)  # still open: BlockingIOError, not a test left waiting
    _, mirrors, _ = indexer._prepare_bundles(site, {}, indexed, folder,
                                             lambda name, paths: name in reused, announce)
    expected = {indexer.BUNDLE} if not reused else {indexer.PROFILE_BUNDLE} - set(reused)
    assert set(mirrors) == expected
    assert os.read(source, 1) == b""
    os.close(source)


def test_a_failure_after_the_announcement_stops_pagefind_and_fails_the_index(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    indexed = write_two_bundles(site)
    started: list[indexer.Indexing] = []
    start = indexer.Indexing.start.__func__  # type: ignore[attr-defined]

    def recorded(cls: type, *args: object) -> indexer.Indexing:
        started.append(start(cls, *args))
        return started[-1]

    write = indexer.write_mirror

    def failing(site: Path, mirror: Path, pages: dict[Path, str], fields: dict,
                copies: dict | None = None) -> None:
        if mirror.name == "pagefind-profile":
            raise OSError("Datenträger voll")
        write(site, mirror, pages, fields, copies)

    monkeypatch.setattr(indexer.Indexing, "start", classmethod(recorded))
    monkeypatch.setattr(indexer, "write_mirror", failing)  # in the forked process too
    settings = {"CACHE_PATH": str(tmp_path / "cache"), "SEARCH_VOCABULARY_SAVE_AS": "v.json"}
    with pytest.raises(indexer.SearchIndexError, match="Datenträger voll"):
        indexer.build_index(site, settings, indexed)
    assert [run.name for run in started] == ["pagefind"]
    assert started[0].process.returncode is not None  # ended, and waited for
