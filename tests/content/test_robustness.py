"""No content, however broken, makes the validator raise: every mutation ends in problems."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rebellab.directory.model import Profile
from rebellab.events.model import Event
from rebellab.kernel.fields import Fields
from rebellab.kernel.problems import Problem
from rebellab.kernel.references import References
from rebellab.kernel.vocab import Format, Partner, Topic, read_vocabulary
from rebellab.kernel.yamlfile import LineDict, load_yaml_file, load_yaml_text
from tests.content.cases import TODAY, VALID
from tests.support.site import REPO


def _keys(name: str) -> frozenset[str]:
    data, _ = load_yaml_file(REPO / "data" / f"{name}.yaml", name)
    return frozenset(data)


REFS = References(formats=_keys("formats"), topics=_keys("topics"), partners=_keys("partners"),
                  profiles=frozenset(path.stem for path in (VALID / "rebels").glob("*.yaml")),
                  images=frozenset({"rebels/anna-muster.png"}), today=TODAY)
REPLACEMENTS = ("~", "true", "false", "0", "-1", "1.5", '""', "x", "[]", "[~]", "{}",
                "{a: 1}", "[[1]]", "javascript:alert(1)", "2021-02-30", "2021-03-28 02:30",
                "9999-12-31", "0001-01-01 00:00", "|\n  mehrzeilig")
VALUE_LINE = re.compile(r"^(\s*(?:- )?[A-Za-z_]+:)\s*\S.*$")
FILES = sorted((VALID / "events").glob("*.yaml")) + sorted((VALID / "rebels").glob("*.yaml"))


def validate(text: str, kind: str) -> list[Problem]:
    problems: list[Problem] = []
    data, found = load_yaml_text(text, "x.yaml")
    problems += found
    if isinstance(data, LineDict):
        model = Event if kind == "events" else Profile
        model.from_mapping("x", "x.yaml", Fields(data, "x.yaml", problems), REFS)
    return problems


def mutations(text: str) -> list[str]:
    lines = text.splitlines()
    variants = ["\n".join(lines[:cut]) for cut in range(len(lines))]  # truncated files
    for index, line in enumerate(lines):
        match = VALUE_LINE.match(line)
        if match:
            variants += ["\n".join([*lines[:index], f"{match.group(1)} {replacement}",
                                    *lines[index + 1:]]) for replacement in REPLACEMENTS]
        variants.append("\n".join(lines[:index] + lines[index + 1:]))  # a line left out
        variants.append("\n".join([*lines[:index], "\t" + line, *lines[index + 1:]]))
    return variants


@pytest.mark.parametrize("path", FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_mutations_never_raise(path: Path) -> None:
    text = path.read_bytes().decode("utf-8-sig")
    assert validate(text, path.parent.name) == []
    for variant in mutations(text):
        for problem in validate(variant, path.parent.name):
            assert problem.line >= 1 and problem.message


METHODS = frozenset(path.stem for path in (REPO / "content" / "methoden").glob("*.md"))
VOCABULARIES = {"formats": lambda key, f: Format.from_mapping(key, f, METHODS),
                "topics": Topic.from_mapping, "partners": Partner.from_mapping}


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_vocabulary_mutations_never_raise(name: str) -> None:
    text = (REPO / "data" / f"{name}.yaml").read_text(encoding="utf-8")
    for variant in [text, *mutations(text)]:
        problems: list[Problem] = []
        data, found = load_yaml_text(variant, "v.yaml")
        problems += found
        for key, fields in read_vocabulary(data, "v.yaml", problems, ()).items():
            VOCABULARIES[name](key, fields)
        assert all(problem.line >= 1 for problem in problems)
        if variant == text:
            assert problems == []
