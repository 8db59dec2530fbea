"""Scan a built site for anything that could run code or load from another host.

    hazards(output, asked, site_hosts) -> ["path: what", ...]

Every page, feed, iCal file, JSON file and Pagefind record is read the way its consumer
reads it (an HTML parser, an XML parser, icalendar, json) and checked for an executable
script, an event handler attribute, a ``javascript:``/``data:``/``vbscript:`` URL in a link
or source, an embedding element, and a source on another host. Links (``<a href>``, JSON
``url``) may point to another host only if the content asked for it: ``asked`` is the set of
hosts named in the input files (see :func:`hosts_in`).
"""

from __future__ import annotations

import gzip
import html
import json
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import icalendar
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag
from lxml import etree

# The site's own scripts: the theme's files and the Pagefind bundle.
OWN_SCRIPTS = ("/theme/", "/pagefind/")
LINK_ATTRIBUTES = frozenset({"href", "action", "formaction", "xlink:href", "cite",
                             "longdesc", "ping"})
SOURCE_ATTRIBUTES = frozenset({"src", "srcset", "poster", "data", "background", "imagesrcset",
                               "codebase", "manifest", "archive", "lowsrc", "dynsrc"})
EMBEDDING = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base",
                       "portal", "fencedframe"})
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
# What the URL parser of a browser ignores: leading/trailing C0 controls and spaces, and
# tabs and newlines anywhere (WHATWG URL Standard, "basic URL parser").
_URL_IGNORED = re.compile(r"[\t\n\r]")
_HOST = re.compile(r"(?i)(?:[a-z][a-z0-9+.-]*:)?//([^/\\\s?#\"'<>()\[\]{}|]+)")
# A Mastodon handle (@name@server) asks for a link to its server.
_HANDLE = re.compile(r"(?i)@[\w.]+@([a-z0-9.-]+\.[a-z]{2,})")
# JSON keys whose string values a consumer follows as a link or loads as a source.
JSON_LINK_KEYS = frozenset({"url", "href", "@id", "sameas", "website", "link", "contenturl",
                            "embedurl", "mainentityofpage", "identifier"})
JSON_SOURCE_KEYS = frozenset({"image", "logo", "thumbnailurl", "photo", "src"})
ICAL_URL_PROPERTIES = frozenset({"URL", "ATTACH", "TZURL", "SOURCE", "IMAGE", "CONFERENCE"})


@dataclass(frozen=True)
class Context:
    """What a scan compares against: hosts the content named and the site's own hosts."""

    asked: frozenset[str]
    site_hosts: frozenset[str]


def hazards(output: Path, asked: Iterable[str], site_hosts: Iterable[str]) -> list[str]:
    """Every hazard in every file of ``output``, as ``relative/path: description``."""
    context = Context(frozenset(h.lower() for h in asked),
                      frozenset(h.lower() for h in site_hosts))
    found = []
    for path in sorted(output.rglob("*")):
        if path.is_file():
            rel = path.relative_to(output).as_posix()
            found += [f"{rel}: {problem}" for problem in scan_file(path, context)]
    return found


def scan_file(path: Path, context: Context) -> list[str]:
    """Hazards in one output file, chosen by its kind; files of other kinds are skipped."""
    name = path.name
    if name.endswith(".html"):
        return scan_html(path.read_text(encoding="utf-8"), context)
    if name.endswith(".xml"):
        return scan_feed(path.read_bytes(), context)
    if name.endswith(".svg"):
        return scan_svg(path.read_bytes(), context)
    if name.endswith(".ics"):
        return scan_ical(path.read_bytes(), context)
    if name.endswith(".json"):
        return scan_json_text(path.read_text(encoding="utf-8"), context)
    if name.endswith(".pf_fragment"):
        return scan_search_record(path.read_bytes(), context)
    return []


def hosts_in(text: str) -> set[str]:
    """Hosts named in ``text`` (raw, entity-decoded and percent-decoded), lower case."""
    variants = {text, html.unescape(text), unquote(text), unquote(html.unescape(text))}
    return {match.group(1).lower().rsplit("@", 1)[-1] for variant in variants
            for pattern in (_HOST, _HANDLE) for match in pattern.finditer(variant)}


def normalised(url: str) -> str:
    """The URL as a browser reads it: controls and spaces trimmed, tabs/newlines removed."""
    return _URL_IGNORED.sub("", url.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c"
                                          "\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18"
                                          "\x19\x1a\x1b\x1c\x1d\x1e\x1f "))


def url_problem(url: str, context: Context, *, source: bool) -> str | None:
    """Why ``url`` is a hazard as a link (``source=False``) or a loaded source, or None."""
    clean = normalised(url)
    if clean.lower().startswith(BAD_SCHEMES):
        return f"script or data URL {url!r}"
    host = foreign_host(clean, context)
    if host and (source or host not in context.asked):
        return f"{'source' if source else 'link'} on another host {url!r}"
    return None


