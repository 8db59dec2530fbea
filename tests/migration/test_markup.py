"""WordPress markup rules, one case each: wpautop, blocks, shortcodes, more, comments, WXR."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.wordpress_import.markup import (
    Context,
    comment_markdown,
    post_markdown,
    split_more,
    wpautop,
)
from scripts.wordpress_import.media import Media
from scripts.wordpress_import.writer import Writer
from scripts.wordpress_import.wxr import read_export
from tests.migration.support import FIXTURES, run_import


def convert(html: str) -> str:
    return post_markdown(html, Context())[0]


def test_wpautop_makes_paragraphs_and_line_breaks_but_leaves_pre_alone() -> None:
    assert wpautop("Eins\nzwei\n\nDrei\n<pre>a\n\nb</pre>") == \
        "<p>Eins<br />\nzwei</p>\n<p>Drei</p>\n<pre>a\n\nb</pre>\n"


def test_block_posts_get_no_wpautop_and_lose_their_delimiters() -> None:
    html = ('<!-- wp:paragraph {"className":"a\\u002d\\u002db"} -->\n<p>Eins\nnoch eins</p>\n'
            '<!-- /wp:paragraph -->\n\n<!-- wp:separator /-->\n<!-- wp:paragraph -->\n'
            '<p>Zwei</p>\n<!-- /wp:paragraph -->')
    assert convert(html) == "Eins\nnoch eins\n\nZwei"


def test_more_needs_exactly_the_wordpress_marker() -> None:
    assert split_more("Anfang<!--more Weiter-->Rest") == ("AnfangRest", "Anfang")
    assert split_more("Anfang<!-- more -->Rest")[1] is None


def test_nested_lists_are_indented_by_four_spaces() -> None:
    assert convert("<ol><li>Eins<ul><li>a<ol><li>tief</li></ol></li></ul></li><li>Zwei</li>"
                   "</ol>") == "1. Eins\n    - a\n        1. tief\n2. Zwei"


@pytest.mark.parametrize(("source", "expected"), [
    ("[[gallery]] ist ein Shortcode", r"\[gallery\] ist ein Shortcode"),
    ("Das war so [sic] und [1].", r"Das war so \[sic\] und \[1\]."),
    ('[unbekannt farbe="rot"]Inhalt bleibt[/unbekannt]', "Inhalt bleibt"),
    ('[contact-form-7 id="5"]', ""),
    ("[embed]https://www.youtube.com/watch?v=x[/embed]", "<https://www.youtube.com/watch?v=x>"),
    ("Davor\n\nhttps://vimeo.com/1\n\nDanach", "Davor\n\n<https://vimeo.com/1>\n\nDanach"),
    ('<iframe src="//player.vimeo.com/video/1" title="Film"></iframe>',
     "[Film](https://player.vimeo.com/video/1)"),
    ('Text<script src="https://platform.twitter.com/widgets.js"></script>', "Text"),
    ("- kein Punkt\n# kein Titel\n2020. kein Listenpunkt",
     "\\- kein Punkt  \n\\# kein Titel  \n2020\\. kein Listenpunkt"),
    ("a &lt;b&gt; &amp;amp; c", "a &lt;b> &amp;amp; c"),
    ("Kein `Code` und <code>echter `Code`</code>", r"Kein \`Code\` und `` echter `Code` ``"),
])
def test_classic_markup_becomes_readable_markdown(source: str, expected: str) -> None:
    assert convert(source) == expected


def test_gallery_shortcode_uses_the_attachments_and_their_alt_text() -> None:
    context = Context(attachments={"1": ("https://b.example/wp-content/uploads/a.jpg", "A"),
                                   "2": ("https://b.example/wp-content/uploads/b.jpg", "")},
                      children={"9": ["2"]}, resolve_media=lambda url: "/images/blog/x.jpg")
    assert post_markdown('[gallery ids="1"]', context)[0] == "![A](/images/blog/x.jpg)"
    assert post_markdown("[gallery]", context, post_id="9")[0] == "![](/images/blog/x.jpg)"
    assert post_markdown('<img src="https://b.example/wp-content/uploads/c.jpg" alt="C" '
                         'title="Titel" width="30" srcset="c-2x.jpg 2x" onload="x()">',
                         context)[0] == '![C](/images/blog/x.jpg "Titel")'


def test_nextpage_joins_the_pages() -> None:
    assert post_markdown("Eins<!--nextpage-->Zwei<!--nextpage-->Drei", Context()) == \
        ("Eins\n\n---\n\nZwei\n\n---\n\nDrei", 3)


def test_comments_lose_headings_images_tables_and_raw_html() -> None:
    text = comment_markdown('<h3>Titel</h3>\n<img src="x.png" alt="Bild">\n<table><tr><td>a'
                            '</td><td>b</td></tr></table>\n<div onclick="x()">Text</div>',
                            Context())
    assert text == "**Titel**\n\nBild: Bild\n\na – b\n\nText"
    assert comment_markdown("Siehe https://example.org/x_y. Und <a href='https://a.example/'>"
                            "https://a.example/</a>", Context()) == \
        ("Siehe [https://example.org/x_y](https://example.org/x_y). Und "
         "[https://a.example/](https://a.example/)")


# -- reading exports ------------------------------------------------------------------------
def test_wxr_1_1_with_http_namespaces_is_read() -> None:
    export = read_export(FIXTURES / "download.xml")
    (item,) = export.items
    assert (item.post_id, item.post_type, item.status, item.name) == \
        ("7", "post", "publish", "bilder-vom-camp")
    assert export.authors == {"redaktion": "Redaktion"}
    assert item.date is not None and item.date.isoformat() == "2011-06-15T18:00:00+02:00"
    assert [term.name for term in item.terms] == ["Camp"]


def test_invalid_characters_and_html_entities_are_read(tmp_path: Path) -> None:
    export = read_export(FIXTURES / "invalid-characters.xml")
    (item,) = export.items
    assert item.title == "Steuerzeichen\u00a0und ältere Exporte"
    assert item.content == "Ein Text mit Steuerzeichen: ab."
    # post_date_gmt 0000-00-00: the local date counts.
    assert item.date is not None and item.date.isoformat() == "2009-11-05T12:00:00+01:00"
    result = run_import(tmp_path, FIXTURES / "invalid-characters.xml")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "content/blog/2009-11-steuerzeichen.md").read_text(encoding="utf-8") == (
        "Title: Steuerzeichen und ältere Exporte\nDate: 2009-11-05 12:00\nCategory: Allgemein\n"
        "Authors: admin\nSlug: steuerzeichen\n\nEin Text mit Steuerzeichen: ab.\n")


def test_a_file_that_is_no_export_gives_one_german_line(tmp_path: Path) -> None:
    result = run_import(tmp_path, FIXTURES / "not-an-export.txt")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"{FIXTURES / 'not-an-export.txt'}: keine lesbare XML-Datei")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("url", "expected"), [
    ("https://blog.example/wp-content/uploads/2012/01/a-300x200.jpg", "2012/01/a-300x200.jpg"),
    ("/wp-content/uploads/2012/01/b%C3%BCro.png", "2012/01/büro.png"),
    ("https://blog.files.wordpress.com/2012/01/a.jpg?w=300", "2012/01/a.jpg"),
    ("https://i0.wp.com/blog.example/wp-content/uploads/2012/01/a.jpg?resize=1", "2012/01/a.jpg"),
    ("https://i0.wp.com/fremd.example/wp-content/uploads/2012/01/a.jpg", None),
    ("https://fremd.example/wp-content/uploads/2012/01/a.jpg", None),
    ("https://blog.example/wp-content/uploads/2012/01/bild.svg", None),
    ("https://blog.example/wp-content/uploads/../../etc/passwd.txt", None),
])
def test_upload_paths_only_for_the_blogs_own_files(url: str, expected: str | None,
                                                   tmp_path: Path) -> None:
    media = Media(Writer(tmp_path), {"blog.example"}, "https://blog.example")
    assert media.upload_path(url) == expected
