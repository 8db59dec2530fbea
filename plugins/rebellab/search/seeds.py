"""Give Pagefind the previous build's files that it would write the same, so it skips them.

Pagefind does not write a file with a hashed name (page fragment, index chunk, filter,
metadata) that exists already: it neither compresses it (gzip at its best level) nor creates
it (1.5.2, pagefind/src/output/mod.rs, ``WriteBehavior::Immutable``). At the big lab of
make bench, Pagefind alone took 7.9 s for the main bundle into an empty folder and 3.0 s
into one holding the same files; the profiles' 11.6 and 6.1 s. In warm builds after a
changed profile (post), the index took 8.5 (6.0) s instead of 11.1 (8.2) s, medians of four.
After a changed event little is gained: a word put before its title moves every later word
on the 10 pages that show the title, and each of the main bundle's 105 index chunks holds
one of those words (a sentence added at the end of a post changed 5 chunks).

But a name is only the start of the content's hash (seven hex digits), and Pagefind makes a
name longer only for a collision within one run. A file of the previous build may hold other
content under the name a new content gets, and Pagefind would keep it. So only files whose
content is known to come out the same are linked in, and checked when Pagefind is done:

- the fragment of a page, when the page is unchanged (same path, same bytes: Pagefind's copy
  of it is the same, and so is the fragment made from it), read from the fragment's ``url``;
- an index chunk, when the new run gives it the same range of words as the old one;
- and neither, when its name is the start of another name the run wants, or another's
  name is the start of its own: Pagefind lengthened one of them for a collision, and which
  of the two contents kept the shorter name depends on the order it read the pages in.

What remains is an index chunk whose words changed while its range stayed and whose new
hash starts with the same seven digits: a chance of 1 in 2^28 for each changed chunk.
Filters and metadata are not linked: Pagefind writes them differently from run to run (the
order of a hash map), and they are small.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import pickle
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import cbor2

from rebellab.kernel.files import file_identity, replace_file

# What Pagefind writes before the data of each compressed file (pagefind/src/output/mod.rs).
MARK = b"pagefind_dcd"
FRAGMENTS = "fragment"
CHUNKS = "index"


class MetaError(ValueError):
    """A bundle's metadata could not be read."""


@dataclass(frozen=True)
class BundleMeta:
    """What a bundle's metadata lists: its hashed files, and each index chunk's word range."""

    files: frozenset[str]  # relative to the bundle's folder
    ranges: dict[str, tuple[str, str]]  # by the chunk's file


