"""Searchable fixture sites (the directory's fixtures, built with the Pagefind index)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.directory.sites import build, lab_root


@pytest.fixture(scope="session")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The directory's basic fixture site (profiles, an event, a post), with the index."""
    tmp = tmp_path_factory.mktemp("search")
    return build(lab_root(tmp, "basic"), tmp / "output", search=True)


@pytest.fixture(scope="session")
def hostile_search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile fixture profiles, with the index."""
    tmp = tmp_path_factory.mktemp("hostile-search")
    return build(lab_root(tmp, "hostile"), tmp / "output", search=True)
