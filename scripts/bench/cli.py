"""Benchmark of the whole build (issues 8 and 15): ``make bench``.

For each lab measured (``--labs``: the big lab of :mod:`scripts.bench.corpus` and the same
corpus at a quarter of its size) it builds, in each of ``--rounds`` rounds, the lab cold
with ``scripts/build.py`` (search index included) and the lab's blog posts with bare Pelican
(no plugins, default theme), side by side, and compares milliseconds per written HTML page.
After each round's cold build it builds warm without a change (the floor of every warm
build), then makes one-file changes (:mod:`scripts.bench.changes`: an event, a profile, a
post, a template), builds warm after each and puts the files back. Every build reports wall
and CPU time, the seconds Pagefind's program ran, and the peak memory of the build, its
forked page writers and the Pagefind indexer apart (:mod:`scripts.bench.memory`). After the
labs it measures one search query in headless Chromium (:mod:`scripts.bench.browser`), how
long ``make serve`` needs to show a one-file change (:mod:`scripts.bench.serve`) and the
Lighthouse scores of the repository's own site (:mod:`scripts.bench.lighthouse`). Machines
are noisy: ratios are taken within a round (ours against bare Pelican, warm against the
round's cold build) and the report gives their medians. Figures go to a JSON file and a
short table.

    python -m scripts.bench [--posts 2000 --events 2000 --profiles 10000 --projects 200]
                            [--labs big,quarter] [--seed 1] [--rounds 3] [--no-browser]
                            [--no-serve] [--no-lighthouse] [--set KEY=VALUE ...] [--profile]
                            [--json PATH] [--keep]

The quick run on a shared machine is ``--labs quarter``. ``--set`` passes extra Pelican
settings to our builds (experiments); ``BENCH_COMMIT`` names the measured commit when the
tree is not a Git checkout.
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
    empty_trash,
    median,
    our_build,
    profile_build,
    rounded,
    write_settings,
)
from scripts.bench.changes import CHANGES
from scripts.bench.corpus import Sizes, generate
from scripts.bench.lighthouse import build_own_site, measure_lighthouse
from scripts.bench.lighthouse import table as lighthouse_table
from scripts.bench.phases import PHASES
from scripts.bench.serve import measure_serve
from scripts.eval_search import measure_quality, score

# The search quality set written for the repository's site and the generated labs.
QUALITY_LAB = REPO / "tests" / "search" / "quality-lab.tsv"
# The labs measured: the big lab of issue 8 and the same corpus at a quarter of its size.
LAB_DIVISORS = {"big": 1, "quarter": 4}
# Issue 15's targets: name -> (summary key, limit); a figure meets its target at or below it.
TARGETS = {
    "cold / bare Pelican, ms per page (big lab)": ("big.ratio_to_bare", 0.5),
    "cold / bare Pelican, ms per page (1/4 lab)": ("quarter.ratio_to_bare", 0.5),
    "warm / cold: one event changed": ("warm_ratio.event", 0.2),
    "warm / cold: one profile changed": ("warm_ratio.profile", 0.2),
    "warm / cold: one post changed": ("warm_ratio.post", 0.2),
    "warm / cold: one template changed": ("warm_ratio.template", 0.2),
    "peak memory, all processes (MB, big lab)": ("big.peak_rss_mb", 1024.0),
    "search: kilobytes per query": ("search_kilobytes", 300.0),
    "search: requests per query": ("search_requests", 16),
    "serve: s until a change is visible (largest lab)": ("serve_seconds", 3.0),
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
    parser.add_argument("--labs", default="big,quarter",
                        help="labs to measure, comma-separated: big (the sizes above), "
                             "quarter (1/4 of them); 'quarter' alone is the quick run")
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
def parse_overrides(pairs: list[str]) -> dict[str, Any]:
    """``KEY=VALUE`` pairs with Python literals as values."""
    result = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        result[key.strip()] = ast.literal_eval(value.strip())
    return result


def measure_lab(name: str, root: Path, args: argparse.Namespace, work: Path,
                settings: Path) -> dict[str, Any]:
    """Per round: a cold build beside bare Pelican, warm builds without and after each change.

    The changed files are put back at the end of each round: every round measures the same
    builds, and its warm builds are compared with its own cold build (a single warm build
    per change varied by 4 to 5 s between two runs on the same machine).
    """
    logs = work / "logs"
    bare_content = work / f"bare-{name}" / "content"
    shutil.copytree(root / "content" / "blog", bare_content, dirs_exist_ok=True)
    output = work / f"out-{name}"
    cold: list[Build] = []
    bare: list[Build] = []
    warm: dict[str, list[Build]] = {kind: [] for kind in CHANGES}
    unchanged: list[Build] = []
    changed: dict[str, str] = {}
    for number in range(1, args.rounds + 1):
        cold.append(our_build(f"{name}-cold-{number}", root, output, settings, logs, cold=True))
        bare.append(bare_build(f"{name}-bare-{number}", bare_content, work / "out-bare", logs))
        check_builds([cold[-1], bare[-1]], logs)
        print(f"{name}, Runde {number}: wir {cold[-1].ms_per_page:.2f} ms/Seite "
              f"({cold[-1].seconds:.1f} s), Pelican pur {bare[-1].ms_per_page:.2f} ms/Seite "
              f"({bare[-1].seconds:.1f} s)", flush=True)
        # The floor of every warm build: nothing changed, nothing to render or index.
        unchanged.append(our_build(f"{name}-warm-none-{number}", root, output, settings, logs,
                                   cold=False))
        check_builds([unchanged[-1]], logs)
        originals: list[tuple[Path, bytes]] = []
        try:
            for kind, change in CHANGES.items():
                originals.append(change.apply(root))
                changed[kind] = originals[-1][0].relative_to(root).as_posix()
                build = our_build(f"{name}-warm-{kind}-{number}", root, output, settings, logs,
                                  cold=False)
                check_builds([build], logs)
                warm[kind].append(build)
                print(f"{name}, Runde {number}, warm nach {kind}: {build.seconds:.1f} s "
                      f"({build.seconds / cold[-1].seconds:.2f} der kalten)", flush=True)
        finally:
            for path, original in originals:
                path.write_bytes(original)
    return {"cold": [rounded(b) for b in cold], "bare": [rounded(b) for b in bare],
            "warm": {kind: [rounded(b) for b in builds] for kind, builds in warm.items()},
            "unchanged": [rounded(b) for b in unchanged], "changed": changed,
            "summary": summarise(cold, bare, warm, unchanged)}


def run(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Generate, build, measure; return the figures."""
    sizes = Sizes(args.posts, args.events, args.profiles, args.projects)
    names = [name.strip() for name in args.labs.split(",") if name.strip()]
    (work / "logs").mkdir(parents=True, exist_ok=True)
    overrides = parse_overrides(args.set)
    results: dict[str, Any] = {
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0],
                    "load_average": list(os.getloadavg())},
        "sizes": asdict(sizes), "seed": args.seed, "rounds": args.rounds,
        "overrides": overrides, "labs": {},
    }
    for name in names:
        started = time.perf_counter()
        lab_sizes = sizes.scaled(LAB_DIVISORS[name])
        root = generate(REPO, work / name, lab_sizes, args.seed)
        print(f"Korpus '{name}' erzeugt in {time.perf_counter() - started:.1f} s", flush=True)
        lab = measure_lab(name, root, args, work, write_settings(root, overrides))
        results["labs"][name] = {"sizes": asdict(lab_sizes), **lab}
    results["summary"] = overall(results["labs"])
    first = work / f"out-{names[0]}"
    if not args.no_browser:
        search = attempt(lambda: measure_search(first, args.query))
        results["search"] = search
        if "query_kilobytes" in search:
            results["summary"].update(search_kilobytes=search["query_kilobytes"],
                                      search_kilobytes_uncompressed=search[
                                          "query_kilobytes_uncompressed"],
                                      search_requests=search["query_requests"],
                                      search_ms=search["ms_to_first_result"])
    if not args.no_browser:
        # Issue 17: recall@5 and mean reciprocal rank of the lab's quality set (higher is
        # better, so not in TARGETS, whose figures are limits from above).
        quality = attempt(lambda: score(measure_quality(first, QUALITY_LAB)))
        results["search_quality"] = quality
        print(f"Suchqualität ({QUALITY_LAB.name}): {quality}", flush=True)
    if not args.no_serve:
        lab_root = work / names[0]
        serve = attempt(lambda: measure_serve(work / "serve", lab_root,
                                              lab_root / "bench_settings.py"))
        results["serve"] = serve
        if "seconds" in serve:
            results["summary"]["serve_seconds"] = serve["seconds"]
            results["summary"]["serve_build_seconds"] = serve["build_seconds"]
    if not args.no_lighthouse:
        results["lighthouse"] = attempt(lambda: lighthouse_own_site(work / "out-own"))
        if "pages" in results["lighthouse"]:
            results["summary"]["lighthouse"] = {
                name: page["scores"] for name, page in results["lighthouse"]["pages"].items()}
    if args.profile:
        root = work / names[0]
        results["profile"] = profile_build(root, work, root / "bench_settings.py",
                                           work / "logs")
    empty_trash(work)
    return results


