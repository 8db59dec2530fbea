"""Fixture sites for the directory and search tests, built the way a user builds."""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

from tests.support.site import REPO, build_site, copy_tree, make_root

FIXTURES = Path(__file__).parent / "fixtures"


def lab_root(tmp_path: Path, *fixtures: str) -> Path:
    """A lab root with the repository's vocabularies and methods plus the named fixtures."""
    root = make_root(tmp_path)
    # data/formats.yaml refers to method pages; they must exist for the data to validate.
    shutil.copytree(REPO / "content" / "methoden", root / "content" / "methoden",
                    dirs_exist_ok=True)
    for name in fixtures:
        copy_tree(FIXTURES / name, root)
    return root


def build(root: Path, output: Path, *, search: bool = False) -> Path:
    """Build and fail the test with the build's own messages if it does not succeed."""
    result = build_site(root, output, search=search)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def html_files(output: Path) -> Iterator[Path]:
    """Every HTML page of a built site."""
    yield from sorted(output.rglob("*.html"))


def pagefind_records(output: Path) -> Iterator[tuple[Path, dict]]:
    """Decoded Pagefind fragments: one JSON record per indexed page (url, content, meta...)."""
    for path in sorted((output / "pagefind").rglob("fragment/*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd"), path
        yield path, json.loads(raw[len(b"pagefind_dcd"):])


def pagefind_bytes(output: Path) -> Iterator[tuple[Path, bytes]]:
    """Every file of the Pagefind bundle, decompressed where Pagefind compressed it."""
    for path in sorted((output / "pagefind").rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            yield path, data
