"""A re-indexed bundle starts from the previous bundle's files that Pagefind would write the same.

Pagefind skips a hashed file that exists; the seeds are the previous fragments of unchanged
pages and the previous index chunks, checked after the run (rebellab.search.seeds).
"""

from __future__ import annotations

import gzip
import json
import logging
import shutil
from pathlib import Path

import cbor2
import pytest

from rebellab.search.seeds import (
    MARK,
    FragmentUrls,
    Seeds,
    lengthened,
    page_url,
    plant,
    read_meta,
)
from tests.directory.sites import build, lab_root
from tests.search.test_index_reuse import FIXTURE, cold, copies, files, reproducible
from tests.support.site import copy_tree


def packed(data: bytes) -> bytes:
    return gzip.compress(MARK + data)


def bundle(folder: Path, pages: list[str], chunks: list[tuple[str, str, str]],
           urls: dict[str, str] | None = None) -> Path:
    """Write a bundle's entry and metadata, and a file for each page and chunk it lists."""
    folder.mkdir(parents=True, exist_ok=True)
    meta = ["1.5.2", [[page, 10] for page in pages], [list(chunk) for chunk in chunks],
            [["Typ", "de_f1f1f1f"]], [], ["title"]]
    (folder / "pagefind.de_0000000000.pf_meta").write_bytes(packed(cbor2.dumps(meta)))
    (folder / "pagefind-entry.json").write_text(json.dumps(
        {"version": "1.5.2", "languages": {"de": {"hash": "de_0000000000", "wasm": "de",
                                                  "page_count": len(pages)}}}))
    for sub in ("fragment", "index", "filter"):
        (folder / sub).mkdir(exist_ok=True)
    for page in pages:
        url = (urls or {}).get(page, f"/{page}/")
        (folder / "fragment" / f"{page}.pf_fragment").write_bytes(
            packed(json.dumps({"url": url, "content": page}).encode()))
    for chunk in chunks:
        (folder / "index" / f"{chunk[2]}.pf_index").write_bytes(packed(chunk[2].encode()))
    (folder / "filter" / "de_f1f1f1f.pf_filter").write_bytes(packed(b"Typ"))
    return folder


def test_the_metadata_names_every_hashed_file_and_each_chunks_words(tmp_path: Path) -> None:
    folder = bundle(tmp_path / "b", ["de_aaaaaaa", "de_bbbbbbb"],
                    [("a", "k", "de_1111111"), ("l", "z", "de_2222222")])
    meta = read_meta(folder)
    assert meta.files == {"pagefind.de_0000000000.pf_meta", "fragment/de_aaaaaaa.pf_fragment",
                          "fragment/de_bbbbbbb.pf_fragment", "index/de_1111111.pf_index",
                          "index/de_2222222.pf_index", "filter/de_f1f1f1f.pf_filter"}
    assert meta.ranges == {"index/de_1111111.pf_index": ("a", "k"),
                           "index/de_2222222.pf_index": ("l", "z")}


def test_names_lengthened_by_a_collision_are_found_in_their_own_folder() -> None:
    names = {"fragment/de_abc1234.pf_fragment", "fragment/de_abc12345.pf_fragment",
             "fragment/de_abc1299.pf_fragment", "index/de_abc1234.pf_index",
             "index/de_9999999.pf_index"}
    assert lengthened(names) == {"fragment/de_abc1234.pf_fragment",
                                 "fragment/de_abc12345.pf_fragment"}


def test_a_page_url_is_the_one_pagefind_gives() -> None:
    assert page_url("index.html") == "/"
    assert page_url("veranstaltungen/camp/index.html") == "/veranstaltungen/camp/"
    assert page_url("404.html") == "/404.html"
    assert page_url("a/notindex.html") == "/a/notindex.html"


def test_only_fragments_of_unchanged_pages_and_unambiguous_files_are_planted(
        tmp_path: Path) -> None:
    previous = bundle(tmp_path / "old", ["de_aaaaaaa", "de_bbbbbbb", "de_ccccccc", "de_ccccccc0"],
                      [("a", "m", "de_1111111"), ("n", "z", "de_2222222")],
                      urls={"de_aaaaaaa": "/same/", "de_bbbbbbb": "/changed/",
                            "de_ccccccc": "/twin-1/", "de_ccccccc0": "/twin-2/"})
    then = {"same/index.html": "1", "changed/index.html": "2", "twin-1/index.html": "3",
            "twin-2/index.html": "4", "gone/index.html": "5"}
    now = {**then, "changed/index.html": "2b", "new/index.html": "6"}
    del now["gone/index.html"]
    urls = FragmentUrls(tmp_path / "urls.pickle")
    seeds = plant(previous, tmp_path / "new", then, now, urls, "pagefind")
    assert seeds is not None
    assert sorted(seeds.linked) == ["fragment/de_aaaaaaa.pf_fragment",
                                    "index/de_1111111.pf_index", "index/de_2222222.pf_index"]
    assert (tmp_path / "new" / "fragment" / "de_aaaaaaa.pf_fragment").stat().st_ino == (
        previous / "fragment" / "de_aaaaaaa.pf_fragment").stat().st_ino
    assert seeds.ranges == {"index/de_1111111.pf_index": ("a", "m"),
                            "index/de_2222222.pf_index": ("n", "z")}


