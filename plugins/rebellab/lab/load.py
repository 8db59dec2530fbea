"""Load and validate all of the lab's data files at once: :func:`load_lab`.

Both ``make check`` and the Pelican build call this; every problem in every file is
collected before anything is built.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from rebellab.comments.load import Discussions, load_discussions
from rebellab.directory.model import Profile
from rebellab.events.model import Event, default_uid
from rebellab.kernel.fields import Fields, check_slug
from rebellab.kernel.files import (
    MARKDOWN_SUFFIXES,
    PELICAN_MARKDOWN_SUFFIXES,
    YAML_SUFFIXES,
    cache_folder,
    checked_files,
    content_tree,
    file_slugs,
    is_content,
    unsafe_file_problem,
)
from rebellab.kernel.posts import ContentRules, Post, blog_posts, site_pages
from rebellab.kernel.problems import Problem
from rebellab.kernel.references import References
from rebellab.kernel.slug import slugify
from rebellab.kernel.today import site_today
from rebellab.kernel.vocab import Format, Partner, Topic, read_vocabulary
from rebellab.kernel.yamlfile import LineDict, ParsedFiles, load_yaml_file
from rebellab.leichtesprache.texts import EasyRead, load_easy_read
from rebellab.library.load import load_library
from rebellab.library.markdownfile import read_markdown_text
from rebellab.library.model import Material, Method, Project, Question
from rebellab.network.load import Network, load_network
from rebellab.redirects.load import load_redirects
from rebellab.redirects.model import Redirect
from rebellab.signlanguage.model import SignVideo, load_sign_videos
from rebellab.sitebase.parallel import run_forked, start_forked, worker_count
from rebellab.sitebase.urls import Located, setting_save_as

REQUIRED_FORMATS = ("meetup", "camp", "zirkel", "werkstatt", "vernetzungstreffen")
REQUIRED_TOPICS = ("neue-arbeit", "digital-lotsen", "nutzerorientierte-digitalisierung",
                   "arbeitskultur", "vernetzung")
REQUIRED_PARTNERS = ("kreis-wesel", "essen", "luenen")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".svg", ".gif")

PELICAN_FOLDERS = ("content/blog", "content/pages")  # ARTICLE_PATHS, PAGE_PATHS
_TAXONOMY = re.compile(r"^(tags|category|authors?)\s*:\s*(.*)$", re.IGNORECASE)
DATA_ENTRIES = ("formats.yaml", "topics.yaml", "partners.yaml", "gebaerdensprache.yaml",
                "feeds.yaml", "redirects.yaml", "events", "rebels", "projects", "materials",
                "comments", "external",
                # the WordPress importer's manifest (scripts/wordpress_import)
                "imports", "schemas")
T = TypeVar("T")
# Fewer files per process are read in this one: forking would cost more (make bench).
MIN_FILES_PER_PROCESS = 500


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
    easy_read: EasyRead = field(default_factory=EasyRead)  # content/leichte-sprache/*.md
    sign_videos: tuple[SignVideo, ...] = ()  # data/gebaerdensprache.yaml
    network: Network = field(default_factory=Network)  # data/feeds.yaml, data/external/
    posts: Mapping[str, Post] = field(default_factory=dict)  # content/blog/, by slug
    discussions: Discussions = field(default_factory=Discussions)  # data/comments/
    redirects: tuple[Redirect, ...] = ()  # data/redirects.yaml


def load_lab(root: Path, uid_domain: str = "verwaltungsrebellen-labor.de",
             today: date | None = None, rules: ContentRules | None = None,
             settings: Mapping[str, Any] | None = None) -> Lab:
    """Read ``data/`` and check ``content/`` below ``root``: all that can fail the build.

    Besides the data files: the library's files in ``content/``, the limits of Pelican's
    Markdown files, the profile photos and every file published as it is.

    ``today`` (default: :func:`site_today`) is the last day a consent may carry; ``rules``
    (default: the repository's ``pelicanconf.py``) give the posts' slugs and addresses. With
    Pelican's ``settings``, the tags, categories and authors of posts are checked to give
    a URL slug (Pelican stops the build for one that does not).
    """
    problems: list[Problem] = []
    data = root / "data"
    methods = file_slugs(root / "content" / "methoden", MARKDOWN_SUFFIXES)
    formats = _vocabulary(root, "formats.yaml", REQUIRED_FORMATS, problems,
                          lambda key, f: Format.from_mapping(key, f, methods))
    topics = _vocabulary(root, "topics.yaml", REQUIRED_TOPICS, problems, Topic.from_mapping)
    partners = _vocabulary(root, "partners.yaml", REQUIRED_PARTNERS, problems,
                           Partner.from_mapping)
    refs = _references(root, formats, topics, partners, methods, uid_domain, today)
    # Pelican's Markdown files are checked beside the data files, in a process of its own
    # (make bench, big lab: 1.3 s of every build for 2,000 posts, one core while the other
    # waited for the profiles).
    workers = worker_count(settings)
    markdown = (start_forked if workers > 1 else _now)(_pelican_files, root, rules, settings)
    uids: dict[str, tuple[str, int]] = {}
    parsed = ParsedFiles(cache_folder(settings))
    events = _collection(root, "events", problems,
                         lambda slug, rel, f: _event(slug, rel, f, refs, uids), parsed)
    # Each profile file stands alone: read on every core (10,000 at the big lab: 1.3 s).
    profiles = _collection(root, "rebels", problems,
                           lambda slug, rel, f: Profile.from_mapping(slug, rel, f, refs),
                           parsed, workers=workers)
    parsed.save()
    library = load_library(root, refs, problems)
    _check_images(root, problems)
    _check_data_folder(data, problems)
    found, posts, pages = markdown()
    problems.extend(found)
    easy_read = load_easy_read(root, problems)
    sign_videos = load_sign_videos(root, easy_read.slugs, frozenset(pages), problems)
    network = load_network(root, refs, problems, refs.today or site_today(), events)
    discussions = load_discussions(root, posts, refs.today, problems)
    redirects = load_redirects(root, [*posts.values(), *pages.values()], problems)
    return Lab(root=root, formats=formats, topics=topics, partners=partners,
               events=events, profiles=profiles, problems=tuple(sorted(set(problems))),
               methods=library.methods, questions=library.questions,
               projects=library.projects, materials=library.materials,
               easy_read=easy_read, sign_videos=sign_videos, network=network,
               posts=posts, discussions=discussions, redirects=redirects)


def _pelican_files(root: Path, rules: ContentRules | None,
                   settings: Mapping[str, Any] | None
                   ) -> tuple[list[Problem], dict[str, Post], dict[str, Post]]:
    """Check Pelican's Markdown files; return their problems, the posts and the pages."""
    problems: list[Problem] = []
    _check_pages(root, problems, settings)
    return problems, blog_posts(root, rules), site_pages(root, rules)


def _now(function: Callable[..., T], *args: Any) -> Callable[[], T]:
    """Compute ``function(*args)`` here; return what gives the result (as ``start_forked``)."""
    result = function(*args)
    return lambda: result


def _references(root: Path, formats: Mapping[str, Any], topics: Mapping[str, Any],
                partners: Mapping[str, Any], methods: frozenset[str], uid_domain: str,
                today: date | None) -> References:
    """Return what the data files may refer to: vocabulary keys, the files below ``root``."""
    data = root / "data"
    return References(
        formats=frozenset(formats), topics=frozenset(topics), partners=frozenset(partners),
        profiles=file_slugs(data / "rebels", YAML_SUFFIXES), methods=methods,
        projects=file_slugs(data / "projects", YAML_SUFFIXES),
        images=_images(root / "content" / "images"),
        images_folder=root / "content" / "images", uid_domain=uid_domain,
        today=today or site_today(),
    )


def reload_record(lab: Lab, path: Path, settings: Mapping[str, Any], today: date
                  ) -> tuple[Event | Profile | None, list[Problem]]:
    """Read one event or profile file again, checked as :func:`load_lab` checks it.

    For ``make serve``'s preview (rebellab.lab.preview): the other files are taken as
    ``lab`` has them; what involves several files (a calendar ``uid`` used twice) is left
    to the full build that follows.
    """
    root = lab.root
    refs = _references(root, lab.formats, lab.topics, lab.partners,
                       file_slugs(root / "content" / "methoden", MARKDOWN_SUFFIXES),
                       settings["CALENDAR_UID_DOMAIN"], today)
    builders: dict[str, Callable[[str, str, Fields], Any]] = {
        "events": lambda slug, rel, f: Event.from_mapping(slug, rel, f, refs),
        "rebels": lambda slug, rel, f: Profile.from_mapping(slug, rel, f, refs)}
    problems: list[Problem] = []
    record = _load_item(path, relative(root, path), problems, builders[path.parent.name])
    return record, problems


def markdown_problems(root: Path, path: Path, settings: Mapping[str, Any] | None
                      ) -> list[Problem]:
    """Return what :func:`load_lab` reports about one of Pelican's Markdown files.

    Without Pelican's ``settings`` the taxonomy's slugs are not checked.
    """
    rel = relative(root, path)
    text, problems = read_markdown_text(path, rel)
    if text is not None and settings is not None:
        problems.extend(_taxonomy_problems(text, rel, settings))
    return problems


def load_site_lab(root: Path, settings: Mapping[str, Any]) -> Lab:
    """Load the lab below ``root`` with what the site's settings decide about it.

    The one way from Pelican settings to a lab (``make check``, the build, the plugin):
    the calendar UID domain is part of every event's model, the slug and URL rules decide
    which post a comment folder or redirect means.
    """
    lab = load_lab(root, uid_domain=settings["CALENDAR_UID_DOMAIN"],
                   rules=ContentRules.from_settings(settings), settings=settings)
    taken = _page_files(lab, settings)
    clashes = [Problem(r.rel, r.line, f"'from' {r.source} ist schon die Adresse einer Seite "
                                      "dieser Website; eine Weiterleitung würde sie verdecken.")
               for r in lab.redirects if r.save_as in taken]
    if not clashes:
        return lab
    return replace(lab, problems=tuple(sorted({*lab.problems, *clashes})),
                   redirects=tuple(r for r in lab.redirects if r.save_as not in taken))


@dataclass(frozen=True)
class HandedLab:
    """A lab validated before Pelican started (``scripts/build.py``), in Pelican's settings.

    Pickled as None: Pelican's content cache pickles the settings with every category, tag
    and author of a post (``URLWrapper.settings``), and the lab handed over in them went into
    the cache of the posts, 21 of its 32 MB at make bench's big lab, read by every build.
    """

    lab: Lab

    def __reduce__(self) -> tuple[Callable[[], None], tuple[()]]:
        return _none, ()


def _none() -> None:
    return None


def _page_files(lab: Lab, settings: Mapping[str, Any]) -> frozenset[str]:
    """Output files of the lab's own page types, as the URL settings place them.

    Posts and pages are checked by the redirects loader; this adds every fixed page
    (``*_SAVE_AS`` without a field) and the pages of events, profiles, methods, projects,
    topics and partners, so that ``make check`` finds a redirect that would hide one.
    """
    files = {value for key, value in settings.items()
             if key.endswith("_SAVE_AS") and isinstance(value, str) and value
             and "{" not in value}
    models: list[Located] = [*lab.events, *lab.profiles, *lab.methods, *lab.projects]
    files.update(model.save_as(settings) for model in models)
    files.update(setting_save_as(settings, "TOPIC", slug=key) for key in lab.topics)
    files.update(setting_save_as(settings, "PARTNER", slug=key) for key in lab.partners)
    return frozenset(files)


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
            if path.suffix.lower() in PELICAN_MARKDOWN_SUFFIXES:
                problems.extend(markdown_problems(root, path, settings))


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
            known = ", ".join(entry if "." in entry else f"{entry}/" for entry in DATA_ENTRIES)
            problems.append(Problem(f"data/{name}", 1, "Diese Datei wird nicht gelesen: in "
                                    f"data/ stehen nur {known}."))


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
                build: Callable[[str, str, Fields], T | None], parsed: ParsedFiles,
                workers: int = 1) -> tuple[T, ...]:
    """Return the items of the YAML files in ``data/folder``, in the order of the files.

    With ``workers`` > 1, many files are read by forked processes too (``build`` must then
    depend on its file alone); what they parse anew comes back for ``parsed``.
    """
    files = checked_files(root, f"data/{folder}", YAML_SUFFIXES, problems)
    tasks = [partial(_load_alone, path, rel, build, parsed) for path, rel in files]
    results = run_forked(tasks, workers, MIN_FILES_PER_PROCESS, "Leseprozess(e)")
    parsed.keep([rel for _, rel in files], [entry for _, _, entry in results])
    items = []
    for item, found, _ in results:
        problems.extend(found)
        if item is not None:
            items.append(item)
    return tuple(items)


_UNCACHED = ParsedFiles(None)


def _load_alone(path: Path, rel: str, build: Callable[[str, str, Fields], Any],
                parsed: ParsedFiles) -> tuple[Any, list[Problem], Any]:
    """Return one file's item, its problems and what ``parsed`` made of it (if anything)."""
    found: list[Problem] = []
    return _load_item(path, rel, found, build, parsed), found, parsed.take(rel)


def _load_item(path: Path, rel: str, problems: list[Problem],
               build: Callable[[str, str, Fields], Any],
               parsed: ParsedFiles | None = None) -> Any:
    slug_problem = check_slug(path.stem)
    if slug_problem:
        problems.append(Problem(rel, 1, slug_problem))
    data, found = (parsed or _UNCACHED).load(path, rel)
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
