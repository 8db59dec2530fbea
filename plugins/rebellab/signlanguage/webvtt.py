"""Check a WebVTT captions file (W3C WebVTT, section 4.1 "WebVTT file structure").

Checked: the "WEBVTT" signature line, and in every cue its timing line
(``[hh:]mm:ss.ttt --> [hh:]mm:ss.ttt [settings]``) with the end after the start. Browsers
ignore a file whose signature is wrong and drop cues whose timings do not parse, so the
captions would silently be missing.
"""

from __future__ import annotations

import re

_SIGNATURE = re.compile(r"WEBVTT(?:[ \t].*)?")
_TIMESTAMP = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"{_TIMESTAMP}[ \t]+-->[ \t]+{_TIMESTAMP}(?:[ \t]+.*)?")
_OTHER_BLOCKS = ("NOTE", "STYLE", "REGION")
_LOOKS_TIMED = re.compile(r"\d+:\d")  # a timing with a wrong arrow or separator


def check_webvtt(text: str) -> list[tuple[int, str]]:
    """Every problem as (line, German message); an empty list for a valid file."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not _SIGNATURE.fullmatch(lines[0]):
        return [(1, "Die erste Zeile muss „WEBVTT“ sein (so erkennt der Browser die "
                    "Untertitel).")]
    problems: list[tuple[int, str]] = []
    for block in _blocks(lines):
        problems.extend(_check_block(block))
    return problems


def _blocks(lines: list[str]) -> list[list[tuple[int, str]]]:
    """Blocks after the header, separated by blank lines, each line with its number."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(lines[1:], start=2):
        if line.strip():
            current.append((number, line))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks[1:] if blocks and blocks[0][0][0] == 2 else blocks  # header's own lines


def _check_block(block: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Check a cue's timing line: the first, or the second after an identifier."""
    first = block[0][1]
    if first.split(" ", 1)[0].split("\t", 1)[0] in _OTHER_BLOCKS and "-->" not in first:
        return []
    candidates = [entry for entry in block[:2] if "-->" in entry[1]]
    if not candidates and not _LOOKS_TIMED.match(first):
        return [(block[0][0], "Dieser Block hat keine Zeitangabe wie „00:00:01.000 --> "
                              "00:00:04.500“; vor jedem Untertitel steht eine.")]
    number, line = candidates[0] if candidates else block[0]
    match = _TIMING.fullmatch(line.strip())
    if not match:
        return [(number, f"„{line.strip()}“ ist keine gültige Zeitangabe; erwartet wird "
                         "zum Beispiel „00:00:01.000 --> 00:00:04.500“.")]
    start, end = _seconds(match.groups()[:4]), _seconds(match.groups()[4:])
    if end <= start:
        return [(number, f"Das Ende ({line.split('-->')[1].split()[0]}) liegt nicht nach dem "
                         f"Anfang ({line.split('-->')[0].strip()}).")]
    return []


def _seconds(parts: tuple[str | None, ...]) -> float:
    hours, minutes, seconds, millis = parts
    return int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(seconds or 0) \
        + int(millis or 0) / 1000
