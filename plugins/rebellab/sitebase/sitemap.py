"""The sitemap and ``/robots.txt`` from the pages the build actually wrote."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date, datetime
from fnmatch import fnmatch
from pathlib import Path
from xml.sax.saxutils import escape

from rebellab.kernel.today import day_of

EXCLUDED = {"404.html"}


def page_url(output_path: str | Path, written: str | Path, site_url: str,
             excluded: Iterable[str] = ()) -> str | None:
    """Absolute URL of a written HTML file, ``None`` when it is no page for search engines.

    ``excluded`` are fnmatch patterns over output paths (``SITEMAP_EXCLUDE``).
    """
    # Both paths come from the writer's output folder: comparing their normalised text
    # spares two resolve() calls (a system call per path component) on every page.
    base, path = os.path.abspath(output_path), os.path.abspath(written)
    if not path.startswith(base + os.sep):
        return None
    relative = path[len(base) + 1:].replace(os.sep, "/")
    if not relative.endswith(".html") or relative in EXCLUDED:
        return None
    if any(fnmatch(relative, pattern) for pattern in excluded):
        return None
    if relative == "index.html":
        return f"{site_url}/"
    if relative.endswith("/index.html"):
        return f"{site_url}/{relative[: -len('index.html')]}"
    return f"{site_url}/{relative}"


def sitemap_xml(entries: dict[str, date | datetime | None]) -> str:
    """Sitemap protocol 0.9; ``entries`` maps absolute URL to last modification (or None)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url in sorted(entries):
        lastmod = entries[url]
        stamp = f"<lastmod>{day_of(lastmod).isoformat()}</lastmod>" if lastmod else ""
        lines.append(f"  <url><loc>{escape(url)}</loc>{stamp}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(sitemap_url: str) -> str:
    """Everything may be crawled; the sitemap says where the pages are."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"
