"""Registration of site search with Pelican: the search page and the Pagefind index."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican import signals

from rebellab.kernel.files import cache_folder
from rebellab.search.generator import SearchPageGenerator
from rebellab.search.indexer import build_index, indexed_pages
from rebellab.search.reuse import IndexStamp, stamp_path

log = logging.getLogger(__name__)


def get_generators(pelican: Any) -> type[SearchPageGenerator]:
    """Add the generator that writes the search page."""
    return SearchPageGenerator


def index_site(pelican: Any) -> None:
    """After everything is written: index the output, unless SEARCH_INDEX is False.

    ``SEARCH_INDEX_IN_PELICAN = False`` leaves the index to the caller: ``scripts/build.py``
    calls :func:`index_output` once Pelican's process, and its site model, are gone.
    """
    settings = pelican.settings
    if settings.get("SEARCH_INDEX", True) and settings.get("SEARCH_INDEX_IN_PELICAN", True):
        index_output(Path(pelican.output_path), settings)


def index_output(site: Path, settings: dict[str, Any]) -> None:
    """Index the site written into ``site`` (Pagefind bundles and vocabulary).

    A build into a staging folder (``scripts/build.py`` sets PREVIOUS_OUTPUT_PATH) keeps the
    previous index when no indexed page changed, and each bundle whose pages did not change
    (:mod:`.reuse`).
    """
    # Read once: for the stamp and for the prepared pages.
    indexed = indexed_pages(site, cache_folder(settings))
    previous = settings.get("PREVIOUS_OUTPUT_PATH")
    if not previous:
        build_index(site, settings, indexed)
        return
    stamp = IndexStamp(site, Path(previous), stamp_path(Path(settings["CACHE_PATH"]),
                                                        Path(previous)),
                       settings["SEARCH_VOCABULARY_SAVE_AS"], indexed)
    if stamp.reuse_all():
        log.info("Suchindex: keine indexierte Seite geändert, Bündel übernommen (%s)", previous)
        return
    stamp.save(build_index(site, settings, indexed, reuse=stamp.reuse_bundle,
                           seed=stamp.seed_bundle))


def register() -> None:
    """Pelican entry point."""
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(index_site)
