"""Searchable fixture sites (the directory's fixtures, built with the Pagefind index)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.directory.sites import build, lab_root
from tests.support.site import copy_tree


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


@pytest.fixture(scope="session")
def many_results_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eleven people of Stadt Hamm, eight of them in the Kämmerei: more than one step."""
    tmp = tmp_path_factory.mktemp("many-results")
    root = lab_root(tmp)
    copy_tree(Path(__file__).parent / "fixtures" / "many-results", root)
    return build(root, tmp / "output", search=True)
