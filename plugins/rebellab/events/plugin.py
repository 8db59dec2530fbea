"""Registration of the events capability with Pelican."""

from __future__ import annotations

from typing import Any

from pelican import signals

from rebellab.events.display import FILTERS, registration
from rebellab.events.generator import EventsGenerator
from rebellab.sitebase.fingerprint import reads


def add_filters(pelican: Any) -> None:
    """German event texts (dates, places, registration) as Jinja filters."""
    pelican.settings.setdefault("JINJA_FILTERS", {}).update(FILTERS)


def add_globals(generator: Any) -> None:
    """Template globals bound to the shared context, read at render time.

    They let ``components/event_card.html`` work when imported without context (as
    other capabilities' macros do): the format title and the registration status need
    the lab and the build's "now", which exist only after ``generate_context``.
    """
    context = generator.context
    env = getattr(generator, "env", None)
    if env is None:
        return
    env.globals.update(
        event_format_title=reads("lab.formats")(lambda key: _format_title(context, key)),
        event_registration_status=reads("now")(
            lambda event: registration(event, context["now"]) if "now" in context else None),
    )


def _format_title(context: dict[str, Any], key: str) -> str:
    lab = context.get("lab")
    entry = lab.formats.get(key) if lab is not None else None
    return entry.title if entry is not None else key


def get_generators(pelican: Any) -> type:
    """Add the events generator; it reads the lab that rebellab.lab put into the context."""
    return EventsGenerator


def register() -> None:
    """Pelican entry point."""
    signals.initialized.connect(add_filters)
    signals.generator_init.connect(add_globals)
    signals.get_generators.connect(get_generators)
