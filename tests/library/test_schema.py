"""The JSON Schemas for projects and materials agree with the Python validation."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.library.sites import FIXTURES
from tests.support.site import REPO

SCHEMAS = {"projects": "project", "materials": "material"}
# Invalid fixtures whose rule a schema can express (references, the material's file and
# date order need the Python check).
SCHEMA_INVALID = {
    "projects": ["unknown-status", "ended-but-running", "missing-required", "bad-link"],
    "materials": ["missing-licence", "unknown-licence"],
}


def validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((REPO / "data/schemas" / f"{SCHEMAS[kind]}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def load(path: Path) -> object:
    # BaseLoader keeps dates as text, as editors' YAML language servers do.
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def valid_files() -> list[Path]:
    return sorted([*REPO.glob("data/projects/*.yaml"), *REPO.glob("data/materials/*.yaml"),
                   *FIXTURES.glob("hub/data/projects/*.yaml"),
                   *FIXTURES.glob("hub/data/materials/*.yaml")])


@pytest.mark.parametrize("path", valid_files(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_valid_files_pass_the_schema(path):
    errors = list(validator(path.parent.name).iter_errors(load(path)))
    assert errors == []


@pytest.mark.parametrize(("kind", "name"), [(kind, name) for kind, names in
                                            SCHEMA_INVALID.items() for name in names])
def test_invalid_files_fail_the_schema(kind, name):
    path = FIXTURES / "invalid/data" / kind / f"{name}.yaml"
    assert list(validator(kind).iter_errors(load(path)))


def test_every_file_names_its_schema():
    for path in [*REPO.glob("data/projects/*.yaml"), *REPO.glob("data/materials/*.yaml")]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == (f"# yaml-language-server: $schema=../schemas/"
                         f"{SCHEMAS[path.parent.name]}.schema.json"), path
