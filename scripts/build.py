"""Build the site safely: validate first, build into a fresh folder, swap when complete.

A failed build leaves the previous ``output/`` untouched, byte for byte. Validation and
Pelican run in a forked process that exits when the pages are written; this process then
indexes them with Pagefind, so the site model is gone before the indexer's peak (issue 15).

    python scripts/build.py [--settings publishconf.py] [--output output] [--root DIR]
                            [--no-search] [--preview-socket PATH]

``BUILD_DEBUG=1`` prints the traceback of a failure of the build.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import ctypes
import gc
import logging
import os
import shutil
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import Any, NoReturn

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))

from pelican import Pelican  # noqa: E402
from pelican.log import init as init_logging  # noqa: E402
from pelican.settings import read_settings  # noqa: E402

from rebellab.buildtiming.plugin import note_indexed  # noqa: E402
from rebellab.kernel.problems import ContentError, format_problems  # noqa: E402
from rebellab.lab.load import HandedLab, Lab, load_site_lab  # noqa: E402
from rebellab.lab.preview import SETTING as PREVIEW_SETTING  # noqa: E402
from rebellab.lab.preview import start_holder  # noqa: E402
from rebellab.search.plugin import index_output  # noqa: E402
from rebellab.sitebase.incremental import commit  # noqa: E402
from rebellab.sitebase.output import (  # noqa: E402
    kept_folders_path,
    prune_caches,
    recycle_folders,
    use_cache,
)

# The forked process that validates and writes the pages, by the name ps and the
# benchmark (scripts/bench/memory.py) see; Linux keeps at most 15 characters.
PELICAN_PROCESS_NAME = "rebellab-build"
# Exit statuses of that process: pages written, content problems, a failure, Ctrl+C.
WRITTEN, PROBLEMS, FAILED, INTERRUPTED = 0, 1, 2, 130
PROFILE_VARIABLE = "BUILD_PROFILE_PELICAN"
PR_SET_PDEATHSIG = 1  # prctl(2): a signal for this process when its parent dies
# Pelican reports each file it writes or copies at INFO, as ``pelican -v`` does; its own
# default leaves these lines out, and so does this build. At the big lab of make bench they
# were 18,800 lines and 16 s of the Pelican process (rich's console) after a changed event.
PER_FILE_LOGGERS = ("pelican.writers", "pelican.utils")
PER_FILE_MESSAGES = ("Copying ", "Linking ")  # static files, from pelican.generators


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default=str(REPO / "pelicanconf.py"))
    parser.add_argument("--output", default=str(REPO / "output"))
    parser.add_argument("--root", default=os.environ.get("LAB_ROOT", str(REPO)),
                        help="folder holding content/ and data/ (default: the repository)")
    parser.add_argument("--no-search", action="store_true",
                        help="skip the Pagefind index (faster; used by make serve)")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--preview-socket", default=None,
                        help="leave a process with the site model listening here for "
                             "previews of changed files (make serve; "
                             "rebellab.lab.preview)")
    return parser.parse_args(argv)


def check(root: Path, settings: dict[str, Any]) -> Lab | None:
    """Validate all content; print every problem. The lab when there are none."""
    lab = load_site_lab(root, settings)
    if lab.problems:
        print(format_problems(lab.problems), file=sys.stderr)
        print(f"\n{len(lab.problems)} Problem(e) gefunden; die Website wurde nicht gebaut.",
              file=sys.stderr)
        return None
    return lab


def quiet_per_file() -> None:
    """Leave out Pelican's line per written or copied file; warnings and summaries stay."""
    for name in PER_FILE_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    generators = logging.getLogger("pelican.generators")
    if not any(f is _not_per_file for f in generators.filters):
        generators.addFilter(_not_per_file)


def _not_per_file(record: logging.LogRecord) -> bool:
    return record.levelno > logging.INFO or not str(record.msg).startswith(PER_FILE_MESSAGES)


def build(root: Path, settings_file: Path, output: Path, *, search: bool = True,
          quiet: bool = False, preview_socket: str | None = None) -> int:
    """Write the site into a folder next to ``output``, index it, swap it in; the exit status.

    The staging folder is removed on every failure and on Ctrl+C.
    """
    staging = output.with_name(f"{output.name}.new")
    shutil.rmtree(staging, ignore_errors=True)
    init_logging(level=logging.WARNING if quiet else logging.INFO, fatal="warnings")
    quiet_per_file()
    overrides = {"OUTPUT_PATH": str(staging), "SEARCH_INDEX": search,
                 "SEARCH_INDEX_IN_PELICAN": False, "PREVIOUS_OUTPUT_PATH": str(output),
                 PREVIEW_SETTING: preview_socket}
    settings = read_settings(str(settings_file), override=overrides)
    use_cache(settings)
    finished, status = False, FAILED
    try:
        status = write_pages(root, settings)
        finished = status == WRITTEN and (not search or index(staging, settings))
    finally:  # also on Ctrl+C: never leave a half-written staging folder behind
        if not finished:
            shutil.rmtree(staging, ignore_errors=True)
    if not finished:
        if status != PROBLEMS:
            print("Der Build ist fehlgeschlagen; output/ ist unverändert.", file=sys.stderr)
        return 1
    swap(staging, output)
    commit(settings)
    prune_caches(settings)
    return 0


