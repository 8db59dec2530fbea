"""Write new content files the way a contributor would, and check them at once.

Shared by ``scripts/new.py`` (terminal questions) and ``scripts/issue_to_yaml.py`` (issue
forms and their e-mail twins): file names in the site's German slugs, readable YAML with the
schema comment, and validation of the written file with the same rules as ``make check``.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from pelican.settings import read_settings

REPO = Path(__file__).resolve().parent.parent
if str(REPO / "plugins") not in sys.path:
    sys.path.insert(0, str(REPO / "plugins"))

from rebellab.kernel.problems import Problem  # noqa: E402
from rebellab.kernel.slug import slugify  # noqa: E402
from rebellab.kernel.yamlfile import load_yaml_text  # noqa: E402
from rebellab.lab.load import load_site_lab  # noqa: E402

# Folder and schema of each YAML kind; the schema path is relative to the file itself.
FOLDERS = {"event": "data/events", "profile": "data/rebels", "project": "data/projects",
           "comment": "data/comments"}
SCHEMAS = {"event": "event.schema.json", "profile": "profile.schema.json",
           "project": "project.schema.json", "comment": "comment.schema.json"}
SLUG_MAX_LENGTH = 60


@functools.cache
def site_settings() -> dict[str, Any]:
    """Read the site's Pelican settings (for its slug table) once."""
    settings: dict[str, Any] = read_settings(str(REPO / "pelicanconf.py"))
    return settings


def file_slug(text: str, max_length: int = SLUG_MAX_LENGTH) -> str:
    """Return a file name as the site spells slugs: ``Bürger*innen-Café`` → ``buerger-innen-cafe``.

    Cut at a hyphen to ``max_length`` characters, so that it stays readable.
    """
    slug = slugify(text, site_settings())
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] if "-" in slug[:max_length] else \
            slug[:max_length]
    return slug


def schema_comment(kind: str) -> str:
    """First line that gives editors (VS Code with the YAML extension) completion and checks."""
    # Comments sit one folder deeper than the other kinds: data/comments/<post>/.
    up = "../../" if kind == "comment" else "../"
    return f"# yaml-language-server: $schema={up}schemas/{SCHEMAS[kind]}\n"


# -- YAML text ------------------------------------------------------------------------------
def scalar(value: Any) -> str:
    """One value as YAML text that reads back as exactly this value (as text)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError:
        loaded = None
    # Dates stay unquoted: our loader and YAML 1.2 editors read them as text anyway.
    plain_ok = loaded == text or isinstance(loaded, date | datetime)
    if plain_ok and text == text.strip() and "\n" not in text and " #" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML string


def block(key: str, text: str, indent: str = "") -> str:
    """Render a multi-line Markdown text as a literal block (``key: |``), line by line."""
    lines = text.strip("\n").splitlines()
    if not lines or lines[0][:1] in (" ", "\t"):
        return f"{indent}{key}: {scalar(text)}\n"
    body = "".join(f"{indent}  {line.rstrip()}\n" if line.strip() else "\n" for line in lines)
    return f"{indent}{key}: |\n{body}"


def entry(key: str, value: Any, indent: str = "") -> str:
    """``key: value`` for a text, list or mapping; empty values give nothing."""
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, Mapping):
        inner = "".join(entry(k, v, indent + "  ") for k, v in value.items())
        return f"{indent}{key}:\n{inner}" if inner else ""
    if isinstance(value, Sequence) and not isinstance(value, str):
        items = "".join(f"{indent}  - {scalar(item)}\n" for item in value)
        return f"{indent}{key}:\n{items}"
    if isinstance(value, str) and "\n" in value.strip():
        return block(key, value, indent)
    return f"{indent}{key}: {scalar(value)}\n"


# -- the three YAML kinds --------------------------------------------------------------------
def render_event(values: Mapping[str, Any]) -> str:
    """Render an event file, with comments on the optional keys that are not used yet."""
    text = schema_comment("event")
    text += ("# Eine Veranstaltung. Alle Felder erklärt CONTRIBUTING.md "
             "(Abschnitt Veranstaltungen).\n")
    for key in ("title", "format", "start", "end", "timezone"):
        text += entry(key, values.get(key))
    text += entry("location", values.get("location"))
    text += entry("online", values.get("online"))
    text += block("description", values["description"]) if values.get("description") else ""
    for key in ("registration", "cost", "partners", "topics", "hosts", "method", "status",
                "repeat", "uid"):
        text += entry(key, values.get(key))
    hints = [hint for key, hint in _EVENT_HINTS if key not in values or not values[key]]
    if hints:
        text += ("\n# Weitere mögliche Angaben (Raute und Leerzeichen entfernen, um sie "
                 "zu nutzen):\n")
        text += "".join(hints)
    return text


_EVENT_HINTS = (
    ("registration", "# registration:\n#   url: https://www.eventbrite.de/e/...\n"
                     "#   capacity: 30\n#   deadline: 2026-12-01\n"),
    ("topics", "# topics:\n#   - neue-arbeit\n"),
    ("partners", "# partners:\n#   - kreis-wesel\n"),
    ("hosts", "# hosts:            # Kurznamen der Profile in data/rebels/\n"
              "#   - vorname-nachname\n"),
    ("cost", "# cost: kostenlos\n"),
)


def render_profile(values: Mapping[str, Any]) -> str:
    """Render a profile file; the consent line carries its own explanation."""
    text = schema_comment("profile")
    text += ("# Ein Profil im Verzeichnis der Rebell*innen. Nur mit Einwilligung der Person "
             "veröffentlichen!\n")
    for key in ("name", "organisation", "role", "partner", "region", "topics", "offers",
                "seeks"):
        text += entry(key, values.get(key))
    text += block("bio", values["bio"]) if values.get("bio") else ""
    for key in ("contact", "image", "image_alt"):
        text += entry(key, values.get(key))
    text += "# Datum, an dem die Person der Veröffentlichung zugestimmt hat (JJJJ-MM-TT):\n"
    text += entry("consent", values.get("consent"))
    return text


def render_project(values: Mapping[str, Any]) -> str:
    """Render a project ("Vorhaben") file."""
    text = schema_comment("project")
    text += ("# Ein Vorhaben. status: idee, laeuft oder abgeschlossen. "
             "Alle Felder erklärt CONTRIBUTING.md.\n")
    for key in ("title", "summary", "status", "topics", "partners", "people", "seeking",
                "started", "ended"):
        text += entry(key, values.get(key))
    text += block("description", values["description"]) if values.get("description") else ""
    text += entry("links", values.get("links"))
    return text


def render_post(values: Mapping[str, Any]) -> str:
    """Render a blog post: Pelican's Markdown metadata block, then the text."""
    lines = [f"Title: {values['title']}", f"Date: {values['date']}",
             f"Category: {values['category']}"]
    if values.get("tags"):
        lines.append(f"Tags: {', '.join(values['tags'])}")
    lines.append(f"Authors: {', '.join(values['authors'])}")
    lines.append(f"Summary: {values['summary']}")
    text: str = values["text"]
    return "\n".join(lines) + "\n\n" + text.strip() + "\n"


