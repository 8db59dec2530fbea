"""Registration of the content layer with Pelican."""

from __future__ import annotations

from typing import Any

from pelican import signals


def get_generators(pelican: Any) -> type:
    """Add the generator that loads and validates the lab's data."""
    # Imported here, not at module level: labdata.fields is imported by the models, and
    # the generator imports the models, so a top-level import would be circular.
    from labdata.generator import LabGenerator

    return LabGenerator


def register() -> None:
    """Pelican entry point."""
    signals.get_generators.connect(get_generators)
