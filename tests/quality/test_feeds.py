"""Gate: every Atom and RSS feed of the site parses with feedparser without errors."""

from __future__ import annotations

from pathlib import Path

import feedparser


def test_main_feeds_exist(site_output):
    for feed in ("feeds/all.atom.xml", "feeds/all.rss.xml"):
        assert (site_output / feed).is_file(), f"{feed} fehlt"


def feed_problems(output: Path) -> list[str]:
    """Every feed under ``output`` that feedparser cannot read cleanly, with the reason."""
    problems = []
    for path in sorted([*output.rglob("*.atom.xml"), *output.rglob("*.rss.xml")]):
        name = path.relative_to(output).as_posix()
        parsed = feedparser.parse(path.read_bytes())
        if parsed.bozo:
            problems.append(f"{name}: {parsed.bozo_exception}")
        elif not parsed.feed.get("title"):
            problems.append(f"{name}: Feed ohne Titel")
        for entry in parsed.entries:
            if not entry.get("link", "").startswith(("http://", "https://")):
                problems.append(f"{name}: Eintrag {entry.get('title')!r} ohne absoluten Link")
    return problems


def test_every_feed_parses_without_errors(site_output):
    assert [*site_output.rglob("*.atom.xml")], "keine Atom-Feeds in der Ausgabe"
    problems = feed_problems(site_output)
    assert not problems, "Fehlerhafte Feeds:\n" + "\n".join(problems)