def render_comment(values: Mapping[str, Any]) -> str:
    """Render a comment file (``data/comments/<post>/<day>-<n>.yaml``)."""
    text = schema_comment("comment")
    text += ("# Ein Kommentar zu einem Blogbeitrag. Veröffentlicht nur mit Einwilligung; "
             "ohne E-Mail- und IP-Adresse.\n")
    for key in ("name", "date"):
        text += entry(key, values.get(key))
    text += block("text", values["text"])
    for key in ("website", "reply_to", "consent", "source"):
        text += entry(key, values.get(key))
    return text


RENDERERS = {"event": render_event, "profile": render_profile, "project": render_project}


# -- writing and checking ------------------------------------------------------------------
class FileExists(Exception):
    """The target file is already there; we never overwrite a contributor's work."""


def write_new(path: Path, text: str, *, overwrite: bool = False) -> None:
    """Write ``text`` (UTF-8, LF) to ``path``; refuse to overwrite unless asked."""
    if path.exists() and not overwrite:
        raise FileExists(str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def check_file(root: Path, path: Path) -> list[Problem]:
    """Problems of one written file: the rules of ``make check`` plus its JSON Schema."""
    rel = path.relative_to(root).as_posix()
    lab = load_site_lab(root, site_settings())
    problems = [problem for problem in lab.problems if problem.path == rel]
    if not problems:
        problems = schema_problems(root, path, rel)
    return problems


def schema_problems(root: Path, path: Path, rel: str) -> list[Problem]:
    """Check a YAML file against its JSON Schema when the schema exists (projects rely on it)."""
    kind = next((k for k, folder in FOLDERS.items()
                 if rel.startswith(folder + "/") and k in SCHEMAS), None)
    schema_path = root / "data" / "schemas" / SCHEMAS[kind] if kind else None
    if schema_path is None or not schema_path.is_file():
        schema_path = REPO / "data" / "schemas" / SCHEMAS[kind] if kind else None
    if schema_path is None or not schema_path.is_file():
        return []
    import jsonschema

    data, found = load_yaml_text(path.read_text(encoding="utf-8-sig"), rel)
    if found or data is None:
        return list(found)
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    return [Problem(rel, _error_line(data, error.absolute_path), _schema_message(error))
            for error in validator.iter_errors(data)]


def _error_line(data: Any, location: Sequence[Any]) -> int:
    line = getattr(data, "line", 1)
    node = data
    for part in location:
        if isinstance(node, dict) and part in node:
            line = getattr(node, "key_lines", {}).get(part, line)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            line = (getattr(node, "item_lines", None) or [line] * len(node))[part]
            node = node[part]
    return line


def _schema_message(error: Any) -> str:
    where = ".".join(str(part) for part in error.absolute_path)
    return f"'{where}': {error.message}" if where else error.message
