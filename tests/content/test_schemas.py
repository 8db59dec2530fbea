"""The JSON Schemas in data/schemas/ agree with the Python validation on every fixture."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from check_jsonschema.parsers.yaml import construct_yaml_implementation, impl2loader

from rebellab.directory.model import EMAIL, MASTODON
from rebellab.kernel.fields import SLUG_PATTERN, URL_PATTERN
from tests.content.cases import FOLDER_SCHEMA, INVALID, SCHEMA_OF, VALID, invalid_cases
from tests.support.site import REPO

SCHEMAS = REPO / "data" / "schemas"
# What a schema cannot see: other files, the file's name, the calendar, the clock.
PYTHON_ONLY = {
    "events/deadline-after-start",  # compares two values
    "events/end-before-start",  # compares two values
    "events/nonexistent-local-time",  # needs the time zone's rules
    "events/repeat-exclude-not-occurrence",  # needs the series' dates
    "events/repeat-until-before-start",  # compares two values
    "events/unknown-format",  # data/formats.yaml
    "events/unknown-host",  # file names in data/rebels/
    "events/unknown-method",  # file names in content/methoden/
    "events/unknown-partner",  # data/partners.yaml
    "events/unknown-timezone",  # the IANA database
    "events/unknown-topic",  # data/topics.yaml
    "rebels/consent-in-future",  # today's date
    "rebels/unknown-image",  # files in content/images/
    "trees/duplicate-slug",  # two file names
    "trees/duplicate-uid",  # two files
    "trees/invalid-slug",  # the file name
    "trees/unexpected-file",  # the file name
    "trees/material-duplicate-slug",  # two file names
    "trees/material-unexpected-file",  # the file name
    "trees/method-unexpected-file",  # the file name
    "trees/photo-corrupt",  # the image file
    "trees/photo-missing",  # files in content/images/
    "trees/photo-svg",  # the image file
    "trees/photo-too-many-pixels",  # the image file
    "trees/project-duplicate-slug",  # two file names
    "trees/project-unexpected-file",  # the file name
    "trees/unread-data-file",  # a file in data/ nothing reads
    "trees/published-image-unsafe",  # files in content/images/
}
_load_yaml = impl2loader(construct_yaml_implementation(),
                         construct_yaml_implementation(pure=True))


@cache
def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def schema_errors(path: Path, schema: str) -> list[str]:
    """Validate a YAML file as an editor or check-jsonschema does: load, then validate."""
    try:
        with path.open("rb") as stream:
            data = _load_yaml(stream)
    except Exception as error:
        return [f"not loadable: {type(error).__name__}"]
    return [error.message for error in validator(schema).iter_errors(data)]


def case_files(case: str) -> list[tuple[Path, str]]:
    kind, rule = case.split("/")
    if kind == "trees":
        return [(path, FOLDER_SCHEMA[path.parent.name])
                for path in sorted((INVALID / "trees" / rule).rglob("*.y*ml"))]
    return [(INVALID / kind / f"{rule}.yaml", SCHEMA_OF[kind])]


def valid_files() -> list[tuple[Path, str]]:
    files = [(path, SCHEMA_OF[path.parent.name])
             for kind in ("events", "rebels") for path in sorted((VALID / kind).glob("*.yaml"))]
    files += [(path, path.stem) for path in sorted((VALID / "vocabularies").glob("*.yaml"))]
    files += [(REPO / "data" / f"{kind}.yaml", kind) for kind in ("formats", "topics",
                                                                   "partners")]
    for kind in ("events", "rebels"):
        files += [(path, SCHEMA_OF[kind])
                  for path in sorted((REPO / "data" / kind).glob("*.yaml"))]
    return files


@pytest.mark.parametrize("name", sorted(SCHEMA_OF.values()))
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", sorted(SCHEMA_OF.values()))
def test_every_property_has_a_german_description(name: str) -> None:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    missing = [path for path, node in _properties(schema, "") if not node.get("description")]
    assert missing == []


def _properties(node: Any, path: str) -> list[tuple[str, dict[str, Any]]]:
    found = []
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            found.append((f"{path}.{key}", value))
        for key, value in node.items():
            if key not in ("if", "then", "else"):  # conditions repeat described properties
                found += _properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for value in node:
            found += _properties(value, path)
    return found


def test_schema_patterns_equal_python_patterns() -> None:
    text = "".join(path.read_text(encoding="utf-8") for path in SCHEMAS.glob("*.json"))
    for pattern in (SLUG_PATTERN, URL_PATTERN, EMAIL, MASTODON):
        assert json.dumps(pattern.pattern) in text, pattern.pattern


@pytest.mark.parametrize(("path", "schema"), valid_files(),
                         ids=lambda value: value.name if isinstance(value, Path) else value)
def test_valid_file_passes_schema(path: Path, schema: str) -> None:
    assert schema_errors(path, schema) == []


@pytest.mark.parametrize("case", invalid_cases())
def test_invalid_fixture_fails_schema_unless_python_only(case: str) -> None:
    rejected = any(schema_errors(path, schema) for path, schema in case_files(case))
    assert rejected == (case not in PYTHON_ONLY)


def test_python_only_rules_are_real_cases() -> None:
    assert set(invalid_cases()) >= PYTHON_ONLY


def _schema_comment(path: Path) -> str:
    first = path.read_bytes().decode("utf-8-sig").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, f"{path}: first line must name the schema"
    return match.group(1)


@pytest.mark.parametrize(("path", "schema"), valid_files() + [
    pair for case in invalid_cases() for pair in case_files(case)
    if pair[0].suffix == ".yaml" and not case.endswith(("/not-utf8", "/empty"))],
    ids=lambda value: str(value.relative_to(REPO)) if isinstance(value, Path) else value)
def test_first_line_points_to_the_schema(path: Path, schema: str) -> None:
    target = (path.parent / _schema_comment(path)).resolve()
    assert target == SCHEMAS / f"{schema}.schema.json"


@pytest.mark.parametrize("name", sorted(SCHEMA_OF.values()))
def test_contributor_guide_documents_every_key(name: str) -> None:
    guide = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    keys = {path.rsplit(".", 1)[-1] for path, _ in _properties(schema, "")}
    assert sorted(key for key in keys if f"`{key}`" not in guide) == []


@pytest.mark.parametrize("name", sorted(SCHEMA_OF.values()))
def test_check_jsonschema_cli_agrees(name: str) -> None:
    """The real tool (its own YAML loader and ECMA-262 regexes) rejects the same files."""
    files = [path for path, schema in valid_files() if schema == name]
    rejected = set()
    for case in invalid_cases():
        for path, schema in case_files(case):
            if schema == name:
                files.append(path)
                if case not in PYTHON_ONLY:
                    rejected.add(path)
    result = subprocess.run(
        [str(Path(sys.executable).parent / "check-jsonschema"), "-o", "json", "--schemafile",
         str(SCHEMAS / f"{name}.schema.json"), *map(str, files)],
        capture_output=True, text=True, check=False)
    report = json.loads(result.stdout)
    found = {Path(entry["filename"]) for key in ("errors", "parse_errors")
             for entry in report.get(key, [])}
    assert found == rejected
