"""Typed access to one YAML mapping, collecting problems instead of raising.

A model's ``from_mapping`` asks a :class:`Fields` for each key it knows; every answer is
either a valid value or ``None`` plus a recorded problem at the key's line. Keys nobody
asked for are reported by :meth:`Fields.finish` with a "did you mean" hint.

The patterns below are shared with the JSON Schemas in ``data/schemas/`` (a test keeps
them equal), so editors and ``make check`` accept the same values.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Collection, Mapping
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from rebellab.kernel.nesting import markdown_nesting, nesting_message
from rebellab.kernel.problems import Problem

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
URL_PATTERN = re.compile(r"^https?://[^\s/?#@]+([/?#]\S*)?$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$")
FIRST_YEAR, LAST_YEAR = 1900, 2099  # schemas: years (19|20)\d\d
_When = TypeVar("_When", date, datetime)

_LISTED_CHOICES = 12  # an unknown reference lists the known ones if there are this few
_TYPE_NAMES = {str: "Text", int: "Zahl", float: "Zahl", list: "Liste",
               dict: "Zuordnung (Schlüssel: Wert)"}


def type_name(value: Any) -> str:
    """German name of a YAML value's type, for messages."""
    if isinstance(value, bool):
        return f"Wahrheitswert '{str(value).lower()}'"
    if value is None:
        return "leerer Wert"
    for kind, name in _TYPE_NAMES.items():
        if isinstance(value, kind):
            return f"{name} '{value}'" if kind in (str, int, float) else name
    return type(value).__name__


def _is_text(value: Any) -> bool:
    # Plain numbers count as text: "title: 2021" is what the contributor meant.
    return isinstance(value, str | int | float) and not isinstance(value, bool)


