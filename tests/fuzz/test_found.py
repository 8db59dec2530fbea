"""What the fuzz tests found, kept as ordinary fixtures (tests/fuzz/fixtures/).

    check/<case>/   content files and expected.txt: the exact lines make check prints
    build/<case>/   content files make check accepts; the site must build without hazards
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rebellab.lab.load import load_lab
from tests.fuzz.strategies import TODAY, GeneratedFile
from tests.fuzz.test_build import build_and_scan
from tests.support.settings import SETTINGS
from tests.support.site import copy_tree, make_root

FIXTURES = Path(__file__).parent / "fixtures"


def cases(kind: str) -> list[Path]:
    """The case folders of one kind."""
    return sorted(path for path in (FIXTURES / kind).iterdir() if path.is_dir())


def content_files(case: Path) -> list[GeneratedFile]:
    """The case's content files as generated files (paths relative to the case)."""
    return [GeneratedFile(path.relative_to(case).as_posix(), path.read_bytes())
            for path in sorted(case.rglob("*")) if path.is_file() and path.name != "expected.txt"]


@pytest.mark.parametrize("case", cases("check"), ids=lambda case: case.name)
def test_check_reports_the_expected_lines(tmp_path: Path, case: Path) -> None:
    root = copy_tree(case, make_root(tmp_path))
    (root / "expected.txt").unlink()
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    lab = load_lab(root, today=TODAY, settings=SETTINGS)
    assert [str(problem) for problem in lab.problems] == expected


@pytest.mark.parametrize("case", cases("build"), ids=lambda case: case.name)
def test_accepted_case_builds_without_hazards(tmp_path: Path, case: Path) -> None:
    assert build_and_scan(make_root(tmp_path), content_files(case)) == []
