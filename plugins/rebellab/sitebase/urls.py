"""The site's URL scheme: ``<TYPE>_URL`` and ``<TYPE>_SAVE_AS`` patterns from the settings.

Pelican spells the place of a page type as two settings (``ARTICLE_URL`` for links,
``ARTICLE_SAVE_AS`` for the file) formatted with the object's fields; the lab's own types
(``EVENT_URL``, ``PROFILE_URL``, ...) follow it, so that ``pelicanconf.py`` is the one place
that names paths.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar


def setting_url(settings: Mapping[str, Any], name: str, **fields: object) -> str:
    """Link path (no leading slash) of page type ``name``, e.g. ``("TOPIC", slug="x")``."""
    return str(settings[f"{name}_URL"]).format(**fields)


def setting_save_as(settings: Mapping[str, Any], name: str, **fields: object) -> str:
    """Output file of page type ``name`` below the output folder."""
    return str(settings[f"{name}_SAVE_AS"]).format(**fields)


def absolute_url(settings: Mapping[str, Any], path: str) -> str:
    """``path`` below ``SITE_ABSOLUTE_URL`` (iCal, JSON-LD, feeds, open data need it)."""
    return f"{str(settings['SITE_ABSOLUTE_URL']).rstrip('/')}/{path}"


class Located:
    """Mixin for models with a page: ``url``/``save_as`` from ``<URL_SETTING>_URL``/``_SAVE_AS``.

    Like Pelican's ``URLWrapper``, the patterns are formatted with the object's fields
    (``url_fields``, by default its ``slug``); the settings come in as an argument because
    the models are frozen and built before Pelican runs.
    """

    URL_SETTING: ClassVar[str]
    slug: str

    def url_fields(self) -> dict[str, object]:
        """Fields the URL patterns may use."""
        return {"slug": self.slug}

    def url(self, settings: Mapping[str, Any]) -> str:
        """Link path without leading slash."""
        return setting_url(settings, self.URL_SETTING, **self.url_fields())

    def save_as(self, settings: Mapping[str, Any]) -> str:
        """Output file below the output folder."""
        return setting_save_as(settings, self.URL_SETTING, **self.url_fields())


class UrlFilter:
    """The template filter ``{{ event|url }}``, ``{{ "TOPIC"|url(slug=key) }}``.

    A class rather than a closure: Pelican pickles its settings (content cache), and the
    filter sits in them (``JINJA_FILTERS``).
    """

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self.settings = settings

    def __call__(self, target: Located | str, **fields: object) -> str:
        """Link path of a model, or of the page type named by a settings prefix."""
        if isinstance(target, str):
            return setting_url(self.settings, target, **fields)
        return target.url(self.settings)
