"""A comment's Markdown as HTML: paragraphs, links, emphasis, lists, quotes and code only.

Comments come from strangers. Headings, tables and raw HTML stay visible as the text that
was typed; an image becomes a link to it, so a page never loads anything from another
host. nh3 then keeps only the tags below, whatever the Markdown produced.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from typing import Any
from urllib.parse import quote

import markdown
from markdown import Extension, Markdown
from markdown.inlinepatterns import (
    IMAGE_LINK_RE,
    IMAGE_REFERENCE_RE,
    ImageInlineProcessor,
    ImageReferenceInlineProcessor,
)
from markupsafe import Markup

from rebellab.sitebase.markup import plain_text, sanitize_html

COMMENT_TAGS = {"p", "a", "em", "strong", "ul", "ol", "li", "blockquote", "code", "pre", "br"}
COMMENT_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
COMMENT_SCHEMES = {"http", "https"}
# Links written by strangers: no ranking credit (Google's "ugc"), no window.opener.
UGC_REL = "ugc nofollow noopener"
# Core processors whose output a comment may not have: raw HTML, headings, rules.
_REMOVED_BLOCKS = ("hashheader", "setextheader", "hr")
_REMOVED_PREPROCESSORS = ("html_block",)
_REMOVED_INLINE = ("html",)
# nh3 drops a refused href (javascript:) but still adds rel; a link without href is text.
_EMPTY_LINK = re.compile(r'<a rel="[^"]*">(.*?)</a>', re.DOTALL)
# RFC 3986 reserved and unreserved characters stay; anything else (", <, >, spaces) is escaped.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def _as_link(element: etree.Element | None) -> etree.Element | None:
    return None if element is None else _link_to(element)


def _link_to(element: etree.Element) -> etree.Element:
    """Return a link to an image's source, named by its alternative text (nothing loads)."""
    link = etree.Element("a")
    link.set("href", element.get("src", ""))
    link.text = element.get("alt") or element.get("src", "")
    return link


class _ImageLink(ImageInlineProcessor):
    # The same signature clash with Pattern as in sitebase/gender_star.py (types-Markdown
    # ignores it in its own stub): InlineProcessor changes handleMatch's signature.
    def handleMatch(  # type: ignore[override]
            self, m: Any, data: str) -> tuple[Any, Any, Any]:
        element, start, end = super().handleMatch(m, data)
        return _as_link(element if not isinstance(element, str) else None), start, end


class _ImageReference(ImageReferenceInlineProcessor):
    def makeTag(self, href: str, title: str, text: str) -> etree.Element:
        return _link_to(super().makeTag(href, title, text))


class CommentMarkdown(Extension):
    """Strip Python-Markdown down to what a comment may contain."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Remove raw HTML, headings and rules; images become links."""
        for name in _REMOVED_BLOCKS:
            md.parser.blockprocessors.deregister(name)
        for name in _REMOVED_PREPROCESSORS:
            md.preprocessors.deregister(name)
        for name in _REMOVED_INLINE:
            md.inlinePatterns.deregister(name)
        md.inlinePatterns.register(_ImageLink(IMAGE_LINK_RE, md), "image_link", 150)
        md.inlinePatterns.register(_ImageReference(IMAGE_REFERENCE_RE, md),
                                   "image_reference", 140)


_CONVERTER = markdown.Markdown(
    extensions=["markdown.extensions.fenced_code", "markdown.extensions.sane_lists",
                "rebellab.sitebase.gender_star", CommentMarkdown()],
    output_format="html")


@functools.lru_cache(maxsize=8192)
def comment_html(text: str) -> Markup:
    """Render a comment's Markdown to the restricted, sanitised HTML."""
    rendered = _CONVERTER.reset().convert(text)
    cleaned = sanitize_html(rendered, tags=COMMENT_TAGS, attributes=COMMENT_ATTRIBUTES,
                            url_schemes=COMMENT_SCHEMES, link_rel=UGC_REL)
    return Markup(_EMPTY_LINK.sub(r"\1", str(cleaned)))


def safe_url(url: str) -> str:
    """Return an http(s) address as a valid URL, other characters percent-encoded."""
    return quote(url, safe=_URL_SAFE)


def comment_plain_text(text: str) -> str:
    """Return a comment as plain text (JSON-LD, feed summaries)."""
    return plain_text(str(comment_html(text)))
