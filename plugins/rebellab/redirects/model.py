"""A redirect from an old address of this site to its new one (``data/redirects.yaml``)."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote

from rebellab.kernel.fields import Fields, check_url

KEYS = ("from", "to")
_PAGE_SUFFIXES = (".html", ".htm")
_UNSAFE = re.compile(r"[\s\"'<>\\]")


@dataclass(frozen=True)
class Redirect:
    """``source`` (a path starting with ``/``) now lives at ``target`` (path or URL)."""

    source: str
    target: str
    rel: str = ""
    line: int = 1

    @property
    def save_as(self) -> str:
        """The stub's file below the output folder."""
        return save_as(self.source)

    def target_url(self, site_url: str) -> str:
        """``target`` as a link: site paths below ``site_url`` (may be "" for root-relative)."""
        return f"{site_url}{self.target}" if self.target.startswith("/") else self.target

    @classmethod
    def from_mapping(cls, rel: str, fields: Fields) -> Redirect | None:
        """Build from one entry of the list; ``None`` (with problems) when invalid."""
        source = fields.text("from", required=True)
        target = fields.text("to", required=True)
        fields.finish(KEYS)
        if source is not None and (message := source_problem(source)):
            fields.error("from", f"'from': {message}")
            source = None
        if target is not None and (message := target_problem(target)):
            fields.error("to", f"'to': {message}")
            target = None
        if source is None or target is None:
            return None
        if target == source:
            fields.error("to", f"'to' ist gleich 'from' ({source}); die Seite würde sich immer "
                               "wieder selbst aufrufen.")
            return None
        return cls(source=source, target=target, rel=rel, line=fields.line("from"))


def save_as(path: str) -> str:
    """Where a file server looks for ``path``: ``/a/b/`` and ``/a/b`` -> ``a/b/index.html``.

    Percent-escapes are decoded, as the server does before looking up the file.
    """
    decoded = unquote(path).lstrip("/")
    if decoded.endswith(_PAGE_SUFFIXES):
        return decoded
    return f"{decoded.rstrip('/')}/index.html"


def source_problem(source: str) -> str | None:
    """Return a German message if ``source`` cannot be the path of a stub page."""
    if not source.startswith("/") or source.startswith("//"):
        return (f"'{source}' ist kein Pfad dieser Website; er beginnt mit einem '/', z. B. "
                "/2012/01/03/alter-beitrag/.")
    if "?" in source or "#" in source:
        return (f"'{source}' enthält '?' oder '#'; ein Webserver für statische Dateien "
                "übergeht alles ab dort, daher lässt sich so eine Adresse nicht weiterleiten.")
    decoded = unquote(source)
    if _UNSAFE.search(decoded) or "/." in decoded or posixpath.normpath(decoded) in ("/", "."):
        return (f"'{source}' ist als Pfad nicht möglich (Leerzeichen, Anführungszeichen, "
                "'..' oder versteckte Ordner sind nicht erlaubt; '/' ist die Startseite).")
    return None


def target_problem(target: str) -> str | None:
    """Return a German message unless ``target`` is a path of this site or an http(s) URL."""
    if target.startswith("/") and not target.startswith("//"):
        return None if not _UNSAFE.search(target) else \
            f"'{target}' enthält Leerzeichen oder Anführungszeichen."
    if check_url(target) is None:
        return None
    return (f"'{target}' ist weder ein Pfad dieser Website (beginnt mit '/', z. B. "
            "/blog/2012/neuer-beitrag/) noch eine Adresse mit http:// oder https://.")
