"""Benchmark of the whole build (``make bench``): ``python -m scripts.bench --help``."""

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# The corpus spells slugs with the site's own function (rebellab.kernel.slug), as the other
# scripts import the plugins: from the repository's plugins/ folder.
if str(REPO / "plugins") not in sys.path:
    sys.path.insert(0, str(REPO / "plugins"))

# "Today" of every benchmark build, so that past and upcoming events split the same way.
SITE_TODAY = "2026-11-24"
