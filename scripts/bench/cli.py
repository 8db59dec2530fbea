"""Benchmark of the whole build at ten years of lab content (issue 8): ``make bench``.

One run generates a synthetic big lab (:mod:`scripts.bench.corpus`) and a copy at 1/10 of
its size in a temporary folder, then, for each of ``--rounds`` rounds, builds the big lab
cold with ``scripts/build.py``, the same blog posts with bare Pelican (no plugins, default
theme) and the small lab. After the rounds it changes one event file and builds the big lab
again (warm), measures one search query in headless Chromium (:mod:`scripts.bench.browser`)
and how long ``make serve`` needs to show a one-file change (:mod:`scripts.bench.serve`).
Last, it builds the repository's own site and scores four of its pages with Lighthouse
(:mod:`scripts.bench.lighthouse`). Machines are noisy: the report gives medians, and ratios
pair by pair. Figures go to a JSON file and a short table.

    python -m scripts.bench [--posts 2000 --events 2000 --profiles 10000 --projects 200]
                            [--seed 1] [--rounds 3] [--no-browser] [--no-serve]
                            [--no-lighthouse] [--set KEY=VALUE ...] [--profile]
                            [--json PATH] [--keep]

``--set`` passes extra Pelican settings to our builds (experiments such as
``--set CACHE_CONTENT=True --set LOAD_CONTENT_CACHE=True``); ``BENCH_COMMIT`` names the
measured commit when the tree is not a Git checkout.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scripts.bench import REPO
from scripts.bench.browser import measure_search
from scripts.bench.builds import (
    BenchError,
    Build,
    bare_build,
    check_builds,
    median,
    our_build,
    profile_build,
    rounded,
    write_settings,
)
from scripts.bench.corpus import Sizes, generate
from scripts.bench.lighthouse import build_own_site, measure_lighthouse
from scripts.bench.lighthouse import table as lighthouse_table
from scripts.bench.phases import PHASES
from scripts.bench.serve import measure_serve

SCALE_DIVISOR = 10
TARGETS = {
    "cold / bare Pelican (median of ratios)": ("ratio_to_bare", 2.0),
    "warm / cold": ("warm_ratio", 0.5),
    "full size / tenth size": ("scaling_ratio", 11.0),
    "peak memory (MB)": ("peak_rss_mb", 1536.0),
    "search: kilobytes per query": ("search_kilobytes", 300.0),
    "search: requests per query": ("search_requests", 16),
    "search: ms to first result": ("search_ms", 500.0),
    "serve: s until a change is visible": ("serve_seconds", 2.0),
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m scripts.bench",
                                     description=__doc__.splitlines()[0])
    defaults = Sizes()
    parser.add_argument("--posts", type=int, default=defaults.posts)
    parser.add_argument("--events", type=int, default=defaults.events)
    parser.add_argument("--profiles", type=int, default=defaults.profiles)
    parser.add_argument("--projects", type=int, default=defaults.projects)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--query", default="Desksharing", help="search query in Chromium")
    parser.add_argument("--no-browser", action="store_true", help="skip the search query")
    parser.add_argument("--no-serve", action="store_true", help="skip the make-serve latency")
    parser.add_argument("--no-lighthouse", action="store_true",
                        help="skip the Lighthouse scores of the repository's own site")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="extra Pelican setting for our builds (Python literal), "
                             "e.g. CACHE_CONTENT=True; for experiments")
    parser.add_argument("--profile", action="store_true",
                        help="also run one cold build under cProfile and save the profile")
    parser.add_argument("--json", help="where to write the figures "
                                       "(default: bench-results/<timestamp>.json)")
    parser.add_argument("--work", help="folder for corpora and outputs (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    return parser.parse_args(argv)


# -- the run -----------------------------------------------------------------------------
def touch_one_event(root: Path) -> Path:
    """Change one event's title, as a contributor's one-file pull request would."""
    path = sorted((root / "data" / "events").glob("*.yaml"))[-1]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ntitle: ", "\ntitle: Geändert – ", 1), encoding="utf-8")
    return path


def parse_overrides(pairs: list[str]) -> dict[str, Any]:
    """``KEY=VALUE`` pairs with Python literals as values."""
    result = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        result[key.strip()] = ast.literal_eval(value.strip())
    return result


def run(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Generate, build, measure; return the figures."""
    sizes = Sizes(args.posts, args.events, args.profiles, args.projects)
    small_sizes = sizes.scaled(SCALE_DIVISOR)
    logs = work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    overrides = parse_overrides(args.set)
    started = time.perf_counter()
    big = generate(REPO, work / "big", sizes, args.seed)
    small = generate(REPO, work / "small", small_sizes, args.seed)
    bare_content = work / "bare" / "content"
    shutil.copytree(big / "content" / "blog", bare_content)
    corpus_seconds = time.perf_counter() - started
    print(f"Korpus erzeugt in {corpus_seconds:.1f} s: {work}", flush=True)
    settings = {root: write_settings(root, overrides) for root in (big, small)}

    cold: list[Build] = []
    bare: list[Build] = []
    tenth: list[Build] = []
    for number in range(1, args.rounds + 1):
        cold.append(our_build(f"cold-{number}", big, work / "out-big", settings[big], logs,
                              cold=True))
        check_builds([cold[-1]], logs)
        bare.append(bare_build(f"bare-{number}", bare_content, work / "out-bare", logs))
        tenth.append(our_build(f"small-{number}", small, work / "out-small", settings[small],
                               logs, cold=True))
        check_builds([cold[-1], bare[-1], tenth[-1]], logs)
        print(f"Runde {number}: groß {cold[-1].seconds:.1f} s, Pelican pur "
              f"{bare[-1].seconds:.1f} s, ein Zehntel {tenth[-1].seconds:.1f} s", flush=True)

    changed = touch_one_event(big)
    warm = our_build("warm", big, work / "out-big", settings[big], logs, cold=False)
    check_builds([warm], logs)

    results: dict[str, Any] = {
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "sizes": asdict(sizes), "small_sizes": asdict(small_sizes), "seed": args.seed,
        "rounds": args.rounds, "overrides": overrides,
        "corpus_seconds": round(corpus_seconds, 1),
        "cold": [rounded(b) for b in cold], "bare": [rounded(b) for b in bare],
        "small": [rounded(b) for b in tenth], "warm": rounded(warm),
        "warm_changed_file": changed.relative_to(big).as_posix(),
    }
    results["summary"] = summarise(cold, bare, tenth, warm)
    if not args.no_browser:
        search = attempt(lambda: measure_search(work / "out-big", args.query))
        results["search"] = search
        if "query_kilobytes" in search:
            results["summary"].update(search_kilobytes=search["query_kilobytes"],
                                      search_requests=search["query_requests"],
                                      search_ms=search["ms_to_first_result"])
    if not args.no_serve:
        serve = attempt(lambda: measure_serve(work / "serve"))
        results["serve"] = serve
        if "seconds" in serve:
            results["summary"]["serve_seconds"] = serve["seconds"]
    if not args.no_lighthouse:
        results["lighthouse"] = attempt(lambda: lighthouse_own_site(work / "out-own"))
        if "pages" in results["lighthouse"]:
            results["summary"]["lighthouse"] = {
                name: page["scores"] for name, page in results["lighthouse"]["pages"].items()}
    if args.profile:
        results["profile"] = profile_build(big, work, settings[big], logs)
    return results


