"""Gate: every Atom and RSS feed of the site parses with feedparser without errors."""

from __future__ import annotations

import feedparser


def test_main_feeds_exist(site_output):
    for feed in ("feeds/all.atom.xml", "feeds/all.rss.xml"):
        assert (site_output / feed).is_file(), f"{feed} fehlt"


def test_every_feed_parses_without_errors(site_output):
    feeds = sorted([*site_output.rglob("*.atom.xml"), *site_output.rglob("*.rss.xml")])
    assert feeds, "keine Feeds (*.atom.xml, *.rss.xml) in der Ausgabe"
    problems = []
    for path in feeds:
        name = path.relative_to(site_output).as_posix()
        parsed = feedparser.parse(path.read_bytes())
        if parsed.bozo:
            problems.append(f"{name}: {parsed.bozo_exception}")
        elif not parsed.feed.get("title"):
            problems.append(f"{name}: Feed ohne Titel")
        for entry in parsed.entries:
            if not entry.get("link", "").startswith(("http://", "https://")):
                problems.append(f"{name}: Eintrag {entry.get('title')!r} ohne absoluten Link")
    assert not problems, "Fehlerhafte Feeds:\n" + "\n".join(problems)
