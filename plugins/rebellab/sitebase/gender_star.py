"""Markdown extension: the gender star (``Kolleg*innen``) stays a star, never emphasis.

Python-Markdown allows ``*`` emphasis inside words, so ``Kolleg*innen … Mitstreiter*innen``
would turn the text between the stars italic. A star between two letters is taken literally;
code spans are untouched (their pattern runs first).
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor

# Between two letters (not digits: 2*3 in running text is rare, but keep it neutral).
GENDER_STAR = r"(?<=[^\W\d_])\*(?=[^\W\d_])"


class GenderStarProcessor(InlineProcessor):
    """Turn a star between letters into literal text before emphasis sees it."""

    # InlineProcessor itself changes the signature of Pattern.handleMatch (types-Markdown
    # ignores the same override in its stub), so the override cannot match both bases.
    def handleMatch(  # type: ignore[override]
            self, m: re.Match[str], data: str) -> tuple[str, int, int]:
        """Return the star as plain text."""
        return "*", m.start(0), m.end(0)


class GenderStarExtension(Extension):
    """Register the processor above ``em_strong`` (priority 60)."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the inline pattern."""
        md.inlinePatterns.register(GenderStarProcessor(GENDER_STAR, md), "gender_star", 65)


def makeExtension(**kwargs: Any) -> GenderStarExtension:
    """Entry point for ``markdown.Markdown(extensions=["rebellab.sitebase.gender_star"])``."""
    return GenderStarExtension(**kwargs)

