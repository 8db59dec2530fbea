"""The site's one slug function: Pelican's, with the settings' German table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pelican.utils import slugify as pelican_slugify


def slugify(text: str, settings: Mapping[str, Any]) -> str:
    """URL slug of ``text`` as Pelican makes it for posts, tags and authors.

    ``settings`` are Pelican's (a generator's ``self.settings``, or for scripts
    ``pelican.settings.read_settings("pelicanconf.py")``): their
    ``SLUG_REGEX_SUBSTITUTIONS`` say how German text becomes a slug.
    """
    slug: str = pelican_slugify(text, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"],
                                preserve_case=settings["SLUGIFY_PRESERVE_CASE"],
                                use_unicode=settings["SLUGIFY_USE_UNICODE"])
    return slug
