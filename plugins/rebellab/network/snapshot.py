"""Reading an outside calendar: bytes of a snapshot -> occurrences in a window. Pure.

The libraries do the hard parts: icalendar parses (and maps Windows zone names such as
"W. Europe Standard Time" to IANA, ``icalendar.timezone.tzp``), x-wr-timezone applies a
Google-style ``X-WR-TIMEZONE`` and recurring-ical-events expands RRULE, RDATE, EXDATE and
moved or cancelled occurrences (``RECURRENCE-ID``) within the window only (it runs
x-wr-timezone itself). What is left here is what they leave to the consumer
(../shared/reference/external-calendars.md): floating times, a Windows or unknown
``X-WR-TIMEZONE`` (x-wr-timezone would raise), text that may carry HTML, and URLs that may
be relative or ``javascript:``.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from urllib.parse import urljoin, urlsplit
from zoneinfo import available_timezones

import nh3
import recurring_ical_events
from icalendar import Calendar, Component
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from rebellab.network.model import HOME_ZONE, ExternalEvent, NetworkFeed

# Producers put HTML into DESCRIPTION (Outlook, Gancio, WordPress, Discourse); block
# elements become line breaks before every tag is dropped.
_BLOCK_END = re.compile(r"<\s*(br\s*/?|/p|/div|/li|/h[1-6]|/tr)\s*>", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t\u00a0]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_TITLE = 200
MAX_DESCRIPTION = 2000


class SnapshotError(ValueError):
    """The bytes are not a calendar we can read; the message is German."""


def parse_calendar(data: bytes) -> Calendar:
    """Parse the bytes of one feed (several VCALENDARs are merged into the first)."""
    text = _decode(data)
    if not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        raise SnapshotError("Die Datei ist kein Kalender: sie beginnt nicht mit "
                            "BEGIN:VCALENDAR.")
    try:
        calendars = Calendar.from_ical(text, multiple=True)
    except Exception as error:  # icalendar raises ValueError and friends on broken lines
        raise SnapshotError(f"Der Kalender lässt sich nicht lesen: {error}") from error
    if not calendars:
        raise SnapshotError("Die Datei enthält keinen Kalender.")
    first = calendars[0]
    for other in calendars[1:]:
        for component in other.subcomponents:
            first.add_component(component)
    return first


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Old Windows exporters write cp1252; anything decodes with it, so it comes last.
        return data.decode("cp1252", errors="replace")


def read_snapshot(data: bytes, feed: NetworkFeed, first: date, last: date
                  ) -> list[ExternalEvent]:
    """Occurrences of the feed's events between ``first`` and ``last`` (days, inclusive)."""
    calendar = _standardised(parse_calendar(data))
    start = datetime.combine(first, datetime.min.time(), tzinfo=HOME_ZONE)
    stop = datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=HOME_ZONE)
    series = series_uids(calendar)
    try:
        components = list(recurring_ical_events.of(calendar, skip_bad_series=True)
                          .between(start, stop))
    except Exception as error:  # a broken series the library could not skip
        raise SnapshotError(f"Die Termine lassen sich nicht berechnen: {error}") from error
    found = (_occurrence(component, feed, series) for component in components)
    return sorted((event for event in found if event is not None), key=_order)


def series_uids(calendar: Calendar) -> frozenset[str]:
    """UIDs of recurring events (with RRULE, RDATE or moved single occurrences)."""
    return frozenset(str(component.get("UID", "")) for component in calendar.walk("VEVENT")
                     if any(key in component for key in ("RRULE", "RDATE", "RECURRENCE-ID")))


def _order(event: ExternalEvent) -> tuple[datetime, str, str]:
    return event.starts_at(), event.title, event.uid


def _standardised(calendar: Calendar) -> Calendar:
    """Make ``X-WR-TIMEZONE`` an IANA name (Windows names mapped) or drop an unknown one.

    recurring-ical-events applies it through x-wr-timezone, which raises on any name
    zoneinfo does not know.
    """
    value = str(calendar.get("X-WR-TIMEZONE", "")).strip()
    if not value or value in _iana():
        return calendar
    zone = WINDOWS_TO_OLSON.get(value)
    calendar.pop("X-WR-TIMEZONE")
    if zone is not None:
        calendar.add("X-WR-TIMEZONE", zone)
    return calendar


def _iana() -> frozenset[str]:
    return _IANA


_IANA = frozenset(available_timezones())


