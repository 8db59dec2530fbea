"""Load and validate all of the lab's data files at once: :func:`load_lab`.

Both ``make check`` and the Pelican build call this; every problem in every file is
collected before anything is built.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from rebellab.comments.load import Discussions, load_discussions
from rebellab.directory.model import Profile
from rebellab.events.model import Event, default_uid
from rebellab.kernel.fields import Fields, check_slug
from rebellab.kernel.posts import ContentRules, Post, blog_posts, site_pages
from rebellab.kernel.problems import Problem
from rebellab.kernel.references import References
from rebellab.kernel.today import site_today
from rebellab.kernel.vocab import Format, Partner, Topic, read_vocabulary
from rebellab.kernel.yamlfile import LineDict, load_yaml_file
from rebellab.library.load import load_library
from rebellab.library.model import Material, Method, Project, Question
from rebellab.redirects.load import load_redirects
from rebellab.redirects.model import Redirect

REQUIRED_FORMATS = ("meetup", "camp", "zirkel", "werkstatt", "vernetzungstreffen")
REQUIRED_TOPICS = ("neue-arbeit", "digital-lotsen", "nutzerorientierte-digitalisierung",
                   "arbeitskultur", "vernetzung")
REQUIRED_PARTNERS = ("kreis-wesel", "essen", "luenen")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".svg", ".gif")
DATA_SUFFIXES = (".yaml", ".yml")

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
    posts: Mapping[str, Post] = field(default_factory=dict)  # content/blog/, by slug
    discussions: Discussions = field(default_factory=Discussions)  # data/comments/
    redirects: tuple[Redirect, ...] = ()  # data/redirects.yaml


def load_lab(root: Path, uid_domain: str = "verwaltungsrebellen-labor.de",
             today: date | None = None, rules: ContentRules | None = None) -> Lab:
    """Read ``data/`` (and the file names in ``content/``) below ``root``.

    ``today`` (default: :func:`site_today`) is the last day a consent may carry; ``rules``
    (default: the repository's ``pelicanconf.py``) give the posts' slugs and addresses.
    """
    problems: list[Problem] = []
    data = root / "data"
    methods = _slugs(root / "content" / "methoden", (".md",))
    profile_slugs = _slugs(data / "rebels", (".yaml", ".yml"))
    formats = _vocabulary(root, "formats.yaml", REQUIRED_FORMATS, problems,
                          lambda key, f: Format.from_mapping(key, f, methods))
    topics = _vocabulary(root, "topics.yaml", REQUIRED_TOPICS, problems, Topic.from_mapping)
    partners = _vocabulary(root, "partners.yaml", REQUIRED_PARTNERS, problems,
                           Partner.from_mapping)
    refs = References(
        formats=frozenset(formats), topics=frozenset(topics), partners=frozenset(partners),
        profiles=profile_slugs, methods=methods,
        projects=_slugs(data / "projects", (".yaml", ".yml")),
        images=_images(root / "content" / "images"), uid_domain=uid_domain,
        today=today or site_today(),
    )
    uids: dict[str, tuple[str, int]] = {}
    events = _collection(root, "events", problems,
                         lambda slug, rel, f: _event(slug, rel, f, refs, uids))
    profiles = _collection(root, "rebels", problems,
                           lambda slug, rel, f: Profile.from_mapping(slug, rel, f, refs))
    library = load_library(root, refs, problems)
    posts = blog_posts(root, rules)
    discussions = load_discussions(root, posts, refs.today, problems)
    pages = site_pages(root, rules)
    redirects = load_redirects(root, [*posts.values(), *pages.values()], problems)
    return Lab(root=root, formats=formats, topics=topics, partners=partners,
               events=events, profiles=profiles, problems=tuple(sorted(set(problems))),
               methods=library.methods, questions=library.questions,
               projects=library.projects, materials=library.materials,
               posts=posts, discussions=discussions, redirects=redirects)


def relative(root: Path, path: Path) -> str:
    """Path as shown in messages: relative to the repository, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def data_files(folder: Path) -> list[Path]:
    """Return the YAML files of a collection folder, sorted by name."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in DATA_SUFFIXES and _visible(p))


def _visible(path: Path) -> bool:
    """Dotfiles, drafts and templates (``_name.yaml``) and READMEs are not content."""
    return not path.name.startswith((".", "_")) and path.name != "README.md"


def _slugs(folder: Path, suffixes: tuple[str, ...]) -> frozenset[str]:
    if not folder.is_dir():
        return frozenset()
    return frozenset(p.stem for p in folder.iterdir()
                     if p.suffix in suffixes and not p.name.startswith((".", "_")))


def _images(folder: Path) -> frozenset[str]:
    if not folder.is_dir():
        return frozenset()
    return frozenset(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                     if p.suffix.lower() in IMAGE_SUFFIXES)


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
    for path, rel in _checked_files(root, f"data/{folder}", problems):
        item = _load_item(path, rel, problems, build)
        if item is not None:
            items.append(item)
    return tuple(items)


def _checked_files(root: Path, folder: str, problems: list[Problem]
                   ) -> list[tuple[Path, str]]:
    """Return the folder's YAML files with their shown paths, sorted by name.

    Reports files that would silently be skipped and two files with the same slug.
    """
    directory = root / folder
    if not directory.is_dir():
        return []
    with os.scandir(directory) as scan:
        entries = sorted((entry.name, entry.is_file()) for entry in scan)
    files: list[tuple[Path, str]] = []
    seen: dict[str, str] = {}
    for name, is_file in entries:
        rel = f"{folder}/{name}"
        stem, suffix = os.path.splitext(name)
        if name.startswith((".", "_")) or name == "README.md":
            continue  # dotfiles, drafts and templates (_name.yaml), READMEs are no content
        if suffix not in DATA_SUFFIXES or not is_file:
            problems.append(Problem(rel, 1, f"Diese Datei wird nicht gelesen: Dateien in "
                                            f"{folder}/ müssen auf .yaml enden "
                                            "(Kleinbuchstaben)."))
        elif stem in seen:
            problems.append(Problem(rel, 1, f"Den Namen '{stem}' hat schon {seen[stem]}; "
                                            "bitte eine der beiden Dateien umbenennen."))
        else:
            seen[stem] = rel
            files.append((directory / name, rel))
    return files


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
