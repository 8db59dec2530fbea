"""Site-wide services: German date filters, sanitised content, home page, CSS, sitemap."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from pelican import signals

from rebellab.kernel.slug import keep_pelicans_slugs
from rebellab.sitebase.csp import csp_policy, style_element
from rebellab.sitebase.dates import FILTERS
from rebellab.sitebase.feeds import absolutize_items
from rebellab.sitebase.fingerprint import reads
from rebellab.sitebase.generator import SiteGenerator, SitemapCollector
from rebellab.sitebase.incremental import (
    IncrementalWriter,
    render_queued,
    save_record,
    start_early,
)
from rebellab.sitebase.jsonld import article_jsonld
from rebellab.sitebase.markup import (
    excerpt,
    keep_conversions,
    load_conversions,
    render_markdown,
)
from rebellab.sitebase.neighbours import link_neighbours
from rebellab.sitebase.pagination import PageLinks
from rebellab.sitebase.prefetch import read_ahead
from rebellab.sitebase.sanitize import sanitize_content
from rebellab.sitebase.urls import UrlFilter

SITEMAP = SitemapCollector()


def page_path(output_file: str | None) -> str:
    """Turn a written file name into its URL path: ``blog/index.html`` -> ``blog/``."""
    name = output_file or ""
    if name == "index.html" or name.endswith("/index.html"):
        return name[: -len("index.html")]
    return name


def add_filters(pelican: Any) -> None:
    """Make the template filters (German dates, Markdown, CSP) and ``page_links`` available."""
    filters = pelican.settings.setdefault("JINJA_FILTERS", {})
    filters.update(FILTERS)
    filters.update(markdown=render_markdown, excerpt=excerpt,
                   page_path=page_path, article_jsonld=article_jsonld,
                   url=UrlFilter(pelican.settings), csp_policy=csp_policy,
                   style_element=style_element)
    # Reads nothing but its arguments: declared so (rebellab.sitebase.fingerprint.reads).
    pelican.settings.setdefault("JINJA_GLOBALS", {})["page_links"] = reads()(
        PageLinks(pelican.settings))


def cache_compiled_templates(pelican: Any) -> None:
    """Keep the compiled templates in ``CACHE_PATH`` (Jinja's bytecode cache).

    Pelican makes a Jinja environment per generator, and each compiled the templates it
    uses in every build: 0.35 s of a warm build at the big lab (py-spy). Jinja checks each
    entry against the template's source; the folder's name digests the environment's
    options, which change the compiled code.
    """
    settings = pelican.settings
    options = dict(settings.get("JINJA_ENVIRONMENT") or {})
    if not settings.get("CACHE_PATH") or "bytecode_cache" in options:
        return
    digest = hashlib.sha256(repr(sorted(options.items())).encode()).hexdigest()[:16]
    folder = Path(settings["CACHE_PATH"]) / f"jinja-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    settings["JINJA_ENVIRONMENT"] = {**options,
                                     "bytecode_cache": FileSystemBytecodeCache(str(folder))}


def load_kept_conversions(pelican: Any) -> None:
    """Markdown converted by earlier builds (``markup.keep_conversions``)."""
    load_conversions(pelican.settings.get("CACHE_PATH"))


def keep_new_conversions(pelican: Any) -> None:
    """Keep this build's Markdown conversions for the next one."""
    keep_conversions(pelican.settings.get("CACHE_PATH"))


def get_generators(_: Any) -> type[SiteGenerator]:
    """Add the site-wide generator."""
    return SiteGenerator


def get_writer(_: Any) -> type[IncrementalWriter]:
    """Use the writer that gives feeds absolute URLs and reuses unchanged pages."""
    return IncrementalWriter


def register() -> None:
    """Pelican entry point."""
    keep_pelicans_slugs()
    signals.initialized.connect(add_filters)
    signals.initialized.connect(SITEMAP.reset)
    signals.initialized.connect(cache_compiled_templates)
    signals.initialized.connect(load_kept_conversions)
    signals.initialized.connect(start_early)
    signals.content_object_init.connect(sanitize_content)
    signals.get_generators.connect(get_generators)
    signals.get_writer.connect(get_writer)
    signals.feed_generated.connect(absolutize_items)
    signals.content_written.connect(SITEMAP.record)
    signals.finalized.connect(SITEMAP.write)
    signals.finalized.connect(save_record)
    signals.finalized.connect(keep_new_conversions)
    signals.generator_init.connect(render_queued)
    signals.generator_init.connect(read_ahead)
    signals.article_generator_finalized.connect(link_neighbours)
