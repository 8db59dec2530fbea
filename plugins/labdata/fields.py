"""Typed access to one YAML mapping, collecting problems instead of raising.

A model's ``from_mapping`` asks a :class:`Fields` for each key it knows; every answer is
either a valid value or ``None`` plus a recorded problem at the key's line. Keys nobody
asked for are reported by :meth:`Fields.finish` with a "did you mean" hint.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from labdata.problems import Problem
from labdata.yamlfile import LineDict, LineList

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$")

_TYPE_NAMES = {str: "Text", int: "ganze Zahl", list: "Liste", dict: "Zuordnung (Schlüssel: Wert)"}


def type_name(value: Any) -> str:
    """German name of a YAML value's type, for messages."""
    if isinstance(value, bool):
        return "Wahrheitswert"
    if value is None:
        return "leerer Wert"
    for kind, name in _TYPE_NAMES.items():
        if isinstance(value, kind):
            return name
    return type(value).__name__


class Fields:
    """Reads the keys of one mapping of one file; records every problem it finds."""

    def __init__(self, data: LineDict, rel: str, problems: list[Problem],
                 context: str = "") -> None:
        self.data = data
        self.rel = rel
        self.problems = problems
        self.context = context  # e.g. "location." for nested mappings, used in messages
        self._asked: set[str] = set()

    # -- bookkeeping --------------------------------------------------------------------
    def line(self, key: str | None = None) -> int:
        """Line of ``key`` (or of the mapping itself when absent)."""
        if key is not None and key in getattr(self.data, "key_lines", {}):
            return self.data.key_lines[key]
        return getattr(self.data, "line", 1)

    def name(self, key: str) -> str:
        """The key as a contributor sees it, with its parent (``location.name``)."""
        return f"{self.context}{key}"

    def error(self, key: str | None, message: str, line: int | None = None) -> None:
        """Record a problem at the line of ``key`` (or at ``line``)."""
        self.problems.append(Problem(self.rel, line or self.line(key), message))

    def has(self, key: str) -> bool:
        """Whether the key is present with a non-empty value."""
        self._asked.add(key)
        return self.data.get(key) is not None

    def raw(self, key: str, *, required: bool = False) -> Any:
        """The value as loaded, or None; reports a missing required key."""
        self._asked.add(key)
        value = self.data.get(key)
        if value is None and required:
            self.error(None, f"Pflichtfeld '{self.name(key)}' fehlt.",
                       line=self.line(key) if key in self.data else None)
        return value

    def finish(self, known: Collection[str] = ()) -> None:
        """Report keys nobody asked for, suggesting the closest known key."""
        allowed = set(known) | self._asked
        for key in self.data:
            if key in allowed:
                continue
            hint = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.6)
            suffix = f" Meinten Sie '{self.name(hint[0])}'?" if hint else (
                f" Erlaubt sind: {', '.join(sorted(allowed))}.")
            self.error(key, f"Unbekannter Schlüssel '{self.name(key)}'.{suffix}")

    # -- scalars ------------------------------------------------------------------------
    def text(self, key: str, *, required: bool = False, max_length: int | None = None
             ) -> str | None:
        """A non-empty text; numbers are accepted as text (``title: 2021``)."""
        value = self.raw(key, required=required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(key, f"'{self.name(key)}' muss ein Text sein, gefunden: "
                            f"{type_name(value)}.")
            return None
        text = str(value).strip()
        if not text:
            if required:
                self.error(key, f"Pflichtfeld '{self.name(key)}' ist leer.")
            return None
        if max_length is not None and len(text) > max_length:
            self.error(key, f"'{self.name(key)}' ist {len(text)} Zeichen lang; erlaubt sind "
                            f"höchstens {max_length}.")
        return text

    def integer(self, key: str, *, required: bool = False, minimum: int | None = None
                ) -> int | None:
        """A whole number, optionally at least ``minimum``."""
        value = self.raw(key, required=required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(key, f"'{self.name(key)}' muss eine ganze Zahl sein, gefunden: "
                            f"'{value}'.")
            return None
        if minimum is not None and value < minimum:
            self.error(key, f"'{self.name(key)}' muss mindestens {minimum} sein, gefunden: "
                            f"{value}.")
            return None
        return value

    def date(self, key: str, *, required: bool = False, value: Any = None,
             line: int | None = None) -> date | None:
        """An ISO date ``YYYY-MM-DD`` that exists in the calendar."""
        if value is None:
            value = self.raw(key, required=required)
        if value is None:
            return None
        parsed = parse_date(value)
        if isinstance(parsed, str):
            self.error(key, f"'{self.name(key)}': {parsed}", line=line)
            return None
        return parsed

    def date_or_datetime(self, key: str, *, required: bool = False
                         ) -> date | datetime | None:
        """``YYYY-MM-DD HH:MM`` (local time) or ``YYYY-MM-DD`` (all day)."""
        value = self.raw(key, required=required)
        if value is None:
            return None
        parsed = parse_date_or_datetime(value)
        if isinstance(parsed, str):
            self.error(key, f"'{self.name(key)}': {parsed}")
            return None
        return parsed

    def url(self, key: str, *, required: bool = False) -> str | None:
        """An absolute http(s) URL; anything else (``javascript:``, ``data:``) is refused."""
        value = self.text(key, required=required)
        if value is None:
            return None
        problem = check_url(value)
        if problem:
            self.error(key, f"'{self.name(key)}': {problem}")
            return None
        return value

    def choice(self, key: str, allowed: Collection[str], *, default: str | None = None,
               required: bool = False) -> str | None:
        """One of a fixed set of values; lists the allowed ones when wrong."""
        value = self.text(key, required=required)
        if value is None:
            return default
        if value not in allowed:
            self.error(key, f"'{self.name(key)}' hat den ungültigen Wert '{value}'. Erlaubt "
                            f"sind: {', '.join(allowed)}.")
            return default
        return value

    def timezone(self, key: str, *, default: str) -> str:
        """An IANA time zone name such as ``Europe/Berlin``."""
        value = self.text(key)
        if value is None:
            return default
        if value not in _timezones():
            hint = difflib.get_close_matches(value, sorted(_timezones()), n=1)
            suffix = f" Meinten Sie '{hint[0]}'?" if hint else " Erwartet wird ein IANA-Name " \
                "wie 'Europe/Berlin'."
            self.error(key, f"Unbekannte Zeitzone '{value}'.{suffix}")
            return default
        return value

    # -- references and lists -------------------------------------------------------------
    def ref(self, key: str, known: Collection[str], what: str, *, required: bool = False
            ) -> str | None:
        """A key of a vocabulary or a slug of another file, e.g. a format or a profile.

        ``what`` names an unknown one in the message, e.g. "Unbekanntes Format".
        """
        value = self.text(key, required=required)
        if value is None:
            return None
        return self._check_ref(key, value, known, what, self.line(key))

    def refs(self, key: str, known: Collection[str], what: str, *, min_items: int = 0
             ) -> tuple[str, ...]:
        """A list of references; each unknown entry is reported at its own line."""
        items = self.texts(key, min_items=min_items)
        lines = self._item_lines(key)
        checked = (self._check_ref(key, item, known, what, line)
                   for item, line in zip(items, lines, strict=False))
        return tuple(item for item in checked if item is not None)

    def texts(self, key: str, *, min_items: int = 0, max_length: int | None = None
              ) -> tuple[str, ...]:
        """A list of short texts (a single text is accepted as a list of one)."""
        value = self.raw(key, required=min_items > 0)
        if value is None:
            return ()
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            value = [value]
        if not isinstance(value, list):
            self.error(key, f"'{self.name(key)}' muss eine Liste sein, gefunden: "
                            f"{type_name(value)}.")
            return ()
        result = []
        for item, line in zip(value, self._item_lines(key), strict=False):
            if isinstance(item, bool) or not isinstance(item, str | int | float):
                self.error(key, f"Einträge in '{self.name(key)}' müssen Texte sein, gefunden: "
                                f"{type_name(item)}.", line=line)
            elif str(item).strip():
                text = str(item).strip()
                if max_length is not None and len(text) > max_length:
                    self.error(key, f"Ein Eintrag in '{self.name(key)}' ist {len(text)} Zeichen "
                                    f"lang; erlaubt sind höchstens {max_length}.", line=line)
                result.append(text)
        if len(result) < min_items:
            self.error(key, f"'{self.name(key)}' braucht mindestens {min_items} Eintrag"
                            f"{'' if min_items == 1 else 'e'}.")
        return tuple(result)

    def dates(self, key: str) -> tuple[date, ...]:
        """A list of ISO dates, each checked at its own line."""
        value = self.raw(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            value = LineList([value])
            value.line, value.item_lines = self.line(key), [self.line(key)]
        parsed = (self.date(key, value=item, line=line)
                  for item, line in zip(value, self._item_lines(key, value), strict=False))
        return tuple(item for item in parsed if item is not None)

    def mapping(self, key: str, *, required: bool = False) -> Fields | None:
        """A nested mapping, read with its own :class:`Fields`."""
        value = self.raw(key, required=required)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.error(key, f"'{self.name(key)}' muss eine Zuordnung mit Unterschlüsseln sein, "
                            f"gefunden: {type_name(value)}.")
            return None
        return Fields(value, self.rel, self.problems, context=f"{self.name(key)}.")

    def _item_lines(self, key: str, value: Any = None) -> list[int]:
        value = self.data.get(key) if value is None else value
        lines = getattr(value, "item_lines", None)
        count = len(value) if isinstance(value, list) else 1
        return list(lines) if lines else [self.line(key)] * count

    def _check_ref(self, key: str, value: str, known: Collection[str], what: str,
                   line: int) -> str | None:
        if value in known:
            return value
        hint = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
        suffix = f" Meinten Sie '{hint[0]}'?" if hint else ""
        self.error(key, f"{what} '{value}' in '{self.name(key)}'.{suffix}", line=line)
        return None


def parse_date(value: Any) -> date | str:
    """Parse ``YYYY-MM-DD``; return the date or a German message saying what is expected."""
    match = _DATE.match(str(value).strip())
    if not match:
        return f"'{value}' ist kein Datum im Format JJJJ-MM-TT (z. B. 2020-09-15)."
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return f"Das Datum '{value}' gibt es nicht."


def parse_date_or_datetime(value: Any) -> date | datetime | str:
    """Parse ``YYYY-MM-DD HH:MM`` or ``YYYY-MM-DD``; see :func:`parse_date`."""
    text = str(value).strip()
    match = _DATETIME.match(text)
    if match:
        try:
            return datetime(*map(int, match.groups()))
        except ValueError:
            return f"Datum oder Uhrzeit '{text}' gibt es nicht."
    if _DATE.match(text):
        return parse_date(text)
    return (f"'{text}' ist weder 'JJJJ-MM-TT HH:MM' (z. B. 2020-09-15 16:30) noch "
            "'JJJJ-MM-TT' für ganztägige Termine.")


def check_url(value: str) -> str | None:
    """Return a German message if ``value`` is not an absolute http(s) URL."""
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https"):
        return f"'{value}' ist keine Web-Adresse; erlaubt sind nur Adressen mit http:// " \
               "oder https://."
    if not parts.netloc or any(char.isspace() for char in value.strip()):
        return f"'{value}' ist keine vollständige Web-Adresse."
    return None


def check_slug(slug: str) -> str | None:
    """Return a German message if ``slug`` is not lowercase ``a-z0-9-``."""
    if SLUG_PATTERN.match(slug):
        return None
    return (f"Der Name '{slug}' ist ungültig: erlaubt sind Kleinbuchstaben a–z, Ziffern und "
            "Bindestriche (z. B. 2020-09-meetup-essen).")


_ZONES: set[str] = set()


def _timezones() -> set[str]:
    if not _ZONES:
        _ZONES.update(available_timezones())
    return _ZONES


def zone(name: str) -> ZoneInfo:
    """The ZoneInfo for a name that validation has accepted."""
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError as error:  # validation makes this a bug, not a content error
        raise ValueError(f"unknown time zone {name!r}") from error

