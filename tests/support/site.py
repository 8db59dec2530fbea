"""Build fixture sites the way a user would: real files in, ``scripts/build.py`` run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_TODAY = "2026-11-24"


def make_root(tmp_path: Path, *, with_repo_vocabularies: bool = True) -> Path:
    """An empty lab root (content/, data/) with the repository's vocabularies copied in."""
    root = tmp_path / "site"
    for folder in ("content/blog", "content/pages", "content/images", "data/events",
                   "data/rebels", "data/projects"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    if with_repo_vocabularies:
        for name in ("formats.yaml", "topics.yaml", "partners.yaml"):
            shutil.copy(REPO / "data" / name, root / "data" / name)
        # formats.yaml names method pages; they must exist for its references to resolve.
        shutil.copytree(REPO / "content" / "methoden", root / "content" / "methoden",
                        dirs_exist_ok=True)
    return root


def copy_tree(source: Path, root: Path) -> Path:
    """Copy a fixture folder (with content/ and/or data/) over a lab root."""
    shutil.copytree(source, root, dirs_exist_ok=True)
    return root


def build_site(root: Path, output: Path, *, today: str = DEFAULT_TODAY, search: bool = False,
               settings: str = "pelicanconf.py", env: dict[str, str] | None = None,
               overrides: dict[str, object] | None = None
               ) -> subprocess.CompletedProcess[str]:
    """Run ``scripts/build.py`` for ``root`` into ``output``; return the finished process.

    ``overrides`` replaces single settings (e.g. ``{"EVENT_URL": ...}``) on top of
    ``settings``, through a settings file written next to ``root``.
    """
    settings_file = REPO / settings
    if overrides:
        settings_file = settings_with(settings_file, overrides, root.parent / "overrides.py")
    return subprocess.run(build_command(root, output, settings_file, search=search),
                          capture_output=True, text=True, env=build_env(root, today, env),
                          cwd=REPO, check=False)


def build_command(root: Path, output: Path, settings_file: Path, *, search: bool = False
                  ) -> list[str]:
    """The command line of ``scripts/build.py`` for ``root``, quiet."""
    command = [sys.executable, str(REPO / "scripts" / "build.py"), "--root", str(root),
               "--output", str(output), "--settings", str(settings_file), "--quiet"]
    return command if search else [*command, "--no-search"]


def build_env(root: Path, today: str = DEFAULT_TODAY, env: dict[str, str] | None = None
              ) -> dict[str, str]:
    """The environment of a build of ``root``: this one, with its "today" and lab root."""
    return {**os.environ, "SITE_TODAY": today, "LAB_ROOT": str(root), **(env or {})}


def settings_with(base: Path, overrides: dict[str, object], target: Path) -> Path:
    """Write a settings file that imports ``base`` and replaces ``overrides``."""
    lines = ["import sys", f"sys.path.insert(0, {str(base.parent)!r})",
             f"from {base.stem} import *  # noqa: F403"]
    lines += [f"{name} = {value!r}" for name, value in overrides.items()]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target
