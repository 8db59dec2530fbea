"""Build the site safely: validate first, build into a fresh folder, swap when complete.

A failed build leaves the previous ``output/`` untouched, byte for byte.

    python scripts/build.py [--settings publishconf.py] [--output output] [--root DIR]
                            [--no-search]
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))

from rebellab.kernel.problems import format_problems  # noqa: E402
from rebellab.lab.load import Lab, load_site_lab  # noqa: E402
from rebellab.sitebase.incremental import commit  # noqa: E402


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
    return parser.parse_args(argv)


def check(root: Path, settings_file: Path) -> Lab | None:
    """Validate all content; print every problem. The lab when there are none."""
    from pelican.settings import read_settings

    lab = load_site_lab(root, read_settings(str(settings_file)))
    if lab.problems:
        print(format_problems(lab.problems), file=sys.stderr)
        print(f"\n{len(lab.problems)} Problem(e) gefunden; die Website wurde nicht gebaut.",
              file=sys.stderr)
        return None
    return lab


def build(settings_file: Path, output: Path, *, lab: Lab | None = None, search: bool = True,
          quiet: bool = False) -> bool:
    """Run Pelican into a temporary folder next to ``output`` and swap it in on success.

    A ``lab`` validated just before is handed to the build (setting LAB_VALIDATED), so its
    thousands of data files are not read and checked a second time.
    """
    from pelican import Pelican
    from pelican.log import init as init_logging
    from pelican.settings import read_settings

    staging = output.with_name(f"{output.name}.new")
    shutil.rmtree(staging, ignore_errors=True)
    init_logging(level=logging.WARNING if quiet else logging.INFO, fatal="warnings")
    overrides = {"OUTPUT_PATH": str(staging), "SEARCH_INDEX": search, "LAB_VALIDATED": lab,
                 "PREVIOUS_OUTPUT_PATH": str(output)}
    settings = read_settings(str(settings_file), override=overrides)
    finished = False
    try:
        Pelican(settings).run()
        finished = True
    except Exception as error:  # report any failure; the old output stays
        _report(error)
    finally:  # also on Ctrl+C: never leave a half-written staging folder behind
        if not finished:
            shutil.rmtree(staging, ignore_errors=True)
    if finished:
        swap(staging, output)
        commit(settings)
    return finished


def _report(error: Exception) -> None:
    from rebellab.kernel.problems import ContentError

    if isinstance(error, ContentError):
        print(str(error), file=sys.stderr)
        return
    print(f"Build fehlgeschlagen: {type(error).__name__}: {error}", file=sys.stderr)
    if os.environ.get("BUILD_DEBUG"):
        raise error


def swap(staging: Path, output: Path) -> None:
    """Replace ``output`` by ``staging`` with two renames (the gap is microseconds).

    If the second rename fails, the previous output is put back.
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
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """Entry point for ``make html`` and ``make publish``."""
    args = parse_args(argv)
    root = Path(args.root).resolve()
    os.environ["LAB_ROOT"] = str(root)
    started = time.perf_counter()
    settings_file = Path(args.settings).resolve()
    lab = check(root, settings_file)
    if lab is None:
        return 1
    if not build(settings_file, Path(args.output).resolve(), lab=lab,
                 search=not args.no_search, quiet=args.quiet):
        print("Der Build ist fehlgeschlagen; output/ ist unverändert.", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"Website gebaut in {time.perf_counter() - started:.1f} s: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
