"""Listings split into pages by Pelican's paginator, as plain records for templates.

Pelican's ``Paginator`` places page n by ``PAGINATION_PATTERNS`` (page 1 at the listing's
own ``*_URL``, page 2 in ``seite/2/``); the records below carry every URL a pagination bar
needs, so templates do not spell the pattern again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pelican.paginator import PaginationRule, Paginator


@dataclass(frozen=True)
class Page:
    """One page of a paginated listing."""

    number: int
    count: int
    items: tuple[Any, ...]
    url: str
    save_as: str
    urls: tuple[str, ...]  # of every page, page 1 first

    @property
    def previous_url(self) -> str | None:
        """URL of the page before, None on the first."""
        return self.urls[self.number - 2] if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        """URL of the page after, None on the last."""
        return self.urls[self.number] if self.number < self.count else None

    @property
    def first_url(self) -> str:
        """URL of page 1."""
        return self.urls[0]

    @property
    def last_url(self) -> str:
        """URL of the last page."""
        return self.urls[-1]


def paginate(items: Sequence[Any], *, url: str, save_as: str, per_page: int,
             settings: Mapping[str, Any]) -> tuple[Page, ...]:
    """Split ``items`` into pages of ``per_page``; an empty list still has one page."""
    paginator = Paginator(save_as, url, tuple(items), _rules(settings), per_page)
    pages = [paginator.page(number) for number in paginator.page_range]
    urls = tuple(page.url for page in pages)
    return tuple(Page(number=page.number, count=len(pages), items=tuple(page.object_list),
                      url=page.url, save_as=page.save_as, urls=urls) for page in pages)


class PageLinks:
    """Template global ``page_links(save_as, url, number, count)``: a Pelican list's links.

    For the lists Pelican's writer paginates (the blog, its tags, categories and authors).
    Their pagination bar needs the URL of every page, which ``articles_paginator.page(n)``
    gives; but the paginator holds every post of the list, so a page that reads it depended
    on every post (page fingerprints, rebellab.sitebase.fingerprint): after a sentence was
    added to a post of 2016, a warm build of make bench's big lab rendered all 200 blog
    pages and 75 pages of the post's tags again (311 files in all, now 27).

    Called with what the page and the paginator say (``articles_page.full_name``,
    ``.base_url``, ``.number``, ``articles_paginator.num_pages``), this returns the page as a
    :class:`Page` without items, its URLs placed by Pelican's own paginator, so that a page
    depends on the posts it shows.
    """

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self.rules = {**_rules(settings), "DEFAULT_ORPHANS": 0}
        # By list (save_as, url, count): the URLs and files of its pages. Placing them anew
        # for each page of the big lab's 200 blog pages took 0.19 s.
        self.lists: dict[tuple[str, str, int], tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def __call__(self, save_as: str, url: str, number: int, count: int) -> Page:
        """Return page ``number`` of ``count`` of the list whose page 1 is ``save_as``."""
        key = (save_as, url, count)
        if key not in self.lists:
            # One stand-in item per page: pages and their URLs as for the list itself (a
            # page's URL depends on its number and whether it is the last).
            paginator = Paginator(save_as, url, range(count), self.rules, 1)
            pages = [paginator.page(page) for page in paginator.page_range]
            self.lists[key] = (tuple(page.url for page in pages),
                               tuple(page.save_as for page in pages))
        urls, files = self.lists[key]
        return Page(number=number, count=len(urls), items=(), url=urls[number - 1],
                    save_as=files[number - 1], urls=urls)


def _rules(settings: Mapping[str, Any]) -> dict[str, Any]:
    """Return the settings Pelican's paginator reads: its patterns (as its rules), orphans."""
    return {"PAGINATION_PATTERNS": [PaginationRule(*rule)
                                    for rule in settings["PAGINATION_PATTERNS"]],
            "DEFAULT_ORPHANS": settings.get("DEFAULT_ORPHANS", 0)}
