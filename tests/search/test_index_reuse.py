"""A warm build keeps the Pagefind bundle and vocabulary only when no indexed page changed.

Pagefind 1.5.2 itself is not reproducible: two runs over the same pages write different
filter and metadata files (their order follows a hash map), so a rebuilt bundle is compared
with a cold build's by its page fragments and its index chunks, which are.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.directory.sites import build, lab_root
from tests.support.site import copy_tree

FIXTURE = Path(__file__).parent / "fixtures" / "quality"
VOCABULARY = "suche/vokabular.txt.gz"
ENTRY = "pagefind/pagefind-entry.json"
PROFILE_ENTRY = "pagefind/profile/pagefind-entry.json"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The quality fixture site: posts, events and profiles."""
    return copy_tree(FIXTURE, lab_root(tmp_path / "lab"))


def files(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` by relative path."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def reproducible(output: Path) -> dict[str, bytes]:
    """The files of a bundle that Pagefind writes the same way each run, and the vocabulary."""
    bundle = {name: data for name, data in files(output / "pagefind").items()
              if name.startswith(("fragment/", "index/", "profile/fragment/", "profile/index/"))}
    return {**bundle, VOCABULARY: (output / VOCABULARY).read_bytes()}


def inode(output: Path, name: str) -> int:
    return (output / name).stat().st_ino


def cold(root: Path, tmp_path: Path) -> dict[str, bytes]:
    """What a build into an empty folder indexes."""
    folder = tmp_path / "cold"
    shutil.rmtree(folder, ignore_errors=True)
    return reproducible(build(root, folder, search=True))


def test_an_unchanged_site_keeps_bundle_and_vocabulary(root: Path, tmp_path: Path) -> None:
    output = build(root, tmp_path / "output", search=True)
    first = files(output / "pagefind")
    entry, words = inode(output, ENTRY), inode(output, VOCABULARY)
    build(root, output, search=True)
    assert (inode(output, ENTRY), inode(output, VOCABULARY)) == (entry, words)
    assert files(output / "pagefind") == first
    assert reproducible(output) == cold(root, tmp_path)


def test_a_changed_post_is_indexed_again_and_the_profiles_are_not(root: Path,
                                                                    tmp_path: Path) -> None:
    output = build(root, tmp_path / "output", search=True)
    entry, words = inode(output, ENTRY), inode(output, VOCABULARY)
    profiles = files(output / "pagefind" / "profile")
    profile_entry = inode(output, PROFILE_ENTRY)
    post = root / "content" / "blog" / "hospitation.md"
    post.write_text(post.read_text(encoding="utf-8") + "\n\nDesksharing-Nachtrag.\n",
                    encoding="utf-8")
    build(root, output, search=True)
    assert inode(output, ENTRY) != entry and inode(output, VOCABULARY) != words
    assert inode(output, PROFILE_ENTRY) == profile_entry
    assert files(output / "pagefind" / "profile") == profiles
    assert reproducible(output) == cold(root, tmp_path)


def test_a_changed_profile_is_indexed_again_and_the_other_pages_are_not(root: Path,
                                                                        tmp_path: Path) -> None:
    output = build(root, tmp_path / "output", search=True)
    entry, profile_entry = inode(output, ENTRY), inode(output, PROFILE_ENTRY)
    profile = root / "data" / "rebels" / "lea-berger.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        "Fehlerkultur ein.", "Fehlerkultur und Zeitmanagement ein."), encoding="utf-8")
    build(root, output, search=True)
    assert inode(output, PROFILE_ENTRY) != profile_entry and inode(output, ENTRY) == entry
    assert reproducible(output) == cold(root, tmp_path)


def test_the_directory_has_the_profiles_bundle_and_search_merges_it(root: Path,
                                                                     tmp_path: Path) -> None:
    from tests.directory.sites import pagefind_records

    output = build(root, tmp_path / "output", search=True)
    kinds = {folder: {record["filters"]["Typ"][0] for path, record in pagefind_records(output)
                      if path.parent.parent.name == folder}
             for folder in ("pagefind", "profile")}
    assert kinds["profile"] == {"Profil"}
    assert "Profil" not in kinds["pagefind"] and {"Beitrag", "Veranstaltung"} <= kinds["pagefind"]
    search = (output / "suche" / "index.html").read_text(encoding="utf-8")
    assert 'data-merge="/pagefind/profile/"' in search


@pytest.mark.parametrize("name", [ENTRY, PROFILE_ENTRY, VOCABULARY])
def test_an_index_changed_after_building_is_not_reused(root: Path, tmp_path: Path,
                                                       name: str) -> None:
    output = build(root, tmp_path / "output", search=True)
    (output / name).write_bytes(b"{}")
    build(root, output, search=True)
    assert (output / name).read_bytes() != b"{}"
    assert reproducible(output) == cold(root, tmp_path)


def copies(output: Path, mirror: Path, copy: Callable[[str, dict[str, str]], str]) -> Path:
    """Write into ``mirror`` the copy ``copy(page, fields)`` of each indexed page of ``output``."""
    from rebellab.search.indexer import indexed_pages, prepare_page

    for path in indexed_pages(output):
        page = path.read_text(encoding="utf-8")
        prepared = prepare_page(page)
        assert prepared is not None
        target = mirror / path.relative_to(output)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(copy(page, prepared.fields), encoding="utf-8")
    return mirror


def test_pagefind_reads_only_main_and_indexes_the_same(root: Path, tmp_path: Path) -> None:
    from rebellab.search.indexer import _index
    from rebellab.search.pages import mirror_page, with_fields

    output = build(root, tmp_path / "output", search=False)
    bundles = {}
    for name, copy in (("whole", with_fields), ("main", mirror_page)):
        _index(copies(output, tmp_path / f"mirror-{name}", copy), tmp_path / name)
        bundles[name] = {key: data for key, data in files(tmp_path / name).items()
                         if key.startswith(("fragment/", "index/"))}
    whole = [path.relative_to(tmp_path).as_posix()
             for path in (tmp_path / "mirror-main").rglob("*.html")
             if '<head><meta charset="utf-8"></head><body><main' not in path.read_text(
                 encoding="utf-8")]
    assert whole == []
    assert bundles["main"] == bundles["whole"] and len(bundles["main"]) > 20


def test_the_text_read_from_the_copy_is_the_text_of_the_whole_page(root: Path,
                                                                   tmp_path: Path) -> None:
    from rebellab.search.indexer import html_files
    from rebellab.search.pages import copy_text, page_text, searched_copy

    output = build(root, tmp_path / "output", search=False)
    pages = [(output / name).read_text(encoding="utf-8") for name in html_files(output)]
    indexed = [page for page in pages if page_text(page) is not None]
    assert len(indexed) > 20
    for page in indexed:
        assert searched_copy(page) != page  # cut to main: the case that counts
        assert page_text(page) == copy_text(page)
