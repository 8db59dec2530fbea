"""The library's models: methods, projects ("Vorhaben"), materials and questions.

Methods and questions are Markdown files with a metadata header (``content/methoden/``,
``content/fragen/``); projects and materials are YAML files (``data/projects/``,
``data/materials/``). Each model is built by a named constructor that reads a
:class:`rebellab.kernel.fields.Fields` and records problems instead of raising.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rebellab.kernel.fields import Fields
from rebellab.kernel.references import References
from rebellab.kernel.yamlfile import LineList
from rebellab.library.markdownfile import MarkdownFile, Section
from rebellab.sitebase.urls import Located

# Metadata keys of a method page, in their documented spelling.
METHOD_KEYS = ("Title", "Summary", "Duration", "Group-Size", "Materials", "Preparation",
               "Topics")
METHOD_LIST_KEYS = ("Materials", "Topics")
STEPS_SECTION = "Ablauf"
TIPS_SECTION = "Tipps"

QUESTION_KEYS = ("Question", "Topic", "Date", "Answered-By")

PROJECT_STATUSES = ("idee", "laeuft", "abgeschlossen")
STATUS_LABELS = {"idee": "Idee", "laeuft": "Läuft", "abgeschlossen": "Abgeschlossen"}
PROJECT_KEYS = ("title", "summary", "description", "status", "topics", "partners", "people",
                "seeking", "started", "ended", "links")
SUMMARY_MAX_LENGTH = 300

# Licences a material may carry, by SPDX identifier; CC BY 4.0 is the lab's default.
LICENCES = {
    "CC-BY-4.0": ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.de"),
    "CC-BY-SA-4.0": ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/deed.de"),
    "CC0-1.0": ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/deed.de"),
}
DEFAULT_LICENCE = "CC-BY-4.0"
MATERIAL_KEYS = ("file", "title", "description", "topics", "licence", "author", "date")
FILE_TYPES = {
    ".pdf": "PDF", ".svg": "SVG-Grafik", ".png": "PNG-Bild", ".jpg": "JPEG-Bild",
    ".csv": "CSV-Tabelle", ".txt": "Textdatei", ".md": "Markdown-Text",
    ".odt": "OpenDocument-Text", ".ods": "OpenDocument-Tabelle",
    ".odp": "OpenDocument-Präsentation", ".docx": "Word-Dokument", ".xlsx": "Excel-Tabelle",
    ".pptx": "PowerPoint-Präsentation", ".zip": "ZIP-Archiv",
}


@dataclass(frozen=True)
class Method(Located):
    """A way of working the lab uses, e.g. Lean Coffee; one page at ``METHOD_URL``."""

    URL_SETTING: ClassVar[str] = "METHOD"

    slug: str
    source: str
    title: str
    summary: str
    duration: str
    group_size: str
    materials: tuple[str, ...]
    preparation: str
    topics: tuple[str, ...]
    intro: str  # Markdown before the first section
    steps: str  # Markdown of the "Ablauf" section: an ordered list
    tips: str  # Markdown of the "Tipps" section
    sections: tuple[Section, ...] = ()  # further sections, in file order

    @classmethod
    def from_file(cls, slug: str, source: str, document: MarkdownFile, fields: Fields,
                  refs: References) -> Method | None:
        """Build from ``content/methoden/<slug>.md``; None if required parts are missing."""
        values = {
            "title": fields.text("Title", required=True),
            "summary": fields.text("Summary", required=True, max_length=SUMMARY_MAX_LENGTH),
            "duration": fields.text("Duration", required=True),
            "group_size": fields.text("Group-Size", required=True),
            "preparation": fields.text("Preparation", required=True),
        }
        materials = fields.texts("Materials", min_items=1)
        topics = fields.refs("Topics", refs.topics, "Unbekanntes Thema", min_items=1)
        fields.finish(METHOD_KEYS)
        steps = _steps(document, fields)
        tips = _required_section(document, TIPS_SECTION, fields)
        if None in values.values() or not materials or not topics or steps is None \
                or tips is None:
            return None
        others = tuple(s for s in document.sections
                       if s.title.casefold() not in (STEPS_SECTION.casefold(),
                                                     TIPS_SECTION.casefold()))
        return cls(slug=slug, source=source, materials=materials, topics=topics,
                   intro=document.intro, steps=steps, tips=tips, sections=others,
                   # Every value is a str here (None returned above), which mypy cannot
                   # narrow inside a dict.
                   **values)  # type: ignore[arg-type]


def _required_section(document: MarkdownFile, title: str, fields: Fields) -> str | None:
    section = document.section(title)
    if section is None:
        fields.error(None, f"Der Abschnitt '## {title}' fehlt.", line=document.body_line)
        return None
    if not section.text:
        fields.error(None, f"Der Abschnitt '## {title}' ist leer.", line=section.line)
        return None
    return section.text


def _steps(document: MarkdownFile, fields: Fields) -> str | None:
    text = _required_section(document, STEPS_SECTION, fields)
    if text is None:
        return None
    if not any(line.lstrip()[:1].isdigit() and ". " in line for line in text.splitlines()):
        section = document.section(STEPS_SECTION)
        fields.error(None, f"Der Abschnitt '## {STEPS_SECTION}' braucht die Schritte als "
                           "nummerierte Liste (1. …, 2. …).",
                     line=section.line if section else None)
        return None
    return text


@dataclass(frozen=True)
class Question:
    """An entry of "Fragen & Antworten": a question someone asked and the answer."""

    slug: str
    source: str
    question: str
    topic: str
    date: date
    answer: str  # Markdown
    answered_by: str | None = None

    @classmethod
    def from_file(cls, slug: str, source: str, document: MarkdownFile, fields: Fields,
                  refs: References) -> Question | None:
        """Build from ``content/fragen/<slug>.md``; the body is the answer."""
        question = fields.text("Question", required=True)
        topic = fields.ref("Topic", refs.topics, "Unbekanntes Thema", required=True)
        asked = fields.date("Date", required=True)
        answered_by = fields.text("Answered-By")
        fields.finish(QUESTION_KEYS)
        answer = document.body
        if not answer.strip():
            fields.error(None, "Die Antwort fehlt: Sie steht nach einer Leerzeile unter den "
                               "Metadaten.", line=document.body_line)
        if None in (question, topic, asked) or not answer.strip():
            return None
        return cls(slug=slug, source=source, question=question or "", topic=topic or "",
                   date=asked or date.min, answer=answer, answered_by=answered_by)


@dataclass(frozen=True)
class WebLink:
    """A labelled web link."""

    title: str
    url: str


@dataclass(frozen=True)
class Project(Located):
    """A project ("Vorhaben") people of the lab work on together."""

    URL_SETTING: ClassVar[str] = "PROJECT"

    slug: str
    source: str
    title: str
    summary: str
    description: str  # Markdown
    status: str  # one of PROJECT_STATUSES
    topics: tuple[str, ...]
    started: date
    partners: tuple[str, ...] = ()
    people: tuple[str, ...] = ()  # profile slugs
    seeking: str | None = None
    ended: date | None = None
    links: tuple[WebLink, ...] = ()

    @property
    def status_label(self) -> str:
        """The status as shown on the site (``Läuft``)."""
        return STATUS_LABELS[self.status]

    @property
    def is_seeking(self) -> bool:
        """Whether the project asks for help and is not finished."""
        return bool(self.seeking) and self.status != "abgeschlossen"

    @classmethod
    def from_mapping(cls, slug: str, source: str, fields: Fields, refs: References
                     ) -> Project | None:
        """Build from ``data/projects/<slug>.yaml``; None if required parts are unusable."""
        title = fields.text("title", required=True)
        summary = fields.text("summary", required=True, max_length=SUMMARY_MAX_LENGTH)
        description = fields.markdown("description", required=True)
        status = fields.choice("status", PROJECT_STATUSES, required=True)
        topics = fields.refs("topics", refs.topics, "Unbekanntes Thema", min_items=1)
        started = fields.date("started", required=True)
        ended = _ended(fields, started, status)
        project = cls(
            slug=slug, source=source, title=title or "", summary=summary or "",
            description=description or "", status=status or "idee", topics=topics,
            started=started or date.min, ended=ended,
            partners=fields.refs("partners", refs.partners, "Unbekannter Partner"),
            people=fields.refs("people", refs.profiles, "Unbekanntes Profil"),
            seeking=fields.text("seeking", max_length=SUMMARY_MAX_LENGTH),
            links=_links(fields),
        )
        fields.finish(PROJECT_KEYS)
        if None in (title, summary, description, status, started) or not topics:
            return None
        return project


def _ended(fields: Fields, started: date | None, status: str | None) -> date | None:
    ended = fields.date("ended")
    if ended is None:
        return None
    if started is not None and ended < started:
        fields.error("ended", f"'ended' ({ended.isoformat()}) liegt vor 'started' "
                              f"({started.isoformat()}).")
    if status is not None and status != "abgeschlossen":
        fields.error("ended", f"Ein Vorhaben mit 'ended' muss den status 'abgeschlossen' "
                              f"haben, gefunden: '{status}'.")
    return ended


def _links(fields: Fields) -> tuple[WebLink, ...]:
    value = fields.raw("links")
    if value is None:
        return ()
    if not isinstance(value, LineList):  # the loaders make every list a LineList
        fields.error("links", "'links' muss eine Liste von Einträgen mit 'title' und 'url' "
                              "sein.")
        return ()
    links = []
    for item, line in zip(value, value.item_lines, strict=False):
        if not isinstance(item, dict):
            fields.error("links", "Jeder Eintrag in 'links' braucht 'title' und 'url'.",
                         line=line)
            continue
        entry = Fields(item, fields.rel, fields.problems, context="links.")
        title, url = entry.text("title", required=True), entry.url("url", required=True)
        entry.finish(("title", "url"))
        if title and url:
            links.append(WebLink(title, url))
    return tuple(links)


@dataclass(frozen=True)
class Material(Located):
    """A shared document under ``content/materialien/``, described in ``data/materials/``."""

    URL_SETTING: ClassVar[str] = "MATERIAL"

    slug: str
    source: str
    file: str  # path below content/materialien/
    title: str
    description: str  # Markdown
    topics: tuple[str, ...]
    licence: str  # SPDX identifier, a key of LICENCES
    author: str
    date: date
    size: int  # bytes

    def url_fields(self) -> dict[str, object]:
        """Return the fields for ``MATERIAL_URL``: the ``{file}`` copied from ``content/``."""
        return {"slug": self.slug, "file": self.file}

    @property
    def file_type(self) -> str:
        """A German name for the kind of file (``PDF``, ``CSV-Tabelle``)."""
        suffix = "." + self.file.rsplit(".", 1)[-1].lower() if "." in self.file else ""
        return FILE_TYPES.get(suffix, suffix.lstrip(".").upper() or "Datei")

    @property
    def licence_name(self) -> str:
        """Short licence name, e.g. ``CC BY 4.0``."""
        return LICENCES[self.licence][0]

    @property
    def licence_url(self) -> str:
        """Where the licence text is published."""
        return LICENCES[self.licence][1]

    @classmethod
    def from_mapping(cls, slug: str, source: str, fields: Fields, refs: References,
                     files: dict[str, int]) -> Material | None:
        """Build from ``data/materials/<slug>.yaml``; ``files`` maps file names to sizes."""
        file = _file(fields, files)
        title = fields.text("title", required=True)
        description = fields.markdown("description", required=True)
        topics = fields.refs("topics", refs.topics, "Unbekanntes Thema", min_items=1)
        licence = _licence(fields)
        author = fields.text("author", required=True)
        published = fields.date("date", required=True)
        fields.finish(MATERIAL_KEYS)
        if None in (file, title, description, licence, author, published) or not topics:
            return None
        return cls(slug=slug, source=source, file=file or "", title=title or "",
                   description=description or "", topics=topics, licence=licence or "",
                   author=author or "", date=published or date.min,
                   size=files.get(file or "", 0))


def _licence(fields: Fields) -> str | None:
    if not fields.has("licence"):
        fields.error(None, f"Pflichtfeld 'licence' fehlt; üblich ist 'licence: {DEFAULT_LICENCE}' "
                           "(CC BY 4.0, Namensnennung).")
        return None
    return fields.choice("licence", tuple(LICENCES), required=True)


def _file(fields: Fields, files: Collection[str]) -> str | None:
    name = fields.text("file", required=True)
    if name is None:
        return None
    if name not in files:
        fields.error("file", f"Die Datei 'content/materialien/{name}' gibt es nicht; bitte "
                             "die Datei dort ablegen oder den Namen in 'file' korrigieren.")
        return None
    return name
