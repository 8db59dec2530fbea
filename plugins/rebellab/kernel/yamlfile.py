"""Read a YAML content file into plain values that remember their line numbers.

PyYAML's node marks give lines; we build the values ourselves so that duplicate keys are
reported (PyYAML silently keeps the last one) and so that dates stay text until a field
reader parses them with an error message a contributor can act on. Scalars follow YAML
1.2 as editors do: ``yes``/``no`` and unquoted dates are text.
"""

from __future__ import annotations

import contextlib
import pickle
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

import yaml

from rebellab.kernel.files import file_identity, replace_file
from rebellab.kernel.problems import Problem
from rebellab.kernel.textfile import escaped_control_problem, read_utf8

try:  # the C parser is several times faster; fall back where libyaml is missing
    from yaml import CBaseLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    # mypy wants one class per name; the fallback is another class with the same role.
    from yaml import BaseLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):
    """Composes nodes without resolving tags: typing happens in :func:`_scalar`."""

    def descend_resolver(self, *args: Any) -> None:
        pass

    def ascend_resolver(self, *args: Any) -> None:
        pass

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return "tag:yaml.org,2002:str"

# The base loader leaves every scalar untyped (and skips PyYAML's slow YAML 1.1 resolver);
# we type plain scalars by the YAML 1.2 core schema, as editors and check-jsonschema do.
_NULL = re.compile(r"^(~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(true|True|TRUE)$")
_FALSE = re.compile(r"^(false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_BASE = re.compile(r"^0o[0-7]+$|^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")


class LineDict(dict[str, Any]):
    """A mapping from YAML with the line of the mapping, of each key and of each value's end.

    A value's text does not map line by line to the file unless it is a block scalar
    ('|'): an escaped line break in a quoted text starts a line of the text, not of the file.
    ``end_lines`` bounds a line computed inside a value.
    """

    line: int
    key_lines: dict[str, int]
    end_lines: dict[str, int]


class LineList(list[Any]):
    """A sequence from YAML with the line of the sequence and of each item."""

    line: int
    item_lines: list[int]


# Our data nests three levels deep (an event's links: mapping, list, mapping). Building
# values recurses once per level, so a file of 500 nested '[' would end the whole check
# with a RecursionError; deeper collections are refused instead of built.
MAX_DEPTH = 20
_REFUSED = object()  # an alias: reported, then left out as if it were not there
# PyYAML's wording, translated into advice a contributor can act on.
_SYNTAX_HINTS = (
    ("mapping values are not allowed", "ein Doppelpunkt steht an unerwarteter Stelle. Texte, "
     "die ': ' enthalten, bitte in Anführungszeichen setzen; Unterschlüssel gleich weit "
     "einrücken"),
    ("found character '\\t'", "Tabulatorzeichen sind nicht erlaubt; bitte mit Leerzeichen "
     "einrücken"),
    ("found character that cannot start any token", "ein Zeichen wie Tabulator, '@' oder '`' "
     "darf hier nicht stehen; mit Leerzeichen einrücken und Texte, die mit Sonderzeichen "
     "beginnen, in Anführungszeichen setzen"),
    ("found unexpected end of stream", "ein Anführungszeichen wird nicht geschlossen"),
    ("but found another document", "die Datei darf nur ein Dokument enthalten (kein "
     "zweites '---')"),
    ("did not find expected key", "die Einrückung stimmt nicht; Schlüssel derselben Ebene "
     "müssen genau untereinander stehen"),
    ("did not find expected '-' indicator", "die Einrückung stimmt nicht; Listeneinträge "
     "beginnen alle mit '- ' in derselben Spalte"),
    ("did not find expected ',' or ']'", "eine Liste in eckigen Klammern wird nicht mit "
     "']' geschlossen"),
    ("did not find expected ',' or '}'", "eine Zuordnung in geschweiften Klammern wird nicht "
     "mit '}' geschlossen"),
    ("could not find expected ':'", "nach einem Schlüssel fehlt der Doppelpunkt"),
    ("found undefined alias", "Verweise mit '*' werden nicht unterstützt; ist ein Text mit "
     "'*' gemeint, bitte in Anführungszeichen setzen"),
)


def load_yaml_file(path: Path, rel: str) -> tuple[Any, list[Problem]]:
    """Load one YAML file; return its value (None when unusable) and its problems.

    A UTF-8 byte-order mark and Windows line endings are accepted.
    """
    text, problems = read_utf8(path, rel)
    if text is None:
        return None, problems
    return load_yaml_text(text, rel)


class ParsedFiles:
    """Parsed YAML files kept from one check to the next (``folder``: in ``CACHE_PATH``).

    A file that is still the one parsed last time (:func:`file_identity`) is not parsed
    again: parsing the big lab's 12,000 data files took about 1.5 CPU s of
    every build. What :func:`load_yaml_file` returned is kept pickled, so that no change a
    caller makes to it reaches the cache. Without a folder, every file is parsed.
    """

    def __init__(self, folder: Path | None) -> None:
        self.path = None if folder is None else folder / "parsed-yaml.pickle"
        self.known: dict[str, tuple[list[int], bytes]] = {}
        self.made: dict[str, tuple[list[int], bytes]] = {}  # parsed anew in this process
        self.read: set[str] = set()  # the files checked in this run (see :meth:`save`)
        if self.path is not None and self.path.is_file():
            with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, ValueError,
                                     TypeError, AttributeError):
                self.known = pickle.loads(self.path.read_bytes())

    def load(self, path: Path, rel: str) -> tuple[Any, list[Problem]]:
        """Return :func:`load_yaml_file`'s answer for ``path``, from the cache if unchanged."""
        if self.path is None:
            return load_yaml_file(path, rel)
        try:
            identity = file_identity(path)
        except OSError:  # reported as load_yaml_file reports it
            return load_yaml_file(path, rel)
        entry = self.known.get(rel)
        if entry is not None and entry[0] == identity:
            loaded: tuple[Any, list[Problem]] = pickle.loads(entry[1])
            return loaded
        answer = load_yaml_file(path, rel)
        self.made[rel] = (identity, pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
        return answer

    def take(self, rel: str) -> tuple[list[int], bytes] | None:
        """Remove and return the entry this process made for ``rel`` (a forked reader's)."""
        return self.made.pop(rel, None)

    def keep(self, rels: Iterable[str], entries: Iterable[tuple[list[int], bytes] | None]
             ) -> None:
        """Note the files ``rels`` as read, with the entries made for them (or None)."""
        for rel, entry in zip(rels, entries, strict=True):
            self.read.add(rel)
            if entry is not None:
                self.made[rel] = entry

    def save(self) -> None:
        """Keep the entries of the files read in this run for the next one."""
        if self.path is None:
            return
        kept = {rel: self.made.get(rel) or self.known[rel] for rel in sorted(self.read)
                if rel in self.made or rel in self.known}
        if not self.made and kept.keys() == self.known.keys():
            return  # nothing new: the file stays as it is
        replace_file(self.path, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))


