"""The blog posts and pages Pelican will build, read from their headers before Pelican runs.

Comment folders and redirects refer to posts by the slug in their address; the issue form
script and ``make check`` need those slugs without a Pelican build. This is the one place
that derives them: the ``Slug`` metadata, else Pelican's ``slugify`` of the title with the
site's settings. Drafts (``Status: draft``) get no page and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from pelican.settings import read_settings
from pelican.utils import get_date

from rebellab.kernel.files import PELICAN_MARKDOWN_SUFFIXES, is_content
from rebellab.kernel.slug import slugify

REPO = Path(__file__).resolve().parents[3]
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*?)\s*$")


@dataclass(frozen=True)
class ContentRules:
    """The settings that decide a post's or page's slug and address."""

    article_paths: tuple[str, ...] = ("blog",)
    page_paths: tuple[str, ...] = ("pages",)
    article_url: str = "blog/{date:%Y}/{slug}/"
    page_url: str = "{slug}/"
    regex_subs: tuple[tuple[str, str], ...] = ()
    preserve_case: bool = False
    use_unicode: bool = False

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> ContentRules:
        """Take the rules from Pelican settings."""
        return cls(article_paths=tuple(settings["ARTICLE_PATHS"]),
                   page_paths=tuple(settings["PAGE_PATHS"]),
                   article_url=settings["ARTICLE_URL"], page_url=settings["PAGE_URL"],
                   regex_subs=tuple(map(tuple, settings["SLUG_REGEX_SUBSTITUTIONS"])),
                   preserve_case=settings["SLUGIFY_PRESERVE_CASE"],
                   use_unicode=settings["SLUGIFY_USE_UNICODE"])

    def slug(self, title: str) -> str:
        """Return the slug Pelican gives a title (``SLUGIFY_SOURCE = "title"``)."""
        return slugify(title, {"SLUG_REGEX_SUBSTITUTIONS": list(self.regex_subs),
                               "SLUGIFY_PRESERVE_CASE": self.preserve_case,
                               "SLUGIFY_USE_UNICODE": self.use_unicode})


@dataclass(frozen=True)
class Post:
    """A post or page as its header names it."""

    slug: str
    title: str
    rel: str  # path relative to the lab root, for messages
    url: str | None  # the address without leading slash; None when the date is unreadable
    metadata: Mapping[str, tuple[str, int]]  # lower-case key -> (value, line)


@cache
def site_rules() -> ContentRules:
    """Return the repository's rules from ``pelicanconf.py`` (read once)."""
    return ContentRules.from_settings(read_settings(str(REPO / "pelicanconf.py")))


def blog_posts(root: Path, rules: ContentRules | None = None) -> dict[str, Post]:
    """Slug -> post for every post below ``content/`` that is not a draft."""
    rules = rules or site_rules()
    return _documents(root, rules.article_paths, rules, rules.article_url)


def site_pages(root: Path, rules: ContentRules | None = None) -> dict[str, Post]:
    """Slug -> page for every page below ``content/`` that is not a draft."""
    rules = rules or site_rules()
    return _documents(root, rules.page_paths, rules, rules.page_url)


def _documents(root: Path, folders: tuple[str, ...], rules: ContentRules, url: str
               ) -> dict[str, Post]:
    found: dict[str, Post] = {}
    for folder in folders:
        for path in sorted((root / "content" / folder).rglob("*")):
            if (path.suffix in PELICAN_MARKDOWN_SUFFIXES and path.is_file()
                    and is_content(path.name)):
                post = _post(root, path, rules, url)
                if post is not None:
                    found[post.slug] = post
    return found


def _post(root: Path, path: Path, rules: ContentRules, url: str) -> Post | None:
    meta = metadata(path.read_text(encoding="utf-8-sig", errors="replace"))
    title = meta.get("title", ("", 0))[0]
    if meta.get("status", ("", 0))[0].lower() == "draft" or not title:
        return None
    slug = meta.get("slug", ("", 0))[0] or rules.slug(title)
    return Post(slug=slug, title=title, rel=path.relative_to(root).as_posix(),
                url=_address(url, slug, meta.get("date", ("", 0))[0]), metadata=meta)


def _address(pattern: str, slug: str, date_text: str) -> str | None:
    try:
        day: datetime | None = get_date(date_text) if date_text else None
    except (ValueError, OverflowError):
        day = None
    try:
        return pattern.format(slug=slug, date=day) if day or "{date" not in pattern else None
    except (KeyError, IndexError, ValueError):
        return None


def metadata(text: str) -> dict[str, tuple[str, int]]:
    """Read the ``Key: value`` header of a Pelican Markdown file: key -> (value, line)."""
    meta: dict[str, tuple[str, int]] = {}
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        match = _HEADER_LINE.match(line)
        if not line.strip() or match is None:
            break
        meta[match.group(1).lower()] = (match.group(2), number)
    return meta
