"""Render the field tables of CONTRIBUTING.md from the JSON Schemas in data/schemas/.

Each table sits between ``<!-- BEGIN schema:<name> -->`` and ``<!-- END schema:<name> -->``
and is rewritten from ``data/schemas/<name>.schema.json``, so the guide cannot drift from
the rules. ``--check`` changes nothing and fails when a table is out of date (the tests and
CI run it).

    python scripts/schema_docs.py [--check]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
GUIDE = REPO / "CONTRIBUTING.md"
SCHEMAS = REPO / "data" / "schemas"
SECTION = re.compile(r"(<!-- BEGIN schema:(?P<name>[a-z-]+) -->\n)(?P<body>.*?)"
                     r"(<!-- END schema:(?P=name) -->)", re.DOTALL)
GENERATED = "<!-- Erzeugt von scripts/schema_docs.py aus data/schemas/{file}; nicht von Hand " \
            "ändern. -->\n"


def resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Merge a ``$ref`` (to ``#/$defs/…``) into the node; the node's own keys win."""
    ref = node.get("$ref", "")
    if not ref.startswith("#/$defs/"):
        return node
    target = resolve(schema, schema["$defs"][ref.rsplit("/", 1)[1]])
    return {**target, **{key: value for key, value in node.items() if key != "$ref"}}


def sub_object(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any] | None:
    """Find the object schema with ``properties`` in a node (directly, in a list, a choice)."""
    node = resolve(schema, node)
    if "properties" in node:
        return node
    if isinstance(node.get("items"), dict):
        return sub_object(schema, node["items"])
    for choice in node.get("anyOf", []) + node.get("oneOf", []):
        found = sub_object(schema, choice)
        if found:
            return found
    return None


def conditional(node: dict[str, Any]) -> set[str]:
    """Keys required only in some cases (``anyOf``/``oneOf`` alternatives, ``if``/``then``)."""
    keys: set[str] = set()
    for choice in node.get("anyOf", []) + node.get("oneOf", []):
        keys.update(choice.get("required", []))
    keys.update(node.get("then", {}).get("required", []))
    return keys


def rows(schema: dict[str, Any], node: dict[str, Any], prefix: str = "",
         parent: str = "") -> Iterator[tuple[str, str, str, str]]:
    """One row per field: name, "Pflicht?", meaning, example; nested fields follow their parent."""
    required, sometimes = set(node.get("required", [])), conditional(node)
    for name, raw in node.get("properties", {}).items():
        field = resolve(schema, raw)
        text, condition = meaning(field)
        if name in required:
            needed = f"ja, wenn `{parent}` angegeben ist" if parent else "ja"
            needed += f", {condition}" if condition else ""
        else:
            needed = "je nach Fall" if name in sometimes else "nein"
        yield f"`{prefix}{name}`", needed, text, example(field)
        inner = sub_object(schema, raw)
        if inner is not None:
            yield from rows(schema, inner, f"{prefix}{name}.", f"{prefix}{name}")


def meaning(field: dict[str, Any]) -> tuple[str, str]:
    """Split the German description into its text and the "Pflicht, …" condition.

    Schema descriptions start with "Pflicht." or "Pflicht, mindestens ein Eintrag."; the
    table has a column for that, so it moves there.
    """
    description = field.get("description", "").strip()
    match = re.match(r"^Pflicht(?:, ([^.]*))?\.\s*", description)
    text = description[match.end():] if match else description
    if "enum" in field and not all(str(value) in text for value in field["enum"]):
        text += " Erlaubt: " + ", ".join(f"`{value}`" for value in field["enum"]) + "."
    return text, (match.group(1) or "") if match else ""


def example(field: dict[str, Any]) -> str:
    """Return the first example (or the default), as code."""
    values = field.get("examples") or ([field["default"]] if "default" in field else [])
    if not values:
        return ""
    value = values[0]
    return f"`{value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)}`"


def cell(text: str) -> str:
    """Make text safe inside a Markdown table cell; ``<name>`` outside code stays visible."""
    parts = re.split(r"(`[^`]*`)", " ".join(text.split()))
    escaped = (part if part.startswith("`") else
               part.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
               for part in parts)
    return "".join(escaped).replace("|", "\\|")


def table(name: str) -> str:
    """Render the Markdown table for ``data/schemas/<name>.schema.json``."""
    file = f"{name}.schema.json"
    schema = json.loads((SCHEMAS / file).read_text(encoding="utf-8"))
    if "properties" in schema or schema.get("type") == "array":  # a list: one row per key
        node, prefix = sub_object(schema, schema) or {}, ""
    else:  # a mapping of named entries (formats.yaml)
        node = sub_object(schema, schema.get("additionalProperties") or {}) or {}
        prefix = "<schlüssel>."
    found = list(rows(schema, node, prefix))
    if not any(row[3] for row in found):  # no examples in this schema: no empty column
        found = [row[:3] for row in found]
    header = ("Feld", "Pflicht?", "Bedeutung", "Beispiel")[: len(found[0]) if found else 3]
    lines = [GENERATED.format(file=file), f"| {' | '.join(header)} |\n",
             "|" + "---|" * len(header) + "\n"]
    lines += [f"| {' | '.join(cell(part) for part in row)} |\n" for row in found]
    return "".join(lines)


def render(text: str) -> tuple[str, list[str]]:
    """Return the guide with every table regenerated, and the names of changed tables."""
    changed: list[str] = []

    def replace(match: re.Match[str]) -> str:
        body = table(match["name"])
        if body != match["body"]:
            changed.append(match["name"])
        return f"{match.group(1)}{body}{match.group(4)}"

    return SECTION.sub(replace, text), changed


def main(argv: list[str] | None = None) -> int:
    """Rewrite the tables, or with ``--check`` report the ones that are out of date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="nur prüfen, nichts ändern")
    parser.add_argument("--guide", default=str(GUIDE))
    args = parser.parse_args(argv)
    guide = Path(args.guide)
    text = guide.read_text(encoding="utf-8")
    updated, changed = render(text)
    if args.check:
        for name in changed:
            print(f"{guide.name}: Die Feldtabelle 'schema:{name}' passt nicht mehr zu "
                  f"data/schemas/{name}.schema.json. Bitte `python scripts/schema_docs.py` "
                  "ausführen.", file=sys.stderr)
        return 1 if changed else 0
    if changed:
        guide.write_text(updated, encoding="utf-8", newline="\n")
        print(f"Aktualisiert: {', '.join(changed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
