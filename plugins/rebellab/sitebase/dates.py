"""German date and time display, independent of the machine's locale."""

from __future__ import annotations

from datetime import date, datetime

MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
          "September", "Oktober", "November", "Dezember")
WEEKDAYS = ("Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So.")
WEEKDAYS_LONG = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag",
                 "Sonntag")


def de_date(value: date | datetime) -> str:
    """``15. September 2020``."""
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def de_weekday_date(value: date | datetime) -> str:
    """``Di., 15. September 2020``."""
    return f"{WEEKDAYS[value.weekday()]}, {de_date(value)}"


def de_month(value: date | datetime) -> str:
    """``September 2020`` (for month headings)."""
    return f"{MONTHS[value.month - 1]} {value.year}"


def de_time(value: datetime) -> str:
    """``16:30``."""
    return value.strftime("%H:%M")


def de_time_range(start: datetime, end: datetime) -> str:
    """``16:30–19:00 Uhr`` on one day, else both dates: ``… 16:30 Uhr – Mi., … 12:00 Uhr``."""
    if start.date() == end.date():
        return f"{de_time(start)}–{de_time(end)} Uhr"
    return f"{de_time(start)} Uhr – {de_weekday_date(end)}, {de_time(end)} Uhr"


def iso_date(value: date | datetime) -> str:
    """Machine-readable value for ``<time datetime>``."""
    return value.isoformat()


FILTERS = {
    "de_date": de_date,
    "de_weekday_date": de_weekday_date,
    "de_month": de_month,
    "de_time": de_time,
    "iso_date": iso_date,
}
