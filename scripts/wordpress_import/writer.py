"""Write imported files once: a manifest of content hashes protects later edits.

A file is (re)written only when it is new, or when it is still exactly what the last
import wrote. Files edited since, and files the import did not write, are never touched.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

MANIFEST = "data/imports/wordpress.yaml"
_HEADER = ("# Von `make import-wordpress` geschriebene Dateien mit der Prüfsumme (SHA-256) ihres\n"
           "# Inhalts beim Import. Eine Datei, deren Inhalt davon abweicht, wurde seither\n"
           "# bearbeitet und wird von einem weiteren Import nicht überschrieben.\n")

NEW, UPDATED, UNCHANGED, EDITED, FOREIGN = "neu", "aktualisiert", "unverändert", \
    "bearbeitet", "fremd"


def digest(data: bytes) -> str:
    """Return the SHA-256 of the bytes, hex."""
    return hashlib.sha256(data).hexdigest()


class Writer:
    """Writes below ``root`` and remembers what it wrote in the manifest."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / MANIFEST
        loaded = yaml.safe_load(self.path.read_text(encoding="utf-8")) if self.path.is_file() \
            else None
        files = (loaded or {}).get("files") or {}
        self.manifest: dict[str, str] = {str(k): str(v) for k, v in files.items()}
        self.original = dict(self.manifest)
        self.outcomes: dict[str, str] = {}

    def state(self, rel: str) -> str:
        """Tell what writing ``rel`` would meet: NEW, UNCHANGED (ours), EDITED or FOREIGN."""
        target = self.root / rel
        if not target.exists():
            return NEW
        if rel not in self.manifest:
            return FOREIGN
        return UNCHANGED if digest(target.read_bytes()) == self.manifest[rel] else EDITED

    def write(self, rel: str, data: bytes) -> str:
        """Write unless edited or foreign; return the outcome (NEW, UPDATED, UNCHANGED, …)."""
        state = self.state(rel)
        if state == UNCHANGED and digest(data) != self.manifest[rel]:
            state = UPDATED
        if state in (NEW, UPDATED):
            target = self.root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            self.manifest[rel] = digest(data)
        self.outcomes[rel] = state
        return state

    def write_text(self, rel: str, text: str) -> str:
        """Write UTF-8 text with LF line ends."""
        return self.write(rel, text.encode("utf-8"))

    def save(self) -> bool:
        """Write the manifest if it changed; True when it did."""
        if self.manifest == self.original and self.path.is_file():
            return False
        lines = [f"  {rel}: {self.manifest[rel]}\n" for rel in sorted(self.manifest)]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(_HEADER + "files:\n" + "".join(lines), encoding="utf-8")
        self.original = dict(self.manifest)
        return True
