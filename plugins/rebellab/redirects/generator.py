"""Pelican side of redirects: one stub page per old address, written after every other page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.generators import Generator

from rebellab.kernel.problems import ContentError, Problem
from rebellab.redirects.model import Redirect


class RedirectsGenerator(Generator):
    """Writes the stubs (meta refresh, canonical, noindex, a visible link; no sitemap entry)."""

    def generate_context(self) -> None:
        """Take the validated redirects from the lab."""
        self.redirects: tuple[Redirect, ...] = self.context["lab"].redirects

    def generate_output(self, writer: Any) -> None:
        """Write every stub; an old path that another page took is a content error."""
        clashes = [Problem(r.rel, r.line, f"'from' {r.source} ist schon die Adresse einer "
                                          "Seite dieser Website; eine Weiterleitung würde sie "
                                          "verdecken.")
                   for r in self.redirects if (Path(self.output_path) / r.save_as).exists()]
        if clashes:
            raise ContentError(clashes)
        template = self.get_template("redirect")
        site_url = self.settings["SITEURL"]
        absolute = self.settings["SITE_ABSOLUTE_URL"].rstrip("/")
        for redirect in self.redirects:
            writer.write_file(redirect.save_as, template, self.context,
                              page_url=redirect.save_as.removesuffix("index.html"),
                              redirect=redirect, target_url=redirect.target_url(site_url),
                              canonical_url=redirect.target_url(absolute), noindex=True)
