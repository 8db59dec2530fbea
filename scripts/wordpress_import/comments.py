"""Approved WordPress comments to one YAML file each: ``data/comments/<slug>/<date>-<n>.yaml``.

Only names, dates, text and an optional website are kept; e-mail and IP addresses are
personal data the site does not need (CJEU C-582/14; shared/reference §5), so they are
never read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from scripts.contentwriter import block, scalar
from scripts.wordpress_import.markup import Context, comment_markdown
from scripts.wordpress_import.wxr import Comment

FOLDER = "data/comments"
_SKIPPED_TYPES = {"pingback": "Pingback", "trackback": "Trackback"}
_NOT_APPROVED = {"0": "nicht freigegeben", "spam": "Spam", "trash": "im Papierkorb",
                 "post-trashed": "Beitrag im Papierkorb"}


@dataclass(frozen=True)
class CommentFile:
    """One comment as it is written: file name (without suffix) and the YAML text."""

    key: str
    text: str


def skip_reason(comment: Comment) -> str | None:
    """Why a comment is not imported, or None."""
    if comment.type in _SKIPPED_TYPES:
        return _SKIPPED_TYPES[comment.type]
    if comment.type not in ("", "comment"):
        return f"Kommentartyp „{comment.type}“"
    if comment.approved != "1":
        return _NOT_APPROVED.get(comment.approved, f"Status „{comment.approved}“")
    if comment.date is None:
        return "ohne Datum"
    return None


def _keys(comments: list[Comment]) -> dict[str, str]:
    """Map comment ids to ``YYYY-MM-DD-n``, numbered per day in date order."""
    per_day: dict[str, int] = defaultdict(int)
    keys = {}
    for comment in sorted(comments, key=lambda c: (c.date, int(c.id or 0))):
        assert comment.date is not None  # undated comments are skipped (skip_reason)
        day = comment.date.strftime("%Y-%m-%d")
        per_day[day] += 1
        keys[comment.id] = f"{day}-{per_day[day]}"
    return keys


def _answered(comment: Comment, kept: dict[str, Comment], everything: dict[str, Comment]
              ) -> str | None:
    """Id of the nearest kept ancestor: replies to dropped comments move up the thread."""
    parent, seen = comment.parent, set()
    while parent not in ("", "0") and parent not in seen:
        if parent in kept:
            return parent
        seen.add(parent)
        parent = everything[parent].parent if parent in everything else "0"
    return None


def render(comment: Comment, text: str, reply_to: str | None) -> str:
    """Render one comment file (the format comments are read in)."""
    name = " ".join(comment.author.split()) or "Anonym"
    date = comment.date
    assert date is not None
    lines = f"name: {scalar(name)}\n" + f"date: {date:%Y-%m-%d %H:%M}\n"
    lines += block("text", text) if "\n" in text else f"text: {scalar(text)}\n"
    url = comment.author_url
    if url.lower().startswith(("http://", "https://")) and " " not in url:
        lines += f"website: {scalar(url)}\n"
    if reply_to:
        lines += f"reply_to: {reply_to}\n"
    return lines + f"consent: {date:%Y-%m-%d}\nsource: wordpress\n"


def comment_files(comments: tuple[Comment, ...], context: Context
                  ) -> tuple[list[CommentFile], list[str]]:
    """Files for the approved comments of one post, and German notes on the rest."""
    everything = {c.id: c for c in comments}
    notes, skipped = [], []
    kept: dict[str, Comment] = {}
    for comment in comments:
        reason = skip_reason(comment)
        if reason:
            skipped.append(f"{comment.id} ({reason})")
        else:
            kept[comment.id] = comment
    if skipped:
        notes.append(f"{len(skipped)} Kommentar(e) nicht übernommen: {', '.join(skipped)}")
    keys = _keys(list(kept.values()))
    files = []
    for comment in sorted(kept.values(), key=lambda c: keys[c.id]):
        own = replace(context, notes=[])
        text = comment_markdown(comment.content, own) or "(ohne Text)"
        notes += [f"Kommentar {comment.id}: {note}" for note in own.notes]
        answered = _answered(comment, kept, everything)
        if comment.parent not in ("", "0") and answered != comment.parent:
            notes.append(f"Kommentar {comment.id}: beantworteter Kommentar {comment.parent} "
                         "nicht übernommen, " + ("hängt jetzt an " + keys[answered]
                                                 if answered else "steht jetzt oben"))
        files.append(CommentFile(keys[comment.id],
                                 render(comment, text, keys[answered] if answered else None)))
    return files, notes
