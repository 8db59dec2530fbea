"""WordPress post HTML (blocks or classic editor) and comment HTML to clean Markdown.

markdownify (pinned in requirements.txt) does the HTML → Markdown part; this module only
adds what WordPress needs first (block delimiters, wpautop, shortcodes, embeds) and what
Python-Markdown needs after (4-space nested lists, escaped ``<`` and brackets).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Comment, Tag
from bs4.element import NavigableString
from markdownify import MarkdownConverter

# ---------------------------------------------------------------------------------------
# Context: what a conversion needs from the rest of the import, and what it reports back.


@dataclass
class Context:
    """Resolvers for links and media, the attachments, and the notes a conversion made."""

    resolve_link: Callable[[str], str | None] = lambda url: None
    resolve_media: Callable[[str], str | None] = lambda url: None
    attachments: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (url, alt)
    children: dict[str, list[str]] = field(default_factory=dict)  # post id -> attachment ids
    notes: list[str] = field(default_factory=list)
    old_site: Callable[[str], bool] = lambda url: False

    def note(self, text: str) -> None:
        """Remember one degradation (German, for the report), once."""
        if text not in self.notes:
            self.notes.append(text)


# ---------------------------------------------------------------------------------------
# Blocks, more, nextpage

_MORE = re.compile(r"<!--more(.*?)?-->")  # as get_extended(): '<!-- more -->' is no marker
_NEXTPAGE = re.compile(r"<!--nextpage-->")
_EMBED_BLOCK = re.compile(
    r"<!--\s*wp:(?:core-)?embed(?:/[\w-]+)?\s+(\{.*?\})\s*(/-->|-->(.*?)<!--\s*/wp:(?:core-)?"
    r"embed(?:/[\w-]+)?\s*-->)", re.DOTALL)
_BLOCK_DELIMITER = re.compile(r"<!--\s*/?wp:[^>]*?-->")


def is_block_markup(content: str) -> bool:
    """Gutenberg posts carry ``<!-- wp:… -->`` delimiters; wpautop must not touch them."""
    return "<!-- wp:" in content


def split_more(content: str) -> tuple[str, str | None]:
    """Return the text without ``<!--more-->`` and the teaser before it (or None)."""
    match = _MORE.search(content)
    if not match:
        return content, None
    return _MORE.sub("", content, count=1), content[: match.start()]


def _embed_link(url: str, caption: str = "") -> str:
    label = caption or url
    return f'<p><a href="{_attr(url)}">{_text(label)}</a></p>'


def _embed_block(match: re.Match[str]) -> str:
    try:
        attributes = json.loads(match.group(1))
    except json.JSONDecodeError:
        attributes = {}
    url = str(attributes.get("url", "")) if isinstance(attributes, dict) else ""
    inner = match.group(3) or ""
    caption = BeautifulSoup(inner, "html.parser").find("figcaption")
    text = " ".join(caption.get_text(" ").split()) if caption else ""
    return _embed_link(url, text) if url.startswith(("http://", "https://")) else ""


def strip_blocks(content: str) -> str:
    """Embed blocks become links; all other block delimiters go, their HTML stays."""
    return _BLOCK_DELIMITER.sub("", _EMBED_BLOCK.sub(_embed_block, content))


# ---------------------------------------------------------------------------------------
# wpautop: a port of wp-includes/formatting.php (classic editor posts and comments only)

_ALLBLOCKS = (r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|"
              r"li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|"
              r"legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|"
              r"details|menu|summary)")
_PRE = re.compile(r"<pre[\s>].*?</pre>", re.DOTALL | re.IGNORECASE)


def wpautop(text: str) -> str:
    """Double line breaks become paragraphs, single ones ``<br />``; ``<pre>`` untouched."""
    if not text.strip():
        return ""
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"<pre wp-pre-tag-{len(kept) - 1}></pre>"

    text = _PRE.sub(keep, text.replace("\r\n", "\n").replace("\r", "\n")) + "\n"
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text)
    text = re.sub(rf"(<{_ALLBLOCKS}[\s/>])", r"\n\n\1", text, flags=re.IGNORECASE)
    text = re.sub(rf"(</{_ALLBLOCKS}>)", r"\1\n\n", text, flags=re.IGNORECASE)
    text = re.sub(r"\n\n+", "\n\n", text)
    chunks = [chunk.strip("\n") for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]
    text = "".join(f"<p>{chunk}</p>\n" for chunk in chunks)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(rf"<p>\s*(</?{_ALLBLOCKS}[^>]*>)", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(rf"(</?{_ALLBLOCKS}[^>]*>)\s*</p>", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(r"(?<!<br />)\s*\n(?!\s*$)", "<br />\n", text)
    text = re.sub(rf"(</?{_ALLBLOCKS}[^>]*>)\s*<br />", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text)
    return re.sub(r"<pre wp-pre-tag-(\d+)></pre>", lambda m: kept[int(m.group(1))], text)


# ---------------------------------------------------------------------------------------
# Shortcodes (get_shortcode_regex of wp-includes/shortcodes.php, for any name)

_SHORTCODE = re.compile(
    r"\[(\[?)([a-zA-Z][\w-]*)(?![\w-])([^\]/]*(?:/(?!\])[^\]/]*)*?)"
    r"(?:(/)\]|\](?:((?:[^\[]|\[(?!/\2\]))*?)\[/\2\])?)(\]?)", re.DOTALL)
_ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)""")
_CAPTION_BODY = re.compile(r"^\s*((?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*</a>)?)\s*(.*)$",
                           re.DOTALL | re.IGNORECASE)
