"""Load and validate all of the lab's data files at once: :func:`load_lab`.

Both ``make check`` and the Pelican build call this; every problem in every file is
collected before anything is built.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from rebellab.directory.model import Profile
from rebellab.events.model import Event, default_uid
from rebellab.kernel.fields import Fields, check_slug
from rebellab.kernel.files import (
    MARKDOWN_SUFFIXES,
    YAML_SUFFIXES,
    checked_files,
    content_tree,
    file_slugs,
    is_content,
    unsafe_file_problem,
)
from rebellab.kernel.problems import Problem
from rebellab.kernel.references import References
from rebellab.kernel.slug import slugify
from rebellab.kernel.today import site_today
from rebellab.kernel.vocab import Format, Partner, Topic, read_vocabulary
from rebellab.kernel.yamlfile import LineDict, load_yaml_file
from rebellab.library.load import load_library
from rebellab.library.markdownfile import read_markdown_text
from rebellab.library.model import Material, Method, Project, Question

REQUIRED_FORMATS = ("meetup", "camp", "zirkel", "werkstatt", "vernetzungstreffen")
REQUIRED_TOPICS = ("neue-arbeit", "digital-lotsen", "nutzerorientierte-digitalisierung",
                   "arbeitskultur", "vernetzung")
REQUIRED_PARTNERS = ("kreis-wesel", "essen", "luenen")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".svg", ".gif")

PELICAN_FOLDERS = ("content/blog", "content/pages")  # ARTICLE_PATHS, PAGE_PATHS
_TAXONOMY = re.compile(r"^(tags|category|authors?)\s*:\s*(.*)$", re.IGNORECASE)
DATA_ENTRIES = ("formats.yaml", "topics.yaml", "partners.yaml", "events", "rebels",
                "projects", "materials", "schemas")
T = TypeVar("T")


@dataclass(frozen=True)
class Lab:
    """Everything the data files say, validated."""

    root: Path
    formats: Mapping[str, Format]
    topics: Mapping[str, Topic]
    partners: Mapping[str, Partner]
    events: tuple[Event, ...]
    profiles: tuple[Profile, ...]
    problems: tuple[Problem, ...] = field(default=())
    methods: tuple[Method, ...] = ()  # content/methoden/*.md
    questions: tuple[Question, ...] = ()  # content/fragen/*.md
    projects: tuple[Project, ...] = ()  # data/projects/*.yaml
    materials: tuple[Material, ...] = ()  # data/materials/*.yaml


def load_lab(root: Path, uid_domain: str = "verwaltungsrebellen-labor.de",
             today: date | None = None, settings: Mapping[str, Any] | None = None) -> Lab:
    """Read ``data/`` and check ``content/`` below ``root``: all that can fail the build.

    Besides the data files: the library's files in ``content/``, the limits of Pelican's
    Markdown files, the profile photos and every file published as it is.

    ``today`` (default: :func:`site_today`) is the last day a consent may carry. With
    Pelican's ``settings``, the tags, categories and authors of posts are checked to give
    a URL slug (Pelican stops the build for one that does not).
    """
    problems: list[Problem] = []
    data = root / "data"
    methods = file_slugs(root / "content" / "methoden", MARKDOWN_SUFFIXES)
    profile_slugs = file_slugs(data / "rebels", YAML_SUFFIXES)
    formats = _vocabulary(root, "formats.yaml", REQUIRED_FORMATS, problems,
                          lambda key, f: Format.from_mapping(key, f, methods))
    topics = _vocabulary(root, "topics.yaml", REQUIRED_TOPICS, problems, Topic.from_mapping)
    partners = _vocabulary(root, "partners.yaml", REQUIRED_PARTNERS, problems,
                           Partner.from_mapping)
    refs = References(
        formats=frozenset(formats), topics=frozenset(topics), partners=frozenset(partners),
        profiles=profile_slugs, methods=methods,
        projects=file_slugs(data / "projects", YAML_SUFFIXES),
        images=_images(root / "content" / "images"),
        images_folder=root / "content" / "images", uid_domain=uid_domain,
        today=today or site_today(),
    )
    uids: dict[str, tuple[str, int]] = {}
    events = _collection(root, "events", problems,
                         lambda slug, rel, f: _event(slug, rel, f, refs, uids))
    profiles = _collection(root, "rebels", problems,
                           lambda slug, rel, f: Profile.from_mapping(slug, rel, f, refs))
    library = load_library(root, refs, problems)
    _check_pages(root, problems, settings)
    _check_images(root, problems)
    _check_data_folder(data, problems)
    return Lab(root=root, formats=formats, topics=topics, partners=partners,
               events=events, profiles=profiles, problems=tuple(sorted(set(problems))),
               methods=library.methods, questions=library.questions,
               projects=library.projects, materials=library.materials)


def relative(root: Path, path: Path) -> str:
    """Path as shown in messages: relative to the repository, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _images(folder: Path) -> frozenset[str]:
    return frozenset(path.relative_to(folder).as_posix() for path in content_tree(folder)
                     if path.suffix.lower() in IMAGE_SUFFIXES)


