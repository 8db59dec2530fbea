"""Pure model -> iCalendar functions: escaping, folding, VTIMEZONE, events, golden files.

icalendar escapes, folds and writes; these tests check its output as our feeds use it.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from rebellab.events.ical import CalendarContext, Revision, calendar_bytes, event_bytes, vevent
from rebellab.events.model import Event, Location, Online, Repeat
from rebellab.events.vtimezone import transitions, vtimezone
from tests.support.settings import SETTINGS

GOLDEN = Path(__file__).parent / "golden"
SITE = "https://verwaltungsrebellen-labor.example"
REVISION = Revision(datetime(2026, 10, 1, 8, 0, tzinfo=UTC),
                    datetime(2026, 11, 2, 9, 30, tzinfo=UTC), 3)


def make_event(**changes: object) -> Event:
    values: dict[str, object] = dict(
        slug="meetup", source="data/events/meetup.yaml", title="Offenes Meetup",
        format="meetup", start=datetime(2020, 9, 15, 16, 30), end=datetime(2020, 9, 15, 19),
        description="Austausch.", location=Location("Impact Hub Ruhr",
                                                   "Heinrich-Reisner-Platz 1, 45127 Essen"),
        uid="meetup@verwaltungsrebellen-labor.de")
    values.update(changes)
    return Event(**values)  # type: ignore[arg-type]


def context(**revisions: Revision) -> CalendarContext:
    return CalendarContext(SITE, {"meetup": "Meetup", "zirkel": "Zirkel"},
                           {"neue-arbeit": "Neue Räume, Neue Arbeit"}, revisions, SETTINGS)


def unfolded_lines(data: bytes) -> list[str]:
    """The content lines of serialised iCalendar bytes, unfolded (RFC 5545 §3.1)."""
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]


def vevent_lines(event: Event, ctx: CalendarContext) -> list[str]:
    return unfolded_lines(vevent(event, ctx).to_ical(sorted=False))


def vtimezone_lines(zone: str, years: list[int]) -> list[str]:
    return unfolded_lines(vtimezone(zone, years).to_ical(sorted=False))


def props(event: Event, ctx: CalendarContext | None = None) -> dict[str, str]:
    lines = vevent_lines(event, ctx or context())
    return {line.split(":", 1)[0]: line.split(":", 1)[1] for line in lines}


# -- escaping and folding ---------------------------------------------------------------
def test_text_escaping_of_backslash_semicolon_comma_newline_but_not_colon() -> None:
    assert props(make_event(title="a\\b;c,d\ne:f"))["SUMMARY"] == "a\\\\b\\;c\\,d\\ne:f"
    assert props(make_event(title="x\r\ny"))["SUMMARY"] == "x\\ny"


def test_a_literal_backslash_n_stays_text_not_a_line_break() -> None:
    """icalendar's escaping alone would make "C:\\Neu" a line break ("C:" / "eu")."""
    title = "Laufwerk C:\\Neu und \\\\Nas\\N"
    data = event_bytes(make_event(title=title), context())
    assert props(make_event(title=title))["SUMMARY"] == "Laufwerk C:\\\\Neu und \\\\\\\\Nas\\\\N"
    parsed = icalendar.Calendar.from_ical(data)
    assert str(next(iter(parsed.walk("VEVENT")))["SUMMARY"]) == title


@pytest.mark.parametrize("text", ["ä" * 100, "🎉" * 60, "a" + "€" * 80, "x" * 200,
                                  "Größenwahn 🎉 " * 20])
def test_folding_keeps_lines_within_75_octets_and_utf8_intact(text: str) -> None:
    raw = event_bytes(make_event(title=text), context())
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # raises if a sequence was split
    assert "SUMMARY:" + text in unfolded_lines(raw)