# Self-closing names that are shortcodes even without attributes; others need 'key=value'.
_KNOWN = {"gallery", "audio", "video", "playlist", "embed", "caption", "wp_caption",
          "contact-form-7", "contact-form", "su_button", "vc_row", "vc_column"}


def attributes(text: str) -> dict[str, str]:
    """Parse shortcode attributes (``shortcode_parse_atts``), names lower-cased."""
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(text):
        groups = match.groups()
        name = groups[0] or groups[2] or groups[4]
        value = next(v for v in (groups[1], groups[3], groups[5]) if v is not None)
        found[name.lower()] = value
    return found


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _image(url: str, alt: str) -> str:
    return f'<p><img src="{_attr(url)}" alt="{_attr(alt)}" /></p>'


def _caption(attrs: dict[str, str], body: str) -> str:
    match = _CAPTION_BODY.match(body)
    if not match:
        return body
    caption = (attrs.get("caption") or match.group(2)).strip()
    figure = f"<figure><p>{match.group(1)}</p>"
    return figure + (f"<figcaption>{caption}</figcaption>" if caption else "") + "</figure>"


def _gallery(attrs: dict[str, str], context: Context, post_id: str) -> str:
    ids = [i.strip() for i in attrs.get("ids", attrs.get("include", "")).split(",") if i.strip()]
    ids = ids or context.children.get(attrs.get("id", post_id), [])
    images = [context.attachments[i] for i in ids if i in context.attachments]
    missing = [i for i in ids if i not in context.attachments]
    if missing:
        context.note(f"Galerie: Anhänge {', '.join(missing)} fehlen im Export")
    if not images:
        context.note("Galerie ohne Bilder entfernt")
    return "".join(_image(url, alt) for url, alt in images)


def _media_links(attrs: dict[str, str], body: str, context: Context, kind: str) -> str:
    urls = [v for k, v in attrs.items() if k in ("src", "mp3", "m4a", "ogg", "wav", "mp4",
                                                  "webm", "ogv", "m4v", "flv", "wmv")]
    urls += [context.attachments[i][0] for i in attrs.get("ids", "").split(",")
             if i.strip() in context.attachments]
    if body.strip().startswith(("http://", "https://")):
        urls.append(body.strip())
    return "".join(f'<p>{kind}: <a href="{_attr(url)}">{_text(url.rsplit("/", 1)[-1])}</a></p>'
                   for url in urls)


def shortcodes(content: str, context: Context, post_id: str = "") -> str:
    """Caption, gallery, embed and media shortcodes to HTML; unknown ones to their text."""
    def replace(match: re.Match[str]) -> str:
        if match.group(1) == "[" and match.group(6) == "]":
            return match.group(0)[1:-1]  # [[name]] is how WordPress writes a literal [name]
        name, attrs = match.group(2).lower(), attributes(match.group(3))
        body, closed = match.group(5) or "", match.group(5) is not None
        if not closed and not match.group(4) and name not in _KNOWN and not attrs:
            return match.group(0)  # '[sic]', '[1]': brackets in prose, no shortcode
        if name in ("caption", "wp_caption"):
            return _caption(attrs, shortcodes(body, context, post_id))
        if name == "gallery":
            return _gallery(attrs, context, post_id)
        if name == "embed":
            url = body.strip() or attrs.get("src", "")
            return _embed_link(url) if url.startswith(("http://", "https://")) else ""
        if name in ("audio", "video", "playlist"):
            label = {"audio": "Audio", "video": "Video", "playlist": "Wiedergabeliste"}[name]
            return _media_links(attrs, body, context, label)
        context.note(f"Shortcode [{name}] entfernt" + (", Inhalt behalten" if body else ""))
        return shortcodes(body, context, post_id)

    return _SHORTCODE.sub(replace, content)


