"""The imported posts and pages build with the site as it is (a fixture site, built once)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import pelicanconf
from tests.migration.support import FIXTURES, run_import
from tests.support.site import REPO, build_site, copy_tree, make_root

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("imported-site")
    root = copy_tree(FIXTURES / "existing-site", make_root(base))
    # The pages every footer links, as on the real site (the link gate follows them too).
    for name in ("impressum", "datenschutz", "barrierefreiheit", "barriere-melden",
                 "sicherheit"):
        shutil.copy(REPO / "content" / "pages" / f"{name}.md", root / "content" / "pages")
    result = run_import(root, FIXTURES / "blog-complete.xml", "--media",
                        str(FIXTURES / "uploads"))
    assert result.returncode == 0, result.stderr
    check = subprocess.run([sys.executable, str(REPO / "scripts/check.py"), "--root", str(root)],
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout
    output = base / "output"
    built = build_site(root, output)
    assert built.returncode == 0, f"{built.stdout}\n{built.stderr}"
    return output


def page(output: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((output / url.strip("/") / "index.html").read_text(encoding="utf-8"),
                         "html.parser")


def test_posts_and_pages_are_at_their_new_addresses(built: Path) -> None:
    for url, title in [("/blog/2012/template-comments/", "Template-Kommentare: Grüße & Vorlagen"),
                       ("/blog/2013/buergerbeteiligung-digital/", "Bürgerbeteiligung digital"),
                       ("/blog/2014/fotos-vom-barcamp/",
                        "Fotos vom Barcamp in Lünen, mit vielen Eindrücken …"),
                       ("/blog/2015/kurz-und-knapp/", "Kurz & knapp: „Nichts“ zu sagen"),
                       ("/kontakt-anfahrt/", "Kontakt & Anfahrt")]:
        assert page(built, url).select_one("h1").get_text(" ", strip=True) == title


def test_images_are_published_and_local(built: Path) -> None:
    soup = page(built, "/blog/2013/buergerbeteiligung-digital/")
    sources = [img["src"] for img in soup.select("main img")]
    assert sources == ["/images/blog/2013/05/grafik.png", "/images/blog/2012/01/bild-eins.jpg"]
    for src in sources:
        assert (built / src.lstrip("/")).is_file()
    assert not soup.select("main iframe, main script")


def test_category_and_tags_pages_exist(built: Path) -> None:
    assert (built / "blog/kategorie/methoden/index.html").is_file()
    assert (built / "blog/schlagwort/lean-coffee/index.html").is_file()
    assert (built / "blog/schlagwort/buerokratie/index.html").is_file()


def test_old_permalinks_answer_with_redirects_to_pages_that_exist(built: Path) -> None:
    for old, new in (("/2012/01/03/template-comments/", "/blog/2012/template-comments/"),
                     ("/2013/05/17/bürgerbeteiligung-digital/",
                      "/blog/2013/buergerbeteiligung-digital/"),
                     ("/2014/02/02/fotos-vom-barcamp/2/", "/blog/2014/fotos-vom-barcamp/"),
                     ("/verein/kontakt-anfahrt/", "/kontakt-anfahrt/")):
        stub = page(built, old)
        refresh = stub.find("meta", attrs={"http-equiv": "refresh"})["content"]
        assert refresh.endswith(f"url={new}") or refresh.endswith(new), (old, refresh)
        assert stub.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
        assert (built / new.strip("/") / "index.html").is_file(), new


def test_comments_appear_threaded_under_the_post(built: Path) -> None:
    post = page(built, "/blog/2012/template-comments/")
    section = post.select_one("section#kommentare")
    assert section is not None
    nested = section.select("li.vr-comments__item li.vr-comments__item")
    assert nested, "replies are nested under the comments they answer"
    text = section.get_text(" ", strip=True)
    assert "@" not in text  # no e-mail address of a commenter


def test_imported_site_passes_the_html_checker_and_the_link_gate(built: Path) -> None:
    from tests.quality.links import broken_links
    from tests.quality.test_html_validity import describe, run_vnu

    errors = run_vnu(built)
    assert not errors, "\n".join(describe(message, built) for message in errors)
    broken, checked = broken_links(built, "http://localhost:8000")
    # The copied legal pages link the Leichte-Sprache and sign-language sections, which this
    # fixture does not have; every other link must resolve.
    elsewhere = (f"/{pelicanconf.EASY_READ_INDEX_URL}", f"/{pelicanconf.SIGN_LANGUAGE_URL}")
    assert checked and [b for b in broken if not b.reference.startswith(elsewhere)] == []


@pytest.mark.browser
def test_imported_post_passes_axe_and_loads_nothing_from_elsewhere(built: Path, served_site,
                                                                   new_browser_page) -> None:
    from tests.quality.browser_checks import axe_violations, describe_violations, open_page
    from tests.support.browser import foreign_requests, record_requests

    base_url = served_site(built)
    for path in ("/blog/2013/buergerbeteiligung-digital/", "/blog/2012/template-comments/"):
        browser_page = new_browser_page(locale="de-DE")
        requests = record_requests(browser_page)
        open_page(browser_page, base_url, path)
        violations = axe_violations(browser_page)
        assert not violations, describe_violations(path, violations)
        assert foreign_requests(requests, base_url) == []
