"""When each event file was created and changed, from Git: LAST-MODIFIED and SEQUENCE.

One ``git log`` for the whole folder (not one per file). Outside Git (a tree exported
with ``git archive``), or for files Git does not know yet, ``SOURCE_DATE_EPOCH`` stands in
when set (the reproducible-builds.org convention: the same tree gives the same bytes,
whatever the files' modification times), else the file's modification time; SEQUENCE
stays 0.
Note: a shallow clone (CI default depth 1) sees only the last commit; deploy builds need
the full history (``fetch-depth: 0``) for SEQUENCE to grow.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from rebellab.events.ical import Revision

MARK = "\x1e"  # record separator before each commit's timestamp


def parse_log(text: str) -> dict[str, Revision]:
    """Revisions per file name from ``git log --format=<MARK>%ct --name-only`` output.

    The log lists commits newest first; SEQUENCE counts the changes after the first one.
    """
    times: dict[str, list[int]] = {}
    stamp: int | None = None
    for line in text.split("\n"):  # not splitlines(): it splits at MARK too
        if line.startswith(MARK):
            stamp = int(line[1:].strip())
        elif line.strip() and stamp is not None:
            times.setdefault(Path(line.strip()).name, []).append(stamp)
    return {name: Revision(created=_utc(min(stamps)), modified=_utc(max(stamps)),
                           sequence=len(stamps) - 1)
            for name, stamps in times.items()}


def git_revisions(folder: Path) -> dict[str, Revision]:
    """Ask Git once about every file in ``folder``; empty when Git is unavailable."""
    if not folder.is_dir():
        return {}
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), "log", f"--format={MARK}%ct", "--name-only",
             "--relative", "--no-renames", "--", "."],
            capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return {}
    return parse_log(result.stdout) if result.returncode == 0 else {}


def file_revisions(folder: Path, environ: Mapping[str, str] = os.environ
                   ) -> dict[str, Revision]:
    """Revisions keyed by file name: Git where known, else SOURCE_DATE_EPOCH, else mtime."""
    known = git_revisions(folder)
    return {path.name: file_revision(path, known, environ)
            for path in (sorted(folder.glob("*.y*ml")) if folder.is_dir() else [])}


def file_revision(path: Path, known: Mapping[str, Revision],
                  environ: Mapping[str, str] = os.environ) -> Revision:
    """One file's revision: from ``known`` (Git's), else SOURCE_DATE_EPOCH, else its mtime."""
    if path.name in known:
        return known[path.name]
    moment = source_date_epoch(environ) or _utc(int(path.stat().st_mtime))
    return Revision(moment, moment, 0)


def source_date_epoch(environ: Mapping[str, str] = os.environ) -> datetime | None:
    """Return the time ``SOURCE_DATE_EPOCH`` sets (seconds since 1970 UTC), or None.

    A malformed value stops the build, as the specification asks
    (reproducible-builds.org/specs/source-date-epoch/).
    """
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise ValueError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {value!r}")
    return _utc(int(value))


def _utc(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)
