"""Registration of the comments capability with Pelican."""

from __future__ import annotations

from typing import Any

from pelican import signals

from rebellab.comments.discussion import Discussion, count_label
from rebellab.comments.generator import CommentsGenerator, discussion
from rebellab.comments.jsonld import comment_entries
from rebellab.comments.text import UGC_REL, comment_html
from rebellab.sitebase.fingerprint import reads


def add_globals(generator: Any) -> None:
    """``comments_of(article)`` and the comment filters, read from the lab at render time."""
    env = getattr(generator, "env", None)
    if env is None:
        return
    context, settings = generator.context, generator.settings
    cache: dict[str, Discussion] = {}

    def comments_of(article: Any) -> Discussion:
        if article.slug not in cache:
            cache[article.slug] = discussion(settings, context["lab"].discussions, article)
        return cache[article.slug]

    env.globals.update(comments_of=reads("lab.discussions")(comments_of),
                       COMMENT_LINK_REL=UGC_REL)
    env.filters.update(comment_html=comment_html, comment_count_label=count_label,
                       comment_jsonld=comment_entries)


def get_generators(_: Any) -> type[CommentsGenerator]:
    """Add the comments generator (feeds)."""
    return CommentsGenerator


def register() -> None:
    """Pelican entry point."""
    signals.generator_init.connect(add_globals)
    signals.get_generators.connect(get_generators)
