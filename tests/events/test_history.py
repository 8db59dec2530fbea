"""LAST-MODIFIED and SEQUENCE from Git: one log for the folder, mtime outside Git."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rebellab.events.history import MARK, file_revisions, git_revisions, parse_log


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


def test_files_git_does_not_know_fall_back_to_mtime(repo: Path) -> None:
    revision = file_revisions(repo)["new.yaml"]
    assert revision.sequence == 0
    assert revision.modified == datetime.fromtimestamp(1_750_000_000, UTC)


def test_outside_git_everything_falls_back(tmp_path: Path) -> None:
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
