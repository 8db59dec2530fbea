"""Warm builds: a page whose fingerprint is unchanged is linked from the previous output.

``scripts/build.py`` builds into a staging folder and swaps it in; it names the folder
being replaced (``PREVIOUS_OUTPUT_PATH``). Pelican's writer still runs for every page (its
paginator, its overwrite guard, ``content_written`` for the sitemap); only the rendering
is skipped when the page's fingerprint (:mod:`rebellab.sitebase.fingerprint`) equals the
one recorded for the previous output and that file is still the one written then (same
inode, size and modification time: a file changed by hand is rendered again). The page is
then hard-linked into the staging folder, so the previous output stays untouched until
the swap. Files made from data (``write_derived``: calendars, JSON) are fingerprinted by
the function and arguments that make them; a changed one is computed with the pages.

The fingerprints of a build are kept in ``CACHE_PATH`` (one file per output folder) and
take effect only when the build has been swapped in (:func:`commit`): a failed build
leaves the record of the output it failed to replace.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import IO, Any

from jinja2 import Template
from pelican.utils import sanitised_join

from rebellab.kernel.files import file_identity
from rebellab.sitebase.feeds import AbsoluteFeedWriter
from rebellab.sitebase.fingerprint import Fingerprints, Lazy, resolved
from rebellab.sitebase.output import kept_folders_path, take_kept_folders
from rebellab.sitebase.parallel import (
    MIN_PAGES_PER_WORKER,
    Forked,
    ForkFailed,
    render_after_output,
    run_forked,
    start_forked,
    worker_count,
)

FORMAT = 1
logger = logging.getLogger(__name__)
# What a forked writer did with a page: its name, fingerprint, whether the previous file was
# reused, and that file's identity when it was hard-linked (PageRecord.decided).
Decided = tuple[str, str | None, bool, list[int] | None]


def record_path(settings: dict[str, Any]) -> Path | None:
    """Where the fingerprints of ``PREVIOUS_OUTPUT_PATH``'s pages are kept, if it is set."""
    previous = settings.get("PREVIOUS_OUTPUT_PATH")
    if not previous:
        return None
    name = hashlib.sha256(str(Path(previous).resolve()).encode()).hexdigest()[:16]
    return Path(settings["CACHE_PATH"]) / "pages" / f"{name}.json"


def commit(settings: dict[str, Any]) -> None:
    """After the swap: the staged record becomes the record of the output folder."""
    target = record_path(settings)
    if target is not None and _staged(target).is_file():
        os.replace(_staged(target), target)


def _staged(target: Path) -> Path:
    return target.with_suffix(".next.json")


# Packages whose code renders pages: after an upgrade no page is reused.
RENDERING_PACKAGES = ("pelican", "jinja2", "markupsafe", "markdown", "nh3", "icalendar",
                      "python-dateutil", "PyYAML", "lxml")


def _code_digest() -> str:
    """Digest of the plugin sources and of the rendering packages' versions and Python's."""
    digest = hashlib.sha256(sys.version.encode())
    for package_name in RENDERING_PACKAGES:
        digest.update(f"{package_name}={version(package_name)}".encode())
    package = Path(__file__).resolve().parent.parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0")
        digest.update(source.read_bytes())
    return digest.hexdigest()


