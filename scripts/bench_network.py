"""Measure the network's calendar (issue 14): fetching feeds and building with outside events.

Generates ``--feeds`` calendars of ``--events`` events each (singles with HTML descriptions
and Berlin times), serves them on 127.0.0.1, times ``scripts/fetch_feeds.py`` twice (the
second run answers 304 from the stored ETags), then copies the repository's content and
data twice into a temporary folder and times ``scripts/build.py`` without and with
``--outside`` outside events in snapshots. Prints one line per figure; medians of
``--rounds`` builds.

    python scripts/bench_network.py [--feeds 10] [--events 50] [--outside 500] [--rounds 3]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-24"
FEEDS_PER_BUILD = 5


def calendar_text(number: int, events: int) -> str:
    """One synthetic feed: events spread over the next eleven months."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//Messung {number}//DE"]
    first = datetime(2026, 12, 1, 9)
    for index in range(events):
        start = first + timedelta(days=(index * 3 + number) % 330, hours=index % 8)
        lines += ["BEGIN:VEVENT", f"UID:messung-{number}-{index}@feeds.example",
                  "DTSTAMP:20261124T000000Z",
                  f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%dT%H%M%S}",
                  f"DTEND;TZID=Europe/Berlin:{start + timedelta(hours=2):%Y%m%dT%H%M%S}",
                  f"SUMMARY:Termin {index} aus Quelle {number}",
                  f"DESCRIPTION:<p>Beschreibung {index} mit <b>HTML</b>.</p>",
                  f"URL:https://quelle{number}.example/termine/{index}", "END:VEVENT"]
    return "\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n"


def feeds_yaml(count: int, base: str) -> str:
    """``data/feeds.yaml`` naming ``count`` feeds below ``base``."""
    return "".join(f"- key: quelle-{n}\n  name: Quelle {n}\n  url: {base}/quelle-{n}.ics\n"
                   f"  link: https://quelle{n}.example/\n" for n in range(count))


def lab_copy(target: Path) -> Path:
    """Copy the repository's content and data to ``target``."""
    for folder in ("content", "data"):
        shutil.copytree(REPO / folder, target / folder)
    return target


def timed(command: list[str], env: dict[str, str]) -> float:
    """Seconds a command takes; it must succeed."""
    started = time.monotonic()
    subprocess.run(command, env=env, cwd=REPO, check=True, capture_output=True)
    return time.monotonic() - started


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the generated feeds without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:
        """Say nothing."""


def measure_fetch(work: Path, feeds: int, events: int) -> tuple[float, float]:
    """Seconds of a first fetch and of a second one (304 everywhere)."""
    served = work / "served"
    served.mkdir()
    for number in range(feeds):
        (served / f"quelle-{number}.ics").write_text(calendar_text(number, events), "utf-8")
    handler = functools.partial(_Quiet, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = lab_copy(work / "fetch")
    (root / "data" / "feeds.yaml").write_text(
        feeds_yaml(feeds, f"http://127.0.0.1:{server.server_address[1]}"), "utf-8")
    env = {**os.environ, "FEEDS_ALLOW_PRIVATE": "1", "SITE_TODAY": TODAY}
    command = [sys.executable, str(REPO / "scripts" / "fetch_feeds.py"), "--root", str(root)]
    try:
        return timed(command, env), timed(command, env)
    finally:
        server.shutdown()


def measure_build(work: Path, outside: int, rounds: int) -> tuple[float, float]:
    """Median seconds of a build without and with ``outside`` outside events."""
    sys.path.insert(0, str(REPO / "plugins"))
    from rebellab.network.snapshot import normalised_snapshot

    plain, network = lab_copy(work / "ohne"), lab_copy(work / "mit")
    (network / "data" / "feeds.yaml").write_text(feeds_yaml(FEEDS_PER_BUILD, "https://q.example"),
                                                 "utf-8")
    (network / "data" / "external").mkdir(exist_ok=True)
    for number in range(FEEDS_PER_BUILD):
        text = calendar_text(number, outside // FEEDS_PER_BUILD)
        (network / "data" / "external" / f"quelle-{number}.ics").write_bytes(
            normalised_snapshot(text.encode()))
    medians = []
    for root in (plain, network):
        env = {**os.environ, "SITE_TODAY": TODAY, "LAB_ROOT": str(root)}
        times = [timed([sys.executable, str(REPO / "scripts" / "build.py"), "--root", str(root),
                        "--output", str(root.parent / f"{root.name}-out-{n}"), "--no-search",
                        "--quiet"], env) for n in range(rounds)]
        medians.append(statistics.median(times))
    return medians[0], medians[1]


def main() -> int:
    """Run both measurements and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=10)
    parser.add_argument("--events", type=int, default=50)
    parser.add_argument("--outside", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-network-") as folder:
        work = Path(folder)
        first, again = measure_fetch(work, args.feeds, args.events)
        print(f"fetch-feeds, {args.feeds} lokale Kalender mit je {args.events} Terminen: "
              f"{first:.2f} s, erneut (304): {again:.2f} s")
        plain, network = measure_build(work, args.outside, args.rounds)
        print(f"Build ohne Netzwerk: {plain:.2f} s, mit {args.outside} Terminen aus dem "
              f"Netzwerk: {network:.2f} s (Median aus {args.rounds})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
