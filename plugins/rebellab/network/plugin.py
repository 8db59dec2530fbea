"""Registration of the network's calendar with Pelican."""

from __future__ import annotations

from typing import Any

from pelican import signals

from rebellab.network.generator import NetworkGenerator


def get_generators(pelican: Any) -> type:
    """Add the network generator (the lab, with the outside events, is in the context)."""
    return NetworkGenerator


def register() -> None:
    """Pelican entry point."""
    signals.get_generators.connect(get_generators)
