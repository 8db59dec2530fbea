"""A failed build leaves the previous output/ byte-identical; a good build replaces it.

Pelican runs in a process forked by ``scripts/build.py``, which indexes after that process
has ended (issue 15); a failure of either, a killed Pelican process and Ctrl+C leave the
previous output and no staging folder.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.content.cases import install_invalid, read_expected
from tests.support.processes import wait_until_ended
from tests.support.site import REPO, build_command, build_env, build_site, make_root

pytestmark = pytest.mark.slow

EXPLODING_PLUGIN = '''
import os

from pelican import signals


class Explode:
    """Fails after every other generator has written its pages."""

    def __init__(self, *args, output_path, **kwargs):
        self.output_path = output_path

    def generate_context(self):
        pass

    def generate_output(self, writer):
        written = sum(len(files) for _, _, files in os.walk(self.output_path))
        raise RuntimeError(f"deliberate failure of the test plugin after {written} files")


def get_generators(pelican):
    return Explode


def register():
    signals.get_generators.connect(get_generators)
'''


# Records, when Pelican has finished, which process ran it and whether the index exists yet.
RECORDING_PLUGIN = '''
import json
import os
from pathlib import Path

from pelican import signals


def record(pelican):
    parent = os.getppid()
    Path(pelican.settings["PROCESS_RECORD"]).write_text(json.dumps({
        "name": Path("/proc/self/comm").read_text().strip(),
        "parent_command": Path(f"/proc/{parent}/cmdline").read_bytes().decode().split("\\0"),
        "indexed": (Path(pelican.output_path) / "pagefind").exists(),
    }))


def register():
    signals.finalized.connect(record)
'''

# Stops the Pelican process as the kernel's out-of-memory killer would, or makes it wait
# for Ctrl+C, after every other generator has written its pages.
STOPPING_PLUGIN = '''
import os
import signal
import time
from pathlib import Path

from pelican import signals


class Stop:
    def __init__(self, *args, settings, **kwargs):
        self.settings = settings

    def generate_context(self):
        pass

    def generate_output(self, writer):
        marker = self.settings.get("STOP_MARKER")
        if marker is None:
            os.kill(os.getpid(), signal.SIGKILL)
        Path(marker).write_text(str(os.getpid()))
        time.sleep(120)


def get_generators(pelican):
    return Stop


def register():
    signals.get_generators.connect(get_generators)
'''

# Queues 64 pages, which the writer renders in two processes when the generator's output
# ends: a page in the forked writer is slow, a page in this process fails once that writer
# has started. The Pelican process fails while its page writer still runs.
ORPHANING_PLUGIN = """
import os
import time
from pathlib import Path

from jinja2 import DictLoader, Environment
from pelican import signals


class Orphan:
    def __init__(self, *args, settings, **kwargs):
        self.marker = Path(settings["WRITER_MARKER"])

    def generate_context(self):
        pass

    def generate_output(self, writer):
        marker = self.marker

        pelican_process = os.getpid()

        def act(text):
            # Which process writes which page is up to the writer (a shared counter).
            if os.getpid() != pelican_process:
                marker.write_text(str(os.getpid()))
                time.sleep(120)
            deadline = time.monotonic() + 60
            while not marker.is_file() and time.monotonic() < deadline:
                time.sleep(0.05)
            raise RuntimeError("deliberate failure while a page writer still runs")

        environment = Environment(loader=DictLoader({"probe.html": "{{ text | act }}"}))
        environment.filters["act"] = act
        template = environment.get_template("probe.html")
        texts = ["probe"] * 64
        for number, text in enumerate(texts):
            writer.write_file(f"probe/{number}.html", template, {}, text=text)
        writer.render_pending()  # what the end of a Pelican generator's output does


def get_generators(pelican):
    return Orphan


def register():
    signals.get_generators.connect(get_generators)
