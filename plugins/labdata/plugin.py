"""Registration of the content layer with Pelican."""

from __future__ import annotations

from typing import Any

from pelican import signals

from labdata.generator import LabGenerator


def get_generators(pelican: Any) -> type[LabGenerator]:
    """Add the generator that loads and validates the lab's data."""
    return LabGenerator


def register() -> None:
    """Pelican entry point."""
    signals.get_generators.connect(get_generators)
