"""Validate all content without building: ``make check``.

Prints every problem as ``path:line: message`` and exits 1 if there is any. With
``--github`` it also prints GitHub annotations (``::error file=…,line=…::…``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))

from pelican.settings import read_settings  # noqa: E402

from rebellab.kernel.problems import Problem  # noqa: E402
from rebellab.lab.load import load_lab  # noqa: E402


def github_annotation(problem: Problem) -> str:
    """Format the problem as a GitHub Actions command, shown on the pull request's diff."""
    # Escaping as in @actions/core (toCommandValue/escapeProperty).
    def escape(value: str) -> str:
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def escape_property(value: str) -> str:
        return escape(value).replace(":", "%3A").replace(",", "%2C")

    return (f"::error file={escape_property(problem.path)},line={problem.line}::"
            f"{escape(problem.message)}")


def main(argv: list[str] | None = None) -> int:
    """Run the validation and report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=os.environ.get("LAB_ROOT", str(REPO)))
    parser.add_argument("--settings", default=str(REPO / "pelicanconf.py"))
    parser.add_argument("--github", action="store_true",
                        help="also print GitHub Actions error annotations")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    # The calendar UID domain is part of every event's model (duplicate UIDs are errors),
    # so check and build read it from the same settings.
    settings = read_settings(args.settings)
    lab = load_lab(Path(args.root).resolve(), uid_domain=settings["CALENDAR_UID_DOMAIN"],
                   settings=settings)
    for problem in lab.problems:
        print(problem)
        if args.github:
            print(github_annotation(problem))
    elapsed = time.perf_counter() - started
    if lab.problems:
        print(f"\n{len(lab.problems)} Problem(e) gefunden ({elapsed:.2f} s).", file=sys.stderr)
        return 1
    print(f"Alles in Ordnung: {len(lab.events)} Veranstaltungen, {len(lab.profiles)} Profile "
          f"geprüft ({elapsed:.2f} s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
