"""What the index sees of one built page: its searchable text and hidden compound parts.

Pagefind matches word beginnings only, so "Flächen" never finds "Büroflächen". Before a page
goes to Pagefind, its compounds are split (``compounds.hidden_terms``) and the parts added as
metadata fields: Pagefind searches metadata but builds excerpts from the body text only
(pagefind.app/docs/metadata/#searching-metadata). The parts go to Pagefind alone; the page
written to ``output/`` stays as it is, so readers and screen readers never meet them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from lxml import html as lxml_html

from rebellab.search import compounds
from rebellab.search.compounds import hidden_terms

# Metadata fields holding the parts: of the title (ranked like the title) and of the rest.
TITLE_PARTS = "titelteile"
TEXT_PARTS = "teile"
# The title again, with its parts, on the pages that are the reference for their name: a
# method or a topic comes before the many events and posts that carry it in their titles
# (search.js gives this field its own weight).
REFERENCE = "referenz"
REFERENCE_KINDS = frozenset({"Methode", "Thema"})
# Elements whose text Pagefind never indexes (besides data-pagefind-ignore).
SKIPPED = ("script", "style", "template", "form", "svg", "noscript")
WORD = re.compile(r"[^\W\d_]{3,}")
HTML_TAG = re.compile(r"<html\b[^>]*>")
# A tag, its attributes one by one, and what Pagefind reads in an ignored element. A tag is
# matched whole, quoted values included, so that a "<" in a value is never taken for a tag.
ATTRIBUTE = re.compile(r"""\s+([^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_ATTRIBUTES = ATTRIBUTE.pattern.replace("(", "(?:", 1)
START_TAG = re.compile(rf"<([a-z][a-z0-9]*)((?:{_ATTRIBUTES})*)\s*/?>")
ANY_TAG = re.compile(rf"<!--.*?-->|<(/?)([a-z][a-z0-9]*)(?:{_ATTRIBUTES})*\s*(/?)>", re.S)
IGNORE = "data-pagefind-ignore"
READ_WHEN_IGNORED = re.compile(r"data-pagefind-(?:filter|meta|default-meta|sort|body)\b")
VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                           "meta", "source", "track", "wbr"})


@dataclass(frozen=True)
class PageText:
    """The searchable text of a page: title, body, other searchable text and search type.

    ``meta`` holds metadata values and the text of elements weighted below 1 (cards that
    repeat other pages): searchable words, but not split into hidden parts.
    """

    title: str
    text: str
    meta: str
    kind: str

    def words(self) -> list[str]:
        """Every word of three letters or more, in order, title first."""
        return WORD.findall(f"{self.title} {self.text} {self.meta}")

    def split_words(self) -> list[str]:
        """Return the words whose compounds :func:`parts_fields` splits (title and text)."""
        return compounds.WORD.findall(f"{self.title} {self.text}")


def page_text(page: str) -> PageText | None:
    """Read a built page as Pagefind would; None when it has no ``data-pagefind-body``.

    It parses the copy Pagefind reads (:func:`searched_copy`), not the whole page: the same
    text (all 16,791 pages of make bench's big lab; tests/search/test_index_reuse.py), in
    6.7 instead of 12.1 s of one core for those pages, cutting included.
    """
    return searched_text(page)[0]


def searched_text(page: str) -> tuple[PageText | None, str | None]:
    """Return a page's searchable text and the copy Pagefind reads; Nones when not indexed.

    Each is made once: the index writes the copy it read the text from.
    """
    if "data-pagefind-body" not in page:
        return None, None
    copy = searched_copy(page)
    text = copy_text(copy)
    return (None, None) if text is None else (text, copy)


def copy_text(copy: str) -> PageText | None:
    """Read the searchable text of a page's :func:`searched_copy` (or of the whole page)."""
    root = lxml_html.document_fromstring(copy)
    bodies = _elements(root, "//*[@data-pagefind-body]")
    if not bodies:
        return None
    meta = [_text(node) for node in _elements(root, "//*[@data-pagefind-meta]")
            if ":" not in node.get("data-pagefind-meta", "")]
    kind = " ".join(_text(node) for node in _elements(root, "//*[@data-pagefind-filter='Typ']"))
    for node in _elements(root, "//*[@data-pagefind-ignore]|//" + "|//".join(SKIPPED)):
        node.drop_tree()
    for node in _elements(root, "//*[@data-pagefind-weight]"):
        if _weight(node) < 1:  # a card repeating another page: searchable, not split
            meta.append(_text(node))
            node.drop_tree()
    headings = _elements(root, "//h1")
    title = _text(headings[0]) if headings else ""
    text = " ".join(_text(body) for body in bodies)
    return PageText(title=title, text=text, meta=" ".join(meta), kind=kind.strip())


