"""What "today" is for a build (``SITE_TODAY`` or Berlin's date), and the day of a moment."""

from __future__ import annotations

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

SITE_ZONE = ZoneInfo("Europe/Berlin")


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
    """Return the moment a build treats as now: noon of SITE_TODAY, or the real time."""
    if os.environ.get("SITE_TODAY", "").strip():
        return datetime.combine(site_today(), datetime.min.time().replace(hour=12),
                                tzinfo=SITE_ZONE)
    return datetime.now(SITE_ZONE)
