"""``make check``: exact error lines for every invalid fixture, silence for valid ones."""

from __future__ import annotations

import os
import re
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from rebellab.kernel import yamlfile
from rebellab.kernel.problems import Problem
from rebellab.lab import load
from rebellab.lab.load import load_lab
from rebellab.sitebase import parallel
from scripts import check
from tests.content.cases import (
    INVALID,
    TODAY,
    VALID,
    install_invalid,
    install_valid,
    invalid_cases,
    read_expected,
    write_expected,
)
from tests.support.site import REPO, make_root

CASES = invalid_cases()


@pytest.fixture(autouse=True)
def site_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_TODAY", TODAY.isoformat())


def run_check(root: Path, capsys: pytest.CaptureFixture[str], *extra: str
              ) -> tuple[int, list[str]]:
    code = check.main(["--root", str(root), *extra])
    return code, capsys.readouterr().out.splitlines()


@pytest.fixture(scope="module")
def actual_lines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The problems of each invalid case, each loaded into its own lab root."""
    actual = {}
    for case in CASES:
        root = make_root(tmp_path_factory.mktemp(case.replace("/", "-")))
        install_invalid(case, root)
        actual[case] = [str(problem) for problem in load_lab(root, today=TODAY).problems]
    if os.environ.get("UPDATE_GOLDEN"):
        write_expected(actual)
    return actual


def test_repository_data_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = run_check(REPO, capsys)
    assert code == 0, "\n".join(lines)
    assert lines[-1].startswith("Alles in Ordnung:")


def test_valid_fixtures_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_root(tmp_path)
    install_valid(root)
    code, lines = run_check(root, capsys)
    assert code == 0, "\n".join(lines)
    lab = load_lab(root, today=TODAY)
    assert len(lab.events) == len(list((VALID / "events").glob("*.yaml")))
    assert len(lab.profiles) == len(list((VALID / "rebels").glob("*.yaml")))


@pytest.mark.parametrize("kind", ["formats", "topics", "partners"])
def test_valid_vocabulary_fixture_passes(kind: str, tmp_path: Path) -> None:
    root = make_root(tmp_path)
    shutil.copyfile(VALID / "vocabularies" / f"{kind}.yaml", root / "data" / f"{kind}.yaml")
    assert load_lab(root, today=TODAY).problems == ()


def test_every_invalid_case_has_expected_lines() -> None:
    assert sorted(read_expected()) == CASES


@pytest.mark.parametrize("case", CASES)
def test_invalid_case_reports_exact_lines(case: str, actual_lines: dict[str, list[str]]
                                          ) -> None:
    assert actual_lines[case] == read_expected()[case]


@pytest.mark.parametrize("case", ["events/end-before-start", "events/not-utf8",
                                  "rebels/bio-too-long", "formats/missing-required-entry",
                                  "trees/duplicate-uid"])
def test_make_check_fails_with_exact_lines(case: str, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    root = make_root(tmp_path)
    install_invalid(case, root)
    code, lines = run_check(root, capsys)
    assert code == 1
    assert lines == read_expected()[case]


def test_one_run_reports_every_problem_of_every_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_root(tmp_path)
    cases = [case for case in CASES if case.split("/")[0] in ("events", "rebels", "trees")]
    for case in cases:
        install_invalid(case, root)
    code, lines = run_check(root, capsys)
    expected = read_expected()
    assert code == 1
    assert lines == sorted((line for case in cases for line in expected[case]),
                           key=_sort_key)


def test_profiles_read_by_forked_processes_give_the_same_lab(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_root(tmp_path)
    install_valid(root)
    for case in CASES:
        if case.startswith("rebels/"):
            install_invalid(case, root)
    serial = load_lab(root, today=TODAY)
    forks = []
    fork = parallel._fork

    def counting(tasks: list, taken: object) -> tuple[int, int]:
        forks.append(len(tasks))
        return fork(tasks, taken)

    monkeypatch.setattr(parallel, "_fork", counting)
    monkeypatch.setattr(load, "MIN_FILES_PER_PROCESS", 1)
    monkeypatch.setattr(load, "worker_count", lambda settings: 2)
    forked = load_lab(root, today=TODAY)
    assert forks  # a second process read some of the profiles
    assert len(serial.profiles) > 1 and any(p.path.startswith("data/rebels/")
                                            for p in serial.problems)
    assert forked.profiles == serial.profiles
    assert forked.problems == serial.problems


@pytest.mark.parametrize("workers", [1, 2])
def test_data_files_unchanged_since_the_last_check_are_not_parsed_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    root = make_root(tmp_path)
    install_valid(root)
    for case in CASES:
        if case.startswith(("rebels/", "events/")):
            install_invalid(case, root)
    uncached = load_lab(root, today=TODAY)
    log = tmp_path / "parsed.txt"  # written by forked readers too
    real = yamlfile.load_yaml_file

    def counting(path: Path, rel: str) -> tuple[object, list[Problem]]:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{rel}\n")
        return real(path, rel)

    def parsed() -> list[str]:
        names = log.read_text(encoding="utf-8").split() if log.exists() else []
        log.unlink(missing_ok=True)
        return names

    monkeypatch.setattr(yamlfile, "load_yaml_file", counting)
    monkeypatch.setattr(load, "MIN_FILES_PER_PROCESS", 1)
    monkeypatch.setattr(load, "worker_count", lambda settings: workers)
    settings = {"CACHE_PATH": str(tmp_path / "cache")}
    parsed()
    labs = [load_lab(root, today=TODAY, settings=settings)]
    # Every event and profile file, in whichever process read it.
    assert {m.source for m in (*uncached.events, *uncached.profiles)} <= set(parsed())
    labs.append(load_lab(root, today=TODAY, settings=settings))
    assert parsed() == []  # the second check parsed nothing
    for lab in labs:  # from the cache: the same lab, the same problems
        assert (lab.events, lab.profiles, lab.problems) == (
            uncached.events, uncached.profiles, uncached.problems)
    assert any(p.path.startswith("data/rebels/") for p in uncached.problems)
    first = uncached.profiles[0]
    profile = root / first.source
    profile.write_text(re.sub(r"(?m)^name:.*$", "name: Neuer Name",
                              profile.read_text(encoding="utf-8")), encoding="utf-8")
    changed = load_lab(root, today=TODAY, settings=settings)
    assert parsed() == [first.source]
    assert changed.profiles[0].name == "Neuer Name" != first.name
    assert changed.problems == uncached.problems


def _sort_key(line: str) -> tuple[str, int, str]:
    path, number, message = line.split(":", 2)
    return path, int(number), message


def test_github_annotations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_root(tmp_path)
    install_invalid("events/end-before-start", root)
    code, lines = run_check(root, capsys, "--github")
    assert code == 1
    assert lines == [
        "data/events/end-before-start.yaml:5: 'end' (2021-03-04 16:00) liegt nicht nach "
        "'start' (2021-03-04 16:30).",
        "::error file=data/events/end-before-start.yaml,line=5::'end' (2021-03-04 16:00) "
        "liegt nicht nach 'start' (2021-03-04 16:30).",
    ]


def test_bom_and_crlf_read_like_plain_utf8(tmp_path: Path) -> None:
    raw = (VALID / "events" / "bom-crlf.yaml").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    root = make_root(tmp_path)
    (root / "data" / "events" / "plain.yaml").write_bytes(
        raw.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n"))
    shutil.copyfile(VALID / "events" / "bom-crlf.yaml", root / "data" / "events" / "bom.yaml")
    lab = load_lab(root, today=TODAY)
    assert lab.problems == ()
    bom, plain = lab.events
    assert (bom.title, bom.start, bom.end, bom.location, bom.description) == \
        (plain.title, plain.start, plain.end, plain.location, plain.description)
    assert not bom.description.endswith("\r")


def test_invalid_fixture_names_are_rule_names() -> None:
    for path in INVALID.glob("*/*.yaml"):
        assert path.stem == path.stem.lower() and " " not in path.stem


def test_timed_event_model(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    install_valid(root)
    events = {event.slug: event for event in load_lab(root, today=TODAY).events}
    event = events["timed"]
    assert event.start == datetime(2020, 9, 15, 16, 30)
    assert event.end == datetime(2020, 9, 15, 19, 0)
    assert event.timezone == "Europe/Berlin" and not event.all_day
    assert event.location is not None and event.location.name == "Impact Hub Ruhr"
    assert event.registration is not None and event.registration.capacity == 24
    assert event.registration.deadline == date(2020, 9, 14)
    assert event.registration.status == "waitlist"
    assert event.partners == ("essen", "impact-hub-ruhr")
    assert event.hosts == ("anna-muster",)
    assert event.uid == "2020-09-meetup-essen@verwaltungsrebellen-labor.de"
    assert events["all-day"].all_day and events["all-day"].end == date(2021, 2, 10)
    assert events["all-day"].uid == "all-day@verwaltungsrebellen-labor.de"
    assert events["online-without-link"].attendance == "online"
    assert events["hybrid"].attendance == "mixed"
    assert events["series-monthly-until"].online is not None
    assert events["cancelled"].status == "cancelled"
    assert events["other-timezone"].timezone == "Europe/London"


def test_series_days_follow_rfc_5545(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    install_valid(root)
    events = {event.slug: event for event in load_lab(root, today=TODAY).events}
    monthly = events["series-monthly-until"]
    assert monthly.repeat is not None
    assert list(monthly.repeat.days(monthly.start.date())) == [
        date(2021, 1, 31), date(2021, 3, 31), date(2021, 5, 31), date(2021, 7, 31),
        date(2021, 8, 31), date(2021, 10, 31), date(2021, 12, 31)]
    weekly = events["series-weekly-exclude"]
    assert weekly.repeat is not None
    assert weekly.repeat.exclude == (date(2021, 3, 18), date(2021, 4, 1))
    assert len(list(weekly.repeat.days(weekly.start.date()))) == 6


def test_profile_model(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    install_valid(root)
    profiles = {p.slug: p for p in load_lab(root, today=TODAY).profiles}
    anna = profiles["anna-muster"]
    assert anna.topics == ("digital-lotsen", "nutzerorientierte-digitalisierung")
    assert anna.contact.mastodon == "@anna@verwaltung.social"
    assert anna.image == "rebels/anna-muster.png" and anna.example is True
    assert anna.consent == date(2020, 9, 1)
    assert profiles["minimal"].consent == TODAY  # consent given today is fine


def test_github_annotation_escapes_properties_and_message() -> None:
    problem = Problem("data/events/a,b:c.yaml", 3, "50 % voll\nzweite Zeile")
    assert check.github_annotation(problem) == \
        "::error file=data/events/a%2Cb%3Ac.yaml,line=3::50 %25 voll%0Azweite Zeile"


def test_missing_vocabulary_file_is_reported(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    (root / "data" / "partners.yaml").unlink()
    assert [str(p) for p in load_lab(root, today=TODAY).problems] == [
        "data/partners.yaml:1: Die Datei fehlt."]


def test_markdown_checked_by_a_process_of_its_own_gives_the_same_lab(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_root(tmp_path)
    install_valid(root)
    blog = root / "content" / "blog"
    blog.mkdir(parents=True, exist_ok=True)
    (blog / "kaputt.md").write_bytes(b"Title: Kaputt\nDate: 2026-01-05\n\n\xff\xfe kein UTF-8\n")
    (blog / "heil.md").write_text("Title: Heil\nDate: 2026-01-06\n\nText.\n", encoding="utf-8")
    serial = load_lab(root, today=TODAY, settings={"WRITE_WORKERS": 1})
    started = []
    real = load.start_forked

    def counting(function: object, *args: object) -> object:
        started.append(function)
        return real(function, *args)

    monkeypatch.setattr(load, "start_forked", counting)
    forked = load_lab(root, today=TODAY, settings={"WRITE_WORKERS": 2})
    assert started == [load._pelican_files]
    assert any(p.path == "content/blog/kaputt.md" for p in serial.problems)
    assert forked.problems == serial.problems
    assert forked.posts == serial.posts and len(serial.posts) > 1
