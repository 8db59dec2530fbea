"""Links into calendar clients: add one event, or subscribe to a feed.

Formats as the clients document or accept them (see ../shared/reference/events-ical.md
§2.6): Google wants ``cid=webcal://`` (``https://`` fails), Outlook has separate hosts for
personal (outlook.live.com) and work/school accounts (outlook.office.com, Microsoft 365).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import quote, urlencode

from rebellab.events.ical import location_text, summary
from rebellab.events.series import Occurrence
from rebellab.sitebase.markup import excerpt

GOOGLE_RENDER = "https://calendar.google.com/calendar/render"
GOOGLE_SUBSCRIBE = "https://calendar.google.com/calendar/r"
OUTLOOK_HOSTS = {"personal": "https://outlook.live.com", "work": "https://outlook.office.com"}


@dataclass(frozen=True)
class SubscribeLinks:
    """Every way to subscribe to one feed."""

    https: str
    webcal: str
    google: str
    outlook_personal: str
    outlook_work: str


def webcal(url: str) -> str:
    """Return the ``webcal://`` form of an http(s) URL (clients subscribe instead of download)."""
    return "webcal://" + url.split("://", 1)[1]


def subscribe_links(feed_url: str, name: str) -> SubscribeLinks:
    """Links for one feed URL (absolute https URL)."""
    outlook = urlencode({"url": feed_url, "name": name}, quote_via=quote)
    return SubscribeLinks(
        https=feed_url,
        webcal=webcal(feed_url),
        google=f"{GOOGLE_SUBSCRIBE}?{urlencode({'cid': webcal(feed_url)}, quote_via=quote)}",
        outlook_personal=f"{OUTLOOK_HOSTS['personal']}/calendar/0/addfromweb?{outlook}",
        outlook_work=f"{OUTLOOK_HOSTS['work']}/calendar/0/addfromweb?{outlook}",
    )


def _details(occurrence: Occurrence, page_url: str) -> str:
    return f"{excerpt(occurrence.event.description, 300)}\n\n{page_url}"


def google_event_link(occurrence: Occurrence, page_url: str) -> str:
    """Google's "add event" template; named zone in ``ctz`` (not an offset)."""
    event = occurrence.event
    if occurrence.all_day:
        dates = f"{occurrence.start:%Y%m%d}/{occurrence.end + timedelta(days=1):%Y%m%d}"
    else:
        dates = f"{occurrence.start:%Y%m%dT%H%M%S}/{occurrence.end:%Y%m%dT%H%M%S}"
    params = {"action": "TEMPLATE", "text": summary(event), "dates": dates,
              "details": _details(occurrence, page_url),
              "location": location_text(event) or "", "ctz": event.timezone}
    return f"{GOOGLE_RENDER}?{urlencode(params, quote_via=quote)}"


def outlook_event_link(occurrence: Occurrence, page_url: str, account: str) -> str:
    """Outlook on the web "new event" deep link; ``account`` is personal or work."""
    event = occurrence.event
    params = {"path": "/calendar/action/compose", "rru": "addevent",
              "subject": summary(event), "startdt": _outlook_time(occurrence.start),
              "enddt": _outlook_time(occurrence.end, end=True),
              "body": _details(occurrence, page_url), "location": location_text(event) or ""}
    if occurrence.all_day:
        params["allday"] = "true"
    host = OUTLOOK_HOSTS[account]
    return f"{host}/calendar/0/deeplink/compose?{urlencode(params, quote_via=quote)}"


def _outlook_time(value: date | datetime, *, end: bool = False) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (value + timedelta(days=1) if end else value).isoformat()
