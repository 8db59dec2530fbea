"""Links that open a GitHub issue form with fields already filled in."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote, urlencode

from rebellab.forms.mailforms import form_definition


def issue_form_url(repository_url: str, form_path: Path, prefill: Mapping[str, str]) -> str:
    """``…/issues/new?template=<form>&title=…&<id>=…``: GitHub fills text fields by id.

    ``prefill["title"]`` follows the form's own title prefix (``Kommentar: …``); only text
    fields are prefilled, since GitHub falls back to the blank editor for other kinds.
    """
    form = form_definition(form_path)
    text_ids = {item["id"] for item in form["body"]
                if item.get("id") and item["type"] in ("input", "textarea")}
    query = {"template": Path(form_path).name}
    if prefill.get("title"):
        query["title"] = f"{form.get('title', '')}{prefill['title']}"
    query.update({key: value for key, value in prefill.items() if key in text_ids and value})
    return f"{repository_url.rstrip('/')}/issues/new?{urlencode(query, quote_via=quote)}"
