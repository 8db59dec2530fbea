"""The library's fixture site, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.library.sites import library_root
from tests.support.site import build_site


@pytest.fixture(scope="session")
def hub_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Output folder of the "hub" fixture site (today: 2026-11-24)."""
    base = tmp_path_factory.mktemp("library-hub")
    output = base / "output"
    result = build_site(library_root(base, "hub"), output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture(scope="session")
def page(hub_site: Path):
    """Return ``page("themen/neue-arbeit/")`` -> the parsed ``<main>`` of that page."""
    cache: dict[str, BeautifulSoup] = {}

    def load(url: str) -> BeautifulSoup:
        if url not in cache:
            html = (hub_site / url / "index.html").read_text(encoding="utf-8")
            cache[url] = BeautifulSoup(html, "html.parser")
        return cache[url]

    return load
