"""Run and measure one build: ours (``scripts/build.py``) or bare Pelican."""

from __future__ import annotations

import io
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scripts.bench import REPO, SITE_TODAY
from scripts.bench.memory import TreeSampler
from scripts.bench.phases import generator_times, phases

# The folder beside a build's output where the folders a cold build replaces wait until the
# bench ends (``set_aside``).
TRASH = ".bench-trash"


@dataclass
class Build:
    """One build process: wall time, peak memory, pages, phases (our builds only)."""

    label: str
    seconds: float
    cpu_seconds: float  # user + system of the build and its children: robust to load
    peak_rss_mb: float  # the whole tree at its worst moment (see scripts.bench.memory)
    html_pages: int
    ok: bool
    memory: dict[str, float] = field(default_factory=dict)
    phases: dict[str, float] = field(default_factory=dict)
    generators: dict[str, float] = field(default_factory=dict)
    files_written: int = 0

    @property
    def ms_per_page(self) -> float:
        """Wall time per written HTML page."""
        return 1000 * self.seconds / max(self.html_pages, 1)

    @property
    def cpu_ms_per_page(self) -> float:
        """CPU time per written HTML page."""
        return 1000 * self.cpu_seconds / max(self.html_pages, 1)


class BenchError(Exception):
    """A build failed; the message quotes its log."""


def run_process(command: list[str], env: dict[str, str], log: Path
                ) -> tuple[float, float, dict[str, float], bool]:
    """Run ``command``; return wall seconds, CPU seconds, peak memory and success.

    CPU time covers the process and the children it waited for (forked page writers, the
    Pagefind binary); memory is per kind of process (:mod:`scripts.bench.memory`).
    """
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env,
                                   cwd=REPO)
        sampler = TreeSampler(process.pid)
        # wait4 gives this child's own rusage, unlike RUSAGE_CHILDREN (all builds so far).
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    memory = sampler.stop().as_dict()
    # wait4's maxrss is the largest single process of the tree: a floor for the sum.
    memory["all_at_once_mb"] = max(memory["all_at_once_mb"], round(usage.ru_maxrss / 1024, 1))
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, memory, process.returncode == 0


def write_settings(root: Path, extra: dict[str, Any]) -> Path:
    """Write the settings for our builds of ``root``: the site's plus the timing plugin."""
    lines = [
        '"""Settings for make bench: pelicanconf plus the build-timing plugin."""',
        "import os",
        "import sys",
        f"sys.path.insert(0, {str(REPO)!r})",
        "from pelicanconf import *  # noqa: F403",
        'PLUGINS = [*PLUGINS, "rebellab.buildtiming"]  # noqa: F405',
        'BUILD_TIMING_FILE = os.environ.get("BENCH_TIMING_FILE", "")',
        # Pelican resolves a default CACHE_PATH against the working directory: one per lab.
        f"CACHE_PATH = {str(root / 'cache')!r}",
        # A theme copy per lab, so that a warm build can change a template.
        f"THEME = {str(root / 'theme')!r}",
        *(f"{key} = {value!r}" for key, value in extra.items()),
    ]
    shutil.copytree(REPO / "theme", root / "theme", dirs_exist_ok=True)
    path = root / "bench_settings.py"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def our_build(label: str, root: Path, output: Path, settings: Path, logs: Path,
              *, cold: bool, profile_to: Path | None = None) -> Build:
    """Build ``root`` with ``scripts/build.py`` (search index on, as ``make html``)."""
    if cold:
        set_aside(output)
        set_aside(root / "cache", output.parent)
    timing_file = logs / f"{label}.timing.json"
    timing_file.unlink(missing_ok=True)
    env = {**os.environ, "LAB_ROOT": str(root), "SITE_TODAY": SITE_TODAY,
           "BENCH_TIMING_FILE": str(timing_file)}
    profiler = ["-m", "cProfile", "-o", str(profile_to)] if profile_to else []
    if profile_to:  # the Pelican process is forked: it writes a profile of its own
        env["BUILD_PROFILE_PELICAN"] = str(pelican_profile(profile_to))
    command = [sys.executable, *profiler, str(REPO / "scripts" / "build.py"), "--root",
               str(root), "--output", str(output), "--settings", str(settings), "--quiet"]
    wall_start = time.time()
    seconds, cpu, memory, ok = run_process(command, env, logs / f"{label}.log")
    build = Build(label, seconds, cpu, memory["all_at_once_mb"],
                  count_pages(output) if ok else 0, ok, memory)
    if ok and timing_file.exists():
        timing = json.loads(timing_file.read_text(encoding="utf-8"))
        build.phases = phases(timing, wall_start, wall_start + seconds)
        build.generators = generator_times(timing)
        build.files_written = timing["written"]
    return build


