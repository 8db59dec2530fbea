"""Read a WordPress export (WXR 1.0–1.2, http or https namespaces) into typed items.

Elements are matched by local name and namespace *family*, never by one URI: WordPress
writes ``http://wordpress.org/export/1.2/``, WordPress.com ``https://…`` and older sites
1.0/1.1 (shared/reference/conversation-and-migration.md §1).
"""

from __future__ import annotations

import html
import html.entities
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from lxml import etree

BERLIN = ZoneInfo("Europe/Berlin")
UTC = ZoneInfo("UTC")

# Characters XML 1.0 forbids; WordPress exports them anyway (pelican#877, #2680).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}
_TAG = re.compile(r"<[^>]*>")


class WxrError(Exception):
    """The file is no readable WordPress export; the message is German and for the user."""


@dataclass(frozen=True)
class Term:
    """One ``<category domain=… nicename=…>`` of an item."""

    domain: str
    slug: str
    name: str


@dataclass(frozen=True)
class Comment:
    """One ``wp:comment``; e-mail and IP address are never read."""

    id: str
    author: str
    author_url: str
    date: datetime | None
    content: str
    approved: str
    type: str
    parent: str


@dataclass(frozen=True)
class Item:
    """One ``<item>``: post, page, attachment or anything else WordPress exported."""

    post_id: str
    post_type: str
    status: str
    title: str
    link: str
    creator: str
    content: str
    excerpt: str
    date: datetime | None
    name: str
    password: str
    parent: str
    attachment_url: str
    terms: tuple[Term, ...]
    meta: dict[str, str]
    comments: tuple[Comment, ...]


@dataclass(frozen=True)
class Export:
    """The channel: blog URL, authors by login, and all items in file order."""

    blog_url: str
    site_url: str
    authors: dict[str, str]
    items: tuple[Item, ...]
    by_id: dict[str, Item] = field(default_factory=dict)


def plain_text(value: str) -> str:
    """Return title text without markup or entities, on one line."""
    text = html.unescape(_TAG.sub("", value))
    return " ".join(text.split())


def _is_element(node: etree._Element) -> bool:
    """Whether ``node`` is an element, not an XML comment or processing instruction."""
    # Their tag is a factory function; lxml-stubs 0.5 declare every tag a str.
    tag: object = node.tag
    return isinstance(tag, str)


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if _is_element(element) else ""


def _family(element: etree._Element) -> str:
    """Name the namespace family: ``wp``, ``excerpt``, ``content``, ``dc`` or '' (RSS)."""
    if not _is_element(element):
        return "#"  # XML comments and processing instructions
    uri = etree.QName(element).namespace or ""
    if "wordpress.org/export" in uri:
        return "excerpt" if uri.rstrip("/").endswith("excerpt") else "wp"
    if "purl.org/rss/1.0/modules/content" in uri:
        return "content"
    if "purl.org/dc/elements" in uri:
        return "dc"
    return ""


def _fields(element: etree._Element) -> dict[str, str]:
    """Map ``family:localname`` to the text of the direct children (first one wins)."""
    values: dict[str, str] = {}
    for child in element:
        key = f"{_family(child)}:{_local(child)}"
        values.setdefault(key, child.text or "")
    return values


def _date(gmt: str, local: str = "", rfc822: str = "") -> datetime | None:
    """Return Berlin time from ``*_gmt``, else local time, else pubDate; None if none."""
    for value, zone in ((gmt, UTC), (local, BERLIN)):
        value = value.strip()
        if value and not value.startswith("0000"):
            try:
                parsed = datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
            except ValueError:
                continue
            return parsed.replace(tzinfo=zone).astimezone(BERLIN)
    if rfc822.strip() and "-0001" not in rfc822:
        try:
            return parsedate_to_datetime(rfc822).astimezone(BERLIN)
        except (TypeError, ValueError):
            return None
    return None


