"""The profile's ``bio``: Markdown, sanitised like all content, and without images.

Images in a bio would load from wherever their URL points (a tracking pixel on someone
else's server); the profile photo comes only from the ``image`` field, processed locally.
"""

from __future__ import annotations

import nh3
from markupsafe import Markup

from rebellab.sitebase.markup import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES, render_markdown

_TAGS = ALLOWED_TAGS - {"img"}
_ATTRIBUTES = {tag: attrs for tag, attrs in ALLOWED_ATTRIBUTES.items() if tag in _TAGS}


def bio_html(text: str) -> Markup:
    """Render a bio below the page's h2 sections (``#`` becomes h3), images dropped."""
    rendered = render_markdown(text, shift_headings=2)
    cleaned = nh3.clean(str(rendered), tags=_TAGS, attributes=_ATTRIBUTES,
                        url_schemes=URL_SCHEMES, link_rel="noopener noreferrer",
                        strip_comments=True)
    return Markup(cleaned)  # nh3 output: a subset of what render_markdown allows
