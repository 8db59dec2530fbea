"""Which events go into which calendar feed, and the Atom feed for feed readers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from feedgen.feed import FeedGenerator

from rebellab.events.ical import EPOCH, CalendarContext, summary
from rebellab.events.model import Event
from rebellab.events.series import display_occurrence, last_end
from rebellab.sitebase.dates import de_time, de_weekday_date
from rebellab.sitebase.markup import render_markdown

PAST_MONTHS = 6
ATOM_MAX_ENTRIES = 50


@dataclass(frozen=True)
class Feed:
    """One iCal feed: where it lives and what it holds."""

    path: str  # below the site root (CALENDAR_FEED_* settings)
    name: str  # calendar name shown in clients
    description: str
    events: tuple[Event, ...]
    group: str  # "alle", "format", "partner", "thema" (for the /kalender/ page)
    key: str = ""


def months_before(day: date, months: int) -> date:
    """Return the same day ``months`` earlier (clamped to the month's last day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def in_window(events: Iterable[Event], today: date) -> list[Event]:
    """Future events and those that ended in the last six months."""
    cutoff = datetime.combine(months_before(today, PAST_MONTHS), time(), tzinfo=UTC)
    return [event for event in events if (last_end(event) or cutoff) >= cutoff]


def calendar_feeds(events: Sequence[Event], today: date, *, formats: Mapping[str, str],
                   partners: Mapping[str, str], topics: Mapping[str, str],
                   site_name: str, paths: Mapping[str, Any]) -> list[Feed]:
    """Return the feed of all events plus one per format, partner and topic that has events.

    ``paths`` are the settings naming the files: ``CALENDAR_FEED_ALL`` and, formatted with
    the key as ``{slug}``, ``CALENDAR_FEED_FORMAT``, ``_PARTNER`` and ``_TOPIC``.
    """
    window = in_window(events, today)
    feeds = [Feed(paths["CALENDAR_FEED_ALL"], site_name,
                  f"Alle Veranstaltungen des {site_name}s", tuple(window), "alle")]
    axes = (("format", formats, lambda e: (e.format,), "Format", "CALENDAR_FEED_FORMAT"),
            ("partner", partners, lambda e: e.partners, "Partner", "CALENDAR_FEED_PARTNER"),
            ("thema", topics, lambda e: e.topics, "Thema", "CALENDAR_FEED_TOPIC"))
    for group, vocabulary, keys_of, label, setting in axes:
        for key, title in vocabulary.items():
            chosen = tuple(e for e in window if key in keys_of(e))
            if chosen:
                feeds.append(Feed(paths[setting].format(slug=key), f"{site_name}: {title}",
                                  f"Veranstaltungen des {site_name}s – {label}: {title}",
                                  chosen, group, key))
    return feeds


def atom_feed(events: Sequence[Event], context: CalendarContext, now: datetime, *,
              site_name: str, feed_url: str) -> bytes:
    """Atom feed of events, newest announced first (first commit of the event file)."""
    ordered = sorted(events, key=lambda e: (context.revision(e).created, e.slug),
                     reverse=True)[:ATOM_MAX_ENTRIES]
    generator = FeedGenerator()
    generator.id(feed_url)
    generator.title(f"Veranstaltungen – {site_name}")
    generator.subtitle("Neue und geänderte Veranstaltungen des Labors")
    generator.link(href=context.site_page("EVENTS"), rel="alternate")
    generator.link(href=feed_url, rel="self")
    generator.language("de")
    generator.author({"name": site_name})
    generator.generator("feedgen")
    newest = max((context.revision(e).modified for e in events), default=EPOCH)
    generator.updated(newest)
    # feedgen puts the last added entry first, so add oldest first.
    for event in reversed(ordered):
        _add_entry(generator, event, context, now)
    atom: bytes = generator.atom_str(pretty=True)
    return atom


def _when(event: Event, now: datetime) -> str:
    occurrence = display_occurrence(event, now)
    if occurrence is None:
        return ""
    text = de_weekday_date(occurrence.start)
    if isinstance(occurrence.start, datetime):
        text += f", {de_time(occurrence.start)} Uhr"
    return text


def _add_entry(generator: FeedGenerator, event: Event, context: CalendarContext,
               now: datetime) -> None:
    revision = context.revision(event)
    url = context.event_url(event)
    entry = generator.add_entry()
    entry.id(url)
    when = _when(event, now)
    entry.title(f"{summary(event)} ({when})" if when else summary(event))
    entry.link(href=url, rel="alternate")
    entry.published(revision.created)
    entry.updated(revision.modified)
    entry.category(term=event.format, label=context.formats.get(event.format, event.format))
    entry.content(str(render_markdown(event.description, shift_headings=1)), type="html")
