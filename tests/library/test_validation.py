"""`make check` on invalid library files: every problem, exact `path:line: message`."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.library.sites import FIXTURES, library_root, run_check
from tests.support.site import REPO, build_site

# Golden file: one line per problem, exactly as `make check` prints them.
# Regenerate with UPDATE_GOLDEN=1 and review the diff like code.
GOLDEN = FIXTURES / "invalid.expected.txt"


@pytest.fixture(scope="module")
def invalid_check(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    return run_check(library_root(tmp_path_factory.mktemp("invalid"), "invalid"))


def test_check_fails_on_invalid_library_files(invalid_check):
    assert invalid_check.returncode == 1
    assert "Traceback" not in invalid_check.stderr


def test_every_problem_is_reported_with_path_and_line(invalid_check):
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(invalid_check.stdout, encoding="utf-8")
    assert invalid_check.stdout == GOLDEN.read_text(encoding="utf-8")


@pytest.mark.parametrize("line", GOLDEN.read_text(encoding="utf-8").splitlines())
def test_each_rule_has_its_line(invalid_check, line):
    # One case per rule: a failure names the single rule that changed.
    assert line in invalid_check.stdout.splitlines()


def test_valid_fixture_site_passes(tmp_path):
    result = run_check(library_root(tmp_path, "hub"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_repository_library_content_passes():
    result = run_check(REPO)
    problems = [line for line in result.stdout.splitlines()
                if line.startswith(("content/methoden/", "content/fragen/", "content/materialien/",
                                    "data/projects/", "data/materials/"))]
    assert problems == []


def test_a_method_file_problem_blocks_the_build(tmp_path):
    root = library_root(tmp_path, "hub")
    (root / "content/methoden/broken.md").write_text("Title: Kaputt\n\n## Ablauf\n",
                                                      encoding="utf-8")
    result = build_site(root, tmp_path / "out")
    assert result.returncode == 1
    assert "content/methoden/broken.md:1: Pflichtfeld 'Summary' fehlt." in result.stderr
    assert not (tmp_path / "out").exists()