def summarise(cold: list[Build], bare: list[Build], warm: dict[str, list[Build]],
              unchanged: list[Build]) -> dict[str, Any]:
    """One lab: ms per page ours and bare, their ratio per round, warm/cold, memory, phases.

    Each ratio is taken within a round (ours against bare Pelican, a warm build against the
    round's cold build) and the medians of those are the lab's figures. ``unchanged`` are
    the warm builds without a change; Pagefind's seconds are those its program ran.
    """
    ratios = [c.ms_per_page / b.ms_per_page for c, b in zip(cold, bare, strict=True)]
    cpu_ratios = [c.cpu_ms_per_page / b.cpu_ms_per_page for c, b in zip(cold, bare, strict=True)]
    warm_ratios = {kind: [w.seconds / c.seconds for w, c in zip(builds, cold, strict=True)]
                   for kind, builds in warm.items()}
    cpu_warm_ratios = {kind: [w.cpu_seconds / c.cpu_seconds
                              for w, c in zip(builds, cold, strict=True)]
                       for kind, builds in warm.items()}
    unchanged_ratios = [u.seconds / c.seconds for u, c in zip(unchanged, cold, strict=True)]
    every_warm = [*unchanged, *(build for builds in warm.values() for build in builds)]

    def pagefind(builds: list[Build]) -> float:
        return round(median([b.memory.get("indexer_seconds", 0.0) for b in builds]), 2)

    return {
        "html_pages": cold[-1].html_pages,
        "bare_html_pages": bare[-1].html_pages,
        "cold_seconds": round(median([b.seconds for b in cold]), 2),
        "cold_cpu_seconds": round(median([b.cpu_seconds for b in cold]), 2),
        "bare_seconds": round(median([b.seconds for b in bare]), 2),
        "ms_per_page": round(median([b.ms_per_page for b in cold]), 2),
        "bare_ms_per_page": round(median([b.ms_per_page for b in bare]), 2),
        "ratio_to_bare": round(median(ratios), 2),
        "ratios_to_bare": [round(r, 2) for r in ratios],
        "cpu_ratio_to_bare": round(median(cpu_ratios), 2),
        "warm_seconds": {kind: round(median([b.seconds for b in builds]), 2)
                         for kind, builds in warm.items()},
        "warm_ratio": {kind: round(median(values), 2) for kind, values in warm_ratios.items()},
        "warm_ratios": {kind: [round(r, 2) for r in values]
                        for kind, values in warm_ratios.items()},
        "cpu_warm_ratio": {kind: round(median(values), 2)
                           for kind, values in cpu_warm_ratios.items()},
        "unchanged_ratio": round(median(unchanged_ratios), 2),
        "unchanged_ratios": [round(r, 2) for r in unchanged_ratios],
        "pagefind_seconds": {"cold": pagefind(cold), "unchanged": pagefind(unchanged),
                             **{kind: pagefind(builds) for kind, builds in warm.items()}},
        "peak_rss_mb": round(max(b.peak_rss_mb for b in (*cold, *every_warm)), 1),
        "memory": {key: max(b.memory.get(key, 0) for b in cold) for key in cold[0].memory
                   if key != "indexer_seconds"},
        "phases_cold_median": {phase: round(median([b.phases[phase] for b in cold]), 2)
                               for phase in PHASES},
        "phases_warm_median": {kind: {phase: round(median([b.phases[phase] for b in builds]), 2)
                                      for phase in PHASES}
                               for kind, builds in warm.items()},
    }


