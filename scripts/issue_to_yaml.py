"""Turn a submitted issue form into a content file, for contributors without Git.

GitHub renders an issue form as ``### <label>`` sections (``_No response_`` when empty).
This script reads such a body, writes ``data/events/<slug>.yaml``,
``data/rebels/<slug>.yaml`` (or deletes a profile on request) or
``data/comments/<post>/<day>-<n>.yaml``, checks the result with the rules of ``make check``
(comments: with the form's own rules) and prints the path(s) it changed. Problems are printed
in German, naming the form field, and nothing is left behind. ``scripts/from_mail.py`` feeds
e-mails into the same :func:`apply_form`.

    python scripts/issue_to_yaml.py [--kind veranstaltung|profil|kommentar]
        [--date JJJJ-MM-TT|ISO-ZEITPUNKT] [--time HH:MM] BODY.md
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

# The repository (for scripts.*) and the plugins (for rebellab.*) when run as a script.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rebellab.kernel.yamlfile import LineDict, load_yaml_file, load_yaml_text
from rebellab.lab.load import Lab, load_site_lab
from scripts import commentform
from scripts.contentwriter import (
    FOLDERS,
    REPO,
    check_file,
    file_slug,
    render_event,
    render_profile,
    site_settings,
    write_new,
)
from scripts.formdata import (
    NO_RESPONSE,
    Form,
    FormError,
    form_definition,
    form_labels,
    form_path,
    one_of,
)

# The forms that become content files; "barriere" (report a barrier) stays an issue.
FORMS = {"veranstaltung": "event", "profil": "profile", "kommentar": "comment"}
BERLIN = ZoneInfo("Europe/Berlin")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?:\s*Uhr)?$", re.IGNORECASE)

# Which form field a key of the written file came from, to name it in messages.
EVENT_SOURCES = {"title": "title", "format": "format", "start": "date", "end": "end_time",
                 "location.name": "location_name", "location.address": "location_address",
                 "location.accessibility": "accessibility", "online.url": "online_url",
                 "online.platform": "online_platform", "description": "description",
                 "registration.url": "registration_url", "cost": "cost", "topics": "topics",
                 "partners": "partners", "hosts": "hosts"}
PROFILE_SOURCES = {"name": "name", "organisation": "organisation", "role": "role",
                   "partner": "partner", "region": "region", "topics": "topics",
                   "offers": "offers", "seeks": "seeks", "bio": "bio", "contact.email": "email",
                   "contact.website": "website", "contact.mastodon": "mastodon",
                   "contact.linkedin": "linkedin", "consent": "consent"}


# -- reading the body ----------------------------------------------------------------------
def sections(body: str) -> dict[str, str]:
    """``### Label`` → answer text; ``_No response_`` becomes empty."""
    result: dict[str, str] = {}
    label: str | None = None
    lines: list[str] = []
    for line in body.replace("\r\n", "\n").split("\n"):
        if line.startswith("### "):
            if label is not None:
                result[label] = _answer(lines)
            label, lines = line[4:].strip(), []
        elif label is not None:
            lines.append(line)
    if label is not None:
        result[label] = _answer(lines)
    return result


def _answer(lines: list[str]) -> str:
    text = "\n".join(lines).strip()
    return "" if text == NO_RESPONSE else text


def read_form(body: str, form_name: str | None) -> Form:
    """Match the body's sections to a form's fields; guess the form when not given."""
    found = sections(body)
    names = [form_name] if form_name else list(FORMS)
    for name in names:
        labels = form_labels(name)
        by_label = {label: field_id for field_id, label in labels.items()}
        if any(label in by_label for label in found):
            answers = {by_label[label]: text for label, text in found.items()
                       if label in by_label}
            missing = [label for label in labels.values() if label not in found]
            if len(missing) > len(labels) // 2:
                continue
            return Form(name, answers, labels)
    expected = one_of([form_definition(form_path(n))["name"] for n in names])
    raise FormError([f"Der Text ist kein ausgefülltes Formular {expected} (die Überschriften "
                     "„### …“ der Formularfelder fehlen)."])