def foreign_host(url: str, context: Context) -> str | None:
    """The host ``url`` points to if it is not the site's own, else None."""
    url = url.replace("\\", "/")  # browsers read '\' as '/' in http(s) URLs
    try:
        parts = urlsplit(url)
    except ValueError:
        return "(unparsable URL)"
    if not parts.netloc:
        return None
    host = parts.netloc.lower().rsplit("@", 1)[-1]
    return None if host in context.site_hosts else host


def srcset_urls(value: str) -> list[str]:
    """The URLs of a ``srcset`` attribute (candidates separated by commas)."""
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


# HTML ------------------------------------------------------------------------------------

def scan_html(text: str, context: Context, *, fragment: bool = False) -> list[str]:
    """Hazards in an HTML page; in a ``fragment`` (feed content) no script at all."""
    with warnings.catch_warnings():  # a record's text may look like a URL: it is text
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(text, "lxml")
    problems = []
    for element in soup.find_all(True):
        problems += element_problems(element, context, fragment=fragment)
    return problems


def element_problems(element: Tag, context: Context, *, fragment: bool) -> list[str]:
    """Hazards of one element: its kind and each of its attributes."""
    name = element.name.lower()
    problems = []
    if name == "script":
        problems += script_problems(element, context, fragment=fragment)
    elif name in EMBEDDING:
        problems.append(f"embedding element <{name}>")
    elif name == "meta" and element.get("http-equiv", "").lower() == "refresh":
        problems.append("meta refresh")
    for attribute, value in element.attrs.items():
        problem = attribute_problem(name, attribute.lower(), value, context)
        if problem:
            problems.append(f"<{name} {attribute}>: {problem}")
    return problems


def attribute_problem(element: str, attribute: str, value: object,
                      context: Context) -> str | None:
    """Why one attribute is a hazard, or None."""
    text = " ".join(value) if isinstance(value, list) else str(value)
    if attribute.startswith("on"):
        return "event handler attribute"
    if attribute == "style" and re.search(r"(?i)url\s*\(|expression\s*\(|@import", text):
        return f"style that loads or runs something {text!r}"
    if attribute in ("srcset", "imagesrcset"):
        problems = [url_problem(url, context, source=True) for url in srcset_urls(text)]
        return next((problem for problem in problems if problem), None)
    # <link href> loads a style sheet, icon or preload; canonical/alternate are the site's.
    if attribute in SOURCE_ATTRIBUTES or (element == "link" and attribute == "href"):
        return url_problem(text, context, source=True)
    if attribute in LINK_ATTRIBUTES or (element == "meta" and attribute == "content"
                                        and "://" in text):
        return url_problem(text, context, source=False)
    return None


def script_problems(script: Tag, context: Context, *, fragment: bool) -> list[str]:
    """A script is allowed only as the site's own file or as inert, parsable JSON-LD."""
    if fragment:
        return ["script element in feed content"]
    source = script.get("src")
    if source:
        if normalised(source).startswith(OWN_SCRIPTS):
            return []
        return [f"script from {source!r}"]
    if (script.get("type") or "").strip().lower() != "application/ld+json":
        return [f"inline script {script.get_text()[:80]!r}"]
    return json_ld_problems(script.get_text(), context)


def json_ld_problems(text: str, context: Context) -> list[str]:
    """JSON-LD must parse and must not close its element or open a comment."""
    problems = []
    lowered = text.lower()
    for needle in ("</script", "<!--", "<script"):
        if needle in lowered:
            problems.append(f"JSON-LD contains {needle!r}")
    try:
        data = json.loads(text)
    except ValueError as error:
        return [*problems, f"JSON-LD does not parse: {error}"]
    return problems + json_value_problems(data, context)


# JSON ------------------------------------------------------------------------------------

def scan_json_text(text: str, context: Context) -> list[str]:
    """Hazards in a JSON file: it must parse; link and source values are checked."""
    try:
        data = json.loads(text)
    except ValueError as error:
        return [f"JSON does not parse: {error}"]
    return json_value_problems(data, context)


def json_value_problems(data: object, context: Context) -> list[str]:
    """Check every string under a link or source key, however deep."""
    problems = []
    for key, value in json_strings(data):
        problem = None
        if key in JSON_SOURCE_KEYS:
            problem = url_problem(value, context, source=True)
        elif key in JSON_LINK_KEYS or key.endswith("url"):
            problem = url_problem(value, context, source=False)
        if problem:
            problems.append(f"JSON {key!r}: {problem}")
    return problems


