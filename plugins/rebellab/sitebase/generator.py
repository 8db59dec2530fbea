"""Site-wide output: the home page, the 404 page, the bundled stylesheet, robots and sitemap.

Runs after Pelican's own generators and, writing only in ``generate_output``, sees the whole
context other plugins filled in ``generate_context`` (``home_events``, ``seeking_projects``).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from rebellab.sitebase.assets import bundle_css, content_hash, css_sources
from rebellab.sitebase.sitemap import page_url, robots_txt, sitemap_xml

CSS_SAVE_AS = "theme/css/site.css"


class SiteGenerator(Generator):
    """Home page, 404 page, stylesheet bundle and robots.txt."""

    def generate_context(self) -> None:
        """Bundle the CSS now so every template can link it with its content hash."""
        self.css = bundle_css(css_sources(Path(self.theme) / "css"))
        self.context["SITE_CSS_URL"] = f"{CSS_SAVE_AS}?v={content_hash(self.css)}"

    def generate_output(self, writer: Any) -> None:
        """Write the pages and files this plugin owns."""
        self._write_text(CSS_SAVE_AS, self.css)
        self._write_text("robots.txt", robots_txt(self.settings["SITE_ABSOLUTE_URL"]))
        writer.write_file("index.html", self.get_template("home"), self.context,
                          page_url="", latest_articles=self.context.get("articles", [])[:3])
        writer.write_file("404.html", self.get_template("404"), self.context,
                          page_url="404.html")

    def _write_text(self, save_as: str, text: str) -> None:
        target = Path(self.output_path) / save_as
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


class SitemapCollector:
    """Remembers every page the writer produced (``content_written``) for the sitemap."""

    def __init__(self) -> None:
        self.written: dict[Path, date | datetime | None] = {}

    def reset(self, *_: Any) -> None:
        """Start a new build (``make serve`` may build several times in one process)."""
        self.written = {}

    def record(self, path: str, context: dict[str, Any] | None = None) -> None:
        """Receiver of ``content_written``: keep the path and, for content, its date."""
        if (context or {}).get("noindex"):
            return  # redirect stubs and the like: not a page for search engines
        item = (context or {}).get("article") or (context or {}).get("page")
        stamp = getattr(item, "modified", None) or getattr(item, "date", None)
        self.written[Path(path)] = stamp

    def write(self, pelican: Any) -> None:
        """Receiver of ``finalized``: write ``sitemap.xml`` next to the pages."""
        output = Path(pelican.output_path)
        site_url = pelican.settings["SITE_ABSOLUTE_URL"]
        entries = {}
        for path, stamp in self.written.items():
            url = page_url(output, path, site_url)
            if url:
                entries[url] = stamp
        (output / "sitemap.xml").write_text(sitemap_xml(entries), encoding="utf-8")
