"""The network's calendar: outside feeds (``data/feeds.yaml``) and their events.

A :class:`NetworkFeed` is one entry of the configuration; an :class:`ExternalEvent` is one
occurrence read from its snapshot (``data/external/<key>.ics``), already reduced to plain
text and to times in Europe/Berlin, so that nothing a partner's calendar says can reach a
page as markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from rebellab.kernel.fields import SLUG_PATTERN, Fields
from rebellab.kernel.references import References

HOME_ZONE = ZoneInfo("Europe/Berlin")
FEED_KEYS = ("key", "name", "url", "link", "topics", "partner", "include")
# Only the window that matters is expanded: from today to twelve months ahead.
WINDOW_MONTHS = 12


@dataclass(frozen=True)
class NetworkFeed:
    """One outside calendar the lab subscribes to."""

    key: str  # file name of the snapshot, a-z0-9-
    name: str  # shown as the source, and one CATEGORIES value in netzwerk.ics
    url: str  # where make fetch-feeds downloads it (http or https)
    link: str  # the source's own events page
    topics: tuple[str, ...] = ()
    partner: str | None = None
    include: tuple[str, ...] = ()  # keep only events mentioning one of these words

    @classmethod
    def from_mapping(cls, fields: Fields, refs: References) -> NetworkFeed | None:
        """Build from one list entry of ``data/feeds.yaml``; None if unusable."""
        key = fields.pattern("key", SLUG_PATTERN, "aus Kleinbuchstaben a–z, Ziffern und "
                                                  "Bindestrichen (z. B. impact-hub-ruhr)")
        if "key" not in fields.data:
            fields.raw("key", required=True)
        name = fields.text("name", required=True, max_length=80)
        url = fields.url("url", required=True)
        link = fields.url("link", required=True)
        feed = cls(key=key or "", name=name or "", url=url or "", link=link or "",
                   topics=fields.refs("topics", refs.topics, "Unbekanntes Thema",
                                      list_known=True),
                   partner=fields.ref("partner", refs.partners, "Unbekannter Partner",
                                      list_known=True),
                   include=fields.texts("include", max_length=60))
        fields.finish(FEED_KEYS)
        return feed if key and name and url and link else None

    def keeps(self, title: str, description: str) -> bool:
        """Whether an event passes the ``include`` words (none given: every event)."""
        if not self.include:
            return True
        text = f"{title}\n{description}".casefold()
        return any(word.casefold() in text for word in self.include)


@dataclass(frozen=True)
class ExternalEvent:
    """One occurrence of an outside event, as plain text and Berlin times.

    ``start``/``end`` are aware datetimes in Europe/Berlin, or dates for all-day events,
    where ``end`` is the last day, inclusive (as for the lab's own occurrences).
    """

    feed: NetworkFeed
    uid: str
    title: str
    start: date | datetime
    end: date | datetime
    url: str  # the event's own page, else the feed's link; always http(s)
    description: str = ""
    location: str = ""
    cancelled: bool = False
    recurrence_id: date | datetime | None = None  # set for occurrences of a series

    @property
    def all_day(self) -> bool:
        """True for events given as dates."""
        return not isinstance(self.start, datetime)

    @property
    def topics(self) -> tuple[str, ...]:
        """The feed's topics apply to every event of the feed."""
        return self.feed.topics

    @property
    def partners(self) -> tuple[str, ...]:
        """The feed's partner, if any."""
        return (self.feed.partner,) if self.feed.partner else ()

    def starts_at(self) -> datetime:
        """Start as an aware datetime (all-day: midnight in Berlin)."""
        return _aware(self.start)

    def ends_at(self) -> datetime:
        """End as an aware datetime (all-day: midnight after the last day)."""
        if isinstance(self.end, datetime):
            return self.end
        return _aware(self.end + timedelta(days=1))

    def identity(self) -> tuple[str, str]:
        """UID and occurrence: one instance of one event, whichever feed carries it."""
        moment = self.recurrence_id if self.recurrence_id is not None else self.start
        return self.uid, _instant(moment)


def same_title(title: str) -> str:
    """Title as compared for duplicates: case and spacing do not matter."""
    return re.sub(r"\s+", " ", title).strip().casefold()


def _instant(value: date | datetime) -> str:
    return value.isoformat() if not isinstance(value, datetime) else \
        value.astimezone(HOME_ZONE).isoformat()


def _aware(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, datetime.min.time(), tzinfo=HOME_ZONE)


def window_end(today: date) -> date:
    """Return the last day expanded: twelve months after ``today`` (clamped to the month)."""
    index = today.year * 12 + today.month - 1 + WINDOW_MONTHS
    year, month = divmod(index, 12)
    for day in range(today.day, 27, -1):
        try:
            return date(year, month + 1, day)
        except ValueError:
            continue
    return date(year, month + 1, min(today.day, 28))