class Fields:
    """Reads the keys of one mapping of one file; records every problem it finds.

    ``line`` is where a missing key is reported: the parent key's line for a nested
    mapping (``location:``), line 1 for a whole file.
    """

    def __init__(self, data: Mapping[str, Any], rel: str, problems: list[Problem],
                 context: str = "", line: int = 1) -> None:
        self.data = data
        self.rel = rel
        self.problems = problems
        self.context = context  # e.g. "location." for nested mappings, used in messages
        self.mapping_line = line
        self._asked: set[str] = set()

    # -- bookkeeping --------------------------------------------------------------------
    def line(self, key: str | None = None) -> int:
        """Line of ``key`` (or of the mapping itself when absent)."""
        key_lines: dict[str, int] = getattr(self.data, "key_lines", {})  # only a LineDict's
        if key is not None and key in key_lines:
            return key_lines[key]
        return self.mapping_line

    def name(self, key: str) -> str:
        """Return the key as a contributor sees it, with its parent (``location.name``)."""
        return f"{self.context}{key}"

    def error(self, key: str | None, message: str, line: int | None = None) -> None:
        """Record a problem at the line of ``key`` (or at ``line``)."""
        self.problems.append(Problem(self.rel, line or self.line(key), message))

    def has(self, key: str) -> bool:
        """Whether the key is present with a non-empty value."""
        self._asked.add(key)
        return self.data.get(key) is not None

    def raw(self, key: str, *, required: bool = False) -> Any:
        """Return the value as loaded, or None; report a missing key or an empty value."""
        self._asked.add(key)
        value = self.data.get(key)
        if value is not None:
            return value
        if key in self.data:
            self.error(key, f"Pflichtfeld '{self.name(key)}' ist leer." if required else
                       f"'{self.name(key)}' hat keinen Wert: bitte einen Wert eintragen oder "
                       "die Zeile löschen.")
        elif required:
            self.error(None, f"Pflichtfeld '{self.name(key)}' fehlt.")
        return None

    def finish(self, known: Collection[str] = ()) -> None:
        """Report keys nobody asked for, suggesting the closest known key."""
        allowed = set(known) | self._asked
        for key in self.data:
            if key in allowed:
                continue
            hint = difflib.get_close_matches(key.lower(), sorted(allowed), n=1, cutoff=0.6)
            suffix = f" Meinten Sie '{self.name(hint[0])}'?" if hint else (
                f" Erlaubt sind: {', '.join(sorted(allowed))}.")
            self.error(key, f"Unbekannter Schlüssel '{self.name(key)}'.{suffix}")

    # -- scalars ------------------------------------------------------------------------
    def text(self, key: str, *, required: bool = False, max_length: int | None = None
             ) -> str | None:
        """Read a non-empty text; numbers count as text (``title: 2021``)."""
        value = self.raw(key, required=required)
        if value is None:
            return None
        if not _is_text(value):
            self.error(key, f"'{self.name(key)}' muss ein Text sein, gefunden: "
                            f"{type_name(value)}.")
            return None
        text = str(value).strip()
        if not text:
            self.error(key, f"Pflichtfeld '{self.name(key)}' ist leer." if required else
                       f"'{self.name(key)}' ist leer: bitte einen Text eintragen oder die "
                       "Zeile löschen.")
            return None
        if max_length is not None and len(text) > max_length:
            self.error(key, f"'{self.name(key)}' ist {len(text)} Zeichen lang; erlaubt sind "
                            f"höchstens {max_length}.")
        return text

    def markdown(self, key: str, *, required: bool = False, max_length: int | None = None
                 ) -> str | None:
        """Read a text rendered as Markdown, refusing nesting that would crash the renderer."""
        text = self.text(key, required=required, max_length=max_length)
        too_deep = markdown_nesting(text) if text else None
        if text and too_deep:
            # A block scalar ('|') starts on the line after its key; a quoted text with
            # escaped line breaks stays on its lines of the file (LineDict.end_lines).
            offset = too_deep[0] if "\n" in text else 0
            line = self.line(key) + offset
            end = getattr(self.data, "end_lines", {}).get(key, line)
            self.error(key, f"'{self.name(key)}': {nesting_message(too_deep[1])}",
                       line=min(line, end))
            return None
        return text

    def integer(self, key: str, *, required: bool = False, minimum: int | None = None
                ) -> int | None:
        """Read a whole number, optionally at least ``minimum``."""
        value = self.raw(key, required=required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(key, f"'{self.name(key)}' muss eine ganze Zahl sein, gefunden: "
                            f"{type_name(value)}.")
            return None
        if minimum is not None and value < minimum:
            self.error(key, f"'{self.name(key)}' muss mindestens {minimum} sein, gefunden: "
                            f"{value}.")
            return None
        return value

    def flag(self, key: str) -> bool:
        """Read ``true`` or ``false`` (absent means false)."""
        value = self.raw(key)
        if value is None or isinstance(value, bool):
            return bool(value)
        self.error(key, f"'{self.name(key)}' muss true oder false sein, gefunden: "
                        f"{type_name(value)}.")
        return False

    def date(self, key: str, *, required: bool = False, value: Any = None,
             line: int | None = None) -> dt.date | None:
        """Read an ISO date ``YYYY-MM-DD`` that exists in the calendar."""
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
                         ) -> dt.date | datetime | None:
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
        """Read an absolute http(s) URL; refuse ``javascript:``, ``data:`` and the like."""
        value = self.text(key, required=required)
        if value is None:
            return None
        problem = check_url(value)
        if problem:
            self.error(key, f"'{self.name(key)}': {problem}")
            return None
        return value

    def pattern(self, key: str, pattern: re.Pattern[str], expected: str) -> str | None:
        """Read a text matching ``pattern``; ``expected`` describes the form."""
        value = self.text(key)
        if value is None or pattern.fullmatch(value):
            return value
        self.error(key, f"'{self.name(key)}': '{value}' hat nicht die erwartete Form "
                        f"{expected}.")
        return None

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
        """Read an IANA time zone name such as ``Europe/Berlin``."""
        value = self.text(key)
        if value is None:
            return default
        if value not in timezone_names():
            hint = difflib.get_close_matches(value, sorted_timezone_names(), n=1)
            suffix = f" Meinten Sie '{hint[0]}'?" if hint else " Erwartet wird ein IANA-Name " \
                "wie 'Europe/Berlin'."
            self.error(key, f"Unbekannte Zeitzone '{value}'.{suffix}")
            return default
        return value

    # -- references and lists -------------------------------------------------------------
    def ref(self, key: str, known: Collection[str], what: str, *, required: bool = False,
            list_known: bool = False) -> str | None:
        """Read a key of a vocabulary or a slug of another file (a format, a profile).

        ``what`` names an unknown one in the message, e.g. "Unbekanntes Format";
        ``list_known`` lists the known ones there when they are few (a vocabulary).
        """
        value = self.text(key, required=required)
        if value is None:
            return None
        return self._check_ref(key, value, known, what, self.line(key), list_known)

    def refs(self, key: str, known: Collection[str], what: str, *, min_items: int = 0,
             list_known: bool = False) -> tuple[str, ...]:
        """Read a list of references; report each unknown entry at its own line."""
        checked = (self._check_ref(key, item, known, what, line, list_known)
                   for item, line in self._text_items(key, min_items=min_items))
        return tuple(item for item in checked if item is not None)

    def texts(self, key: str, *, min_items: int = 0, max_length: int | None = None
              ) -> tuple[str, ...]:
        """Read a list of short texts, each checked at its own line."""
        return tuple(item for item, _ in self._text_items(key, min_items=min_items,
                                                          max_length=max_length))

    def dates(self, key: str) -> tuple[dt.date, ...]:
        """Read a list of ISO dates, each checked at its own line."""
        return tuple(day for day, _ in self.dated_items(key))

    def dated_items(self, key: str) -> list[tuple[dt.date, int]]:
        """Return the valid dates of a list with their lines; report each bad entry."""
        result = []
        for item, line in self.items(key):
            if self._item_present(key, item, line):
                day = self.date(key, value=item, line=line)
                if day is not None:
                    result.append((day, line))
        return result

    def items(self, key: str, *, required: bool = False) -> list[tuple[Any, int]]:
        """Return the entries of a list with their lines; report a value that is no list."""
        value = self.raw(key, required=required)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(key, f"'{self.name(key)}' muss eine Liste sein (Einträge je Zeile mit "
                            f"'- ' oder in eckigen Klammern), gefunden: {type_name(value)}.")
            return []
        lines = getattr(value, "item_lines", None)
        if not lines or len(lines) != len(value):
            lines = [self.line(key)] * len(value)
        return list(zip(value, lines, strict=True))

    def mapping(self, key: str, *, required: bool = False) -> Fields | None:
        """Open a nested mapping with its own :class:`Fields`."""
        value = self.raw(key, required=required)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.error(key, f"'{self.name(key)}' muss eine Zuordnung mit Unterschlüsseln sein, "
                            f"gefunden: {type_name(value)}.")
            return None
        return Fields(value, self.rel, self.problems, context=f"{self.name(key)}.",
                      line=self.line(key))

    def _text_items(self, key: str, *, min_items: int = 0, max_length: int | None = None
                    ) -> list[tuple[str, int]]:
        items = self.items(key, required=min_items > 0)
        result = []
        for item, line in items:
            if not self._item_present(key, item, line):
                continue
            if not _is_text(item):
                self.error(key, f"Einträge in '{self.name(key)}' müssen Texte sein, gefunden: "
                                f"{type_name(item)}.", line=line)
                continue
            text = str(item).strip()
            if max_length is not None and len(text) > max_length:
                self.error(key, f"Ein Eintrag in '{self.name(key)}' ist {len(text)} Zeichen "
                                f"lang; erlaubt sind höchstens {max_length}.", line=line)
            result.append((text, line))
        if isinstance(self.data.get(key), list) and len(items) < min_items:
            self.error(key, f"'{self.name(key)}' braucht mindestens {min_items} Eintrag"
                            f"{'' if min_items == 1 else 'e'}.")
        return result

    def _item_present(self, key: str, item: Any, line: int) -> bool:
        if item is None or (isinstance(item, str) and not item.strip()):
            self.error(key, f"Leerer Eintrag in '{self.name(key)}': bitte ausfüllen oder die "
                            "Zeile löschen.", line=line)
            return False
        return True

    def _check_ref(self, key: str, value: str, known: Collection[str], what: str,
                   line: int, list_known: bool = False) -> str | None:
        if value in known:
            return value
        hint = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
        if hint:
            suffix = f" Meinten Sie '{hint[0]}'?"
        elif list_known and 0 < len(known) <= _LISTED_CHOICES:
            suffix = f" Bekannt sind: {', '.join(sorted(known))}."
        else:
            suffix = ""
        self.error(key, f"{what} '{value}' in '{self.name(key)}'.{suffix}", line=line)
        return None