def summarise(cold: list[Build], bare: list[Build], tenth: list[Build], warm: Build
              ) -> dict[str, Any]:
    """Medians, ratios against bare Pelican and the tenth size, memory, cold phases."""
    ratios = [c.seconds / b.seconds for c, b in zip(cold, bare, strict=True)]
    cold_median = median([b.seconds for b in cold])
    return {
        "cold_seconds": round(cold_median, 2),
        "bare_seconds": round(median([b.seconds for b in bare]), 2),
        "small_seconds": round(median([b.seconds for b in tenth]), 2),
        "warm_seconds": round(warm.seconds, 2),
        "ratio_to_bare": round(median(ratios), 2),
        "ratios_to_bare": [round(r, 2) for r in ratios],
        "warm_ratio": round(warm.seconds / cold_median, 2),
        "scaling_ratio": round(cold_median / median([b.seconds for b in tenth]), 2),
        "peak_rss_mb": round(max(b.peak_rss_mb for b in (*cold, warm)), 1),
        # The same ratios in CPU seconds: less sensitive to other load on the machine.
        "cpu_ratio_to_bare": round(median([c.cpu_seconds / b.cpu_seconds
                                           for c, b in zip(cold, bare, strict=True)]), 2),
        "cpu_warm_ratio": round(warm.cpu_seconds / median([b.cpu_seconds for b in cold]), 2),
        "cpu_scaling_ratio": round(median([b.cpu_seconds for b in cold])
                                   / median([b.cpu_seconds for b in tenth]), 2),
        "html_pages": cold[-1].html_pages,
        "ms_per_page": round(median([b.ms_per_page for b in cold]), 2),
        "phases_cold_median": {phase: round(median([b.phases[phase] for b in cold]), 2)
                               for phase in PHASES},
    }


