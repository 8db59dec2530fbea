"""The site's own words with their page counts, for "Meinten Sie …?" after a failed query.

Written at build time as ``suche/vokabular.txt.gz`` and fetched by theme/static/js/suggest.js
only when a query finds nothing as a whole word. One line per word, most frequent first:
``word<TAB>pages`` or ``word<TAB>pages<TAB>profile pages`` (the directory suggests only
words that occur in profiles). Gzipped here, so that its size does not depend on the server.
"""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

PATH = "suche/vokabular.txt.gz"
# The most frequent words are kept: enough for every word of the repository's site and the
# names, topics and places of a lab with 10,000 profiles, within the search budget (issue 17).
LIMIT = 40_000


@dataclass
class Vocabulary:
    """Counts, per lower-cased word, the pages it occurs on and its most frequent spelling."""

    pages: Counter[str] = field(default_factory=Counter)
    profiles: Counter[str] = field(default_factory=Counter)
    spellings: dict[str, Counter[str]] = field(default_factory=dict)

    def add_page(self, words: Iterable[str], *, profile: bool = False) -> None:
        """Count the words of one page (each once)."""
        seen = set()
        for word in words:
            seen.add(word.lower())
            self.spellings.setdefault(word.lower(), Counter())[word] += 1
        self.pages.update(seen)
        if profile:
            self.profiles.update(seen)

    def lines(self, limit: int = LIMIT) -> list[str]:
        """Return the file's lines: most pages first, then alphabetically."""
        ranked = sorted(self.pages, key=lambda key: (-self.pages[key], key))[:limit]
        return [self._line(key) for key in ranked]

    def _line(self, key: str) -> str:
        spelling = min(self.spellings[key].items(), key=lambda item: (-item[1], item[0]))[0]
        line = f"{spelling}\t{self.pages[key]}"
        return f"{line}\t{self.profiles[key]}" if self.profiles[key] else line

    def to_bytes(self, limit: int = LIMIT) -> bytes:
        """Return the gzipped file, byte for byte the same for the same pages."""
        text = "\n".join(self.lines(limit)) + "\n"
        return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
