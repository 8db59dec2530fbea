"""Markdown from pull requests, rendered and sanitised; plain text for feeds and iCal.

Everything in content files is untrusted. Markdown may contain raw HTML, so its output goes
through nh3 (ammonia): no script, no event handler, no style, no ``javascript:`` URL.
"""

from __future__ import annotations

import contextlib
import functools
import html
import pickle
import re
from pathlib import Path

import markdown
import nh3
from markupsafe import Markup

from rebellab.kernel.files import replace_file

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
    "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
}
URL_SCHEMES = {"http", "https", "mailto"}
_EXTENSIONS = ["markdown.extensions.extra", "markdown.extensions.sane_lists",
               "rebellab.sitebase.gender_star"]
_TAG = re.compile(r"<[^>]+>")
# An absolute or protocol-relative URL ("https://x", "//x", "/\\x" as browsers read it).
_OTHER_HOST = re.compile(r"^[\x00-\x20]*(?:[a-z][a-z0-9+.\-]*:)?[\x00-\x20]*[/\\]{2}", re.I)
_SPACE = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def sanitize_html(fragment: str, *, tags: set[str] = ALLOWED_TAGS,
                  attributes: dict[str, set[str]] = ALLOWED_ATTRIBUTES,
                  url_schemes: set[str] = URL_SCHEMES,
                  link_rel: str = "noopener noreferrer") -> Markup:
    """Keep only harmless HTML; links get ``rel="noopener noreferrer"``.

    Texts from strangers (comments) pass a narrower ``tags`` set and their own ``link_rel``.
    """
    cleaned = nh3.clean(
        fragment,
        tags=tags,
        attributes=attributes,
        attribute_filter=_local_sources,
        url_schemes=url_schemes,
        link_rel=link_rel,
        strip_comments=True,
    )
    # An image whose foreign source was dropped keeps its words: its alternative text.
    return Markup(_SOURCELESS_IMAGE.sub(_image_words, cleaned))


_SOURCELESS_IMAGE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
_ALT = re.compile(r'\salt="([^"]*)"')


def _image_words(match: re.Match[str]) -> str:
    """Return the (already escaped) alternative text of an image left without a source."""
    alt = _ALT.search(match.group(0))
    return f"[Bild: {alt.group(1)}]" if alt and alt.group(1).strip() else ""


def _local_sources(tag: str, attribute: str, value: str) -> str | None:
    """Drop an image source on another host: loading it would be a third-party request.

    A link (``<a href>``) to another host is the author's choice and stays; an image loads
    by itself in every page and feed reader, telling that host who reads the site.
    """
    if tag == "img" and attribute == "src" and _OTHER_HOST.match(value):
        return None
    return value


# One converter for the whole build: creating a Markdown instance (extension lookup,
# registries) costs about 1 ms, more than converting a short bio; at 12,000 data files that
# was half of the build's CPU time (make bench). Conversions are kept because the same
# text is rendered for a page, a card, a feed and the open data, and from build to build
# (keep_conversions): the open data of all events or profiles, written again after one of
# them changed, converted 2,000 or 10,000 texts (1.4 s and 2.9 s at the big lab, py-spy).
_CONVERTER = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
_CONVERTED: dict[str, str] = {}  # Markdown source -> HTML, of this process and kept ones
_CONVERSIONS_FILE = "markdown-html.pickle"
# More texts than a site has: the kept conversions are those of edited texts as well, and
# are started anew past this size (the next build keeps only the texts it converts).
MAX_KEPT_CONVERSIONS = 200_000
_new_conversions = False


def _to_html(text: str) -> str:
    global _new_conversions
    converted = _CONVERTED.get(text)
    if converted is None:
        converted = _CONVERTER.reset().convert(text or "")
        _CONVERTED[text] = converted
        _new_conversions = True
    return converted


def load_conversions(cache: str | None) -> None:
    """Add the conversions kept by an earlier build in the folder ``cache`` (CACHE_PATH).

    The folder's name digests the plugin code and the package versions (pelicanconf.py),
    so a kept conversion is what converting the text gives now. A file that cannot be read
    is ignored.
    """
    if not cache:
        return
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, TypeError,
                             ValueError):
        kept = pickle.loads((Path(cache) / _CONVERSIONS_FILE).read_bytes())
        if isinstance(kept, dict):
            _CONVERTED.update(kept)


def keep_conversions(cache: str | None) -> None:
    """Keep this process's conversions in ``cache`` when it converted a text anew.

    Page writers run in forked processes: what only they converted is converted again by
    a later build that renders the page.
    """
    global _new_conversions
    if not cache or not _new_conversions:
        return
    path = Path(cache) / _CONVERSIONS_FILE
    if len(_CONVERTED) > MAX_KEPT_CONVERSIONS:
        _CONVERTED.clear()
        path.unlink(missing_ok=True)
    else:
        replace_file(path, pickle.dumps(_CONVERTED, protocol=pickle.HIGHEST_PROTOCOL))
    _new_conversions = False


@functools.lru_cache(maxsize=32768)
def render_markdown(text: str, *, shift_headings: int = 0) -> Markup:
    """Markdown to sanitised HTML, safe to insert into a page.

    ``shift_headings`` demotes headings (1: ``#`` becomes ``h2``) so that a text inside a
    page never competes with the page's own ``h1``.
    """
    rendered = _to_html(text)
    if shift_headings:
        rendered = _shift(rendered, shift_headings)
    return sanitize_html(rendered)


@functools.lru_cache(maxsize=32768)
def plain_text(text: str) -> str:
    """Markdown (or HTML) to readable plain text, for iCal, feeds, JSON and meta tags."""
    rendered = _to_html(text)
    rendered = re.sub(r"</(p|li|h\d|tr|blockquote|pre)>", "\n\n", rendered)
    rendered = re.sub(r"<li>", "• ", rendered)
    rendered = re.sub(r"<br\s*/?>", "\n", rendered)
    stripped = html.unescape(_TAG.sub("", rendered))
    lines = (_SPACE.sub(" ", line).strip() for line in stripped.splitlines())
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def excerpt(text: str, limit: int = 200) -> str:
    """Shorten the plain text to ``limit`` characters, cut at a word, with an ellipsis."""
    flat = " ".join(plain_text(text).split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0].rstrip(",;:.– ") + " …"


def _shift(rendered: str, by: int) -> str:
    def demote(match: re.Match[str]) -> str:
        level = min(int(match.group(2)) + by, 6)
        return f"<{match.group(1)}h{level}"

    return re.sub(r"<(/?)h([1-6])", demote, rendered)
