"""Pelican side of the events capability: the only module that touches files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.generators import Generator

from rebellab.events.feeds import Feed, atom_feed, calendar_feeds
from rebellab.events.history import file_revisions
from rebellab.events.ical import CalendarContext, calendar_bytes, event_bytes
from rebellab.events.jsonld import event_jsonld, script_json
from rebellab.events.links import google_event_link, outlook_event_link, subscribe_links
from rebellab.events.model import Event
from rebellab.events.opendata import events_document
from rebellab.events.series import (
    display_occurrence,
    iter_months,
    occurrences,
    past,
    registration_status,
    upcoming,
)

ARCHIVE_PAGE_SIZE = 20
HOME_COUNT = 3
ATOM_PATH = "feeds/veranstaltungen.atom.xml"
DATA_PATH = "daten/veranstaltungen.json"


class EventsGenerator(Generator):
    """Builds the event model views in ``generate_context``; writes pages and feeds later."""

    def generate_context(self) -> None:
        """Occurrences, feeds and history; shares ``upcoming_occurrences``/``home_events``."""
        lab = self.context["lab"]
        self.lab = lab
        self.host_names = {profile.slug: profile.name for profile in lab.profiles}
        self.now = self.context["now"]
        self.site_url = self.settings["SITE_ABSOLUTE_URL"].rstrip("/")
        root = Path(self.settings["DATA_PATH"]).resolve()
        revisions = file_revisions(root / "events")
        self.calendar = CalendarContext(
            site_url=self.site_url,
            formats={key: f.title for key, f in lab.formats.items()},
            topics={key: t.title for key, t in lab.topics.items()},
            revisions={Path(name).stem: rev for name, rev in revisions.items()},
        )
        self.events: tuple[Event, ...] = tuple(sorted(lab.events, key=lambda e: e.slug))
        self.upcoming = upcoming(self.events, self.now)
        self.past = past(self.events, self.now)
        self.feeds = calendar_feeds(
            self.events, self.context["today"], formats=self.calendar.formats,
            partners={key: p.name for key, p in lab.partners.items()},
            topics=self.calendar.topics, site_name=self.settings["SITENAME"])
        self.context.update(upcoming_occurrences=self.upcoming,
                            home_events=self.upcoming[:HOME_COUNT],
                            event_feeds=self.feeds)

    def generate_output(self, writer: Any) -> None:
        """Pages, per-event ``termin.ics``, calendar feeds, Atom and open data."""
        self._write_index(writer)
        self._write_archive(writer)
        for event in self.events:
            self._write_event(writer, event)
        self._write_calendar_page(writer)
        self._write_data_page(writer)
        for feed in self.feeds:
            self._write_bytes(feed.path, self._feed_bytes(feed))
        self._write_bytes(ATOM_PATH, atom_feed(
            self.events, self.calendar, self.now, site_name=self.settings["SITENAME"],
            feed_url=f"{self.site_url}/{ATOM_PATH}"))
        self._write_bytes(DATA_PATH, events_document(
            self.events, self.calendar, self.lab.partners, site_name=self.settings["SITENAME"]))

    # -- pages -------------------------------------------------------------------------
    def _write_index(self, writer: Any) -> None:
        writer.write_file("veranstaltungen/index.html", self.get_template("events/index"),
                          self.context, url="veranstaltungen/",
                          page_url="veranstaltungen/", months=list(iter_months(self._listing())),
                          archive_count=len(self.past))

    def _listing(self) -> list[Any]:
        """Upcoming events for the overview: a series appears with its next date only."""
        seen: set[str] = set()
        listing = []
        for occurrence in self.upcoming:
            if occurrence.event.slug not in seen:
                seen.add(occurrence.event.slug)
                listing.append(occurrence)
        return listing

    def _write_archive(self, writer: Any) -> None:
        pages = [self.past[i:i + ARCHIVE_PAGE_SIZE]
                 for i in range(0, len(self.past), ARCHIVE_PAGE_SIZE)] or [[]]
        for number, chunk in enumerate(pages, start=1):
            url = _archive_url(number)
            writer.write_file(f"{url}index.html", self.get_template("events/archive"),
                              self.context, url=url, page_url=url,
                              archive=[display_occurrence(e, self.now) for e in chunk],
                              page_number=number, page_count=len(pages),
                              previous_url=_archive_url(number - 1) if number > 1 else None,
                              next_url=_archive_url(number + 1) if number < len(pages)
                              else None)

    def _write_event(self, writer: Any, event: Event) -> None:
        url = f"veranstaltungen/{event.slug}/"
        page_url = self.calendar.event_url(event)
        featured = display_occurrence(event, self.now)
        status = registration_status(event, self.now)
        extra = {
            "event": event, "occurrence": featured, "dates": occurrences(event),
            "page_url": url, "registration_state": status,
            "format": self.lab.formats.get(event.format),
            "method": event.method or getattr(self.lab.formats.get(event.format), "method",
                                              None),
            "hosts": [self._profile(slug) for slug in event.hosts],
            "ics_url": f"{url}termin.ics",
        }
        if featured is not None:
            extra.update(
                google_link=google_event_link(featured, page_url),
                outlook_personal_link=outlook_event_link(featured, page_url, "personal"),
                outlook_work_link=outlook_event_link(featured, page_url, "work"),
                jsonld=script_json(event_jsonld(
                    featured, page_url=page_url, partners=self.lab.partners,
                    registration_status=status, site_name=self.settings["SITENAME"],
                    site_url=self.site_url)))
        writer.write_file(f"{url}index.html", self.get_template("events/event"),
                          self.context, url=url, **extra)
        self._write_bytes(f"{url}termin.ics", event_bytes(event, self.calendar))

    def _profile(self, slug: str) -> tuple[str, str]:
        """(slug, display name) of a host; the slug stands in when the profile is missing."""
        return slug, self.host_names.get(slug, slug)

    def _write_calendar_page(self, writer: Any) -> None:
        groups: dict[str, list[tuple[Feed, Any]]] = {}
        for feed in self.feeds:
            links = subscribe_links(f"{self.site_url}/{feed.path}", feed.name)
            groups.setdefault(feed.group, []).append((feed, links))
        writer.write_file("kalender/index.html", self.get_template("events/calendar"),
                          self.context, url="kalender/", page_url="kalender/",
                          feed_groups=groups)

    def _write_data_page(self, writer: Any) -> None:
        writer.write_file("daten/index.html", self.get_template("events/data"),
                          self.context, url="daten/", page_url="daten/",
                          data_url=DATA_PATH, event_count=len(self.events))

    # -- files -------------------------------------------------------------------------
    def _feed_bytes(self, feed: Feed) -> bytes:
        return calendar_bytes(feed.events, self.calendar, name=feed.name,
                              description=feed.description,
                              feed_url=f"{self.site_url}/{feed.path}")

    def _write_bytes(self, relative: str, data: bytes) -> None:
        path = Path(self.output_path) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _archive_url(number: int) -> str:
    return "veranstaltungen/archiv/" if number <= 1 else \
        f"veranstaltungen/archiv/seite/{number}/"
