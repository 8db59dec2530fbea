"""Atom feeds of comments: one per post and one for the whole site."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from feedgen.feed import FeedGenerator

from rebellab.comments.model import Comment
from rebellab.comments.text import comment_html
from rebellab.sitebase.feeds import absolutize


@dataclass(frozen=True)
class PostRef:
    """What a feed entry needs of the commented post: title and absolute URL."""

    title: str
    url: str


def comments_feed(comments: Sequence[Comment], posts: Mapping[str, PostRef], *, title: str,
                  feed_url: str, page_url: str, site_name: str, site_url: str,
                  updated: datetime) -> bytes:
    """Atom feed of ``comments``, newest first; ``updated`` holds when there are none.

    Every value is escaped by feedgen; the text is the sanitised HTML of the page.
    """
    generator = FeedGenerator()
    generator.id(feed_url)
    generator.title(title)
    generator.link(href=page_url, rel="alternate")
    generator.link(href=feed_url, rel="self")
    generator.language("de")
    generator.author({"name": site_name})
    generator.generator("feedgen")
    generator.updated(max((c.date for c in comments), default=updated))
    # feedgen puts the last added entry first, so add oldest first.
    for comment in sorted(comments, key=lambda c: (c.date, c.post, c.id)):
        _add_entry(generator, comment, posts[comment.post], site_url)
    feed: bytes = generator.atom_str(pretty=True)
    return feed


def _add_entry(generator: FeedGenerator, comment: Comment, post: PostRef, site_url: str
               ) -> None:
    entry = generator.add_entry()
    url = f"{post.url}#{comment.anchor}"
    entry.id(url)
    entry.title(f"{comment.name} zu „{post.title}“")
    entry.link(href=url, rel="alternate")
    entry.author({"name": comment.name, **({"uri": comment.website_url}
                                            if comment.website_url else {})})
    entry.published(comment.date)
    entry.updated(comment.date)
    entry.content(absolutize(str(comment_html(comment.text)), site_url), type="html")