# ---------------------------------------------------------------------------------------
# The HTML tree: embeds, media, links

_URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.MULTILINE)
_BARE_URL = re.compile(r"^https?://[^\s<>\"]+$")
_DROP = ("script", "style", "noscript", "form", "input", "button", "select", "textarea",
         "link", "meta", "svg", "canvas")


def autoembed_lines(content: str) -> str:
    """Link a URL alone on a line: WordPress embeds it there (WP_Embed::autoembed)."""
    return _URL_LINE.sub(lambda m: f'\n<p><a href="{_attr(m.group(1))}">{m.group(1)}</a></p>\n',
                         content)


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


def _attribute(tag: Tag, name: str) -> str:
    """Value of a one-valued attribute (``src``, ``href``), '' when absent.

    Only multi-valued ones such as ``class`` are lists in BeautifulSoup.
    """
    value = tag.get(name)
    return value if isinstance(value, str) else ""


def _replace_frames(soup: BeautifulSoup, context: Context) -> None:
    for frame in soup.find_all(["iframe", "embed", "object", "video", "audio"]):
        src = _attribute(frame, "src") or _attribute(frame, "data")
        source = frame.find("source") if not src else None
        src = src or (_attribute(source, "src") if source else "")
        if src.startswith("//"):
            src = "https:" + src
        if src.startswith(("http://", "https://")):
            paragraph = soup.new_tag("p")
            link = soup.new_tag("a", href=src)
            link.string = _attribute(frame, "title") or f"Eingebetteter Inhalt von {_host(src)}"
            paragraph.append(link)
            frame.replace_with(paragraph)
            context.note(f"Einbettung von {_host(src)} durch einen Link ersetzt")
        else:
            frame.decompose()
    for element in soup.find_all(_DROP):
        if element.name == "script":
            context.note("Skript entfernt")
        element.decompose()


def _replace_images(soup: BeautifulSoup, context: Context, *, images: bool) -> None:
    for image in soup.find_all("img"):
        src = _attribute(image, "src")
        alt = " ".join(_attribute(image, "alt").split())
        local = context.resolve_media(src) if images else None
        if local:
            title = image.get("title")
            image.attrs = {"src": local, "alt": alt, **({"title": title} if title else {})}
            continue
        replacement = soup.new_tag("a", href=src) if src.startswith(("http", "/")) else None
        label = alt or src.rsplit("/", 1)[-1] or "Bild"
        if replacement is None or image.find_parent("a"):
            image.replace_with(f"Bild: {label}")
        else:
            replacement.string = f"Bild: {label}"
            image.replace_with(replacement)
        if images:
            context.note(f"Bild nicht verfügbar, als Link übernommen: {src}")


def _rewrite_links(soup: BeautifulSoup, context: Context) -> None:
    for link in soup.find_all("a"):
        href = _attribute(link, "href").strip()
        if not href or href.lower().startswith(("javascript:", "data:", "vbscript:")):
            link.unwrap()
            continue
        new = context.resolve_link(href)
        if new and "#" in new:
            new = _moved_fragment(new, context)
        new = new or context.resolve_media(href)
        if not new and context.old_site(href):
            context.note(f"Link auf die alte Website bleibt: {href}")
        link.attrs = {"href": new or href}
        if link.get_text(strip=True) == "" and not link.find("img"):
            link.decompose()


# WordPress's anchors of the comment area; ours is the comment section of the post.
_COMMENT_FRAGMENTS = frozenset({"comments", "respond", "reply-title"})
COMMENTS_FRAGMENT = "kommentare"


def _moved_fragment(url: str, context: Context) -> str:
    """Keep a jump mark only where the new page has it (the comment section).

    WordPress ids are dropped on the way to Markdown and the new page names its headings
    itself, so any other jump mark would point nowhere: the link goes to the page's top.
    """
    page, fragment = url.split("#", 1)
    if fragment in _COMMENT_FRAGMENTS:
        return f"{page}#{COMMENTS_FRAGMENT}"
    context.note(f"Sprungmarke #{fragment} im Link auf {page} entfernt (die neue Seite hat "
                 "eigene Sprungmarken)")
    return page


