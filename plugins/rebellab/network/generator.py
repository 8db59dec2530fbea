"""Pelican side of the network's calendar: the only module here that touches files.

``generate_context`` shares the outside occurrences still to come (``network_upcoming``,
which the events listing and the topic and partner pages show beside the lab's own) and
announces ``netzwerk.ics`` for the subscribe page; ``generate_output`` writes that feed,
one widget page per calendar feed of the lab and the page that explains embedding.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup
from pelican.generators import Generator

from rebellab.events.feeds import Feed, in_window
from rebellab.events.links import subscribe_links
from rebellab.events.series import upcoming
from rebellab.network.ical import network_calendar_bytes
from rebellab.network.widget import widget_css
from rebellab.sitebase.csp import csp_policy
from rebellab.sitebase.output import write_bytes
from rebellab.sitebase.urls import absolute_url, setting_save_as, setting_url

WIDGET_COUNT = 5  # the next events a widget lists
NETWORK_GROUP = "netzwerk"


def widget_slug(feed: Feed) -> str:
    """``alle``, or the feed's axis and key (``format/meetup``), as in its .ics path."""
    return feed.group if not feed.key else f"{feed.group}/{feed.key}"


class NetworkGenerator(Generator):
    """Outside events in the shared context; ``netzwerk.ics``, widgets and /einbetten/."""

    def generate_context(self) -> None:
        """Share what is still to come from outside and the network feed for /kalender/."""
        lab, now = self.context["lab"], self.context["now"]
        self.outside = tuple(e for e in lab.network.events if e.ends_at() > now)
        self.own = tuple(in_window(lab.events, self.context["today"]))
        site = self.settings["SITENAME"]
        self.feed = Feed(self.settings["CALENDAR_FEED_NETWORK"],
                         f"{site}: mit Terminen aus dem Netzwerk",
                         f"Veranstaltungen des {site}s und Termine aus dem Netzwerk",
                         (*self.own, *self.outside), NETWORK_GROUP, NETWORK_GROUP)
        # Listings show the nearest outside dates only (NETWORK_LISTING_LIMIT): a busy
        # partner calendar must not push /veranstaltungen/ past its page-weight budget;
        # netzwerk.ics keeps them all.
        nearest = sorted(self.outside, key=lambda occurrence: occurrence.starts_at())
        self.context["network_upcoming"] = tuple(nearest[:self.settings["NETWORK_LISTING_LIMIT"]])
        self.context["network_total"] = len(nearest)
        self.context.setdefault("extra_calendar_feeds", []).append(self.feed)

    def generate_output(self, writer: Any) -> None:
        """``netzwerk.ics``, the widget pages and /einbetten/."""
        write_bytes(writer, self.feed.path, network_calendar_bytes(
            self.own, self.context["lab"].network.events, self.context["event_calendar"],
            name=self.feed.name, description_text=self.feed.description,
            feed_url=absolute_url(self.settings, self.feed.path)))
        css = widget_css(Path(self.settings["THEME"]) / "widget" / "widget.css")
        feeds = list(self.context.get("event_feeds", ()))
        for feed in feeds:
            self._write_widget(writer, feed, css)
        self._write_embed_page(writer, feeds)

    def _write_widget(self, writer: Any, feed: Feed, css: str) -> None:
        slug = widget_slug(feed)
        url = setting_url(self.settings, "WIDGET", slug=slug)
        coming = upcoming(feed.events, self.context["now"])[:WIDGET_COUNT]
        writer.write_file(setting_save_as(self.settings, "WIDGET", slug=slug),
                          self.get_template("widget/widget"), self.context, url=url,
                          page_url=url, feed=feed, occurrences=coming,
                          title=self._widget_title(feed), widget_css=Markup(css),
                          widget_csp=csp_policy(self.settings["WIDGET_CONTENT_SECURITY_POLICY"],
                                                [css]))

    def _widget_title(self, feed: Feed) -> str:
        if not feed.key:
            return f"Nächste Termine des {self.settings['SITENAME']}s"
        return f"Nächste Termine: {feed.name.split(': ', 1)[-1]}"

    def _write_embed_page(self, writer: Any, feeds: list[Feed]) -> None:
        widgets = [(feed, self._widget_title(feed),
                    absolute_url(self.settings, setting_url(self.settings, "WIDGET",
                                                            slug=widget_slug(feed))),
                    subscribe_links(absolute_url(self.settings, feed.path), feed.name),
                    widget_slug(feed))
                   for feed in feeds]
        url = self.settings["EMBED_URL"]
        writer.write_file(self.settings["EMBED_SAVE_AS"], self.get_template("events/embed"),
                          self.context, url=url, page_url=url, widgets=widgets,
                          events_url=absolute_url(self.settings, self.settings["EVENTS_URL"]),
                          calendar_url=absolute_url(self.settings,
                                                    self.settings["CALENDAR_URL"]))
