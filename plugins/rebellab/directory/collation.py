"""German alphabetical order (DIN 5007-1: Ä sorts with A, ß as ss) and German URL slugs."""

from __future__ import annotations

import re
import unicodedata

_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


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


def german_slug(text: str) -> str:
    """URL slug with German transliteration: 'Stadt Lünen' -> 'stadt-luenen'."""
    folded = _fold(text.casefold().translate(_TRANSLITERATION))
    return _NOT_SLUG.sub("-", folded).strip("-")


def initial(text: str) -> str:
    """Return the letter a name is filed under: 'Özlem' -> 'O'; digits and signs -> '#'."""
    first = sort_text(text)[:1].upper()
    return first if "A" <= first <= "Z" else "#"
