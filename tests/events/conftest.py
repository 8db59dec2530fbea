"""Fixtures of the events tests: the fixture lab (models only) and the built fixture site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.site import REPO, build_site, copy_tree, make_root

FIXTURE = Path(__file__).parent / "fixtures" / "site"
ARCHIVE_FILLERS = 21  # past events beyond the feed window, to get a second archive page


def fixture_root(tmp_path: Path) -> Path:
    """A lab root with the repository's vocabularies and the events fixture files."""
    root = make_root(tmp_path)
    # formats.yaml links formats to method pages; they must exist for validation.
    methods = REPO / "content" / "methoden"
    if methods.is_dir():
        shutil.copytree(methods, root / "content" / "methoden", dirs_exist_ok=True)
    copy_tree(FIXTURE, root)
    for number in range(1, ARCHIVE_FILLERS + 1):
        (root / "data" / "events" / f"archiv-{number:02d}.yaml").write_text(
            f"title: Altes Treffen {number}\nformat: meetup\n"
            f"start: 2025-01-{number:02d} 17:00\nend: 2025-01-{number:02d} 18:00\n"
            "location:\n  name: Impact Hub Ruhr\n"
            "  address: Heinrich-Reisner-Platz 1, 45127 Essen\n"
            "description: Ein vergangenes Treffen.\n", encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def lab_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture lab root (not built)."""
    return fixture_root(tmp_path_factory.mktemp("events-lab"))


@pytest.fixture(scope="session")
def fixture_lab(lab_root: Path):
    """The validated fixture lab."""
    from rebellab.lab.load import load_lab

    lab = load_lab(lab_root)
    assert not lab.problems, lab.problems
    return lab


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site built once (SITE_TODAY 2026-11-24); returns the output folder."""
    base = tmp_path_factory.mktemp("events-site")
    root = fixture_root(base)
    output = base / "output"
    result = build_site(root, output)
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture(scope="session")
def rebuilt_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second build of the same fixture files (for byte-identical output)."""
    base = tmp_path_factory.mktemp("events-site-again")
    root = base / "site"
    shutil.copytree(built_site.parent / "site", root, copy_function=shutil.copy2)
    output = base / "output"
    result = build_site(root, output)
    assert result.returncode == 0, result.stderr
    return output
