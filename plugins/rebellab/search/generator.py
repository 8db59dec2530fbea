"""The site-wide search page (``SEARCH_URL``); the index itself is built after writing."""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator

from rebellab.search.indexer import PROFILE_BUNDLE

# Values of the Pagefind "Typ" filter that the search page offers, in display order; they
# match the ``search_type`` values templates set (see theme/templates/base.html).
SEARCH_TYPES = (
    ("Beitrag", "Blogbeiträge"),
    ("Veranstaltung", "Veranstaltungen"),
    ("Profil", "Rebell*innen"),
    ("Methode", "Methoden"),
    ("Vorhaben", "Vorhaben"),
    ("Material", "Materialien"),
    ("Frage", "Fragen & Antworten"),
    ("Thema", "Themen"),
    ("Seite", "Seiten"),
)


class SearchPageGenerator(Generator):
    """Writes the search page; reads the directory's facets for the no-JavaScript fallback."""

    def generate_context(self) -> None:
        """Nothing to read: the page is built from other plugins' context."""

    def generate_output(self, writer: Any) -> None:
        """Render the search page."""
        url = self.settings["SEARCH_URL"]
        directory = self.context.get("directory")
        writer.write_file(self.settings["SEARCH_SAVE_AS"], self.get_template("suche"),
                          self.context, url=url, page_url=url, search_types=SEARCH_TYPES,
                          search_enabled=bool(self.settings.get("SEARCH_INDEX", True)),
                          # The indexer puts profiles in a bundle of their own (indexer.py).
                          profile_bundle=PROFILE_BUNDLE if directory and directory.profiles
                          else None)
