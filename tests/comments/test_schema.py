"""The JSON Schemas for comments and redirects agree with the Python validation.

Same pattern as tests/content/test_schemas.py: valid files pass, every invalid case fails
unless its rule needs what a schema cannot see (other files, file names, the clock), and
check-jsonschema (the real tool) rejects the same files.
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import jsonschema
import pytest
from check_jsonschema.parsers.yaml import construct_yaml_implementation, impl2loader

from rebellab.comments.model import COMMENT_ID
from rebellab.kernel.fields import DATETIME_PATTERN, URL_PATTERN
from tests.comments.sites import INVALID, SITE, invalid_cases
from tests.support.site import REPO

SCHEMAS = REPO / "data" / "schemas"
# What a schema cannot see: other files, a file's name or folder, the clock, Markdown files.
PYTHON_ONLY = {
    "bad-file-name",  # the file name
    "comments-metadata-unknown",  # a post's Markdown header
    "consent-in-future",  # today's date
    "file-outside-post-folder",  # the folder
    "reply-cycle",  # several files
    "reply-to-itself",  # the file name
    "unknown-post",  # content/blog/
    "unknown-reply-to",  # the other files
}
_load_yaml = impl2loader(construct_yaml_implementation(),
                         construct_yaml_implementation(pure=True))


def schema_of(path: Path) -> str:
    return "redirects" if path.name == "redirects.yaml" else "comment"


@cache
def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def schema_errors(path: Path) -> list[str]:
    with path.open("rb") as stream:
        data = _load_yaml(stream)
    return [error.message for error in validator(schema_of(path)).iter_errors(data)]


def data_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("data/comments/**/*.yaml")) + \
        sorted(folder.glob("data/redirects.yaml"))


def valid_files() -> list[Path]:
    return data_files(SITE) + data_files(REPO)


@pytest.mark.parametrize("name", ["comment", "redirects"])
def test_schema_is_valid_draft_2020_12(name):
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_patterns_equal_python_patterns():
    text = (SCHEMAS / "comment.schema.json").read_text(encoding="utf-8")
    for pattern in (COMMENT_ID, DATETIME_PATTERN, URL_PATTERN):
        assert json.dumps(pattern.pattern) in text, pattern.pattern


@pytest.mark.parametrize("path", valid_files(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_valid_file_passes_schema(path):
    assert schema_errors(path) == []


@pytest.mark.parametrize("case", invalid_cases())
def test_invalid_case_fails_schema_unless_python_only(case):
    rejected = any(schema_errors(path) for path in data_files(INVALID / case))
    assert rejected == (case not in PYTHON_ONLY)


def test_python_only_rules_are_real_cases():
    assert set(invalid_cases()) >= PYTHON_ONLY


@pytest.mark.parametrize("path", valid_files() + [
    p for case in invalid_cases() if case != "file-outside-post-folder"  # misplaced on purpose
    for p in data_files(INVALID / case)],
                         ids=lambda p: p.relative_to(REPO).as_posix())
def test_first_line_points_to_the_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    target = first.removeprefix("# yaml-language-server: $schema=")
    assert target != first, f"{path}: first line must name the schema"
    # Resolved as if the file sat at the same place in the repository (fixture trees mirror it).
    in_repo = REPO / "data" / path.relative_to(_data_folder(path))
    assert (in_repo.parent / target).resolve() == SCHEMAS / f"{schema_of(path)}.schema.json"


def _data_folder(path: Path) -> Path:
    return next(parent for parent in path.parents if parent.name == "data")


def test_check_jsonschema_cli_agrees():
    """The real tool (its own YAML loader and ECMA-262 regexes) rejects the same files."""
    for name in ("comment", "redirects"):
        files = [path for path in valid_files() if schema_of(path) == name]
        rejected = set()
        for case in invalid_cases():
            for path in data_files(INVALID / case):
                if schema_of(path) == name:
                    files.append(path)
                    if case not in PYTHON_ONLY and schema_errors(path):
                        rejected.add(path)
        result = subprocess.run(
            [str(Path(sys.executable).parent / "check-jsonschema"), "-o", "json",
             "--schemafile", str(SCHEMAS / f"{name}.schema.json"), *map(str, files)],
            capture_output=True, text=True, check=False)
        report = json.loads(result.stdout)
        found = {Path(entry["filename"]) for key in ("errors", "parse_errors")
                 for entry in report.get(key, [])}
        assert found == rejected, name
