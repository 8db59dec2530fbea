"""The site's own words with how often they occur, for "Meinten Sie …?" after a failed query.

Written at build time to ``SEARCH_VOCABULARY_SAVE_AS`` and fetched by theme/static/js/suggest.js
only when a query finds nothing as a whole word. One line per word in alphabetical order (which
gzip packs best): the word, its frequency class (0-9, log2 of the pages it is on, capped) and
``p`` when it is on a profile page (the directory suggests only those): ``Lünen3p``. Words of
four letters or more; shorter ones are not corrected. Gzipped here, so that the size a reader
downloads does not depend on the server.
"""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

MIN_LENGTH = 4
# The most frequent words are kept. At 10,000 profiles the big lab of make bench has 3,300
# such words (15 KB gzipped); a query that needs the file then stays within the search
# budget of 300 KB (issue 17). A lab with a richer vocabulary loses its rarest words first.
LIMIT = 4_000
TOP_CLASS = 9


@dataclass
class Vocabulary:
    """Counts, per lower-cased word, the pages it occurs on and its most frequent spelling."""

    pages: Counter[str] = field(default_factory=Counter)
    profiles: Counter[str] = field(default_factory=Counter)
    spelled: Counter[str] = field(default_factory=Counter)  # occurrences by spelling

    def add_page(self, words: Iterable[str], *, profile: bool = False) -> None:
        """Count the words of one page (each once).

        Counted by Counter.update in C: a loop in Python took 2.6 s for the 14,263 pages of
        the big lab (make bench, profiled), and a build whose index changed counts them all.
        """
        kept = [word for word in words if len(word) >= MIN_LENGTH]
        self.spelled.update(kept)
        seen = set(map(str.lower, kept))
        self.pages.update(seen)
        if profile:
            self.profiles.update(seen)

    def add(self, other: Vocabulary) -> None:
        """Count the pages ``other`` counted as well (another bundle's)."""
        self.pages.update(other.pages)
        self.profiles.update(other.profiles)
        self.spelled.update(other.spelled)

    def lines(self, limit: int = LIMIT) -> list[str]:
        """Return the file's lines: the ``limit`` most frequent words, alphabetically."""
        kept = sorted(self.pages, key=lambda key: (-self.pages[key], key))[:limit]
        spellings: dict[str, list[tuple[str, int]]] = {key: [] for key in kept}
        for word, count in self.spelled.items():
            if (forms := spellings.get(word.lower())) is not None:
                forms.append((word, count))
        return sorted(self._line(key, spellings[key]) for key in kept)

    def _line(self, key: str, spellings: list[tuple[str, int]]) -> str:
        spelling = min(spellings, key=lambda item: (-item[1], item[0]))[0]
        frequency = min(TOP_CLASS, self.pages[key].bit_length() - 1)
        return f"{spelling}{frequency}{'p' if self.profiles[key] else ''}"

    def to_bytes(self, limit: int = LIMIT) -> bytes:
        """Return the gzipped file, byte for byte the same for the same pages."""
        text = "\n".join(self.lines(limit)) + "\n"
        return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
