"""The JSON Schema of data/gebaerdensprache.yaml agrees with the Python validation."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.content.test_schemas import _properties, schema_errors
from tests.signlanguage.conftest import FIXTURES
from tests.support.site import REPO

SCHEMA = REPO / "data" / "schemas" / "gebaerdensprache.schema.json"
# What the schema cannot see: files on disk, their contents, the slugs of other files.
PYTHON_ONLY = {"missing-video", "missing-poster", "missing-captions", "bad-captions",
               "not-h264", "too-small"}


def schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def test_schema_is_valid_and_every_property_is_described() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    assert [path for path, node in _properties(schema(), "") if not node.get("description")] \
        == []


@pytest.mark.parametrize("path", [REPO / "data" / "gebaerdensprache.yaml",
                                  FIXTURES / "with-video" / "data" / "gebaerdensprache.yaml"],
                         ids=["repository", "with-video"])
def test_valid_files_pass_and_name_the_schema(path: Path) -> None:
    assert schema_errors(path, "gebaerdensprache") == []
    first = path.read_text(encoding="utf-8").splitlines()[0]
    target = first.removeprefix("# yaml-language-server: $schema=")
    assert (path.parent / target).resolve() == SCHEMA


@pytest.mark.parametrize("case", sorted(p.stem for p in (FIXTURES / "invalid").glob("*.yaml")))
def test_invalid_fixture_fails_schema_unless_python_only(case: str) -> None:
    errors = schema_errors(FIXTURES / "invalid" / f"{case}.yaml", "gebaerdensprache")
    assert bool(errors) == (case not in PYTHON_ONLY)


def test_contributor_guide_documents_every_key() -> None:
    guide = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    keys = {path.rsplit(".", 1)[-1] for path, _ in _properties(schema(), "")}
    assert sorted(key for key in keys if f"`{key}`" not in guide) == []
