"""Processes a test expects to end: a build's page writers, make serve's model holder."""

from __future__ import annotations

import time
from pathlib import Path


def running(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie waiting to be reaped does not)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return False
    return "\nState:\tZ" not in status


def wait_until_ended(pid: int, seconds: float) -> bool:
    """Wait up to ``seconds`` for process ``pid`` to end; whether it has."""
    deadline = time.monotonic() + seconds
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not running(pid)