def parse_date(value: Any) -> date | str:
    """Parse ``YYYY-MM-DD``; return the date or a German message saying what is expected."""
    text = str(value).strip()
    if not DATE_PATTERN.fullmatch(text):
        return f"'{text}' ist kein Datum im Format JJJJ-MM-TT (z. B. 2020-09-15)."
    try:
        return _in_range(date.fromisoformat(text), text)
    except ValueError:
        return f"Das Datum '{text}' gibt es nicht (Format JJJJ-MM-TT, z. B. 2020-09-15)."


def parse_date_or_datetime(value: Any) -> date | datetime | str:
    """Parse ``YYYY-MM-DD HH:MM`` or ``YYYY-MM-DD``; see :func:`parse_date`."""
    text = str(value).strip()
    if DATETIME_PATTERN.fullmatch(text):
        try:
            return _in_range(datetime.fromisoformat(text.replace("T", " ")), text)
        except ValueError:
            return (f"Datum oder Uhrzeit '{text}' gibt es nicht (Format JJJJ-MM-TT HH:MM, "
                    "z. B. 2020-09-15 16:30).")
    if DATE_PATTERN.fullmatch(text):
        return parse_date(text)
    return (f"'{text}' ist weder 'JJJJ-MM-TT HH:MM' (z. B. 2020-09-15 16:30) noch "
            "'JJJJ-MM-TT' für ganztägige Termine.")


