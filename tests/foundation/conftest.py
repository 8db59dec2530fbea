"""Fixture sites for the foundation tests, each built once per test session."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.foundation.helpers import ABSOLUTE_URL, SUBPATH_URL
from tests.support.site import REPO, build_site, copy_tree, make_root

FIXTURES = Path(__file__).parent / "fixtures"


def _build(tmp_path_factory: pytest.TempPathFactory, name: str,
           fill: Callable[[Path], None], **options: object) -> Path:
    base = tmp_path_factory.mktemp(name)
    root = make_root(base)
    fill(root)
    output = base / "output"
    options.setdefault("env", {"SITE_ABSOLUTE_URL": ABSOLUTE_URL})
    result = build_site(root, output, **options)
    assert result.returncode == 0, (
        f"Build von {name} fehlgeschlagen:\n{result.stdout}\n{result.stderr}")
    return output


@pytest.fixture(scope="session")
def blog_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve posts: two blog pages, umlauts in slugs, an internal and a root-relative link."""
    return _build(tmp_path_factory, "blog-pagination",
                  lambda root: copy_tree(FIXTURES / "blog-pagination", root))


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The blog fixture as a production build published below a path (GitHub Pages)."""
    return _build(tmp_path_factory, "subpath",
                  lambda root: copy_tree(FIXTURES / "blog-pagination", root),
                  settings="publishconf.py", env={"SITEURL": SUBPATH_URL})


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A post and a page full of script, event handlers and javascript: links."""
    return _build(tmp_path_factory, "hostile-content",
                  lambda root: copy_tree(FIXTURES / "hostile-content", root))


@pytest.fixture(scope="session")
def starter_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own posts and pages (content/blog, content/pages) on an empty lab."""
    def fill(root: Path) -> None:
        for folder in ("blog", "pages"):
            shutil.copytree(REPO / "content" / folder, root / "content" / folder,
                            dirs_exist_ok=True)

    return _build(tmp_path_factory, "starter", fill)
