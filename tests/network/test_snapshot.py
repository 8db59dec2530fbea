"""Reading outside calendars: producer fixtures cross-checked with two independent parsers.

Each fixture in ``fixtures/producers/`` is written in the style of one producer (named by
its file). Our reader must give exactly the instants that Mozilla's ical.js (via node) and
recurring-ical-events (used directly on the raw file) compute, plus the status.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from rebellab.network.model import ExternalEvent, NetworkFeed
from rebellab.network.snapshot import (
    SnapshotError,
    feed_occurrences,
    normalised_snapshot,
    plain_text,
    read_snapshot,
    safe_url,
)
from tests.support.site import REPO

FIXTURES = Path(__file__).parent / "fixtures"
PRODUCERS = FIXTURES / "producers"
# One fixture per producer style (the issue asks for at least six different producers).
PRODUCER_FILES = {
    "google.ics": "Google Calendar (X-WR-TIMEZONE, UTC singles, TZID series, all-day)",
    "outlook-exchange.ics": "Outlook/Exchange (Windows zone name, 1601 VTIMEZONE, EXDATE, "
                            "UNTIL in UTC, VALARM, X-ALT-DESC)",
    "apple-icloud.ics": "Apple Calendar (X-APPLE-*, multi-day timed, RDATE without RRULE)",
    "thunderbird-moved-and-cancelled.ics": "Thunderbird (moved and cancelled occurrence, "
                                           "EXDATE in UTC, ALTREP data: URL)",
    "nextcloud.ics": "Nextcloud/SabreDAV (multi-day all-day, DURATION, VTODO)",
    "mobilizon.ics": "Mobilizon (UTC, ORGANIZER as a name, STATUS:CANCELLED)",
    "gancio.ics": "Gancio (UTC only, [instance] prefix, X-ALT-DESC with script)",
    "discourse.ics": "Discourse (no DTEND, relative URL, HTML entities)",
    "meetup.ics": "Meetup (TZURL zone, folded description, events across DST)",
    "wordpress-events-calendar.ics": "WordPress The Events Calendar (HTML description)",
    "floating-times.ics": "Meetable-style floating times (no zone: Europe/Berlin)",
}
TODAY = date(2026, 11, 24)
LAST = date(2027, 11, 24)
BERLIN = ZoneInfo("Europe/Berlin")
FEED = NetworkFeed("netzwerk", "Netzwerk-Quelle", "https://feeds.example/kalender.ics",
                   "https://feeds.example/termine/")
NODE_SCRIPT = Path(__file__).parent / "icaljs_expand.mjs"

Instant = tuple[str, str, str, bool]  # uid, start, end (UTC, or dates), cancelled


def utc(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def ours(path: Path) -> set[Instant]:
    return {(e.uid, utc(e.start), utc(e.end if not e.all_day else e.end + timedelta(days=1)),
             e.cancelled) for e in read_snapshot(path.read_bytes(), FEED, TODAY, LAST)}


def recurring_ical_events_instants(path: Path) -> set[Instant]:
    """recurring-ical-events on the raw file; floating times are Berlin's."""
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    start = datetime.combine(TODAY, datetime.min.time(), tzinfo=BERLIN)
    stop = datetime.combine(LAST + timedelta(days=1), datetime.min.time(), tzinfo=BERLIN)
    found = set()
    for event in recurring_ical_events.of(calendar).between(start, stop):
        begin, end = event["DTSTART"].dt, event["DTEND"].dt
        begin, end = (value.replace(tzinfo=BERLIN) if isinstance(value, datetime)
                      and value.tzinfo is None else value for value in (begin, end))
        found.add((str(event["UID"]), utc(begin), utc(end),
                   str(event.get("STATUS", "")) == "CANCELLED"))
    return found


