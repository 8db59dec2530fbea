"""Pagefind index of the built site, by Pagefind's binary (from the wheel).

Pages opt in through ``data-pagefind-body`` (base.html sets it when a template defines
``search_type``); filters, sort keys and metadata come from ``data-pagefind-*`` attributes in
the templates. German stemming follows from ``<html lang="de">``. Each page goes to Pagefind
with its compound parts as hidden metadata (``pages.py``), and its words are counted for the
vocabulary of "Meinten Sie …?" (``vocabulary.py``).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import multiprocessing
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

from pagefind_bin_extended import get_executable  # type: ignore[import-untyped]
from pelican.writers import Writer

from rebellab.kernel.files import cache_folder, file_identity, replace_file
from rebellab.search import compounds, vocabulary
from rebellab.search.pages import (
    PageText,
    mirror_page,
    page_text,
    parts_fields,
    searched_text,
    with_fields,
)
from rebellab.search.seeds import Seeds, clear
from rebellab.sitebase.output import discard, write_bytes
from rebellab.sitebase.parallel import ForkFailed, start_forked, worker_count

log = logging.getLogger(__name__)
T = TypeVar("T")
# The folder of the search bundles: the main one, and below it the profiles'.
BUNDLE = "pagefind"
PROFILE_BUNDLE = f"{BUNDLE}/profile"
BUNDLES = (BUNDLE, PROFILE_BUNDLE)
BODY = b"data-pagefind-body"
# Fewer pages are prepared in this process: starting the workers would cost more.
MIN_PAGES_TO_FORK = 200
CHUNK = 64  # pages per task of a worker
# Pagefind's binary allocates with jemalloc (tikv-jemallocator, which reads its options from
# this variable). One arena instead of one per core: at the big lab of make bench its peak
# was 780 instead of 920 MB for the profiles and 556 instead of 646 MB for the main bundle,
# in the same time (the bundles are the same but for the order Pagefind's own runs vary in).
PAGEFIND_ALLOCATOR = ("_RJEM_MALLOC_CONF", "narenas:1")


class SearchIndexError(RuntimeError):
    """Pagefind failed or indexed nothing; the build must not go out without search."""


def html_files(site: Path) -> list[str]:
    """Every HTML page of the site outside Pagefind's own bundle, relative, in path order.

    os.scandir and strings: pathlib's rglob (or os.walk's relpath) took 0.45 (0.26) s for
    the big lab's 16,791 pages.
    """
    found: list[str] = []

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if prefix or entry.name != BUNDLE:
                        walk(entry.path, f"{prefix}{entry.name}/")
                elif entry.name.endswith(".html"):
                    found.append(prefix + entry.name)

    walk(str(site), "")
    return sorted(found, key=lambda name: name.split("/"))  # the order of sorted Paths


def indexed_pages(site: Path, cache: Path | None = None) -> dict[Path, str]:
    """Return the pages Pagefind indexes (with ``data-pagefind-body``) and their digests.

    Read once per build: the stamp of the bundle (``reuse.py``) and the prepared-page cache
    both go by them. With a ``cache`` folder, a page that is still the file read by an
    earlier build (same inode, size and modification time: a page linked from the previous
    output, rebellab.sitebase.incremental) is not read again; reading and digesting all
    took 0.45 s of every build at the big lab.
    """
    store = None if cache is None else cache / "search-pages" / "digests.pickle"
    # By path below ``site``: the identity of the file read and its digest (None: not indexed).
    known: dict[str, tuple[list[int], str | None]] = {}
    if store is not None and store.is_file():
        with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, ValueError):
            known = pickle.loads(store.read_bytes())
    seen: dict[str, tuple[list[int], str | None]] = {}
    pages = {}
    for name in html_files(site):
        path = os.path.join(site, name)
        identity = file_identity(path)
        entry = known.get(name)
        if entry is not None and entry[0] == identity:
            digest = entry[1]
        else:
            with open(path, "rb") as handle:
                data = handle.read()
            digest = hashlib.sha256(data).hexdigest() if BODY in data else None
        seen[name] = (identity, digest)
        if digest is not None:
            pages[site / name] = digest
    if store is not None:
        replace_file(store, pickle.dumps(seen, protocol=pickle.HIGHEST_PROTOCOL))
    return pages


def code_digest() -> str:
    """Digest of the search plugin's sources and the versions of Pagefind and split-words."""
    digest = hashlib.sha256(json.dumps([version("pagefind_bin_extended"),
                                        version("split-words")]).encode())
    for source in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Prepared:
    """What indexing takes from one page: its hidden fields and its words for the vocabulary."""

    fields: dict[str, str]
    words: tuple[str, ...]  # of vocabulary.MIN_LENGTH letters or more, as often as they occur
    profile: bool