def _in_range(value: _When, text: str) -> _When | str:
    # Calendars, time zones and feeds all break near year 1 or 9999; no content needs them.
    if FIRST_YEAR <= value.year <= LAST_YEAR:
        return value
    return (f"'{text}' liegt außerhalb der erlaubten Jahre {FIRST_YEAR} bis {LAST_YEAR}; "
            "Tippfehler im Jahr?")


def check_url(value: str) -> str | None:
    """Return a German message if ``value`` is not an absolute http(s) URL."""
    if URL_PATTERN.fullmatch(value):
        return None
    if not re.match(r"^https?://", value, flags=re.IGNORECASE):
        return (f"'{value}' ist keine Web-Adresse; erlaubt sind nur Adressen, die mit "
                "http:// oder https:// beginnen.")
    return f"'{value}' ist keine vollständige Web-Adresse (z. B. https://www.essen.de/)."


def check_slug(slug: str) -> str | None:
    """Return a German message if ``slug`` is not lowercase ``a-z0-9-``."""
    if SLUG_PATTERN.fullmatch(slug):
        return None
    return (f"Der Name '{slug}' ist ungültig: erlaubt sind Kleinbuchstaben a–z, Ziffern und "
            "einzelne Bindestriche dazwischen (z. B. 2020-09-meetup-essen).")


@cache
def timezone_names() -> frozenset[str]:
    """Return all IANA time zone names known to this Python (read once per process)."""
    return frozenset(available_timezones())


@cache
def sorted_timezone_names() -> tuple[str, ...]:
    """Return :func:`timezone_names` sorted, for suggestions."""
    return tuple(sorted(timezone_names()))


def zone(name: str) -> ZoneInfo:
    """Return the ZoneInfo for a name that validation has accepted."""
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError as error:  # validation makes this a bug, not a content error
        raise ValueError(f"unknown time zone {name!r}") from error