"""


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` (relative path) with the SHA-256 of its bytes."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def settings_file(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "testconf.py"
    path.write_text(f"import sys\nsys.path.insert(0, {str(REPO)!r})\n"
                    "from pelicanconf import *  # noqa\n" + extra, encoding="utf-8")
    return path


def with_plugin(tmp_path: Path, name: str, source: str, extra: str = "") -> Path:
    """Settings with the test plugin ``name`` (its ``__init__.py`` is ``source``) added."""
    plugin = tmp_path / "testplugins" / name
    plugin.mkdir(parents=True)
    (plugin / "__init__.py").write_text(source, encoding="utf-8")
    return settings_file(tmp_path, f"PLUGIN_PATHS = [*PLUGIN_PATHS, {str(plugin.parent)!r}]\n"
                                   f"PLUGINS = [*PLUGINS, {name!r}]\n" + extra)


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A lab root and its successfully built output, with the output's digest."""
    root = make_root(tmp_path)
    output = tmp_path / "output"
    result = build_site(root, output)
    assert result.returncode == 0, result.stderr
    digest = tree_digest(output)
    assert "index.html" in digest
    return root, output, digest


def assert_untouched(output: Path, digest: dict[str, str]) -> None:
    assert tree_digest(output) == digest
    assert not output.with_name("output.new").exists()
    assert not output.with_name("output.old").exists()


def test_successful_build_replaces_output(built: tuple[Path, Path, dict[str, str]]) -> None:
    root, output, digest = built
    (output / "stale.html").write_text("left over", encoding="utf-8")
    result = build_site(root, output)
    assert result.returncode == 0, result.stderr
    assert not (output / "stale.html").exists()
    assert set(tree_digest(output)) == set(digest)
    assert not output.with_name("output.new").exists()
    assert not output.with_name("output.old").exists()