def _occurrence(component: Component, feed: NetworkFeed, series: frozenset[str]
                ) -> ExternalEvent | None:
    start, end = _times(component)
    if start is None:
        return None
    title = plain_text(str(component.get("SUMMARY", "")), MAX_TITLE) or "Ohne Titel"
    description = plain_text(str(component.get("DESCRIPTION", "")), MAX_DESCRIPTION)
    if not feed.keeps(title, description):
        return None
    uid = plain_text(str(component.get("UID", ""))) or _made_uid(feed, title, start)
    recurrence = component.get("RECURRENCE-ID")
    return ExternalEvent(
        feed=feed, uid=uid, title=title, start=start, end=end,
        url=safe_url(str(component.get("URL", "")), feed.url) or feed.link,
        description=description,
        location=plain_text(str(component.get("LOCATION", "")), MAX_TITLE),
        cancelled=str(component.get("STATUS", "")).upper() == "CANCELLED",
        recurrence_id=_berlin(recurrence.dt) if recurrence is not None and uid in series
        else None,
    )


def _times(component: Component) -> tuple[date | datetime | None, date | datetime]:
    """Start and end in Berlin; all-day: dates with the last day inclusive."""
    start = component.get("DTSTART")
    if start is None:
        return None, date.min
    first = _berlin(start.dt)
    end_value = component.get("DTEND")
    last = _berlin(end_value.dt) if end_value is not None else first
    if not isinstance(first, datetime):
        last_day = last.date() if isinstance(last, datetime) else last
        return first, max(first, last_day - timedelta(days=1))
    if not isinstance(last, datetime):
        last = datetime.combine(last, datetime.min.time(), tzinfo=HOME_ZONE)
    return first, max(first, last)


def _berlin(value: date | datetime) -> date | datetime:
    """Aware datetimes in Berlin; floating times are taken as Berlin's (RFC 5545 §3.3.5)."""
    if not isinstance(value, datetime):
        return value
    if value.tzinfo is None:
        return value.replace(tzinfo=HOME_ZONE)
    return value.astimezone(HOME_ZONE)


def _made_uid(feed: NetworkFeed, title: str, start: date | datetime) -> str:
    digest = hashlib.sha256(f"{title}|{start.isoformat()}".encode()).hexdigest()[:16]
    return f"{digest}@{feed.key}"


def plain_text(value: str, limit: int | None = None) -> str:
    """Text without any markup: tags dropped (script and style with their content)."""
    text = _BLOCK_END.sub("\n", value.replace("\r\n", "\n"))
    text = html.unescape(nh3.clean(text, tags=set(), strip_comments=True))
    text = _CONTROL.sub("", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    if limit is not None and len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.– ") + " …"
    return text


def safe_url(value: str, base: str) -> str | None:
    """Return an absolute http(s) URL (a relative one resolved against ``base``) or None."""
    value = value.strip()
    if not value or any(char.isspace() or ord(char) < 32 for char in value):
        return None
    resolved = urljoin(base, value)
    parts = urlsplit(resolved)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username:
        return None
    return resolved


def normalised_snapshot(data: bytes) -> bytes:
    """Return what ``make fetch-feeds`` stores: the calendar re-serialised, deterministically.

    Alarms are dropped and every ``DTSTAMP`` too: exporters stamp the time of the export
    (Google, Exchange), which would otherwise change the file on every fetch. Events are
    sorted by UID and RECURRENCE-ID, zones by TZID, so that only real changes show.
    """
    calendar = parse_calendar(data)
    zones = sorted(calendar.walk("VTIMEZONE"), key=lambda c: str(c.get("TZID", "")))
    events = sorted(calendar.walk("VEVENT"), key=_event_key)
    calendar.subcomponents = [_without_noise(component) for component in (*zones, *events)]
    normalised: bytes = calendar.to_ical()
    return normalised


def _event_key(component: Component) -> tuple[str, str]:
    recurrence = component.get("RECURRENCE-ID")
    return str(component.get("UID", "")), recurrence.to_ical().decode() if recurrence else ""


def _without_noise(component: Component) -> Component:
    component.subcomponents = [c for c in component.subcomponents if c.name != "VALARM"]
    component.pop("DTSTAMP", None)
    return component


def feed_occurrences(feeds: Iterable[tuple[NetworkFeed, list[ExternalEvent]]]
                     ) -> Iterator[ExternalEvent]:
    """Every occurrence once: the first feed carrying a UID and occurrence keeps it."""
    seen: set[tuple[str, str]] = set()
    for _, events in feeds:
        for event in events:
            if event.identity() not in seen:
                seen.add(event.identity())
                yield event
