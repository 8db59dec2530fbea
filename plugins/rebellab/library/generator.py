"""Pelican side of the library: methods, topic hubs, partners, projects, materials, Q&A.

Reads nothing itself: ``rebellab.lab`` has loaded and validated every file into ``lab``.
``generate_context`` adds what other pages need (``projects_by_person``,
``seeking_projects``); ``generate_output`` writes the pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from pelican.generators import Generator

from rebellab.events.series import upcoming
from rebellab.library import links
from rebellab.library.load import Library
from rebellab.library.model import PROJECT_STATUSES, STATUS_LABELS
from rebellab.sitebase.urls import setting_save_as, setting_url

# A page: its type in the settings (``<TYPE>_URL``/``_SAVE_AS``), the fields to format them
# with, the template and extra template variables.
Page = tuple[str, dict[str, str], str, dict[str, Any]]


class LibraryGenerator(Generator):
    """Writes methods, topic hubs, partners, projects, materials and questions."""

    def generate_context(self) -> None:
        """Share the projects with profile pages and the home page."""
        library = library_of(self.context["lab"])
        self.context.update(
            library=library,
            projects_by_person=links.projects_by_person(library.projects),
            seeking_projects=links.seeking_projects(library.projects),
        )

    def generate_output(self, writer: Any) -> None:
        """Render every page of the library."""
        variables = self._shared_variables()
        for kind, fields, template, extra in self._pages(variables):
            url = setting_url(self.settings, kind, **fields)
            writer.write_file(setting_save_as(self.settings, kind, **fields),
                              self.get_template(template), self.context,
                              url=url, page_url=url, **variables, **extra)

    def _shared_variables(self) -> dict[str, Any]:
        lab = self.context["lab"]
        return {
            "coming": upcoming(lab.events, self.context["now"]),
            "status_labels": STATUS_LABELS,
        }

    def _feed_paths(self) -> frozenset[str]:
        """Paths of the calendar feeds the events plugin writes (only for keys with events)."""
        return frozenset(feed.path for feed in self.context.get("event_feeds", ()))

    def _pages(self, variables: dict[str, Any]) -> Iterator[Page]:
        lab, library = self.context["lab"], self.context["library"]
        coming, feeds = variables["coming"], self._feed_paths()
        yield from method_pages(lab, library, coming)
        # Topic hubs and partner pages also show outside events whose feed names the topic
        # or the partner (data/feeds.yaml).
        with_network = sorted([*coming, *self.context.get("network_upcoming", ())],
                              key=lambda item: item.starts_at())
        yield from topic_pages(lab, library, with_network, self.context.get("articles", []),
                               _feeds_for(feeds, self.settings["CALENDAR_FEED_TOPIC"]))
        yield from partner_pages(lab, library, with_network,
                                 _feeds_for(feeds, self.settings["CALENDAR_FEED_PARTNER"]))
        yield from project_pages(lab, library)
        yield "MATERIALS", {}, "materialien/index", {
            "groups": links.materials_by_topic(library.materials, lab.topics)}
        yield "QUESTIONS", {}, "fragen/index", {
            "questions": sorted_questions(library.questions)}


def _feeds_for(feeds: frozenset[str], pattern: str) -> Callable[[str], str | None]:
    """Return the path of a key's calendar feed (``pattern`` with ``{slug}``), if written."""
    def feed_path(key: str) -> str | None:
        path = pattern.format(slug=key)
        return path if path in feeds else None
    return feed_path


def library_of(lab: Any) -> Library:
    """Collect the library part of the lab, sorted for display."""
    return Library(methods=tuple(sorted(lab.methods, key=lambda m: m.title)),
                   questions=lab.questions,
                   projects=tuple(links.sort_projects(lab.projects)),
                   materials=lab.materials)


def sorted_questions(questions: tuple[Any, ...]) -> list[Any]:
    """Newest question first."""
    return sorted(questions, key=lambda q: (-q.date.toordinal(), q.question))


def method_pages(lab: Any, library: Library, coming: list[Any]) -> Iterator[Page]:
    """Yield the methods overview and one page per method."""
    yield "METHODS", {}, "methoden/index", {"methods": library.methods}
    for method in library.methods:
        yield "METHOD", {"slug": method.slug}, "methoden/method", {
            "method": method,
            "formats": links.formats_using(method, lab.formats),
            "events": links.upcoming_for_method(coming, method, lab.formats),
        }


def topic_pages(lab: Any, library: Library, coming: list[Any], articles: list[Any],
                feed_path: Callable[[str], str | None]) -> Iterator[Page]:
    """Yield the topics overview and one hub per topic."""
    hubs = {key: {
        "topic": topic,
        "events": links.upcoming_for_topic(coming, key),
        "feed_path": feed_path(key),
        "articles": links.articles_for_topic(articles, topic),
        "people": sorted(links.on_topic(lab.profiles, key), key=lambda p: p.name),
        "methods": links.on_topic(library.methods, key),
        "projects": links.on_topic(library.projects, key),
        "materials": links.on_topic(library.materials, key),
        "questions": links.questions_on_topic(sorted_questions(library.questions), key),
    } for key, topic in lab.topics.items()}
    yield "TOPICS", {}, "themen/index", {"hubs": list(hubs.values())}
    for key, hub in hubs.items():
        yield "TOPIC", {"slug": key}, "themen/topic", hub


def partner_pages(lab: Any, library: Library, coming: list[Any],
                  feed_path: Callable[[str], str | None]) -> Iterator[Page]:
    """Yield the partners overview and one page per partner."""
    yield "PARTNERS", {}, "partner/index", {"partners": list(lab.partners.values())}
    for key, partner in lab.partners.items():
        yield "PARTNER", {"slug": key}, "partner/partner", {
            "partner": partner,
            "events": links.upcoming_for_partner(coming, key),
            "feed_path": feed_path(key),
            "people": links.partner_people(lab.profiles, key),
            "projects": links.partner_projects(library.projects, key),
        }


def project_pages(lab: Any, library: Library) -> Iterator[Page]:
    """Yield the projects overview, its views by status and topic, one page per project."""
    projects = list(library.projects)
    counts = {
        "status": {s: sum(p.status == s for p in projects) for s in PROJECT_STATUSES},
        "topic": {k: sum(k in p.topics for p in projects) for k in lab.topics},
    }
    base = {"counts": counts, "topics": lab.topics}
    yield "PROJECTS", {}, "vorhaben/index", {**base, "projects": projects, "filter": None}
    for status in PROJECT_STATUSES:
        yield "PROJECTS_STATUS", {"slug": status}, "vorhaben/index", {
            **base, "filter": ("status", status, STATUS_LABELS[status]),
            "projects": [p for p in projects if p.status == status]}
    for key, topic in lab.topics.items():
        yield "PROJECTS_TOPIC", {"slug": key}, "vorhaben/index", {
            **base, "filter": ("topic", key, topic.title),
            "projects": [p for p in projects if key in p.topics]}
    profiles = {profile.slug: profile for profile in lab.profiles}
    for project in projects:
        yield "PROJECT", {"slug": project.slug}, "vorhaben/project", {
            "project": project,
            "people": [profiles[slug] for slug in project.people if slug in profiles],
        }
