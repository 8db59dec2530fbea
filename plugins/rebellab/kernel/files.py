"""Which files in a content folder are content, and the rules for their names.

One rule for every folder below ``content/`` and ``data/``, and for Pelican too
(``IGNORE_FILES`` in pelicanconf.py is :data:`NOT_CONTENT`): dotfiles, drafts and
templates (``_name.yaml``) and READMEs are not content. A content file in a collection
folder must end in the folder's suffix, in lower case; two files may not share a name.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from rebellab.kernel.problems import Problem

# fnmatch patterns for a file or folder name (Pelican matches IGNORE_FILES to names).
NOT_CONTENT = (".*", "_*", "README.md")
YAML_SUFFIXES = (".yaml", ".yml")  # the first is the documented one
MARKDOWN_SUFFIXES = (".md",)
# What Pelican's Markdown reader takes (blog posts and pages may use any of them).
PELICAN_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")
# Files served from the site's own origin must not run code there (they arrive by pull
# request): no HTML or scripts, no XML (it may carry XHTML with scripts), and SVGs
# without scripts, event handlers or embedded HTML.
FORBIDDEN_SUFFIXES = (".html", ".htm", ".xhtml", ".xht", ".js", ".mjs", ".php", ".shtml",
                      ".xml", ".xsl", ".xslt", ".svgz")
_ACTIVE_SVG = re.compile(rb"<script|<foreignobject|\son[a-z]+\s*=|javascript:",
                         re.IGNORECASE)


def cache_folder(settings: Mapping[str, Any] | None) -> Path | None:
    """Return the folder that keeps what one build leaves the next (``CACHE_PATH``), if any."""
    cache = (settings or {}).get("CACHE_PATH")
    return Path(cache) if cache else None


def file_identity(path: str | os.PathLike[str]) -> list[int]:
    """Return what shows that a file is still the one seen: inode, size, modification time.

    The test of the page writer, the search index and the parsed data files: a file written
    anew or changed in place differs in at least one of them.
    """
    stat = os.stat(path)
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns]


def replace_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` by way of a temporary file: never half a file there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def is_content(name: str) -> bool:
    """Tell whether a name is content: not a dotfile, draft, template (``_name``), README."""
    return not any(fnmatchcase(name, pattern) for pattern in NOT_CONTENT)


def content_tree(folder: Path) -> list[Path]:
    """Every content file below ``folder`` (not in a hidden or draft folder), sorted."""
    if not folder.is_dir():
        return []
    found: list[Path] = []
    for current, folders, names in os.walk(folder):
        folders[:] = sorted(name for name in folders if is_content(name))
        found += (Path(current) / name for name in names if is_content(name))
    return sorted(found)


def file_slugs(folder: Path, suffixes: tuple[str, ...]) -> frozenset[str]:
    """Return the slugs (names without suffix) of a collection folder, for references."""
    files, _ = _collection(folder, folder.name, suffixes)
    return frozenset(path.stem for path, _ in files)


def checked_files(root: Path, folder: str, suffixes: tuple[str, ...],
                  problems: list[Problem]) -> list[tuple[Path, str]]:
    """Return a collection folder's files with their shown paths, sorted by name.

    Reports what would silently be skipped (another suffix, upper case, a subfolder) and a
    second file with the same slug (``x.yaml`` and ``x.yml``).
    """
    files, found = _collection(root / folder, folder, suffixes)
    problems.extend(found)
    return files


def _collection(directory: Path, folder: str, suffixes: tuple[str, ...]
                ) -> tuple[list[tuple[Path, str]], list[Problem]]:
    if not directory.is_dir():
        return [], []
    with os.scandir(directory) as scan:
        entries = sorted((entry.name, entry.is_file()) for entry in scan
                         if is_content(entry.name))
    files: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for name, is_file in entries:
        rel = f"{folder}/{name}"
        stem, suffix = os.path.splitext(name)
        if suffix not in suffixes or not is_file:
            problems.append(Problem(rel, 1, f"Diese Datei wird nicht gelesen: Dateien in "
                                            f"{folder}/ müssen auf {suffixes[0]} enden "
                                            "(Kleinbuchstaben)."))
        elif stem in seen:
            problems.append(Problem(rel, 1, f"Den Namen '{stem}' hat schon {seen[stem]}; "
                                            "bitte eine der beiden Dateien umbenennen."))
        else:
            seen[stem] = rel
            files.append((directory / name, rel))
    return files, problems


def unsafe_file_problem(path: Path, rel: str, *, where: str, instead: str
                        ) -> Problem | None:
    """Return a problem if a published file could run code in visitors' browsers.

    ``where`` and ``instead`` complete the message: "Dateien vom Typ '.html' sind
    {where} nicht erlaubt (…); {instead}."
    """
    suffix = path.suffix.lower()
    if suffix in FORBIDDEN_SUFFIXES:
        return Problem(rel, 1, f"Dateien vom Typ '{suffix}' sind {where} nicht erlaubt (sie "
                               f"könnten auf der Website Code ausführen); {instead}.")
    if suffix == ".svg":
        data = path.read_bytes()
        match = _ACTIVE_SVG.search(data)
        if match:
            line = data[: match.start()].count(b"\n") + 1
            return Problem(rel, line, "Die SVG-Datei enthält Skripte, Event-Handler oder "
                                      "eingebettetes HTML; das ist aus Sicherheitsgründen "
                                      "nicht erlaubt.")
    return None
