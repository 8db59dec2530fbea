"""Fixture lab roots for the comment and redirect tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support.site import copy_tree, make_root

FIXTURES = Path(__file__).parent / "fixtures"
SITE = FIXTURES / "site"
INVALID = FIXTURES / "invalid"
EXPECTED = INVALID / "expected.txt"
POST = "ein-beitrag-mit-gespraech"


def site_root(tmp_path: Path) -> Path:
    """The "site" fixture: three posts (one with two threads, one closed), a draft, a page."""
    return copy_tree(SITE, make_root(tmp_path))


def invalid_root(tmp_path: Path, case: str) -> Path:
    """The fixture's posts and page without comments or redirects, then one invalid case."""
    root = make_root(tmp_path)
    shutil.copytree(SITE / "content", root / "content", dirs_exist_ok=True)
    return copy_tree(INVALID / case, root)


def invalid_cases() -> list[str]:
    """Every folder below ``fixtures/invalid/``: one broken rule each."""
    return sorted(path.name for path in INVALID.iterdir() if path.is_dir())
