"""The event model: one YAML file in ``data/events/`` becomes one :class:`Event`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import ClassVar

from dateutil.rrule import rrulestr
from icalendar import vRecur

from rebellab.kernel.fields import Fields, zone
from rebellab.kernel.references import References
from rebellab.kernel.today import day_of
from rebellab.sitebase.urls import Located

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

    def rule(self, start: date | datetime, timezone: str) -> vRecur:
        """Return the ``RRULE`` from ``start``: what the feed states and the site lists.

        With a local start time (``TZID``), ``UNTIL`` must be in UTC (RFC 5545 §3.3.10):
        the last allowed start, on the ``until`` day at the start's wall time.
        """
        parts: dict[str, object] = {"FREQ": self.frequency.upper()}
        if self.interval != 1:
            parts["INTERVAL"] = self.interval
        if self.count is not None:
            parts["COUNT"] = self.count
        elif self.until is not None:
            parts["UNTIL"] = self.until if not isinstance(start, datetime) else \
                datetime.combine(self.until, start.time(), zone(timezone)).astimezone(UTC)
        return vRecur(parts)

    def starts(self, start: date | datetime, timezone: str) -> Iterator[date | datetime]:
        """Yield the starts of the series, before exclusions, expanded from :meth:`rule`.

        dateutil keeps the wall time in ``timezone`` across DST changes (as clients do
        with ``TZID``); timed starts are aware, all-day starts are dates. RFC 5545
        semantics: ``monthly`` skips months without the start's day; ``count`` counts real
        dates.
        """
        timed = isinstance(start, datetime)
        first = start.replace(tzinfo=zone(timezone)) if isinstance(start, datetime) else \
            datetime.combine(start, time())
        for moment in rrulestr(self.rule(start, timezone).to_ical().decode(), dtstart=first):
            yield moment if timed else moment.date()

    def days(self, first: date) -> Iterator[date]:
        """Yield the days of the series starting on ``first``, before exclusions."""
        return (day_of(start) for start in self.starts(first, DEFAULT_TIMEZONE))


@dataclass(frozen=True)
class Event(Located):
    """One event (or one series) as its file states it.

    ``start`` and ``end`` are naive local times in ``timezone`` (``datetime``), or
    ``date`` for all-day events, where ``end`` is the last day, inclusive.
    """

    URL_SETTING: ClassVar[str] = "EVENT"

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
        format_key = fields.ref("format", refs.formats, "Unbekanntes Format", required=True,
                                list_known=True)
        timezone = fields.timezone("timezone", default=DEFAULT_TIMEZONE)
        start = _local_time(fields, "start", timezone,
                            fields.date_or_datetime("start", required=True))
        end = _end(fields, start, timezone)
        description = fields.markdown("description", required=True)
        location = _location(fields)
        online = _online(fields)
        if "location" not in fields.data and "online" not in fields.data:
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
            timezone=timezone,
            location=location,
            online=online,
            registration=_registration(fields, start),
            cost=fields.text("cost") or "kostenlos",
            partners=fields.refs("partners", refs.partners, "Unbekannter Partner",
                                 list_known=True),
            topics=fields.refs("topics", refs.topics, "Unbekanntes Thema", list_known=True),
            hosts=fields.refs("hosts", refs.profiles, "Unbekanntes Profil"),
            method=fields.ref("method", refs.methods, "Unbekannte Methode"),
            status=fields.choice("status", EVENT_STATUSES, default="scheduled") or "scheduled",
            repeat=_repeat(fields, start),
            uid=fields.text("uid") or default_uid(slug, refs.uid_domain),
        )
        fields.finish(KEYS)
        if None in (title, format_key, start, description):
            return None
        return event


def default_uid(slug: str, domain: str) -> str:
    """Return the calendar identity of an event file without its own ``uid``."""
    return f"{slug}@{domain}"


def _shown(value: date | datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else str(value)


def _local_time(fields: Fields, key: str, timezone: str, value: date | datetime | None
                ) -> date | datetime | None:
    """Refuse a wall-clock time that the time zone skips (the spring DST change)."""
    if not isinstance(value, datetime):
        return value
    tz = zone(timezone)
    moved = value.replace(tzinfo=tz).astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    if moved != value:
        fields.error(key, f"'{key}' ({_shown(value)}) gibt es in der Zeitzone {timezone} "
                          "nicht: an diesem Tag wird die Uhr vorgestellt.")
        return None
    return value


def _end(fields: Fields, start: date | datetime | None, timezone: str
         ) -> date | datetime | None:
    timed = isinstance(start, datetime)
    if timed and "end" not in fields.data:
        fields.error(None, "Pflichtfeld 'end' fehlt: Veranstaltungen mit Uhrzeit brauchen "
                           "ein Ende im Format JJJJ-MM-TT HH:MM.")
        return None
    end = _local_time(fields, "end", timezone, fields.date_or_datetime("end"))
    if end is None or start is None:
        return end
    if isinstance(end, datetime) != timed:
        expected = "mit Uhrzeit (JJJJ-MM-TT HH:MM)" if timed else "ohne Uhrzeit (JJJJ-MM-TT)"
        fields.error("end", f"'end' ({_shown(end)}) muss wie 'start' ({_shown(start)}) "
                            f"{expected} angegeben werden.")
        return None
    if (end <= start) if timed else (end < start):
        fields.error("end", f"'end' ({_shown(end)}) liegt "
                            f"{'nicht nach' if timed else 'vor'} 'start' ({_shown(start)}).")
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
    if fields.data.get("online") is True:  # "online: true": online, link sent later
        fields.has("online")
        return Online()
    sub = fields.mapping("online")
    if sub is None:
        return None
    online = Online(url=sub.url("url"), platform=sub.text("platform"))
    sub.finish()
    return online


def _registration(fields: Fields, start: date | datetime | None) -> Registration | None:
    sub = fields.mapping("registration")
    if sub is None:
        return None
    url = sub.url("url", required=True)
    deadline = sub.date("deadline")
    if deadline and start and deadline > day_of(start):
        sub.error("deadline", f"'registration.deadline' ({deadline}) liegt nach 'start' "
                              f"({_shown(start)}); die Anmeldung muss vorher enden.")
    registration = Registration(
        url=url or "",
        capacity=sub.integer("capacity", minimum=1),
        deadline=deadline,
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
    excluded = sub.dated_items("exclude")
    if ("count" in sub.data) == ("until" in sub.data):
        sub.error(None, "'repeat' braucht genau eines von 'count' (Anzahl der Termine) oder "
                        "'until' (letzter Tag der Serie).")
    first = day_of(start) if start else None
    if until is not None and first is not None and until < first:
        sub.error("until", f"'repeat.until' ({until}) liegt vor 'start' ({first}).")
        until = None
    sub.finish()
    if frequency is None:
        return None
    repeat = Repeat(frequency, interval, count, until, tuple(day for day, _ in excluded))
    if first is not None and (count is None) != (until is None):
        _check_exclude(sub, repeat, first, excluded)
    return repeat


def _check_exclude(sub: Fields, repeat: Repeat, first: date,
                   excluded: list[tuple[date, int]]) -> None:
    """Each excluded day must be a day of the series, else it is most likely a typo."""
    if not excluded:
        return
    last = max(day for day, _ in excluded)
    days = []
    for day in repeat.days(first):
        days.append(day)
        if day >= last:
            break
    known = set(days)
    for day, line in excluded:
        if day not in known:
            near = [d for d in days if d < day][-1:] + [d for d in days if d > day][:1]
            sub.error("exclude", f"'repeat.exclude': {day} ist kein Termin dieser Serie."
                                 f"{_nearest(near)}", line=line)


def _nearest(days: list[date]) -> str:
    if len(days) == 2:
        return f" Die benachbarten Termine sind {days[0]} und {days[1]}."
    return f" Der nächstgelegene Termin ist {days[0]}." if days else ""
