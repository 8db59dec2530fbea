"""German display texts for events (Jinja filters): dates, places, registration."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

from rebellab.events.model import DEFAULT_TIMEZONE, Event
from rebellab.events.series import REGISTRATION_LABELS, Occurrence, registration_status
from rebellab.sitebase.dates import de_time_range, de_weekday_date

HOME_ZONE = ZoneInfo(DEFAULT_TIMEZONE)


def when(occurrence: Occurrence) -> str:
    """``Di., 15. September 2020, 16:30–19:00 Uhr``; all-day: the day(s) only."""
    start, end = occurrence.start, occurrence.end
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        if start == end:
            return de_weekday_date(start)
        return f"{de_weekday_date(start)} bis {de_weekday_date(end)}"
    return f"{de_weekday_date(start)}, {de_time_range(start, end)}"


def zone_note(occurrence: Occurrence) -> str:
    """For events outside German time: the zone and the German time, else empty."""
    event = occurrence.event
    if event.timezone == DEFAULT_TIMEZONE or not isinstance(occurrence.start, datetime):
        return ""
    start = occurrence.start.astimezone(HOME_ZONE)
    end = occurrence.end.astimezone(HOME_ZONE) if isinstance(occurrence.end, datetime) \
        else start
    german = de_time_range(start, end)
    if start.date() != occurrence.start.date():
        german = f"{de_weekday_date(start)}, {german}"
    return f"Zeitzone {event.timezone}; in deutscher Zeit: {german}"


def place(event: Event) -> str:
    """Venue name (with town) or "online"; hybrid: both."""
    if event.location:
        town = event.location.address.rsplit(",", 1)[-1].strip()
        town = town.split(" ", 1)[1] if town[:5].isdigit() and " " in town else town
        text = event.location.name if town in event.location.name \
            else f"{event.location.name}, {town}"
        return f"{text} und online" if event.online else text
    return "online"


def registration(event: Event, now: datetime) -> str | None:
    """Effective registration status key, or None."""
    return registration_status(event, now)


def registration_label(status: str | None) -> str:
    """German label of a registration status."""
    return REGISTRATION_LABELS.get(status or "", "")


def is_past(occurrence: Occurrence, now: datetime) -> bool:
    """Return True when the occurrence has ended."""
    return occurrence.ends_at() <= now



def osm_link(address: str) -> str:
    """OpenStreetMap search for an address: a plain link, nothing loaded from OSM."""
    return f"https://www.openstreetmap.org/search?query={quote(address)}"


FILTERS = {
    "event_when": when,
    "event_zone_note": zone_note,
    "event_place": place,
    "event_registration": registration,
    "registration_label": registration_label,
    "occurrence_past": is_past,
    "osm_link": osm_link,
}
