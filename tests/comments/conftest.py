"""The comments fixture site, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.comments.sites import site_root
from tests.support.site import build_site


@pytest.fixture(scope="session")
def comment_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Output folder of the "site" fixture."""
    base = tmp_path_factory.mktemp("comments-site")
    output = base / "output"
    result = build_site(site_root(base), output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture(scope="session")
def page(comment_site: Path):
    """Return ``page("blog/2020/x/")`` -> the parsed page (whole document)."""
    cache: dict[str, BeautifulSoup] = {}

    def load(path: str) -> BeautifulSoup:
        if path not in cache:
            file = comment_site / (f"{path}index.html" if path.endswith("/") or not path
                                   else path)
            cache[path] = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        return cache[path]

    return load
