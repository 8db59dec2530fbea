"""Occurrences, upcoming lists, registration status, Atom order: pure functions."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import feedparser

from rebellab.events import series
from rebellab.events.display import is_past
from rebellab.events.feeds import atom_feed, in_window, months_before
from rebellab.events.ical import CalendarContext, Revision
from rebellab.events.model import Registration, Repeat
from rebellab.events.series import occurrences, registration_status, upcoming
from rebellab.kernel import today
from tests.events.test_ical import make_event
from tests.support.settings import SETTINGS

BERLIN = ZoneInfo("Europe/Berlin")


def test_monthly_series_skips_months_without_the_day_like_rrule() -> None:
    event = make_event(start=datetime(2027, 1, 31, 10), end=datetime(2027, 1, 31, 11),
                       repeat=Repeat("monthly", count=3))
    assert [o.start.date() for o in occurrences(event)] == [
        date(2027, 1, 31), date(2027, 3, 31), date(2027, 5, 31)]


def test_occurrences_are_aware_and_keep_wall_time_across_dst() -> None:
    event = make_event(start=datetime(2027, 3, 23, 18), end=datetime(2027, 3, 23, 19),
                       repeat=Repeat("weekly", count=2))
    first, second = occurrences(event)
    assert first.start.utcoffset() != second.start.utcoffset()
    assert (first.start.hour, second.start.hour) == (18, 18)


def test_a_series_is_expanded_once_and_each_caller_gets_its_own_list(monkeypatch) -> None:
    expanded = []
    real = series.series_starts

    def counting(event):  # type: ignore[no-untyped-def]
        expanded.append(event.slug)
        return real(event)

    monkeypatch.setattr(series, "series_starts", counting)
    event = make_event(start=datetime(2027, 3, 2, 18), end=datetime(2027, 3, 2, 19),
                       repeat=Repeat("weekly", count=4, exclude=(date(2027, 3, 9),)))
    first = occurrences(event)
    first.pop()  # a caller's change stays its own
    second = occurrences(event)
    assert [o.start.day for o in second] == [2, 16, 23]
    assert len(first) == 2 and second is not occurrences(event)
    assert expanded == [event.slug]


def test_upcoming_sorted_and_only_not_yet_ended() -> None:
    now = datetime(2026, 11, 24, 12, tzinfo=BERLIN)
    late = make_event(slug="b", start=datetime(2027, 1, 1, 10), end=datetime(2027, 1, 1, 11))
    soon = make_event(slug="a", start=datetime(2026, 12, 1, 10), end=datetime(2026, 12, 1, 11))
    running = make_event(slug="c", start=datetime(2026, 11, 24, 11),
                         end=datetime(2026, 11, 24, 13))
    gone = make_event(slug="d", start=datetime(2026, 11, 1, 10), end=datetime(2026, 11, 1, 11))
    assert [o.event.slug for o in upcoming([late, soon, running, gone], now)] == ["c", "a", "b"]


def test_registration_closes_after_deadline_and_at_start() -> None:
    registration = Registration("https://example.org/form", deadline=date(2026, 11, 30))
    event = make_event(start=datetime(2026, 12, 5, 10), end=datetime(2026, 12, 5, 12),
                       registration=registration)
    assert registration_status(event, datetime(2026, 11, 30, 23, tzinfo=BERLIN)) == "open"
    assert registration_status(event, datetime(2026, 12, 1, 0, 30, tzinfo=BERLIN)) == "closed"
    no_deadline = make_event(start=datetime(2026, 12, 5, 10), end=datetime(2026, 12, 5, 12),
                             registration=Registration("https://example.org/f", status="full"))
    assert registration_status(no_deadline, datetime(2026, 12, 5, 9, tzinfo=BERLIN)) == "full"
    assert registration_status(no_deadline, datetime(2026, 12, 5, 10, tzinfo=BERLIN)) == \
        "closed"
    assert registration_status(make_event(), datetime(2026, 1, 1, tzinfo=BERLIN)) is None


def test_the_builds_now_is_the_quarter_hour_and_answers_like_the_exact_time(monkeypatch) -> None:
    """Without SITE_TODAY, "now" is the real time rounded down to its quarter hour."""
    monkeypatch.delenv("SITE_TODAY", raising=False)
    clock = datetime(2026, 12, 5, 10, 44, 59, 999, tzinfo=BERLIN)

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
            return clock.astimezone(tz)

    monkeypatch.setattr(today, "datetime", Clock)
    assert today.site_now() == datetime(2026, 12, 5, 10, 30, tzinfo=BERLIN)
    assert today.site_today() == date(2026, 12, 5)
    # The autumn's repeated hour keeps its offset: 02:40 CET is not 02:30 CEST.
    second = datetime(2026, 10, 25, 2, 40, tzinfo=BERLIN, fold=1)
    assert today.step_of(second).utcoffset() == second.utcoffset()
    # Event times on the grid (an event, a series' dates, a registration that closes at the
    # start) get the same answers from the step as from every moment of it.
    registration = Registration("https://example.org/form")
    event = make_event(start=datetime(2026, 12, 5, 10, 15), end=datetime(2026, 12, 5, 10, 45),
                       registration=registration)
    (occurrence,) = occurrences(event)
    for minute in range(0, 60):
        for second_ in (0, 59):
            exact = datetime(2026, 12, 5, 10, minute, second_, tzinfo=BERLIN)
            step = today.step_of(exact)
            assert is_past(occurrence, step) == is_past(occurrence, exact), exact
            assert registration_status(event, step) == registration_status(event, exact), exact


def test_feed_window_is_six_months_back() -> None:
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    old = make_event(slug="old", start=datetime(2026, 5, 20, 10), end=datetime(2026, 5, 20, 11))
    recent = make_event(slug="new", start=datetime(2026, 5, 25, 10),
                        end=datetime(2026, 5, 25, 11))
    assert [e.slug for e in in_window([old, recent], date(2026, 11, 24))] == ["new"]


def test_atom_lists_newest_announced_first() -> None:
    events = [make_event(slug=s, uid=f"{s}@x") for s in ("first", "second", "third")]
    revisions = {s: Revision(datetime(2026, 1, n, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC))
                 for n, s in ((1, "first"), (3, "second"), (2, "third"))}
    context = CalendarContext("https://example.org", {"meetup": "Meetup"}, {}, revisions,
                              SETTINGS)
    xml = atom_feed(events, context, datetime(2026, 11, 24, tzinfo=UTC), site_name="Labor",
                    feed_url="https://example.org/feeds/veranstaltungen.atom.xml")
    entries = feedparser.parse(xml).entries
    assert [e.link.rsplit("/", 2)[1] for e in entries] == ["second", "third", "first"]
    assert xml == atom_feed(events, context, datetime(2026, 11, 24, tzinfo=UTC),
                            site_name="Labor",
                            feed_url="https://example.org/feeds/veranstaltungen.atom.xml")
