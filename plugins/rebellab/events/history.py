"""When each event file was created and changed, from Git: LAST-MODIFIED and SEQUENCE.

One ``git log`` for the whole folder (not one per file). Outside Git, or for files Git
does not know yet, the file's modification time stands in and SEQUENCE stays 0.
Note: a shallow clone (CI default depth 1) sees only the last commit; deploy builds need
the full history (``fetch-depth: 0``) for SEQUENCE to grow.
"""

from __future__ import annotations

import subprocess
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


def file_revisions(folder: Path) -> dict[str, Revision]:
    """Revisions keyed by file name: Git where known, else the file's mtime."""
    known = git_revisions(folder)
    revisions = {}
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
        if path.name in known:
            revisions[path.name] = known[path.name]
        else:
            moment = _utc(int(path.stat().st_mtime))
            revisions[path.name] = Revision(moment, moment, 0)
    return revisions


def _utc(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)
