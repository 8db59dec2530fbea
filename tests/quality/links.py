"""Find broken internal links, missing assets and missing fragment targets in a built site."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.etree
import lxml.html

from tests.quality.page_types import html_pages, url_of

# (selector, attribute) pairs that point at something the browser loads or follows.
REFERENCES = [("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
              ("img", "srcset"), ("source", "srcset"), ("source", "src"), ("video", "src"),
              ("audio", "src"), ("iframe", "src"), ("form", "action")]
OPEN_GRAPH_URLS = {"og:url", "og:image"}
IGNORED_SCHEMES = {"mailto", "webcal", "tel", "data"}


@dataclass(frozen=True)
class BrokenLink:
    """One reference from a page that does not resolve inside the output."""

    page: str
    line: int
    reference: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.reference} – {self.reason}"


def srcset_urls(value: str) -> list[str]:
    """The URLs of a ``srcset`` (each candidate is "url [descriptor]")."""
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def references(tree: lxml.html.HtmlElement) -> list[tuple[int, str]]:
    """(line, url) for every reference in a parsed page."""
    found = []
    for tag, attribute in REFERENCES:
        for element in tree.iter(tag):
            value = element.get(attribute)
            if value is None or (tag == "form" and not value):
                continue
            urls = srcset_urls(value) if attribute == "srcset" else [value.strip()]
            found.extend((element.sourceline or 0, url) for url in urls)
    for meta in tree.iter("meta"):  # OpenGraph addresses shared in link previews
        if meta.get("property") in OPEN_GRAPH_URLS and meta.get("content"):
            found.append((meta.sourceline or 0, meta.get("content").strip()))
    return found


class SiteLinks:
    """Resolves URLs against a built output folder and caches each page's element ids."""

    def __init__(self, output: Path, absolute_url: str) -> None:
        self.output = output
        self.absolute_url = absolute_url.rstrip("/")
        self.ids = cache(self._ids)

    def _ids(self, path: Path) -> frozenset[str]:
        tree = lxml.html.parse(str(path)).getroot()
        ids = {element.get("id") for element in tree.iter() if element.get("id")}
        ids |= {element.get("name") for element in tree.iter("a") if element.get("name")}
        return frozenset(ids)

    def internal_path(self, page_url: str, reference: str) -> str | None:
        """The site path a reference points to, or None when it leaves the site."""
        if reference.startswith(self.absolute_url + "/") or reference == self.absolute_url:
            reference = reference[len(self.absolute_url):] or "/"
        parts = urlsplit(reference)
        if parts.scheme or parts.netloc:
            return None
        return urlsplit(urljoin(page_url, reference)).path

    def target(self, site_path: str) -> Path | None:
        """The file a site path is served from (pretty URLs -> index.html), if any."""
        candidate = self.output / unquote(site_path).lstrip("/")
        if site_path.endswith("/") or candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def check(self, page: str, line: int, reference: str) -> BrokenLink | None:
        """None when ``reference`` on ``page`` is external, ignored or resolves."""
        parts = urlsplit(reference)
        if parts.scheme in IGNORED_SCHEMES or reference in {"", "#"}:
            return None
        site_path = self.internal_path(url_of(page), reference)
        if site_path is None:
            return None
        target = self.target(site_path)
        if target is None:
            return BrokenLink(page, line, reference, f"{site_path} fehlt in der Ausgabe")
        fragment = unquote(parts.fragment)
        if fragment and target.suffix == ".html" and fragment not in self.ids(target):
            return BrokenLink(page, line, reference, f"kein Element mit id={fragment!r} "
                              f"auf {target.relative_to(self.output).as_posix()}")
        return None


def broken_links(output: Path, absolute_url: str) -> tuple[list[BrokenLink], int]:
    """Every broken internal reference of every page, and how many references were checked."""
    links = SiteLinks(output, absolute_url)
    broken, checked = [], 0
    for page in html_pages(output):
        tree = lxml.html.parse(str(output / page)).getroot()
        if tree is None:
            continue
        for line, reference in references(tree):
            checked += 1
            problem = links.check(page, line, reference)
            if problem:
                broken.append(problem)
    return sorted(broken, key=lambda problem: (problem.page, problem.line)), checked


def broken_sitemap_entries(output: Path, absolute_url: str) -> list[str]:
    """Addresses in sitemap.xml that do not resolve to a page of the output."""
    links = SiteLinks(output, absolute_url)
    tree = lxml.etree.parse(str(output / "sitemap.xml"))
    broken = []
    for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
        url = (loc.text or "").strip()
        site_path = links.internal_path("/", url)
        if site_path is None:
            broken.append(f"{url} – nicht unter {absolute_url}")
        elif links.target(site_path) is None:
            broken.append(f"{url} – {site_path} fehlt in der Ausgabe")
    return broken
