"""Pelican side of the texts in Leichter Sprache: one section, its own template.

The texts are read by Pelican's own readers, with the site's Markdown settings plus
``nl2br``: each sentence stands on its own line in the source, and BITV 2.0 Anlage 2 Teil 2
Nr. 10 asks for each sentence on a new line on the page. ``load_lab`` has checked them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.contents import Page
from pelican.generators import Generator
from pelican.readers import Readers

from rebellab.leichtesprache.texts import FOLDER, EasyRead

NL2BR = "markdown.extensions.nl2br"


def easy_read_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """Return the site's settings with ``nl2br`` in Markdown and without a reader cache.

    The cache of the other pages would hold the texts rendered without line breaks.
    Pelican's ``MarkdownReader`` appends every configured extension to the ``extensions``
    list in place: a list shared with the site's settings would give every Markdown file
    read later ``nl2br`` too (make serve's preview reads posts after this).
    """
    markdown = dict(settings["MARKDOWN"])
    markdown["extension_configs"] = {**markdown.get("extension_configs", {}), NL2BR: {}}
    markdown["extensions"] = list(markdown.get("extensions", []))
    return {**settings, "MARKDOWN": markdown, "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False}


class EasyReadGenerator(Generator):
    """Writes the start page of Leichte Sprache and one page per text."""

    def generate_context(self) -> None:
        """Read the texts; share the start page (header link) and the list of texts."""
        easy_read: EasyRead = self.context["lab"].easy_read
        readers = Readers(easy_read_settings(self.settings))
        root = Path(self.settings["DATA_PATH"]).resolve().parent
        pages = [self._read(readers, root, text.source) for text in easy_read.texts]
        start_slug = self.settings["EASY_READ_INDEX_SLUG"]
        start = next((page for page in pages if page.slug == start_slug), None)
        self.easy_read_pages = [page for page in pages if page is not start]
        self.context.update(easy_read_start=start, easy_read_pages=self.easy_read_pages)

    def _read(self, readers: Readers, root: Path, source: str) -> Page:
        page = readers.read_file(base_path=str(root / FOLDER), path=Path(source).name,
                                 content_class=Page, context=self.context)
        index = page.slug == self.settings["EASY_READ_INDEX_SLUG"]
        setting = "EASY_READ_INDEX" if index else "EASY_READ"
        page.override_url = self.settings[f"{setting}_URL"].format(slug=page.slug)
        page.override_save_as = self.settings[f"{setting}_SAVE_AS"].format(slug=page.slug)
        return page

    def generate_output(self, writer: Any) -> None:
        """Write the start page (with the list of texts) and every text."""
        videos = {video.text: video for video in self.context["lab"].sign_videos
                  if video.file is not None and video.text}
        start = self.context["easy_read_start"]
        for page in ([start] if start else []) + self.easy_read_pages:
            template = "index" if page is start else "text"
            writer.write_file(page.save_as, self.get_template(f"leichte-sprache/{template}"),
                              self.context, page=page, page_url=page.url,
                              sign_video=videos.get(page.slug))