def _check_pages(root: Path, problems: list[Problem],
                 settings: Mapping[str, Any] | None) -> None:
    """Hold Pelican's Markdown (blog posts, pages) to the limits the lab's files meet."""
    for folder in PELICAN_FOLDERS:
        for path in content_tree(root / folder):
            if path.suffix.lower() in (".md", ".markdown", ".mkd", ".mdown"):  # Pelican's
                text, found = read_markdown_text(path, relative(root, path))
                problems.extend(found)
                if text is not None and settings is not None:
                    problems.extend(_taxonomy_problems(text, relative(root, path), settings))


def _taxonomy_problems(text: str, rel: str, settings: Mapping[str, Any]) -> list[Problem]:
    """Each tag, category and author needs a slug for its page (blog/schlagwort/<slug>/)."""
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            break  # the header ends at the first blank line
        match = _TAXONOMY.match(line)
        if not match:
            continue
        # As Pelican's ensure_metadata_list: ';' separates if present, else ','.
        value = match.group(2)
        names = value.split(";" if ";" in value else ",") if match.group(1).lower() in (
            "tags", "authors") else [value]
        problems += [Problem(rel, number, f"'{match.group(1)}': '{name.strip()}' enthält "
                             "keinen Buchstaben und keine Ziffer, aus denen sich eine "
                             "Web-Adresse bilden lässt; bitte einen anderen Namen wählen.")
                     for name in names if name.strip() and not slugify(name.strip(), settings)]
    return problems


def _check_images(root: Path, problems: list[Problem]) -> None:
    """Pelican publishes content/images/ as it is: nothing there may run code."""
    for path in content_tree(root / "content" / "images"):
        problem = unsafe_file_problem(path, relative(root, path), where="in content/images/",
                                      instead="bitte nur Bilder (JPEG, PNG, WebP, GIF oder "
                                              "SVG ohne Skripte) ablegen")
        if problem:
            problems.append(problem)


def _check_data_folder(data: Path, problems: list[Problem]) -> None:
    """Report what nothing in data/ reads (``topics.yml``, ``veranstaltungen/``)."""
    if not data.is_dir():
        return
    for name in sorted(path.name for path in data.iterdir()):
        if is_content(name) and name not in DATA_ENTRIES:
            problems.append(Problem(f"data/{name}", 1, "Diese Datei wird nicht gelesen: in "
                                    "data/ stehen nur formats.yaml, topics.yaml, partners.yaml "
                                    "und die Ordner events/, rebels/, projects/, materials/ "
                                    "und schemas/."))


def _vocabulary(root: Path, name: str, required: tuple[str, ...], problems: list[Problem],
                build: Callable[[str, Fields], T]) -> dict[str, T]:
    path = root / "data" / name
    rel = relative(root, path)
    if not path.is_file():
        problems.append(Problem(rel, 1, "Die Datei fehlt."))
        return {}
    data, found = load_yaml_file(path, rel)
    problems.extend(found)
    entries = read_vocabulary(data, rel, problems, required)
    return {key: build(key, fields) for key, fields in entries.items()}


def _collection(root: Path, folder: str, problems: list[Problem],
                build: Callable[[str, str, Fields], T | None]) -> tuple[T, ...]:
    items = []
    for path, rel in checked_files(root, f"data/{folder}", YAML_SUFFIXES, problems):
        item = _load_item(path, rel, problems, build)
        if item is not None:
            items.append(item)
    return tuple(items)


def _load_item(path: Path, rel: str, problems: list[Problem],
               build: Callable[[str, str, Fields], Any]) -> Any:
    slug_problem = check_slug(path.stem)
    if slug_problem:
        problems.append(Problem(rel, 1, slug_problem))
    data, found = load_yaml_file(path, rel)
    problems.extend(found)
    if data is None:
        return None
    if not isinstance(data, LineDict):
        problems.append(Problem(rel, getattr(data, "line", 1),
                                "Die Datei muss aus Schlüsseln mit Werten bestehen "
                                "(z. B. 'title: Mein Titel'), gefunden: "
                                f"{'eine Liste' if isinstance(data, list) else 'ein Text'}."))
        return None
    before = len(problems)
    item = build(path.stem, rel, Fields(data, rel, problems))
    return None if slug_problem or found or len(problems) > before else item


def _event(slug: str, rel: str, fields: Fields, refs: References,
           uids: dict[str, tuple[str, int]]) -> Event | None:
    """Build an event and check that no earlier file has its calendar ``uid``."""
    event = Event.from_mapping(slug, rel, fields, refs)
    value = fields.data.get("uid")
    uid = str(value).strip() if isinstance(value, str | int) and str(value).strip() else \
        default_uid(slug, refs.uid_domain)
    explicit = "uid" in fields.data
    line = fields.line("uid") if explicit else 1
    if uid in uids:
        first, first_line = uids[uid]
        where = f"Zeile {first_line}" if first_line else "aus dem Dateinamen gebildet"
        fields.error(None, f"Die 'uid' '{uid}' hat schon {first} ({where}); jede Veranstaltung "
                           "braucht eine eigene.", line=line)
    else:
        uids[uid] = (rel, line if explicit else 0)
    return event
