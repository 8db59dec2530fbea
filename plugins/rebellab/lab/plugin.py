"""Registration of the composed lab with Pelican.

Pelican hands one ``context`` dict to every generator, and the first generator's
construction sends ``generator_init`` before any ``generate_context`` runs. Putting the
validated lab into the context there makes every capability's generator find it, whatever
the order of ``PLUGINS`` or of the generators.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals

from rebellab.kernel.problems import ContentError
from rebellab.kernel.today import site_now, site_today
from rebellab.lab.load import HandedLab, Lab, load_site_lab
from rebellab.lab.preview import keep_generators


def provide_lab(generator: Any) -> None:
    """Load and validate ``data/`` once per build; raise :class:`ContentError` on problems."""
    context = generator.context
    if "lab" in context:
        return
    context.update(lab=lab_for(generator.settings), today=site_today(), now=site_now())


def lab_for(settings: dict[str, Any]) -> Lab:
    """Return the lab below ``DATA_PATH``, validated (``scripts/build.py`` hands one in)."""
    root = Path(settings["DATA_PATH"]).resolve().parent
    handed = settings.get("LAB_VALIDATED")
    lab = handed.lab if isinstance(handed, HandedLab) else None
    if lab is None or lab.root != root:
        lab = load_site_lab(root, settings)
    if lab.problems:
        raise ContentError(lab.problems)
    return lab


def register() -> None:
    """Pelican entry point."""
    signals.generator_init.connect(provide_lab)
    signals.all_generators_finalized.connect(keep_generators)