def prepare_page(page: str) -> Prepared | None:
    """Read one page; None when Pagefind does not index it (no ``data-pagefind-body``)."""
    text = page_text(page)
    return None if text is None else _prepared(text)


def _prepared(text: PageText) -> Prepared:
    """Return what indexing takes from a page's searchable text (compounds split here)."""
    fields = parts_fields(text)
    words = [*text.words(), *" ".join(fields.values()).split()]
    return Prepared(fields, _shared(w for w in words if len(w) >= vocabulary.MIN_LENGTH),
                    profile=text.kind == "Profil")


def _shared(words: Iterable[str]) -> tuple[str, ...]:
    """Return the words as one object per spelling (``sys.intern``).

    Pickle writes a shared object once: the prepared pages of the big lab (2.1 million words)
    were kept in 26.8 MB saved in 0.54 s, now 13.1 MB in 0.07 s.
    """
    return tuple(map(sys.intern, words))


def _read_page(path: Path) -> tuple[PageText | None, str | None]:
    """Return a page's searchable text and its copy for Pagefind (:func:`searched_text`)."""
    return searched_text(path.read_text(encoding="utf-8"))


class PreparedPages:
    """Pages prepared by earlier builds, by the digest of their bytes (kept in CACHE_PATH).

    A warm build prepares only the pages that changed; the others' fields and words come
    from here (make bench, big lab: preparing is half of indexing, 20 s cold).
    """

    def __init__(self, cache: Path | None) -> None:
        self.path = None if cache is None else cache / "search-pages" / f"{code_digest()}.pickle"
        self.known: dict[str, Prepared | None] = {}
        # The copies for Pagefind of the pages prepared in this run, by digest (write_mirror).
        self.copies: dict[str, str] = {}
        compounds.keep_model_in(None if self.path is None else self.path.parent)
        if self.path is not None and self.path.is_file():
            try:
                kept = pickle.loads(self.path.read_bytes())
                self.known = kept["pages"]
                compounds.remember(kept["splits"])  # no model to load for known words
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError,
                    KeyError):
                self.known = {}

    def prepare(self, paths: list[Path], workers: int, keys: list[str] | None = None
                ) -> list[Prepared | None]:
        """Prepare ``paths`` (known pages from the cache, the others on ``workers`` cores).

        ``keys`` are the pages' digests when already known (:func:`indexed_pages`).
        """
        if keys is None:
            keys = [hashlib.sha256(path.read_bytes()).hexdigest() for path in paths]
        missing = sorted({key: path for key, path in zip(keys, paths, strict=True)
                          if key not in self.known}.items())
        if missing:
            prepared, copies = _prepare_all([path for _, path in missing], workers)
            self.known.update(zip([key for key, _ in missing], prepared, strict=True))
            self.copies.update((key, copy) for (key, _), copy
                               in zip(missing, copies, strict=True) if copy is not None)
        self.known = {key: self.known[key] for key in keys}  # forget pages that are gone
        return [self.known[key] for key in keys]

    def save(self) -> None:
        """Keep the prepared pages of this build, and the compound splits made, for the next one."""
        if self.path is not None:
            kept = {"pages": self.known, "splits": compounds.recall()}
            replace_file(self.path, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))


