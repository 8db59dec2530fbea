"""Occurrences of events and series: the dates a calendar shows, as aware datetimes.

One recurrence engine: a series' dates are expanded (by dateutil) from the very ``RRULE``
that goes into the feed (:meth:`Repeat.rule`), minus the ``EXDATE``s, so that the site
lists exactly the dates a calendar client expands: ``monthly`` keeps the start's day of the
month and skips months without that day; ``count`` counts only real dates (before
exclusions); ``until`` is the last day on which an occurrence may start.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby, islice
from zoneinfo import ZoneInfo

from rebellab.events.model import Event
from rebellab.kernel.today import day_of

# A safety net against a series without end by mistake; the model requires count or until.
MAX_OCCURRENCES = 500


@dataclass(frozen=True)
class Occurrence:
    """One date of an event: aware datetimes for timed events, dates for all-day events.

    For all-day events ``end`` is the last day, inclusive (as in the event file).
    """

    event: Event
    start: date | datetime
    end: date | datetime
    index: int = 0  # position in the series (0 for single events)

    @property
    def all_day(self) -> bool:
        """True for all-day occurrences."""
        return self.event.all_day

    def starts_at(self) -> datetime:
        """Return the start as an aware datetime (all-day: midnight in the event's zone)."""
        return _aware(self.start, self.event.timezone)

    def ends_at(self) -> datetime:
        """Return the end as an aware datetime (all-day: midnight after the last day)."""
        if isinstance(self.end, datetime):
            return self.end
        return _aware(self.end + timedelta(days=1), self.event.timezone)


def series_starts(event: Event) -> list[date | datetime]:
    """Return the starts of the series (or the single start), exclusions included.

    Timed starts are aware datetimes in the event's time zone, all-day starts are dates.
    """
    repeat = event.repeat
    if repeat is None:
        return [_aware(event.start, event.timezone) if isinstance(event.start, datetime)
                else event.start]
    return list(islice(repeat.starts(event.start, event.timezone), MAX_OCCURRENCES))


def excluded_starts(event: Event) -> list[date | datetime]:
    """Return the starts of the series that ``repeat.exclude`` leaves out (``EXDATE``)."""
    if event.repeat is None:
        return []
    excluded = _excluded_days(event)
    return [start for start in series_starts(event) if day_of(start) in excluded]


def _excluded_days(event: Event) -> set[date]:
    return set(event.repeat.exclude) if event.repeat is not None else set()


def occurrences(event: Event) -> list[Occurrence]:
    """All dates of an event, in order, without the excluded ones.

    Expanded once per event object and kept beside its fields (an event is frozen; the
    fingerprints read fields only): the pages, calendars and open data of one build asked
    30,000 times for the dates of the big lab's 2,000 events, 1.1 s of a warm build.
    """
    kept = event.__dict__.get(_OCCURRENCES)
    if kept is None:
        kept = event.__dict__[_OCCURRENCES] = tuple(_expand(event))
    return list(kept)


_OCCURRENCES = "_occurrences"


def _expand(event: Event) -> Iterator[Occurrence]:
    duration = _wall_duration(event)
    excluded = _excluded_days(event)
    for index, start in enumerate(series_starts(event)):
        if day_of(start) in excluded:
            continue
        if isinstance(start, datetime):
            end = _aware(start.replace(tzinfo=None) + duration, event.timezone)
            yield Occurrence(event, start, end, index)
        else:
            yield Occurrence(event, start, start + duration, index)


def upcoming(events: Iterable[Event], now: datetime) -> list[Occurrence]:
    """Every occurrence that has not ended yet, soonest first (ties by title)."""
    found = [occurrence for event in events for occurrence in occurrences(event)
             if occurrence.ends_at() > now]
    return sorted(found, key=_sort_key)


def past(events: Iterable[Event], now: datetime) -> list[Event]:
    """Events whose last occurrence has ended, newest first."""
    finished = []
    for event in events:
        dates = occurrences(event)
        if dates and dates[-1].ends_at() <= now:
            finished.append((dates[-1], event))
    finished.sort(key=lambda pair: _sort_key(pair[0]), reverse=True)
    return [event for _, event in finished]


def next_occurrence(event: Event, now: datetime) -> Occurrence | None:
    """Return the first occurrence that has not ended yet, or None."""
    return next((o for o in occurrences(event) if o.ends_at() > now), None)


def display_occurrence(event: Event, now: datetime) -> Occurrence | None:
    """Return the occurrence a page features: the next one, else the last one."""
    dates = occurrences(event)
    return next_occurrence(event, now) or (dates[-1] if dates else None)


def has_started(event: Event, now: datetime) -> bool:
    """Return True once the first occurrence has begun (registration closes then)."""
    dates = occurrences(event)
    return bool(dates) and dates[0].starts_at() <= now


def last_end(event: Event) -> datetime | None:
    """When the last occurrence ends."""
    dates = occurrences(event)
    return dates[-1].ends_at() if dates else None


def _sort_key(occurrence: Occurrence) -> tuple[datetime, str, str]:
    return (occurrence.starts_at(), occurrence.event.title, occurrence.event.slug)


def _aware(value: date | datetime, zone: str) -> datetime:
    if not isinstance(value, datetime):
        value = datetime.combine(value, datetime.min.time())
    return value.replace(tzinfo=ZoneInfo(zone))


def _wall_duration(event: Event) -> timedelta:
    # Naive local arithmetic: an evening event stays 16:30–19:00 on every date of the
    # series, also across a daylight-saving change (as RRULE with TZID behaves).
    start, end = event.start, event.end
    if isinstance(start, datetime) and isinstance(end, datetime):
        return end - start
    return day_of(end) - day_of(start)


def iter_months(occurrences_: Iterable[Occurrence]) -> Iterator[tuple[date, list[Occurrence]]]:
    """Group occurrences by the month they start in, keeping their order."""
    for month, group in groupby(occurrences_, key=lambda o: day_of(o.start).replace(day=1)):
        yield month, list(group)


REGISTRATION_LABELS = {"open": "Anmeldung offen", "waitlist": "Warteliste",
                       "full": "ausgebucht", "closed": "Anmeldung geschlossen"}


def registration_status(event: Event, now: datetime) -> str | None:
    """``open``, ``waitlist``, ``full`` or ``closed``; None without registration.

    Closes by itself after the deadline (the deadline day still counts) or once the
    event (the first date of a series) has started, and for cancelled events.
    """
    registration = event.registration
    if registration is None:
        return None
    if event.status == "cancelled" or has_started(event, now):
        return "closed"
    if registration.deadline and now.astimezone(ZoneInfo(event.timezone)).date() \
            > registration.deadline:
        return "closed"
    return registration.status
