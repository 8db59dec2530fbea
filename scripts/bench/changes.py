"""One-file changes for the warm builds of ``make bench``, one per kind the issue names.

Each change is what a contributor's one-file pull request does: a new title for an event,
a new role for a profile, a sentence added to a post, a heading changed in a template of
the lab's own theme copy (the repository's theme is never touched).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def _replace_once(path: Path, old: str, new: str) -> Path:
    """Replace the first ``old`` in ``path`` by ``new``; fail loudly when it is missing."""
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise ValueError(f"{path}: '{old.strip()}' nicht gefunden")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def change_event(root: Path) -> Path:
    """Change one event's title."""
    path = sorted((root / "data" / "events").glob("*.yaml"))[-1]
    return _replace_once(path, "\ntitle: ", "\ntitle: Geändert – ")


def change_profile(root: Path) -> Path:
    """Change one profile's name."""
    path = sorted((root / "data" / "rebels").glob("*.yaml"))[-1]
    return _replace_once(path, "\nname: ", "\nname: Dr. ")


def change_post(root: Path) -> Path:
    """Add a sentence to one blog post."""
    path = sorted((root / "content" / "blog").glob("*.md"))[-1]
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n\nNachtrag: Der Beitrag wurde ergänzt.\n")
    return path


def change_template(root: Path) -> Path:
    """Change the heading of the partner page template in the lab's theme copy."""
    path = root / "theme" / "templates" / "partner" / "partner.html"
    return _replace_once(path, '<h2 id="kontakt">Ansprechpersonen für das Labor',
                         '<h2 id="kontakt">Ansprechpersonen')


CHANGES: dict[str, Callable[[Path], Path]] = {
    "event": change_event, "profile": change_profile, "post": change_post,
    "template": change_template,
}
