"""The widget's inline stylesheet and the Content-Security-Policy that admits only it. Pure.

A widget page is framed by partner sites: it loads nothing, runs nothing and allows exactly
its own ``<style>`` element by hash (CSP Level 2 ``'sha256-…'``), so even a changed page
could not pull in anything else. ``frame-ancestors`` is left out: in a ``<meta>`` element
browsers ignore it (MDN; whatwg/html#523).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_SPACE = re.compile(r"\s+")


def widget_css(path: Path) -> str:
    """Return the stylesheet without comments and line breaks (sent with every widget)."""
    text = _COMMENT.sub("", path.read_text(encoding="utf-8"))
    text = _SPACE.sub(" ", text).strip()
    return re.sub(r"\s*([{};:,>])\s*", r"\1", text)


def style_hash(css: str) -> str:
    """CSP source for an inline ``<style>`` whose text is exactly ``css``."""
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(css: str) -> str:
    """Nothing but the one stylesheet; no scripts, images, fonts, forms or base URL."""
    return (f"default-src 'none'; style-src {style_hash(css)}; base-uri 'none'; "
            "form-action 'none'")
