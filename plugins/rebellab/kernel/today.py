"""What "today" is for a build (``SITE_TODAY`` or Berlin's date), and the day of a moment."""

from __future__ import annotations

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

SITE_ZONE = ZoneInfo("Europe/Berlin")
# A build's "now" moves in steps of this many minutes. Event times, deadlines and time-zone
# offsets lie on this grid, so comparing them with the step's start gives the answers the
# exact time gives ("vorbei", registration closed). Two builds within one step render the
# same pages: a warm build reuses the pages that read "now" instead of rendering them every
# time (2,328 pages at the big lab of make bench, whose builds set SITE_TODAY).
NOW_STEP_MINUTES = 15


def day_of(value: date | datetime) -> date:
    """Return the calendar day of a date or a (local) date and time."""
    return value.date() if isinstance(value, datetime) else value


def site_today() -> date:
    """``SITE_TODAY=YYYY-MM-DD`` when set, else today in Europe/Berlin."""
    value = os.environ.get("SITE_TODAY", "").strip()
    if value:
        try:
            return date.fromisoformat(value)
        except ValueError as error:
            raise SystemExit(f"SITE_TODAY={value!r} ist kein Datum im Format JJJJ-MM-TT.") \
                from error
    return datetime.now(SITE_ZONE).date()


def site_now() -> datetime:
    """Return the moment a build treats as now: noon of SITE_TODAY, or the real time's step.

    The step (:data:`NOW_STEP_MINUTES`) is the real time rounded down: an event that ends
    at a time off the grid is shown as past up to one step late.
    """
    if os.environ.get("SITE_TODAY", "").strip():
        return datetime.combine(site_today(), datetime.min.time().replace(hour=12),
                                tzinfo=SITE_ZONE)
    return step_of(datetime.now(SITE_ZONE))


def step_of(moment: datetime) -> datetime:
    """Return the start of the step of ``moment``: rounded down to NOW_STEP_MINUTES."""
    return moment.replace(minute=moment.minute - moment.minute % NOW_STEP_MINUTES, second=0,
                          microsecond=0)
