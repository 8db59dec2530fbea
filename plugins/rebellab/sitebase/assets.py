"""One stylesheet for the whole site: every ``theme/css/*.css`` in name order."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_BLANK_LINES = re.compile(r"\n\s*\n+")


def css_sources(css_dir: Path) -> list[Path]:
    """Return the stylesheets to bundle, sorted by file name (``00-base.css`` first)."""
    return sorted(css_dir.glob("*.css"), key=lambda path: path.name)


def bundle_css(sources: list[Path]) -> str:
    """Concatenate the stylesheets, dropping comments and blank lines (a light minify)."""
    parts = []
    for source in sources:
        text = _COMMENT.sub("", source.read_text(encoding="utf-8"))
        lines = (line.rstrip() for line in text.splitlines())
        parts.append("\n".join(line for line in lines if line.strip()))
    return _BLANK_LINES.sub("\n", "\n".join(parts)).strip() + "\n"


def content_hash(text: str) -> str:
    """Short, stable fingerprint for the cache-busting query string."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