def _read_chunk(paths: list[Path]) -> list[tuple[PageText | None, str | None]]:
    """Read the searchable text of pages and their copies for Pagefind, in a worker."""
    return [_read_page(path) for path in paths]


def _prepare_chunk(texts: list[PageText | None]) -> tuple[list[Prepared | None],
                                                          dict[str, tuple[str, ...]]]:
    """Prepare pages from their texts in a worker; also return any split it made, to be kept."""
    return [None if text is None else _prepared(text) for text in texts], compounds.take_new()


def _prepare_all(paths: list[Path], workers: int
                 ) -> tuple[list[Prepared | None], list[str | None]]:
    """Prepare pages, in forked processes when there are many (same result either way).

    Also returns each page's copy for Pagefind (:func:`write_mirror`), cut from the page
    read for preparing. Reading and cutting each page again made writing the copies of the
    big lab's main bundle and profiles take 2.3 and 7.2 s, now 0.4 and 1.4 s (index alone).

    In two rounds: workers read the pages' texts; the compounds of which no split is known
    are split in one process of its own, which loads CharSplit's model meanwhile when no
    split is known at all (a build without cache); then workers prepare the pages with every
    split known. Before, each worker loaded the model for itself (2.4 s and 370 MB each) and
    split the words its pages held.
    """
    if workers < 2 or len(paths) < MIN_PAGES_TO_FORK:
        read = [_read_page(path) for path in paths]
        return [None if text is None else _prepared(text) for text, _ in read], \
            [copy for _, copy in read]
    context = multiprocessing.get_context("fork")
    with _splitter(eager=not compounds.recall()) as split:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            read = [page for chunk in pool.map(_read_chunk, _chunks(paths)) for page in chunk]
        texts = [text for text, _ in read]
        compounds.remember(split(sorted(compounds.unsplit(
            word for text in texts if text is not None for word in text.split_words()))))
    prepared: list[Prepared | None] = []
    with ProcessPoolExecutor(workers, mp_context=context) as pool:  # forked with the splits
        for pages, splits in pool.map(_prepare_chunk, _chunks(texts)):
            # Shared again: each chunk comes with its own copies of the words.
            prepared.extend(page and replace(page, words=_shared(page.words)) for page in pages)
            compounds.remember(splits)
    return prepared, [copy for _, copy in read]


def _chunks(items: list[T]) -> list[list[T]]:
    return [items[start:start + CHUNK] for start in range(0, len(items), CHUNK)]


@contextlib.contextmanager
def _splitter(eager: bool) -> Iterator[Callable[[list[str]], dict[str, tuple[str, ...]]]]:
    """Yield ``split(words)``, which splits words in a forked process and returns the splits.

    The process starts at once; with ``eager`` it loads CharSplit's model while this one goes
    on. When the block is left without a split, the process reads the end of its pipe and
    ends without loading anything more.
    """
    source, sink = os.pipe()
    result = start_forked(_split_sent, source, sink, eager)
    os.close(source)
    out = os.fdopen(sink, "wb")
    waited = False

    def split(words: list[str]) -> dict[str, tuple[str, ...]]:
        nonlocal waited
        with contextlib.suppress(BrokenPipeError), out:  # ended early: its answer says why
            pickle.dump(words, out, protocol=pickle.HIGHEST_PROTOCOL)
        waited = True
        try:
            return result()
        except ForkFailed as error:
            raise SearchIndexError(f"Zerlegen der Komposita fehlgeschlagen: {error}") from error

    try:
        yield split
    finally:
        if not waited:
            out.close()
            with contextlib.suppress(ForkFailed):
                result()


