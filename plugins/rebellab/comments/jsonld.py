"""schema.org ``Comment`` entries for a post's ``BlogPosting``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rebellab.comments.text import comment_plain_text
from rebellab.comments.threads import Thread


def comment_entries(threads: Iterable[Thread], page_url: str) -> list[dict[str, Any]]:
    """Top-level comments, each with its replies in ``comment`` (as schema.org nests them)."""
    return [_entry(thread, page_url, None) for thread in threads]


def _entry(thread: Thread, page_url: str, parent: str | None) -> dict[str, Any]:
    comment = thread.comment
    url = f"{page_url}#{comment.anchor}"
    author: dict[str, Any] = {"@type": "Person", "name": comment.name}
    if comment.website_url:
        author["url"] = comment.website_url
    entry: dict[str, Any] = {"@type": "Comment", "@id": url, "url": url, "author": author,
                             "dateCreated": comment.date.isoformat(),
                             "text": comment_plain_text(comment.text)}
    if parent:
        entry["parentItem"] = {"@id": parent}
    if thread.replies:
        entry["comment"] = [_entry(reply, page_url, url) for reply in thread.replies]
    return entry