# -- values --------------------------------------------------------------------------------
def parse_form_date(form: Form, field_id: str, text: str) -> date | None:
    """``TT.MM.JJJJ`` (or ``JJJJ-MM-TT``) as a date; records an error otherwise."""
    german, iso = _GERMAN_DATE.match(text), _ISO_DATE.match(text)
    parts = (german.group(3), german.group(2), german.group(1)) if german else \
        iso.groups() if iso else None
    if parts is None:
        form.error(field_id, f"enthält '{text}'; erwartet wird ein Datum als TT.MM.JJJJ, "
                             "z. B. 03.12.2026.")
        return None
    try:
        return date(*map(int, parts))
    except ValueError:
        form.error(field_id, f"enthält '{text}'; diesen Tag gibt es nicht.")
        return None


def parse_form_time(form: Form, field_id: str, text: str) -> str | None:
    """``HH:MM`` (also ``9.30`` or ``16:30 Uhr``) as ``HH:MM``; records an error otherwise."""
    match = _TIME.match(text)
    hour, minute = (int(match.group(1)), int(match.group(2) or 0)) if match else (99, 99)
    if hour < 24 and minute < 60:
        return f"{hour:02d}:{minute:02d}"
    form.error(field_id, f"enthält '{text}'; erwartet wird eine Uhrzeit als HH:MM, z. B. 16:30.")
    return None


def pick(form: Form, field_id: str, choices: Mapping[str, str]) -> list[str]:
    """Keys for a dropdown answer; ``choices`` maps keys to titles.

    GitHub joins several choices with ", ", and titles may contain commas themselves
    ("Neue Räume, Neue Arbeit"), so the answer is matched against the known titles.
    """
    text = form.value(field_id)
    if text == "None":  # GitHub's label for "nothing chosen" in an optional dropdown
        return []
    by_title = {title: key for key, title in choices.items()} | {key: key for key in choices}
    pattern = "|".join(re.escape(t) for t in sorted(by_title, key=len, reverse=True))
    keys = [by_title[m] for m in re.findall(rf"(?:^|(?<=, ))({pattern})(?=, |$)", text)]
    leftover = re.sub(rf"(?:^|(?<=, ))({pattern})(?=, |$)", "", text).strip(", ")
    if leftover and pattern:
        form.error(field_id, f"enthält '{leftover}', das nicht zur Auswahl gehört. Möglich: "
                             f"{', '.join(choices.values())}.")
    return list(dict.fromkeys(keys))


def lines_of(text: str) -> list[str]:
    """One entry per line, list markers removed."""
    return [re.sub(r"^[-*•]\s*", "", line).strip() for line in text.splitlines()
            if re.sub(r"^[-*•]\s*", "", line).strip()]


def comma_list(text: str) -> list[str]:
    """Split ``"a, b"`` into ``["a", "b"]``."""
    return [item.strip() for item in text.split(",") if item.strip()]


# -- events --------------------------------------------------------------------------------
def event_values(form: Form, lab: Lab) -> tuple[str, dict[str, Any]]:
    """Return the event file's slug and values from a "Veranstaltung eintragen" form."""
    title = form.value("title", required=True)
    formats = pick(form, "format", {k: f.title for k, f in lab.formats.items()})
    date_text = form.value("date", required=True)
    day = parse_form_date(form, "date", date_text) if date_text else None
    last_text = form.value("end_date")
    last_day = parse_form_date(form, "end_date", last_text) if last_text else None
    start, end = _event_times(form, day, last_day)
    values = {
        "title": title, "format": formats[0] if formats else None, "start": start,
        "end": end, "location": _event_location(form), "online": _event_online(form),
        "description": form.value("description", required=True),
        "registration": {"url": form.value("registration_url")}
        if form.value("registration_url") else None,
        "cost": form.value("cost") or None,
        "topics": pick(form, "topics", {k: t.title for k, t in lab.topics.items()}),
        "partners": pick(form, "partners", {k: p.name for k, p in lab.partners.items()}),
        "hosts": comma_list(form.value("hosts")),
    }
    if not any(form.value(key) for key in ("location_name", "location_address", "online_url",
                                           "online_platform")):
        form.errors.append(f"Bitte einen Ort („{form.labels['location_name']}“ und "
                           f"„{form.labels['location_address']}“) oder "
                           f"„{form.labels['online_url']}“ angeben.")
    form.fail_if_errors()
    assert day is not None  # an error was raised otherwise
    return f"{day:%Y-%m}-{file_slug(title)}", values


