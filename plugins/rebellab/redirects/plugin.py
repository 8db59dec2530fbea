"""Registration of the redirects capability with Pelican."""

from __future__ import annotations

from typing import Any

from pelican import signals

from rebellab.redirects.generator import RedirectsGenerator


def get_generators(_: Any) -> type[RedirectsGenerator]:
    """Add the redirects generator; list ``rebellab.redirects`` last in ``PLUGINS``."""
    return RedirectsGenerator


def register() -> None:
    """Pelican entry point."""
    signals.get_generators.connect(get_generators)