def lighthouse_own_site(output: Path) -> dict[str, Any]:
    """Build the repository's own site into ``output``; its Lighthouse scores."""
    build_own_site(output)
    return measure_lighthouse(output)


def attempt(measure: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Run an optional measurement; a failure is recorded, not fatal to the benchmark."""
    try:
        return measure()
    except Exception as error:  # the other figures are still worth writing
        print(f"Messung fehlgeschlagen: {type(error).__name__}: {error}", file=sys.stderr)
        return {"error": f"{type(error).__name__}: {error}"}


def git_commit() -> str:
    """Name the commit measured: ``BENCH_COMMIT``, else git's HEAD (``+dirty`` if changed)."""
    if os.environ.get("BENCH_COMMIT"):
        return os.environ["BENCH_COMMIT"]

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True,
                              check=False).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unbekannt"
    return commit + ("+dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


# -- report ------------------------------------------------------------------------------
def table(results: dict[str, Any]) -> str:
    """Format the short table: builds, phases, targets."""
    summary = results["summary"]
    sizes = results["sizes"]
    lines = [
        f"Benchmark {results['timestamp']} (Commit {results['commit']}), "
        f"{sizes['posts']} Beiträge, {sizes['events']} Veranstaltungen, "
        f"{sizes['profiles']} Profile, {sizes['projects']} Vorhaben; "
        f"{results['rounds']} Runde(n)",
        "",
        f"{'Build':<28}{'Sekunden':>10}{'CPU-s':>8}{'Seiten':>9}{'ms/Seite':>10}"
        f"{'max. RSS MB':>13}",
    ]
    rows = [("kalt (Median)", results["cold"]), ("warm (1 Datei geändert)", [results["warm"]]),
            ("ein Zehntel (Median)", results["small"]), ("Pelican pur (Median)", results["bare"])]
    for name, builds in rows:
        lines.append(
            f"{name:<28}{median([b['seconds'] for b in builds]):>10.1f}"
            f"{median([b['cpu_seconds'] for b in builds]):>8.1f}"
            f"{builds[-1]['html_pages']:>9}{median([b['ms_per_page'] for b in builds]):>10.2f}"
            f"{max(b['peak_rss_mb'] for b in builds):>13.0f}")
    lines += ["", f"{'Phase (kalt, Median)':<28}{'Sekunden':>10}{'warm':>9}"]
    for phase in PHASES:
        lines.append(f"{phase:<28}{summary['phases_cold_median'][phase]:>10.2f}"
                     f"{results['warm']['phases'].get(phase, 0):>9.2f}")
    lines += ["", f"{'Ziel':<40}{'gemessen':>10}{'Grenze':>9}  erfüllt"]
    for name, (key, limit) in TARGETS.items():
        value = summary.get(key)
        if value is None:
            lines.append(f"{name:<40}{'–':>10}{limit:>9}  nicht gemessen")
        else:
            lines.append(f"{name:<40}{value:>10}{limit:>9}  {'ja' if value < limit else 'NEIN'}")
    lines.append(f"In CPU-Sekunden: kalt/Pelican pur {summary['cpu_ratio_to_bare']}, "
                 f"warm/kalt {summary['cpu_warm_ratio']}, "
                 f"voll/ein Zehntel {summary['cpu_scaling_ratio']}")
    if "lighthouse" in results:
        lines += ["", lighthouse_table(results["lighthouse"])]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Entry point for ``make bench``."""
    args = parse_args(argv)
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="vr-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        results = run(args, work)
    except BenchError as error:
        print(f"{error}\nArbeitsordner bleibt erhalten: {work}", file=sys.stderr)
        return 1
    if not args.keep and not args.work:
        shutil.rmtree(work, ignore_errors=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = Path(args.json) if args.json else REPO / "bench-results" / f"{stamp}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    print()
    print(table(results))
    print(f"\nErgebnisse: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
