"""The output scanner flags every kind of hazard and passes harmless output."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tests.fuzz.scan import (
    Context,
    hazards,
    hosts_in,
    scan_feed,
    scan_html,
    scan_ical,
    scan_json_text,
    scan_search_record,
    scan_svg,
)

CONTEXT = Context(asked=frozenset({"asked.example"}), site_hosts=frozenset({"localhost:8000"}))
PAGE = "<!doctype html><html><head>{head}</head><body>{body}</body></html>"

HTML_HAZARDS = {
    "inline-script": "<script>alert(1)</script>",
    "foreign-script": '<script src="https://evil.example/x.js"></script>',
    "protocol-relative-script": '<script src="//evil.example/x.js"></script>',
    "module-script": '<script type="module">import "x"</script>',
    "handler": '<img src="/x.png" onerror="alert(1)">',
    "handler-upper-case": '<p ONCLICK="alert(1)">x</p>',
    "javascript-link": '<a href="javascript:alert(1)">x</a>',
    "entity-tab-link": '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "mixed-case-link": '<a href="JaVaScRiPt:alert(1)">x</a>',
    "leading-control-link": '<a href="\x01 javascript:alert(1)">x</a>',
    "vbscript-link": '<a href="vbscript:msgbox(1)">x</a>',
    "data-link": '<a href="data:text/html,x">x</a>',
    "form-action": '<form action="javascript:alert(1)"></form>',
    "formaction": '<button formaction="javascript:alert(1)">x</button>',
    "svg-xlink": '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
    "foreign-image": '<img src="https://evil.example/x.png">',
    "backslash-image": '<img src="/\\evil.example/x.png">',
    "foreign-srcset": '<img src="/x.png" srcset="/a.png 1x, https://evil.example/b.png 2x">',
    "foreign-poster": '<video poster="https://evil.example/p.png"></video>',
    "asked-host-image": '<img src="https://asked.example/x.png">',
    "foreign-link-not-asked": '<a href="https://evil.example/">x</a>',
    "iframe": '<iframe src="/x"></iframe>',
    "object": '<object data="/x"></object>',
    "embed": '<embed src="/x">',
    "base": '<base href="/">',
    "style-url": '<p style="background:url(https://evil.example/x)">x</p>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=/x">',
    "json-ld-breakout": '<script type="application/ld+json">{"a": "</script>"}</script>',
    "json-ld-broken": '<script type="application/ld+json">{"a": </script>',
    "json-ld-javascript-url": '<script type="application/ld+json">{"url": "javascript:x"}'
                              "</script>",
}
HEAD_HAZARDS = {"foreign-stylesheet": '<link rel="stylesheet" href="https://evil.example/x">'}
HARMLESS_PAGE = PAGE.format(
    head='<link rel="stylesheet" href="/theme/css/site.css"><link rel="canonical" '
         'href="http://localhost:8000/"><meta http-equiv="Content-Security-Policy" '
         'content="default-src \'self\'"><script src="/theme/js/search.js" defer></script>'
         '<script type="application/ld+json">{"url": "http://localhost:8000/x", '
         '"sameAs": "https://asked.example/"}</script>',
    body='<a href="https://asked.example/x">x</a><a href="/x">x</a><a href="mailto:a@b.de">'
         'x</a><img src="/x.png" srcset="/a.png 1x"><p>&lt;script&gt;alert(1)&lt;/script&gt;'
         " javascript:alert(1)</p>")


@pytest.mark.parametrize("name", sorted(HTML_HAZARDS))
def test_each_html_hazard_is_flagged(name: str) -> None:
    assert scan_html(PAGE.format(head="", body=HTML_HAZARDS[name]), CONTEXT), name


@pytest.mark.parametrize("name", sorted(HEAD_HAZARDS))
def test_each_head_hazard_is_flagged(name: str) -> None:
    assert scan_html(PAGE.format(head=HEAD_HAZARDS[name], body=""), CONTEXT), name


def test_harmless_page_passes() -> None:
    assert scan_html(HARMLESS_PAGE, CONTEXT) == []


ATOM = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        '<link href="{link}" rel="alternate"/><entry><title>T</title>'
        '<content type="html">{content}</content></entry></feed>')


@pytest.mark.parametrize(("link", "content"), [
    ("http://localhost:8000/", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("http://localhost:8000/", "&lt;img src=x onerror=alert(1)&gt;"),
    ("http://localhost:8000/", "&lt;img src=https://evil.example/x.png&gt;"),
    ("http://localhost:8000/", "&lt;a href=javascript:alert(1)&gt;x&lt;/a&gt;"),
    ("javascript:alert(1)", "&lt;p&gt;x&lt;/p&gt;"),
    ("http://localhost:8000/", "<unclosed>"),
], ids=["script", "handler", "foreign-image", "javascript-link", "javascript-feed-link",
        "broken-xml"])
def test_feed_hazards_are_flagged(link: str, content: str) -> None:
    assert scan_feed(ATOM.format(link=link, content=content).encode(), CONTEXT)


def test_harmless_feed_passes() -> None:
    feed = ATOM.format(link="http://localhost:8000/",
                       content="&lt;p&gt;&amp;lt;script&amp;gt; als Text&lt;/p&gt;")
    assert scan_feed(feed.encode(), CONTEXT) == []


ICAL = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//DE\r\nBEGIN:VEVENT\r\n"
        "UID:a@b\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260101T100000Z\r\n{line}\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n")


@pytest.mark.parametrize("line", [
    "URL:javascript:alert(1)", "ATTACH:data:text/html,x", "URL;VALUE=URI:vbscript:x",
    "CONFERENCE;VALUE=URI:ftp://evil.example/", "X-ALT-DESC;FMTTYPE=text/html:<script>x</script>",
])
def test_ical_hazards_are_flagged(line: str) -> None:
    assert scan_ical(ICAL.format(line=line).encode(), CONTEXT)


def test_harmless_ical_passes() -> None:
    line = "URL;VALUE=URI:https://asked.example/x\r\nDESCRIPTION:<script> als Text"
    zone = ("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:STANDARD\r\n"
            "DTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
            "END:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT")
    calendar = ICAL.format(line=line).replace("BEGIN:VEVENT", zone)
    assert scan_ical(calendar.encode(), CONTEXT) == []


@pytest.mark.parametrize("text", [
    '{"url": "javascript:alert(1)"}', '{"image": "https://evil.example/x.png"}',
    '[{"contact": {"website": "  JAVASCRIPT:x"}}]', '{"sameAs": ["https://evil.example/"]}',
    "{broken",
])
def test_json_hazards_are_flagged(text: str) -> None:
    assert scan_json_text(text, CONTEXT)


def test_harmless_json_passes() -> None:
    text = '{"name": "javascript:alert(1)", "url": "https://asked.example/", "image": "/x.png"}'
    assert scan_json_text(text, CONTEXT) == []


def record(**fields: object) -> bytes:
    data = {"url": "/x/", "content": "Text", "meta": {"title": "T"}, **fields}
    return gzip.compress(b"pagefind_dcd" + json.dumps(data).encode())


@pytest.mark.parametrize("fields", [
    {"url": "javascript:alert(1)"}, {"url": "https://evil.example/"},
    {"url": "//evil.example/x"}, {"meta": {"title": "T", "image": "javascript:x"}},
    {"meta": {"title": "T", "image": "https://evil.example/x.png"}},
])
def test_search_record_hazards_are_flagged(fields: dict) -> None:
    assert scan_search_record(record(**fields), CONTEXT)


def test_search_record_text_is_text_as_pagefind_escapes_it() -> None:
    content = "<img src=x onerror=alert(1)> &lt;script&gt; als Text"
    assert scan_search_record(record(content=content, meta={"title": "<b>"}), CONTEXT) == []


@pytest.mark.parametrize("svg", [
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    '<image xlink:href="https://evil.example/x.png"/></svg>',
])
def test_svg_hazards_are_flagged(svg: str) -> None:
    assert scan_svg(svg.encode(), CONTEXT)


def test_hosts_in_finds_hosts_also_behind_entities_and_escapes() -> None:
    text = ("[a](https://one.example/x) href=&quot;//two.example/&quot; "
            "https%3A%2F%2Fthree.example mastodon: '@anna@four.example'")
    assert hosts_in(text) == {"one.example", "two.example", "three.example", "four.example"}


def test_hazards_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "seite").mkdir()
    (tmp_path / "seite" / "index.html").write_text(PAGE.format(head="", body="<iframe>"))
    (tmp_path / "theme.css").write_text("body { background: url(https://evil.example/) }")
    assert hazards(tmp_path, set(), {"localhost:8000"}) == [
        "seite/index.html: embedding element <iframe>"]
