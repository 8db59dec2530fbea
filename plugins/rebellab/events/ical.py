"""Events to iCalendar bytes (RFC 5545): icalendar components, serialised by icalendar.

icalendar does the TEXT escaping, the folding at 75 octets (never inside a UTF-8
sequence) and the CRLF line ends; we choose the properties and their order. Pure:
everything that varies (site URL, revisions from Git, vocabulary titles) comes in as
arguments, and properties are written in the order they are added (``sorted=False``), so
the same commit always gives the same bytes. Client quirks behind the choices are
collected in ../shared/reference/events-ical.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, vDuration, vText
from icalendar import Event as VEvent

from rebellab.events.model import Event
from rebellab.events.series import excluded_starts, occurrences
from rebellab.events.vtimezone import vtimezone
from rebellab.sitebase.dates import de_date
from rebellab.sitebase.markup import plain_text
from rebellab.sitebase.urls import setting_url

PRODID = "-//Verwaltungsrebellen-Labor//Veranstaltungskalender 1.0//DE"
# Polling hints (RFC 7986 and Microsoft's X-PUBLISHED-TTL); Google ignores both.
REFRESH = timedelta(hours=12)
EPOCH = datetime(2020, 1, 1, tzinfo=UTC)  # stand-in time when nothing better is known
STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}
# Outlook ignores STATUS in subscribed calendars, so the summary says it too.
PREFIX = {"cancelled": "ABGESAGT: ", "postponed": "VERSCHOBEN: "}
_SOFT_BREAK = re.compile(r"(?<!\n)\n(?!\n|• )")
REGISTRATION_NOTE = {"waitlist": "nur noch Warteliste", "full": "ausgebucht",
                     "closed": "geschlossen"}


class Text(vText):
    r"""A TEXT value escaped by icalendar, except that a literal ``\N`` stays as written.

    icalendar 7.3's escaping first reads ``\N`` in the *unescaped* text as a line break,
    so "C:\Neu" would arrive as "C:" and a new line "eu". Content comes from pull requests,
    so the text is split there and each part escaped by icalendar.
    """

    def to_ical(self) -> bytes:
        """Return the escaped value (RFC 5545 §3.3.11)."""
        parts = (vText(part).to_ical() for part in str(self).split("\\N"))
        return b"\\\\N".join(parts)


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


def _add_times(component: VEvent, event: Event) -> None:
    start, end = event.start, event.end
    if isinstance(start, datetime) and isinstance(end, datetime):
        zone = ZoneInfo(event.timezone)
        component.add("DTSTART", start.replace(tzinfo=zone))
        component.add("DTEND", end.replace(tzinfo=zone))
        return
    # All-day DTEND is exclusive: the day after the last day (RFC 5545 §3.6.1).
    component.add("DTSTART", start)
    component.add("DTEND", end + timedelta(days=1))


def _add_recurrence(component: VEvent, event: Event) -> None:
    if event.repeat is None:
        return
    # The same rule the site's occurrence list is expanded from (series.py).
    component.add("RRULE", event.repeat.rule(event.start, event.timezone))
    excluded = excluded_starts(event)
    if excluded:
        component.add("EXDATE", excluded)


def vevent(event: Event, context: CalendarContext) -> VEvent:
    """Return the VEVENT of one event or series (one component; series via RRULE/EXDATE)."""
    revision = context.revision(event)
    url = context.event_url(event)
    component = VEvent()
    component.add("UID", event.uid)
    component.add("DTSTAMP", revision.modified.astimezone(UTC))
    component.add("CREATED", revision.created.astimezone(UTC))
    component.add("LAST-MODIFIED", revision.modified.astimezone(UTC))
    component.add("SEQUENCE", revision.sequence)
    _add_times(component, event)
    _add_recurrence(component, event)
    component.add("SUMMARY", Text(summary(event)))
    component.add("STATUS", STATUS[event.status])
    location = location_text(event)
    if location:
        component.add("LOCATION", Text(location))
    component.add("DESCRIPTION", Text(description_text(event, url)))
    component.add("CATEGORIES", [Text(category) for category in categories(event, context)])
    component.add("URL", url, parameters={"VALUE": "URI"})
    component.add("CLASS", "PUBLIC")
    component.add("TRANSP", "OPAQUE")
    return component


def _zone_years(events: Iterable[Event]) -> dict[str, set[int]]:
    zones: dict[str, set[int]] = {}
    for event in events:
        if event.all_day:
            continue
        years = zones.setdefault(event.timezone, set())
        years.update(o.start.year for o in occurrences(event))
        years.add(event.start.year)
    return zones


def calendar(events: Iterable[Event], context: CalendarContext, *, name: str,
             description: str, feed_url: str) -> Calendar:
    """Build a whole VCALENDAR: header, one VTIMEZONE per TZID used, the events in stable order."""
    chosen = sorted(events, key=lambda e: (_sort_start(e), e.uid))
    result = Calendar()
    result.add("VERSION", "2.0")
    result.add("PRODID", PRODID)
    result.add("CALSCALE", "GREGORIAN")
    result.add("METHOD", "PUBLISH")
    # Text also for NAME and the X-WR- names, which icalendar would not escape by itself.
    result.add("NAME", Text(name))
    result.add("X-WR-CALNAME", Text(name))
    result.add("DESCRIPTION", Text(description))
    result.add("X-WR-CALDESC", Text(description))
    result.add("URL", context.site_page("CALENDAR"), parameters={"VALUE": "URI"})
    result.add("SOURCE", feed_url, parameters={"VALUE": "URI"})
    result.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})
    result.add("X-PUBLISHED-TTL", vDuration(REFRESH))
    for zone, years in sorted(_zone_years(chosen).items()):
        result.add_component(vtimezone(zone, years))
    for event in chosen:
        result.add_component(vevent(event, context))
    return result


def calendar_bytes(events: Iterable[Event], context: CalendarContext, *, name: str,
                   description: str, feed_url: str) -> bytes:
    """Serialise the calendar, ready to write as ``.ics`` (properties in the order added)."""
    data: bytes = calendar(events, context, name=name, description=description,
                           feed_url=feed_url).to_ical(sorted=False)
    return data


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
