"""Small helpers for reading built fixture sites."""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

from bs4 import BeautifulSoup

import pelicanconf

# Feeds, canonical links and the sitemap must use this, never the local SITEURL ("").
ABSOLUTE_URL = "https://labor.example"
# A production site published below a path, as GitHub Pages does for project sites.
SUBPATH_URL = "https://verwaltungsrebellen.example/labor"


def soup(output: Path, path: str) -> BeautifulSoup:
    """Parse a written page; ``path`` is the URL path ("blog/", "404.html")."""
    file = output / path / "index.html" if not path.endswith(".html") else output / path
    assert file.is_file(), f"{path} wurde nicht geschrieben"
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def html_pages(output: Path) -> list[Path]:
    """Every page of a built site with the site's frame (base.html), sorted.

    Widget pages (``SITEMAP_EXCLUDE``) are framed on partner sites and stand alone: no
    navigation, no canonical link, not in the sitemap (tests/network checks them).
    """
    return sorted(path for path in output.rglob("*.html")
                  if not any(fnmatch(path.relative_to(output).as_posix(), pattern)
                             for pattern in pelicanconf.SITEMAP_EXCLUDE))
