"""The imported posts and pages build with the site as it is (a fixture site, built once)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.migration.support import FIXTURES, run_import
from tests.support.site import REPO, build_site, copy_tree, make_root

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("imported-site")
    root = copy_tree(FIXTURES / "existing-site", make_root(base))
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
