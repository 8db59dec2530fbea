"""The comment form: "Kommentar schreiben" becomes ``data/comments/<post>/<day>-<n>.yaml``.

Checked here is what the form needs: name, text and consent are there, the website is an
http(s) address, the post and the answered comment exist. No e-mail or IP address is ever
written (the form has no field for them).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from rebellab.kernel.fields import check_url
from rebellab.kernel.posts import blog_posts
from scripts.contentwriter import FOLDERS, render_comment
from scripts.formdata import Form

COMMENT_ID = re.compile(r"\b\d{4}-\d{2}-\d{2}-\d+\b")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # not allowed in YAML


def comment_file(form: Form, root: Path, submitted: datetime) -> tuple[Path, str]:
    """Where the comment of ``form`` goes, and the file's text; raises FormError."""
    post, values = comment_values(form, root, submitted)
    path = next_comment_path(root / FOLDERS["comment"] / post, submitted.date())
    return path, render_comment(values)


def comment_values(form: Form, root: Path, submitted: datetime) -> tuple[str, dict[str, Any]]:
    """Return the post's slug and the comment file's values from a "Kommentar schreiben" form."""
    post = find_post(form, root)
    name = clean(form.value("name", required=True))
    if "\n" in name:
        form.error("name", "hat mehrere Zeilen; bitte nur den Namen angeben.")
    text = clean(form.value("text", required=True))
    website = form.value("website")
    if website and (message := check_url(website)):
        form.errors.append(f"Feld „{form.labels['website']}“: {message}")
    reply_to = reply_target(form, root, post)
    if not form.checked("consent"):
        form.error("consent", "ist nicht angekreuzt; ohne Einwilligung wird kein Kommentar "
                              "veröffentlicht.")
    form.fail_if_errors()
    return post, {"name": name, "date": f"{submitted:%Y-%m-%d %H:%M}", "text": text,
                  "website": website or None, "reply_to": reply_to,
                  "consent": submitted.date().isoformat()}


def clean(text: str) -> str:
    """Drop control characters that YAML cannot hold; keep line breaks and tabs."""
    return _CONTROL.sub("", text.replace("\r\n", "\n")).strip()


def find_post(form: Form, root: Path) -> str:
    """Return the slug of the post named in field ``post`` (slug, address or title)."""
    given = form.value("post", required=True)
    if not given:
        return ""
    posts = {slug: post.title for slug, post in blog_posts(root).items()}
    candidate = urlsplit(given).path.rstrip("/").rsplit("/", 1)[-1]
    by_title = {title.casefold(): slug for slug, title in posts.items()}
    slug = candidate if candidate in posts else by_title.get(given.casefold())
    if slug is None:
        form.error("post", f"enthält '{given}', aber es gibt keinen Blogbeitrag mit diesem "
                           "Kurznamen. Er steht in der Adresse des Beitrags: "
                           "…/blog/2020/kurzname/.")
        return ""
    return slug


def reply_target(form: Form, root: Path, post: str) -> str | None:
    """Return the answered comment's id (``2020-08-20-1``) from field ``reply_to``."""
    given = form.value("reply_to")
    if not given or not post:
        return None
    match = COMMENT_ID.search(given)
    if match is None:
        form.error("reply_to", f"enthält '{given}'; erwartet wird die Kennung eines Kommentars, "
                               "z. B. 2020-08-20-1.")
        return None
    if not (root / FOLDERS["comment"] / post / f"{match.group()}.yaml").is_file():
        form.error("reply_to", f"enthält '{given}', aber zum Beitrag '{post}' gibt es keinen "
                               f"Kommentar {match.group()}.")
        return None
    return match.group()


def next_comment_path(folder: Path, day: date) -> Path:
    """``<folder>/<day>-<n>.yaml`` with the next free number ``n`` for that day."""
    pattern = re.compile(rf"{day.isoformat()}-(\d+)\.yaml")
    taken = [int(m.group(1)) for p in folder.glob(f"{day.isoformat()}-*.yaml")
             if (m := pattern.fullmatch(p.name))]
    return folder / f"{day.isoformat()}-{max(taken, default=0) + 1}.yaml"