def _split_sent(source: int, sink: int, eager: bool) -> dict[str, tuple[str, ...]]:
    """Split the words sent through the pipe ``source`` (the process of :func:`_splitter`)."""
    os.close(sink)  # this process's copy: the pipe ends when the sender closes it
    if eager:
        compounds.load_model()
    with os.fdopen(source, "rb") as stream:
        words: list[str] = pickle.load(stream)
    for word in words:
        compounds.compound_parts(word)
    return compounds.take_new()


def prepare(site: Path, settings: dict[str, Any], indexed: dict[Path, str]
            ) -> tuple[dict[Path, Prepared], dict[Path, str]]:
    """Prepare the indexed pages, with the pages prepared by earlier builds and every core.

    ``indexed`` are the pages with their digests (:func:`indexed_pages`). Also returns the
    copies for Pagefind of the pages prepared anew (:func:`write_mirror`).
    """
    pages = PreparedPages(cache_folder(settings))
    paths = list(indexed)
    prepared = pages.prepare(paths, worker_count(settings), list(indexed.values()))
    pages.save()
    copies = {path: pages.copies[key] for path, key in indexed.items() if key in pages.copies}
    return ({path: page for path, page in zip(paths, prepared, strict=True) if page is not None},
            copies)


def bundles(prepared: dict[Path, Prepared]) -> dict[str, list[Path]]:
    """Return the pages of each bundle: profiles in their own when there are any.

    The directory searches the profiles' bundle alone, and a build after a changed event or
    post re-indexes the 4,000 pages of the main bundle, not the 10,000 profiles as well
    (make bench, big lab). /suche/ merges both (``search.js``).
    """
    groups: dict[str, list[Path]] = {BUNDLE: []}
    for path, page in prepared.items():
        groups.setdefault(PROFILE_BUNDLE if page.profile else BUNDLE, []).append(path)
    return groups


def words_of(prepared: dict[Path, Prepared], groups: dict[str, list[Path]],
             indexed: dict[Path, str], cache: Path | None = None) -> vocabulary.Vocabulary:
    """Return the vocabulary of the indexed pages, counted bundle by bundle.

    With a ``cache`` folder, a bundle whose pages (``indexed``: their digests) are those of
    the previous build keeps its counts: counting the big lab's 10,000 profiles took 0.4 s
    of a build after a changed event.
    """
    store = None if cache is None else (
        cache / "search-pages" / f"vocabulary-{code_digest()}.pickle")
    kept: dict[str, tuple[str, vocabulary.Vocabulary]] = {}
    if store is not None and store.is_file():
        with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError,
                                 TypeError, ValueError):
            kept = pickle.loads(store.read_bytes())
    counted: dict[str, tuple[str, vocabulary.Vocabulary]] = {}
    words = vocabulary.Vocabulary()
    for name, paths in groups.items():
        key = hashlib.sha256("\0".join(indexed[path] for path in paths).encode()).hexdigest()
        entry = kept.get(name)
        if entry is None or entry[0] != key:
            part = vocabulary.Vocabulary()
            for path in paths:
                part.add_page(prepared[path].words, profile=prepared[path].profile)
            entry = (key, part)
        counted[name] = entry
        words.add(entry[1])
    if store is not None:
        replace_file(store, pickle.dumps(counted, protocol=pickle.HIGHEST_PROTOCOL))
    return words


def _index(source: Path, bundle: Path) -> int:
    """Index the pages below ``source`` into ``bundle`` with Pagefind's binary; the page count.

    The binary as a program of its own, not through Pagefind's Python API: the API ends its
    service process (SIGTERM) as soon as it has answered that the files are written, but
    Pagefind writes them in tokio's background threads without waiting for them (1.5.2,
    pagefind/src/output/mod.rs), so a file could stay empty (an empty pagefind-entry.json,
    once in the fuzzed builds of tests/fuzz/test_build.py). The program waits for its writes
    when it ends. Run alone on the big lab's main bundle it took 6.0 s, the API 7.0 s in a
    new Python process.
    """
    return _indexed(_start_index(source, bundle), bundle)


