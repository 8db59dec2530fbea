"""Feeds with absolute URLs everywhere, also when pages link root-relative (``SITEURL=""``).

Pelican builds feed links from ``SITEURL``, which is empty in local builds; feed readers
need absolute links (RFC 4287 §4.2.6 ids must be IRIs), so feeds use ``SITE_ABSOLUTE_URL``.
"""

from __future__ import annotations

import re
from typing import Any, overload

from pelican.writers import Writer

_ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")/(?!/)')


@overload
def absolutize(fragment: str, site_url: str) -> str: ...


@overload
def absolutize(fragment: None, site_url: str) -> None: ...


def absolutize(fragment: str | None, site_url: str) -> str | None:
    """Make root-relative ``href``/``src`` attributes absolute."""
    if not fragment:
        return fragment
    return _ROOT_RELATIVE.sub(lambda m: f"{m.group(1)}{site_url}/", fragment)


class AbsoluteFeedWriter(Writer):
    """Pelican's writer, but feeds are written with the absolute site URL."""

    def write_feed(self, elements: Any, context: dict[str, Any], *args: Any,
                   **kwargs: Any) -> Any:
        """Write the feed as Pelican does, with ``SITEURL`` set to the absolute URL."""
        site_url = context.get("SITE_ABSOLUTE_URL") or context.get("SITEURL", "")
        return super().write_feed(elements, {**context, "SITEURL": site_url}, *args, **kwargs)


def absolutize_items(context: dict[str, Any], feed: Any) -> None:
    """``feed_generated`` receiver: absolute links inside the entries' HTML too."""
    site_url = context.get("SITEURL", "")
    for item in feed.items:
        for key in ("description", "content"):
            item[key] = absolutize(item.get(key), site_url)
