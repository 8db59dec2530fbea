"""The network fixture site: own events, seven outside feeds, built once (2026-11-24)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.site import build_site, copy_tree, make_root

SITE = Path(__file__).parent / "fixtures" / "site"


@pytest.fixture(scope="session")
def network_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Output folder of the network fixture site."""
    base = tmp_path_factory.mktemp("network-site")
    root = copy_tree(SITE, make_root(base))
    output = base / "output"
    result = build_site(root, output)
    assert result.returncode == 0, result.stderr
    return output
