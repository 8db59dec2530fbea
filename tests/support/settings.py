"""The repository's settings as Pelican reads them, for tests of pure functions."""

from __future__ import annotations

from pelican.settings import read_settings

from tests.support.site import REPO

SETTINGS = read_settings(str(REPO / "pelicanconf.py"))
