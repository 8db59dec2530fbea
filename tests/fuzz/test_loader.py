"""Property: make check's loader accepts a generated file or reports path:line problems.

Whatever a pull request contains, ``load_lab`` returns; every problem names an existing
file, a line inside it and a message that can be printed; ``scripts/check.py`` prints
``path:line: message`` lines and never a traceback.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import given, settings

from rebellab.kernel.problems import Problem
from rebellab.lab.load import load_lab
from tests.fuzz.strategies import TODAY, GeneratedFile, content_file
from tests.fuzz.tally import count, examples
from tests.support.settings import SETTINGS
from tests.support.site import REPO

PROBLEM_LINE = re.compile(r"^[^\s:][^:\n]*:\d+: \S")


@contextmanager
def written(root: Path, files: list[GeneratedFile]) -> Iterator[None]:
    """The files written below ``root`` for the duration of the block."""
    paths = [root / file.path for file in files]
    try:
        for path, file in zip(paths, files, strict=True):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(file.data)
        yield
    finally:
        for path in paths:
            path.unlink(missing_ok=True)


def check_problems(root: Path, problems: tuple[Problem, ...]) -> None:
    """Every problem names an existing file and a line in it, with a printable message."""
    for problem in problems:
        assert isinstance(problem, Problem), problem
        path = root / problem.path
        assert path.is_file(), problem
        lines = path.read_bytes().count(b"\n") + 1
        assert 1 <= problem.line <= lines + 1, (problem, lines)
        assert problem.message.strip(), problem
        str(problem).encode("utf-8")  # make check prints it: no lone surrogates


@settings(max_examples=examples("loader"))
@given(file=content_file())
def test_loader_returns_problems_at_lines_of_the_file(lab_base: Path,
                                                      file: GeneratedFile) -> None:
    count("loader")
    with written(lab_base, [file]):
        lab = load_lab(lab_base, today=TODAY, settings=SETTINGS)
        check_problems(lab_base, lab.problems)
        assert {problem.path for problem in lab.problems} <= {file.path}, lab.problems


@settings(max_examples=examples("check"))
@given(file=content_file())
def test_make_check_prints_problems_never_a_traceback(lab_base: Path,
                                                      file: GeneratedFile) -> None:
    count("check")
    with written(lab_base, [file]):
        result = subprocess.run([sys.executable, str(REPO / "scripts" / "check.py"),
                                 "--root", str(lab_base)], capture_output=True, cwd=REPO,
                                env={"SITE_TODAY": TODAY.isoformat(), "PATH": "/usr/bin"},
                                check=False)
    stdout, stderr = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    assert result.returncode in (0, 1), stderr
    assert "Traceback" not in stderr
    if result.returncode == 1:
        assert stdout.strip(), stderr
        for line in stdout.splitlines():
            assert PROBLEM_LINE.match(line), line
