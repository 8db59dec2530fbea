"""How many generated inputs each property tried in this run (printed at the end).

    EXAMPLES[profile][property]   examples per property: "ci" in make test, "fuzz" in make fuzz
    TRIED[property]               inputs generated so far (pytest prints the sum)
"""

from __future__ import annotations

import os
from collections import Counter

from hypothesis import HealthCheck, settings

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
# ci: a fixed derandomised sequence that keeps tests/fuzz under a minute on a loaded
# two-core machine; fuzz: random seeds and many more inputs (make fuzz, about ten minutes).
EXAMPLES = {
    "ci": {"loader": 150, "check": 3, "build": 5},
    "fuzz": {"loader": 10000, "check": 100, "build": 150},
}
TRIED: Counter[str] = Counter()

_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
settings.register_profile("ci", derandomize=True, deadline=None, database=None,
                          print_blob=True, suppress_health_check=_SLOW)
settings.register_profile("fuzz", deadline=None, database=None, print_blob=True,
                          suppress_health_check=_SLOW)
settings.load_profile(PROFILE)


def examples(prop: str) -> int:
    """Examples for one property in the selected profile."""
    return EXAMPLES[PROFILE][prop]


def count(prop: str) -> None:
    """Record one generated input for ``prop``."""
    TRIED[prop] += 1
