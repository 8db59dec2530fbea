"""Fixture sites shared by tests/directory and tests/search (each built once per session)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.directory.sites import build, lab_root


@pytest.fixture(scope="session")
def basic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five profiles (umlauts, ß, a photo with EXIF), an event, a post, a project; searchable."""
    tmp = tmp_path_factory.mktemp("basic")
    return build(lab_root(tmp, "basic"), tmp / "output", search=True)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Profiles and a topic synonym that try to inject markup and script everywhere."""
    tmp = tmp_path_factory.mktemp("hostile")
    return build(lab_root(tmp, "hostile"), tmp / "output", search=True)
