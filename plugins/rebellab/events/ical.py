"""Events to iCalendar bytes (RFC 5545), written by hand for exact control of the output.

Pure: everything that varies (site URL, revisions from Git, vocabulary titles) comes in as
arguments, so the same commit always gives the same bytes. Client quirks behind the
choices are collected in ../shared/reference/events-ical.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from rebellab.events.model import Event
from rebellab.events.series import excluded_starts, occurrences
from rebellab.events.vtimezone import vtimezone_lines
from rebellab.sitebase.dates import de_date
from rebellab.sitebase.markup import plain_text
from rebellab.sitebase.urls import setting_url

PRODID = "-//Verwaltungsrebellen-Labor//Veranstaltungskalender 1.0//DE"
# Polling hints (RFC 7986 and Microsoft's X-PUBLISHED-TTL); Google ignores both.
REFRESH = "PT12H"
LINE_OCTETS = 75
EPOCH = datetime(2020, 1, 1, tzinfo=UTC)  # stand-in time when nothing better is known
STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}
# Outlook ignores STATUS in subscribed calendars, so the summary says it too.
PREFIX = {"cancelled": "ABGESAGT: ", "postponed": "VERSCHOBEN: "}
_SOFT_BREAK = re.compile(r"(?<!\n)\n(?!\n|• )")
REGISTRATION_NOTE = {"waitlist": "nur noch Warteliste", "full": "ausgebucht",
                     "closed": "geschlossen"}


@dataclass(frozen=True)
class Revision:
    """What the history says about an event file: first and last change, and how often."""

    created: datetime
    modified: datetime
    sequence: int = 0


@dataclass(frozen=True)
class CalendarContext:
    """Everything besides the events that goes into the calendar text."""

    site_url: str  # absolute, without trailing slash
    formats: Mapping[str, str] = field(default_factory=dict)  # key -> title
    topics: Mapping[str, str] = field(default_factory=dict)  # key -> title
    revisions: Mapping[str, Revision] = field(default_factory=dict)  # event slug -> revision
    urls: Mapping[str, Any] = field(default_factory=dict)  # the settings' URL patterns

    def event_url(self, event: Event) -> str:
        """Absolute URL of the event page (``EVENT_URL``)."""
        return f"{self.site_url}/{event.url(self.urls)}"

    def site_page(self, name: str, **fields: object) -> str:
        """Absolute URL of a page type, e.g. ``CALENDAR`` or ``EVENT_ICS`` (``<name>_URL``)."""
        return f"{self.site_url}/{setting_url(self.urls, name, **fields)}"

    def revision(self, event: Event) -> Revision:
        """Return the event's revision, or a fixed stand-in when the history knows nothing."""
        return self.revisions.get(event.slug, Revision(EPOCH, EPOCH, 0))


# -- content lines ---------------------------------------------------------------------
def escape_text(value: str) -> str:
    """TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, newline."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def fold(line: str) -> str:
    """Fold a content line at 75 octets (§3.1), never inside a UTF-8 sequence."""
    parts: list[str] = []
    current, size = [], 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = LINE_OCTETS if not parts else LINE_OCTETS - 1  # continuation starts with " "
        if size + width > limit:
            parts.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def serialize(lines: Iterable[str]) -> bytes:
    """Fold every line and join with CRLF, including after the last line."""
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")


def utc_stamp(moment: datetime) -> str:
    """``20200915T143000Z``."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%S")


def _date_value(value: date) -> str:
    return value.strftime("%Y%m%d")


# -- events ----------------------------------------------------------------------------
def summary(event: Event) -> str:
    """Return the title, prefixed when cancelled or postponed."""
    return PREFIX.get(event.status, "") + event.title


def location_text(event: Event) -> str | None:
    """Venue name and address; for online-only events the link (or the platform)."""
    if event.location:
        return f"{event.location.name}, {event.location.address}"
    if event.online:
        return event.online.url or (f"Online ({event.online.platform})"
                                    if event.online.platform else "Online")
    return None


def description_text(event: Event, page_url: str) -> str:
    """Plain text for DESCRIPTION: the Markdown as text, then registration and online link.

    Clients do not show CONFERENCE (nextcloud/calendar#5381), so the link goes here.
    """
    # Single line breaks are soft breaks of the Markdown source, not of the text.
    parts = [_SOFT_BREAK.sub(" ", plain_text(event.description))]
    if event.status == "cancelled":
        parts.insert(0, "Diese Veranstaltung ist abgesagt.")
    elif event.status == "postponed":
        parts.insert(0, "Diese Veranstaltung wird verschoben; der neue Termin folgt.")
    if event.online:
        platform = f" ({event.online.platform})" if event.online.platform else ""
        link = event.online.url or "Der Link wird vor dem Termin verschickt."
        parts.append(f"Online{platform}: {link}")
    if event.registration:
        parts.append(_registration_text(event))
    if event.location and event.location.accessibility:
        parts.append(f"Barrierefreiheit: {event.location.accessibility}")
    parts.append(f"Kosten: {event.cost}")
    parts.append(f"Alle Informationen: {page_url}")
    return "\n\n".join(part for part in parts if part)