def _autolink_paragraphs(soup: BeautifulSoup) -> None:
    for paragraph in soup.find_all("p"):
        text = paragraph.get_text().strip()
        if len(paragraph.contents) == 1 and isinstance(paragraph.contents[0], NavigableString) \
                and _BARE_URL.match(text):
            link = soup.new_tag("a", href=text)
            link.string = text
            paragraph.contents[0].replace_with(link)


_TEXT_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]]")


def _make_clickable(soup: BeautifulSoup) -> None:
    """Link URLs in comment text, as WordPress's make_clickable does when showing comments."""
    for text in list(soup.find_all(string=_TEXT_URL)):
        if isinstance(text, Comment) or text.find_parent(["a", "pre", "code"]):
            continue
        pieces: list[Any] = []
        position = 0
        for match in _TEXT_URL.finditer(text):
            pieces.append(text[position:match.start()])
            link = soup.new_tag("a", href=match.group(0))
            link.string = match.group(0)
            pieces.append(link)
            position = match.end()
        pieces.append(text[position:])
        text.replace_with(*[piece for piece in pieces if piece != ""])


def _comments_out(soup: BeautifulSoup) -> None:
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()


# ---------------------------------------------------------------------------------------
# markdownify with Python-Markdown's needs

_LINE_START = re.compile(r"^(\s*)(?:([#>+-])|(\d+)([.)]))(?=\s)")


def _escape_line_start(match: re.Match[str]) -> str:
    r"""Escape as ``\#``, ``\-``, ``1\.``: Markdown escapes only punctuation, no digits."""
    if match.group(2):
        return f"{match.group(1)}\\{match.group(2)}"
    return f"{match.group(1)}{match.group(3)}\\{match.group(4)}"


