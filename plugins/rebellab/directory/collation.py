"""German alphabetical order (DIN 5007-1: Ä sorts with A, ß as ss)."""

from __future__ import annotations

import unicodedata


def _fold(text: str) -> str:
    """Lowercase text without diacritics; ß becomes ss."""
    lowered = text.casefold().replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def sort_key(text: str) -> tuple[str, str, str]:
    """Key for German dictionary order: Ä with A, ß with ss, case ignored.

    Ties (Muller/Müller) fall back to the accented form after the plain one, then to the
    exact text, so the order is total and the build deterministic.
    """
    return (" ".join(_fold(text).split()), text.casefold(), text)


def sort_text(text: str) -> str:
    """Return a plain string that sorts like :func:`sort_key` (for Pagefind's string sort)."""
    return " ".join(_fold(text).split())


def initial(text: str) -> str:
    """Return the letter a name is filed under: 'Özlem' -> 'O'; digits and signs -> '#'."""
    first = sort_text(text)[:1].upper()
    return first if "A" <= first <= "Z" else "#"