def write_pages(root: Path, settings: dict[str, Any]) -> int:
    """Validate and run Pelican in a forked process; its exit status once it has ended.

    The process has its own process group, so that Ctrl+C here ends it together with the
    page writers it forks (``rebellab.sitebase.parallel``).
    """
    sys.stdout.flush()
    sys.stderr.flush()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        _pelican_process(root, settings, parent)
    with contextlib.suppress(OSError):  # the process has made its group already (or ended)
        os.setpgid(pid, pid)  # also here, so that Ctrl+C right after the fork finds the group
    try:
        status = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    except BaseException:  # Ctrl+C: the pages are not wanted any more
        _kill_group(pid)
        raise
    if status != WRITTEN:  # writers it forked may still run (run_forked, when its own share failed)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
    if status == INTERRUPTED:
        raise KeyboardInterrupt
    if status < 0:
        print(f"Build fehlgeschlagen: der Pelican-Prozess wurde durch Signal {-status} "
              "beendet.", file=sys.stderr)
        return FAILED
    return status


def _kill_group(pid: int) -> None:
    """End the Pelican process and the writers it forked; wait for the process."""
    with contextlib.suppress(ProcessLookupError):  # already gone
        os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _pelican_process(root: Path, settings: dict[str, Any], parent: int) -> NoReturn:
    """In the forked process: validate, write the pages, exit with :data:`WRITTEN` or else.

    It never returns into the caller's code, whatever happens.
    """
    status = FAILED
    profiler = _profiler()
    try:
        _detach(PELICAN_PROCESS_NAME, parent)
        # The settings read once, before the fork: Pelican's reader cache pickles functions
        # of the settings module, which must be the module imported last.
        lab = check(root, settings)
        if lab is None:
            status = PROBLEMS
        else:
            # The lab validated just before: its thousands of data files are not read twice.
            Pelican({**settings, "LAB_VALIDATED": HandedLab(lab)}).run()
            if settings[PREVIEW_SETTING]:
                start_holder(settings)
            status = WRITTEN
    except KeyboardInterrupt:
        status = INTERRUPTED
    except Exception as error:  # report any failure; the parent keeps the old output
        _report(error)
    finally:
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(os.environ[PROFILE_VARIABLE])
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)  # at once: no atexit handlers, no teardown of the site model


def _profiler() -> cProfile.Profile | None:
    """Return a running profiler when ``BUILD_PROFILE_PELICAN`` names a file for its data.

    ``python -m cProfile scripts/build.py`` sees the build process only; make bench's
    profiled build also wants the Pelican process's own profile.
    """
    if not os.environ.get(PROFILE_VARIABLE):
        return None
    profiler = cProfile.Profile()
    profiler.enable()
    return profiler


def _detach(name: str, parent: int) -> None:
    """Name this forked process, give it its own process group, let it die with ``parent``."""
    Path("/proc/self/comm").write_text(name, encoding="utf-8")
    os.setpgid(0, 0)
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(FAILED)


def index(staging: Path, settings: dict[str, Any]) -> bool:
    """Index the pages written into ``staging`` (Pagefind); False after a reported failure."""
    try:
        index_output(staging, settings)
    except Exception as error:  # report any failure; the old output stays
        _report(error)
        return False
    note_indexed(settings)
    return True


def _report(error: Exception) -> None:
    if isinstance(error, ContentError):
        print(str(error), file=sys.stderr)
        return
    print(f"Build fehlgeschlagen: {type(error).__name__}: {error}", file=sys.stderr)
    if os.environ.get("BUILD_DEBUG"):
        traceback.print_exception(error)


def swap(staging: Path, output: Path) -> None:
    """Replace ``output`` by ``staging`` with two renames (the gap is microseconds).

    If the second rename fails, the previous output is put back. The previous output's
    files are then deleted, and its folders kept for the next build (``recycle_folders``).
    """
    old = output.with_name(f"{output.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if output.exists():
        output.rename(old)
    try:
        staging.rename(output)
    except OSError:
        if old.exists():
            old.rename(output)
        raise
    recycle_folders(old, kept_folders_path(output))


# Python's cyclic garbage collector, with its default thresholds (700, 10, 10), went
# through the growing site model again and again, though a build makes little cyclic
# garbage: 2 s of a 15 s build without changes at the big lab (side by side). Collected
# after every 100,000 new objects instead; the forked processes inherit it.
GC_THRESHOLDS = (100_000, 20, 100)


def main(argv: list[str] | None = None) -> int:
    """Entry point for ``make html`` and ``make publish``."""
    gc.set_threshold(*GC_THRESHOLDS)
    args = parse_args(argv)
    root = Path(args.root).resolve()
    os.environ["LAB_ROOT"] = str(root)
    started = time.perf_counter()
    status = build(root, Path(args.settings).resolve(), Path(args.output).resolve(),
                   search=not args.no_search, quiet=args.quiet,
                   preview_socket=args.preview_socket)
    if status == 0 and not args.quiet:
        print(f"Website gebaut in {time.perf_counter() - started:.1f} s: {args.output}")
    return status


if __name__ == "__main__":
    sys.exit(main())