def test_the_lab_handed_to_pelican_stays_out_of_its_content_cache(tmp_path: Path) -> None:
    # Pelican pickles its settings into the posts' cache (with each category, tag and
    # author); the validated lab handed over in them must not go along: 21 MB of the 32 at
    # make bench's big lab, read again by every build.
    root = make_root(tmp_path)
    (root / "content" / "blog" / "beitrag.md").write_text(
        "Title: Ein Beitrag\nDate: 2026-01-01 10:00\nCategory: Methoden\nTags: Lean Coffee\n"
        "Authors: Redaktion\n\nText des Beitrags.\n", encoding="utf-8")
    result = build_site(root, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    cache, = (root / ".cache").rglob("ArticlesGenerator-Readers")
    (_, (_, metadata)), = pickle.loads(cache.read_bytes()).values()
    for wrapper in (metadata["category"], *metadata["tags"], *metadata["authors"]):
        assert "LAB_VALIDATED" in wrapper.settings  # the settings are in it, without the lab
        assert wrapper.settings["LAB_VALIDATED"] is None


def test_a_build_reports_its_summary_not_every_file(tmp_path: Path) -> None:
    """make html: the summary lines, not Pelican's line per written or copied file."""
    root = make_root(tmp_path)
    command = build_command(root, tmp_path / "output", REPO / "pelicanconf.py")
    command.remove("--quiet")
    result = subprocess.run(command, env=build_env(root, env={"COLUMNS": "300"}), cwd=REPO,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    text = result.stdout + result.stderr
    assert re.search(r"\d+ Seiten und Dateien erzeugt, 0 unverändert übernommen", text)
    assert "Website gebaut in" in text
    assert "Writing" not in text and "Copying" not in text, text
    assert (tmp_path / "output" / "theme" / "css" / "site.css").is_file()  # copied, silently


def test_the_previous_output_is_deleted_after_the_build(
        built: tuple[Path, Path, dict[str, str]]) -> None:
    root, output, _ = built
    leftover = output.with_name(".output.old-1-1")  # left by an rm that was stopped
    (leftover / "blog").mkdir(parents=True)
    (leftover / "blog" / "index.html").write_text("alt", encoding="utf-8")
    result = build_site(root, output)
    assert result.returncode == 0, result.stderr
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and list(output.parent.glob(".output.old-*")):
        time.sleep(0.1)
    assert not list(output.parent.glob(".output.old-*"))  # both old folders are gone
    assert not output.with_name("output.old").exists()
    assert (output / "index.html").is_file()
    # The replaced output's folders are kept for the next build, without a file but their list.
    kept = output.with_name(".output.folders")
    assert [path.name for path in kept.rglob("*") if not path.is_dir()] == [".rebellab-folders"]
    folders = {path.relative_to(output) for path in output.rglob("*") if path.is_dir()}
    assert {path.relative_to(kept) for path in kept.rglob("*") if path.is_dir()} == folders


def test_the_copies_the_search_index_is_made_from_are_deleted(
        built: tuple[Path, Path, dict[str, str]]) -> None:
    root, output, _ = built
    leftover = output.with_name(".output.new-suchindex")  # left by a build that was stopped
    (leftover / "0" / "blog").mkdir(parents=True)
    (leftover / "0" / "blog" / "index.html").write_text("alt", encoding="utf-8")
    result = build_site(root, output, search=True)
    assert result.returncode == 0, result.stderr
    assert (output / "pagefind" / "pagefind.js").is_file()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and list(output.parent.glob("*suchindex*")):
        time.sleep(0.1)
    assert not list(output.parent.glob("*suchindex*"))


def test_content_error_keeps_previous_output(built: tuple[Path, Path, dict[str, str]]
                                             ) -> None:
    root, output, digest = built
    install_invalid("events/end-before-start", root)
    result = build_site(root, output)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == read_expected()["events/end-before-start"][0]
    assert "Traceback" not in result.stderr
    assert_untouched(output, digest)


def test_plugin_exception_keeps_previous_output(
        built: tuple[Path, Path, dict[str, str]], tmp_path: Path) -> None:
    root, output, digest = built
    plugin = tmp_path / "testplugins" / "explode"
    plugin.mkdir(parents=True)
    (plugin / "__init__.py").write_text(EXPLODING_PLUGIN, encoding="utf-8")
    settings = settings_file(tmp_path, f"PLUGIN_PATHS = [*PLUGIN_PATHS, "
                                       f"{str(plugin.parent)!r}]\n"
                                       "PLUGINS = [*PLUGINS, 'explode']\n")
    result = build_site(root, output, settings=str(settings))
    assert result.returncode == 1
    failure = re.search(r"RuntimeError: deliberate failure of the test plugin after (\d+) files",
                        result.stderr)
    assert failure and int(failure.group(1)) > 10  # the staging folder was half-written
    assert_untouched(output, digest)


def test_template_exception_keeps_previous_output(
        built: tuple[Path, Path, dict[str, str]], tmp_path: Path) -> None:
    root, output, digest = built
    templates = tmp_path / "broken-templates"
    templates.mkdir()
    shutil.copy(REPO / "theme" / "templates" / "base.html", templates / "base.html")
    with (templates / "base.html").open("a", encoding="utf-8") as base:
        base.write("{{ 1 // 0 }}\n")
    settings = settings_file(tmp_path, f"THEME_TEMPLATES_OVERRIDES = [{str(templates)!r}]\n")
    result = build_site(root, output, settings=str(settings))
    assert result.returncode == 1
    assert "Build fehlgeschlagen: ZeroDivisionError" in result.stderr
    assert_untouched(output, digest)


def test_pelican_runs_in_a_forked_process_and_the_index_after_it(tmp_path: Path) -> None:
    root, output, record = make_root(tmp_path), tmp_path / "output", tmp_path / "record.json"
    settings = with_plugin(tmp_path, "record", RECORDING_PLUGIN,
                           f"PROCESS_RECORD = {str(record)!r}\n")
    result = build_site(root, output, settings=str(settings), search=True)
    assert result.returncode == 0, result.stderr
    pelican = json.loads(record.read_text(encoding="utf-8"))
    assert pelican["name"] == "rebellab-build"
    assert str(REPO / "scripts" / "build.py") in pelican["parent_command"]
    assert not pelican["indexed"]  # Pelican's process has not indexed ...
    assert (output / "pagefind" / "pagefind.js").is_file()  # ... the process that forked it has
    assert (output / "suche" / "vokabular.txt.gz").is_file()


def test_the_pelican_process_writes_its_own_profile_when_asked(tmp_path: Path) -> None:
    import pstats

    root, output, profile = make_root(tmp_path), tmp_path / "output", tmp_path / "p.prof"
    result = build_site(root, output, env={"BUILD_PROFILE_PELICAN": str(profile)})
    assert result.returncode == 0, result.stderr
    functions = {name for _, _, name in pstats.Stats(str(profile)).stats}  # type: ignore[attr-defined]
    assert "run" in functions and "load_site_lab" in functions


def test_index_failure_after_the_pages_keeps_previous_output(
        built: tuple[Path, Path, dict[str, str]], tmp_path: Path) -> None:
    root, output, digest = built
    # Only the index step writes the vocabulary: outside the output, Pelican's writer refuses.
    settings = settings_file(tmp_path, "SEARCH_VOCABULARY_SAVE_AS = '../vokabular.txt.gz'\n")
    result = build_site(root, output, settings=str(settings), search=True)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-2].startswith("Build fehlgeschlagen: RuntimeError: ")
    assert result.stderr.splitlines()[-1] == ("Der Build ist fehlgeschlagen; output/ ist "
                                              "unverändert.")
    assert_untouched(output, digest)


def test_killed_pelican_process_keeps_previous_output(
        built: tuple[Path, Path, dict[str, str]], tmp_path: Path) -> None:
    root, output, digest = built
    result = build_site(root, output, settings=str(with_plugin(tmp_path, "stop",
                                                               STOPPING_PLUGIN)))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Build fehlgeschlagen: der Pelican-Prozess wurde durch Signal 9 beendet.",
        "Der Build ist fehlgeschlagen; output/ ist unverändert."]
    assert_untouched(output, digest)


