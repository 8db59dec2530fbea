"""The site's one slug function: Pelican's, with the settings' German table."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import pelican.contents
import pelican.urlwrappers
from pelican.utils import slugify as pelican_slugify


def slugify(text: str, settings: Mapping[str, Any]) -> str:
    """URL slug of ``text`` as Pelican makes it for posts, tags and authors.

    ``settings`` are Pelican's (a generator's ``self.settings``, or for scripts
    ``pelican.settings.read_settings("pelicanconf.py")``): their
    ``SLUG_REGEX_SUBSTITUTIONS`` say how German text becomes a slug.
    """
    return kept_pelican_slugify(text, settings["SLUG_REGEX_SUBSTITUTIONS"],
                                settings["SLUGIFY_PRESERVE_CASE"],
                                settings["SLUGIFY_USE_UNICODE"])


def kept_pelican_slugify(value: str, regex_subs: Iterable[Iterable[str]] = (),
                         preserve_case: bool = False, use_unicode: bool = False) -> str:
    """Pelican's ``slugify`` (same arguments), each slug computed once per process."""
    substitutions = tuple(map(tuple, regex_subs))
    try:
        return _slugify(value, substitutions, preserve_case, use_unicode)
    except TypeError:  # a value that cannot be a key: Pelican's function as it is
        return _slugify.__wrapped__(value, substitutions, preserve_case, use_unicode)


def keep_pelicans_slugs() -> None:
    """Let Pelican's own calls of ``slugify`` keep their results (:func:`kept_pelican_slugify`).

    Pelican slugs every post's title (``pelican.contents``) and every tag, category and
    author of every post (``pelican.urlwrappers``) with its ``slugify``, which runs the
    German table's 41 regular expressions each time. In a cold build of make bench's big
    lab that was 14,153 calls in the process that reads the posts, while the other core
    waited (cProfile); 14,000 such calls took 0.70 s on the bench machine. The function is
    pure, so a kept result is the same slug.
    """
    pelican.contents.slugify = kept_pelican_slugify
    pelican.urlwrappers.slugify = kept_pelican_slugify


# Pelican's slugify normalises Unicode and runs the table's 41 regular expressions; the
# same organisation and topic names are slugged thousands of times per build (make bench,
# 1/4 lab: 8,500 calls, 1.0 s before, 0.1 s after).
@lru_cache(maxsize=65536)
def _slugify(text: str, substitutions: tuple[tuple[str, ...], ...], preserve_case: bool,
             use_unicode: bool) -> str:
    slug: str = pelican_slugify(text, regex_subs=[tuple(pair) for pair in substitutions],
                                preserve_case=preserve_case, use_unicode=use_unicode)
    return slug