def _comment(element: etree._Element) -> Comment:
    values = _fields(element)
    return Comment(
        id=values.get("wp:comment_id", "").strip(),
        author=values.get("wp:comment_author", ""),
        author_url=values.get("wp:comment_author_url", "").strip(),
        date=_date(values.get("wp:comment_date_gmt", ""), values.get("wp:comment_date", "")),
        content=values.get("wp:comment_content", ""),
        approved=values.get("wp:comment_approved", "").strip(),
        type=values.get("wp:comment_type", "").strip(),
        parent=values.get("wp:comment_parent", "0").strip() or "0",
    )


def _meta(element: etree._Element) -> dict[str, str]:
    meta: dict[str, str] = {}
    for child in element:
        if _local(child) == "postmeta":
            values = _fields(child)
            meta[values.get("wp:meta_key", "")] = values.get("wp:meta_value", "")
    return meta


def _item(element: etree._Element) -> Item:
    values = _fields(element)
    terms = tuple(Term(child.get("domain", ""), child.get("nicename", ""), child.text or "")
                  for child in element if _local(child) == "category" and not _family(child))
    comments = tuple(_comment(child) for child in element
                     if _local(child) == "comment" and _family(child) == "wp")
    return Item(
        post_id=values.get("wp:post_id", "").strip(),
        post_type=values.get("wp:post_type", "post").strip() or "post",
        status=values.get("wp:status", "").strip(),
        title=values.get(":title", ""),
        link=values.get(":link", "").strip(),
        creator=values.get("dc:creator", "").strip(),
        content=values.get("content:encoded", ""),
        excerpt=values.get("excerpt:encoded", ""),
        date=_date(values.get("wp:post_date_gmt", ""), values.get("wp:post_date", ""),
                   values.get(":pubDate", "")),
        name=values.get("wp:post_name", "").strip(),
        password=values.get("wp:post_password", ""),
        parent=values.get("wp:post_parent", "0").strip() or "0",
        attachment_url=values.get("wp:attachment_url", "").strip(),
        terms=terms,
        meta=_meta(element),
        comments=comments,
    )


def _authors(channel: etree._Element) -> dict[str, str]:
    authors = {}
    for child in channel:
        if _local(child) == "author" and _family(child) == "wp":
            values = _fields(child)
            login = values.get("wp:author_login", "").strip()
            authors[login] = " ".join(values.get("wp:author_display_name", "").split()) or login
    return authors


def prepare(raw: bytes) -> bytes:
    """Remove characters XML forbids and turn HTML-only entities into character references."""
    text = raw.decode("utf-8", errors="replace")
    text = _INVALID_XML.sub("", text)

    def numeric(match: re.Match[str]) -> str:
        name = match.group(1)
        code = html.entities.name2codepoint.get(name)
        return match.group(0) if name in _XML_ENTITIES or code is None else f"&#{code};"

    return _ENTITY.sub(numeric, text).encode("utf-8")


def read_export(path: Path) -> Export:
    """Parse the file; raise WxrError with a German message when it is not a WXR file."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                             strip_cdata=True)
    try:
        root = etree.fromstring(prepare(path.read_bytes()), parser)
    except (OSError, etree.XMLSyntaxError) as error:
        raise WxrError(f"{path}: keine lesbare XML-Datei ({error})") from error
    channel = next((child for child in root if _local(child) == "channel"), None)
    if channel is None:
        raise WxrError(f"{path}: kein <channel> gefunden – ist das ein WordPress-Export?")
    values = _fields(channel)
    items = tuple(_item(child) for child in channel if _local(child) == "item")
    blog_url = (values.get("wp:base_blog_url") or values.get(":link") or "").strip()
    return Export(blog_url=blog_url.rstrip("/"),
                  site_url=values.get("wp:base_site_url", "").strip().rstrip("/"),
                  authors=_authors(channel), items=items,
                  by_id={item.post_id: item for item in items})