def _elements(root: lxml_html.HtmlElement, path: str) -> list[lxml_html.HtmlElement]:
    """Return the elements an XPath selects (lxml types its result as any XPath value)."""
    found = root.xpath(path)
    return [node for node in found if isinstance(node, lxml_html.HtmlElement)] \
        if isinstance(found, list) else []


def _weight(node: lxml_html.HtmlElement) -> float:
    try:
        return float(node.get("data-pagefind-weight", "1"))
    except ValueError:
        return 1.0


def _text(node: lxml_html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


def parts_fields(text: PageText) -> dict[str, str]:
    """Return the hidden metadata fields: title parts, body parts, the reference name.

    Metadata values are not split: the synonyms of a topic (``stichwoerter``) stand on every
    page of the topic, and their parts ("Raumnot" -> "Not") would make all of them match.
    """
    title_parts = hidden_terms(text.title)
    text_parts = hidden_terms(f"{text.title} {text.text}")
    known = {term.lower() for term in title_parts.split()}
    rest = " ".join(term for term in text_parts.split() if term.lower() not in known)
    reference = f"{text.title} {title_parts}".strip() if text.kind in REFERENCE_KINDS else ""
    fields = ((TITLE_PARTS, title_parts), (TEXT_PARTS, rest), (REFERENCE, reference))
    return {name: value for name, value in fields if value}


def with_fields(page: str, fields: dict[str, str]) -> str:
    """Return the page with hidden, unindexed elements that carry the given metadata."""
    if not fields:
        return page
    spans = "".join(f'<span hidden data-pagefind-ignore data-pagefind-meta="{escape(name)}">'
                    f"{escape(value)}</span>" for name, value in fields.items())
    end = page.rfind("</body>")
    return page + spans if end < 0 else page[:end] + spans + page[end:]


def mirror_page(page: str, fields: dict[str, str]) -> str:
    """Return the copy of a page that Pagefind indexes, with the hidden ``fields``."""
    return with_fields(searched_copy(page), fields)


def searched_copy(page: str) -> str:
    """Return what Pagefind needs of a page: its ``<main>``, or the whole page.

    Pagefind's record of a page is made from ``data-pagefind-*`` elements and the language of
    ``<html>``; when all of them are in ``<main>``, the header, footer and ``<head>`` are left
    out of the copy (the same fragments and index, tested), which Pagefind reads faster and
    holds in less memory (10,000 profiles: 873 instead of 914 MB). So are the elements of
    ``<main>`` it ignores (:func:`without_ignored`). Other pages go whole.
    """
    start, end = page.find("<main"), page.rfind("</main>")
    html = HTML_TAG.search(page, 0, max(start, 0))
    if (start < 0 or end < start or html is None or "data-pagefind" in page[:start]
            or "data-pagefind" in page[end:]):
        return page
    main = without_ignored(page[start:end + len("</main>")])
    return (f'<!DOCTYPE html>{html.group(0)}<head><meta charset="utf-8"></head>'
            f"<body>{main}</body></html>")


def without_ignored(html: str) -> str:
    """Return ``html`` without the elements marked ``data-pagefind-ignore``.

    Pagefind drops what such an element holds, spaces included (pagefind/src/fossick/
    parser.rs, 1.5), but reads filters, metadata and sort keys in it: an element with any of
    those stays. The cards of similar people, the contact and the footer are almost two thirds
    of a profile's copy (5.0 of 7.9 KB at make bench's big lab); without them Pagefind took
    about 2 CPU s less for the 10,011 profiles, with the same fragments and index files
    (tested). The HTML is the site's own output: well-formed, every element closed; text
    never holds a raw ``<`` (escaped, or sanitised), and the theme writes no HTML comments.
    """
    parts: list[str] = []
    position = 0
    found = html.find(IGNORE)
    while found >= 0:
        tag = START_TAG.match(html, html.rfind("<", 0, found))
        end = None
        if tag is not None and tag.end() > found and tag.group(1) not in VOID_ELEMENTS \
                and IGNORE in (name.lower() for name in ATTRIBUTE.findall(tag.group(2))):
            end = _element_end(html, tag.group(1), tag.end())
        # The element's whole text, start tag included: a hidden filter, say, stays.
        if tag is not None and end is not None \
                and not READ_WHEN_IGNORED.search(html, tag.start(), end):
            parts.append(html[position:tag.start()])
            position = end
        found = html.find(IGNORE, max(found + len(IGNORE), position))
    parts.append(html[position:])
    return "".join(parts)


def _element_end(html: str, name: str, start: int) -> int | None:
    """Return where the element whose start tag ends at ``start`` ends (None: not closed)."""
    depth = 1
    for tag in ANY_TAG.finditer(html, start):
        if tag.group(2) != name:  # another element, or a comment
            continue
        if tag.group(1):
            depth -= 1
            if depth == 0:
                return tag.end()
        elif not tag.group(3):
            depth += 1
    return None
