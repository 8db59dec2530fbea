"""Write pages on every core: forked workers write what the writer has queued.

Pelican completes the site model (``generate_context`` of every generator) before anything
is written, and writing a page or a calendar file changes nothing another file sees. So
when a generator's ``generate_output`` has ended, the files it queued are written
(:func:`run_forked`) by this process and forked copies of it, which share the model
copy-on-write. Each process takes the next few files from a shared counter when it is done
with its last: a large file (the JSON of 10,000 profiles) does not hold up one share. A
worker that fails fails the build.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import select
import signal
import sys
import traceback
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, NoReturn, TypeVar, cast

T = TypeVar("T")

# Below this many pages a fork costs more than it saves (make bench, 1/4 lab).
MIN_PAGES_PER_WORKER = 32
# Tasks (files) a process takes from the counter at once.
CHUNK = 8


def usable_cores() -> int:
    """Cores this process may run on (its affinity, not the machine's core count)."""
    return len(os.sched_getaffinity(0))


def worker_count(settings: Mapping[str, Any] | None) -> int:
    """Return how many processes to use: ``WRITE_WORKERS``, unset or None: every usable core."""
    workers = (settings or {}).get("WRITE_WORKERS")
    return usable_cores() if workers is None else int(workers)


def run_forked(tasks: Sequence[Callable[[], T]], workers: int, minimum: int,
               kind: str = "Schreibprozess(e)",
               meanwhile: Callable[[], None] | None = None) -> list[T]:
    """Return each task's result; up to ``workers`` processes run them; fail if one fails.

    ``kind`` names the processes in the message of a failure. A process is forked for every
    ``minimum`` tasks at most. This process and the forked copies of it take the next
    ``CHUNK`` tasks from a shared counter until none is left; the copies send their results
    back pickled. ``meanwhile`` runs in this process before it takes tasks (once the copies
    are forked, which take more of them meanwhile).
    """
    processes = max(1, min(workers, len(tasks) // max(minimum, 1)))
    if processes == 1:
        if meanwhile is not None:
            meanwhile()
        return [task() for task in tasks]
    taken = multiprocessing.get_context("fork").Value("q", 0)  # the next task to run
    children = [_fork(tasks, taken) for _ in range(1, processes)]
    try:
        if meanwhile is not None:
            meanwhile()
        results = _run_shared(tasks, taken)
    except BaseException:
        for _, reader in children:  # a copy still sending its results fails, not waits
            os.close(reader)
        raise
    failed = 0
    for pid, reader in children:
        with os.fdopen(reader, "rb") as source:
            data = source.read()  # before waiting: a large answer fills the pipe
        if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) or not data:
            failed += 1
        else:
            results.update(pickle.loads(data))
    if failed:
        raise RuntimeError(f"{failed} {kind} fehlgeschlagen (siehe oben)")
    return [results[index] for index in range(len(tasks))]


def _run_shared(tasks: Sequence[Callable[[], T]], taken: Any) -> dict[int, T]:
    """Run the next ``CHUNK`` tasks not yet taken, until none is left; results by index."""
    results: dict[int, T] = {}
    while True:
        with taken.get_lock():
            start = taken.value
            taken.value = start + CHUNK
        if start >= len(tasks):
            return results
        for index in range(start, min(start + CHUNK, len(tasks))):
            results[index] = tasks[index]()


def _fork(tasks: Sequence[Callable[[], Any]], taken: Any) -> tuple[int, int]:
    """Run tasks in a forked process (:func:`_run_shared`); return its pid and answer pipe."""
    sys.stdout.flush()
    sys.stderr.flush()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(reader)
        _run_and_exit(tasks, taken, writer)
    os.close(writer)
    return pid, reader


def _run_and_exit(tasks: Sequence[Callable[[], Any]], taken: Any, answer: int) -> NoReturn:
    """Run tasks in the worker, send the results, then leave at once (no atexit handlers)."""
    status = 0
    try:
        results = _run_shared(tasks, taken)
        with os.fdopen(answer, "wb") as out:
            pickle.dump(results, out, protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:  # report whatever stopped the worker; the parent fails the build
        traceback.print_exc()
        status = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


class ForkFailed(RuntimeError):
    """A process of :func:`start_forked` failed (the message names its error) or was ended."""


def start_forked(function: Callable[..., T], *args: Any) -> Forked[T]:
    """Start ``function(*args)`` in a forked process; return what waits for its result.

    This process goes on meanwhile; what the function allocates goes with the other one
    (CPython keeps freed memory for itself). The result comes back pickled.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the forked process; its result is what the tests check
        os.close(reader)
        status = 0
        try:
            answer: tuple[bool, Any] = (True, function(*args))
        except BaseException as error:  # reported by the waiting process
            answer, status = (False, f"{type(error).__name__}: {error}"), 1
        try:
            with os.fdopen(writer, "wb") as out:
                pickle.dump(answer, out, protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            os._exit(status)  # at once: no atexit handlers of the parent's, no teardown
    os.close(writer)
    return Forked(pid, reader)


class Forked(Generic[T]):
    """A function running in a forked process (:func:`start_forked`).

    Calling it waits for the result; that raises :class:`ForkFailed` when the function
    raised or the process ended without a result.
    """

    def __init__(self, pid: int, reader: int) -> None:
        self.pid, self.reader = pid, reader

    def ready(self) -> bool:
        """Whether the process has begun to send its result (or has ended): it has done."""
        return bool(select.select([self.reader], [], [], 0)[0])

    def __call__(self) -> T:
        """Wait for the result."""
        try:
            with os.fdopen(self.reader, "rb") as source:
                data = source.read()
            os.waitpid(self.pid, 0)
        except BaseException:  # Ctrl+C: the process is not wanted any more
            with contextlib.suppress(ProcessLookupError, ChildProcessError):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            raise
        if not data:
            raise ForkFailed("der Prozess endete ohne Ergebnis")
        succeeded, value = pickle.loads(data)
        if not succeeded:
            raise ForkFailed(value)
        return cast(T, value)


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
