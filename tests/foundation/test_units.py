"""Pure helpers of the sitebase plugin."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from rebellab.sitebase.assets import bundle_css, content_hash
from rebellab.sitebase.dates import de_date, de_weekday_date
from rebellab.sitebase.feeds import absolutize
from rebellab.sitebase.jsonld import safe_json
from rebellab.sitebase.markup import render_markdown
from rebellab.sitebase.plugin import page_path
from rebellab.sitebase.sanitize import clean_fragment, demote_headings
from rebellab.sitebase.sitemap import page_url, sitemap_xml


@pytest.mark.parametrize(("name", "path"), [
    ("index.html", ""), ("blog/index.html", "blog/"), ("404.html", "404.html"),
    ("blog/seite/2/index.html", "blog/seite/2/"), (None, "")])
def test_page_path(name: str | None, path: str) -> None:
    assert page_path(name) == path


def test_safe_json_escapes_what_could_end_a_script_and_reads_back_unchanged() -> None:
    data = {"name": "</script><!-- & \u2028\u2029 Größe", "list": ["<b>", 1, None]}
    text = safe_json(data)
    for character in "<>&\u2028\u2029":
        assert character not in text
    assert "\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 Größe" in text
    assert json.loads(text) == data
    assert text.startswith('{\n  "name": "\\u003c/script')  # indented for readers


def test_german_dates() -> None:
    assert de_date(date(2020, 9, 15)) == "15. September 2020"
    assert de_date(datetime(2021, 3, 1, 9, 0)) == "1. März 2021"
    assert de_weekday_date(date(2020, 9, 15)) == "Di., 15. September 2020"


def test_headings_shift_only_when_the_text_uses_h1() -> None:
    assert demote_headings("<h1>A</h1><h2 id=x>B</h2>") == "<h2>A</h2><h3 id=x>B</h3>"
    assert demote_headings("<h2>B</h2>") == "<h2>B</h2>"
    assert demote_headings("<H1>A</H1><h6>F</h6>") == "<h2>A</h2><h6>F</h6>"


def test_clean_fragment_prefixes_root_relative_links_only() -> None:
    cleaned = clean_fragment('<a href="/x/">x</a> <a href="//evil.example/">y</a> '
                             '<a href="https://a.example/">z</a> <img src="/i.png" alt="">',
                             "https://s.example/labor")
    assert 'href="https://s.example/labor/x/"' in cleaned
    assert 'href="//evil.example/"' in cleaned
    assert 'href="https://a.example/"' in cleaned
    assert 'src="https://s.example/labor/i.png"' in cleaned
    assert clean_fragment('<a href="/x/">x</a>') == \
        '<a href="/x/" rel="noopener noreferrer">x</a>'


def test_absolutize_leaves_text_alone() -> None:
    assert absolutize('<p>href="/x"</p>', "https://s.example") == '<p>href="/x"</p>'
    assert absolutize(None, "https://s.example") is None


def test_sitemap_urls(tmp_path: Path) -> None:
    site = "https://s.example"
    assert page_url(tmp_path, tmp_path / "index.html", site) == f"{site}/"
    assert page_url(tmp_path, tmp_path / "a" / "index.html", site) == f"{site}/a/"
    assert page_url(tmp_path, tmp_path / "404.html", site) is None
    assert page_url(tmp_path, tmp_path / "feeds" / "all.atom.xml", site) is None
    assert page_url(tmp_path, Path("/elsewhere/index.html"), site) is None


def test_sitemap_xml_escapes_and_sorts() -> None:
    xml = sitemap_xml({"https://s.example/b/?x=1&y=2": None,
                       "https://s.example/a/": datetime(2020, 9, 15, 16, 30)})
    lines = xml.splitlines()
    assert lines[2] == "  <url><loc>https://s.example/a/</loc><lastmod>2020-09-15</lastmod></url>"
    assert lines[3] == "  <url><loc>https://s.example/b/?x=1&amp;y=2</loc></url>"


def test_bundle_drops_comments_and_blank_lines(tmp_path: Path) -> None:
    (tmp_path / "10-b.css").write_text("/* b */\n.b { color: red; }\n\n", encoding="utf-8")
    (tmp_path / "00-a.css").write_text(".a {\n  margin: 0;\n}\n/* end */\n", encoding="utf-8")
    bundle = bundle_css(sorted(tmp_path.glob("*.css")))
    assert bundle == ".a {\n  margin: 0;\n}\n.b { color: red; }\n"
    assert content_hash(bundle) == content_hash(bundle) != content_hash(bundle + " ")


@pytest.mark.parametrize(("text", "html"), [
    ("Kolleg*innen und Mitstreiter*innen", "<p>Kolleg*innen und Mitstreiter*innen</p>"),
    ("Rebell*innen *betont* und **fett**",
     "<p>Rebell*innen <em>betont</em> und <strong>fett</strong></p>"),
    ("`a*b*c` Rebell*innen", "<p><code>a*b*c</code> Rebell*innen</p>"),
])
def test_gender_star_is_no_emphasis(text: str, html: str) -> None:
    assert str(render_markdown(text)) == html


def test_an_image_on_another_host_keeps_only_its_words() -> None:
    html = render_markdown("Vorher ![Foto & mehr](https://elsewhere.example/x.png) nachher "
                           "![Eigenes](/images/x.png) ![](https://elsewhere.example/y.png)")
    assert "elsewhere.example" not in html
    assert "[Bild: Foto &amp; mehr]" in html
    assert '<img alt="Eigenes" src="/images/x.png">' in html or 'src="/images/x.png"' in html
    assert html.count("<img") == 1