def test_short_lines_are_not_folded_and_every_line_ends_with_crlf() -> None:
    data = event_bytes(make_event(), context())
    assert data.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert data.endswith(b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")
    assert b"\r\nUID:meetup@verwaltungsrebellen-labor.de\r\n" in data


# -- VTIMEZONE --------------------------------------------------------------------------
def test_berlin_vtimezone_is_the_yearly_rrule_form() -> None:
    lines = vtimezone_lines("Europe/Berlin", [2020, 2027])
    # Rule parts in icalendar's order; any order is valid (RFC 5545 §3.3.10), and this
    # BYDAY-first form is the one reported to work in Outlook (iCalcreator#86).
    assert lines == [
        "BEGIN:VTIMEZONE", "TZID:Europe/Berlin",
        "BEGIN:DAYLIGHT", "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
        "TZNAME:CEST", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "END:DAYLIGHT",
        "BEGIN:STANDARD", "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "TZNAME:CET", "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100", "END:STANDARD", "END:VTIMEZONE"]
    assert not any(line.startswith("RDATE") for line in lines)


@pytest.mark.parametrize("zone", ["Europe/Berlin", "Europe/London", "America/New_York",
                                  "Australia/Sydney", "Asia/Tokyo", "America/Sao_Paulo"])
def test_vtimezone_reproduces_zoneinfo_for_every_hour_of_the_years(zone: str) -> None:
    """Parse our VTIMEZONE with icalendar and compare offsets with zoneinfo, hour by hour."""
    text = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:test",
                        *vtimezone_lines(zone, [2025, 2027]), "END:VCALENDAR"]) + "\r\n"
    parsed = icalendar.Calendar.from_ical(text)
    ours = next(iter(parsed.walk("VTIMEZONE"))).to_tz()
    truth = ZoneInfo(zone)
    moment = datetime(2025, 1, 1, tzinfo=UTC)
    while moment < datetime(2028, 1, 1, tzinfo=UTC):
        assert moment.astimezone(ours).utcoffset() == moment.astimezone(truth).utcoffset(), \
            (zone, moment)
        moment += timedelta(hours=1)


def test_transitions_of_berlin_2027() -> None:
    found = transitions("Europe/Berlin", 2027)
    assert [(t.local, t.name) for t in found] == [
        (datetime(2027, 3, 28, 2, 0), "CEST"), (datetime(2027, 10, 31, 3, 0), "CET")]


# -- events -----------------------------------------------------------------------------
def test_timed_event_has_tzid_times_and_utc_stamps_from_the_revision() -> None:
    got = props(make_event(), context(meetup=REVISION))
    assert got["DTSTART;TZID=Europe/Berlin"] == "20200915T163000"
    assert got["DTEND;TZID=Europe/Berlin"] == "20200915T190000"
    assert got["DTSTAMP"] == got["LAST-MODIFIED"] == "20261102T093000Z"
    assert got["CREATED"] == "20261001T080000Z"
    assert got["SEQUENCE"] == "3"
    assert got["UID"] == "meetup@verwaltungsrebellen-labor.de"
    assert got["URL;VALUE=URI"] == f"{SITE}/veranstaltungen/meetup/"
    assert got["LOCATION"] == "Impact Hub Ruhr\\, Heinrich-Reisner-Platz 1\\, 45127 Essen"
    assert got["STATUS"] == "CONFIRMED"


def test_all_day_event_ends_the_day_after_the_last_day() -> None:
    got = props(make_event(start=date(2027, 5, 7), end=date(2027, 5, 8)))
    assert got["DTSTART;VALUE=DATE"] == "20270507"
    assert got["DTEND;VALUE=DATE"] == "20270509"


def test_series_is_one_vevent_with_rrule_utc_until_and_exdate() -> None:
    event = make_event(start=datetime(2027, 3, 9, 18), end=datetime(2027, 3, 9, 19, 30),
                       repeat=Repeat("weekly", until=date(2027, 4, 13),
                                     exclude=(date(2027, 3, 23), date(2027, 3, 24))))
    lines = vevent_lines(event, context())
    assert lines.count("BEGIN:VEVENT") == 1
    # UNTIL in UTC (start has a TZID): 13 April 2027, 18:00 CEST = 16:00 UTC
    assert "RRULE:FREQ=WEEKLY;UNTIL=20270413T160000Z" in lines
    # only real occurrence dates are excluded (24 March is not one)
    assert "EXDATE;TZID=Europe/Berlin:20270323T180000" in lines


