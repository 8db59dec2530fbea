"""``VTIMEZONE`` components in the yearly-``RRULE`` form that Outlook reads correctly.

Why our own derivation and not icalendar's: ``Timezone.from_tzinfo()`` / ``from_tzid()``
(and ``Calendar.add_missing_timezones()``) write one ``RDATE`` per transition (1970–2038);
Outlook misreads that shape (iCalcreator#86, #106, biweekly#76: shifted by an hour, zone
shown as "West-Central Africa"), while the classic form with one ``STANDARD`` and one
``DAYLIGHT`` rule from 1970 works everywhere. We derive those rules from the zone's
transitions (zoneinfo) in the years the calendar uses and check that the rule reproduces
every transition; zones whose rules changed in that span get one component per transition
instead (still valid RFC 5545, no RRULE needed). icalendar builds and writes the result.
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Transition:
    """A change of UTC offset: the local wall time when it happens, before the change."""

    local: datetime  # naive, in the offset before the change
    offset_from: timedelta
    offset_to: timedelta
    name: str  # abbreviation after the change, e.g. CEST
    dst: bool  # True when the new offset is daylight-saving time


@dataclass(frozen=True)
class YearlyRule:
    """"The ``nth`` (or last: -1) ``weekday`` of ``month`` at ``time``"."""

    month: int
    nth: int
    weekday: int
    time: tuple[int, int]

    def date_in(self, year: int) -> date:
        """Return the day this rule falls on in ``year``."""
        days = calendar.monthrange(year, self.month)[1]
        if self.nth > 0:
            first = date(year, self.month, 1)
            return first + timedelta(days=(self.weekday - first.weekday()) % 7
                                     + 7 * (self.nth - 1))
        last = date(year, self.month, days)
        return last - timedelta(days=(last.weekday() - self.weekday) % 7)

    def rrule(self) -> vRecur:
        """Return the RRULE value, e.g. ``FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3``."""
        return vRecur({"FREQ": "YEARLY", "BYMONTH": self.month,
                       "BYDAY": f"{self.nth}{DAYS[self.weekday]}"})


@functools.cache  # pure; every calendar of a build asks for the same few years
def transitions(zone_name: str, year: int) -> tuple[Transition, ...]:
    """Return the offset changes of ``zone_name`` in ``year``, found to the minute."""
    zone = ZoneInfo(zone_name)
    start = datetime(year, 1, 1, tzinfo=UTC) - timedelta(days=1)
    found = []
    moment = start
    step = timedelta(hours=6)
    while moment.year <= year or moment < datetime(year + 1, 1, 1, tzinfo=UTC):
        later = moment + step
        if later.astimezone(zone).utcoffset() != moment.astimezone(zone).utcoffset():
            change = _bisect(zone, moment, later)
            before = (change - timedelta(minutes=1)).astimezone(zone)
            after = change.astimezone(zone)
            local = (change + _offset(before)).replace(tzinfo=None)
            if local.year == year:
                found.append(Transition(local, _offset(before), _offset(after),
                                        after.tzname() or "", bool(after.dst())))
        moment = later
        if moment >= datetime(year + 1, 1, 2, tzinfo=UTC):
            break
    return tuple(found)


def _offset(moment: datetime) -> timedelta:
    """UTC offset of an aware datetime (always known for a ZoneInfo time)."""
    return moment.utcoffset() or timedelta(0)


def _bisect(zone: ZoneInfo, low: datetime, high: datetime) -> datetime:
    """First minute in (low, high] with the offset of ``high``."""
    target = high.astimezone(zone).utcoffset()
    while high - low > timedelta(minutes=1):
        middle = low + (high - low) / 2
        middle = middle.replace(second=0, microsecond=0)
        if middle <= low:
            middle = low + timedelta(minutes=1)
        if middle.astimezone(zone).utcoffset() == target:
            high = middle
        else:
            low = middle
    return high


def rule_of(day: datetime) -> YearlyRule:
    """Describe a transition's day as "nth/last weekday of the month"."""
    days = calendar.monthrange(day.year, day.month)[1]
    nth = -1 if day.day + 7 > days else (day.day - 1) // 7 + 1
    return YearlyRule(day.month, nth, day.weekday(), (day.hour, day.minute))


def vtimezone(zone_name: str, years: Iterable[int]) -> Timezone:
    """Return the VTIMEZONE for ``zone_name`` covering ``years`` (and one year either side)."""
    span = sorted(set(years)) or [2000]
    span = list(range(span[0] - 1, span[-1] + 2))
    by_year = {year: transitions(zone_name, year) for year in span}
    rules = _yearly_rules(by_year)
    component = Timezone()
    component.add("TZID", zone_name)
    if rules is not None:
        for rule, sample in rules:
            component.add_component(_observance(sample, rule))
    elif not any(by_year.values()):
        component.add_component(_fixed(zone_name, span[0]))
    else:
        for year in span:
            for change in by_year[year]:
                component.add_component(_observance(change, None))
    return component


def _yearly_rules(by_year: Mapping[int, tuple[Transition, ...]]
                  ) -> list[tuple[YearlyRule, Transition]] | None:
    """Two rules (DAYLIGHT, STANDARD) that reproduce every year's transitions, or None."""
    samples = next((changes for changes in by_year.values() if len(changes) == 2), None)
    if samples is None:
        return None
    rules = [(rule_of(change.local), change) for change in samples]
    for year, changes in by_year.items():
        if len(changes) != 2:
            return None
        for (rule, sample), change in zip(rules, changes, strict=True):
            expected = datetime.combine(rule.date_in(year), datetime.min.time()).replace(
                hour=rule.time[0], minute=rule.time[1])
            if (change.local != expected or change.offset_to != sample.offset_to
                    or change.offset_from != sample.offset_from):
                return None
    return rules


def _observance(change: Transition, rule: YearlyRule | None
                ) -> TimezoneStandard | TimezoneDaylight:
    observance = TimezoneDaylight() if change.dst else TimezoneStandard()
    if rule is not None:
        # DTSTART is the rule's first onset in 1970, so DTSTART matches the RRULE.
        onset = datetime.combine(rule.date_in(1970), datetime.min.time()).replace(
            hour=rule.time[0], minute=rule.time[1])
    else:
        onset = change.local
    observance.add("DTSTART", onset)
    if rule is not None:
        observance.add("RRULE", rule.rrule())
    observance.add("TZNAME", change.name)
    observance.add("TZOFFSETFROM", change.offset_from)
    observance.add("TZOFFSETTO", change.offset_to)
    return observance


def _fixed(zone_name: str, year: int) -> TimezoneStandard:
    moment = datetime(year, 1, 1, tzinfo=ZoneInfo(zone_name))
    offset = _offset(moment)
    observance = TimezoneStandard()
    observance.add("DTSTART", datetime(1970, 1, 1))
    observance.add("TZNAME", moment.tzname() or "")
    observance.add("TZOFFSETFROM", offset)
    observance.add("TZOFFSETTO", offset)
    return observance
