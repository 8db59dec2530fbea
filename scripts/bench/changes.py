"""One-file changes for the warm builds of ``make bench``, one per kind the issue names.

Each change is what a contributor's one-file pull request does: a new title for an event,
a new role for a profile, a sentence added to a post, a heading changed in a template of
the lab's own theme copy (the repository's theme is never touched). The benchmark makes
each change once per round and puts the file back after the round (:meth:`Change.apply`),
so that every round starts from the same tree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Change:
    """One kind of change: the file it edits (``target`` of the lab's root) and the edit."""

    target: Callable[[Path], Path]
    edit: Callable[[Path], None]

    def apply(self, root: Path) -> tuple[Path, bytes]:
        """Edit the file in the lab ``root``; return it and its bytes before the edit."""
        path = self.target(root)
        original = path.read_bytes()
        self.edit(path)
        return path, original


def _replacing(old: str, new: str) -> Callable[[Path], None]:
    """Return the edit that replaces the first ``old`` in a file by ``new`` (fails if missing)."""
    def edit(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        if old not in text:
            raise ValueError(f"{path}: '{old.strip()}' nicht gefunden")
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def _last(folder: str, pattern: str) -> Callable[[Path], Path]:
    """Return the target: the last file of ``folder`` (below the lab root) matching ``pattern``."""
    return lambda root: sorted((root / folder).glob(pattern))[-1]


def _append_sentence(path: Path) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n\nNachtrag: Der Beitrag wurde ergänzt.\n")


CHANGES: dict[str, Change] = {
    # One event's title.
    "event": Change(_last("data/events", "*.yaml"),
                    _replacing("\ntitle: ", "\ntitle: Geändert – ")),
    # One profile's name.
    "profile": Change(_last("data/rebels", "*.yaml"), _replacing("\nname: ", "\nname: Dr. ")),
    # A sentence added to one blog post.
    "post": Change(_last("content/blog", "*.md"), _append_sentence),
    # The heading of the partner page template in the lab's theme copy.
    "template": Change(lambda root: root / "theme" / "templates" / "partner" / "partner.html",
                       _replacing('<h2 id="kontakt">Ansprechpersonen für das Labor',
                                  '<h2 id="kontakt">Ansprechpersonen')),
}
