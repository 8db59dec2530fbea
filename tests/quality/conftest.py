"""Fixtures of the quality gates: the repository's site, built once, and its server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def site_output(request: pytest.FixtureRequest) -> Path:
    """Output folder of the repository's site; every gate fails at once if it did not build.

    QUALITY_GATES_OUTPUT=output runs the gates against an existing build instead (e.g. after
    ``make html``), which is quicker while fixing what a gate found.
    """
    if os.environ.get("QUALITY_GATES_OUTPUT"):
        return Path(os.environ["QUALITY_GATES_OUTPUT"]).resolve()
    repo_site = request.getfixturevalue("repo_site")
    if repo_site.returncode != 0:
        pytest.fail("Die Website des Repositorys wurde nicht gebaut:\n"
                    f"{repo_site.stdout}\n{repo_site.stderr}", pytrace=False)
    return repo_site.output


@pytest.fixture(scope="session")
def site_base_url(site_output, served_site) -> str:
    """Base URL of the local server for the repository's site."""
    return served_site(site_output)

