"""Pagefind index of the built site, through Pagefind's Python API (binary from the wheel).

Pages opt in through ``data-pagefind-body`` (base.html sets it when a template defines
``search_type``); filters, sort keys and metadata come from ``data-pagefind-*`` attributes in
the templates. German stemming follows from ``<html lang="de">``. Each page goes to Pagefind
with its compound parts as hidden metadata (``pages.py``), and its words are counted for the
vocabulary of "Meinten Sie …?" (``vocabulary.py``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

from rebellab.search import vocabulary
from rebellab.search.pages import page_text, parts_fields, with_fields

log = logging.getLogger(__name__)
BUNDLE = "pagefind"
# Pages in flight to the Pagefind service at once: enough to keep it busy, little memory.
BATCH = 64


class SearchIndexError(RuntimeError):
    """Pagefind failed or indexed nothing; the build must not go out without search."""


@dataclass(frozen=True)
class IndexedSite:
    """What indexing produced: the page count and the vocabulary of the indexed pages."""

    pages: int
    vocabulary: vocabulary.Vocabulary


def html_files(site: Path) -> Iterator[Path]:
    """Every HTML page of the site outside Pagefind's own bundle, in a stable order."""
    for path in sorted(site.rglob("*.html")):
        if path.relative_to(site).parts[0] != BUNDLE:
            yield path


def page_url(site: Path, path: Path) -> str:
    """Return the URL Pagefind gives a file (``a/index.html`` -> ``/a/``, as its build_url)."""
    return "/" + path.relative_to(site).as_posix().replace("index.html", "")


def prepared(page: str, words: vocabulary.Vocabulary) -> str:
    """Return the page as Pagefind should read it; count its words if it is indexed."""
    text = page_text(page)
    if text is None:
        return page
    fields = parts_fields(text)
    words.add_page([*text.words(), *" ".join(fields.values()).split()],
                   profile=text.kind == "Profil")
    return with_fields(page, fields)


async def _index(site: Path) -> IndexedSite:
    config = IndexConfig(output_path=str(site / BUNDLE), write_playground=False)
    words = vocabulary.Vocabulary()
    async with PagefindIndex(config=config) as index:
        files = list(html_files(site))
        for start in range(0, len(files), BATCH):
            batch = files[start:start + BATCH]
            pages = [prepared(path.read_text(encoding="utf-8"), words) for path in batch]
            await asyncio.gather(*(index.add_html_file(content=page, url=page_url(site, path))
                                   for path, page in zip(batch, pages, strict=True)))
    indexed = sum(1 for _ in (site / BUNDLE / "fragment").glob("*.pf_fragment"))
    return IndexedSite(pages=indexed, vocabulary=words)


def build_index(site: Path) -> int:
    """Index every HTML file below ``site`` into ``site/pagefind/``; return the page count.

    Also writes the vocabulary file for suggestions (``vocabulary.PATH``).
    """
    try:
        indexed = asyncio.run(_index(site))
    except Exception as error:  # the Pagefind service raises plain Exception
        raise SearchIndexError(f"Pagefind-Index fehlgeschlagen: {error}") from error
    if not (site / BUNDLE / "pagefind.js").is_file():
        raise SearchIndexError("Pagefind hat kein Suchbündel geschrieben.")
    target = site / vocabulary.PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(indexed.vocabulary.to_bytes())
    log.info("Suchindex: %d Seiten indexiert (%s)", indexed.pages, site / BUNDLE)
    return indexed.pages