class PageRecord:
    """The previous output's fingerprints, and this build's."""

    def __init__(self, path: Path, previous_output: Path) -> None:
        self.path = path
        self.previous_output = previous_output
        self.previous: dict[str, list[Any]] = {}
        self.current: dict[str, str] = {}
        # Files hard-linked from the previous output: their identity is the recorded one.
        self.linked: dict[str, list[int]] = {}
        self.rendered = self.reused = 0
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if data.get("format") == FORMAT and data.get("code") == _code_digest():
            self.previous = data["pages"]

    def reusable(self, name: str, fingerprint: str) -> str | None:
        """Return the previous file for ``name`` if it has ``fingerprint`` and is intact."""
        entry = self.previous.get(name)
        if entry is None or entry[0] != fingerprint:
            return None
        path = os.path.join(self.previous_output, name)
        try:
            return path if file_identity(path) == entry[1] else None
        except OSError:
            return None

    def link(self, name: str, source: str, target: str) -> None:
        """Put the previous output's ``source`` for page ``name`` at ``target``."""
        if _link(source, target):
            # A hard link is the same file: no need to ask for its identity when saving
            # (stat took 0.5 s of a warm build at the big lab). Should the file be written
            # again, its identity no longer matches and it is rendered next time.
            self.linked[name] = self.previous[name][1]

    def decided(self, name: str, fingerprint: str | None, reused: bool,
                linked: list[int] | None) -> None:
        """Record what a forked writer did with page ``name`` (:func:`_decide`)."""
        if fingerprint:
            self.current[name] = fingerprint
        if linked is not None:
            self.linked[name] = linked
        if reused:
            self.reused += 1
        else:
            self.rendered += 1

    def save(self, output_path: str) -> None:
        """Stage the record of the pages just written to ``output_path``."""
        pages = {name: [fingerprint, self.linked.get(name)
                        or file_identity(os.path.join(output_path, name))]
                 for name, fingerprint in self.current.items()}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        record = {"format": FORMAT, "code": _code_digest(), "pages": pages}
        _staged(self.path).write_text(json.dumps(record), encoding="utf-8")


