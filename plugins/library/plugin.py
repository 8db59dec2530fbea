"""Registration of the library (methods, topics, partners, projects, materials, Q&A)."""

from __future__ import annotations

from typing import Any

from pelican import signals

from library.generator import LibraryGenerator


def get_generators(pelican: Any) -> type[LibraryGenerator]:
    """Add the generator that writes the library's pages."""
    return LibraryGenerator


def register() -> None:
    """Pelican entry point."""
    signals.get_generators.connect(get_generators)