def _event_times(form: Form, day: date | None, last_day: date | None
                 ) -> tuple[str | None, str | None]:
    begins = form.value("start_time")
    ends = form.value("end_time")
    start_time = parse_form_time(form, "start_time", begins) if begins else None
    end_time = parse_form_time(form, "end_time", ends) if ends else None
    if begins and not ends:
        form.error("end_time", "fehlt: Wenn ein Beginn angegeben ist, ist auch das Ende nötig.")
    if ends and not begins:
        form.error("start_time", "fehlt: Wenn ein Ende angegeben ist, ist auch der Beginn "
                                 "nötig.")
    if day is None:
        return None, None
    last = last_day or day
    if start_time and end_time:
        return f"{day} {start_time}", f"{last} {end_time}"
    return str(day), str(last_day) if last_day else None


def _event_location(form: Form) -> dict[str, str | None] | None:
    name, address = form.value("location_name"), form.value("location_address")
    if name and not address:
        form.error("location_address", "ist leer; zu einem Ort gehört die Adresse.")
    if address and not name:
        form.error("location_name", "ist leer; bitte den Ort benennen (z. B. Rathaus Essen).")
    if not (name and address):
        return None
    lines = [line.strip() for line in address.splitlines() if line.strip()]
    return {"name": name, "address": ", ".join(lines),
            "accessibility": form.value("accessibility") or None}


def _event_online(form: Form) -> dict[str, str | None] | None:
    url, platform = form.value("online_url"), form.value("online_platform")
    if not (url or platform):
        return None
    return {"url": url or None, "platform": platform or None}


# -- profiles ------------------------------------------------------------------------------
ACTIONS = {"Profil anlegen": "create", "Profil ändern": "change", "Profil löschen": "delete"}


def profile_values(form: Form, lab: Lab, submitted: date) -> dict[str, Any]:
    """Return the profile file's values from a "Profil anlegen / ändern / löschen" form."""
    if not form.checked("consent"):
        form.error("consent", "ist nicht angekreuzt; ohne Einwilligung wird kein Profil "
                              "veröffentlicht.")
    partners = pick(form, "partner", {k: p.name for k, p in lab.partners.items()})
    values = {
        "name": form.value("name", required=True),
        "organisation": form.value("organisation", required=True),
        "role": form.value("role") or None,
        "partner": partners[0] if partners else None,
        "region": form.value("region") or None,
        "topics": pick(form, "topics", {k: t.title for k, t in lab.topics.items()}),
        "offers": lines_of(form.value("offers")),
        "seeks": lines_of(form.value("seeks")),
        "bio": form.value("bio", required=True),
        "contact": {key: form.value(key) or None
                    for key in ("email", "website", "mastodon", "linkedin")},
        "consent": submitted.isoformat(),
    }
    if not values["topics"]:
        form.error("topics", "ist leer; bitte mindestens ein Thema wählen.")
    form.fail_if_errors()
    return values


def profile_slug(form: Form, root: Path, action: str) -> str:
    """Return the profile's file name: given for changes and deletions, else from the name."""
    given = form.value("slug").strip().strip("/").rsplit("/", 1)[-1]
    slug = given or file_slug(form.value("name"))
    path = root / FOLDERS["profile"] / f"{slug}.yaml"
    if action == "create" and path.exists():
        form.error("name", f"– ein Profil {_rel(root, path)} gibt es schon. Zum Ändern bitte "
                           "„Profil ändern“ wählen.")
    if action != "create" and not path.exists():
        form.error("slug", f"enthält '{slug}', aber es gibt kein Profil {_rel(root, path)}.")
    form.fail_if_errors()
    return slug


def keep_image(values: dict[str, Any], path: Path) -> dict[str, Any]:
    """On a change, keep the photo that is already in the profile (forms cannot upload it)."""
    data, _ = load_yaml_file(path, path.name)
    if isinstance(data, dict):
        for key in ("image", "image_alt"):
            values.setdefault(key, data.get(key))
    return values


def delete_profile(form: Form, root: Path, slug: str) -> list[Path]:
    """Remove the profile file and every mention of it in events and projects."""
    path = root / FOLDERS["profile"] / f"{slug}.yaml"
    data, _ = load_yaml_file(path, path.name)
    stored = str(data.get("name", "")) if isinstance(data, dict) else ""
    if stored and stored.casefold() != form.value("name").casefold():
        form.error("name", f"enthält „{form.value('name')}“, aber das Profil '{slug}' gehört "
                           f"zu „{stored}“. Bitte Name und Kurzname prüfen.")
    form.fail_if_errors()
    path.unlink()
    changed = [path]
    for folder, key in ((FOLDERS["event"], "hosts"), (FOLDERS["project"], "people")):
        for other in sorted((root / folder).glob("*.y*ml")):
            if remove_from_list(other, key, slug):
                changed.append(other)
    return changed