@pytest.fixture(scope="module")
def icaljs() -> dict[str, set[Instant]]:
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules" / "ical.js").is_dir():
        pytest.fail("node und node_modules/ical.js werden für diesen Test gebraucht (make test)")
    files = [str(PRODUCERS / name) for name in PRODUCER_FILES]
    result = subprocess.run([node, str(NODE_SCRIPT), TODAY.isoformat(),
                             (LAST + timedelta(days=1)).isoformat(), *files],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return {Path(file).name: {(i["uid"], i["start"], i["end"], i["cancelled"]) for i in items}
            for file, items in json.loads(result.stdout).items()}


def test_fixture_folder_holds_exactly_the_listed_producers() -> None:
    assert sorted(p.name for p in PRODUCERS.glob("*.ics")) == sorted(PRODUCER_FILES)
    assert len(PRODUCER_FILES) >= 6


@pytest.mark.parametrize("name", sorted(PRODUCER_FILES))
def test_producer_expands_to_the_instants_of_icaljs(name: str,
                                                   icaljs: dict[str, set[Instant]]) -> None:
    found = ours(PRODUCERS / name)
    assert found, name
    assert found == icaljs[name]


@pytest.mark.parametrize("name", sorted(PRODUCER_FILES))
def test_producer_expands_to_the_instants_of_recurring_ical_events(name: str) -> None:
    assert ours(PRODUCERS / name) == recurring_ical_events_instants(PRODUCERS / name)


def read(name: str, feed: NetworkFeed = FEED) -> list[ExternalEvent]:
    return read_snapshot((PRODUCERS / name).read_bytes(), feed, TODAY, LAST)


def test_series_with_a_moved_and_a_cancelled_occurrence() -> None:
    events = read("thunderbird-moved-and-cancelled.ics")
    shown = [(e.start.isoformat(), e.title, e.cancelled) for e in events]
    assert shown == [
        ("2027-01-06T18:00:00+01:00", "Zirkel Öffentlicher Dienst", False),
        # moved from Wednesday 13 January 18:00 to Thursday 14 January 19:00
        ("2027-01-14T19:00:00+01:00", "Zirkel Öffentlicher Dienst (verlegt)", False),
        # cancelled: shown as cancelled, not dropped
        ("2027-01-20T18:00:00+01:00", "Zirkel Öffentlicher Dienst", True),
        # 27 January is excluded (EXDATE in UTC); the series has five dates in all
        ("2027-02-03T18:00:00+01:00", "Zirkel Öffentlicher Dienst", False),
    ]
    moved = events[1]
    assert moved.recurrence_id == datetime(2027, 1, 13, 18, tzinfo=BERLIN)
    assert moved.location == "Rathaus Lünen"


def test_windows_zone_name_is_berlin_across_daylight_saving() -> None:
    starts = [e.start for e in read("outlook-exchange.ics") if not e.all_day]
    assert [s.isoformat() for s in starts] == [
        "2027-01-14T09:00:00+01:00", "2027-03-11T09:00:00+01:00", "2027-04-08T09:00:00+02:00",
        "2027-05-13T09:00:00+02:00", "2027-06-10T09:00:00+02:00"]


def test_windows_zone_name_without_vtimezone_is_mapped_by_icalendar() -> None:
    data = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:Microsoft Exchange Server 2010\r\n"
            b"BEGIN:VEVENT\r\nUID:w\r\nDTSTAMP:20261124T000000Z\r\n"
            b"DTSTART;TZID=W. Europe Standard Time:20270701T090000\r\n"
            b"DTEND;TZID=W. Europe Standard Time:20270701T100000\r\nSUMMARY:S\r\n"
            b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    (event,) = read_snapshot(data, FEED, TODAY, LAST)
    assert event.start.isoformat() == "2027-07-01T09:00:00+02:00"


def test_all_day_multi_day_and_missing_end_follow_rfc_5545_defaults() -> None:
    nextcloud = {e.title: e for e in read("nextcloud.ics")}
    meeting = nextcloud["Jahrestagung Forum Agile Verwaltung"]
    assert (meeting.start, meeting.end) == (date(2027, 6, 14), date(2027, 6, 16))
    discourse = {e.title: e for e in read("discourse.ics")}
    timed = discourse["Online-Stammtisch im Forum"]
    assert timed.start == timed.end  # DATE-TIME without DTEND: ends when it starts
    day = discourse["Frühjahrsputz im Wiki (ganztägig)"]
    assert (day.start, day.end) == (date(2027, 4, 1), date(2027, 4, 1))  # one day


def test_floating_times_are_taken_as_berlin() -> None:
    (event,) = read("floating-times.ics")
    assert event.start == datetime(2027, 3, 30, 18, 30, tzinfo=BERLIN)


def test_html_is_reduced_to_plain_text_and_urls_are_absolute_https() -> None:
    wordpress = read("wordpress-events-calendar.ics")[0]
    assert wordpress.description == ("Wie Formulare verständlich werden.\n\n"
                                     "Beispiele aus Kommunen\nWerkzeuge")
    discourse = read("discourse.ics")[0]
    assert discourse.description == ('Wir treffen uns im Video-Raum & besprechen "Open Data" '
                                     "…")
    assert discourse.url == "https://feeds.example/t/online-stammtisch/1234"
    google = {e.title: e for e in read("google.ics")}
    assert google["Neujahrsempfang der Community"].url == FEED.link  # no URL: the feed's link


def test_hostile_feed_leaves_nothing_executable() -> None:
    events = read_snapshot((FIXTURES / "hostile" / "hostile.ics").read_bytes(), FEED, TODAY,
                           LAST)
    first, second, third = events
    assert first.title == "Treffen"
    assert first.description == "Hallo\nklick"
    assert first.location == "Ort"
    assert first.url == FEED.link  # javascript: refused
    assert "<" not in first.uid and "script" not in first.uid
    # an entity-encoded tag becomes text, which every template escapes
    assert second.title == "<script>alert(5)</script> als Entität"
    assert second.url == FEED.link  # data: refused
    assert third.url == "https://tracker.example/pfad"  # a link out, never loaded
    for event in events:
        assert event.url.startswith("https://")


@pytest.mark.parametrize(("value", "expected"), [
    ("https://a.example/x", "https://a.example/x"), ("/t/1", "https://feeds.example/t/1"),
    ("javascript:alert(1)", None), ("JaVaScRiPt:alert(1)", None), ("data:text/html,x", None),
    ("ftp://a.example/", None), ("https://user@a.example/", None), ("", None),
    ("https://a.example/\nx", None), ("mailto:a@b.example", None)])
def test_safe_url(value: str, expected: str | None) -> None:
    assert safe_url(value, FEED.url) == expected


def test_plain_text_drops_script_and_style_with_their_content() -> None:
    assert plain_text("<script>alert(1)</script><style>p{}</style><p>Text</p>") == "Text"
    assert plain_text("eins zwei drei vier", limit=9) == "eins …"


def test_a_series_without_end_expands_only_within_the_window() -> None:
    data = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:daily\r\n"
            b"DTSTAMP:20200101T000000Z\r\nDTSTART;TZID=Europe/Berlin:20200101T090000\r\n"
            b"DTEND;TZID=Europe/Berlin:20200101T100000\r\nRRULE:FREQ=DAILY\r\n"
            b"SUMMARY:Jeden Tag\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    events = read_snapshot(data, FEED, TODAY, LAST)
    assert len(events) == (LAST - TODAY).days + 1
    assert events[0].start.date() == TODAY and events[-1].start.date() == LAST


def test_an_event_in_two_feeds_appears_once_from_the_first() -> None:
    other = NetworkFeed("zweite", "Zweite Quelle", FEED.url, "https://zwei.example/")
    first = read("mobilizon.ics")
    second = read("mobilizon.ics", other) + read("gancio.ics", other)
    merged = list(feed_occurrences([(FEED, first), (other, second)]))
    assert [(e.uid, e.feed.key) for e in merged] == [
        *((e.uid, "netzwerk") for e in first), ("42@gancio.example", "zweite")]


def test_include_words_keep_only_matching_events() -> None:
    feed = NetworkFeed("g", "G", FEED.url, FEED.link, include=("BARCAMP", "neujahr"))
    assert sorted(e.title for e in read("google.ics", feed)) == [
        "Barcamp Agile Verwaltung (zwei Tage)", "Neujahrsempfang der Community"]


def test_windows_x_wr_timezone_is_mapped_and_an_unknown_one_ignored() -> None:
    template = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nX-WR-TIMEZONE:{zone}\r\n"
                "BEGIN:VEVENT\r\nUID:u\r\nDTSTAMP:20200101T000000Z\r\n"
                "DTSTART:20270601T100000\r\nDTEND:20270601T110000\r\nSUMMARY:S\r\n"
                "END:VEVENT\r\nEND:VCALENDAR\r\n")
    windows = read_snapshot(template.format(zone="Eastern Standard Time").encode(), FEED,
                            TODAY, LAST)
    assert windows[0].start == datetime(2027, 6, 1, 16, tzinfo=BERLIN)  # 10:00 in New York
    unknown = read_snapshot(template.format(zone="Mars/Olympus").encode(), FEED, TODAY, LAST)
    assert unknown[0].start == datetime(2027, 6, 1, 10, tzinfo=BERLIN)  # floating: Berlin


