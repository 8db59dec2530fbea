"""``make bench`` works end to end at a few hundred items (no timing assertions)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rebellab.lab.load import load_lab
from scripts.bench.browser import measure_search
from scripts.bench.builds import TRASH, empty_trash, set_aside
from scripts.bench.cli import TARGETS, serve_table
from scripts.bench.corpus import Sizes, generate
from scripts.bench.memory import TreeSampler
from scripts.bench.phases import PHASES, phases
from scripts.bench.serve import measure_serve
from tests.support.browser import require_chromium
from tests.support.site import REPO, build_site, settings_with

SMALL = ["--posts", "60", "--events", "60", "--profiles", "200", "--projects", "10"]


@pytest.fixture(scope="module")
def bench_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bench")


@pytest.fixture(scope="module")
def run(bench_folder: Path) -> tuple[dict, str]:
    folder = bench_folder
    target = folder / "result.json"
    process = subprocess.run(
        [sys.executable, "-m", "scripts.bench", *SMALL, "--rounds", "1", "--labs", "quarter",
         "--no-browser", "--no-serve", "--no-lighthouse", "--json", str(target),
         "--work", str(folder / "work")],
        capture_output=True, text=True, cwd=REPO, check=False)
    assert process.returncode == 0, process.stdout + process.stderr
    return json.loads(target.read_text(encoding="utf-8")), process.stdout


def test_every_build_reports_all_phases_and_memory(run):
    results, _ = run
    lab = results["labs"]["quarter"]
    for build in (*lab["cold"], *lab["unchanged"],
                  *(build for builds in lab["warm"].values() for build in builds)):
        assert build["ok"]
        assert set(build["phases"]) == set(PHASES)
        assert build["html_pages"] > 0
        assert build["cpu_seconds"] > 0 and build["cpu_ms_per_page"] > 0
        memory = build["memory"]
        assert memory["build_mb"] > 0
        # No Pagefind when no indexed page changed (the test below).
        assert (memory["indexer_mb"] > 0) is (build not in lab["unchanged"])
        assert memory["all_at_once_mb"] >= memory["build_mb"]
    assert set(lab["summary"]["phases_cold_median"]) == set(PHASES)


def test_timing_names_every_generator_and_leaves_no_gap(run):
    results, _ = run
    cold = results["labs"]["quarter"]["cold"][0]
    assert {"ArticlesGenerator.context", "ArticlesGenerator.feeds", "ArticlesGenerator.output",
            "PagesGenerator.output", "DirectoryGenerator.context", "EventsGenerator.output",
            "SearchPageGenerator.output", "StaticGenerator.output"} <= set(cold["generators"])
    assert sum(cold["phases"].values()) == pytest.approx(cold["seconds"], abs=0.01)
    assert cold["files_written"] >= cold["html_pages"] > 0


def test_bare_pelican_per_round_and_ratios_per_page(run):
    results, _ = run
    lab = results["labs"]["quarter"]
    assert lab["bare"][0]["ok"] and lab["bare"][0]["html_pages"] > 15
    summary = lab["summary"]
    assert len(summary["ratios_to_bare"]) == 1
    # The stored ms per page are rounded to 0.01: compare within 1 %, not 0.01 absolute.
    assert summary["ratio_to_bare"] == pytest.approx(
        lab["cold"][0]["ms_per_page"] / lab["bare"][0]["ms_per_page"], rel=0.01)
    for key in ("ratio_to_bare", "peak_rss_mb", "ms_per_page", "bare_ms_per_page",
                "cpu_ratio_to_bare"):
        assert summary[key] > 0


def test_warm_build_after_each_kind_of_change(run):
    results, _ = run
    lab = results["labs"]["quarter"]
    assert set(lab["warm"]) == {"event", "profile", "post", "template"}
    assert lab["changed"]["event"].startswith("data/events/")
    assert lab["changed"]["profile"].startswith("data/rebels/")
    assert lab["changed"]["post"].startswith("content/blog/")
    assert lab["changed"]["template"] == "theme/templates/partner/partner.html"
    summary = lab["summary"]
    for kind, builds in lab["warm"].items():
        assert len(builds) == 1 and builds[0]["ok"]  # one per round
        # Within the round: against its own cold build.
        assert summary["warm_ratios"][kind] == [
            pytest.approx(builds[0]["seconds"] / lab["cold"][0]["seconds"], abs=0.01)]
        assert set(summary["phases_warm_median"][kind]) == set(PHASES)
    assert set(results["summary"]["warm_ratio"]) == set(lab["warm"])


def test_a_warm_build_without_a_change_is_measured_and_does_not_run_pagefind(run):
    results, output = run
    lab = results["labs"]["quarter"]
    (unchanged,) = lab["unchanged"]
    assert unchanged["ok"] and unchanged["html_pages"] == lab["cold"][0]["html_pages"]
    assert lab["summary"]["unchanged_ratios"] == [pytest.approx(
        unchanged["seconds"] / lab["cold"][0]["seconds"], abs=0.01)]
    assert lab["summary"]["unchanged_ratio"] == lab["summary"]["unchanged_ratios"][0]
    # Pagefind's program runs in a cold build and not when no indexed page changed.
    assert lab["cold"][0]["memory"]["indexer_seconds"] > 0
    assert unchanged["memory"]["indexer_seconds"] == 0
    assert lab["summary"]["pagefind_seconds"]["unchanged"] == 0
    assert "Runde 1: warm unverändert" in output


def test_the_changed_files_are_put_back_after_each_round(run, bench_folder, tmp_path):
    # The next round, and the serve measurement after the labs, start from the same tree.
    results, _ = run
    lab = results["labs"]["quarter"]
    generated = generate(REPO, tmp_path / "lab", Sizes(**lab["sizes"]), results["seed"])
    measured = bench_folder / "work" / "quarter"
    for path in lab["changed"].values():
        # The lab's theme is a copy of the repository's (scripts.bench.builds).
        original = REPO / path if path.startswith("theme/") else generated / path
        assert (measured / path).read_bytes() == original.read_bytes(), path


def test_sizes_of_the_quarter_lab_are_recorded(run):
    results, _ = run
    assert results["sizes"] == {"posts": 60, "events": 60, "profiles": 200, "projects": 10}
    assert results["labs"]["quarter"]["sizes"] == {"posts": 15, "events": 15,
                                                   "profiles": 50, "projects": 2}
    assert list(results["labs"]) == ["quarter"]


def test_table_names_every_target_and_the_json_path(run):
    _, output = run
    for name in TARGETS:
        assert name in output
    assert "Runde 1: Pelican pur" in output
    assert "Ergebnisse: " in output


def test_corpus_passes_validation(tmp_path):
    root = generate(REPO, tmp_path / "lab", Sizes(40, 40, 80, 5), seed=3)
    lab = load_lab(root)
    assert lab.problems == ()
    assert len(lab.profiles) >= 80 and len(lab.events) >= 40
    assert len(list((root / "content" / "blog").glob("*-beitrag-*.md"))) == 40
    assert len(list((root / "data" / "projects").glob("vorhaben-*.yaml"))) == 5


def test_corpus_is_reproducible_by_seed(tmp_path):
    def files(seed: int, name: str) -> dict[str, bytes]:
        root = generate(REPO, tmp_path / name, Sizes(5, 5, 10, 2), seed=seed)
        return {p.relative_to(root).as_posix(): p.read_bytes()
                for p in sorted(root.rglob("*")) if p.is_file()}

    first, again, other = files(7, "a"), files(7, "b"), files(8, "c")
    assert first == again
    assert first != other


def test_phases_split_the_wall_time_without_gaps():
    timing = {
        "initialized": 10.0, "finalized": 19.0, "written": 3,
        "spans": [
            {"generator": "ArticlesGenerator", "module": "pelican.generators",
             "step": "context", "start": 10.0, "end": 12.0},
            {"generator": "EventsGenerator", "module": "rebellab.events.generator",
             "step": "context", "start": 12.0, "end": 13.0},
            {"generator": "SearchGenerator", "module": "rebellab.search.generator",
             "step": "context", "start": 13.0, "end": 13.5},
            {"generator": "ArticlesGenerator", "module": "pelican.generators",
             "step": "feeds", "start": 14.5, "end": 15.0},
            {"generator": "ArticlesGenerator", "module": "pelican.generators",
             "step": "output", "start": 14.0, "end": 16.0},
            {"generator": "SearchGenerator", "module": "rebellab.search.generator",
             "step": "output", "start": 16.0, "end": 18.0},
        ],
    }
    split = phases(timing, process_start=9.0, process_end=19.5)
    assert split == {
        "startup and validation": 1.0, "content reading": 2.0, "plugin models": 1.5,
        "page writing": 1.5, "feeds": 0.5, "search index": 3.5, "swap and exit": 0.5,
    }
    assert sum(split.values()) == pytest.approx(19.5 - 9.0)


def test_phases_count_an_index_built_after_pelican_as_search_index():
    timing = {"initialized": 10.0, "finalized": 12.0, "indexed": 18.0, "written": 1,
              "spans": [{"generator": "ArticlesGenerator", "module": "pelican.generators",
                         "step": "output", "start": 10.0, "end": 11.0}]}
    split = phases(timing, process_start=9.0, process_end=18.5)
    assert (split["search index"], split["swap and exit"]) == (7.0, 0.5)
    assert sum(split.values()) == pytest.approx(18.5 - 9.0)


def test_a_cold_build_sets_the_previous_output_and_cache_aside_until_the_end(tmp_path):
    # Moved, not deleted: the inode of each folder set aside is still there, below the
    # trash beside the output, and only empty_trash deletes it.
    output, cache = tmp_path / "out-big", tmp_path / "big" / "cache"
    for folder in (output / "blog", cache):
        folder.mkdir(parents=True)
        (folder / "page.html").write_text("alt", encoding="utf-8")
    inodes = {output.stat().st_ino, cache.stat().st_ino}
    set_aside(output)
    set_aside(cache, output.parent)
    set_aside(tmp_path / "missing")  # nothing to move
    assert not output.exists() and not cache.exists()
    trash = tmp_path / TRASH
    assert {folder.stat().st_ino for folder in trash.iterdir()} == inodes
    assert (next(trash.glob("out-big-*")) / "blog" / "page.html").read_text(
        encoding="utf-8") == "alt"
    output.mkdir()  # the next round's output: set aside beside the first one
    set_aside(output)
    assert len(list(trash.glob("out-big-*"))) == 2
    empty_trash(tmp_path)
    assert not trash.exists()


def test_memory_counts_the_forked_pelican_process_as_the_build():
    build = 4_000_000  # no such process: the sampler finds nothing by itself
    sampler = TreeSampler(build)
    sampler.stop()
    assert sampler._kind(build, "python", 1) == "build"
    assert sampler._kind(build + 1, "rebellab-build", build) == "build"
    assert sampler._kind(build + 2, "rebellab-build", build + 1) == "workers"  # page writer
    assert sampler._kind(build + 3, "python", build) == "workers"  # preparing for the index
    assert sampler._kind(build + 4, "pagefind_extended", build) == "indexer"
    assert sampler.peaks.worker_count == 2


@pytest.mark.browser
def test_search_query_is_measured_in_chromium(tmp_path):
    require_chromium()
    root = generate(REPO, tmp_path / "lab", Sizes(20, 20, 40, 2), seed=5)
    built = build_site(root, tmp_path / "output", search=True)
    assert built.returncode == 0, built.stderr
    figures = measure_search(tmp_path / "output", "Desksharing")
    assert figures["results"] > 0
    assert figures["mode"] == "search-page"
    assert figures["first_result"].startswith("/")
    assert figures["query_requests"] == len(figures["query_urls"]) > 0
    assert "/pagefind/pagefind.js" in figures["query_urls"]
    assert any(url.endswith(".pf_fragment") for url in figures["query_urls"])
    assert figures["query_kilobytes"] > 0 and figures["ms_to_first_result"] > 0
    # Transferred as the host sends it: pagefind.js compressed, so fewer bytes than on disk.
    script = (tmp_path / "output" / "pagefind" / "pagefind.js").stat().st_size
    saved = figures["query_kilobytes_uncompressed"] - figures["query_kilobytes"]
    assert script / 2 / 1024 < saved < script / 1024


@pytest.mark.slow
def test_serve_is_measured_for_a_post_an_event_a_profile_and_a_template(tmp_path):
    root = generate(REPO, tmp_path / "lab", Sizes(3, 3, 4, 1), seed=2)
    shutil.copytree(REPO / "theme", root / "theme")
    settings = settings_with(REPO / "pelicanconf.py", {"THEME": str(root / "theme")},
                             root / "bench_settings.py")
    base = root / "theme" / "templates" / "base.html"
    template = base.read_bytes()

    serve = measure_serve(tmp_path / "work", root, settings)

    assert list(serve["kinds"]) == ["post", "event", "profile", "template"]
    assert all(change["seconds"] > 0 and change["build_seconds"] > 0
               for change in serve["kinds"].values())
    assert serve["seconds"] == max(change["seconds"] for change in serve["kinds"].values())
    assert base.read_bytes() == template  # put back
    rows = serve_table(serve)
    assert len(rows) == 5 and rows[4].startswith("template: theme/templates/base.html")
