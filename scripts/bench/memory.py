"""Peak memory of a build's process tree, per kind of process, by polling ``/proc``.

``wait4`` gives one figure for a process and all its children together; the issue asks for
the build, its forked workers and the Pagefind indexer apart, and for their sum at the
worst moment (forked workers share pages with the process they were forked from until they
touch them, so the sum of their resident sets overstates what the machine needs; it is the
safe upper bound). The build is ``scripts/build.py`` and the process it forks for Pelican
(named ``PELICAN_PROCESS_NAME`` there); the workers are the page writers that process forks
and the pool that prepares pages for the index.
Each process's own high-water mark (``VmHWM``) is read at every poll, so a peak between two
polls is not missed; the sum at once is sampled every :data:`INTERVAL` seconds. The polls
also tell how long a Pagefind process was running (to within an interval per run): the part
of the search index that is Pagefind's own program and not ours.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from scripts.build import PELICAN_PROCESS_NAME

INTERVAL = 0.05
PROC = Path("/proc")


@dataclass
class TreePeaks:
    """Peak resident memory in MB: the largest process of each kind and the sum at once."""

    build: float = 0.0
    workers: float = 0.0
    indexer: float = 0.0
    all_at_once: float = 0.0
    worker_count: int = 0
    indexer_seconds: float = 0.0  # wall time with a Pagefind process running
    _seen_workers: set[int] = field(default_factory=set, repr=False)

    def as_dict(self) -> dict[str, float]:
        """Return the figures rounded, for the JSON report."""
        return {"build_mb": round(self.build, 1), "workers_mb": round(self.workers, 1),
                "indexer_mb": round(self.indexer, 1),
                "all_at_once_mb": round(self.all_at_once, 1),
                "worker_count": self.worker_count,
                "indexer_seconds": round(self.indexer_seconds, 2)}


def _status(pid: int) -> dict[str, str]:
    """Fields of ``/proc/<pid>/status``; empty when the process has gone."""
    try:
        text = (PROC / str(pid) / "status").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    return dict(line.split(":\t", 1) for line in text.splitlines() if ":\t" in line)


def _children() -> dict[int, list[int]]:
    """Map of parent pid to child pids, for every process visible now."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir(PROC):
        if entry.name.isdigit():
            try:
                stat = (PROC / entry.name / "stat").read_text(encoding="utf-8")
            except OSError:
                continue
            # The command name is in parentheses and may hold spaces: split after it.
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(parent, []).append(int(entry.name))
    return tree


def descendants(root: int) -> list[int]:
    """``root`` and every process below it."""
    tree = _children()
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(tree.get(pid, ()))
    return found


def _megabytes(value: str) -> float:
    """``"12345 kB"`` in MB."""
    return int(value.split()[0]) / 1024 if value else 0.0


class TreeSampler:
    """Polls the process tree below one pid in a thread until :meth:`stop`."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.peaks = TreePeaks()
        self._stopped = threading.Event()
        self._last = time.monotonic()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stopped.wait(INTERVAL):
            self.sample()

    def sample(self) -> None:
        """Read every process below the root once."""
        now = 0.0
        indexing = False
        for pid in descendants(self.root):
            status = _status(pid)
            if not status:
                continue
            now += _megabytes(status.get("VmRSS", ""))
            peak = _megabytes(status.get("VmHWM", ""))
            kind = self._kind(pid, status.get("Name", ""), int(status.get("PPid", "0")))
            setattr(self.peaks, kind, max(getattr(self.peaks, kind), peak))
            indexing = indexing or kind == "indexer"
        self.peaks.all_at_once = max(self.peaks.all_at_once, now)
        polled, self._last = self._last, time.monotonic()
        if indexing:  # running since the last poll, near enough
            self.peaks.indexer_seconds += self._last - polled

    def _kind(self, pid: int, name: str, parent: int) -> str:
        """``build`` (the root, its Pelican process), ``indexer`` (Pagefind) or ``workers``.

        The page writers are forked from the Pelican process and keep its name, so the
        Pelican process is told from them by its parent, the root.
        """
        if pid == self.root or (name == PELICAN_PROCESS_NAME and parent == self.root):
            return "build"
        if "pagefind" in name:
            return "indexer"
        if pid not in self.peaks._seen_workers:
            self.peaks._seen_workers.add(pid)
            self.peaks.worker_count += 1
        return "workers"

    def stop(self) -> TreePeaks:
        """Stop polling; return the peaks."""
        self._stopped.set()
        self._thread.join()
        return self.peaks
