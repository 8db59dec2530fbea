"""Read a content file as text, within limits, reporting what is wrong at its line.

Every YAML and Markdown file arrives by pull request. The limits keep one broken or
hostile file from stopping the check of all others (a parser running out of memory or
recursion) and are far above what a real file needs; they are documented in
data/README.md.
"""

from __future__ import annotations

import re
from pathlib import Path

from rebellab.kernel.problems import Problem

MAX_FILE_BYTES = 1_000_000  # the largest content file today is about 10 kB
MAX_LINE_LENGTH = 10_000  # characters; a long paragraph written on one line is 2,000
# C0 controls other than tab, line feed and carriage return, DEL, and the line separators
# YAML and some editors count as line breaks (NEL, U+2028, U+2029): invisible in an
# editor, they would shift every line number after them. The non-characters U+FFFE and
# U+FFFF (and lone surrogates) are not allowed in XML: one in a post breaks every feed.
# A carriage return not followed by a line feed is a line break to YAML but not to Git's
# diff view, so every line number after it would be off.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029\ud800-\udfff"
                      "\ufffe\uffff]|\r(?!\n)")


def read_utf8(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """Return the file's text (BOM removed) or None with the problem; CRLF stays as is."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, [Problem(rel, 1, f"Die Datei ist zu groß ({megabytes(size)} MB, höchstens "
                                      f"{megabytes(MAX_FILE_BYTES)} MB); bitte kürzen oder auf "
                                      "mehrere Dateien aufteilen.")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(rel, line, "Die Datei ist nicht UTF-8-kodiert (Byte "
                              f"0x{raw[error.start]:02x}); bitte als UTF-8 speichern.")]
    problem = text_problem(text, rel)
    return (None, [problem]) if problem else (text, [])


def text_problem(text: str, rel: str) -> Problem | None:
    """Return the first invisible control character or overlong line, if any."""
    control = _CONTROL.search(text)
    if control:
        return Problem(rel, text.count("\n", 0, control.start()) + 1,
                       _control_message(control.group()))
    if len(text) <= MAX_LINE_LENGTH:
        return None
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > MAX_LINE_LENGTH:
            return Problem(rel, number, f"Die Zeile ist zu lang ({len(line)} Zeichen, "
                                        f"höchstens {MAX_LINE_LENGTH}); bitte in mehrere "
                                        "Zeilen oder Absätze teilen.")
    return None


def escaped_control_problem(value: str, rel: str, line: int) -> Problem | None:
    r"""Return a problem if a text written with escapes (YAML "\u001b") holds a control.

    Escapes get past :func:`text_problem`, which reads the file as it is; feeds and
    calendars (XML, iCal) cannot carry these characters, so the build would fail.
    """
    control = _CONTROL.search(value)
    if not control:
        return None
    return Problem(rel, line, f"Der Text enthält das unsichtbare Steuerzeichen "
                              f"U+{ord(control.group()):04X}, als Escape-Sequenz mit '\\' "
                              "geschrieben; bitte entfernen.")


def megabytes(size: int) -> str:
    """Return a size in MB as German writes it: ``1,2``; whole numbers without a comma."""
    value = f"{size / 1e6:.1f}".replace(".", ",")
    return value.removesuffix(",0")


def _control_message(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char == "\x00":
        return (f"Die Datei enthält ein Null-Byte ({code}); ist sie wirklich eine "
                "Textdatei? Bitte als reinen Text (UTF-8) speichern.")
    return (f"Die Zeile enthält ein unsichtbares Steuerzeichen ({code}); bitte löschen "
            "(oft beim Kopieren aus PDF oder Word mitgekommen) und, wo ein Zeilenumbruch "
            "gemeint ist, einen normalen Zeilenumbruch setzen.")
