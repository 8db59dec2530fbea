"""Sanitise what Pelican's readers produced from content files (they arrive by pull request).

Pelican renders Markdown (and raw HTML inside it) itself; this runs on every content object
before templates or feeds see it, so ``content`` and ``summary`` are safe to mark ``|safe``.
"""

from __future__ import annotations

import re
from typing import Any

from rebellab.sitebase.feeds import absolutize
from rebellab.sitebase.markup import sanitize_html

_H1 = re.compile(r"<h1[\s>]", re.IGNORECASE)
_HEADING = re.compile(r"<(/?)h([1-6])", re.IGNORECASE)


def demote_headings(fragment: str) -> str:
    """Shift all headings one level down when the text uses ``h1`` (the page owns its h1)."""
    if not _H1.search(fragment):
        return fragment
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", fragment)


def clean_fragment(fragment: str, site_url: str = "") -> str:
    """Sanitised HTML as a plain ``str`` (Pelican concatenates and edits it later).

    Root-relative links (``/veranstaltungen/``) get ``site_url`` in front, so they also work
    when the site is published below a path (``https://example.github.io/labor``).
    """
    cleaned = str(sanitize_html(demote_headings(fragment or "")))
    return absolutize(cleaned, site_url) if site_url else cleaned


def sanitize_content(instance: Any) -> None:
    """``content_object_init`` receiver: clean the body and any explicit summary in place.

    Uses ``_content``/``_summary``: the public properties would resolve internal links too
    early (pelican-plugins#314).
    """
    site_url = (getattr(instance, "settings", None) or {}).get("SITEURL", "")
    if getattr(instance, "_content", None):
        instance._content = clean_fragment(instance._content, site_url)
    summary = instance.metadata.get("summary")
    if isinstance(summary, str):
        cleaned = clean_fragment(summary, site_url)
        instance.metadata["summary"] = cleaned
        if hasattr(instance, "_summary"):
            instance._summary = cleaned
