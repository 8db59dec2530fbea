"""The widget's inline stylesheet, minified. Pure.

A widget page is framed by partner sites: it loads nothing, runs nothing and allows exactly
its own ``<style>`` element by hash (``WIDGET_CONTENT_SECURITY_POLICY`` through
``sitebase.csp``), so even a changed page could not pull in anything else.
"""

from __future__ import annotations

import re
from pathlib import Path

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_SPACE = re.compile(r"\s+")


def widget_css(path: Path) -> str:
    """Return the stylesheet without comments and line breaks (sent with every widget)."""
    text = _COMMENT.sub("", path.read_text(encoding="utf-8"))
    text = _SPACE.sub(" ", text).strip()
    return re.sub(r"\s*([{};:,>])\s*", r"\1", text)
