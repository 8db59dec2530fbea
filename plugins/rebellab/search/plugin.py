"""Registration of site search with Pelican: the search page and the Pagefind index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals

from rebellab.search.generator import SearchPageGenerator
from rebellab.search.indexer import build_index


def get_generators(pelican: Any) -> type[SearchPageGenerator]:
    """Add the generator that writes the search page."""
    return SearchPageGenerator


def index_site(pelican: Any) -> None:
    """After everything is written: index the output, unless SEARCH_INDEX is False."""
    if pelican.settings.get("SEARCH_INDEX", True):
        build_index(Path(pelican.output_path), pelican.settings)


def register() -> None:
    """Pelican entry point."""
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(index_site)
