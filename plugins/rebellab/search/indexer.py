"""Pagefind index of the built site, through Pagefind's Python API (binary from the wheel).

Pages opt in through ``data-pagefind-body`` (base.html sets it when a template defines
``search_type``); filters, sort keys and metadata come from ``data-pagefind-*`` attributes in
the templates. German stemming follows from ``<html lang="de">``. Each page goes to Pagefind
with its compound parts as hidden metadata (``pages.py``), and its words are counted for the
vocabulary of "Meinten Sie …?" (``vocabulary.py``).
"""

from __future__ import annotations

import asyncio
import gc
import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pagefind.index import IndexConfig, PagefindIndex
from pelican.writers import Writer

from rebellab.search import compounds, vocabulary
from rebellab.search.pages import page_text, parts_fields, with_fields
from rebellab.sitebase.output import write_bytes

log = logging.getLogger(__name__)
BUNDLE = "pagefind"


class SearchIndexError(RuntimeError):
    """Pagefind failed or indexed nothing; the build must not go out without search."""


def html_files(site: Path) -> Iterator[Path]:
    """Every HTML page of the site outside Pagefind's own bundle, in a stable order."""
    for path in sorted(site.rglob("*.html")):
        if path.relative_to(site).parts[0] != BUNDLE:
            yield path


def prepare(site: Path, mirror: Path) -> vocabulary.Vocabulary:
    """Copy the pages Pagefind indexes to ``mirror``, with their hidden compound parts.

    Pages without ``data-pagefind-body`` are left out: Pagefind would skip them anyway.
    Returns the vocabulary of the indexed pages.
    """
    words = vocabulary.Vocabulary()
    for path in html_files(site):
        page = path.read_text(encoding="utf-8")
        text = page_text(page)
        if text is None:
            continue
        fields = parts_fields(text)
        words.add_page([*text.words(), *" ".join(fields.values()).split()],
                       profile=text.kind == "Profil")
        target = mirror / path.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(with_fields(page, fields), encoding="utf-8")
    return words


async def _index(source: Path, bundle: Path) -> int:
    # One add_directory call: the Python API answers one request per 0.1 s, too slow to
    # send 15,000 pages one by one (pagefind/service/__init__.py, _wait_for_responses).
    config = IndexConfig(output_path=str(bundle), write_playground=False)
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(source))
        return int(result["page_count"])


def build_index(site: Path, settings: dict[str, Any]) -> int:
    """Index the pages below ``site`` into ``site/pagefind/``; return the page count.

    Also writes the vocabulary file for suggestions (``SEARCH_VOCABULARY_SAVE_AS``).
    """
    # Next to the site rather than in /tmp: the copies are as large as the indexed pages.
    with tempfile.TemporaryDirectory(prefix=".suchindex-", dir=site.parent) as mirror:
        words = prepare(site, Path(mirror))
        compounds.release()
        gc.collect()
        try:
            pages = asyncio.run(_index(Path(mirror), site / BUNDLE))
        except Exception as error:  # the Pagefind service raises plain Exception
            raise SearchIndexError(f"Pagefind-Index fehlgeschlagen: {error}") from error
    if not (site / BUNDLE / "pagefind.js").is_file():
        raise SearchIndexError("Pagefind hat kein Suchbündel geschrieben.")
    # After the last generator: a writer of its own, the same checks as every other file.
    write_bytes(Writer(str(site), settings=settings), settings["SEARCH_VOCABULARY_SAVE_AS"],
                words.to_bytes())
    log.info("Suchindex: %d Seiten indexiert (%s)", pages, site / BUNDLE)
    return pages