@pytest.mark.parametrize(("data", "message"), [
    (b"<!DOCTYPE html><html><body>Anmelden</body></html>",
     "Die Datei ist kein Kalender: sie beginnt nicht mit BEGIN:VCALENDAR."),
    (b"", "Die Datei ist kein Kalender: sie beginnt nicht mit BEGIN:VCALENDAR."),
])
def test_what_is_not_a_calendar_is_refused_in_german(data: bytes, message: str) -> None:
    with pytest.raises(SnapshotError) as error:
        read_snapshot(data, FEED, TODAY, LAST)
    assert str(error.value) == message


def test_normalised_snapshot_is_deterministic_and_without_export_noise() -> None:
    raw = (PRODUCERS / "outlook-exchange.ics").read_bytes()
    data = normalised_snapshot(raw)
    assert data == normalised_snapshot(raw) == normalised_snapshot(data)
    text = data.decode()
    assert "DTSTAMP" not in text and "VALARM" not in text
    # the normalised file means the same as the original
    assert read_snapshot(data, FEED, TODAY, LAST) == read_snapshot(raw, FEED, TODAY, LAST)
    # events sorted by UID, independent of the order the exporter used
    nextcloud = normalised_snapshot((PRODUCERS / "nextcloud.ics").read_bytes()).decode()
    assert "VTODO" not in nextcloud
    assert nextcloud.index("c1f0e2a3") < nextcloud.index("d2e3f4a5")
