"""E-mail addresses readable for people, not for address harvesters.

The page never contains the address as such (no ``@``, no ``mailto:``). It shows it spoken
out, “anna punkt beispiel at kreis-wesel punkt de”, which people and screen readers can
follow, and a button that, with JavaScript, turns the address into a normal mailto link
(theme/static/js/directory.js), built from the two halves stored reversed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SpokenEmail:
    """An address split for display; ``parts`` alternate between text and separator words."""

    parts: tuple[tuple[str, bool], ...]  # (text, is_separator)
    user_reversed: str
    domain_reversed: str


def spoken_email(address: str) -> SpokenEmail:
    """``anna.beispiel@kreis-wesel.de`` -> 'anna' punkt 'beispiel' at 'kreis-wesel' ..."""
    user, domain = address.rsplit("@", 1)
    parts: list[tuple[str, bool]] = []
    for side_index, side in enumerate((user, domain)):
        if side_index:
            parts.append(("at", True))
        for label_index, label in enumerate(side.split(".")):
            if label_index:
                parts.append(("punkt", True))
            parts.append((label, False))
    return SpokenEmail(tuple(parts), user[::-1], domain[::-1])
