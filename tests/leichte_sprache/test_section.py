"""The section /leichte-sprache/ built from a fixture, and the checker inside ``make check``."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.foundation.helpers import soup
from tests.quality.browser_checks import open_page
from tests.support.site import REPO, build_site, copy_tree, make_root

SECTION = Path(__file__).parent / "fixtures" / "section"
TEXTS = "content/leichte-sprache"


@pytest.fixture(scope="module")
def section_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_tree(SECTION / "content", make_root(tmp_path_factory.mktemp("ls")) / "content")\
        .parent


@pytest.fixture(scope="module")
def section_site(section_root: Path) -> Path:
    output = section_root.parent / "output"
    result = build_site(section_root, output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def run_check(root: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "scripts" / "check.py"), "--root",
                           str(root), *options], capture_output=True, text=True, check=False)


def test_start_page_lists_the_other_texts_in_their_order(section_site: Path) -> None:
    page = soup(section_site, "leichte-sprache/")
    assert page.html["lang"] == "de"
    assert page.h1.get_text() == "Leichte Sprache: Willkommen"
    listed = [(a["href"], a.get_text()) for a in page.select("#alle-texte ~ ul > li > a")]
    assert listed == [("/leichte-sprache/wegweiser/", "So finden Sie sich zurecht"),
                      ("/leichte-sprache/termine/", "So kommen Sie zu einem Treffen")]
    assert page.select_one(".vr-easy__back") is None


def test_each_sentence_stands_on_its_own_line(section_site: Path) -> None:
    page = soup(section_site, "leichte-sprache/")
    paragraph = page.select_one(".vr-easy p")
    lines = [text.strip() for text in paragraph.find_all(string=True)]
    assert lines == ["Das ist die Start-Seite.", "Hier finden Sie Texte in Leichter Sprache.",
                     "Jeder Satz steht in einer eigenen Zeile."]
    assert len(paragraph.find_all("br")) == 2


def test_text_pages_have_their_own_address(section_site: Path) -> None:
    page = soup(section_site, "leichte-sprache/termine/")
    assert page.h1.get_text() == "So kommen Sie zu einem Treffen"
    assert page.select_one('.vr-easy__back a[href="/leichte-sprache/"]')
    assert page.select_one('link[rel="canonical"]')["href"].endswith("/leichte-sprache/termine/")
    sitemap = (section_site / "sitemap.xml").read_text(encoding="utf-8")
    for path in ("leichte-sprache/", "leichte-sprache/termine/", "leichte-sprache/wegweiser/"):
        assert f"/{path}</loc>" in sitemap, path


def test_every_page_links_both_offers_in_its_header(section_site: Path) -> None:
    for path in ("", "leichte-sprache/termine/", "gebaerdensprache/", "blog/"):
        links = soup(section_site, path).select("header .vr-access a")
        assert [(a["href"], a.get_text(strip=True)) for a in links] == [
            ("/leichte-sprache/", "Leichte Sprache"),
            ("/gebaerdensprache/", "Gebärdensprache")], path
        assert all(a.svg["aria-hidden"] == "true" for a in links), path


@pytest.mark.browser
def test_typography_follows_bitv_anlage_2(section_site: Path, served_site, browser_page) -> None:
    page = open_page(browser_page, served_site(section_site), "/leichte-sprache/termine/")
    style = page.evaluate("""() => {
      const p = getComputedStyle(document.querySelector('.vr-easy h2 ~ p'));
      const body = getComputedStyle(document.body);
      return {size: parseFloat(p.fontSize), body: parseFloat(body.fontSize),
              line: parseFloat(p.lineHeight), align: p.textAlign, hyphens: p.hyphens};
    }""")
    assert style["size"] >= 1.2 * style["body"]
    assert style["line"] >= 1.5 * style["size"]
    assert style["align"] in ("left", "start") and style["hyphens"] == "manual"


def test_make_check_reports_a_finding_at_its_line(section_root: Path, tmp_path: Path) -> None:
    root = Path(shutil.copytree(section_root, tmp_path / "site"))
    shutil.copyfile(SECTION / "finding.md", root / TEXTS / "befund.md")
    result = run_check(root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{TEXTS}/befund.md:8: [LS-verneinung] Verneinung „nicht“: sagen Sie es positiv "
        "(zum Beispiel „Das ist verboten.“ statt „Das ist nicht erlaubt.“). Geht es nur so, "
        "schreiben Sie das Wort fett."]
    # The build runs the same validation and refuses too.
    build = build_site(root, tmp_path / "output")
    assert build.returncode != 0 and f"{TEXTS}/befund.md:8: [LS-verneinung]" in \
        build.stdout + build.stderr


def test_make_check_lists_waivers_only_when_verbose(section_root: Path) -> None:
    quiet = run_check(section_root)
    assert quiet.returncode == 0 and "ausgenommen" not in quiet.stdout
    verbose = run_check(section_root, "--verbose")
    assert verbose.returncode == 0
    assert verbose.stdout.splitlines()[:2] == [
        "Ausnahmen in Leichter Sprache (1):",
        f"  {TEXTS}/wegweiser.md:9: [LS-wortlaenge] Langes Wort „Mitgliederversammlung“ "
        "(21 Buchstaben): trennen Sie das zusammengesetzte Wort mit Binde-Strich oder "
        "Mediopunkt (Bürger-Meister, Bürger·Meister) oder nehmen Sie ein kürzeres Wort. "
        "(ausgenommen: Beispiel einer Ausnahme im Test)"]


def test_metadata_problems_are_reported(section_root: Path, tmp_path: Path) -> None:
    root = Path(shutil.copytree(section_root, tmp_path / "site"))
    (root / TEXTS / "kaputt.md").write_text(
        "Title: Kaputt\nSlug: Termine\nOrder: zwei\nDate: 2026-12-01\n\nEin Satz.\n",
        encoding="utf-8")
    result = run_check(root)
    assert result.stdout.splitlines() == [
        f"{TEXTS}/kaputt.md:1: Pflichtfeld 'Summary' fehlt.",
        f"{TEXTS}/kaputt.md:2: Der Name 'Termine' ist ungültig: erlaubt sind Kleinbuchstaben "
        "a–z, Ziffern und einzelne Bindestriche dazwischen (z. B. 2020-09-meetup-essen).",
        f"{TEXTS}/kaputt.md:3: 'Order': 'zwei' hat nicht die erwartete Form (eine ganze Zahl "
        "ab 1; 1 = zuerst)."]


@pytest.mark.browser
def test_header_links_are_reached_by_keyboard_at_320_pixels(section_site: Path, served_site,
                                                            new_browser_page) -> None:
    page = open_page(new_browser_page(viewport={"width": 320, "height": 640}, locale="de-DE"),
                     served_site(section_site), "/blog/")
    reached = []
    for _ in range(4):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("""() => {
          const el = document.activeElement, box = el.getBoundingClientRect();
          return [el.textContent.trim(), box.left >= 0 && box.right <= innerWidth];
        }"""))
    assert reached[2:] == [["Leichte Sprache", True], ["Gebärdensprache", True]]


def test_line_breaks_of_easy_read_stay_out_of_the_other_markdown_files():
    """Pelican's reader appends ``nl2br`` to the extensions list it is given, in place."""
    from pelican.readers import Readers
    from pelican.settings import read_settings

    from rebellab.leichtesprache.generator import NL2BR, easy_read_settings

    settings = read_settings(str(REPO / "pelicanconf.py"))
    Readers(settings)  # the posts' and pages' readers come first and fill in "extensions"
    Readers(easy_read_settings(settings))
    assert NL2BR not in settings["MARKDOWN"].get("extensions", [])
