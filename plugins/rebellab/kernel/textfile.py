"""Read a content file as text, reporting bytes that are not UTF-8 at their line."""

from __future__ import annotations

from pathlib import Path

from rebellab.kernel.problems import Problem


def read_utf8(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """Return the file's text (BOM removed) or None with the problem; CRLF stays as is."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(rel, line, "Die Datei ist nicht UTF-8-kodiert (Byte "
                              f"0x{raw[error.start]:02x}); bitte als UTF-8 speichern.")]