def overall(labs: dict[str, Any]) -> dict[str, Any]:
    """Per-lab summaries under the lab's name; warm ratios of the largest lab measured."""
    summary: dict[str, Any] = {name: lab["summary"] for name, lab in labs.items()}
    largest = next(iter(labs))
    summary["warm_ratio"] = labs[largest]["summary"]["warm_ratio"]
    summary["warm_lab"] = largest
    return summary


def lookup(summary: dict[str, Any], key: str) -> Any:
    """``summary["a"]["b"]`` for ``key`` ``"a.b"``; None when a part is missing."""
    value: Any = summary
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


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
    """Format the short table: rounds side by side, warm builds, memory, phases, targets."""
    sizes = results["sizes"]
    lines = [
        f"Benchmark {results['timestamp']} (Commit {results['commit']}), großes Labor: "
        f"{sizes['posts']} Beiträge, {sizes['events']} Veranstaltungen, "
        f"{sizes['profiles']} Profile, {sizes['projects']} Vorhaben; "
        f"{results['rounds']} Runde(n); Last {results['machine']['load_average'][0]:.1f}",
    ]
    for name, lab in results["labs"].items():
        lines += ["", *lab_table(name, lab)]
    lines += ["", f"{'Ziel':<46}{'gemessen':>10}{'Grenze':>9}  erfüllt"]
    for name, (key, limit) in TARGETS.items():
        value = lookup(results["summary"], key)
        if value is None:
            lines.append(f"{name:<46}{'–':>10}{limit:>9}  nicht gemessen")
        else:
            lines.append(f"{name:<46}{value:>10}{limit:>9}  "
                         f"{'ja' if value <= limit else 'NEIN'}")
    if "kinds" in results.get("serve", {}):
        lines += ["", *serve_table(results["serve"])]
    if "lighthouse" in results:
        lines += ["", lighthouse_table(results["lighthouse"])]
    return "\n".join(lines)


