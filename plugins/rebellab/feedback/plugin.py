"""Registration of the feedback channel: ``barrier_mailto`` for the templates."""

from __future__ import annotations

from typing import Any

from pelican import signals

from rebellab.feedback.mailto import barrier_report_mailto


def add_globals(pelican: Any) -> None:
    """``BARRIER_MAILTO``: the e-mail link with subject and body, from ``EDITORIAL_EMAIL``."""
    settings = pelican.settings
    settings.setdefault("JINJA_GLOBALS", {})["BARRIER_MAILTO"] = \
        barrier_report_mailto(settings["EDITORIAL_EMAIL"])


def register() -> None:
    """Pelican entry point."""
    signals.initialized.connect(add_globals)
