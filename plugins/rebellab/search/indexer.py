"""Pagefind index of the built site, through Pagefind's Python API (binary from the wheel).

Pages opt in through ``data-pagefind-body`` (base.html sets it when a template defines
``search_type``); filters, sort keys and metadata come from ``data-pagefind-*`` attributes in
the templates. German stemming follows from ``<html lang="de">``.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

log = logging.getLogger(__name__)
BUNDLE = "pagefind"


class SearchIndexError(RuntimeError):
    """Pagefind failed or indexed nothing; the build must not go out without search."""


async def _index(site: Path) -> int:
    config = IndexConfig(output_path=str(site / BUNDLE), write_playground=False)
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(site))
        return int(result["page_count"])


def build_index(site: Path) -> int:
    """Index every HTML file below ``site`` into ``site/pagefind/``; return the page count."""
    try:
        pages = asyncio.run(_index(site))
    except Exception as error:  # the Pagefind service raises plain Exception
        raise SearchIndexError(f"Pagefind-Index fehlgeschlagen: {error}") from error
    if not (site / BUNDLE / "pagefind.js").is_file():
        raise SearchIndexError("Pagefind hat kein Suchbündel geschrieben.")
    log.info("Suchindex: %d Seiten indexiert (%s)", pages, site / BUNDLE)
    return pages