def remove_from_list(path: Path, key: str, item: str) -> bool:
    """Drop ``item`` from the top-level list ``key`` of a YAML file, keeping all else as is."""
    text = path.read_text(encoding="utf-8-sig")
    data, problems = load_yaml_text(text, path.name)
    if problems or not isinstance(data, LineDict) or not isinstance(data.get(key), list) \
            or item not in data[key]:
        return False
    lines = text.splitlines(keepends=True)
    key_line = data.key_lines[key]
    items, item_lines = data[key], data[key].item_lines
    remaining = [value for value in items if value != item]
    if all(line == key_line for line in item_lines):  # flow style: hosts: [a, b]
        indent = lines[key_line - 1][: len(lines[key_line - 1]) - len(lines[key_line - 1]
                                                                      .lstrip())]
        lines[key_line - 1] = f"{indent}{key}: [{', '.join(remaining)}]\n" if remaining else ""
    else:
        for number in sorted((n for v, n in zip(items, item_lines, strict=True) if v == item),
                             reverse=True):
            del lines[number - 1]
        if not remaining:
            del lines[key_line - 1]
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("".join(lines))
    return True


# -- checking the written file -------------------------------------------------------------
def field_messages(form: Form, path: Path, problems: list[Any], sources: dict[str, str]
                   ) -> list[str]:
    """Problems of the written file, each naming the form field its value came from."""
    keys = keys_by_line(path.read_text(encoding="utf-8"))
    messages = []
    for problem in problems:
        key = keys.get(problem.line, "")
        field_id = sources.get(key) or sources.get(key.split(".")[0])
        text = re.sub(r"^'[a-z_.]+': ", "", problem.message)
        label = form.labels.get(field_id or "")
        messages.append(f"Feld „{label}“: {text}" if label else text)
    return messages


def keys_by_line(text: str) -> dict[int, str]:
    """Line number → dotted key (``location.name``) for the lines of a YAML file."""
    data, _ = load_yaml_text(text, "")
    result: dict[int, str] = {}

    def walk(node: Any, prefix: str) -> None:
        if isinstance(node, LineDict):
            for key, value in node.items():
                result[node.key_lines[key]] = prefix + key
                walk(value, f"{prefix}{key}.")
        elif isinstance(node, list):
            for line in getattr(node, "item_lines", []):
                result.setdefault(line, prefix.rstrip("."))
            for item in node:
                walk(item, prefix)

    walk(data, "")
    for line in range(1, text.count("\n") + 2):  # block text lines belong to the key above
        if line not in result and line - 1 in result:
            result[line] = result[line - 1]
    return result


def write_checked(form: Form, root: Path, path: Path, text: str, sources: dict[str, str],
                  *, overwrite: bool = False) -> None:
    """Write the file and check it; on problems restore what was there and raise."""
    previous = path.read_bytes() if path.exists() else None
    write_new(path, text, overwrite=overwrite)
    problems = check_file(root, path)
    if problems:
        messages = field_messages(form, path, problems, sources)
        if previous is None:
            path.unlink()
        else:
            path.write_bytes(previous)
        raise FormError(messages)


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


# -- applying a form -----------------------------------------------------------------------
def convert(body: str, root: Path, form_name: str | None, submitted: datetime
            ) -> tuple[str, list[Path]]:
    """Apply one issue body to the lab below ``root``; return the action and changed files."""
    return apply_form(read_form(body, form_name), root, submitted)


def apply_form(form: Form, root: Path, submitted: datetime) -> tuple[str, list[Path]]:
    """Apply one submitted form (from an issue or an e-mail); return action and files."""
    if form.name == "kommentar":
        path, text = commentform.comment_file(form, root, submitted)
        write_new(path, text)
        return "create", [path]
    if form.name == "veranstaltung":
        return "create", [apply_event(form, root)]
    return apply_profile(form, root, submitted.date())


def apply_event(form: Form, root: Path) -> Path:
    """Write the event of a "Veranstaltung eintragen" form; return its path."""
    slug, values = event_values(form, load_site_lab(root, site_settings()))
    path = root / FOLDERS["event"] / f"{slug}.yaml"
    if path.exists():
        raise FormError([f"Feld „{form.labels['title']}“: Die Datei {_rel(root, path)} gibt "
                         "es schon. Bitte einen anderen Titel wählen oder die Redaktion "
                         "fragen."])
    write_checked(form, root, path, render_event(values), EVENT_SOURCES)
    return path


