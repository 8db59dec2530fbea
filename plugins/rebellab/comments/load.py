"""Read ``data/comments/<post-slug>/*.yaml`` and the posts' ``Comments:`` metadata.

Called by :func:`rebellab.lab.load.load_lab`, so ``make check`` and the build find the same
problems. A folder must be named after a post (its slug, as in the post's address).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rebellab.comments.model import COMMENT_ID, Comment
from rebellab.comments.threads import Thread, thread_problems, threads
from rebellab.kernel.fields import Fields
from rebellab.kernel.posts import Post
from rebellab.kernel.problems import Problem
from rebellab.kernel.yamlfile import LineDict, load_yaml_file

FOLDER = "data/comments"
COMMENTS_STATES = ("open", "closed")  # the post's "Comments:" metadata


@dataclass(frozen=True)
class Discussions:
    """Every post's comments, validated and threaded."""

    comments: Mapping[str, tuple[Comment, ...]] = field(default_factory=dict)  # by post slug
    closed: frozenset[str] = frozenset()  # slugs of posts with "Comments: closed"

    def threads(self, post: str) -> tuple[Thread, ...]:
        """Return the threads of one post (none when it has no comments)."""
        return threads(self.comments.get(post, ()))

    def count(self, post: str) -> int:
        """Return the number of comments on one post."""
        return len(self.comments.get(post, ()))

    def all(self) -> list[Comment]:
        """All comments of the site, newest first."""
        every = [comment for group in self.comments.values() for comment in group]
        return sorted(every, key=lambda c: (c.date, c.post, c.id), reverse=True)


def load_discussions(root: Path, posts: Mapping[str, Post], today: date | None,
                     problems: list[Problem]) -> Discussions:
    """Read every comment below ``root``; append every problem to ``problems``."""
    closed = frozenset(slug for slug, post in posts.items() if _closed(post, problems))
    comments: dict[str, tuple[Comment, ...]] = {}
    folder = root / FOLDER
    for name, is_dir in _entries(folder):
        rel = f"{FOLDER}/{name}"
        if not is_dir:
            problems.append(Problem(rel, 1, "Kommentare liegen in einem Ordner je Beitrag: "
                                            f"{FOLDER}/<kurzname-des-beitrags>/{name}."))
            continue
        group = _post_comments(root, name, posts, today, problems)
        if group:
            present = {os.path.splitext(entry)[0] for entry, _ in _entries(folder / name)}
            problems.extend(thread_problems(group, present))
            comments[name] = group
    return Discussions(comments=comments, closed=closed)


def _closed(post: Post, problems: list[Problem]) -> bool:
    value, line = post.metadata.get("comments", ("open", 0))
    if value.lower() not in COMMENTS_STATES:
        problems.append(Problem(post.rel, line, f"'Comments: {value}' ist unbekannt; erlaubt "
                                                "sind open und closed."))
        return False
    return value.lower() == "closed"


def _entries(folder: Path) -> list[tuple[str, bool]]:
    if not folder.is_dir():
        return []
    with os.scandir(folder) as scan:
        return sorted((entry.name, entry.is_dir()) for entry in scan
                      if not entry.name.startswith((".", "_")) and entry.name != "README.md")


def _post_comments(root: Path, post: str, posts: Mapping[str, Post], today: date | None,
                   problems: list[Problem]) -> tuple[Comment, ...]:
    files = _entries(root / FOLDER / post)
    if files and post not in posts:
        hint = difflib.get_close_matches(post, sorted(posts), n=1, cutoff=0.6)
        suffix = f" Meinten Sie '{hint[0]}'?" if hint else ""
        problems.append(Problem(f"{FOLDER}/{post}/{files[0][0]}", 1,
                                f"Zum Ordner '{post}' gibt es keinen Blogbeitrag; der Ordner "
                                f"trägt den Kurznamen aus der Adresse des Beitrags.{suffix}"))
        return ()
    found = []
    for name, is_dir in files:
        comment = _comment(root, post, name, is_dir, today, problems)
        if comment is not None:
            found.append(comment)
    return tuple(found)


def _comment(root: Path, post: str, name: str, is_dir: bool, today: date | None,
             problems: list[Problem]) -> Comment | None:
    rel = f"{FOLDER}/{post}/{name}"
    stem, suffix = os.path.splitext(name)
    if is_dir or suffix != ".yaml" or not COMMENT_ID.fullmatch(stem):
        problems.append(Problem(rel, 1, "Der Dateiname muss JJJJ-MM-TT-n.yaml lauten (Tag des "
                                        "Kommentars und laufende Nummer, z. B. "
                                        "2020-08-21-1.yaml)."))
        return None
    data, found = load_yaml_file(root / rel, rel)
    problems.extend(found)
    if not isinstance(data, LineDict):
        if data is not None:
            problems.append(Problem(rel, getattr(data, "line", 1), "Die Datei muss aus "
                                    "Schlüsseln mit Werten bestehen (z. B. 'name: Vorname N.')."))
        return None
    before = len(problems)
    comment = Comment.from_mapping(post, stem, rel, Fields(data, rel, problems), today)
    return None if found or len(problems) > before else comment
