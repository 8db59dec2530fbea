"""How deeply a Markdown text nests lists and quotes: a limit before Python-Markdown."""

from __future__ import annotations

import re

_FENCE = re.compile(r"^\s*(```|~~~)")
# Python-Markdown parses nested lists and quotes recursively: 1000 levels end the build
# with a RecursionError after many seconds. Real text nests a handful of levels.
MAX_NESTING = 20
_MARKER = re.compile(r">|[-*+](?=[ \t])|[0-9]{1,9}[.)](?=[ \t])")
_PREFIX = re.compile(rf"(?:[ \t]*(?:{_MARKER.pattern}))*[ \t]*")
_PREFIX_CHARS = " \t>-*+.)0123456789"
_RULE = re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$")  # "- - -" is a line, no list


def markdown_nesting(text: str) -> tuple[int, int] | None:
    """Return line and depth of the first line nested deeper than :data:`MAX_NESTING`.

    A level is a '>' or list marker at the line's start, or four columns of indentation
    (as Python-Markdown nests lists); lines in fenced code do not count.
    """
    in_fence = False
    for number, line in enumerate(text.splitlines(), 1):
        if _FENCE.match(line):
            in_fence = not in_fence
        # Each level takes at least one character of the prefix: most lines end here.
        if in_fence or len(line) - len(line.lstrip(_PREFIX_CHARS)) <= MAX_NESTING \
                or _RULE.match(line):
            continue
        depth = _depth(line)
        if depth > MAX_NESTING:
            return number, depth
    return None


def _depth(line: str) -> int:
    """Nesting levels at the start of a line: container markers plus indentation / 4."""
    match = _PREFIX.match(line)
    assert match is not None  # every part of the pattern is optional
    prefix = match.group()
    markers = _MARKER.findall(prefix)
    spaces = len(_MARKER.sub("", prefix).expandtabs(4)) - len(markers)  # one after each
    return len(markers) + max(spaces, 0) // 4


def nesting_message(depth: int) -> str:
    """Return the German message for a line nested ``depth`` levels deep."""
    return (f"Die Zeile ist zu tief verschachtelt ({depth} Ebenen aus Listen, Zitaten und "
            f"Einrückung, höchstens {MAX_NESTING}); bitte flacher gliedern.")