class Folders:
    """The folders of the previous output's files, made ahead in the staging folder.

    Making the big lab's 21,000 folders took 1.1 s of Pelican's writer (profiled, ``mkdir``
    in ``write_file``). The folders kept from the output the previous build replaced
    (``kept``: rebellab.sitebase.output.recycle_folders) become the staging folder, less
    those no previous file is in; ``mkdir -p`` in a process of its own makes the rest on
    another core while this process reads the content (:func:`start_early`). Pelican then
    finds them there. At the end, the folders that nothing of this build went into are
    removed, as a cold build has none.
    """

    def __init__(self, output_path: str, names: Iterable[str], kept: Path | None = None
                 ) -> None:
        self.output_path = output_path
        self.made = _folders(names)
        self.process: subprocess.Popen[bytes] | None = None
        if not self.made:
            return
        taken = None
        if kept is not None and not os.path.lexists(output_path):
            taken = take_kept_folders(kept, Path(output_path))
        missing = self.made
        if taken is not None:
            for folder in sorted(taken - self.made, key=_depth, reverse=True):
                with contextlib.suppress(OSError):
                    os.rmdir(os.path.join(output_path, folder))
            missing = self.made - taken
        os.makedirs(output_path, exist_ok=True)
        if not missing:
            return
        with tempfile.TemporaryFile() as listing:  # a pipe would block on a full buffer
            listing.write("\0".join(sorted(missing)).encode("utf-8", "surrogateescape"))
            listing.seek(0)
            with contextlib.suppress(OSError):  # no xargs: Pelican makes them itself
                self.process = subprocess.Popen(
                    ["xargs", "-0", "mkdir", "-p", "--"], stdin=listing, cwd=output_path,
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def finish(self, written: Iterable[str]) -> None:
        """Wait for the folders; remove those no file of ``written`` (full paths) is in."""
        if self.process is not None:
            self.process.wait()
        unused = self.made - _folders(os.path.relpath(name, self.output_path)
                                      for name in written)
        for folder in sorted(unused, key=_depth, reverse=True):
            with contextlib.suppress(OSError):  # not empty: a static file went there
                os.rmdir(os.path.join(self.output_path, folder))


def _depth(folder: str) -> int:
    return folder.count("/")


def _start(path: Path, settings: dict[str, Any], output_path: str
           ) -> tuple[PageRecord, Folders]:
    """Read the previous output's record at ``path``; start making its folders."""
    previous = Path(settings["PREVIOUS_OUTPUT_PATH"])
    record = PageRecord(path, previous)
    return record, Folders(output_path, record.previous, kept_folders_path(previous))


# Started when Pelican starts (start_early), taken by the writer: by output folder.
_STARTED: dict[str, tuple[PageRecord, Folders]] = {}


def start_early(pelican: Any) -> None:
    """Start making the previous output's folders when Pelican starts (``initialized``).

    Pelican makes its writer once the site model is complete; ``mkdir -p`` started then ran
    beside the writer loop, which made many of the big lab's 17,000 folders itself. Started
    here, the folders are there before it: Pelican's ``makedirs`` calls in a warm build took
    0.35 instead of 0.48 s (timed without a profiler).
    """
    _STARTED.clear()
    path = record_path(pelican.settings)
    if path is not None:
        _STARTED[pelican.output_path] = _start(path, pelican.settings, pelican.output_path)


def _folders(names: Iterable[str]) -> set[str]:
    """Every folder the files ``names`` (relative paths) are in, their parents included."""
    folders: set[str] = set()
    for name in names:
        folder = os.path.dirname(name)
        while folder and folder not in folders:
            folders.add(folder)
            folder = os.path.dirname(folder)
    return folders


def _render(template: Template, context: dict[str, Any]) -> str:
    return template.render(resolved(context))


class _Fingerprinted:
    """Stands in for a template in Pelican's ``write_file``: renders only changed pages."""

    def __init__(self, template: Template, writer: IncrementalWriter) -> None:
        self.template = template
        self.writer = writer

    def render(self, context: dict[str, Any]) -> str:
        """Return the page's HTML, or nothing when the previous file will be linked instead."""
        writer = self.writer
        if writer.fingerprints is None or writer.record is None:
            return self.template.render(resolved(context))
        name = os.path.normpath(context["output_file"])
        path = sanitised_join(writer.output_path, name)
        fingerprint: str | Callable[[], str | None] | None
        if writer.workers:
            # Fingerprinted in the forked writers (render_pending), which then link the
            # previous file or render the page; with nothing to reuse (a cold build), by this
            # process while they render.
            fingerprint = partial(writer.fingerprints.page, self.template, context)
            if self.template.name not in writer.warmed:
                writer.warmed[self.template.name] = fingerprint
            write = partial(_write_text, partial(_render, self.template, context))
            writer.pending = _Pending(path, name, fingerprint, None, write,
                                      decide=writer.warm)
            return ""
        fingerprint = writer.fingerprints.page(self.template, context)
        source = writer.record.reusable(name, fingerprint) if fingerprint else None
        writer.pending = _Pending(path, name, fingerprint, source)
        return _render(self.template, context) if source is None else ""


@dataclass(frozen=True)
class _Pending:
    """What the next ``_open_w`` of ``path`` does: link ``source``, or queue ``write``.

    Without either, Pelican's call writes the page it rendered.
    """

    path: str
    name: str
    # A function computes it when the page is written in a build with nothing to reuse.
    fingerprint: str | Callable[[], str | None] | None
    source: str | None  # the previous output's file to link, if unchanged
    write: Callable[[str], None] | None = None  # writes the file at the path it is given
    # The queued task fingerprints the page, then links the previous file or calls write.
    decide: bool = False


def _decide(record: PageRecord, name: str, fingerprint: Callable[[], str | None],
            write: Callable[[str], None], path: str) -> Decided:
    """Fingerprint page ``name``; link its previous file if unchanged, else write it.

    Runs in a forked writer of a warm build: fingerprinting all pages took 3.9 s of one
    core in a build after a changed event (make bench, big lab). Returns what
    :meth:`PageRecord.decided` records.
    """
    value = fingerprint()
    source = record.reusable(name, value) if value else None
    if source is None:
        write(path)
        return name, value, False, None
    record.link(name, source, path)  # in this process's copy of the record: sent back
    return name, value, True, record.linked.get(name)


def _run_all(tasks: list[Callable[[], Decided | None]]) -> list[Decided | None]:
    """Run a batch of queued writes (in a forked writer); a failure's traceback is printed."""
    try:
        return [task() for task in tasks]
    except BaseException:
        traceback.print_exc()
        raise


def _write_data(data: Lazy, path: str) -> None:
    """Write the bytes ``data`` computes to ``path`` (a queued derived file)."""
    with open(path, "wb") as handle:
        handle.write(data.value())


def _write_text(render: Callable[[], str], path: str) -> None:
    """Write the page ``render`` returns to ``path`` (a queued page)."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(render())


class IncrementalWriter(AbsoluteFeedWriter):
    """Pelican's writer (feeds absolute) that links unchanged pages from the previous output."""

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
        super().__init__(output_path, settings=settings)
        path = record_path(self.settings)
        self.record: PageRecord | None = None
        self.folders: Folders | None = None
        started = _STARTED.pop(output_path, None)  # by start_early
        _STARTED.clear()
        if path is not None:
            if started is None or started[0].path != path:  # another build's record
                started = _start(path, self.settings, output_path)
            self.record, self.folders = started
        self.fingerprints = None if path is None else Fingerprints(self.settings)
        self.pending: _Pending | None = None
        # Pages render in forked workers when the model is complete (WRITE_WORKERS: None =
        # every usable core, 0 = as Pelican does, one by one while writing).
        self.workers = 0 if path is None else worker_count(self.settings)
        # By path: writes that file (and returns what a forked writer decided, _decide).
        self.queue: dict[str, Callable[[], Decided | None]] = {}
        # WRITE_BATCH queued files go to a forked writer while this process goes on
        # generating (:meth:`_batch_queued`); the running ones, with their paths.
        self.batch = self.next_batch = int(self.settings.get("WRITE_BATCH") or 0)
        # By template: a page's fingerprint, to compute here before forking (None: done).
        self.warmed: dict[str | None, Callable[[], str | None] | None] = {}
        self.running: list[tuple[set[str], Forked[list[Decided | None]]]] = []
        # By name: computes the fingerprint of a queued page (render_pending).
        self.fingerprint_later: dict[str, Callable[[], str | None]] = {}
        ACTIVE[:] = [self]
        # For make serve's preview of a changed template (rebellab.lab.preview): which call
        # wrote each page, kept while the build's site model is (PREVIEW_SOCKET is set).
        self.calls: dict[str, WriteCall] | None = None
        if self.settings.get("PREVIEW_SOCKET"):
            WRITES.clear()
            self.calls = WRITES
        self.call: WriteCall | None = None

    def write_file(self, name: Any, template: Any, context: dict[str, Any], *args: Any,
                   **kwargs: Any) -> Any:
        """Pelican's ``write_file`` with the template wrapped when pages can be reused."""
        if self.calls is not None:
            self.call = (name, template, context, args, kwargs)
        if isinstance(template, Template):
            template = _Fingerprinted(template, self)
        try:
            return super().write_file(name, template, context, *args, **kwargs)
        finally:
            self.call = None

    def defer_file(self, name: str, data: Lazy) -> bool:
        """Take over writing ``name`` from ``data``: link the previous file, or queue ``data``.

        False (the caller writes the bytes) when pages are not fingerprinted. The bytes are
        computed with the queued pages, on every core: the 2,000 calendar files and the JSON
        data were 7 s of a cold build's page writing in one process (make bench, big lab).
        """
        if self.fingerprints is None or self.record is None:
            return False
        # Fingerprinted here, not by the forked writers as pages are: the arguments of these
        # files share large values (all profiles for the open data), which this process
        # digests once for all generators; a forked writer's digests end with it.
        fingerprint = self.fingerprints.value(name, data)
        source = self.record.reusable(name, fingerprint) if fingerprint else None
        self.pending = _Pending(sanitised_join(self.output_path, name), name, fingerprint,
                                source, partial(_write_data, data))
        return True

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> IO[str]:
        """Pelican's guarded open; an unchanged file is linked, a deferred one queued."""
        self._batch_queued(filename)
        if override and filename in self._written_files - self._overridden_files:
            # Overwriting a page linked from the previous output would write through the
            # link into that output: the overriding page gets a file of its own.
            with contextlib.suppress(FileNotFoundError):
                os.unlink(filename)
        if self.calls is not None and self.call is not None:
            self.calls[os.path.relpath(filename, self.output_path)] = self.call
        pending, self.pending = self.pending, None
        if pending is None or pending.path != filename:
            opened: IO[str] = super()._open_w(filename, encoding, override)
            return opened
        handle: IO[str] | None = None
        if (pending.source is None and pending.write is None) or override \
                or filename in self._written_files:
            handle = super()._open_w(filename, encoding, override)
            if handle.name == os.devnull:
                return handle
        else:
            # The first write of a file to be linked or queued: Pelican's guard would only note
            # the name and create the file, which the link replaces or the writer writes.
            # Without creating it here, this method took 0.5 instead of 2.2-2.4 s of a warm
            # build (big lab, 18,817 files), and a cold build's 16,791 empty files (4.3 s of
            # the directory's output in one process) are made by the forked writers instead.
            self._written_files.add(filename)
        assert self.record is not None
        self.record.linked.pop(pending.name, None)
        self.record.current.pop(pending.name, None)  # an earlier write's
        self.fingerprint_later.pop(pending.name, None)
        # An overriding write replaces what an earlier write of the file queued.
        self.queue.pop(filename, None)
        if pending.decide:
            assert callable(pending.fingerprint) and pending.write is not None
            self.queue[filename] = partial(_decide, self.record, pending.name,
                                           pending.fingerprint, pending.write, filename)
            return handle if handle is not None else open(os.devnull, "w", encoding=encoding)
        if callable(pending.fingerprint):
            self.fingerprint_later[pending.name] = pending.fingerprint
        elif pending.fingerprint:
            self.record.current[pending.name] = pending.fingerprint
        if pending.source is None:
            self.record.rendered += 1
            if pending.write is not None:  # the queue writes the file
                self.queue[filename] = partial(pending.write, filename)
            return handle if handle is not None else open(os.devnull, "w", encoding=encoding)
        if handle is not None:
            handle.close()
        self.record.link(pending.name, pending.source, filename)
        self.record.reused += 1
        return open(os.devnull, "w", encoding=encoding)

    @property
    def warm(self) -> bool:
        """Whether this build has a previous output to reuse pages from (a warm build)."""
        return self.record is not None and bool(self.record.previous)

    def _batch_queued(self, filename: str) -> None:
        """Before ``filename`` is opened: let a forked writer take the queue, if it is long.

        A generator queues its pages (Pelican's ``write_file`` for each, one by one) before
        its output ends and they are written on every core (:meth:`render_pending`). In a
        warm build of the big lab without changes, queueing took 4.7 s of one core, and the
        other one waited. So once ``WRITE_BATCH`` files are queued, and fewer forked writers
        run than there are other cores, a forked writer takes them while this process
        queues more. A file being written again (an overriding page) first waits for the
        writer that has its earlier write, so the writes keep their order.

        Only in warm builds, whose writers mostly link pages. In cold builds, whose writers
        render, batches made the big lab's page writing 2.5-4 s longer, with 5-9 CPU s more
        (2 pairs of cold builds; not profiled: each batch's writer is a fresh process).
        """
        if any(filename in names for names, _ in self.running):
            self._collect(wait=True)
            return
        if (not self.batch or len(self.queue) < self.next_batch or self.workers < 2
                or not self.warm  # cold: see above
                or filename in self.queue):  # its queued write is replaced, not taken
            return
        self._collect(wait=False)
        if len(self.running) < self.workers - 1:
            tasks, self.queue = self.queue, {}
            self._warm()
            self.running.append((set(tasks), start_forked(_run_all, list(tasks.values()))))
            self.next_batch = self.batch
        else:  # asked again after a tenth of a batch more (asking each time took 0.3 s)
            self.next_batch = len(self.queue) + max(self.batch // 10, 1)

    def _warm(self) -> None:
        """Before forking writers: fingerprint one page of each template not seen yet.

        The digests of what many pages share (the lists of all posts or profiles, the
        lab's topics) are kept by the process that computes them. Computed here once, the
        forked writers find them. Else each writer computed them again: with batches
        (:meth:`_batch_queued`), a warm build of the big lab after a changed post took 1.1 s
        longer and 2 CPU s more than without (4 pairs side by side).
        """
        for template, fingerprint in self.warmed.items():
            if fingerprint is not None:
                fingerprint()
                self.warmed[template] = None

    def _collect(self, wait: bool) -> None:
        """Record what the forked writers of batches decided: all, or those that are done."""
        running, self.running = self.running, []
        for names, batch in running:
            if not wait and not batch.ready():
                self.running.append((names, batch))
                continue
            try:
                self._record(batch())
            except ForkFailed as error:
                raise RuntimeError(f"Schreibprozess fehlgeschlagen: {error}") from error

    def _record(self, results: Iterable[Decided | None]) -> None:
        for decided in results:
            if decided is not None and self.record is not None:
                self.record.decided(*decided)

    def render_pending(self) -> None:
        """Write the queued pages and files (at the end of each generator's output).

        The fingerprints left for later are computed here, by this process while the forked
        writers render: in a build with nothing to reuse (cold), fingerprinting each page
        before queueing it took 4.5 s of a single core at make bench's big lab. In a warm
        build the forked writers fingerprint the pages themselves (:func:`_decide`). Then
        the batches still running (:meth:`_batch_queued`) are waited for.
        """
        writes, self.queue = list(self.queue.values()), {}
        if writes:
            if self.warm:
                # Only where the forked writers fingerprint. In a cold build this process
                # fingerprints every page meanwhile, so warming would only keep the writers
                # from starting: 1.0 s of this process in a cold build of the big lab, with
                # the other core waiting.
                self._warm()
            # Every core, though a batch may still run: with one process fewer, this process
            # wrote a rest larger than the batch alone while the other core waited (make
            # bench, when cold builds still batched).
            self._record(run_forked(writes, self.workers, MIN_PAGES_PER_WORKER,
                                    meanwhile=self.fingerprint_pending))
        else:
            self.fingerprint_pending()
        self._collect(wait=True)

    def fingerprint_pending(self) -> None:
        """Compute the fingerprints left for later and record them."""
        later, self.fingerprint_later = self.fingerprint_later, {}
        for name, fingerprint in later.items():
            value = fingerprint()
            if value and self.record is not None:
                self.record.current[name] = value


def _link(source: str, target: str) -> bool:
    """Put ``source`` at ``target``: a hard link (True), or a copy where links are not possible."""
    with contextlib.suppress(FileNotFoundError):  # none there in a new staging folder
        os.unlink(target)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
        return False
    return True


# The writer of the running build (Pelican does not hand it to the ``finalized`` signal).
ACTIVE: list[IncrementalWriter] = []
# A call of ``write_file``: name, template, context, further arguments, keyword arguments.
WriteCall = tuple[Any, Template, dict[str, Any], tuple[Any, ...], dict[str, Any]]
# The call that wrote each page (by its name below the output folder), when recorded.
WRITES: dict[str, WriteCall] = {}


def render_queued(generator: Any) -> None:
    """Render a generator's queued pages when its output ends (``generator_init``)."""
    def finish() -> None:
        if ACTIVE:
            ACTIVE[-1].render_pending()

    render_after_output(generator, finish)


def save_record(pelican: Any) -> None:
    """Stage the fingerprints of the pages this build wrote (``finalized`` receiver)."""
    writer = ACTIVE.pop() if ACTIVE else None
    if writer is not None and writer.folders is not None:
        writer.folders.finish(writer._written_files)
    if writer is not None and writer.record is not None:
        writer.render_pending()  # what was written after the last generator's output
        writer.record.save(writer.output_path)
        logger.info("%d Seiten und Dateien erzeugt, %d unverändert übernommen",
                    writer.record.rendered, writer.record.reused)
