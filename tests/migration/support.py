"""Run the WordPress import the way ``make import-wordpress`` does, and read what it wrote."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.site import REPO

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
# What the import writes (the fixture site's own page content/pages/ueber.md is not its own).
OUTPUT_FOLDERS = ("content/blog", "content/pages", "content/images/blog", "data/comments",
                  "data/imports")


def run_import(root: Path, wxr: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``python -m scripts.wordpress_import`` for ``root``; the finished process."""
    return subprocess.run([sys.executable, "-m", "scripts.wordpress_import", str(wxr),
                           "--root", str(root), *extra],
                          capture_output=True, text=True, cwd=REPO, check=False)


def existing_site(tmp_path: Path) -> Path:
    """A lab root with one page of its own (``ueber``) that an imported page clashes with."""
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "existing-site", root)
    (root / "data").mkdir(exist_ok=True)
    return root


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file below ``root`` with its bytes and modification time."""
    return {path.relative_to(root).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(root.rglob("*")) if path.is_file()}


def report_without_duration(stdout: str) -> str:
    """The report minus its last line with the measured time."""
    return "".join(line for line in stdout.splitlines(keepends=True)
                   if not line.startswith("Dauer: "))


def read_post(path: Path) -> tuple[str, dict[str, object]]:
    """HTML and metadata of one Markdown file, read by Pelican's Markdown reader."""
    from pelican.readers import MarkdownReader
    from pelican.settings import read_settings

    reader = MarkdownReader(read_settings(str(REPO / "pelicanconf.py")))
    return reader.read(str(path))
