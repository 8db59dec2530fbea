"""A submitted form (issue form or its e-mail twin) as answers by field id.

Both ``scripts/issue_to_yaml.py`` (GitHub issue bodies) and ``scripts/from_mail.py`` (e-mails
written from ``rebellab.forms.mailforms``'s template) read into :class:`Form`, so one function
turns either into a content file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

FORMS_DIR = Path(__file__).resolve().parent.parent / ".github" / "ISSUE_TEMPLATE"
NO_RESPONSE = "_No response_"  # GitHub's text for an empty field


class FormError(Exception):
    """Problems with the submitted form, already in German, one per line."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("\n".join(messages))


@dataclass
class Form:
    """One submitted form: the answers by field id, and the labels to name fields."""

    name: str
    answers: dict[str, str]
    labels: dict[str, str]
    errors: list[str] = field(default_factory=list)

    def value(self, field_id: str, *, required: bool = False) -> str:
        """Return the answer, stripped; record an empty required answer as an error."""
        answer = self.answers.get(field_id, "")
        if required and not answer:
            self.error(field_id, "ist leer; bitte ausfüllen.")
        return answer

    def error(self, field_id: str, message: str) -> None:
        """Record a problem with one field."""
        self.errors.append(f"Feld „{self.labels.get(field_id, field_id)}“ {message}")

    def checked(self, field_id: str) -> bool:
        """Whether every box of a checkboxes field is ticked."""
        boxes = re.findall(r"^- \[([ xX])\]", self.answers.get(field_id, ""), re.MULTILINE)
        return bool(boxes) and all(box in "xX" for box in boxes)

    def fail_if_errors(self) -> None:
        """Raise the recorded problems, if any."""
        if self.errors:
            raise FormError(self.errors)


@cache
def form_definition(form_path: Path) -> dict[str, Any]:
    """Load an issue form (``.github/ISSUE_TEMPLATE/<name>.yml``)."""
    form: dict[str, Any] = yaml.safe_load(form_path.read_text(encoding="utf-8"))
    return form


def form_path(form_name: str) -> Path:
    """Where the issue form ``form_name`` (``kommentar``) is defined."""
    return FORMS_DIR / f"{form_name}.yml"


def form_fields(form_name: str) -> list[dict[str, Any]]:
    """Return the submitted fields (body items with an id) of a form, in order."""
    return [item for item in form_definition(form_path(form_name))["body"] if "id" in item]


def form_labels(form_name: str) -> dict[str, str]:
    """Field id → label, for every field of the form that has an id."""
    return {item["id"]: item["attributes"]["label"] for item in form_fields(form_name)}


def one_of(names: list[str]) -> str:
    """Join quoted German alternatives: „A“, „B“ oder „C“."""
    quoted = [f"„{name}“" for name in names]
    return " oder ".join([", ".join(quoted[:-1]), quoted[-1]] if quoted[:-1] else quoted)


def issue_body(form: Form) -> str:
    """Render the form as GitHub shows a submitted issue: ``### Label``, blank line, answer."""
    return "\n\n".join(f"### {label}\n\n{form.answers.get(field_id) or NO_RESPONSE}"
                       for field_id, label in form.labels.items()) + "\n"
