"""Cross-links between the lab's content: what belongs to a topic, a partner, a method.

Pure functions over models; the generator passes in everything (events already expanded
to upcoming occurrences, the blog's articles).

Blog posts reach a topic through their tags: a tag belongs to a topic when its name equals
(case-insensitively, ignoring surrounding spaces) the topic's key, its title or one of its
synonyms. Example: the tag "Homeoffice" is a synonym of ``neue-arbeit``, so a post tagged
"Homeoffice" appears on /themen/neue-arbeit/.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rebellab.directory.model import Profile
from rebellab.events.model import Event
from rebellab.events.series import Occurrence
from rebellab.kernel.vocab import Format, Topic
from rebellab.library.model import Material, Method, Project, Question


def event_of(item: Any) -> Any:
    """Return the event behind an upcoming occurrence (``events.series.Occurrence``).

    An outside occurrence (``network.model.ExternalEvent``) is its own event: it carries
    its feed's ``topics`` and ``partners``.
    """
    return getattr(item, "event", item)


def topic_words(topic: Topic) -> frozenset[str]:
    """Return the words that map a blog tag to ``topic``, case-folded."""
    words = (topic.key, topic.title, *topic.synonyms)
    return frozenset(word.strip().casefold() for word in words)


def tag_matches(tag_name: str, topic: Topic) -> bool:
    """Whether a blog tag belongs to ``topic`` (see the module docstring)."""
    return tag_name.strip().casefold() in topic_words(topic)


def articles_for_topic(articles: Iterable[Any], topic: Topic) -> list[Any]:
    """Blog posts with a tag belonging to ``topic``, in the given order (newest first)."""
    words = topic_words(topic)
    return [article for article in articles
            if any(str(tag).strip().casefold() in words
                   for tag in getattr(article, "tags", None) or ())]


def formats_using(method: Method, formats: Mapping[str, Format]) -> list[Format]:
    """Event formats whose ``method`` is this method."""
    return [fmt for fmt in formats.values() if fmt.method == method.slug]


def uses_method(event: Event, method_slug: str, formats: Mapping[str, Format]) -> bool:
    """Whether an event uses the method itself or through its format."""
    if event.method:
        return event.method == method_slug
    fmt = formats.get(event.format)
    return fmt is not None and fmt.method == method_slug


def upcoming_for_method(upcoming: Sequence[Occurrence], method: Method,
                        formats: Mapping[str, Format]) -> list[Occurrence]:
    """Upcoming occurrences of events that use ``method``."""
    return [item for item in upcoming if uses_method(event_of(item), method.slug, formats)]


def upcoming_for_topic(upcoming: Sequence[Occurrence], topic_key: str) -> list[Occurrence]:
    """Upcoming occurrences of events on a topic."""
    return [item for item in upcoming if topic_key in event_of(item).topics]


def upcoming_for_partner(upcoming: Sequence[Occurrence], partner_key: str
                         ) -> list[Occurrence]:
    """Upcoming occurrences of events a partner takes part in."""
    return [item for item in upcoming if partner_key in event_of(item).partners]


def on_topic(items: Iterable[Method | Project | Material | Profile], topic_key: str
             ) -> list[Any]:
    """Methods, projects, materials or profiles listing the topic."""
    return [item for item in items if topic_key in item.topics]


def questions_on_topic(questions: Iterable[Question], topic_key: str) -> list[Question]:
    """Questions filed under a topic."""
    return [question for question in questions if question.topic == topic_key]


def projects_by_person(projects: Iterable[Project]) -> dict[str, list[Project]]:
    """Profile slug -> the projects the person works on, newest start first."""
    result: dict[str, list[Project]] = {}
    for project in sort_projects(projects):
        for slug in project.people:
            result.setdefault(slug, []).append(project)
    return result


def seeking_projects(projects: Iterable[Project]) -> list[Project]:
    """Projects that ask for help and are not finished, newest start first."""
    return [project for project in sort_projects(projects) if project.is_seeking]


def sort_projects(projects: Iterable[Project]) -> list[Project]:
    """Sort running before ideas before finished; within each, newest start first."""
    order = {"laeuft": 0, "idee": 1, "abgeschlossen": 2}
    return sorted(projects, key=lambda p: (order[p.status], -p.started.toordinal(), p.title))


def partner_projects(projects: Iterable[Project], partner_key: str) -> list[Project]:
    """Projects a partner takes part in."""
    return [project for project in sort_projects(projects) if partner_key in project.partners]


def partner_people(profiles: Iterable[Profile], partner_key: str) -> list[Profile]:
    """Profiles of people working for a partner, by name."""
    return sorted((p for p in profiles if p.partner == partner_key), key=lambda p: p.name)


def materials_by_topic(materials: Iterable[Material], topics: Mapping[str, Topic]
                       ) -> list[tuple[Topic, list[Material]]]:
    """Each topic (vocabulary order) with its materials, newest first; empty topics left out."""
    ordered = sorted(materials, key=lambda m: (-m.date.toordinal(), m.title))
    groups = [(topic, [m for m in ordered if key in m.topics]) for key, topic in topics.items()]
    return [(topic, items) for topic, items in groups if items]


def file_size(size: int) -> str:
    """Format a file size for people: ``850 Byte``, ``12 KB``, ``1,4 MB``."""
    if size < 1024:
        return f"{size} Byte"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


_HEADING = re.compile(r"^(#{1,6})[ \t]", re.MULTILINE)


def heading_shift(text: str, top: int) -> int:
    """How far to demote Markdown headings so the highest one becomes ``h{top}``.

    Contributors may start their sections with ``#`` or ``##``; either way the text fits
    the page's heading outline (no second ``h1``, no skipped level).
    """
    levels = [len(match.group(1)) for match in _HEADING.finditer(text or "")]
    return max(top - min(levels), 0) if levels else 0