def apply_profile(form: Form, root: Path, submitted: date) -> tuple[str, list[Path]]:
    """Create, change or delete the profile of a "Profil …" form."""
    action = ACTIONS.get(form.value("action", required=True), "")
    if not action:
        form.error("action", f"enthält '{form.value('action')}'. Möglich: "
                             f"{', '.join(ACTIONS)}.")
    form.fail_if_errors()
    slug = profile_slug(form, root, action)
    path = root / FOLDERS["profile"] / f"{slug}.yaml"
    if action == "delete":
        return action, delete_profile(form, root, slug)
    values = profile_values(form, load_site_lab(root, site_settings()), submitted)
    if action == "change":
        values = keep_image(values, path)
    write_checked(form, root, path, render_profile(values), PROFILE_SOURCES,
                  overwrite=action == "change")
    return action, [path]


def submission_time(day: str | None, time: str | None, now: datetime | None = None
                    ) -> datetime:
    """When the form was sent, in Europe/Berlin.

    ``day`` is ``JJJJ-MM-TT`` or an ISO timestamp such as GitHub's ``created_at``
    (``2026-11-20T08:14:03Z``); ``time`` (``HH:MM``) overrides its time of day. Without
    ``day`` it is ``now``; a bare day without ``time`` means midnight.
    """
    moment = (now or datetime.now(BERLIN)).astimezone(BERLIN)
    if day:
        parsed = datetime.fromisoformat(day.strip())
        moment = parsed.astimezone(BERLIN) if parsed.tzinfo else parsed.replace(tzinfo=BERLIN)
    if time:
        hour, minute = (int(part) for part in time.split(":"))
        moment = moment.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return moment


def checked_submission_time(day: str | None, time: str | None,
                            now: datetime | None = None) -> datetime | None:
    """:func:`submission_time`, or None after a German message on unreadable options."""
    try:
        return submission_time(day, time, now)
    except ValueError:
        given = " ".join(f"{flag} '{value}'" for flag, value in (("--date", day),
                                                                ("--time", time)) if value)
        print(f"{given}: erwartet werden JJJJ-MM-TT (oder ein Zeitpunkt nach ISO 8601) und "
              "HH:MM.", file=sys.stderr)
        return None


# -- command line --------------------------------------------------------------------------
def add_submission_options(parser: argparse.ArgumentParser) -> None:
    """Add the options shared with ``scripts/from_mail.py``: when, and which lab."""
    parser.add_argument("--date", help="Tag (JJJJ-MM-TT) oder Zeitpunkt (ISO 8601), an dem das "
                                       "Formular abgeschickt wurde (Standard: jetzt)")
    parser.add_argument("--time", help="Uhrzeit HH:MM (Europe/Berlin) dazu, für Kommentare")
    parser.add_argument("--root", default=os.environ.get("LAB_ROOT", str(REPO)))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("body", help="Datei mit dem Text des Issues ('-' für die Eingabe)")
    parser.add_argument("--kind", choices=sorted(FORMS), help="Formular (Standard: erkennen)")
    add_submission_options(parser)
    parser.add_argument("--github-output", help="Datei, in die action=… und path=… für "
                                                "GitHub Actions geschrieben werden")
    return parser.parse_args(argv)


def report(root: Path, action: str, paths: list[Path], github_output: str | None) -> None:
    """Print the changed paths; append them for GitHub Actions when asked."""
    for path in paths:
        print(_rel(root, path))
    if github_output:
        with open(github_output, "a", encoding="utf-8") as output:
            output.write(f"action={action}\npath={_rel(root, paths[0])}\n"
                         f"slug={paths[0].stem}\n")


def print_errors(error: FormError) -> int:
    """Print the problems of a form, one per line, and return the exit code 1."""
    for message in error.messages:
        print(message, file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    """Convert one issue body; print the changed paths or the problems."""
    args = parse_args(argv)
    root = Path(args.root).resolve()
    body = sys.stdin.read() if args.body == "-" else \
        Path(args.body).read_text(encoding="utf-8-sig")
    submitted = checked_submission_time(args.date, args.time)
    if submitted is None:
        return 2
    try:
        action, paths = convert(body, root, args.kind, submitted)
    except FormError as error:
        return print_errors(error)
    report(root, action, paths, args.github_output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
