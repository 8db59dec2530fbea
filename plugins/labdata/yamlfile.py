"""Read a YAML content file into plain values that remember their line numbers.

PyYAML's node marks give lines; we build the values ourselves so that duplicate keys are
reported (PyYAML silently keeps the last one) and so that dates stay text until a field
reader parses them with an error message a contributor can act on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from labdata.problems import Problem

try:  # the C parser is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class LineDict(dict):
    """A mapping from YAML with the line of the mapping and of each key."""

    line: int
    key_lines: dict[str, int]


class LineList(list):
    """A sequence from YAML with the line of the sequence and of each item."""

    line: int
    item_lines: list[int]


_BOOLS = {"true": True, "false": False}
_NULLS = {"", "~", "null"}


def load_yaml_file(path: Path, rel: str) -> tuple[Any, list[Problem]]:
    """Load one YAML file; return its value (None when unusable) and its problems."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(rel, line, "Die Datei ist nicht UTF-8-kodiert (Byte "
                              f"0x{raw[error.start]:02x}); bitte als UTF-8 speichern.")]
    return load_yaml_text(text, rel)


def load_yaml_text(text: str, rel: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text; see :func:`load_yaml_file`."""
    if not text.strip() or all(_is_comment(line) for line in text.splitlines()):
        return None, [Problem(rel, 1, "Die Datei ist leer.")]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        return None, [Problem(rel, line, f"YAML-Syntaxfehler: {_describe(error)}")]
    except yaml.YAMLError as error:
        return None, [Problem(rel, 1, f"YAML-Syntaxfehler: {error}")]
    if node is None:
        return None, [Problem(rel, 1, "Die Datei ist leer.")]
    problems: list[Problem] = []
    value = _build(node, rel, problems)
    return value, problems


def _is_comment(line: str) -> bool:
    return not line.strip() or line.lstrip().startswith("#")


def _describe(error: yaml.MarkedYAMLError) -> str:
    parts = [part for part in (error.context, error.problem) if part]
    return "; ".join(parts) or "ungültiges YAML"


def _build(node: yaml.Node, rel: str, problems: list[Problem]) -> Any:
    if isinstance(node, yaml.MappingNode):
        return _build_mapping(node, rel, problems)
    if isinstance(node, yaml.SequenceNode):
        result = LineList(_build(item, rel, problems) for item in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [item.start_mark.line + 1 for item in node.value]
        return result
    return _scalar(node)


def _build_mapping(node: yaml.MappingNode, rel: str, problems: list[Problem]) -> LineDict:
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(rel, line, "Ein Schlüssel muss ein einfacher Text sein."))
            continue
        key = str(key_node.value)
        if key in result:
            first = result.key_lines[key]
            problems.append(Problem(rel, line, f"'{key}' steht doppelt (zuerst in Zeile "
                                               f"{first}); bitte nur einmal angeben."))
            continue
        result[key] = _build(value_node, rel, problems)
        result.key_lines[key] = line
    return result


def _scalar(node: yaml.ScalarNode) -> Any:
    """Turn a scalar into str, int, float, bool or None; dates and times stay text."""
    value = node.value
    if node.style:  # quoted or block scalars are always text
        return value
    tag = node.tag.rsplit(":", 1)[-1]
    lowered = value.lower()
    if tag == "null" or lowered in _NULLS:
        return None
    if tag == "bool" and lowered in _BOOLS:
        return _BOOLS[lowered]
    if tag == "int":
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if tag == "float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    return value
