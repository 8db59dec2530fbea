"""Write pages on every core: forked workers write what the writer has queued.

Pelican completes the site model (``generate_context`` of every generator) before anything
is written, and writing a page or a calendar file changes nothing another file sees. So
when a generator's ``generate_output`` has ended, the files it queued
(:class:`PendingPage`) are written by this process and forked copies of it, which share
the model copy-on-write. Each process takes the next few files from a shared counter when
it is done with its last: a large file (the JSON of 10,000 profiles) does not hold up one
share. A worker that fails fails the build.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

# Below this many pages a fork costs more than it saves (make bench, 1/4 lab).
MIN_PAGES_PER_WORKER = 32
# Files a process takes from the counter at once.
CHUNK = 8


@dataclass(frozen=True)
class PendingPage:
    """A file placed by Pelican's writer and not yet written: a page or a derived file."""

    write: Callable[[], None]  # renders or computes the file and writes it at ``path``
    path: str


def usable_cores() -> int:
    """Cores this process may run on (its affinity, not the machine's core count)."""
    return len(os.sched_getaffinity(0))


def render_all(pages: Sequence[PendingPage], workers: int) -> None:
    """Write ``pages`` over up to ``workers`` processes; fail if one fails."""
    processes = max(1, min(workers, len(pages) // MIN_PAGES_PER_WORKER))
    if processes == 1:
        render_pages(pages)
        return
    taken = multiprocessing.get_context("fork").Value("q", 0)  # the next file to write
    children = [_fork(pages, taken) for _ in range(1, processes)]
    _write_shared(pages, taken)
    failed = [pid for pid in children if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])]
    if failed:
        raise RuntimeError(f"{len(failed)} Schreibprozess(e) fehlgeschlagen (siehe oben)")


def render_pages(pages: Sequence[PendingPage]) -> None:
    """Write ``pages`` over their placeholders, in this process."""
    for page in pages:
        page.write()


def _write_shared(pages: Sequence[PendingPage], taken: Any) -> None:
    """Write the next ``CHUNK`` files of ``pages`` not yet taken, until none is left."""
    while True:
        with taken.get_lock():
            start = taken.value
            taken.value = start + CHUNK
        if start >= len(pages):
            return
        render_pages(pages[start:start + CHUNK])


def _fork(pages: Sequence[PendingPage], taken: Any) -> int:
    """Write files of ``pages`` in a forked process (:func:`_write_shared`); return its pid."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        _render_and_exit(pages, taken)
    return pid


def _render_and_exit(pages: Sequence[PendingPage], taken: Any) -> NoReturn:
    """Write in the worker, then leave at once (no atexit handlers, no Pelican code)."""
    status = 0
    try:
        _write_shared(pages, taken)
    except BaseException:  # report whatever stopped the worker; the parent fails the build
        traceback.print_exc()
        status = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def render_after_output(generator: Any, finish: Callable[[], None]) -> None:
    """Call ``finish`` whenever ``generator``'s ``generate_output`` ends.

    Pelican sends no signal then (only for posts and pages), so the method is wrapped on
    the instance.
    """
    method = generator.generate_output

    def generate_output(writer: Any) -> None:
        method(writer)
        finish()

    generator.generate_output = generate_output
