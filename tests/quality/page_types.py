"""The site's page types and the output files that represent them.

Each type is a pattern over output paths (relative, with ``/``); the first matching page in
sorted order stands for the type in the browser gates. Every type must exist: a type
without a single page fails the gates, since the finished site has all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

# Pagination folders ("…/seite/2/") belong to their list page's type, never to a detail type.
_NOT_PAGINATION = r"(?!seite/)"


@dataclass(frozen=True)
class PageType:
    """A kind of page, e.g. "event", recognised by the path of its output file."""

    name: str
    pattern: str

    def matches(self, path: str) -> bool:
        """True when the output path (relative, ``/``-separated) is a page of this type."""
        return re.fullmatch(self.pattern, path) is not None


PAGE_TYPES = [
    PageType("home", r"index\.html"),
    PageType("blog-index", r"blog/(seite/\d+/)?index\.html"),
    PageType("post", r"blog/\d{4}/[^/]+/index\.html"),
    PageType("category", rf"blog/kategorie/{_NOT_PAGINATION}[^/]+/(seite/\d+/)?index\.html"),
    PageType("tag", rf"blog/schlagwort/{_NOT_PAGINATION}[^/]+/(seite/\d+/)?index\.html"),
    PageType("author", rf"blog/autor/{_NOT_PAGINATION}[^/]+/(seite/\d+/)?index\.html"),
    PageType("impressum", r"impressum/index\.html"),
    PageType("datenschutz", r"datenschutz(erklaerung)?/index\.html"),
    PageType("barrierefreiheit", r"(erklaerung-zur-)?barrierefreiheit/index\.html"),
    PageType("ueber", r"ueber/index\.html"),
    PageType("404", r"404\.html"),
    PageType("events", r"veranstaltungen/index\.html"),
    PageType("event", r"veranstaltungen/(?!archiv/|seite/|nur-labor/)[^/]+/index\.html"),
    PageType("event-archive", r"veranstaltungen/archiv/(seite/\d+/)?index\.html"),
    PageType("calendar", r"kalender/index\.html"),
    PageType("directory", r"rebellen/(seite/\d+/)?index\.html"),
    PageType("profile", r"rebellen/(?!thema/|verwaltung/|partner/|seite/)[^/]+/index\.html"),
    PageType("topic-facet", r"rebellen/thema/[^/]+/(seite/\d+/)?index\.html"),
    PageType("search", r"suche/index\.html"),
    PageType("methods", r"methoden/index\.html"),
    PageType("method", rf"methoden/{_NOT_PAGINATION}[^/]+/index\.html"),
    PageType("topics", r"themen/index\.html"),
    PageType("topic", rf"themen/{_NOT_PAGINATION}[^/]+/index\.html"),
    PageType("partners", r"partner/index\.html"),
    PageType("partner", rf"partner/{_NOT_PAGINATION}[^/]+/index\.html"),
    PageType("projects", r"vorhaben/(seite/\d+/)?index\.html"),
    PageType("project", r"vorhaben/(?!seite/|status/|thema/)[^/]+/index\.html"),
    PageType("materials", r"materialien/index\.html"),
    PageType("questions", r"fragen/index\.html"),
    # Beyond the list in issue 2: pages the capabilities add on top.
    PageType("blog-archive", r"blog/archiv/index\.html"),
    PageType("categories", r"blog/kategorie/index\.html"),
    PageType("tags", r"blog/schlagwort/index\.html"),
    PageType("authors", r"blog/autor/index\.html"),
    PageType("organisation-facet", r"rebellen/verwaltung/[^/]+/(seite/\d+/)?index\.html"),
    PageType("partner-facet", r"rebellen/partner/[^/]+/(seite/\d+/)?index\.html"),
    PageType("project-facet", r"vorhaben/(status|thema)/[^/]+/(seite/\d+/)?index\.html"),
    PageType("open-data", r"daten/index\.html"),
    # Issue 13: Leichte Sprache, Gebärdensprache and the feedback channel.
    PageType("easy-read-start", r"leichte-sprache/index\.html"),
    PageType("easy-read-text", r"leichte-sprache/[^/]+/index\.html"),
    PageType("sign-language", r"gebaerdensprache/index\.html"),
    PageType("barriere-melden", r"barriere-melden/index\.html"),
    # The network's calendar (issue 14): embedding for partner sites, and the widget pages
    # framed there (standalone pages, not base.html).
    PageType("embed", r"einbetten/index\.html"),
    PageType("widget", r"widget/(alle|(format|partner|thema)/[^/]+)/index\.html"),
    # Issue 12: a post with its comment section filled (data/comments/), and the stub page of
    # an old address (data/redirects.yaml; the browser gates follow it to its target).
    PageType("post-with-comments", r"blog/2020/das-verwaltungsrebellen-labor-startet/"
                                   r"index\.html"),
    PageType("redirect", r"termine/index\.html"),
]
PAGE_TYPE_NAMES = [page_type.name for page_type in PAGE_TYPES]


def html_pages(output: Path) -> list[str]:
    """Every HTML file of a built site, as sorted relative paths (Pagefind's own excluded)."""
    return sorted(path.relative_to(output).as_posix() for path in output.rglob("*.html")
                  if "pagefind" not in path.relative_to(output).parts)


def page_type_of(path: str) -> str | None:
    """The name of the first type whose pattern matches ``path``; None for other pages."""
    return next((page_type.name for page_type in PAGE_TYPES if page_type.matches(path)), None)


def representative(output: Path, name: str) -> str | None:
    """The first page of type ``name`` (sorted by path, first pages of lists preferred)."""
    page_type = next(page_type for page_type in PAGE_TYPES if page_type.name == name)
    candidates = [path for path in html_pages(output) if page_type.matches(path)]
    candidates.sort(key=lambda path: ("/seite/" in path, path))
    return candidates[0] if candidates else None


def url_of(path: str) -> str:
    """The pretty URL path of an output file: ``a/b/index.html`` -> ``/a/b/``."""
    if path == "index.html":
        return "/"
    if path.endswith("/index.html"):
        return "/" + path.removesuffix("index.html")
    return "/" + path


def page_of_type(output: Path, name: str) -> str:
    """URL path of the representative page of a type; fails when the type has no page."""
    path = representative(output, name)
    if path is None:
        pytest.fail(f"Seitentyp {name!r}: keine einzige Seite im Build gefunden "
                    "(siehe tests/quality/page_types.py)", pytrace=False)
    return url_of(path)
