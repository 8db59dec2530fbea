"""What a post's page shows about its comments: threads, count, feed and the ways to write."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rebellab.comments.model import Comment
from rebellab.comments.threads import Thread

# (prefill by field id) -> URL; the forms plugin makes one for the e-mail way, one for GitHub.
FormLink = Callable[[Mapping[str, str]], str]


@dataclass(frozen=True)
class Discussion:
    """The comments of one post as its templates need them."""

    post: str  # slug
    title: str  # the post's title, plain text
    threads: tuple[Thread, ...]
    count: int
    open: bool  # False when the post says "Comments: closed"
    feed_url: str  # path below the site root
    mail_link: FormLink
    issue_link: FormLink

    def _prefill(self, comment: Comment | None) -> dict[str, str]:
        prefill = {"post": self.post, "title": self.title}
        if comment is not None:
            prefill["reply_to"] = comment.id
        return prefill

    def mail_url(self, comment: Comment | None = None) -> str:
        """``mailto:`` link of the comment form for this post (or a reply to ``comment``)."""
        return self.mail_link(self._prefill(comment))

    def form_url(self, comment: Comment | None = None) -> str:
        """GitHub issue form link for this post (or a reply to ``comment``)."""
        return self.issue_link(self._prefill(comment))


def count_label(count: int) -> str:
    """``1 Kommentar``, ``3 Kommentare``, ``Keine Kommentare``."""
    if count == 0:
        return "Keine Kommentare"
    return f"{count} Kommentar{'' if count == 1 else 'e'}"
