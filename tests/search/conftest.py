"""A searchable fixture site with more results than one step shows.

The directory's basic and hostile sites (basic_site, hostile_site) come from tests/conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.directory.sites import build, lab_root
from tests.support.site import copy_tree


@pytest.fixture(scope="session")
def many_results_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eleven people of Stadt Hamm, eight of them in the Kämmerei: more than one step."""
    tmp = tmp_path_factory.mktemp("many-results")
    root = lab_root(tmp)
    copy_tree(Path(__file__).parent / "fixtures" / "many-results", root)
    return build(root, tmp / "output", search=True)


@pytest.fixture(scope="session")
def quality_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Compounds, names, topics and typos of the quality set (tests/search/quality.tsv)."""
    tmp = tmp_path_factory.mktemp("quality")
    root = lab_root(tmp)
    copy_tree(Path(__file__).parent / "fixtures" / "quality", root)
    return build(root, tmp / "output", search=True)