def test_count_interval_and_all_day_series() -> None:
    event = make_event(start=date(2027, 1, 4), end=date(2027, 1, 4),
                       repeat=Repeat("monthly", interval=2, count=3,
                                     exclude=(date(2027, 3, 4),)))
    lines = vevent_lines(event, context())
    assert "RRULE:FREQ=MONTHLY;COUNT=3;INTERVAL=2" in lines
    assert "EXDATE;VALUE=DATE:20270304" in lines


@pytest.mark.parametrize(("status", "ical_status", "prefix"), [
    ("cancelled", "CANCELLED", "ABGESAGT: "), ("postponed", "TENTATIVE", "VERSCHOBEN: ")])
def test_cancelled_and_postponed(status: str, ical_status: str, prefix: str) -> None:
    got = props(make_event(status=status))
    assert got["STATUS"] == ical_status
    assert got["SUMMARY"] == prefix + "Offenes Meetup"


def test_online_only_location_is_the_link_and_description_carries_it() -> None:
    event = make_event(location=None, online=Online("https://meet.example.org/r", "BBB"))
    got = props(event)
    assert got["LOCATION"] == "https://meet.example.org/r"
    assert "Online (BBB): https://meet.example.org/r" in got["DESCRIPTION"]


def test_categories_carry_format_and_topics_escaped() -> None:
    got = props(make_event(topics=("neue-arbeit",)))
    assert got["CATEGORIES"] == "Meetup,Neue Räume\\, Neue Arbeit"


def test_calendar_header_and_one_vtimezone_per_tzid() -> None:
    events = [make_event(), make_event(slug="ny", uid="ny@x", timezone="America/New_York")]
    text = calendar_bytes(events, context(), name="Alle", description="Alle Termine",
                          feed_url=f"{SITE}/kalender/alle.ics").decode()
    for line in ("VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "NAME:Alle",
                 "X-WR-CALNAME:Alle", "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
                 "X-PUBLISHED-TTL:PT12H", "TZID:Europe/Berlin", "TZID:America/New_York"):
        assert f"\r\n{line}\r\n" in text
    assert text.count("BEGIN:VTIMEZONE") == 2
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")


def test_missing_revision_gives_a_fixed_stand_in_not_the_build_time() -> None:
    first = event_bytes(make_event(), context())
    assert first == event_bytes(make_event(), context())
    assert b"SEQUENCE:0\r\n" in first


# -- golden files -----------------------------------------------------------------------
def golden_cases(lab: object) -> dict[str, bytes]:
    ctx = CalendarContext(
        SITE, {key: f.title for key, f in lab.formats.items()},  # type: ignore[attr-defined]
        {key: t.title for key, t in lab.topics.items()},  # type: ignore[attr-defined]
        {event.slug: REVISION for event in lab.events},  # type: ignore[attr-defined]
        SETTINGS)
    return {event.slug: event_bytes(event, ctx) for event in lab.events  # type: ignore[attr-defined]
            if not event.slug.startswith("archiv-")}


def test_golden_ics_files(fixture_lab: object) -> None:
    cases = golden_cases(fixture_lab)
    update = os.environ.get("UPDATE_GOLDEN") == "1"
    for slug, data in sorted(cases.items()):
        path = GOLDEN / f"{slug}.ics"
        if update:
            path.write_bytes(data)
        assert path.is_file(), f"{path} fehlt: UPDATE_GOLDEN=1 setzen"
        assert data == path.read_bytes(), f"{slug}: weicht von {path.name} ab"
    if update:
        stale = {p.stem for p in GOLDEN.glob("*.ics")} - set(cases)
        for name in stale:
            (GOLDEN / f"{name}.ics").unlink()
