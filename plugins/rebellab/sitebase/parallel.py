"""Render pages on every core: forked workers render what the writer has queued.

Pelican completes the site model (``generate_context`` of every generator) before anything
is written, and rendering a page changes nothing another page sees. So when a generator's
``generate_output`` has ended, the pages it queued (:class:`PendingPage`) are split into
interleaved shards: one is rendered in this process, the others in forked copies of it,
which share the model copy-on-write. A worker that fails fails the build.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

# Below this many pages a fork costs more than it saves (make bench, 1/4 lab).
MIN_PAGES_PER_WORKER = 32


@dataclass(frozen=True)
class PendingPage:
    """A page placed by Pelican's writer and not yet rendered."""

    render: Callable[[], str]
    path: str


def usable_cores() -> int:
    """Cores this process may run on (its affinity, not the machine's core count)."""
    return len(os.sched_getaffinity(0))


def render_all(pages: Sequence[PendingPage], workers: int) -> None:
    """Render and write ``pages`` over up to ``workers`` processes; fail if one fails."""
    shards = max(1, min(workers, len(pages) // MIN_PAGES_PER_WORKER))
    children = [_fork(pages[index::shards]) for index in range(1, shards)]
    render_pages(pages[0::shards])
    failed = [pid for pid in children if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])]
    if failed:
        raise RuntimeError(f"{len(failed)} Schreibprozess(e) fehlgeschlagen (siehe oben)")


def render_pages(pages: Sequence[PendingPage]) -> None:
    """Render ``pages`` and write each over its placeholder."""
    for page in pages:
        text = page.render()
        with open(page.path, "w", encoding="utf-8") as handle:
            handle.write(text)


def _fork(pages: Sequence[PendingPage]) -> int:
    """Render ``pages`` in a forked process; return its pid."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        _render_and_exit(pages)
    return pid


def _render_and_exit(pages: Sequence[PendingPage]) -> NoReturn:
    """Render in the worker, then leave at once (no atexit handlers, no Pelican code)."""
    status = 0
    try:
        render_pages(pages)
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
