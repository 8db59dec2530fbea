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
    rules = {"PAGINATION_PATTERNS": [PaginationRule(*rule)
                                     for rule in settings["PAGINATION_PATTERNS"]],
             "DEFAULT_ORPHANS": settings.get("DEFAULT_ORPHANS", 0)}
    paginator = Paginator(save_as, url, tuple(items), rules, per_page)
    pages = [paginator.page(number) for number in paginator.page_range]
    urls = tuple(page.url for page in pages)
    return tuple(Page(number=page.number, count=len(pages), items=tuple(page.object_list),
                      url=page.url, save_as=page.save_as, urls=urls) for page in pages)
