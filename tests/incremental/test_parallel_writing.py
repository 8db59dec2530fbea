"""Pages rendered by forked workers are the bytes Pelican's serial writing gives.

``WRITE_WORKERS = 0`` renders each page while Pelican's writer writes it; the default
renders a generator's pages on every core when its output ends (rebellab.sitebase.parallel).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from rebellab.sitebase.incremental import record_path
from scripts.bench.corpus import Sizes, generate
from tests.support.site import REPO, build_site


def tree(output: Path) -> dict[str, bytes]:
    """Every file below ``output`` by relative path."""
    return {path.relative_to(output).as_posix(): path.read_bytes()
            for path in sorted(output.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's content plus a synthetic lab with enough profiles for two workers."""
    return generate(REPO, tmp_path_factory.mktemp("parallel") / "lab", Sizes(12, 12, 80, 3),
                    seed=11)


@pytest.mark.slow
def test_two_workers_write_the_same_bytes_as_serial_writing(lab, tmp_path):
    serial = build_site(lab, tmp_path / "serial", overrides={"WRITE_WORKERS": 0})
    parallel = build_site(lab, tmp_path / "parallel", overrides={"WRITE_WORKERS": 2})
    assert serial.returncode == 0, serial.stderr
    assert parallel.returncode == 0, parallel.stderr
    serial_files, parallel_files = tree(tmp_path / "serial"), tree(tmp_path / "parallel")
    assert serial_files.keys() == parallel_files.keys()
    assert [name for name in serial_files if serial_files[name] != parallel_files[name]] == []
    assert sum(name.startswith("rebellen/") for name in serial_files) > 80
    assert all(serial_files[name] for name in serial_files
               if name.endswith((".html", ".ics", ".json", ".xml")))  # none left empty


def fingerprints(cache: Path, output: Path) -> dict[str, str]:
    """The fingerprints the build into ``output`` recorded of its pages."""
    record = record_path({"CACHE_PATH": str(cache), "PREVIOUS_OUTPUT_PATH": str(output)})
    assert record is not None
    return {name: entry[0] for name, entry in
            json.loads(record.read_text(encoding="utf-8"))["pages"].items()}


@pytest.mark.slow
def test_a_cold_build_fingerprints_its_pages_while_workers_render_them_as_if_one_by_one(
        lab, tmp_path):
    # Cold, two workers: this process fingerprints the queued pages while the forked writer
    # renders. Without workers each page is fingerprinted before it is written.
    cache = tmp_path / "cache"  # one for both: its path is a setting, which pages depend on
    for workers in (0, 2):
        built = build_site(lab, tmp_path / f"out-{workers}",
                           overrides={"WRITE_WORKERS": workers, "CACHE_PATH": str(cache)})
        assert built.returncode == 0, built.stderr
    serial = fingerprints(cache, tmp_path / "out-0")
    parallel = fingerprints(cache, tmp_path / "out-2")
    assert parallel == serial
    assert sum(name.startswith("rebellen/") and name.endswith(".html") for name in serial) > 80


@pytest.mark.slow
def test_a_failing_worker_fails_the_build_and_keeps_the_old_output(lab, tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "marker.txt").write_text("alt", encoding="utf-8")
    # A template that fails only while rendering profile pages, which workers render.
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme)
    profile = theme / "templates" / "rebellen" / "profile.html"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        "{% block content %}", "{% block content %}{{ profile.no_such_field.fails() }}", 1),
        encoding="utf-8")
    built = build_site(lab, output, overrides={"WRITE_WORKERS": 2, "THEME": str(theme)})
    assert built.returncode != 0
    assert "Schreibprozess" in built.stderr or "UndefinedError" in built.stderr
    assert (output / "marker.txt").read_text(encoding="utf-8") == "alt"
    assert not output.with_name("output.new").exists()


@pytest.mark.slow
def test_in_a_warm_build_the_workers_fingerprint_link_and_render_as_one_by_one(lab, tmp_path):
    # Warm, two workers: the forked writers fingerprint each page, link it from the previous
    # output when unchanged and render it when not; without workers, this process does.
    site = tmp_path / "lab"
    shutil.copytree(lab, site)
    cache = tmp_path / "cache"  # one for both: its path is a setting, which pages depend on
    outputs = {workers: tmp_path / f"out-{workers}" for workers in (0, 2)}

    def build(workers: int) -> None:
        built = build_site(site, outputs[workers],
                           overrides={"WRITE_WORKERS": workers, "CACHE_PATH": str(cache)})
        assert built.returncode == 0, built.stderr

    for workers in outputs:
        build(workers)
    before = {path: path.stat().st_ino for path in outputs[2].rglob("rebellen/*/index.html")}
    profile = sorted((site / "data" / "rebels").glob("*.yaml"))[-1]
    profile.write_text(profile.read_text(encoding="utf-8").replace("\nname: ", "\nname: Dr. ", 1),
                       encoding="utf-8")
    for workers in outputs:
        build(workers)
    assert tree(outputs[0]) == tree(outputs[2])
    assert fingerprints(cache, outputs[0]) == fingerprints(cache, outputs[2])
    kept = [path for path, inode in before.items() if path.stat().st_ino == inode]
    changed = outputs[2] / "rebellen" / profile.stem / "index.html"
    assert changed not in kept and "Dr. " in changed.read_text(encoding="utf-8")
    assert len(kept) >= len(before) - 20 and len(before) > 80
