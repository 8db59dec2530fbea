"""Registration of the directory of Rebell*innen with Pelican."""

from __future__ import annotations

from typing import Any

from pelican import signals

from rebellab.directory.generator import DirectoryGenerator


def get_generators(pelican: Any) -> type[DirectoryGenerator]:
    """Add the generator that writes the directory pages."""
    return DirectoryGenerator


def register() -> None:
    """Pelican entry point."""
    signals.get_generators.connect(get_generators)
