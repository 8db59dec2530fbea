"""The event model: one YAML file in ``data/events/`` becomes one :class:`Event`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from labdata.fields import Fields
from labdata.references import References

DEFAULT_TIMEZONE = "Europe/Berlin"
REGISTRATION_STATUSES = ("open", "waitlist", "full", "closed")
EVENT_STATUSES = ("scheduled", "cancelled", "postponed")
FREQUENCIES = ("weekly", "monthly")
KEYS = ("title", "format", "start", "end", "timezone", "location", "online", "description",
        "registration", "cost", "partners", "topics", "hosts", "method", "status", "repeat",
        "uid")


@dataclass(frozen=True)
class Location:
    """A physical venue."""

    name: str
    address: str
    accessibility: str | None = None


@dataclass(frozen=True)
class Online:
    """The online part of an event; both fields optional (link may follow by e-mail)."""

    url: str | None = None
    platform: str | None = None


@dataclass(frozen=True)
class Registration:
    """Registration happens outside the site, e.g. on Eventbrite."""

    url: str
    capacity: int | None = None
    deadline: date | None = None
    status: str = "open"


@dataclass(frozen=True)
class Repeat:
    """A series: every ``interval`` weeks or months, ``count`` times or ``until`` a date."""

    frequency: str
    interval: int = 1
    count: int | None = None
    until: date | None = None
    exclude: tuple[date, ...] = ()


@dataclass(frozen=True)
class Event:
    """One event (or one series) as its file states it.

    ``start`` and ``end`` are naive local times in ``timezone`` (``datetime``), or
    ``date`` for all-day events, where ``end`` is the last day, inclusive.
    """

    slug: str
    source: str
    title: str
    format: str
    start: date | datetime
    end: date | datetime
    description: str
    timezone: str = DEFAULT_TIMEZONE
    location: Location | None = None
    online: Online | None = None
    registration: Registration | None = None
    cost: str = "kostenlos"
    partners: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    method: str | None = None
    status: str = "scheduled"
    repeat: Repeat | None = None
    uid: str = ""

    @property
    def all_day(self) -> bool:
        """True for events given as dates without a time."""
        return not isinstance(self.start, datetime)

    @property
    def attendance(self) -> str:
        """``offline``, ``online`` or ``mixed`` (hybrid)."""
        if self.location and self.online:
            return "mixed"
        return "online" if self.online else "offline"

    @classmethod
    def from_mapping(cls, slug: str, source: str, fields: Fields, refs: References
                     ) -> Event | None:
        """Build from one event file; None if required parts are unusable."""
        title = fields.text("title", required=True)
        format_key = fields.ref("format", refs.formats, "Unbekanntes Format", required=True)
        start = fields.date_or_datetime("start", required=True)
        end = _end(fields, start)
        description = fields.text("description", required=True)
        location = _location(fields)
        online = _online(fields)
        if location is None and online is None and not fields.has("location") \
                and not fields.has("online"):
            fields.error(None, "Es fehlt der Ort: bitte 'location' (vor Ort) oder 'online' "
                               "angeben, bei hybriden Veranstaltungen beides.")
        event = cls(
            slug=slug,
            source=source,
            title=title or "",
            format=format_key or "",
            start=start or date.min,
            end=end or start or date.min,
            description=description or "",
            timezone=fields.timezone("timezone", default=DEFAULT_TIMEZONE),
            location=location,
            online=online,
            registration=_registration(fields),
            cost=fields.text("cost") or "kostenlos",
            partners=fields.refs("partners", refs.partners, "Unbekannter Partner"),
            topics=fields.refs("topics", refs.topics, "Unbekanntes Thema"),
            hosts=fields.refs("hosts", refs.profiles, "Unbekanntes Profil"),
            method=fields.ref("method", refs.methods, "Unbekannte Methode"),
            status=fields.choice("status", EVENT_STATUSES, default="scheduled") or "scheduled",
            repeat=_repeat(fields, start),
            uid=fields.text("uid") or f"{slug}@{refs.uid_domain}",
        )
        fields.finish(KEYS)
        if None in (title, format_key, start, description):
            return None
        return event


def _end(fields: Fields, start: date | datetime | None) -> date | datetime | None:
    timed = isinstance(start, datetime)
    if timed and not fields.has("end"):
        fields.raw("end", required=True)
        return None
    end = fields.date_or_datetime("end")
    if end is None or start is None:
        return end
    if isinstance(end, datetime) != timed:
        expected = "mit Uhrzeit (JJJJ-MM-TT HH:MM)" if timed else "ohne Uhrzeit (JJJJ-MM-TT)"
        fields.error("end", f"'end' muss wie 'start' {expected} angegeben werden.")
        return None
    if (end <= start) if timed else (end < start):
        shown = (lambda value: value.strftime("%Y-%m-%d %H:%M")) if timed else str
        fields.error("end", f"'end' ({shown(end)}) liegt {'nicht nach' if timed else 'vor'} "
                            f"'start' ({shown(start)}).")
        return None
    return end


def _location(fields: Fields) -> Location | None:
    sub = fields.mapping("location")
    if sub is None:
        return None
    name = sub.text("name", required=True)
    address = sub.text("address", required=True)
    accessibility = sub.text("accessibility")
    sub.finish()
    return Location(name, address, accessibility) if name and address else None


def _online(fields: Fields) -> Online | None:
    value = fields.raw("online")
    if value is True:  # "online: true" means online, link sent later
        return Online()
    sub = fields.mapping("online")
    if sub is None:
        return None
    online = Online(url=sub.url("url"), platform=sub.text("platform"))
    sub.finish()
    return online


def _registration(fields: Fields) -> Registration | None:
    sub = fields.mapping("registration")
    if sub is None:
        return None
    url = sub.url("url", required=True)
    registration = Registration(
        url=url or "",
        capacity=sub.integer("capacity", minimum=1),
        deadline=sub.date("deadline"),
        status=sub.choice("status", REGISTRATION_STATUSES, default="open") or "open",
    )
    sub.finish()
    return registration if url else None


def _repeat(fields: Fields, start: date | datetime | None) -> Repeat | None:
    sub = fields.mapping("repeat")
    if sub is None:
        return None
    frequency = sub.choice("frequency", FREQUENCIES, required=True)
    interval = sub.integer("interval", minimum=1) or 1
    count = sub.integer("count", minimum=1)
    until = sub.date("until")
    exclude = sub.dates("exclude")
    if sub.has("count") == sub.has("until"):
        sub.error(None, "'repeat' braucht genau eines von 'count' (Anzahl der Termine) oder "
                        "'until' (letzter Tag der Serie).")
    start_day = start.date() if isinstance(start, datetime) else start
    if until is not None and start_day is not None and until < start_day:
        sub.error("until", f"'repeat.until' ({until}) liegt vor 'start' ({start_day}).")
    sub.finish()
    if frequency is None:
        return None
    return Repeat(frequency, interval, count, until, exclude)
