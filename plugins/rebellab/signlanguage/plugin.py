"""Registration of the videos in Deutscher Gebärdensprache (``/gebaerdensprache/``)."""

from __future__ import annotations

from typing import Any

from pelican import signals

from rebellab.signlanguage.generator import SignLanguageGenerator


def get_generators(_: Any) -> type[SignLanguageGenerator]:
    """Add the generator that writes the page of DGS videos."""
    return SignLanguageGenerator


def register() -> None:
    """Pelican entry point."""
    signals.get_generators.connect(get_generators)
