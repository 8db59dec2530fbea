"""Registration of the section in Leichter Sprache (``/leichte-sprache/``)."""

from __future__ import annotations

from typing import Any

from pelican import signals

from rebellab.leichtesprache.generator import EasyReadGenerator


def get_generators(_: Any) -> type[EasyReadGenerator]:
    """Add the generator that writes the texts in Leichter Sprache."""
    return EasyReadGenerator


def register() -> None:
    """Pelican entry point."""
    signals.get_generators.connect(get_generators)
