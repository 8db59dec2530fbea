"""The content fixtures: where they are and how a case is installed into a lab root.

``fixtures/valid/`` holds files that must pass; ``fixtures/invalid/<kind>/<rule>.yaml``
breaks exactly one rule (``<kind>`` is events, rebels, formats, topics or partners), and
``fixtures/invalid/trees/<rule>/`` holds cases that need several files or a special file
name. ``fixtures/invalid/expected.txt`` lists the exact lines ``make check`` prints per case.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

from tests.support.site import DEFAULT_TODAY

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
EXPECTED = INVALID / "expected.txt"
TODAY = date.fromisoformat(DEFAULT_TODAY)
VOCABULARIES = ("formats", "topics", "partners")
SCHEMA_OF = {"events": "event", "rebels": "profile", "formats": "formats", "topics": "topics",
             "partners": "partners"}
# The library's folders have schemas too (documented in CONTRIBUTING.md, not data/README.md).
FOLDER_SCHEMA = {**SCHEMA_OF, "projects": "project", "materials": "material"}


def invalid_cases() -> list[str]:
    """Every invalid case as ``<kind>/<rule>``, sorted."""
    cases = [f"{path.parent.name}/{path.stem}" for path in INVALID.glob("*/*.yaml")]
    cases += [f"trees/{path.name}" for path in (INVALID / "trees").iterdir() if path.is_dir()]
    return sorted(cases)


def install_invalid(case: str, root: Path) -> None:
    """Put one invalid case into a lab root made by ``make_root``."""
    kind, rule = case.split("/")
    if kind == "trees":
        shutil.copytree(INVALID / "trees" / rule, root, dirs_exist_ok=True)
    elif kind in VOCABULARIES:
        shutil.copyfile(INVALID / kind / f"{rule}.yaml", root / "data" / f"{kind}.yaml")
    else:
        shutil.copyfile(INVALID / kind / f"{rule}.yaml", root / "data" / kind / f"{rule}.yaml")


def install_valid(root: Path) -> None:
    """Put all valid events, profiles and images into a lab root (repo vocabularies stay)."""
    for kind in ("events", "rebels"):
        for path in (VALID / kind).iterdir():
            shutil.copyfile(path, root / "data" / kind / path.name)
    shutil.copytree(VALID / "images", root / "content" / "images", dirs_exist_ok=True)


def read_expected() -> dict[str, list[str]]:
    """``expected.txt`` as {case: lines}; blocks start with ``[<kind>/<rule>]``."""
    expected: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in EXPECTED.read_text(encoding="utf-8").splitlines():
        header = re.fullmatch(r"\[(.+)\]", line)
        if header:
            current = expected.setdefault(header.group(1), [])
        elif line.strip() and not line.startswith("#") and current is not None:
            current.append(line)
    return expected


def write_expected(actual: dict[str, list[str]]) -> None:
    """Regenerate ``expected.txt`` (``UPDATE_GOLDEN=1``); review the diff like code."""
    parts = ["# Exact output of `make check` for each invalid fixture (one block per case).",
             "# Regenerate: UPDATE_GOLDEN=1 .venv/bin/pytest tests/content; review the diff.", ""]
    for case in sorted(actual):
        parts += [f"[{case}]", *actual[case], ""]
    EXPECTED.write_text("\n".join(parts), encoding="utf-8")
