"""Replies nested under the comments they answer; broken references and cycles found."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from rebellab.comments.model import Comment
from rebellab.kernel.problems import Problem


@dataclass(frozen=True)
class Thread:
    """A comment and the threads of its replies, oldest first."""

    comment: Comment
    replies: tuple[Thread, ...] = ()

    def count(self) -> int:
        """Return the number of comments in this thread, itself included."""
        return 1 + sum(reply.count() for reply in self.replies)


def thread_problems(comments: Sequence[Comment], present: Collection[str] = ()
                    ) -> list[Problem]:
    """Problems with ``reply_to`` in one post's comments: unknown target, itself, a cycle.

    ``present`` names files that exist but are invalid (reported on their own): answering
    one of them is no further problem.
    """
    by_id = {comment.id: comment for comment in comments}
    problems = []
    for comment in comments:
        if comment.reply_to in present and comment.reply_to not in by_id:
            continue
        message = _reply_problem(comment, by_id)
        if message:
            problems.append(Problem(comment.rel, comment.reply_line, message))
    return problems


def _reply_problem(comment: Comment, by_id: dict[str, Comment]) -> str | None:
    target = comment.reply_to
    if target is None:
        return None
    if target == comment.id:
        return "'reply_to' nennt den Kommentar selbst; ein Kommentar kann nicht auf sich " \
               "selbst antworten."
    if target not in by_id:
        others = sorted(set(by_id) - {comment.id})
        hint = difflib.get_close_matches(target, others, n=1, cutoff=0.8)
        suffix = f" Meinten Sie '{hint[0]}'?" if hint else ""
        return (f"Unbekannter Kommentar '{target}' in 'reply_to': zum Beitrag '{comment.post}' "
                f"gibt es keine Datei {target}.yaml.{suffix}")
    cycle = _cycle(comment, by_id)
    if cycle:
        return ("'reply_to' bildet einen Kreis: " + " → ".join(cycle) + "; eine der Antworten "
                "muss auf einen Kommentar außerhalb des Kreises verweisen.")
    return None


def _cycle(comment: Comment, by_id: dict[str, Comment]) -> list[str]:
    """Return the ids from ``comment`` round its cycle back to it; [] if it reaches a root."""
    path = [comment.id]
    current = comment
    while current.reply_to in by_id and current.reply_to != current.id:
        current = by_id[current.reply_to]
        if current.id == comment.id:
            return [*path, comment.id]
        if current.id in path:
            return []  # a cycle further up; reported at its own members
        path.append(current.id)
    return []


def threads(comments: Iterable[Comment]) -> tuple[Thread, ...]:
    """Top-level comments with their replies, each level ordered by date, then id.

    Assumes :func:`thread_problems` found nothing: comments in a cycle are left out.
    """
    ordered = sorted(comments, key=lambda c: (c.date, c.id))
    children: dict[str | None, list[Comment]] = {}
    for comment in ordered:
        children.setdefault(comment.reply_to, []).append(comment)
    known = {comment.id for comment in ordered}

    def build(comment: Comment) -> Thread:
        return Thread(comment, tuple(build(reply) for reply in children.get(comment.id, ())))

    roots = [c for c in ordered if c.reply_to is None or c.reply_to not in known]
    return tuple(build(comment) for comment in roots)
