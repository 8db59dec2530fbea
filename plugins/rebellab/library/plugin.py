"""Registration of the library (methods, topics, partners, projects, materials, Q&A)."""

from __future__ import annotations

from typing import Any

from pelican import signals

from rebellab.library.generator import LibraryGenerator
from rebellab.library.links import file_size, heading_shift
from rebellab.sitebase.fingerprint import reads


def get_generators(pelican: Any) -> type[LibraryGenerator]:
    """Add the generator that writes the library's pages."""
    return LibraryGenerator


def add_filters(pelican: Any) -> None:
    """Template helpers: ``size|file_size`` and ``heading_shift(text, top)``."""
    pelican.settings.setdefault("JINJA_FILTERS", {})["file_size"] = file_size
    pelican.settings.setdefault("JINJA_GLOBALS", {})["heading_shift"] = reads()(heading_shift)


def register() -> None:
    """Pelican entry point."""
    signals.initialized.connect(add_filters)
    signals.get_generators.connect(get_generators)
