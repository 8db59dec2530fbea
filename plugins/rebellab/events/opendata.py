"""All events as open data (``EVENTS_DATA_SAVE_AS``, documented on the ``OPEN_DATA`` page)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime

from rebellab.events.ical import EPOCH, CalendarContext, location_text
from rebellab.events.model import Event
from rebellab.events.series import occurrences
from rebellab.kernel.vocab import Partner
from rebellab.sitebase.jsonld import safe_json
from rebellab.sitebase.markup import plain_text

SCHEMA_VERSION = 1


def _when(value: date | datetime) -> str:
    return value.isoformat()


def event_record(event: Event, context: CalendarContext, partners: Mapping[str, Partner]
                 ) -> dict[str, object]:
    """One event as a JSON object (documented field by field on the /daten/ page)."""
    revision = context.revision(event)
    return {
        "id": event.slug,
        "uid": event.uid,
        "url": context.event_url(event),
        "ical": context.site_page("EVENT_ICS", slug=event.slug),
        "title": event.title,
        "status": event.status,
        "format": {"key": event.format,
                   "title": context.formats.get(event.format, event.format)},
        "all_day": event.all_day,
        "timezone": event.timezone,
        "dates": [{"start": _when(o.start), "end": _when(o.end)} for o in occurrences(event)],
        "attendance": event.attendance,
        "location": None if event.location is None else {
            "name": event.location.name, "address": event.location.address,
            "accessibility": event.location.accessibility},
        "online": None if event.online is None else {
            "url": event.online.url, "platform": event.online.platform},
        "location_text": location_text(event),
        "registration": None if event.registration is None else {
            "url": event.registration.url, "capacity": event.registration.capacity,
            "deadline": _when(event.registration.deadline)
            if event.registration.deadline else None,
            "status": event.registration.status},
        "cost": event.cost,
        "partners": [{"key": key, "name": partners[key].name if key in partners else key}
                     for key in event.partners],
        "topics": [{"key": key, "title": context.topics.get(key, key)}
                   for key in event.topics],
        "hosts": [{"slug": slug, "url": context.site_page("PROFILE", slug=slug)}
                  for slug in event.hosts],
        "description_markdown": event.description,
        "description_text": plain_text(event.description),
        "modified": revision.modified.isoformat().replace("+00:00", "Z"),
    }


# Event data is public information without personal data: free for any use, as German
# public bodies publish open data (GovData's licence, equivalent to CC0).
LICENSE = {"name": "Datenlizenz Deutschland – Zero – Version 2.0",
           "url": "https://www.govdata.de/dl-de/zero-2-0"}


def events_document(events: Sequence[Event], context: CalendarContext,
                    partners: Mapping[str, Partner], *, site_name: str) -> bytes:
    """Return the whole file; deterministic (no build time; sorted by first date, then id)."""
    ordered = sorted(events, key=lambda e: (occurrences(e)[0].starts_at().isoformat()
                                            if occurrences(e) else "", e.slug))
    newest = max((context.revision(e).modified for e in events), default=EPOCH)
    document = {
        "schema_version": SCHEMA_VERSION,
        "title": f"Veranstaltungen des {site_name}s",
        "documentation": f"{context.site_page('OPEN_DATA')}#veranstaltungen",
        "license": LICENSE,
        "modified": newest.isoformat().replace("+00:00", "Z"),
        "events": [event_record(event, context, partners) for event in ordered],
    }
    return (safe_json(document) + "\n").encode("utf-8")
