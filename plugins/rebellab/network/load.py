"""Read ``data/feeds.yaml`` and the snapshots in ``data/external/``: :func:`load_network`.

Called by the lab's composition (``rebellab.lab.load``), so that ``make check`` reports a
wrong feed entry or a snapshot that does not parse like any other content problem.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from rebellab.events.model import Event
from rebellab.events.series import occurrences
from rebellab.kernel.fields import Fields
from rebellab.kernel.problems import Problem
from rebellab.kernel.references import References
from rebellab.kernel.yamlfile import LineDict, LineList, load_data_file
from rebellab.network.model import ExternalEvent, NetworkFeed, same_title, window_end
from rebellab.network.snapshot import SnapshotError, feed_occurrences, read_snapshot

FEEDS_FILE = "data/feeds.yaml"
SNAPSHOTS = "data/external"


@dataclass(frozen=True)
class Network:
    """The configured feeds and their occurrences from today on (ours left out)."""

    feeds: tuple[NetworkFeed, ...] = ()
    events: tuple[ExternalEvent, ...] = ()


def snapshot_path(root: Path, key: str) -> Path:
    """Where the snapshot of feed ``key`` lives."""
    return root / SNAPSHOTS / f"{key}.ics"


def load_network(root: Path, refs: References, problems: list[Problem], today: date,
                 own_events: Sequence[Event]) -> Network:
    """Return the feeds and their occurrences from ``today`` to twelve months ahead."""
    feeds = read_feeds(root, refs, problems)
    read = []
    for feed in feeds:
        path = snapshot_path(root, feed.key)
        if not path.is_file():
            continue  # not fetched yet: make fetch-feeds writes it
        try:
            read.append((feed, read_snapshot(path.read_bytes(), feed, today,
                                             window_end(today))))
        except SnapshotError as error:
            problems.append(Problem(f"{SNAPSHOTS}/{path.name}", 1, str(error)))
    events = without_ours(feed_occurrences(read), own_events)
    return Network(feeds=feeds, events=tuple(events))


def read_feeds(root: Path, refs: References, problems: list[Problem]
               ) -> tuple[NetworkFeed, ...]:
    """Return the entries of ``data/feeds.yaml`` (none when the file is missing)."""
    data = load_data_file(root / FEEDS_FILE, FEEDS_FILE, LineList,
                          "Die Datei muss eine Liste sein: jeder Kalender beginnt mit "
                          "'- key: …'.", problems)
    if data is None:
        return ()
    feeds: list[NetworkFeed] = []
    seen: dict[str, int] = {}
    for item, line in zip(data, data.item_lines, strict=True):
        feed = _feed(item, line, refs, problems)
        if feed is None:
            continue
        if feed.key in seen:
            problems.append(Problem(FEEDS_FILE, line, f"Den Schlüssel '{feed.key}' hat schon "
                                                      f"der Kalender in Zeile {seen[feed.key]}."))
            continue
        seen[feed.key] = line
        feeds.append(feed)
    return tuple(feeds)


def _feed(item: object, line: int, refs: References, problems: list[Problem]
          ) -> NetworkFeed | None:
    if not isinstance(item, LineDict):
        problems.append(Problem(FEEDS_FILE, line, "Jeder Kalender braucht eingerückte "
                                                  "Schlüssel wie 'key', 'name', 'url' und "
                                                  "'link'."))
        return None
    before = len(problems)
    feed = NetworkFeed.from_mapping(Fields(item, FEEDS_FILE, problems, line=line), refs)
    return feed if len(problems) == before else None


def without_ours(events: Iterable[ExternalEvent], own_events: Sequence[Event]
                 ) -> list[ExternalEvent]:
    """Leave out what is also one of our events: the same UID, or the same title and start.

    Our file is the one the lab maintains, so the event appears once, as ours.
    """
    uids = {event.uid for event in own_events}
    starts: set[tuple[str, datetime]] = set()
    for event in own_events:
        for occurrence in occurrences(event):
            starts.add((same_title(event.title), occurrence.starts_at()))
    return [event for event in events if event.uid not in uids
            and (same_title(event.title), event.starts_at()) not in starts]
