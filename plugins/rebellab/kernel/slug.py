"""The site's one slug function: Pelican's, with the settings' German table."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from pelican.utils import slugify as pelican_slugify


def slugify(text: str, settings: Mapping[str, Any]) -> str:
    """URL slug of ``text`` as Pelican makes it for posts, tags and authors.

    ``settings`` are Pelican's (a generator's ``self.settings``, or for scripts
    ``pelican.settings.read_settings("pelicanconf.py")``): their
    ``SLUG_REGEX_SUBSTITUTIONS`` say how German text becomes a slug.
    """
    return _slugify(text, tuple(map(tuple, settings["SLUG_REGEX_SUBSTITUTIONS"])),
                    settings["SLUGIFY_PRESERVE_CASE"], settings["SLUGIFY_USE_UNICODE"])


# Pelican's slugify normalises Unicode and runs a dozen regular expressions; the same
# organisation and topic names are slugged thousands of times per build (make bench, 1/4
# lab: 8,500 calls, 1.0 s before, 0.1 s after).
@lru_cache(maxsize=65536)
def _slugify(text: str, substitutions: tuple[tuple[str, ...], ...], preserve_case: bool,
             use_unicode: bool) -> str:
    slug: str = pelican_slugify(text, regex_subs=[tuple(pair) for pair in substitutions],
                                preserve_case=preserve_case, use_unicode=use_unicode)
    return slug
