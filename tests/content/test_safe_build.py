"""A failed build leaves the previous output/ byte-identical; a good build replaces it."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from tests.content.cases import install_invalid, read_expected
from tests.support.site import REPO, build_site, make_root

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


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` (relative path) with the SHA-256 of its bytes."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def settings_file(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "testconf.py"
    path.write_text(f"import sys\nsys.path.insert(0, {str(REPO)!r})\n"
                    "from pelicanconf import *  # noqa\n" + extra, encoding="utf-8")
    return path


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
