"""Fuzz tests: a clean lab root shared by all examples, and the tally printed at the end."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz.tally import PROFILE, TRIED
from tests.support.site import make_root


@pytest.fixture(scope="session")
def lab_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A lab root with only the repository's vocabularies and method pages (no problems)."""
    return make_root(tmp_path_factory.mktemp("fuzz-base"))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print how many generated inputs the properties tried (make fuzz reports this)."""
    if TRIED:
        # "built" counts the generated sets of "build" that make check accepted and built.
        total = sum(number for name, number in TRIED.items() if name != "built")
        parts = ", ".join(f"{name} {number}" for name, number in sorted(TRIED.items()))
        terminalreporter.write_line(f"Fuzz ({PROFILE}): {total} generierte Eingaben geprüft "
                                    f"({parts}).")
