"""``data/redirects.yaml``: old paths to new URLs. The import only appends entries."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

PATH = "data/redirects.yaml"
HEADER = """\
# Weiterleitungen von alten Adressen auf neue, z. B. nach dem Umzug eines WordPress-Blogs.
# Jeder Eintrag ist ein Paar aus
#   from: alter Pfad auf dieser Website, beginnt und endet mit "/"
#         (z. B. /2012/01/03/template-comments/)
#   to:   neue Adresse, ein Pfad dieser Website (/blog/2012/template-comments/)
#         oder eine vollständige https-Adresse
# Jeder from-Pfad darf nur einmal vorkommen. `make import-wordpress` hängt neue Einträge
# unten an und ändert vorhandene nie; eigene Einträge können hier ergänzt werden.
"""


def _quote(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


class Redirects:
    """The file's entries, and the ones this import adds."""

    def __init__(self, root: Path) -> None:
        self.path = root / PATH
        text = self.path.read_text(encoding="utf-8") if self.path.is_file() else ""
        entries = yaml.safe_load(text) if text.strip() else []
        self.text = text
        self.known = {str(entry.get("from")) for entry in entries or []
                      if isinstance(entry, dict)}
        self.added: list[tuple[str, str]] = []

    def add(self, old: str, new: str) -> None:
        """Add ``old -> new`` unless ``old`` is already mapped (by the editors or before)."""
        if old and old != new and old not in self.known:
            self.known.add(old)
            self.added.append((old, new))

    def save(self) -> int:
        """Append the new entries (the file is created with its header); return how many."""
        if not self.added:
            return 0
        text = self.text or HEADER
        if text and not text.endswith("\n"):
            text += "\n"
        text += "".join(f"- from: {_quote(old)}\n  to: {_quote(new)}\n"
                        for old, new in sorted(self.added))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(text, encoding="utf-8")
        return len(self.added)
