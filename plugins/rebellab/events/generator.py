"""Pelican side of the events capability: the only module that touches files."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from rebellab.events.feeds import Feed, atom_feed, calendar_feeds
from rebellab.events.history import file_revisions
from rebellab.events.ical import CalendarContext, Revision, calendar_bytes, event_bytes
from rebellab.events.jsonld import event_jsonld
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
from rebellab.sitebase.fingerprint import lazy
from rebellab.sitebase.jsonld import script_json_of
from rebellab.sitebase.output import write_derived
from rebellab.sitebase.pagination import paginate
from rebellab.sitebase.urls import absolute_url, setting_save_as, setting_url

ARCHIVE_PAGE_SIZE = 20
HOME_COUNT = 3


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
            urls=self.settings,
        )
        self.events: tuple[Event, ...] = tuple(sorted(lab.events, key=lambda e: e.slug))
        self.upcoming = upcoming(self.events, self.now)
        self.past = past(self.events, self.now)
        self.feeds = calendar_feeds(
            self.events, self.context["today"], formats=self.calendar.formats,
            partners={key: p.name for key, p in lab.partners.items()},
            topics=self.calendar.topics, site_name=self.settings["SITENAME"],
            paths=self.settings)
        self.context.update(upcoming_occurrences=self.upcoming,
                            home_events=self.upcoming[:HOME_COUNT],
                            event_feeds=self.feeds, event_calendar=self.calendar)

    def generate_output(self, writer: Any) -> None:
        """Pages, per-event ``termin.ics``, calendar feeds, Atom and open data."""
        self._write_index(writer)
        self._write_archive(writer)
        for event in self.events:
            self.write_event(writer, event)
        self._write_calendar_page(writer)
        self._write_data_page(writer)
        # Files made only when their inputs changed (a warm build links the others).
        for feed in self.feeds:
            write_derived(writer, feed.path, lazy(
                calendar_bytes, feed.events, self.calendar, name=feed.name,
                description=feed.description, feed_url=absolute_url(self.settings, feed.path)))
        atom_path = self.settings["EVENTS_FEED_ATOM"]
        write_derived(writer, atom_path, lazy(
            atom_feed, self.events, self.calendar, self.now, site_name=self.settings["SITENAME"],
            feed_url=absolute_url(self.settings, atom_path)))
        write_derived(writer, self.settings["EVENTS_DATA_SAVE_AS"], lazy(
            events_document, self.events, self.calendar, self.lab.partners,
            site_name=self.settings["SITENAME"]))

    # -- pages -------------------------------------------------------------------------
    def _write_index(self, writer: Any) -> None:
        """Write the listing; with outside events (``network_upcoming``) also a lab-only twin.

        Two static lists let readers choose without JavaScript: ``EVENTS_URL`` shows the
        lab's events with the network's beside them, ``EVENTS_LAB_ONLY_URL`` only ours.
        """
        own = self._listing()
        outside = list(self.context.get("network_upcoming", ()))
        views = [("EVENTS", sorted(own + outside, key=_start_key), "netzwerk")]
        if outside:
            views.append(("EVENTS_LAB_ONLY", own, "labor"))
        for name, listing, view in views:
            url = self.settings[f"{name}_URL"]
            writer.write_file(self.settings[f"{name}_SAVE_AS"],
                              self.get_template("events/index"), self.context, url=url,
                              page_url=url, months=list(iter_months(listing)),
                              archive_count=len(self.past), network_view=view,
                              network_count=len(outside),
                              network_more=self.context.get("network_total", 0) - len(outside))

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
        pages = paginate(self.past, url=self.settings["EVENT_ARCHIVE_URL"],
                         save_as=self.settings["EVENT_ARCHIVE_SAVE_AS"],
                         per_page=ARCHIVE_PAGE_SIZE, settings=self.settings)
        for page in pages:
            writer.write_file(page.save_as, self.get_template("events/archive"),
                              self.context, url=page.url, page_url=page.url, page=page,
                              archive=[display_occurrence(e, self.now) for e in page.items])

    def write_event(self, writer: Any, event: Event, revision: Revision | None = None) -> None:
        """Write one event's page and its calendar file (``termin.ics``).

        ``revision`` replaces the one the build found (make serve's preview of a changed file).
        """
        url = event.url(self.settings)
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
            "ics_url": setting_url(self.settings, "EVENT_ICS", slug=event.slug),
        }
        if featured is not None:
            # Computed only when the page is rendered (a warm build reuses most pages).
            extra.update(
                google_link=lazy(google_event_link, featured, page_url),
                outlook_personal_link=lazy(outlook_event_link, featured, page_url, "personal"),
                outlook_work_link=lazy(outlook_event_link, featured, page_url, "work"),
                jsonld=lazy(script_json_of, event_jsonld,
                            featured, page_url=page_url, partners=self.lab.partners,
                            registration_status=status, site_name=self.settings["SITENAME"],
                            site_url=self.site_url))
        writer.write_file(event.save_as(self.settings), self.get_template("events/event"),
                          self.context, url=url, **extra)
        # The calendar context narrowed to this event's revision: the file then depends on
        # its own event only (page fingerprints, rebellab.sitebase.incremental).
        calendar = replace(self.calendar,
                           revisions={event.slug: revision or self.calendar.revision(event)})
        write_derived(writer, setting_save_as(self.settings, "EVENT_ICS", slug=event.slug),
                      lazy(event_bytes, event, calendar))

    def _profile(self, slug: str) -> tuple[str, str]:
        """(slug, display name) of a host; the slug stands in when the profile is missing."""
        return slug, self.host_names.get(slug, slug)

    def _write_calendar_page(self, writer: Any) -> None:
        groups: dict[str, list[tuple[Feed, Any]]] = {}
        for feed in [*self.feeds, *self.context.get("extra_calendar_feeds", ())]:
            links = subscribe_links(absolute_url(self.settings, feed.path), feed.name)
            groups.setdefault(feed.group, []).append((feed, links))
        url = self.settings["CALENDAR_URL"]
        writer.write_file(self.settings["CALENDAR_SAVE_AS"], self.get_template("events/calendar"),
                          self.context, url=url, page_url=url, feed_groups=groups)

    def _write_data_page(self, writer: Any) -> None:
        url = self.settings["OPEN_DATA_URL"]
        writer.write_file(self.settings["OPEN_DATA_SAVE_AS"], self.get_template("events/data"),
                          self.context, url=url, page_url=url, event_count=len(self.events))

    # -- files -------------------------------------------------------------------------

def _start_key(occurrence: Any) -> tuple[Any, str]:
    """Soonest first; the lab's and outside occurrences both answer ``starts_at()``."""
    return occurrence.starts_at(), getattr(occurrence, "title", None) or occurrence.event.title