class _Converter(MarkdownConverter):
    """markdownify, with 4-space list nesting and escapes Python-Markdown needs."""

    def escape(self, text: str, parent_tags: set[str]) -> str:
        """Escape ``<``, ``&name;``, brackets and backticks: they would become HTML, links, code."""
        text = super().escape(text, parent_tags)
        if not text:
            return text
        text = re.sub(r"&(?=#?\w+;)", "&amp;", text).replace("<", "&lt;")
        return text.replace("[", r"\[").replace("]", r"\]").replace("`", r"\`")

    def process_text(self, el: NavigableString, parent_tags: set[str] | None = None) -> str:
        """Escape text that starts a block so it cannot read as a list, heading or quote."""
        text: str = super().process_text(el, parent_tags)
        block_start = el.previous_sibling is None or (
            isinstance(el.previous_sibling, Tag) and el.previous_sibling.name == "br")
        if block_start and "_noformat" not in (parent_tags or set()):
            text = _LINE_START.sub(_escape_line_start, text)
        return text

    def convert_li(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """Indent nested blocks by 4 spaces: Python-Markdown flattens anything less."""
        text = (text or "").strip()
        if not text:
            return "\n"
        parent = el.parent
        if parent is not None and parent.name == "ol":
            start_text = _attribute(parent, "start")
            start = int(start_text) if start_text.isdigit() else 1
            bullet = f"{start + len(el.find_previous_siblings('li'))}."
        else:
            bullet = "-"
        lines = text.split("\n")
        rest = "".join(f"\n    {line}" if line.strip() else "\n" for line in lines[1:])
        return f"{bullet} {lines[0]}{rest}\n"

    def convert_list(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """Put a nested list on lines of its own, a top-level one between blank lines."""
        if "li" in parent_tags:
            return "\n" + text.rstrip()
        return "\n\n" + text.rstrip() + "\n\n"

    convert_ul = convert_list
    convert_ol = convert_list

    def convert_figure(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """Make a figure (image, gallery, embed) a block of its own."""
        block: str = self.convert_div(el, text, parent_tags)
        return block

    def convert_figcaption(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """Render a caption as an emphasised paragraph below its image."""
        text = " ".join(text.split())
        return f"\n\n*{text}*\n\n" if text else ""


def _code_language(element: Tag) -> str:
    for candidate in (element, element.find("code")):
        for name in (candidate.get("class") or []) if candidate else []:
            if name.startswith(("language-", "lang-")):
                return name.split("-", 1)[1]
    return ""


_POST_CONVERTER = _Converter(heading_style="atx", bullets="-", table_infer_header=True,
                             code_language_callback=_code_language, escape_underscores=False)
# Comments: links always as [text](url); an autolink <url> could pass for raw HTML in checks.
_COMMENT_CONVERTER = _Converter(heading_style="atx", bullets="-", autolinks=False,
                                escape_underscores=False)


def to_markdown(soup: BeautifulSoup, converter: MarkdownConverter = _POST_CONVERTER) -> str:
    """Convert the tree to Markdown, with at most one blank line between blocks."""
    text = converter.convert_soup(soup)
    text = re.sub(r"[ \t]+\n(?! *\n)", lambda m: m.group(0) if m.group(0).startswith("  ")
                  else "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


# ---------------------------------------------------------------------------------------
# Public entry points


def prepare_html(content: str, context: Context, post_id: str = "") -> str:
    """Raw post HTML to plain HTML: blocks or wpautop, shortcodes, oEmbed lines."""
    if is_block_markup(content):
        return shortcodes(strip_blocks(content), context, post_id)
    return wpautop(autoembed_lines(shortcodes(content, context, post_id)))


def _outline_headings(soup: BeautifulSoup) -> None:
    """Renumber headings so the post's outline starts at h2 and skips no level.

    The post's title is the page's h1; WordPress themes often start a post at h3 or jump
    from h2 to h4, which breaks the outline screen readers navigate by (WCAG 1.3.1).
    """
    headings = [tag for tag in soup.find_all(re.compile(r"^h[1-6]$")) if isinstance(tag, Tag)]
    levels = sorted({int(tag.name[1]) for tag in headings})
    new_level = {level: min(2 + index, 6) for index, level in enumerate(levels)}
    for tag in headings:
        tag.name = f"h{new_level[int(tag.name[1])]}"


def html_to_markdown(html_text: str, context: Context, *, images: bool = True) -> str:
    """Convert prepared HTML to Markdown: no iframes, no scripts, local images or links."""
    soup = BeautifulSoup(html_text, "html.parser")
    _comments_out(soup)
    _outline_headings(soup)
    _replace_frames(soup, context)
    _replace_images(soup, context, images=images)
    _rewrite_links(soup, context)
    _autolink_paragraphs(soup)
    return to_markdown(soup)


def post_markdown(content: str, context: Context, post_id: str = "") -> tuple[str, int]:
    """Convert a post's body; also return its number of ``<!--nextpage-->`` pages."""
    pages = len(_NEXTPAGE.findall(content)) + 1
    content = _NEXTPAGE.sub("\n<hr />\n", content)
    return html_to_markdown(prepare_html(content, context, post_id), context), pages


def one_line(markdown: str) -> str:
    """Join Markdown to one line (Pelican's Summary metadata)."""
    return " ".join(markdown.split())


def summary_markdown(content: str, context: Context, post_id: str = "") -> str:
    """Convert an excerpt or teaser to one line of Markdown, images as their alt text."""
    quiet = Context(context.resolve_link, context.resolve_media, context.attachments,
                    context.children, old_site=context.old_site)
    html_text = prepare_html(_NEXTPAGE.sub("", content), quiet, post_id)
    return one_line(comment_markdown_from_html(html_text, quiet))


# ---------------------------------------------------------------------------------------
# Comments: Markdown without headings, images, tables or raw HTML


def _flatten_for_comment(soup: BeautifulSoup) -> None:
    for heading in soup.find_all(re.compile(r"^h[1-6]$")):
        heading.name = "p"
        strong = soup.new_tag("strong")
        strong.extend(list(heading.contents))
        heading.append(strong)
    for row in soup.find_all("tr"):
        cells = row.find_all(["td", "th"])
        row.clear()
        for number, cell in enumerate(cells):
            if number:
                row.append(" – ")
            row.extend(list(cell.contents))
        row.name = "p"
    for tag in soup.find_all(["table", "thead", "tbody", "tfoot", "caption", "figure"]):
        tag.unwrap()


def comment_markdown_from_html(html_text: str, context: Context) -> str:
    """Convert HTML to comment-safe Markdown: headings bold, table rows as lines."""
    soup = BeautifulSoup(html_text, "html.parser")
    _comments_out(soup)
    _replace_frames(soup, context)
    _replace_images(soup, context, images=False)
    _flatten_for_comment(soup)
    _make_clickable(soup)
    _rewrite_links(soup, context)
    return to_markdown(soup, _COMMENT_CONVERTER)


def comment_markdown(content: str, context: Context) -> str:
    """Convert a comment's raw text (stored without wpautop) to comment-safe Markdown."""
    return comment_markdown_from_html(wpautop(content), context)
