"""Template globals for the two ways to send a form: e-mail first, then GitHub.

``{{ form_mail_url("kommentar.yml", post=slug, title=title) }}`` and
``{{ form_issue_url("kommentar.yml", post=slug, title=title) }}``; the forms are read from
``ISSUE_FORMS_PATH``, the address from ``EDITORIAL_EMAIL``, the repository from
``REPOSITORY_URL``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals

from rebellab.forms.issueforms import issue_form_url
from rebellab.forms.mailforms import mailto_url
from rebellab.sitebase.fingerprint import reads


def form_path(settings: dict[str, Any], form: str) -> Path:
    """Return the issue form file ``form`` (e.g. ``kommentar.yml``) named by the settings."""
    return Path(settings["ISSUE_FORMS_PATH"]) / form


def add_globals(generator: Any) -> None:
    """Register ``form_mail_url`` and ``form_issue_url`` in the generator's templates."""
    env = getattr(generator, "env", None)
    if env is None:
        return
    settings = generator.settings
    # The links are made from the form files at render time; pages that show them depend
    # on the files' text (page fingerprints, rebellab.sitebase.fingerprint).
    generator.context["issue_forms"] = form_texts(settings)
    env.globals.update(
        form_mail_url=reads("issue_forms")(lambda form, **prefill: mailto_url(
            settings["EDITORIAL_EMAIL"], form_path(settings, form), prefill)),
        form_issue_url=reads("issue_forms")(lambda form, **prefill: issue_form_url(
            settings["REPOSITORY_URL"], form_path(settings, form), prefill)))


def form_texts(settings: dict[str, Any]) -> dict[str, bytes]:
    """Return the bytes of every issue form file, by name."""
    folder = Path(settings["ISSUE_FORMS_PATH"])
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.yml"))}


def register() -> None:
    """Pelican entry point."""
    signals.generator_init.connect(add_globals)
