"""Sanitise what Pelican's readers produced from content files (they arrive by pull request).

Pelican renders Markdown (and raw HTML inside it) itself; this runs on every content object
before templates or feeds see it, so ``content`` and ``summary`` are safe to mark ``|safe``.
"""

from __future__ import annotations

import re
from typing import Any

from sitebase.markup import sanitize_html

_H1 = re.compile(r"<h1[\s>]", re.IGNORECASE)
_HEADING = re.compile(r"<(/?)h([1-6])", re.IGNORECASE)


def demote_headings(fragment: str) -> str:
    """Shift all headings one level down when the text uses ``h1`` (the page owns its h1)."""
    if not _H1.search(fragment):
        return fragment
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", fragment)


def clean_fragment(fragment: str) -> str:
    """Sanitised HTML as a plain ``str`` (Pelican concatenates and edits it later)."""
    return str(sanitize_html(demote_headings(fragment or "")))


def sanitize_content(instance: Any) -> None:
    """``content_object_init`` receiver: clean the body and any explicit summary in place.

    Uses ``_content``/``_summary``: the public properties would resolve internal links too
    early (pelican-plugins#314).
    """
    if getattr(instance, "_content", None):
        instance._content = clean_fragment(instance._content)
    summary = instance.metadata.get("summary")
    if isinstance(summary, str):
        cleaned = clean_fragment(summary)
        instance.metadata["summary"] = cleaned
        if hasattr(instance, "_summary"):
            instance._summary = cleaned
