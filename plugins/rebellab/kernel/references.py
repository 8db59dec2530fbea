"""What content may refer to: vocabulary keys and the slugs of other files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class References:
    """Known keys and slugs, gathered before any model is built.

    Profile and method slugs come from file names alone, so a reference to a profile that
    has its own problems is still recognised and reported only once, in its own file.
    """

    formats: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    partners: frozenset[str] = frozenset()
    profiles: frozenset[str] = frozenset()
    methods: frozenset[str] = frozenset()
    projects: frozenset[str] = frozenset()
    images: frozenset[str] = frozenset()  # paths below content/images/, e.g. "rebels/a.jpg"
    images_folder: Path | None = None  # content/images/, to open photos; None: names only
    uid_domain: str = "verwaltungsrebellen-labor.de"
    today: date | None = None  # consent dates after this day are refused
