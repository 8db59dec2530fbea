"""A lab root with generated DGS clips, and its site built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.signlanguage.clips import make_clip, make_poster
from tests.support.site import build_site, copy_tree, make_root

FIXTURES = Path(__file__).parent / "fixtures"
MEDIA = "content/gebaerdensprache"


def video_root(base: Path) -> Path:
    """The fixture ``with-video`` on an empty lab, with its clips and poster generated."""
    root = copy_tree(FIXTURES / "with-video", make_root(base))
    media = root / MEDIA
    make_clip(media / "willkommen.mp4", seconds=65, audio=True)
    make_clip(media / "hilfe.mp4", seconds=2, faststart=True)
    make_poster(media / "willkommen.jpg")
    return root


@pytest.fixture(scope="session")
def clip_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid lab root with videos; tests copy it before changing anything."""
    return video_root(tmp_path_factory.mktemp("dgs-root"))


@pytest.fixture(scope="session")
def video_site(clip_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Output of the lab root with videos."""
    output = tmp_path_factory.mktemp("dgs-site") / "output"
    result = build_site(clip_root, output)
    assert result.returncode == 0, f"Build fehlgeschlagen:\n{result.stdout}\n{result.stderr}"
    return output


@pytest.fixture
def copy_of_clip_root(clip_root: Path, tmp_path: Path) -> Path:
    """A private copy of the valid lab root."""
    return Path(shutil.copytree(clip_root, tmp_path / "site"))
