"""Site-wide services: German date filters, sanitised Markdown in templates."""

from __future__ import annotations

from typing import Any

from pelican import signals

from sitebase.dates import FILTERS
from sitebase.markup import excerpt, plain_text, render_markdown


def add_filters(pelican: Any) -> None:
    """Make the German date filters and the Markdown renderer available in templates."""
    filters = pelican.settings.setdefault("JINJA_FILTERS", {})
    filters.update(FILTERS)
    filters.update(markdown=render_markdown, plain_text=plain_text, excerpt=excerpt)


def register() -> None:
    """Pelican entry point."""
    signals.initialized.connect(add_filters)
