"""The Content-Security-Policy setting as the value of a ``<meta http-equiv>`` tag.

Pure functions, used as Jinja filters by ``base.html``: ``csp_policy`` renders the policy,
``style_element`` writes a page type's inline CSS whose hash ``csp_policy`` lists.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping, Sequence

from markupsafe import Markup


def style_source(css: str) -> str:
    """Return the hash source that allows one inline ``<style>`` with this text (CSP 3 §8.4)."""
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def csp_policy(policy: Mapping[str, Sequence[str]], inline_styles: Sequence[str] = ()) -> str:
    """Return ``directive source …; …``, each inline style's hash added to style-src."""
    directives = {name: list(sources) for name, sources in policy.items()}
    if inline_styles:
        # Without 'self' a new style-src would also block the site's own stylesheet.
        style_src = directives.setdefault("style-src", ["'self'"])
        style_src.extend(style_source(css) for css in inline_styles)
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def style_element(css: str) -> Markup:
    """``<style>`` with ``css`` as its text, byte for byte what ``style_source`` hashed.

    Only for CSS from the theme: the text is not escaped (a ``<style>`` has no entities), so a
    closing tag inside it would end the element early and is refused.
    """
    if "</style" in css.lower():
        raise ValueError("Inline-CSS darf kein </style> enthalten")
    return Markup(f"<style>{css}</style>")
