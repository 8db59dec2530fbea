"""Gate: no two words of a page's searchable text run together where one element ends.

A browser shows a list item, a term and its description, or the line after a ``<br>`` apart
even when no whitespace stands between them in the HTML; a program reading the page's text
does not. Pagefind 1.5 separates headings, ``p``, ``td``, ``div``, ``ul``, ``li``, ``article``,
``section`` and ``br`` (pagefind/src/fossick/parser.rs), so ``<dt>Dauer</dt><dd>Ein Tag``
reached its excerpts as "DauerEin Tag". lxml's ``text_content``, with which the search plugin
reads pages for "Meinten Sie …?" and the compound splitter (rebellab.search.pages), separates
none, so the vocabulary held words like "DesksharingVorlagen". The templates therefore put
whitespace wherever text would meet text at the edge of a block element.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from lxml import html as lxml_html

from rebellab.search.pages import SKIPPED

# Elements shown as blocks (HTML's flow content that is not phrasing content), and br.
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})  # fmt: skip
SHOWN = 30


def joined_words(page: str) -> list[str]:
    """Return the places in the searchable part of a page where words run together.

    Each as ``…before|after…`` with the elements between, e.g. ``Dauer|Ein Tag (/dt dd)``.
    """
    root = lxml_html.document_fromstring(page)
    ignored = "|".join(f".//{tag}" for tag in SKIPPED)
    found: list[str] = []
    for body in root.xpath("//*[@data-pagefind-body]"):
        for node in body.xpath(f".//*[@data-pagefind-ignore]|{ignored}"):
            node.drop_tree()
        runs: list[tuple[str, list[str]]] = []
        _text_runs(body, runs, [])
        for (before, _), (after, between) in itertools.pairwise(runs):
            if between and before[-1:].strip() and after[:1].strip():
                found.append(f"{before.strip()[-20:]}|{after.strip()[:20]} ({' '.join(between)})")
    return found


def _text_runs(element: lxml_html.HtmlElement, runs: list[tuple[str, list[str]]],
               edges: list[str]) -> None:
    """Append the text runs below ``element`` to ``runs``, each with the block edges before it.

    ``edges`` collects the edges passed since the last run (``dt`` opens one, ``/dt`` closes).
    """
    block = element.tag in BLOCKS
    if block:
        edges.append(element.tag)
    if element.text:
        runs.append((element.text, edges[:]))
        edges.clear()
    for child in element:
        if isinstance(child.tag, str):  # not a comment
            _text_runs(child, runs, edges)
        if child.tail:
            runs.append((child.tail, edges[:]))
            edges.clear()
    if block:
        edges.append(f"/{element.tag}")


def test_the_check_finds_words_run_together_and_nothing_else():
    page = ('<html lang="de"><body><main data-pagefind-body>\n'
            '<dl><dt>Dauer</dt><dd>Ein Tag</dd></dl>\n'
            '<ul><li>Desksharing</li><li>Vorlagen</li></ul>\n'
            '<p>Zeile<br>Zeile</p>\n'
            '<p><b>Des</b>k und <em>Wort</em>teil</p>\n'
            '<p>Satz</p><nav data-pagefind-ignore>Ignoriert</nav><p>Text</p>\n'
            '<p>Satz.</p>\n<p>Satz</p>\n</main></body></html>')
    assert joined_words(page) == ["Dauer|Ein Tag (/dt dd)", "Desksharing|Vorlagen (/li li)",
                                  "Zeile|Zeile (br /br)", "Satz|Text (/p p)"]


def test_no_words_run_together_on_any_searchable_page(site_output: Path):
    found = [f"{path.relative_to(site_output)}: {place}"
             for path in sorted(site_output.rglob("*.html"))
             for place in joined_words(path.read_text(encoding="utf-8"))]
    if found:
        pytest.fail(f"{len(found)} Stellen, an denen Wörter zusammenlaufen:\n"
                    + "\n".join(found[:SHOWN]), pytrace=False)
