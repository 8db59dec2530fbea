"""Cold builds: the posts' Markdown is converted on every core before Pelican reads them.

Pelican reads the posts one by one (``ArticlesGenerator.generate_context``). Its content
cache (``CACHE_CONTENT``) keeps each reader's output by file and is asked first; a warm
build reads unchanged posts from it. When that ``generate_context`` starts, the posts the
cache does not hold are read by this process and forked copies of it
(:func:`rebellab.sitebase.parallel.run_forked`), with the generator's own readers, and put
into the cache as Pelican's ``Readers.read_file`` would. Pelican then reads them from the
cache, as in a warm build: the same content either way (``tests/incremental/test_prefetch.py``).
"""

from __future__ import annotations

import gzip
import logging
import os
import pickle
from functools import partial
from pathlib import Path
from typing import Any

from pelican.cache import FileDataCacher
from pelican.generators import ArticlesGenerator
from pelican.readers import Readers, _filter_discardable_metadata
from pelican.utils import file_suffix

from rebellab.kernel.files import replace_file
from rebellab.sitebase.parallel import run_forked, worker_count

logger = logging.getLogger(__name__)

# Below this many unread posts per process a fork costs more than it saves.
MIN_POSTS_PER_WORKER = 64


def _read(readers: Readers, path: str) -> tuple[str, dict[str, Any]] | None:
    """Return what ``Readers.read_file`` caches for ``path`` (Pelican 4.12); None on failure.

    A post that cannot be read is left to Pelican, which reports it as always. Pelican drops
    discardable metadata before caching; its helper for that is private.
    """
    try:
        content, metadata = readers.readers[file_suffix(path)].read(path)
    except Exception:  # Pelican reads it again and reports the error
        return None
    return content, _filter_discardable_metadata(metadata)


def unread_posts(generator: ArticlesGenerator) -> list[str]:
    """Return the posts (absolute paths) whose reader output the content cache lacks."""
    readers = generator.readers
    settings = generator.settings
    paths = (os.path.abspath(os.path.join(generator.path, name)) for name in
             generator.get_files(settings["ARTICLE_PATHS"],
                                 exclude=settings["ARTICLE_EXCLUDES"]))
    return [path for path in paths if file_suffix(path) in readers.readers
            and readers.get_cached_data(path, None) is None]


def read_ahead(generator: Any) -> None:
    """Let the posts' generator read its posts on every core first (``generator_init``).

    Its ``generate_context`` is wrapped on the instance: Pelican sends no signal when it
    starts. Every generator's content cache is written only when it took something new.
    """
    readers = getattr(generator, "readers", None)
    if isinstance(readers, Readers):
        save_when_changed(readers)
    if not isinstance(generator, ArticlesGenerator):
        return
    method = generator.generate_context

    def generate_context() -> None:
        prefetch_posts(generator)
        method()

    generator.generate_context = generate_context


def prefetch_posts(generator: ArticlesGenerator) -> None:
    """Read the posts missing from Pelican's content cache on every core."""
    readers = generator.readers
    if not readers._cache_data_policy:  # no cache: nothing to put the posts into
        return
    paths = unread_posts(generator)
    outputs = run_forked([partial(_read, readers, path) for path in paths],
                         worker_count(generator.settings),
                         MIN_POSTS_PER_WORKER, kind="Leseprozess(e)")
    for path, output in zip(paths, outputs, strict=True):
        if output is not None:
            readers.cache_data(path, output)


def save_when_changed(readers: Readers) -> None:
    """Let ``readers`` write Pelican's content cache only after a file was read anew, whole.

    Pelican writes the whole cache at the end of every build, also when each post came
    from it (the big lab's: 31 MB, 0.6 s of a warm build). Entries are only ever added
    (Pelican keeps those of deleted files too), so a build that added none leaves the file
    as it is. It is written by way of a temporary file (:func:`save_whole`).
    """
    cache_data = readers.cache_data
    changed = False

    def noting(path: str, data: Any) -> None:
        nonlocal changed
        changed = True
        cache_data(path, data)

    def saving() -> None:
        if changed:
            save_whole(readers)

    readers.cache_data = noting
    readers.save_cache = saving


def save_whole(cacher: FileDataCacher) -> None:
    """Write a Pelican cache as ``FileDataCacher.save_cache`` does, but never half of it.

    Pelican 4.12 writes the file in place. A build stopped while it wrote (Ctrl+C, a
    killed process, a full disk) left half a cache, and Pelican's reading of it failed
    every later build (``EOFError``, or its warning that a cache cannot be unpickled,
    fatal in our builds) until the cache was deleted by hand.
    """
    if not cacher._cache_data_policy:
        return
    try:
        data = pickle.dumps(cacher._cache)
        if cacher.settings["GZIP_CACHE"]:
            data = gzip.compress(data)
        replace_file(Path(cacher._cache_path), data)
    except (OSError, pickle.PicklingError, TypeError) as error:  # as Pelican's own
        logger.warning("Could not save cache %s\n ... %s", cacher._cache_path, error)
