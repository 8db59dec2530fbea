"""The older and newer post beside each post, as plain links for its page.

Pelican hands a post's page all posts (``articles``); finding the neighbours there in the
template costs a pass over every post per post page, and makes each post page depend on
every other post (page fingerprints, rebellab.sitebase.fingerprint). A post keeps only the
titles and addresses of its two neighbours instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PostLink:
    """Title and address of a post, as the post navigation shows it."""

    title: str
    url: str


@dataclass(frozen=True)
class Neighbours:
    """The post after (older) and before (newer) a post in the blog's order."""

    older: PostLink | None
    newer: PostLink | None


def link_neighbours(generator: Any) -> None:
    """``article_generator_finalized`` receiver: set ``neighbours`` on every listed post."""
    posts = generator.articles  # newest first (ARTICLE_ORDER_BY)
    links = [PostLink(post.title, post.url) for post in posts]
    for index, post in enumerate(posts):
        post.neighbours = Neighbours(
            older=links[index + 1] if index + 1 < len(posts) else None,
            newer=links[index - 1] if index > 0 else None)
