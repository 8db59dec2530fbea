"""schema.org ``Event`` as Google's event rich results describe it, as a plain dict."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime

from rebellab.events.model import Event
from rebellab.events.series import Occurrence
from rebellab.kernel.vocab import Partner
from rebellab.sitebase.markup import excerpt

SCHEMA = "https://schema.org/"
EVENT_STATUS = {"scheduled": "EventScheduled", "cancelled": "EventCancelled",
                "postponed": "EventPostponed"}
ATTENDANCE = {"offline": "OfflineEventAttendanceMode", "online": "OnlineEventAttendanceMode",
              "mixed": "MixedEventAttendanceMode"}
AVAILABILITY = {"open": "InStock", "waitlist": "LimitedAvailability", "full": "SoldOut",
                "closed": "SoldOut"}
# "Heinrich-Reisner-Platz 1, 45127 Essen" -> street, postal code, town
_ADDRESS = re.compile(r"^(?P<street>.+?),\s*(?P<code>\d{5})\s+(?P<town>[^,]+)$")
_PRICE = re.compile(r"(\d+(?:[.,]\d{1,2})?)")


def postal_address(address: str) -> dict[str, str]:
    """Split a German one-line address where possible; else keep it as the street."""
    match = _ADDRESS.match(address.strip())
    result = {"@type": "PostalAddress", "addressCountry": "DE"}
    if match:
        result.update(streetAddress=match["street"], postalCode=match["code"],
                      addressLocality=match["town"].strip())
    else:
        result["streetAddress"] = address
    return result


def price(cost: str) -> str:
    """"0" for free events, else the first amount in the cost text ("25 Euro" -> "25")."""
    if cost.strip().lower() in ("kostenlos", "kostenfrei", "frei", "gratis", "0"):
        return "0"
    match = _PRICE.search(cost)
    return match[1].replace(",", ".") if match else "0"


def _when(value: object) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value)


def event_jsonld(occurrence: Occurrence, *, page_url: str, partners: Mapping[str, Partner],
                 registration_status: str | None, site_name: str, site_url: str
                 ) -> dict[str, object]:
    """Return the ``Event`` for one page, dated to the occurrence the page features."""
    event = occurrence.event
    data: dict[str, object] = {
        "@context": "https://schema.org", "@type": "Event", "name": event.title,
        "description": excerpt(event.description, 500), "url": page_url,
        "startDate": _when(occurrence.start), "endDate": _when(occurrence.end),
        "eventStatus": SCHEMA + EVENT_STATUS[event.status],
        "eventAttendanceMode": SCHEMA + ATTENDANCE[event.attendance],
        "location": _locations(event, page_url),
        "organizer": _organizers(event, partners, site_name, site_url),
        "offers": _offer(event, page_url, registration_status),
        "inLanguage": "de",
    }
    if event.registration and event.registration.capacity:
        data["maximumAttendeeCapacity"] = event.registration.capacity
    return data


def _locations(event: Event, page_url: str) -> list[dict[str, object]]:
    places: list[dict[str, object]] = []
    if event.location:
        places.append({"@type": "Place", "name": event.location.name,
                       "address": postal_address(event.location.address)})
    if event.online:
        # Google requires a URL; when the link is sent later, the page stands in.
        places.append({"@type": "VirtualLocation", "url": event.online.url or page_url})
    return places


def _organizers(event: Event, partners: Mapping[str, Partner], site_name: str,
                site_url: str) -> list[dict[str, object]]:
    found = []
    for key in event.partners:
        partner = partners.get(key)
        if partner is not None:
            entry: dict[str, object] = {"@type": "Organization", "name": partner.name}
            if partner.url:
                entry["url"] = partner.url
            found.append(entry)
    return found or [{"@type": "Organization", "name": site_name, "url": f"{site_url}/"}]


def _offer(event: Event, page_url: str, status: str | None) -> dict[str, object]:
    offer: dict[str, object] = {"@type": "Offer", "price": price(event.cost),
                                "priceCurrency": "EUR"}
    if event.registration:
        offer["url"] = event.registration.url
        offer["availability"] = SCHEMA + AVAILABILITY[status or "open"]
    else:
        offer["url"] = page_url
        offer["availability"] = SCHEMA + "InStock"
    return offer