def _start_index(source: Path, bundle: Path) -> subprocess.Popen[str]:
    """Start Pagefind's binary on the pages below ``source``; :func:`_indexed` waits for it."""
    command = [str(_pagefind_binary()), "--site", str(source), "--output-path", str(bundle),
               "--quiet"]
    environment = dict(os.environ)
    environment.setdefault(*PAGEFIND_ALLOCATOR)  # a value set by whoever runs the build stays
    # The working directory is where Pagefind looks for a configuration file: none there.
    return subprocess.Popen(command, cwd=source, env=environment, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _indexed(process: subprocess.Popen[str], bundle: Path) -> int:
    """Wait for Pagefind indexing into ``bundle``; return the page count it wrote."""
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        output = (stderr or stdout).strip().splitlines()
        raise SearchIndexError(f"Pagefind endete mit Status {process.returncode}: "
                               + " ".join(output[-3:]))
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        return sum(int(language["page_count"]) for language in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise SearchIndexError(f"Pagefind hat kein lesbares Suchbündel in {bundle} "
                               f"geschrieben: {error}") from error


def _pagefind_binary() -> Path:
    """Pagefind's binary: ``PAGEFIND_BINARY_PATH``, else the one of the installed wheel.

    The order in which Pagefind's Python API looks for it (pagefind/service/__init__.py).
    """
    configured = os.environ.get("PAGEFIND_BINARY_PATH")
    if configured:
        return Path(configured)
    return Path(get_executable())


def write_mirror(site: Path, mirror: Path, pages: dict[Path, str],
                 fields: dict[Path, dict[str, str]], copies: dict[Path, str] | None = None
                 ) -> None:
    """Make ``mirror`` hold the copies of ``pages`` that Pagefind reads (``mirror_page``).

    ``pages`` are the pages with their digests; ``copies`` holds copies made already (without
    fields, :func:`prepare`), taken out as they are written. A manifest beside the folder
    names the digest of each copy's page: the copy of an unchanged page is kept, so that a
    warm build writes the copies of changed pages only (writing all took 0.5 s for the big
    lab's main bundle, 2.1 s for its profiles). Without a manifest (a first build, an update
    that was stopped) the folder is made anew.
    """
    manifest = mirror.with_name(f"{mirror.name}.json")
    try:
        kept: dict[str, str] = json.loads(manifest.read_text(encoding="utf-8"))
        manifest.unlink()  # until the copies match again
    except (OSError, ValueError):
        kept = {}
    if not kept or not mirror.is_dir():
        kept = {}
        shutil.rmtree(mirror, ignore_errors=True)
    written: dict[str, str] = {}
    for path, digest in pages.items():
        name = path.relative_to(site).as_posix()
        written[name] = digest
        if kept.get(name) != digest:
            target = mirror / name
            target.parent.mkdir(parents=True, exist_ok=True)
            copy = None if copies is None else copies.pop(path, None)
            target.write_text(mirror_page(path.read_text(encoding="utf-8"), fields[path])
                              if copy is None else with_fields(copy, fields[path]),
                              encoding="utf-8")
    for name in kept.keys() - written.keys():
        with contextlib.suppress(FileNotFoundError):
            (mirror / name).unlink()
    mirror.mkdir(parents=True, exist_ok=True)
    replace_file(manifest, json.dumps(written).encode())


@contextlib.contextmanager
def mirror_folder(site: Path, settings: dict[str, Any]) -> Iterator[Path]:
    """Yield the folder of the copies Pagefind reads, one subfolder per bundle.

    With ``CACHE_PATH``, the copies are kept there from build to build (``write_mirror``),
    and a second build with the same cache waits until this one has indexed. Without it,
    a folder beside the site (the copies are as large as the indexed pages, too large for
    /tmp) is deleted after indexing, in the background: unlinking the big lab's 14,263
    copies took 3.1 s.
    """
    beside = site.with_name(f".{site.name}-suchindex")
    discard(beside)  # left by a build that was stopped
    cache = cache_folder(settings)
    if cache is None:
        beside.mkdir()
        try:
            yield beside
        finally:
            discard(beside)
        return
    folder = cache / "search-mirror" / code_digest()
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        yield folder


def nested_bundles(name: str) -> list[str]:
    """Return the folders in the bundle ``name`` that hold other bundles (the main: ``profile``)."""
    return [other.removeprefix(f"{name}/").split("/", 1)[0] for other in BUNDLES
            if other.startswith(f"{name}/")]


def run_pagefind(site: Path, name: str, mirror: Path, seeds: Seeds | None = None) -> int:
    """Index the copies in ``mirror`` into the bundle ``site/name``; return the page count.

    ``seeds`` are files of the previous bundle linked into the folder (:mod:`.seeds`); when
    one of them may differ from what Pagefind would have written, it indexes anew.
    """
    return Indexing.start(site, name, mirror, seeds).finish()


@dataclass
class Indexing:
    """Pagefind indexing one bundle (:func:`run_pagefind`), started and not waited for yet."""

    site: Path
    name: str
    mirror: Path
    seeds: Seeds | None
    process: subprocess.Popen[str]

    @classmethod
    def start(cls, site: Path, name: str, mirror: Path, seeds: Seeds | None) -> Indexing:
        """Start Pagefind on the copies in ``mirror``, after ``seeds`` were linked."""
        try:
            return cls(site, name, mirror, seeds, _start_index(mirror, site / name))
        except OSError as error:
            raise SearchIndexError(f"Pagefind-Index fehlgeschlagen: {error}") from error

    def finish(self) -> int:
        """Wait for Pagefind; index anew if a seed did not fit; return the page count."""
        site, name = self.site, self.name
        try:
            count = _indexed(self.process, site / name)
            if self.seeds is not None and not self.seeds.settle():
                log.info("Suchindex: übernommene Dateien in %s passen nicht, neu indexiert",
                         name)
                clear(site / name, nested_bundles(name))
                count = _index(self.mirror, site / name)
        except (OSError, subprocess.SubprocessError) as error:
            raise SearchIndexError(f"Pagefind-Index fehlgeschlagen: {error}") from error
        if not (site / name / "pagefind.js").is_file():
            raise SearchIndexError(f"Pagefind hat kein Suchbündel in {name}/ geschrieben.")
        log.info("Suchindex: %d Seiten indexiert (%s)", count, site / name)
        return count

    def stop(self) -> None:
        """End Pagefind when its bundle is not wanted any more (the index failed)."""
        self.process.kill()  # nothing happens if it has ended already
        self.process.communicate()


def build_index(site: Path, settings: dict[str, Any], indexed: dict[Path, str] | None = None,
                reuse: Callable[[str, list[Path]], bool] | None = None,
                seed: Callable[[str, list[Path]], Seeds | None] | None = None
                ) -> dict[str, list[Path]]:
    """Index the pages below ``site`` into the bundles below ``site/pagefind/``.

    Also writes the vocabulary file for suggestions (``SEARCH_VOCABULARY_SAVE_AS``).
    ``indexed``: the indexed pages with their digests, when the caller has read them.
    ``reuse(name, paths)`` may put the previous build's bundle in place instead (it returns
    True when it did; it runs in the preparing process); else ``seed(name, paths)`` may
    link files of the previous bundle that Pagefind need not write again (:mod:`.seeds`).
    Returns the pages of each bundle.
    """
    indexed = indexed_pages(site) if indexed is None else indexed
    with mirror_folder(site, settings) as folder:
        # In a process of its own: the prepared pages of earlier builds, every page's words
        # and CharSplit's model are gone with it before the last bundle is indexed (the
        # build process kept about 250 MB of them while Pagefind ran, at the big lab). It
        # announces the main bundle once its copies are written, and Pagefind indexes it
        # while the process puts the profiles' bundle in place or writes its copies.
        announced, announce = os.pipe()
        try:
            result = start_forked(_prepare_bundles, site, settings, indexed, folder, reuse,
                                  announce)
        finally:
            os.close(announce)
        running: Indexing | None = None
        waited = False
        try:
            announcement = _announced(announced)
            if announcement is not None:
                name, mirror, paths = announcement
                running = Indexing.start(site, name, mirror,
                                         None if seed is None else seed(name, paths))
            waited = True
            groups, mirrors, words = result()
        except BaseException as error:
            if running is not None:
                running.stop()
            if not waited:  # not left writing copies once the folder is unlocked
                with contextlib.suppress(ForkFailed):
                    result()
            if isinstance(error, ForkFailed):
                raise SearchIndexError(f"Vorbereitung des Suchindex fehlgeschlagen: {error}"
                                       ) from error
            raise
        if running is not None:
            running.finish()
        for name, mirror in mirrors.items():  # one after the other: the peak is the largest's
            if running is None or name != running.name:
                run_pagefind(site, name, mirror,
                             None if seed is None else seed(name, groups[name]))
    # After the last generator: a writer of its own, the same checks as every other file.
    write_bytes(Writer(str(site), settings=settings), settings["SEARCH_VOCABULARY_SAVE_AS"],
                words)
    return groups


def _announced(source: int) -> tuple[str, Path, list[Path]] | None:
    """Read the bundle announced through the pipe ``source`` by :func:`_prepare_bundles`.

    None when the process ended without announcing one (nothing to index, or it failed:
    waiting for its result tells).
    """
    with os.fdopen(source, "rb") as stream:
        try:
            name, mirror, paths = pickle.load(stream)
        except (EOFError, pickle.UnpicklingError, ValueError, TypeError):
            return None
    return name, mirror, paths


def _prepare_bundles(site: Path, settings: dict[str, Any], indexed: dict[Path, str],
                     folder: Path, reuse: Callable[[str, list[Path]], bool] | None,
                     announce: int | None = None
                     ) -> tuple[dict[str, list[Path]], dict[str, Path], bytes]:
    """Prepare the pages; put each bundle in place (``reuse``) or write its copies for Pagefind.

    Returns the pages of each bundle, the copies' folder of each bundle to index, and the
    vocabulary file. The name, copies' folder and pages of the first bundle whose copies are
    written go through the pipe ``announce`` (closed then) as soon as they are written,
    unless it is the last bundle: the largest, the profiles', is indexed once this process
    has ended.
    """
    try:
        prepared, copies = prepare(site, settings, indexed)
        fields = {path: page.fields for path, page in prepared.items()}
        groups, mirrors = bundles(prepared), {}
        last = list(groups)[-1]
        for name, paths in groups.items():
            if not paths:
                raise SearchIndexError(f"Keine durchsuchbare Seite für das Suchbündel {name}/ "
                                       "(Seiten mit data-pagefind-body).")
            if reuse is None or not reuse(name, paths):
                mirrors[name] = folder / name.replace("/", "-")
                write_mirror(site, mirrors[name], {path: indexed[path] for path in paths},
                             fields, copies)
                if announce is not None and name != last:
                    with os.fdopen(announce, "wb") as out:
                        pickle.dump((name, mirrors[name], paths), out,
                                    protocol=pickle.HIGHEST_PROTOCOL)
                    announce = None
    finally:
        if announce is not None:  # nothing announced: the reader waits for the pipe's end
            os.close(announce)
    words = words_of(prepared, groups, indexed, cache_folder(settings))
    return groups, mirrors, words.to_bytes()