def load_data_file(path: Path, rel: str, kind: type, message: str,
                   problems: list[Problem]) -> Any:
    """Load an optional data file whose top level must be ``kind`` (LineDict or LineList).

    Return None when the file is absent or unusable; its problems are recorded, a top level
    of another kind as ``message`` at its line.
    """
    if not path.is_file():
        return None
    data, found = load_yaml_file(path, rel)
    problems.extend(found)
    if data is None:
        return None
    if not isinstance(data, kind):
        problems.append(Problem(rel, getattr(data, "line", 1), message))
        return None
    return data


def load_yaml_text(text: str, rel: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text; see :func:`load_yaml_file`."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        # libyaml stops at 1000 levels; name the line where ours (20) were passed.
        if "maximum nesting depth" in str(error.problem):
            return None, [_depth_problem(text, rel) or _too_deep(rel, error.problem_mark)]
        return None, [Problem(rel, _error_line(error), f"YAML-Syntaxfehler: {_describe(error)}")]
    except yaml.YAMLError as error:
        return None, [Problem(rel, 1, f"YAML-Syntaxfehler: {error}")]
    except RecursionError:  # pragma: no cover - only PyYAML's pure-Python composer recurses
        return None, [_depth_problem(text, rel) or _too_deep(rel, None)]
    if node is None or (isinstance(node, yaml.ScalarNode) and node.value == ""
                        and not node.style):
        return None, [Problem(rel, 1, "Die Datei ist leer.")]
    problems: list[Problem] = []
    builder = _Builder(rel, problems)
    value = builder.build(node)
    return (None if builder.too_deep else value), problems


def _depth_problem(text: str, rel: str) -> Problem | None:
    """Find the first collection deeper than :data:`MAX_DEPTH` with the iterative parser."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return _too_deep(rel, event.start_mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass
    return None


class _Mark(Protocol):
    """A position in the text: PyYAML's ``Mark``, or libyaml's from the C parser."""

    line: int


def _too_deep(rel: str, mark: _Mark | None) -> Problem:
    return Problem(rel, mark.line + 1 if mark else 1, "Die Angaben sind zu tief "
                   f"verschachtelt (mehr als {MAX_DEPTH} Ebenen aus Listen und Schlüsseln); "
                   "bitte Klammern und Einrückung prüfen.")


def _error_line(error: yaml.MarkedYAMLError) -> int:
    # An unclosed quote is found at the end of the file; its opening line is more useful.
    if "quoted scalar" in (error.context or "") and error.context_mark:
        return error.context_mark.line + 1
    mark = error.problem_mark or error.context_mark
    return mark.line + 1 if mark else 1


def _describe(error: yaml.MarkedYAMLError) -> str:
    found = " ".join(part for part in (error.context, error.problem) if part)
    for needle, hint in _SYNTAX_HINTS:
        if needle in found:
            return f"{hint}. (Meldung des Parsers: {found})"
    return f"ungültiges YAML. (Meldung des Parsers: {found or error})"


class _Builder:
    """Turns a node tree into LineDict/LineList/scalars, collecting problems."""

    def __init__(self, rel: str, problems: list[Problem]) -> None:
        self.rel = rel
        self.problems = problems
        self.seen: set[int] = set()
        self.depth = 0
        self.too_deep = False

    def build(self, node: yaml.Node, line: int | None = None) -> Any:
        """Value of ``node``; ``line`` is where it is used (an alias has its anchor's marks)."""
        # An alias is the very same node object again. Refusing aliases keeps values
        # plain and stops "billion laughs" files from expanding exponentially.
        if isinstance(node, yaml.ScalarNode):
            if node.style == '"':  # only double quotes have escapes such as "\u001b"
                problem = escaped_control_problem(node.value, self.rel,
                                                  node.start_mark.line + 1)
                if problem:
                    self.problems.append(problem)
            return _scalar(node)
        # The composer makes scalars, sequences and mappings only.
        assert isinstance(node, (yaml.MappingNode, yaml.SequenceNode))
        if id(node) in self.seen:
            self.problems.append(Problem(
                self.rel, line or node.start_mark.line + 1,
                "Anker und Verweise ('&name', '*name') werden nicht unterstützt; bitte "
                "den Inhalt ausschreiben."))
            return _REFUSED
        self.seen.add(id(node))
        return self.collection(node)

    def collection(self, node: yaml.MappingNode | yaml.SequenceNode) -> Any:
        """Build a mapping or sequence, refusing (once per file) one nested too deeply."""
        if self.depth == MAX_DEPTH:
            if not self.too_deep:
                self.problems.append(_too_deep(self.rel, node.start_mark))
                self.too_deep = True
            return _REFUSED
        self.depth += 1
        try:
            if isinstance(node, yaml.MappingNode):
                return self.mapping(node)
            return self.sequence(node)
        finally:
            self.depth -= 1

    def sequence(self, node: yaml.SequenceNode) -> LineList:
        result = LineList()
        result.line = node.start_mark.line + 1
        result.item_lines = []
        for item in node.value:
            value = self.build(item, item.start_mark.line + 1)
            if value is not _REFUSED:
                result.append(value)
                result.item_lines.append(item.start_mark.line + 1)
        return result

    def mapping(self, node: yaml.MappingNode) -> LineDict:
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        result.end_lines = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(key_node, "Ein Schlüssel muss ein einfacher Text sein.")
                continue
            key = str(key_node.value)
            if key in result:
                self.error(key_node, f"Der Schlüssel '{key}' steht doppelt (zuerst in Zeile "
                                     f"{result.key_lines[key]}); bitte nur einmal angeben.")
                continue
            value = self.build(value_node, line)
            if value is not _REFUSED:
                result[key] = value
                result.key_lines[key] = line
                result.end_lines[key] = _last_line(value_node)
        return result

    def error(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(self.rel, node.start_mark.line + 1, message))


def _last_line(node: yaml.Node) -> int:
    """Return the last line (1-based) of a value; a block ends at the next line's start."""
    end = node.end_mark
    return max(end.line + (end.column > 0), node.start_mark.line + 1)


def _scalar(node: yaml.ScalarNode) -> Any:
    """Turn a scalar into str, int, float, bool or None; dates and times stay text."""
    value = node.value
    if node.style:  # quoted or block scalars are always text
        return value
    if _NULL.match(value):
        return None
    if _TRUE.match(value):
        return True
    if _FALSE.match(value):
        return False
    if _INT.match(value):
        return int(value)
    if _INT_BASE.match(value):
        return int(value, 0)
    if _FLOAT.match(value):
        return float(value)
    return value
