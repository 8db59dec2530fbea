"""Fixture lab roots for the library's tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.site import DEFAULT_TODAY, REPO, copy_tree, make_root

FIXTURES = Path(__file__).parent / "fixtures"
LIBRARY_FOLDERS = ("content/methoden", "content/fragen", "content/materialien",
                   "data/projects", "data/materials")


def library_root(tmp_path: Path, fixture: str) -> Path:
    """A lab root with the repository's vocabularies and only this fixture's library files."""
    root = make_root(tmp_path)
    for folder in LIBRARY_FOLDERS:
        shutil.rmtree(root / folder, ignore_errors=True)  # the fixture alone decides
    return copy_tree(FIXTURES / fixture, root)


def run_check(root: Path) -> subprocess.CompletedProcess[str]:
    """Run ``scripts/check.py`` (what ``make check`` runs) for ``root``."""
    return subprocess.run([sys.executable, str(REPO / "scripts" / "check.py"), "--root",
                           str(root)], capture_output=True, text=True, check=False,
                          env={"SITE_TODAY": DEFAULT_TODAY, "PATH": "/usr/bin:/bin"})