def _registration_text(event: Event) -> str:
    registration = event.registration
    assert registration is not None
    text = f"Anmeldung: {registration.url}"
    details = []
    if registration.status in REGISTRATION_NOTE:
        details.append(REGISTRATION_NOTE[registration.status])
    if registration.deadline:
        details.append(f"bis {de_date(registration.deadline)}")
    if registration.capacity:
        details.append(f"max. {registration.capacity} Plätze")
    return f"{text} ({', '.join(details)})" if details else text


def categories(event: Event, context: CalendarContext) -> list[str]:
    """Format title first, then topic titles."""
    found = [context.formats.get(event.format, event.format)]
    found += [context.topics.get(topic, topic) for topic in event.topics]
    return found


def _times(event: Event) -> list[str]:
    if event.all_day:
        # All-day DTEND is exclusive: the day after the last day (RFC 5545 §3.6.1).
        return [f"DTSTART;VALUE=DATE:{_date_value(event.start)}",
                f"DTEND;VALUE=DATE:{_date_value(event.end + timedelta(days=1))}"]
    zone = event.timezone
    return [f"DTSTART;TZID={zone}:{_local(event.start)}",
            f"DTEND;TZID={zone}:{_local(event.end)}"]


def _recurrence(event: Event) -> list[str]:
    repeat = event.repeat
    if repeat is None:
        return []
    rule = f"FREQ={repeat.frequency.upper()}"
    if repeat.interval != 1:
        rule += f";INTERVAL={repeat.interval}"
    if repeat.count is not None:
        rule += f";COUNT={repeat.count}"
    elif repeat.until is not None:
        rule += f";UNTIL={_until(event, repeat.until)}"
    lines = [f"RRULE:{rule}"]
    excluded = excluded_starts(event)
    if excluded:
        if event.all_day:
            values = ",".join(_date_value(day) for day in excluded)
            lines.append(f"EXDATE;VALUE=DATE:{values}")
        else:
            values = ",".join(_local(start) for start in excluded)
            lines.append(f"EXDATE;TZID={event.timezone}:{values}")
    return lines


def _until(event: Event, until: date) -> str:
    if event.all_day:
        return _date_value(until)
    # With a TZID start, UNTIL must be UTC (RFC 5545 §3.3.10): the last allowed start.
    last = datetime.combine(until, event.start.time(), tzinfo=ZoneInfo(event.timezone))
    return utc_stamp(last)


def vevent_lines(event: Event, context: CalendarContext) -> list[str]:
    """Return the VEVENT of one event or series (one component; series via RRULE/EXDATE)."""
    revision = context.revision(event)
    url = context.event_url(event)
    lines = ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{utc_stamp(revision.modified)}",
             f"CREATED:{utc_stamp(revision.created)}",
             f"LAST-MODIFIED:{utc_stamp(revision.modified)}",
             f"SEQUENCE:{revision.sequence}"]
    lines += _times(event)
    lines += _recurrence(event)
    lines.append(f"SUMMARY:{escape_text(summary(event))}")
    lines.append(f"STATUS:{STATUS[event.status]}")
    location = location_text(event)
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    lines.append(f"DESCRIPTION:{escape_text(description_text(event, url))}")
    lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in categories(event, context)))
    lines.append(f"URL;VALUE=URI:{url}")
    lines += ["CLASS:PUBLIC", "TRANSP:OPAQUE", "END:VEVENT"]
    return lines


def _zone_years(events: Iterable[Event]) -> dict[str, set[int]]:
    zones: dict[str, set[int]] = {}
    for event in events:
        if event.all_day:
            continue
        years = zones.setdefault(event.timezone, set())
        years.update(o.start.year for o in occurrences(event))
        years.add(event.start.year)
    return zones


def calendar_lines(events: Iterable[Event], context: CalendarContext, *, name: str,
                   description: str, feed_url: str) -> list[str]:
    """Build a whole VCALENDAR: header, one VTIMEZONE per TZID used, the events in stable order."""
    chosen = sorted(events, key=lambda e: (_sort_start(e), e.uid))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"NAME:{escape_text(name)}", f"X-WR-CALNAME:{escape_text(name)}",
             f"DESCRIPTION:{escape_text(description)}",
             f"X-WR-CALDESC:{escape_text(description)}",
             f"URL;VALUE=URI:{context.site_page('CALENDAR')}",
             f"SOURCE;VALUE=URI:{feed_url}",
             f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}", f"X-PUBLISHED-TTL:{REFRESH}"]
    for zone, years in sorted(_zone_years(chosen).items()):
        lines += vtimezone_lines(zone, years)
    for event in chosen:
        lines += vevent_lines(event, context)
    lines.append("END:VCALENDAR")
    return lines


def calendar_bytes(events: Iterable[Event], context: CalendarContext, *, name: str,
                   description: str, feed_url: str) -> bytes:
    """Serialise the calendar, ready to write as ``.ics``."""
    return serialize(calendar_lines(events, context, name=name, description=description,
                                    feed_url=feed_url))


def event_bytes(event: Event, context: CalendarContext) -> bytes:
    """Return the per-event file ``termin.ics`` (it always exists, also for past events)."""
    return calendar_bytes([event], context, name=event.title,
                          description=f"Termin des Verwaltungsrebellen-Labors: {event.title}",
                          feed_url=context.site_page("EVENT_ICS", slug=event.slug))


def _sort_start(event: Event) -> datetime:
    start = event.start
    if not isinstance(start, datetime):
        start = datetime.combine(start, datetime.min.time())
    return start.replace(tzinfo=ZoneInfo(event.timezone)).astimezone(UTC)
