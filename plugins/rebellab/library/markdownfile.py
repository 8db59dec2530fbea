"""Read a Markdown file with a Pelican-style metadata header, keeping line numbers.

The header is a block of ``Key: value`` lines at the top, ended by a blank line;
an indented line continues the previous value. Keys are matched case-insensitively (as in
Pelican) and stored under their documented spelling, so messages name the key as the
contributor reads it in the documentation (``Group-Size``). The body is split into its
``## `` sections, each with the line it starts on.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from rebellab.kernel.nesting import markdown_nesting, nesting_message
from rebellab.kernel.problems import Problem
from rebellab.kernel.textfile import read_utf8
from rebellab.kernel.yamlfile import LineDict, LineList

_KEY = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s?(.*)$")
_SECTION = re.compile(r"^##\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")



@dataclass(frozen=True)
class Section:
    """A ``## Heading`` of the body with the Markdown below it."""

    title: str
    text: str
    line: int


@dataclass(frozen=True)
class MarkdownFile:
    """Metadata (a :class:`LineDict` for :class:`rebellab.kernel.fields.Fields`) and body."""

    meta: LineDict
    intro: str  # Markdown before the first section
    sections: tuple[Section, ...]
    body_line: int  # first line after the header

    @property
    def body(self) -> str:
        """The whole body as Markdown (intro and sections)."""
        parts = [self.intro] + [f"## {s.title}\n\n{s.text}" for s in self.sections]
        return "\n\n".join(part for part in parts if part.strip())

    def section(self, title: str) -> Section | None:
        """Return the first section headed ``title`` (case-insensitive), if any."""
        wanted = title.casefold()
        return next((s for s in self.sections if s.title.casefold() == wanted), None)


def read_markdown_file(path: Path, rel: str, keys: Collection[str],
                       list_keys: Collection[str] = ()) -> tuple[MarkdownFile | None,
                                                                 list[Problem]]:
    """Read one file; ``keys`` are the documented spellings, ``list_keys`` comma lists."""
    text, problems = read_markdown_text(path, rel)
    if text is None:
        return None, problems
    return parse_markdown(text, rel, keys, list_keys)


def read_markdown_text(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """Read a Markdown file within the limits of :mod:`rebellab.kernel.textfile` and ours."""
    text, problems = read_utf8(path, rel)
    if text is None:
        return None, problems
    too_deep = markdown_nesting(text)
    if too_deep:
        return None, [Problem(rel, too_deep[0], nesting_message(too_deep[1]))]
    return text, []


def parse_markdown(text: str, rel: str, keys: Collection[str],
                   list_keys: Collection[str] = ()) -> tuple[MarkdownFile | None,
                                                             list[Problem]]:
    """Parse text; see :func:`read_markdown_file`."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not text.strip():
        return None, [Problem(rel, 1, "Die Datei ist leer.")]
    problems: list[Problem] = []
    continued: dict[str, list[tuple[str, int]]] = {}
    meta, body_start = _header(lines, rel, {k.lower(): k for k in keys}, problems, continued)
    if meta is None:
        return None, problems
    _split_lists(meta, continued, list_keys)
    intro, sections = _sections(lines, body_start)
    # A missing body is reported on the line after the header, or the file's last line.
    last_line = len(text.rstrip("\n").split("\n"))
    return MarkdownFile(meta, intro, sections, min(body_start + 1, last_line)), problems


def _header(lines: list[str], rel: str, spelling: dict[str, str], problems: list[Problem],
            continued: dict[str, list[tuple[str, int]]]) -> tuple[LineDict | None, int]:
    """Collect ``Key: value`` lines; return the metadata and the index of the body.

    ``continued`` receives each value's physical lines, for comma lists.
    """
    meta = LineDict()
    meta.line, meta.key_lines = 1, {}
    current: str | None = None
    index = 0
    for index, line in enumerate(lines):
        number = index + 1
        if not line.strip():
            return _finish(meta, continued), index + 1
        if current is not None and line[:1] in (" ", "\t"):
            continued[current].append((line.strip(), number))
            continue
        match = _KEY.match(line)
        if not match:
            message = ("Die Datei muss mit Metadaten beginnen, eine Angabe pro Zeile "
                       "(z. B. 'Title: Lean Coffee')." if index == 0 else
                       "Diese Zeile ist keine Metadaten-Angabe 'Schlüssel: Wert'; nach den "
                       "Metadaten muss eine Leerzeile folgen.")
            problems.append(Problem(rel, number, message))
            return None, index
        key = spelling.get(match.group(1).lower(), match.group(1))
        if key in meta.key_lines:
            problems.append(Problem(rel, number, f"'{key}' steht doppelt (zuerst in Zeile "
                                                 f"{meta.key_lines[key]}); bitte nur einmal "
                                                 "angeben."))
            current = None
            continue
        meta.key_lines[key] = number
        continued[key] = [(match.group(2).strip(), number)]
        current = key
    return _finish(meta, continued), index + 1


def _finish(meta: LineDict, continued: dict[str, list[tuple[str, int]]]) -> LineDict:
    for key, parts in continued.items():
        meta[key] = " ".join(text for text, _ in parts if text) or None
    return meta


def _split_lists(meta: LineDict, parts_by_key: dict[str, list[tuple[str, int]]],
                 list_keys: Collection[str]) -> None:
    """Turn comma lists into :class:`LineList` values, each item with its own line."""
    for key in list_keys:
        if meta.get(key) is None:
            continue
        items = LineList()
        items.line, items.item_lines = meta.key_lines[key], []
        for text, number in parts_by_key[key]:
            for item in text.split(","):
                if item.strip():
                    items.append(item.strip())
                    items.item_lines.append(number)
        meta[key] = items


def _sections(lines: list[str], start: int) -> tuple[str, tuple[Section, ...]]:
    intro: list[str] = []
    sections: list[tuple[str, int, list[str]]] = []
    in_fence = False
    for index in range(start, len(lines)):
        line = lines[index]
        if _FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else _SECTION.match(line)
        if match:
            sections.append((match.group(1), index + 1, []))
        elif sections:
            sections[-1][2].append(line)
        else:
            intro.append(line)
    return ("\n".join(intro).strip(),
            tuple(Section(title, "\n".join(body).strip(), number)
                  for title, number, body in sections))
