"""Media from ``wp-content/uploads``: copied from a local folder or fetched, never hotlinked."""

from __future__ import annotations

import http.client
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from scripts.wordpress_import.writer import EDITED, FOREIGN, NEW, UNCHANGED, Writer

TARGET = "content/images/blog"
# What may be published from uploads. No SVG: it can carry scripts.
EXTENSIONS = {"jpg", "jpeg", "png", "gif", "webp", "avif", "pdf", "mp3", "m4a", "ogg", "wav",
              "mp4", "webm", "ogv", "odt", "ods", "odp", "docx", "xlsx", "pptx", "txt", "csv"}
# WordPress links resized copies as name-300x200.jpg; wp:attachment_url names the original.
_RESIZED = re.compile(r"-\d+x\d+(\.\w+)$")
_PHOTON = re.compile(r"^i\d\.wp\.com$")
_SAFE_SEGMENT = re.compile(r"^[\w.-]+$")


@dataclass
class Fetcher:
    """HTTP(S) downloads with a time and size limit per file."""

    timeout: float = 20.0
    max_bytes: int = 20 * 1024 * 1024

    def fetch(self, url: str) -> bytes:
        """Return the file's bytes; raise ValueError with a German reason."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise ValueError("nur http(s) wird geladen")
        deadline = time.monotonic() + self.timeout
        request = urllib.request.Request(url, headers={"User-Agent": "rebellab-wordpress-import"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                length = response.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > self.max_bytes:
                    raise ValueError(f"zu groß ({int(length)} Bytes, höchstens {self.max_bytes})")
                return self._read(response, deadline)
        except urllib.error.HTTPError as error:
            raise ValueError(f"HTTP-Fehler {error.code}") from error
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise ValueError(f"nicht erreichbar ({reason})") from error

    def _read(self, response: http.client.HTTPResponse, deadline: float) -> bytes:
        chunks, size = [], 0
        while chunk := response.read(65536):
            size += len(chunk)
            if size > self.max_bytes:
                raise ValueError(f"zu groß (mehr als {self.max_bytes} Bytes)")
            if time.monotonic() > deadline:
                raise ValueError(f"Zeitlimit von {self.timeout:g} s überschritten")
            chunks.append(chunk)
        return b"".join(chunks)


@dataclass
class Media:
    """Maps upload URLs to files below content/images/blog/ and the site URLs of those."""

    writer: Writer
    hosts: set[str]
    blog_url: str
    folder: Path | None = None
    fetcher: Fetcher | None = None
    resolved: dict[str, str | None] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # rel -> how it came (for the report)

    def upload_path(self, url: str) -> str | None:
        """Return ``2012/01/bild.jpg`` for an upload URL of the blog, else None."""
        absolute = urljoin(self.blog_url + "/", url)
        parts = urlsplit(absolute)
        host = (parts.hostname or "").lower()
        path = unquote(parts.path)
        if host.endswith(".files.wordpress.com"):
            rel = path.lstrip("/")
        elif _PHOTON.match(host) and path.lstrip("/").split("/", 1)[0] in self.hosts \
                and "/wp-content/uploads/" in path:
            rel = path.split("/wp-content/uploads/", 1)[1]  # Jetpack's image CDN (i0.wp.com)
        elif host in self.hosts and "/wp-content/uploads/" in path:
            rel = path.split("/wp-content/uploads/", 1)[1]
        else:
            return None
        segments = rel.split("/")
        if not all(_SAFE_SEGMENT.match(s) and s not in (".", "..") for s in segments):
            return None
        return "/".join(segments) if rel.rsplit(".", 1)[-1].lower() in EXTENSIONS else None

    def resolve(self, url: str) -> str | None:
        """Return the local copy's site URL (made now if needed), or None."""
        if url not in self.resolved:
            self.resolved[url] = self._resolve(url)
        return self.resolved[url]

    def _resolve(self, url: str) -> str | None:
        rel = self.upload_path(url)
        if rel is None:
            return None
        candidates = [rel]
        original = _RESIZED.sub(r"\1", rel)
        if original != rel:
            candidates.append(original)
        if self.folder is None and self.fetcher is None:
            self.failures[url] = "weder Medienordner (MEDIA=…) noch --download angegeben"
            return None
        reasons = []
        for candidate in candidates:
            target = f"{TARGET}/{candidate}"
            if self.writer.state(target) in (UNCHANGED, EDITED, FOREIGN):
                self.writer.outcomes.setdefault(target, UNCHANGED)
                self.files.setdefault(target, "vorhanden")
                return "/" + target.removeprefix("content/")
            data, reason = self._obtain(url, rel, candidate)
            if data is not None:
                self.files[target] = self.writer.write(target, data)
                return "/" + target.removeprefix("content/")
            reasons.append(reason)
        self.failures[url] = "; ".join(reasons)
        return None

    def _obtain(self, url: str, rel: str, candidate: str) -> tuple[bytes | None, str]:
        if self.folder is not None:
            source = self.folder / candidate
            if source.is_file():
                return source.read_bytes(), ""
        if self.fetcher is not None:
            absolute = urljoin(self.blog_url + "/", url)
            if candidate != rel:
                absolute = absolute[: absolute.rfind("/") + 1] + candidate.rsplit("/", 1)[-1]
            try:
                return self.fetcher.fetch(absolute), ""
            except ValueError as error:
                return None, f"{absolute}: {error}"
        return None, f"nicht im Medienordner ({candidate})"


__all__ = ["NEW", "Fetcher", "Media"]