def _unpack(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(MARK):
        raise MetaError(f"{path}: not a Pagefind file")
    return data[len(MARK):]


def read_meta(folder: Path) -> BundleMeta:
    """Read the metadata of the bundle in ``folder`` (``pagefind-entry.json``, ``*.pf_meta``).

    The metadata is CBOR: the version, then the pages as ``[hash, word count]``, the index
    chunks as ``[first word, last word, hash]``, the filters as ``[name, hash]``, the sort
    orders and the metadata fields (pagefind/src/index/index_metadata.rs).
    """
    try:
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        files: set[str] = set()
        ranges: dict[str, tuple[str, str]] = {}
        for language in entry["languages"].values():
            meta_name = f"pagefind.{language['hash']}.pf_meta"
            meta = cbor2.loads(_unpack(folder / meta_name))
            files.add(meta_name)
            files.update(f"{FRAGMENTS}/{page[0]}.pf_fragment" for page in meta[1])
            for first, last, name in meta[2]:
                ranges[f"{CHUNKS}/{name}.pf_index"] = (first, last)
            files.update(ranges)
            files.update(f"filter/{item[1]}.pf_filter" for item in meta[3])
    except (OSError, ValueError, KeyError, TypeError, IndexError, EOFError,
            cbor2.CBORDecodeError) as error:
        raise MetaError(f"{folder}: {error}") from error
    return BundleMeta(frozenset(files), ranges)


def page_url(name: str) -> str:
    """Return the URL Pagefind gives the page ``name`` (relative to the site): index.html off."""
    return "/" + (name[:-len("index.html")] if name.rsplit("/", 1)[-1] == "index.html"
                  else name)


class FragmentUrls:
    """The page (URL) of each fragment file, by the file's identity (kept in CACHE_PATH).

    Reading all the big lab's 14,263 fragments took about 1 s; a warm build reads only
    the fragments the previous build wrote.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.known: dict[str, tuple[list[int], str]] = {}
        with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, ValueError,
                                 TypeError, AttributeError):
            self.known = pickle.loads(path.read_bytes())
        self.seen: dict[str, tuple[list[int], str]] = {}

    def urls(self, folder: Path, label: str) -> dict[str, str]:
        """Return the URL of each fragment in ``folder`` (by its name in ``fragment/``)."""
        found: dict[str, str] = {}
        with contextlib.suppress(FileNotFoundError), os.scandir(folder / FRAGMENTS) as entries:
            for entry in entries:
                identity = file_identity(entry.path)
                key = f"{label}/{entry.name}"
                kept = self.known.get(key)
                if kept is None or kept[0] != identity:
                    try:
                        url = json.loads(_unpack(Path(entry.path)))["url"]
                    except (OSError, ValueError, KeyError, TypeError, EOFError):
                        continue  # not linked: Pagefind writes it anew
                    kept = (identity, url)
                self.seen[key] = kept
                found[entry.name] = kept[1]
        return found

    def save(self) -> None:
        """Keep the URLs for the next build: of the bundles read now, those of files there."""
        read = {key.rsplit("/", 1)[0] for key in self.seen}
        kept = {key: value for key, value in self.known.items()
                if key.rsplit("/", 1)[0] not in read}
        replace_file(self.path, pickle.dumps({**kept, **self.seen},
                                             protocol=pickle.HIGHEST_PROTOCOL))


@dataclass
class Seeds:
    """The files linked into a bundle's folder before Pagefind indexes into it."""

    folder: Path
    linked: list[str]  # relative to the folder
    ranges: dict[str, tuple[str, str]]  # each linked index chunk's range in the old bundle

    def settle(self) -> bool:
        """After Pagefind: remove the linked files it did not want.

        Returns False when a linked file it wanted may not hold what it would have written;
        the caller then indexes anew into an empty folder.
        """
        try:
            wanted = read_meta(self.folder)
        except MetaError:
            return False
        doubtful = lengthened(wanted.files)
        for name in self.linked:
            if name not in wanted.files:
                (self.folder / name).unlink()
            elif name in doubtful or (name in self.ranges
                                      and wanted.ranges.get(name) != self.ranges[name]):
                return False
        return True


def lengthened(files: Iterable[str]) -> set[str]:
    """Return the files whose name (without suffix) starts another's, and those others.

    Such names come from a collision within one run: Pagefind lengthened one of the two.
    """
    stems = {name.rsplit(".", 1)[0]: name for name in files}
    found: set[str] = set()
    for stem, name in stems.items():
        start = stem.rfind("/") + 2  # a name has one character at least
        for shorter in (stem[:end] for end in range(start, len(stem))):
            if shorter in stems:
                found.update((name, stems[shorter]))
    return found


def plant(previous: Path, folder: Path, pages_then: dict[str, str],
          pages_now: dict[str, str], urls: FragmentUrls, label: str) -> Seeds | None:
    """Link the files of the bundle in ``previous`` that the new one can take into ``folder``.

    ``pages_then`` and ``pages_now`` are the digests of the bundle's pages (by name relative
    to the site) when ``previous`` was indexed and now. None when there is nothing to take.
    """
    try:
        old = read_meta(previous)
    except MetaError:
        return None
    doubtful = lengthened(old.files)
    same = {page_url(name) for name, digest in pages_now.items()
            if pages_then.get(name) == digest}
    taken = [f"{FRAGMENTS}/{fragment}" for fragment, url in
             sorted(urls.urls(previous, label).items()) if url in same]
    taken += sorted(old.ranges)
    taken = [name for name in taken if name in old.files and name not in doubtful]
    if not taken:
        return None
    for sub in {name.split("/", 1)[0] for name in taken}:
        (folder / sub).mkdir(parents=True, exist_ok=True)
    linked = []
    for name in taken:
        with contextlib.suppress(OSError):  # no link, no seed: Pagefind writes the file
            os.link(previous / name, folder / name)
            linked.append(name)
    return Seeds(folder, linked, {name: old.ranges[name] for name in linked
                                  if name in old.ranges})


def clear(folder: Path, keep: Iterable[str]) -> None:
    """Remove everything in ``folder`` but the entries named in ``keep`` (nested bundles)."""
    kept = set(keep)
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name in kept:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