def bare_build(label: str, content: Path, output: Path, logs: Path) -> Build:
    """Build the blog posts alone with bare Pelican: no plugins, default theme."""
    settings = content.parent / "bare_settings.py"
    settings.write_text(
        '"""Bare Pelican for make bench: defaults only."""\n'
        'AUTHOR = "Bench"\nSITENAME = "Bare Pelican"\nSITEURL = ""\n'
        'TIMEZONE = "Europe/Berlin"\nDEFAULT_LANG = "de"\nPLUGINS = []\n', encoding="utf-8")
    set_aside(output)
    command = [sys.executable, "-m", "pelican", str(content), "-s", str(settings), "-o",
               str(output), "--ignore-cache", "-q"]
    seconds, cpu, memory, ok = run_process(command, dict(os.environ), logs / f"{label}.log")
    return Build(label, seconds, cpu, memory["all_at_once_mb"],
                 count_pages(output) if ok else 0, ok, memory)


def set_aside(folder: Path, beside: Path | None = None) -> None:
    """Move ``folder`` into the trash beside it (or beside ``beside``), for a cold build.

    Not deleted before the build it makes way for: where new files are slow to make right
    after many were deleted, the build would pay for the bench's deletion. On this machine
    (ext4 without a journal: ext4 then passes over every inode freed in the last 60 s
    before it hands one out; find_inode_bit and recently_deleted in fs/ext4/ialloc.c) the
    big lab's cold build took 86.0 and 86.9 s right after deleting the previous output and
    cache, 61.9 s after moving them aside and 65.3 s two minutes after deleting them. The
    trash is deleted when the bench ends (``empty_trash``); bare Pelican's output goes the
    same way.
    """
    if not folder.exists():
        return
    trash = (beside or folder.parent) / TRASH
    trash.mkdir(exist_ok=True)
    folder.rename(tempfile.mkdtemp(prefix=f"{folder.name}-", dir=trash))


def empty_trash(work: Path) -> None:
    """Delete what :func:`set_aside` moved into the trash below ``work``."""
    shutil.rmtree(work / TRASH, ignore_errors=True)


def count_pages(output: Path) -> int:
    """HTML files in the output, not counting Pagefind's own files."""
    return sum(1 for path in output.rglob("*.html") if "pagefind" not in path.parts)


def check_builds(builds: list[Build], logs: Path) -> None:
    """Raise :class:`BenchError` with the end of the first failed build's log."""
    for build in builds:
        if not build.ok:
            log = logs / f"{build.label}.log"
            tail = "\n".join(log.read_text(encoding="utf-8").splitlines()[-15:])
            raise BenchError(f"Build '{build.label}' fehlgeschlagen ({log}):\n{tail}")


def median(values: list[float]) -> float:
    """Median, 0 for no values."""
    return statistics.median(values) if values else 0.0


def rounded(build: Build) -> dict[str, Any]:
    """Return a build as JSON, rounded to milliseconds."""
    data = asdict(build)
    data["seconds"] = round(build.seconds, 3)
    data["cpu_seconds"] = round(build.cpu_seconds, 3)
    data["peak_rss_mb"] = round(build.peak_rss_mb, 1)
    data["ms_per_page"] = round(build.ms_per_page, 2)
    data["cpu_ms_per_page"] = round(build.cpu_ms_per_page, 2)
    data["phases"] = {key: round(value, 3) for key, value in build.phases.items()}
    return data


def pelican_profile(profile: Path) -> Path:
    """Where the forked Pelican process of a profiled build writes its own profile."""
    return profile.with_name(f"{profile.stem}-pelican.prof")


def profile_build(root: Path, work: Path, settings: Path, logs: Path) -> dict[str, Any]:
    """One more cold build under cProfile; save the profile and its top functions."""
    folder = REPO / "bench-results"
    folder.mkdir(exist_ok=True)
    target = folder / f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-cold.prof"
    build = our_build("profiled", root, work / "out-profiled", settings, logs, cold=True,
                      profile_to=target)
    text = io.StringIO()
    for title, path in (("Pelican process (validation, pages)", pelican_profile(target)),
                        ("build process (search index, swap)", target)):
        text.write(f"=== {title}: {path.name}\n")
        if path.exists():
            stats = pstats.Stats(str(path), stream=text)
            stats.sort_stats("tottime").print_stats(25)
            stats.sort_stats("cumulative").print_stats(40)
    report = target.with_suffix(".txt")
    report.write_text(text.getvalue(), encoding="utf-8")
    return {"seconds": round(build.seconds, 2), "prof": str(target),
            "prof_pelican": str(pelican_profile(target)), "report": str(report)}
