"""LAST-MODIFIED and SEQUENCE from Git (one log); else SOURCE_DATE_EPOCH, else the mtime."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rebellab.events.history import (
    MARK,
    file_revisions,
    git_revisions,
    parse_log,
    source_date_epoch,
)
from rebellab.events.ical import Revision
from tests.events.conftest import fixture_root
from tests.support.site import build_site


def test_parse_log_counts_changes_after_the_first_commit() -> None:
    log = (f"{MARK}300\n\nb.yaml\na.yaml\n"
           f"{MARK}200\n\na.yaml\n"
           f"{MARK}100\n\na.yaml\n")
    revisions = parse_log(log)
    assert revisions["a.yaml"].sequence == 2
    assert revisions["a.yaml"].created == datetime.fromtimestamp(100, UTC)
    assert revisions["a.yaml"].modified == datetime.fromtimestamp(300, UTC)
    assert revisions["b.yaml"].sequence == 0


def git(folder: Path, *args: str, when: int) -> None:
    stamp = f"@{when} +0000"
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "-C", str(folder), *args], check=True, env=env,
                   capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    events = tmp_path / "data" / "events"
    events.mkdir(parents=True)
    git(tmp_path, "init", "-q", when=0)
    (events / "meetup.yaml").write_text("title: A\n")
    (events / "camp.yaml").write_text("title: B\n")
    git(tmp_path, "add", ".", when=0)
    git(tmp_path, "commit", "-q", "-m", "first", when=1_700_000_000)
    (events / "meetup.yaml").write_text("title: A2\n")
    git(tmp_path, "commit", "-q", "-am", "edit", when=1_700_086_400)
    (events / "meetup.yaml").write_text("title: A3\n")
    git(tmp_path, "commit", "-q", "-am", "edit again", when=1_700_172_800)
    (events / "new.yaml").write_text("title: C\n")  # not committed
    os.utime(events / "new.yaml", (1_750_000_000, 1_750_000_000))
    return events


def test_sequence_grows_with_each_commit_of_the_file(repo: Path) -> None:
    revisions = file_revisions(repo)
    assert revisions["meetup.yaml"].sequence == 2
    assert revisions["meetup.yaml"].modified == datetime.fromtimestamp(1_700_172_800, UTC)
    assert revisions["meetup.yaml"].created == datetime.fromtimestamp(1_700_000_000, UTC)
    assert revisions["camp.yaml"].sequence == 0
    assert revisions["camp.yaml"].modified == datetime.fromtimestamp(1_700_000_000, UTC)


def test_files_git_does_not_know_fall_back_to_mtime(repo: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    revision = file_revisions(repo)["new.yaml"]
    assert revision.sequence == 0
    assert revision.modified == datetime.fromtimestamp(1_750_000_000, UTC)


def test_outside_git_everything_falls_back(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (tmp_path / "x.yaml").write_text("title: X\n")
    os.utime(tmp_path / "x.yaml", (1_600_000_000, 1_600_000_000))
    assert git_revisions(tmp_path) == {}
    assert file_revisions(tmp_path)["x.yaml"].modified == datetime.fromtimestamp(
        1_600_000_000, UTC)


def test_one_git_call_for_the_whole_folder(repo: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    calls = []
    real = subprocess.run

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "run", counting)
    file_revisions(repo)
    assert len(calls) == 1


def test_source_date_epoch_stands_in_for_files_git_does_not_know(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1760000000")
    revisions = file_revisions(repo)
    assert revisions["new.yaml"] == Revision(datetime.fromtimestamp(1_760_000_000, UTC),
                                             datetime.fromtimestamp(1_760_000_000, UTC), 0)
    # what Git knows still comes from Git
    assert revisions["meetup.yaml"].modified == datetime.fromtimestamp(1_700_172_800, UTC)
    assert revisions["meetup.yaml"].sequence == 2


def test_outside_git_source_date_epoch_beats_mtime(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("title: X\n")
    os.utime(tmp_path / "x.yaml", (1_600_000_000, 1_600_000_000))
    revision = file_revisions(tmp_path, {"SOURCE_DATE_EPOCH": "1700000000"})["x.yaml"]
    assert revision.modified == revision.created == datetime.fromtimestamp(1_700_000_000, UTC)
    assert file_revisions(tmp_path, {})["x.yaml"].modified == datetime.fromtimestamp(
        1_600_000_000, UTC)


@pytest.mark.parametrize("value", ["yesterday", "-5", "1.5"])
def test_malformed_source_date_epoch_stops_the_build(value: str) -> None:
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        source_date_epoch({"SOURCE_DATE_EPOCH": value})


def calendar_files(output: Path) -> dict[str, bytes]:
    return {str(path.relative_to(output)): path.read_bytes()
            for path in sorted(output.rglob("*.ics"))}


def build_with_mtime(root: Path, output: Path, mtime: int, env: dict[str, str]
                     ) -> dict[str, bytes]:
    for path in (root / "data" / "events").iterdir():
        os.utime(path, (mtime, mtime))
    result = build_site(root, output, env=env)
    assert result.returncode == 0, result.stderr
    return calendar_files(output)


def test_exported_tree_builds_the_same_calendars_twice_with_source_date_epoch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A tree without .git (as from ``git archive``): mtimes must not reach the bytes."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = fixture_root(tmp_path)
    assert git_revisions(root / "data" / "events") == {}  # really outside Git
    epoch = {"SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01 00:00 UTC
    first = build_with_mtime(root, tmp_path / "first", 1_700_000_000, epoch)
    second = build_with_mtime(root, tmp_path / "second", 1_750_000_000, epoch)
    assert len(first) > 10
    assert first == second
    assert b"LAST-MODIFIED:20260101T000000Z\r\n" in first["kalender/alle.ics"]
    # without SOURCE_DATE_EPOCH the modification time stands in, as before
    third = build_with_mtime(root, tmp_path / "third", 1_750_000_000, {})
    assert b"LAST-MODIFIED:20250615T150640Z\r\n" in third["kalender/alle.ics"]
    assert b"LAST-MODIFIED:20260101T000000Z" not in third["kalender/alle.ics"]