def test_the_urls_of_fragments_are_read_once_per_file(tmp_path: Path) -> None:
    previous = bundle(tmp_path / "old", ["de_aaaaaaa"], [], urls={"de_aaaaaaa": "/a/"})
    urls = FragmentUrls(tmp_path / "urls.pickle")
    assert urls.urls(previous, "pagefind") == {"de_aaaaaaa.pf_fragment": "/a/"}
    urls.save()
    fragment = previous / "fragment" / "de_aaaaaaa.pf_fragment"
    stat = fragment.stat()
    again = FragmentUrls(tmp_path / "urls.pickle")
    assert again.known["pagefind/de_aaaaaaa.pf_fragment"][1] == "/a/"
    fragment.write_bytes(packed(json.dumps({"url": "/b/"}).encode()))  # another file now
    assert fragment.stat().st_mtime_ns != stat.st_mtime_ns
    assert again.urls(previous, "pagefind") == {"de_aaaaaaa.pf_fragment": "/b/"}


def _seeded(tmp_path: Path, linked: list[str], ranges: dict[str, tuple[str, str]],
            pages: list[str], chunks: list[tuple[str, str, str]]) -> Seeds:
    folder = bundle(tmp_path / "new", pages, chunks)
    for name in linked:
        (folder / name).write_bytes(b"linked")
    return Seeds(folder, linked, ranges)


def test_linked_files_pagefind_did_not_want_are_removed(tmp_path: Path) -> None:
    seeds = _seeded(tmp_path, ["fragment/de_aaaaaaa.pf_fragment", "fragment/de_0ld0000.pf_fragment",
                               "index/de_1111111.pf_index", "index/de_0ld0000.pf_index"],
                    {"index/de_1111111.pf_index": ("a", "z"),
                     "index/de_0ld0000.pf_index": ("a", "k")},
                    ["de_aaaaaaa"], [("a", "z", "de_1111111")])
    assert seeds.settle()
    assert sorted(files(seeds.folder)) == sorted(read_meta(seeds.folder).files
                                                 | {"pagefind-entry.json"})


def test_a_linked_fragment_whose_name_pagefind_lengthened_is_doubted(tmp_path: Path) -> None:
    seeds = _seeded(tmp_path, ["fragment/de_aaaaaaa.pf_fragment"], {},
                    ["de_aaaaaaa", "de_aaaaaaa1"], [("a", "z", "de_1111111")])
    assert not seeds.settle()


def test_a_linked_chunk_for_other_words_is_doubted(tmp_path: Path) -> None:
    seeds = _seeded(tmp_path, ["index/de_1111111.pf_index"],
                    {"index/de_1111111.pf_index": ("a", "k")},
                    ["de_aaaaaaa"], [("a", "z", "de_1111111")])
    assert not seeds.settle()


def test_unreadable_metadata_is_doubted(tmp_path: Path) -> None:
    seeds = _seeded(tmp_path, [], {}, ["de_aaaaaaa"], [])
    (seeds.folder / "pagefind.de_0000000000.pf_meta").write_bytes(b"kaputt")
    assert not seeds.settle()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_tree(FIXTURE, lab_root(tmp_path / "lab"))


def hashed(folder: Path) -> set[str]:
    """The files of the bundle in ``folder`` that carry a hash in their name."""
    return {name for name in files(folder)
            if name.startswith(("fragment/", "index/", "filter/")) or name.endswith(".pf_meta")}


def test_a_changed_post_is_indexed_into_the_previous_files(root: Path, tmp_path: Path) -> None:
    output = build(root, tmp_path / "output", search=True)
    main = output / "pagefind"
    before = {path.name: path.stat().st_ino for path in (main / "fragment").iterdir()}
    post = root / "content" / "blog" / "hospitation.md"
    post.write_text(post.read_text(encoding="utf-8") + "\n\nDesksharing-Nachtrag.\n",
                    encoding="utf-8")
    build(root, output, search=True)
    after = {path.name: path.stat().st_ino for path in (main / "fragment").iterdir()}
    kept = [name for name, inode in after.items() if before.get(name) == inode]
    assert len(kept) >= len(after) - 3 and len(after) > 10  # the post and the lists with it
    assert set(after) != set(before)
    assert hashed(main) - {f"profile/{name}" for name in hashed(main / "profile")} == (
        read_meta(main).files)
    assert reproducible(output) == cold(root, tmp_path)


def test_a_doubted_seed_is_indexed_anew_into_an_empty_folder(
        root: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from rebellab.search.indexer import _index, run_pagefind
    from rebellab.search.pages import mirror_page

    caplog.set_level(logging.INFO, logger="rebellab.search.indexer")
    output = build(root, tmp_path / "output", search=False)
    mirror = copies(output, tmp_path / "mirror", mirror_page)
    _index(mirror, tmp_path / "fresh")
    site = tmp_path / "site"
    main = site / "pagefind"
    chunk = sorted(read_meta(tmp_path / "fresh").ranges)[0]
    (main / "index").mkdir(parents=True)
    (main / chunk).write_bytes(b"another content under the same name")
    (main / "profile").mkdir()
    (main / "profile" / "kept").write_text("a nested bundle stays")
    run_pagefind(site, "pagefind", mirror, Seeds(main, [chunk], {chunk: ("0", "1")}))
    assert "neu indexiert" in caplog.text
    assert {name: data for name, data in files(main).items() if name != "profile/kept"
            and name.startswith(("fragment/", "index/"))} == {
        name: data for name, data in files(tmp_path / "fresh").items()
        if name.startswith(("fragment/", "index/"))}
    assert (main / "profile" / "kept").is_file()
    shutil.rmtree(site)
