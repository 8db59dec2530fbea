"""Every calendar feed of the built fixture site, read by two independent parsers.

icalendar + recurring-ical-events (Python) and Mozilla ical.js (Thunderbird's parser, via
node) must both expand the feeds to exactly the UTC instants the event files describe.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events

from rebellab.events.series import occurrences
from tests.support.site import REPO

NODE_SCRIPT = Path(__file__).parent / "icaljs_occurrences.mjs"
WINDOW = (datetime(2020, 1, 1, tzinfo=UTC), datetime(2030, 1, 1, tzinfo=UTC))
FEEDS = ["alle.ics", "format/zirkel.ics", "format/camp.ics", "format/meetup.ics",
         "format/werkstatt.ics", "format/vernetzungstreffen.ics", "partner/essen.ics",
         "partner/kreis-wesel.ics", "partner/luenen.ics", "partner/impact-hub-ruhr.ics",
         "thema/neue-arbeit.ics", "thema/arbeitskultur.ics", "thema/vernetzung.ics",
         "thema/digital-lotsen.ics", "thema/nutzerorientierte-digitalisierung.ics"]

Instant = tuple[str, str, str]  # uid, start, end (UTC ISO, or dates for all-day)


def as_utc(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def truth(lab: object, uids: set[str]) -> set[Instant]:
    """What the event files say, computed with zoneinfo (not with our iCal code)."""
    found = set()
    for event in lab.events:  # type: ignore[attr-defined]
        if event.uid not in uids:
            continue
        for o in occurrences(event):
            end = o.end if isinstance(o.end, datetime) else o.end + timedelta(days=1)
            found.add((event.uid, as_utc(o.start), as_utc(end)))
    return found


def all_feed_files(site: Path) -> list[Path]:
    return sorted((site / "kalender").rglob("*.ics")) + sorted(
        (site / "veranstaltungen").glob("*/termin.ics"))


def python_instants(path: Path) -> tuple[set[str], set[Instant]]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
    found = set()
    for event in recurring_ical_events.of(calendar).between(*WINDOW):
        found.add((str(event["UID"]), as_utc(event["DTSTART"].dt), as_utc(event["DTEND"].dt)))
    return uids, found


@pytest.fixture(scope="module")
def icaljs(built_site: Path) -> dict[str, list[dict[str, object]]]:
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules" / "ical.js").is_dir():
        pytest.fail("node und node_modules/ical.js werden für diesen Test gebraucht (make test)")
    files = [str(p) for p in all_feed_files(built_site)]
    result = subprocess.run([node, str(NODE_SCRIPT), "2030", *files], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_expected_feeds_exist(built_site: Path) -> None:
    for name in FEEDS:
        assert (built_site / "kalender" / name).is_file(), name
    # a vocabulary entry without events gets no feed
    assert not (built_site / "kalender" / "format" / "unbekannt.ics").exists()


def test_every_feed_expands_to_the_true_utc_instants_in_python(built_site: Path,
                                                               fixture_lab: object) -> None:
    for path in all_feed_files(built_site):
        uids, found = python_instants(path)
        assert uids, path
        assert found == truth(fixture_lab, uids), path


def test_every_feed_expands_to_the_true_utc_instants_in_icaljs(
        built_site: Path, fixture_lab: object, icaljs: dict[str, list[dict[str, object]]]
) -> None:
    assert len(icaljs) == len(all_feed_files(built_site))
    for file, items in icaljs.items():
        found = {(str(i["uid"]), str(i["start"]), str(i["end"])) for i in items}
        uids = {uid for uid, _, _ in found}
        assert found == truth(fixture_lab, uids), file
        # ical.js must see the same events as icalendar (none dropped as invalid)
        assert uids == python_instants(Path(file))[0], file


def test_dst_series_keeps_local_time_across_the_change(
        icaljs: dict[str, list[dict[str, object]]], built_site: Path) -> None:
    items = icaljs[str(built_site / "veranstaltungen" / "dst-series" / "termin.ics")]
    starts = [i["start"] for i in items]
    # 18:00 in Berlin: CET (UTC+1) before 28 March 2027, CEST (UTC+2) after; 23 March left out
    assert starts == ["2027-03-09T17:00:00Z", "2027-03-16T17:00:00Z", "2027-03-30T16:00:00Z",
                      "2027-04-06T16:00:00Z", "2027-04-13T16:00:00Z"]


def test_other_timezone_follows_its_own_dst(icaljs: dict[str, list[dict[str, object]]],
                                            built_site: Path) -> None:
    items = icaljs[str(built_site / "veranstaltungen" / "other-timezone" / "termin.ics")]
    # 11:00 in New York: EST (UTC-5) until 14 March 2027, then EDT (UTC-4)
    assert [i["start"] for i in items] == ["2027-02-10T16:00:00Z", "2027-03-10T16:00:00Z",
                                           "2027-04-10T15:00:00Z"]


def test_all_day_and_multi_day(icaljs: dict[str, list[dict[str, object]]],
                               built_site: Path) -> None:
    multi = icaljs[str(built_site / "veranstaltungen" / "allday-multiday" / "termin.ics")]
    assert [(i["start"], i["end"], i["allDay"]) for i in multi] == [
        ("2027-05-07", "2027-05-09", True)]
    single = icaljs[str(built_site / "veranstaltungen" / "allday-single" / "termin.ics")]
    assert [(i["start"], i["end"]) for i in single] == [("2027-06-01", "2027-06-02")]


def test_cancelled_and_postponed_reach_the_parsers(
        icaljs: dict[str, list[dict[str, object]]], built_site: Path) -> None:
    alle = icaljs[str(built_site / "kalender" / "alle.ics")]
    by_uid = {i["uid"]: i for i in alle}
    cancelled = by_uid["cancelled@verwaltungsrebellen-labor.de"]
    assert (cancelled["status"], cancelled["summary"]) == ("CANCELLED",
                                                           "ABGESAGT: Abgesagtes Meetup")
    postponed = by_uid["postponed@verwaltungsrebellen-labor.de"]
    assert (postponed["status"], postponed["summary"]) == ("TENTATIVE",
                                                           "VERSCHOBEN: Verschobenes Camp")


def test_text_survives_folding_and_escaping(built_site: Path) -> None:
    path = built_site / "veranstaltungen" / "long-umlauts-emoji" / "termin.ics"
    raw = path.read_bytes()
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    event = next(iter(icalendar.Calendar.from_ical(raw).walk("VEVENT")))
    assert str(event["SUMMARY"]) == "Größenwahn 🎉 Übermütige Ideen für Ämter – Äpfel & Öfen"
    description = str(event["DESCRIPTION"])
    assert "🎉🚀👩🏽‍💻" in description
    assert "Backslash \\ und Semikolon; Komma, Doppelpunkt:" in description
    assert "https://example.org/pfad?a=1&b=2" in description or "Link" in description
    commas = next(iter(icalendar.Calendar.from_ical(
        (built_site / "veranstaltungen" / "commas-semicolons" / "termin.ics").read_bytes()
    ).walk("VEVENT")))
    assert str(commas["LOCATION"]) == ("Kreishaus, Saal 1; Eingang B, Reeser Landstraße 31, "
                                       "46483 Wesel")


def test_feed_window_future_and_last_six_months(built_site: Path) -> None:
    uids, _ = python_instants(built_site / "kalender" / "alle.ics")
    assert "past-in-window@verwaltungsrebellen-labor.de" in uids
    assert "past-old@verwaltungsrebellen-labor.de" not in uids
    assert not any(uid.startswith("archiv-") for uid in uids)
    # the per-event file always exists
    assert (built_site / "veranstaltungen" / "past-old" / "termin.ics").is_file()


def test_online_and_hybrid_locations(built_site: Path) -> None:
    calendar = icalendar.Calendar.from_ical(
        (built_site / "kalender" / "alle.ics").read_bytes())
    events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    assert str(events["online-only"]["LOCATION"]) == "https://meet.example.org/b/sprechstunde"
    assert "Online (BigBlueButton): https://meet.example.org/b/sprechstunde" in str(
        events["online-only"]["DESCRIPTION"])
    assert str(events["hybrid"]["LOCATION"]) == "Rathaus Essen, Porscheplatz 1, 45127 Essen"
    assert "Online (Videokonferenz)" in str(events["hybrid"]["DESCRIPTION"])


def test_every_tzid_has_a_vtimezone_in_rrule_form(built_site: Path) -> None:
    for path in all_feed_files(built_site):
        text = path.read_bytes().decode().replace("\r\n ", "")
        used = {part.split("TZID=")[1].split(":")[0].split(";")[0]
                for part in text.split("\r\n") if "TZID=" in part}
        declared = {line[5:] for line in text.split("\r\n") if line.startswith("TZID:")}
        assert used == declared, path
        assert "RDATE" not in text
        for header in ("VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                       "X-PUBLISHED-TTL:PT12H", "REFRESH-INTERVAL;VALUE=DURATION:PT12H"):
            assert f"\r\n{header}\r\n" in text, (path, header)


def test_builds_of_the_same_files_are_byte_identical(built_site: Path,
                                                     rebuilt_site: Path) -> None:
    for path in all_feed_files(built_site):
        twin = rebuilt_site / path.relative_to(built_site)
        assert path.read_bytes() == twin.read_bytes(), path
    for name in ("feeds/veranstaltungen.atom.xml", "daten/veranstaltungen.json"):
        assert (built_site / name).read_bytes() == (rebuilt_site / name).read_bytes(), name
