"""Site-wide output: home and 404 pages, the bundled stylesheet, robots, sitemap, security.txt.

Runs after Pelican's own generators and, writing only in ``generate_output``, sees the whole
context other plugins filled in ``generate_context`` (``home_events``, ``seeking_projects``).
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pelican.generators import Generator
from pelican.writers import Writer

from rebellab.kernel.today import site_today
from rebellab.sitebase.assets import bundle_css, content_hash, css_sources
from rebellab.sitebase.output import write_text
from rebellab.sitebase.securitytxt import SECURITY_TXT_SAVE_AS, security_txt
from rebellab.sitebase.sitemap import page_url, robots_txt, sitemap_xml
from rebellab.sitebase.urls import absolute_url


class SiteGenerator(Generator):
    """Home page, 404 page, stylesheet bundle, robots.txt and security.txt."""

    def generate_context(self) -> None:
        """Bundle the CSS now so every template can link it with its content hash."""
        self.css = bundle_css(css_sources(Path(self.theme) / "css"))
        save_as = self.settings["SITE_CSS_SAVE_AS"]
        self.context["SITE_CSS_URL"] = f"{save_as}?v={content_hash(self.css)}"

    def generate_output(self, writer: Any) -> None:
        """Write the pages and files this plugin owns."""
        write_text(writer, self.settings["SITE_CSS_SAVE_AS"], self.css)
        sitemap = absolute_url(self.settings, self.settings["SITEMAP_SAVE_AS"])
        write_text(writer, "robots.txt", robots_txt(sitemap))
        write_text(writer, SECURITY_TXT_SAVE_AS, self._security_txt())
        writer.write_file("index.html", self.get_template("home"), self.context,
                          page_url="", latest_articles=self.context.get("articles", [])[:3])
        writer.write_file("404.html", self.get_template("404"), self.context,
                          page_url="404.html")

    def _security_txt(self) -> str:
        """security.txt from the settings; Policy is the policy page, when the site has it."""
        options = self.settings["SECURITY_TXT"]
        policy = next((page for page in self.context.get("pages", [])
                       if page.slug == options["policy_page"]), None)
        return security_txt(contact=self.settings["SITE_OPERATOR"]["security_contact"],
                            site_url=self.settings["SITE_ABSOLUTE_URL"], build_date=site_today(),
                            valid_days=options["valid_days"],
                            policy_url=absolute_url(self.settings, policy.url) if policy else None)


class SitemapCollector:
    """Remembers every page the writer produced (``content_written``) for the sitemap."""

    def __init__(self) -> None:
        # By absolute path as text: hashing Path objects took 0.4 s for 16,791 pages.
        self.written: dict[str, date | datetime | None] = {}

    def reset(self, *_: Any) -> None:
        """Start a new build (``make serve`` may build several times in one process)."""
        self.written = {}

    def record(self, path: str, context: dict[str, Any] | None = None) -> None:
        """Receiver of ``content_written``: keep the path and, for content, its date."""
        if (context or {}).get("noindex"):
            return  # redirect stubs and the like: not a page for search engines
        item = (context or {}).get("article") or (context or {}).get("page")
        stamp = getattr(item, "modified", None) or getattr(item, "date", None)
        self.written[os.path.abspath(path)] = stamp

    def write(self, pelican: Any) -> None:
        """Receiver of ``finalized``: write the sitemap (``SITEMAP_SAVE_AS``)."""
        output = Path(pelican.output_path)
        site_url = pelican.settings["SITE_ABSOLUTE_URL"]
        entries = {}
        for path, stamp in self.written.items():
            url = page_url(output, path, site_url,
                           pelican.settings.get("SITEMAP_EXCLUDE", ()))
            if url:
                entries[url] = stamp
        # After the last generator: a writer of its own, the same checks as every other file.
        write_text(Writer(str(output), settings=pelican.settings),
                   pelican.settings["SITEMAP_SAVE_AS"], sitemap_xml(entries))
