"""The e-mail twin of each issue form: subject and plain-text body, and reading them back.

The issue forms in ``.github/ISSUE_TEMPLATE/`` are the one source of truth: the subject is the
form's name, the body has one line ``Label* (Hinweis): `` per field. :func:`mailto_url` makes
a ``mailto:`` link (RFC 6068) for the site's templates; :func:`read_fields` turns the text of
an answer back into the answers an issue body would give, for ``scripts/from_mail.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml

# Outlook and others fail on long mailto links (no documented limit; ~2000 is what works).
MAX_MAILTO_LENGTH = 2000
INTRO = ("Bitte die Angaben hinter den Doppelpunkten eintragen (* = Pflichtangabe). "
         "Ihre Absendeadresse wird weder veröffentlicht noch gespeichert.")
YES = frozenset({"ja", "x", "[x]", "yes", "ok", "einverstanden", "ich willige ein",
                 "ja, ich willige ein", "ich stimme zu", "zugestimmt"})
# Detail of the hints, most first; mailto_url drops detail until the link is short enough.
FULL, PLACEHOLDERS, CONSENT_ONLY = 2, 1, 0
_REPLY_PREFIX = re.compile(r"^\s*((re|aw|wg|fw|fwd|antw|sv|vs)\s*(\[\d+\])?\s*:\s*)+",
                           re.IGNORECASE)
_EMPTY = frozenset({"-", "–", "—", "/", "keine", "keiner", "nein"})


@cache
def form_definition(form_path: Path) -> dict[str, Any]:
    """Return the issue form as loaded from its YAML file (read once per path)."""
    form: dict[str, Any] = yaml.safe_load(Path(form_path).read_text(encoding="utf-8"))
    return form


def _fields(form_path: Path) -> list[dict[str, Any]]:
    return [item for item in form_definition(form_path)["body"] if "id" in item]


# -- writing the template ---------------------------------------------------------------------
def mail_template(form_path: Path) -> tuple[str, str]:
    """Return subject and body of the e-mail twin of an issue form, with every hint."""
    return form_definition(form_path)["name"], _body(form_path, {}, FULL)


def mailto_url(address: str, form_path: Path, prefill: Mapping[str, str]) -> str:
    """Return a ``mailto:`` link with the form's template, prefilled by field id.

    ``prefill["title"]`` (as in the issue form's URL) is added to the subject. Hints are
    dropped, most detailed first, until the link fits :data:`MAX_MAILTO_LENGTH`.
    """
    subject = form_definition(form_path)["name"]
    titled = f"{subject}: {prefill['title']}" if prefill.get("title") else subject
    for subject_text in dict.fromkeys((titled, subject)):
        for detail in (FULL, PLACEHOLDERS, CONSENT_ONLY):
            url = _url(address, subject_text, _body(form_path, prefill, detail))
            if len(url) <= MAX_MAILTO_LENGTH:
                return url
    raise ValueError(f"mailto link for {Path(form_path).name} is longer than "
                     f"{MAX_MAILTO_LENGTH} characters")


def _url(address: str, subject: str, body: str) -> str:
    # RFC 6068 §5: line breaks are %0D%0A; quote() without safe characters encodes &, =,
    # ?, #, % and spaces (as %20: "+" is no space in mailto).
    crlf = body.replace("\n", "\r\n")
    return (f"mailto:{quote(address, safe='@')}?subject={quote(subject, safe='')}"
            f"&body={quote(crlf, safe='')}")


def _body(form_path: Path, prefill: Mapping[str, str], detail: int) -> str:
    lines = [INTRO, ""] if detail > CONSENT_ONLY else []
    lines += [field_line(item, prefill.get(item["id"], ""), detail)
              for item in _fields(form_path)]
    return "\n".join(lines) + "\n"


def field_line(item: Mapping[str, Any], value: str, detail: int = FULL) -> str:
    """Return one line ``Label* (Hinweis): value`` of the template."""
    star = "*" if _required(item) else ""
    hint = _hint(item, detail)
    return f"{item['attributes']['label']}{star}{f' ({hint})' if hint else ''}: {value}"


def _required(item: Mapping[str, Any]) -> bool:
    options = item["attributes"].get("options", [])
    boxes_required = item["type"] == "checkboxes" and any(
        isinstance(option, dict) and option.get("required") for option in options)
    return boxes_required or bool(item.get("validations", {}).get("required"))


def _hint(item: Mapping[str, Any], detail: int) -> str:
    attributes = item["attributes"]
    if item["type"] == "checkboxes":
        statements = " ".join(option["label"] for option in attributes["options"])
        return f"{statements} Zustimmen mit ja"
    if detail >= PLACEHOLDERS and attributes.get("placeholder"):
        placeholder: str = attributes["placeholder"]
        return placeholder
    if detail >= FULL and item["type"] == "dropdown":
        choices = " / ".join(attributes["options"])
        return f"mehrere möglich: {choices}" if attributes.get("multiple") else choices
    return ""


# -- reading an answer back -------------------------------------------------------------------
def form_of_subject(subject: str, form_paths: Iterable[Path]) -> Path | None:
    """Return the form whose name starts the subject (after ``Re:``, ``AW:``, ``WG:``…)."""
    wanted = _REPLY_PREFIX.sub("", subject).strip().casefold()
    for path in form_paths:
        name = form_definition(path)["name"].casefold()
        if wanted == name or wanted.startswith((f"{name}:", f"{name} ")):
            return path
    return None


def read_fields(form_path: Path, text: str) -> dict[str, str]:
    """Return the answers by field id, shaped as in an issue body, from ``Label: value`` lines.

    A value continues on the following lines until the next label; text before the first
    label is ignored, and so is a label that comes a second time (it is then text).
    """
    fields = _fields(form_path)
    patterns = sorted(((item["id"], _label_pattern(item["attributes"]["label"]))
                       for item in fields), key=lambda pair: -len(pair[1].pattern))
    collected: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.split("\n"):
        match = next(((fid, m) for fid, pattern in patterns if (m := pattern.match(line))
                      and fid not in collected), None)
        if match is not None:
            current = collected[match[0]] = [match[1].group(1)]
        elif current is not None:
            current.append(line)
    raw = {fid: "\n".join(line.rstrip() for line in lines).strip()
           for fid, lines in collected.items()}
    return {item["id"]: _answer(item, raw[item["id"]]) for item in fields if item["id"] in raw}


def _label_pattern(label: str) -> re.Pattern[str]:
    # "Label", an optional star, an optional "(hint)" (greedy: hints may hold brackets),
    # then the colon; the value follows on the same line or the next ones.
    return re.compile(rf"^[ \t]*{re.escape(label)}[ \t]*\*?[ \t]*(?:\(.*\))?[ \t]*\*?[ \t]*:"
                      r"[ \t]*(.*)$", re.IGNORECASE)


def _answer(item: Mapping[str, Any], value: str) -> str:
    if value.casefold() in _EMPTY and item["type"] != "checkboxes":
        return ""
    if item["type"] == "checkboxes":
        mark = "x" if value.strip(" .!").casefold() in YES else " "
        return "\n".join(f"- [{mark}] {option['label']}"
                         for option in item["attributes"]["options"])
    if item["type"] == "dropdown":
        return _choices(value, item["attributes"])
    return value


def _choices(value: str, attributes: Mapping[str, Any]) -> str:
    """Spell chosen options as the form does; several are joined by ", " as GitHub does."""
    if attributes.get("multiple"):
        value = re.sub(r"\s*(?:\n|;| / )\s*", ", ", value)
    for option in sorted(attributes["options"], key=len, reverse=True):
        value = re.sub(rf"(?<![^\s,]){re.escape(option)}(?![^\s,])", option, value,
                       flags=re.IGNORECASE)
    return value
