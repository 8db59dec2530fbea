"""Pelican side of the content layer: load the lab once, before any page is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from labdata.problems import ContentError
from labdata.today import site_now, site_today


class LabGenerator:
    """Puts ``lab`` (all validated data), ``today`` and ``now`` into the shared context.

    Fails the build with every content problem at once; writes nothing.
    """

    def __init__(self, context: dict[str, Any], settings: dict[str, Any], path: str,
                 theme: str, output_path: str, **kwargs: Any) -> None:
        self.context = context
        self.settings = settings

    def generate_context(self) -> None:
        """Load and validate ``data/``; raise :class:`ContentError` on any problem."""
        # Imported here: lab.py imports the event and profile models, which import
        # labdata.fields, which runs this package's __init__ (and so this module) first.
        from labdata.lab import load_lab

        root = Path(self.settings["DATA_PATH"]).resolve().parent
        lab = self.settings.get("LAB_VALIDATED")  # scripts/build.py validated it just now
        if lab is None or lab.root != root:
            lab = load_lab(root, uid_domain=self.settings.get("CALENDAR_UID_DOMAIN",
                                                              "verwaltungsrebellen-labor.de"))
        if lab.problems:
            raise ContentError(lab.problems)
        self.context.update(lab=lab, today=site_today(), now=site_now())

    def generate_output(self, writer: Any) -> None:
        """Nothing to write: other plugins render the lab's pages."""
