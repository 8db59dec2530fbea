"""``netzwerk.ics``: the lab's events plus the outside ones, as icalendar components. Pure.

Outside events keep their UID; occurrences of a series are written one by one within the
window, each with its ``RECURRENCE-ID`` (as CalDAV servers export an expanded series, e.g.
SabreDAV's ``expand=1``). The source's name, exactly as configured, is one value of
``CATEGORIES`` and opens the description; ``URL`` leads to the source.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from icalendar import Calendar
from icalendar import Event as VEvent

from rebellab.events.ical import PREFIX, CalendarContext, Text, calendar
from rebellab.events.model import DEFAULT_TIMEZONE, Event
from rebellab.events.series import occurrences
from rebellab.events.vtimezone import vtimezone
from rebellab.network.model import ExternalEvent

# DTSTAMP of an outside event: when our build last saw the snapshot is unknown, so a
# fixed time keeps the same commit's bytes equal (the source's own SEQUENCE is not kept).
STAMP = datetime(2020, 1, 1, tzinfo=UTC)


def description(event: ExternalEvent) -> str:
    """Source first, then the event's text, then where to find out more."""
    parts = [f"Aus dem Netzwerk: {event.feed.name}"]
    if event.cancelled:
        parts.append("Diese Veranstaltung ist abgesagt.")
    if event.description:
        parts.append(event.description)
    parts.append(f"Mehr dazu: {event.url}")
    return "\n\n".join(parts)


def external_vevent(event: ExternalEvent) -> VEvent:
    """One occurrence of an outside event as a VEVENT."""
    component = VEvent()
    component.add("UID", event.uid)
    component.add("DTSTAMP", STAMP)
    if event.recurrence_id is not None:
        component.add("RECURRENCE-ID", event.recurrence_id)
    component.add("DTSTART", event.start)
    # All-day DTEND is exclusive: the day after the last day (RFC 5545 §3.6.1).
    component.add("DTEND", event.end if not event.all_day else event.end + timedelta(days=1))
    status = "cancelled" if event.cancelled else "scheduled"
    component.add("SUMMARY", Text(PREFIX.get(status, "") + event.title))
    component.add("STATUS", "CANCELLED" if event.cancelled else "CONFIRMED")
    if event.location:
        component.add("LOCATION", Text(event.location))
    component.add("DESCRIPTION", Text(description(event)))
    component.add("CATEGORIES", [Text(event.feed.name)])
    component.add("URL", event.url, parameters={"VALUE": "URI"})
    component.add("CLASS", "PUBLIC")
    component.add("TRANSP", "OPAQUE")
    return component


def network_calendar_bytes(own: Iterable[Event], outside: Iterable[ExternalEvent],
                           context: CalendarContext, *, name: str, description_text: str,
                           feed_url: str) -> bytes:
    """Return the whole feed: our events as in ``alle.ics``, then the outside occurrences."""
    own = list(own)
    outside = sorted(outside, key=lambda e: (e.starts_at(), e.uid))
    result: Calendar = calendar(own, context, name=name, description=description_text,
                                feed_url=feed_url)
    years = {e.start.year for e in outside if not e.all_day}
    if years:
        _replace_home_zone(result, years | _home_years(own))
    for event in outside:
        result.add_component(external_vevent(event))
    data: bytes = result.to_ical(sorted=False)
    return data


def _home_years(own: list[Event]) -> set[int]:
    """Years of our timed events in Berlin (their VTIMEZONE covers these)."""
    return {occurrence.start.year for event in own
            if not event.all_day and event.timezone == DEFAULT_TIMEZONE
            for occurrence in occurrences(event)}


def _replace_home_zone(result: Calendar, years: set[int]) -> None:
    """One Berlin VTIMEZONE covering the years of our events and of the outside ones."""
    kept = [c for c in result.subcomponents
            if not (c.name == "VTIMEZONE" and str(c["TZID"]) == DEFAULT_TIMEZONE)]
    zones = [c for c in kept if c.name == "VTIMEZONE"]
    result.subcomponents = [*zones, vtimezone(DEFAULT_TIMEZONE, years),
                            *(c for c in kept if c.name != "VTIMEZONE")]