def default_ctrl_c() -> None:
    """Let Ctrl+C (SIGINT) act as in a terminal, in the build started by the test.

    A test run started in the background by a shell without job control (``make test &``)
    ignores SIGINT, and so would the build it starts: the build would never see Ctrl+C.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_ends_the_pelican_process_and_keeps_previous_output(
        built: tuple[Path, Path, dict[str, str]], tmp_path: Path) -> None:
    root, output, digest = built
    marker = tmp_path / "pelican.pid"
    settings = with_plugin(tmp_path, "stop", STOPPING_PLUGIN,
                           f"STOP_MARKER = {str(marker)!r}\n")
    with subprocess.Popen(build_command(root, output, settings), env=build_env(root),
                          cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          preexec_fn=default_ctrl_c) as build:
        try:
            deadline = time.monotonic() + 120
            while not marker.is_file() and build.poll() is None and time.monotonic() < deadline:
                time.sleep(0.1)
            assert marker.is_file(), build.communicate()
            pelican = int(marker.read_text(encoding="utf-8"))
            assert pelican != build.pid
            assert output.with_name("output.new").is_dir()  # the pages are being written
            build.send_signal(signal.SIGINT)  # to the build alone, not to the Pelican process
            _, errors = build.communicate(timeout=60)
        finally:
            build.kill()  # if the test failed while the build still runs
    assert build.returncode != 0
    assert b"KeyboardInterrupt" in errors
    assert not Path(f"/proc/{pelican}").exists()
    assert_untouched(output, digest)


def test_a_failed_pelican_process_leaves_no_page_writer_running(
        built: tuple[Path, Path, dict[str, str]], tmp_path: Path) -> None:
    root, output, digest = built
    marker = tmp_path / "writer.pid"
    settings = with_plugin(tmp_path, "orphan", ORPHANING_PLUGIN,
                           f"WRITER_MARKER = {str(marker)!r}\nWRITE_WORKERS = 2\n")
    # Output to a file, not a pipe: a writer left running would keep a pipe open, so that
    # waiting for the output would wait for the writer too.
    log = tmp_path / "build.log"
    with log.open("w", encoding="utf-8") as handle:
        result = subprocess.run(build_command(root, output, settings), env=build_env(root),
                                cwd=REPO, stdout=handle, stderr=subprocess.STDOUT, check=False)
    assert result.returncode == 1
    assert "deliberate failure while a page writer still runs" in log.read_text(encoding="utf-8")
    writer = int(marker.read_text(encoding="utf-8"))
    # Without the build ending its group the writer would be alive for 120 s more.
    assert wait_until_ended(writer, 10)
    assert_untouched(output, digest)
