"""Every broken comment and redirect rule is reported as ``path:line: message``, all at once.

``fixtures/invalid/<case>/`` breaks one rule over the "site" fixture's posts; the exact lines
``make check`` prints are in ``fixtures/invalid/expected.txt``
(regenerate: ``UPDATE_GOLDEN=1 .venv/bin/pytest tests/comments/test_validation.py``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date

import pytest

from rebellab.lab.load import load_lab
from tests.comments.sites import EXPECTED, invalid_cases, invalid_root, site_root
from tests.support.site import DEFAULT_TODAY, REPO

TODAY = date.fromisoformat(DEFAULT_TODAY)


def read_expected() -> dict[str, list[str]]:
    expected: dict[str, list[str]] = {}
    current: list[str] = []
    for line in EXPECTED.read_text(encoding="utf-8").splitlines():
        header = re.fullmatch(r"\[(.+)\]", line)
        if header:
            current = expected.setdefault(header.group(1), [])
        elif line.strip() and not line.startswith("#"):
            current.append(line)
    return expected


def problems(root) -> list[str]:
    return [str(problem) for problem in load_lab(root, today=TODAY).problems]


def test_valid_fixture_site_has_no_problems(tmp_path):
    assert problems(site_root(tmp_path)) == []


def test_expected_lines(tmp_path_factory):
    actual = {case: problems(invalid_root(tmp_path_factory.mktemp(case), case))
              for case in invalid_cases()}
    if os.environ.get("UPDATE_GOLDEN"):
        parts = ["# Exact output of `make check` per invalid case (fixtures/invalid/<case>/).",
                 "# Regenerate: UPDATE_GOLDEN=1 .venv/bin/pytest "
                 "tests/comments/test_validation.py; review the diff.", ""]
        for case, lines in actual.items():
            parts += [f"[{case}]", *lines, ""]
        EXPECTED.write_text("\n".join(parts), encoding="utf-8")
    assert actual == read_expected()


@pytest.mark.parametrize("case", invalid_cases())
def test_every_case_fails(tmp_path, case):
    assert problems(invalid_root(tmp_path, case)) != []


def test_make_check_prints_the_lines_and_fails(tmp_path):
    root = invalid_root(tmp_path, "reply-cycle")
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "check.py"), "--root",
                             str(root)], capture_output=True, text=True, check=False,
                            env={**os.environ, "SITE_TODAY": DEFAULT_TODAY})
    assert result.returncode == 1
    assert result.stdout.splitlines() == read_expected()["reply-cycle"]
    assert "Traceback" not in result.stderr


def test_build_refuses_invalid_comments_without_traceback(tmp_path):
    from tests.support.site import build_site

    root = invalid_root(tmp_path, "reply-to-itself")
    result = build_site(root, tmp_path / "output")
    assert result.returncode != 0
    assert read_expected()["reply-to-itself"][0] in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "output").exists()


def test_make_check_and_the_build_refuse_a_redirect_over_a_page_of_the_labs_own(tmp_path):
    """The URL settings place every page type, so make check knows them all (one validator)."""
    from tests.support.site import build_site

    root = site_root(tmp_path)
    (root / "data" / "redirects.yaml").write_text(
        "- from: /alt/\n  to: /blog/\n- from: /veranstaltungen/\n  to: /blog/\n",
        encoding="utf-8")
    expected = ("data/redirects.yaml:3: 'from' /veranstaltungen/ ist schon die Adresse einer "
                "Seite dieser Website; eine Weiterleitung würde sie verdecken.")
    check = subprocess.run([sys.executable, str(REPO / "scripts" / "check.py"), "--root",
                            str(root)], capture_output=True, text=True, check=False,
                           env={**os.environ, "SITE_TODAY": DEFAULT_TODAY, "LAB_ROOT": str(root)})
    assert check.returncode == 1
    assert check.stdout.splitlines() == [expected]
    result = build_site(root, tmp_path / "output")
    assert result.returncode != 0
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