def serve_table(serve: dict[str, Any]) -> list[str]:
    """Rows of make serve: per changed file, seconds until visible and until fully built."""
    lines = [f"{'make serve, geändert (größtes Labor)':<46}{'sichtbar s':>11}{'Build s':>9}"]
    for kind, change in serve["kinds"].items():
        lines.append(f"{kind + ': ' + change['changed']:<46.46}{change['seconds']:>11.2f}"
                     f"{change['build_seconds']:>9.1f}")
    return lines


def lab_table(name: str, lab: dict[str, Any]) -> list[str]:
    """Rows of one lab: each round ours beside bare Pelican, the warm builds, phases."""
    summary = lab["summary"]
    lines = [f"Labor '{name}' ({summary['html_pages']} Seiten; Pelican pur "
             f"{summary['bare_html_pages']} Seiten)",
             f"{'Build':<26}{'s':>7}{'CPU-s':>7}{'ms/S.':>8}{'CPU-ms/S.':>10}"
             f"{'Verh.':>7}{'Build MB':>9}{'Schr. MB':>9}{'Index MB':>9}{'Summe MB':>9}"]

    def row(label: str, build: dict[str, Any], ratio: str = "") -> str:
        memory = build["memory"]
        return (f"{label:<26}{build['seconds']:>7.1f}{build['cpu_seconds']:>7.1f}"
                f"{build['ms_per_page']:>8.2f}{build['cpu_ms_per_page']:>10.2f}{ratio:>7}"
                f"{memory.get('build_mb', 0):>9.0f}{memory.get('workers_mb', 0):>9.0f}"
                f"{memory.get('indexer_mb', 0):>9.0f}{memory.get('all_at_once_mb', 0):>9.0f}")

    for number, (ours, bare) in enumerate(zip(lab["cold"], lab["bare"], strict=True), 1):
        lines.append(row(f"Runde {number}: kalt", ours,
                         f"{summary['ratios_to_bare'][number - 1]:.2f}"))
        lines.append(row(f"Runde {number}: Pelican pur", bare))
        lines.append(row(f"Runde {number}: warm unverändert", lab["unchanged"][number - 1],
                         f"{summary['unchanged_ratios'][number - 1]:.2f}"))
        for kind, builds in lab["warm"].items():
            lines.append(row(f"Runde {number}: warm {kind}", builds[number - 1],
                             f"{summary['warm_ratios'][kind][number - 1]:.2f}"))
    lines.append(f"Median: {summary['ms_per_page']} ms/Seite gegen {summary['bare_ms_per_page']}"
                 f" ms/Seite, Verhältnis {summary['ratio_to_bare']} (CPU "
                 f"{summary['cpu_ratio_to_bare']}); warm/kalt in CPU-s "
                 + ", ".join(f"{k} {v}" for k, v in summary["cpu_warm_ratio"].items()))
    lines.append("warm/kalt (Median der Runden): " + ", ".join(
        f"{kind} {ratio}" for kind, ratio in summary["warm_ratio"].items())
        + f"; ohne Änderung {summary['unchanged_ratio']}")
    lines.append("davon Pagefinds Programm (Median, s): " + ", ".join(
        f"{kind} {seconds:.2f}" for kind, seconds in summary["pagefind_seconds"].items()))
    lines.append("Phasen kalt (Median, s): " + ", ".join(
        f"{phase} {seconds:.2f}" for phase, seconds in summary["phases_cold_median"].items()))
    for kind, medians in summary["phases_warm_median"].items():
        lines.append(f"Phasen warm {kind} (Median, s): " + ", ".join(
            f"{phase} {seconds:.2f}" for phase, seconds in medians.items()))
    return lines


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
