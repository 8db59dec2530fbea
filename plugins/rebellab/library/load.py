"""Load and validate the library's files; called by :func:`rebellab.lab.load.load_lab`.

- ``content/methoden/<slug>.md`` → :class:`Method`
- ``content/fragen/<slug>.md`` → :class:`Question`
- ``data/projects/<slug>.yaml`` → :class:`Project`
- ``data/materials/<slug>.yaml`` → :class:`Material`, describing a file in
  ``content/materialien/`` (every file there needs exactly one description).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rebellab.kernel.fields import Fields, check_slug
from rebellab.kernel.files import (
    MARKDOWN_SUFFIXES,
    YAML_SUFFIXES,
    checked_files,
    content_tree,
    unsafe_file_problem,
)
from rebellab.kernel.problems import Problem
from rebellab.kernel.references import References
from rebellab.kernel.yamlfile import LineDict, load_yaml_file
from rebellab.library.markdownfile import MarkdownFile, read_markdown_file
from rebellab.library.model import (
    METHOD_KEYS,
    METHOD_LIST_KEYS,
    QUESTION_KEYS,
    Material,
    Method,
    Project,
    Question,
)

MATERIALS_FOLDER = "content/materialien"


@dataclass(frozen=True)
class Library:
    """Everything the library's files say, validated."""

    methods: tuple[Method, ...] = ()
    questions: tuple[Question, ...] = ()
    projects: tuple[Project, ...] = ()
    materials: tuple[Material, ...] = ()


def load_library(root: Path, refs: References, problems: list[Problem]) -> Library:
    """Read all library files below ``root``; append every problem to ``problems``."""
    files = material_files(root / MATERIALS_FOLDER)
    for name in files:
        problem = unsafe_file_problem(root / MATERIALS_FOLDER / name,
                                      f"{MATERIALS_FOLDER}/{name}", where="als Material",
                                      instead="bitte als PDF oder Textdatei teilen")
        if problem:
            problems.append(problem)
    named: set[str] = set()  # files named by any description, even an invalid one

    def material(slug: str, rel: str, fields: Fields) -> Material | None:
        named.add(str(fields.data.get("file") or "").strip())
        return Material.from_mapping(slug, rel, fields, refs, files)

    materials = _yaml_items(root, "data/materials", problems, material)
    _check_described(files, named, materials, problems)
    return Library(
        methods=_markdown_items(root, "content/methoden", METHOD_KEYS, METHOD_LIST_KEYS,
                                problems, lambda s, r, d, f: Method.from_file(s, r, d, f, refs)),
        questions=_markdown_items(root, "content/fragen", QUESTION_KEYS, (), problems,
                                  lambda s, r, d, f: Question.from_file(s, r, d, f, refs)),
        projects=_yaml_items(root, "data/projects", problems,
                             lambda slug, rel, f: Project.from_mapping(slug, rel, f, refs)),
        materials=materials,
    )


def material_files(folder: Path) -> dict[str, int]:
    """Shared files (path below the folder -> size in bytes), as Pelican publishes them."""
    return {path.relative_to(folder).as_posix(): path.stat().st_size
            for path in content_tree(folder)}


def _check_described(files: dict[str, int], named: set[str],
                     materials: tuple[Material, ...], problems: list[Problem]) -> None:
    """Each file is described once; each file in the folder has a description."""
    described: dict[str, Material] = {}
    for material in materials:
        if material.file in described:
            problems.append(Problem(material.source, 1, f"Die Datei '{material.file}' ist "
                                    f"schon in {described[material.file].source} beschrieben."))
        described[material.file] = material
    for name in files:
        if name not in named:
            problems.append(Problem(f"{MATERIALS_FOLDER}/{name}", 1,
                                    "Zu dieser Datei fehlt die Beschreibung: bitte eine "
                                    "Datei in data/materials/ mit 'file: "
                                    f"{name}' anlegen."))


def _markdown_items(root: Path, folder: str, keys: tuple[str, ...],
                    list_keys: tuple[str, ...], problems: list[Problem],
                    build: Callable[[str, str, MarkdownFile, Fields], Any]) -> tuple[Any, ...]:
    items = []
    for path, rel in checked_files(root, folder, MARKDOWN_SUFFIXES, problems):
        slug_problem = _slug_problem(path, rel, problems)
        document, found = read_markdown_file(path, rel, keys, list_keys)
        problems.extend(found)
        if document is None:
            continue
        before = len(problems)
        item = build(path.stem, rel, document, Fields(document.meta, rel, problems))
        if item is not None and not slug_problem and len(problems) == before:
            items.append(item)
    return tuple(items)


def _yaml_items(root: Path, folder: str, problems: list[Problem],
                build: Callable[[str, str, Fields], Any]) -> tuple[Any, ...]:
    items = []
    for path, rel in checked_files(root, folder, YAML_SUFFIXES, problems):
        slug_problem = _slug_problem(path, rel, problems)
        data, found = load_yaml_file(path, rel)
        problems.extend(found)
        if data is None:
            continue
        if not isinstance(data, LineDict):
            problems.append(Problem(rel, getattr(data, "line", 1),
                                    "Die Datei muss aus Schlüsseln mit Werten bestehen "
                                    "(z. B. 'title: Mein Titel')."))
            continue
        before = len(problems)
        item = build(path.stem, rel, Fields(data, rel, problems))
        if item is not None and not slug_problem and len(problems) == before:
            items.append(item)
    return tuple(items)


def _slug_problem(path: Path, rel: str, problems: list[Problem]) -> bool:
    message = check_slug(path.stem)
    if message:
        problems.append(Problem(rel, 1, message))
    return message is not None
