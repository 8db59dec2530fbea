"""Shared fixtures: a local server for built sites, headless Chromium, the repository's site.

    served_site(output_path) -> base_url     serve a built output folder (session-wide)
    chromium_browser                          one headless Chromium per test module
    browser_page                              a fresh page (own context: no shared cookies)
    new_browser_page(**context_options)       the same with options, e.g. color_scheme="dark"
    repo_site                                 the repository's own site, built once with search

Browser fixtures skip only when CI is unset and Chromium is missing; with CI=true they fail.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.support.browser import launch_chromium, require_chromium, serve_folder
from tests.support.site import DEFAULT_TODAY, REPO, build_site

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


@pytest.fixture(scope="session")
def served_site() -> Iterator[Callable[[Path], str]]:
    """Return ``serve(output_path) -> base_url``; one server per folder, stopped at the end."""
    with contextlib.ExitStack() as stack:
        servers: dict[Path, str] = {}

        def serve(output_path: Path) -> str:
            folder = Path(output_path).resolve()
            if folder not in servers:
                servers[folder] = stack.enter_context(serve_folder(folder))
            return servers[folder]

        yield serve


@pytest.fixture(scope="module")
def chromium_browser() -> Iterator[Browser]:
    """Headless Debian Chromium driven by Playwright, one per test module.

    Module scope, not session: Playwright's sync API allows one instance per thread, so a
    test (e.g. the benchmark) that starts its own must not meet one left running.
    """
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def new_browser_page(chromium_browser: Browser) -> Iterator[Callable[..., Page]]:
    """Return ``open_page(**context_options)``: a page in a fresh context, closed afterwards."""
    contexts = []

    def open_page(**context_options: object) -> Page:
        context = chromium_browser.new_context(**context_options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def browser_page(new_browser_page: Callable[..., Page]) -> Page:
    """A fresh Chromium page (German locale) in its own context."""
    return new_browser_page(locale="de-DE")


@dataclass(frozen=True)
class BuiltSite:
    """A finished build: where it went and what the build printed."""

    output: Path
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's own content/ and data/, built once with the Pagefind index.

    Under pytest-xdist all workers share one build: the first takes a file lock and builds,
    the others wait and read the recorded result.
    """
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # each worker has its own subfolder of the run's
        shared = shared.parent
    folder = shared / "repo-site"
    record = shared / "repo-site.json"
    with open(shared / "repo-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            result = build_site(REPO, folder / "output", today=DEFAULT_TODAY, search=True)
            record.write_text(json.dumps({"returncode": result.returncode,
                                          "stdout": result.stdout, "stderr": result.stderr}))
        data = json.loads(record.read_text())
    return BuiltSite(output=folder / "output", **data)


# The directory's fixture sites, used by tests/directory and tests/search alike: defined here
# so that each is built once per session and worker, not once per folder.
@pytest.fixture(scope="session")
def basic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five profiles (umlauts, ß, a photo with EXIF), an event, a post, a project; searchable."""
    from tests.directory.sites import build, lab_root

    tmp = tmp_path_factory.mktemp("basic")
    return build(lab_root(tmp, "basic"), tmp / "output", search=True)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Profiles and a topic synonym that try to inject markup and script everywhere."""
    from tests.directory.sites import build, lab_root

    tmp = tmp_path_factory.mktemp("hostile")
    return build(lab_root(tmp, "hostile"), tmp / "output", search=True)
