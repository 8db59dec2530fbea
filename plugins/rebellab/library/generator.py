"""Pelican side of the library: methods, topic hubs, partners, projects, materials, Q&A.

Reads nothing itself: ``labdata`` has loaded and validated every file into ``lab``.
``generate_context`` adds what other pages need (``projects_by_person``,
``seeking_projects``); ``generate_output`` writes the pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pelican.generators import Generator

from rebellab.events.series import upcoming
from rebellab.library import links
from rebellab.library.load import Library
from rebellab.library.model import PROJECT_STATUSES, STATUS_LABELS

Page = tuple[str, str, dict[str, Any]]  # url, template, extra template variables


class LibraryGenerator(Generator):
    """Writes /methoden/, /themen/, /partner/, /vorhaben/, /materialien/ and /fragen/."""

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
        for url, template, extra in self._pages(variables):
            writer.write_file(f"{url}index.html", self.get_template(template), self.context,
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
        yield from topic_pages(lab, library, coming, self.context.get("articles", []), feeds)
        yield from partner_pages(lab, library, coming, feeds)
        yield from project_pages(lab, library)
        yield "materialien/", "materialien/index", {
            "groups": links.materials_by_topic(library.materials, lab.topics)}
        yield "fragen/", "fragen/index", {"questions": sorted_questions(library.questions)}


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
    """/methoden/ and one page per method."""
    yield "methoden/", "methoden/index", {"methods": library.methods}
    for method in library.methods:
        yield f"methoden/{method.slug}/", "methoden/method", {
            "method": method,
            "formats": links.formats_using(method, lab.formats),
            "events": links.upcoming_for_method(coming, method, lab.formats),
        }


def topic_pages(lab: Any, library: Library, coming: list[Any], articles: list[Any],
                feeds: frozenset[str]) -> Iterator[Page]:
    """/themen/ and one hub per topic."""
    hubs = {key: {
        "topic": topic,
        "events": links.upcoming_for_topic(coming, key),
        "has_feed": f"kalender/thema/{key}.ics" in feeds,
        "articles": links.articles_for_topic(articles, topic),
        "people": sorted(links.on_topic(lab.profiles, key), key=lambda p: p.name),
        "methods": links.on_topic(library.methods, key),
        "projects": links.on_topic(library.projects, key),
        "materials": links.on_topic(library.materials, key),
        "questions": links.questions_on_topic(sorted_questions(library.questions), key),
    } for key, topic in lab.topics.items()}
    yield "themen/", "themen/index", {"hubs": list(hubs.values())}
    for key, hub in hubs.items():
        yield f"themen/{key}/", "themen/topic", hub


def partner_pages(lab: Any, library: Library, coming: list[Any], feeds: frozenset[str]
                  ) -> Iterator[Page]:
    """/partner/ and one page per partner."""
    yield "partner/", "partner/index", {"partners": list(lab.partners.values())}
    for key, partner in lab.partners.items():
        yield f"partner/{key}/", "partner/partner", {
            "partner": partner,
            "events": links.upcoming_for_partner(coming, key),
            "has_feed": f"kalender/partner/{key}.ics" in feeds,
            "people": links.partner_people(lab.profiles, key),
            "projects": links.partner_projects(library.projects, key),
        }


def project_pages(lab: Any, library: Library) -> Iterator[Page]:
    """/vorhaben/, its filtered views by status and topic, and one page per project."""
    projects = list(library.projects)
    counts = {
        "status": {s: sum(p.status == s for p in projects) for s in PROJECT_STATUSES},
        "topic": {k: sum(k in p.topics for p in projects) for k in lab.topics},
    }
    base = {"counts": counts, "topics": lab.topics}
    yield "vorhaben/", "vorhaben/index", {**base, "projects": projects, "filter": None}
    for status in PROJECT_STATUSES:
        yield f"vorhaben/status/{status}/", "vorhaben/index", {
            **base, "filter": ("status", status, STATUS_LABELS[status]),
            "projects": [p for p in projects if p.status == status]}
    for key, topic in lab.topics.items():
        yield f"vorhaben/thema/{key}/", "vorhaben/index", {
            **base, "filter": ("topic", key, topic.title),
            "projects": [p for p in projects if key in p.topics]}
    profiles = {profile.slug: profile for profile in lab.profiles}
    for project in projects:
        yield f"vorhaben/{project.slug}/", "vorhaben/project", {
            "project": project,
            "people": [profiles[slug] for slug in project.people if slug in profiles],
        }