def json_strings(data: object, key: str = "") -> Iterator[tuple[str, str]]:
    """Every string in ``data`` with the (lower-case) key it is found under."""
    if isinstance(data, dict):
        for name, value in data.items():
            yield from json_strings(value, str(name).lower())
    elif isinstance(data, list):
        for value in data:
            yield from json_strings(value, key)
    elif isinstance(data, str):
        yield key, data


# Feeds and other XML ---------------------------------------------------------------------

def scan_feed(data: bytes, context: Context) -> list[str]:
    """Atom, RSS, sitemap: must parse; HTML content is scanned as HTML; links checked."""
    try:
        root = etree.fromstring(data, _xml_parser())
    except etree.XMLSyntaxError as error:
        return [f"XML does not parse: {error}"]
    problems = []
    for element in root.iter(etree.Element):
        local = etree.QName(element).localname
        if element.get("type") == "html" or local == "description":
            problems += scan_html(element.text or "", context, fragment=True)
        if local in ("loc", "uri", "icon", "logo") or (local == "link" and element.text):
            problem = url_problem(element.text or "", context, source=local in ("icon", "logo"))
            problems += [f"<{local}>: {problem}"] if problem else []
        for attribute, value in element.attrib.items():
            # An Atom <link href> is a link for the feed reader, not a source.
            problem = attribute_problem(f"feed:{local}",
                                        etree.QName(attribute).localname.lower(), value, context)
            problems += [f"<{local} {attribute}>: {problem}"] if problem else []
    return problems


def scan_svg(data: bytes, context: Context) -> list[str]:
    """An SVG image: no script element, no handler, no script URL, no foreign source."""
    try:
        root = etree.fromstring(data, _xml_parser())
    except etree.XMLSyntaxError as error:
        return [f"SVG does not parse: {error}"]
    problems = []
    for element in root.iter(etree.Element):
        local = etree.QName(element).localname.lower()
        if local in ("script", "foreignobject", *EMBEDDING):
            problems.append(f"<{local}> in SVG")
        for attribute, value in element.attrib.items():
            name = etree.QName(attribute).localname.lower()
            name = "src" if name == "href" and local in ("image", "use", "feimage") else name
            problem = attribute_problem(local, name, value, context)
            problems += [f"<{local} {attribute}>: {problem}"] if problem else []
    return problems


def _xml_parser() -> etree.XMLParser:
    """A parser that resolves no entities and fetches nothing."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False)


# iCal ------------------------------------------------------------------------------------

def scan_ical(data: bytes, context: Context) -> list[str]:
    """An iCal file must parse; its URL properties are http(s) links; HTML is scanned."""
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as error:
        return [f"iCal does not parse: {error}"]
    problems = []
    for component in calendar.walk():
        for name, values in component.property_items(recursive=False, sorted=False):
            problems += ical_property_problems(name, values, context)
    return problems


def ical_property_problems(name: str, value: object, context: Context) -> list[str]:
    """URL-valued properties must be http(s) links; text/html values are scanned as HTML."""
    raw = value.to_ical() if hasattr(value, "to_ical") else str(value)
    text = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
    params = getattr(value, "params", {})
    if name in ICAL_URL_PROPERTIES or params.get("VALUE") == "URI":
        if not normalised(text).lower().startswith(("http://", "https://")):
            return [f"{name} is not an http(s) URL: {text!r}"]
        problem = url_problem(text, context, source=False)
        return [f"{name}: {problem}"] if problem else []
    if str(params.get("FMTTYPE", "")).lower() == "text/html":
        return scan_html(str(value), context, fragment=True)
    return []


# Pagefind records ------------------------------------------------------------------------

def scan_search_record(data: bytes, context: Context) -> list[str]:
    """A Pagefind fragment: gzip, a signature, then JSON (url, content, meta, filters)."""
    raw = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
    signature = b"pagefind_dcd"
    if not raw.startswith(signature):
        return ["search record without Pagefind's signature"]
    try:
        record = json.loads(raw[len(signature):])
    except ValueError as error:
        return [f"search record does not parse: {error}"]
    problems = []
    problem = url_problem(str(record.get("url", "")), context, source=False)
    if problem or foreign_host(normalised(str(record.get("url", ""))), context):
        problems.append(f"search record url: {problem or 'not on this site'}")
    meta = record.get("meta") or {}
    for key in ("image",):
        if key in meta:
            problem = url_problem(str(meta[key]), context, source=True)
            problems += [f"search record meta {key}: {problem}"] if problem else []
    # Content is text: Pagefind escapes it before it builds an excerpt (pagefind.js:
    # ``fragment.content.replace(/</g,"&lt;").replace(/>/g,"&gt;")``), as the search page
    # reads it; meta values are shown with textContent (theme/static/js/search.js).
    excerpt = str(record.get("content", "")).replace("<", "&lt;").replace(">", "&gt;")
    problems += [f"search record content: {problem}"
                 for problem in scan_html(excerpt, context, fragment=True)]
    return problems
