"""make import-wordpress on a hand-written export: exact files, a quiet second run, edits kept."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.migration.support import (
    FIXTURES,
    GOLDEN,
    OUTPUT_FOLDERS,
    existing_site,
    read_post,
    report_without_duration,
    run_import,
    snapshot,
)
from tests.support.site import REPO

EXPORT = FIXTURES / "blog-complete.xml"
MEDIA = FIXTURES / "uploads"
POSTS = {"2012-01-template-comments.md", "2013-05-buergerbeteiligung-digital.md",
         "2014-02-fotos-vom-barcamp.md", "2015-03-kurz-und-knapp.md"}
COMMENT_KEYS = {"name", "date", "text", "website", "reply_to", "consent", "source"}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The export imported once into a site with a page of its own; (root, report)."""
    root = existing_site(tmp_path_factory.mktemp("complete"))
    result = run_import(root, EXPORT, "--media", str(MEDIA))
    assert result.returncode == 0, result.stderr
    return root, result.stdout


def written_files(root: Path) -> dict[str, bytes]:
    """Files the import wrote (text files; images are compared with the media folder)."""
    files = {}
    for folder in OUTPUT_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and rel != "content/pages/ueber.md" and "/images/" not in rel:
                files[rel] = path.read_bytes()
    files["data/redirects.yaml"] = (root / "data/redirects.yaml").read_bytes()
    return files


# -- exact output -------------------------------------------------------------------------
def test_files_and_report_match_the_golden_files(imported: tuple[Path, str]) -> None:
    root, report = imported
    golden = GOLDEN / "blog-complete"
    files = written_files(root)
    files["report.txt"] = report_without_duration(report).encode()
    if os.environ.get("UPDATE_GOLDEN") == "1":
        shutil.rmtree(golden, ignore_errors=True)
        for rel, data in files.items():
            (golden / rel).parent.mkdir(parents=True, exist_ok=True)
            (golden / rel).write_bytes(data)
    expected = {path.relative_to(golden).as_posix(): path.read_bytes()
                for path in sorted(golden.rglob("*")) if path.is_file()}
    assert sorted(files) == sorted(expected)
    for rel, data in files.items():
        assert data.decode() == expected[rel].decode(), rel


def test_images_are_the_files_of_the_media_folder(imported: tuple[Path, str]) -> None:
    root, _ = imported
    images = root / "content/images/blog"
    copied = sorted(p.relative_to(images).as_posix() for p in images.rglob("*") if p.is_file())
    assert copied == ["2012/01/bild-eins.jpg", "2012/01/bild-zwei.png", "2013/05/grafik.png"]
    for rel in copied:
        assert (images / rel).read_bytes() == (MEDIA / rel).read_bytes()


# -- what must not be published -------------------------------------------------------------
def test_drafts_private_protected_scheduled_pending_and_trashed_posts_stay_out(
        imported: tuple[Path, str]) -> None:
    root, report = imported
    assert {p.name for p in (root / "content/blog").iterdir()} == POSTS
    for reason in ("Entwurf", "privat", "passwortgeschützt", "geplant", "wartet auf Freigabe",
                   "im Papierkorb"):
        assert re.search(rf"^  - Beitrag 1\d\d „[^“]+“: {reason}", report, re.MULTILINE), reason


def test_no_email_or_ip_address_in_any_written_file(imported: tuple[Path, str]) -> None:
    root, _ = imported
    text = "\n".join(data.decode() for data in written_files(root).values())
    for secret in ("@example.org", "203.0.113.7", "2001:db8::1", "198.51.100", "192.0.2",
                   "Kaufen!", "Wartet auf Freigabe", "anderes-blog.example"):
        assert secret not in text


def test_page_clashing_with_a_page_of_the_site_is_skipped(imported: tuple[Path, str]) -> None:
    root, report = imported
    assert (root / "content/pages/ueber.md").read_bytes() == \
        (FIXTURES / "existing-site/content/pages/ueber.md").read_bytes()
    assert "  - Seite 301 „Über uns“: Adresse /ueber/ gehört schon zu content/pages/ueber.md" \
        in report.splitlines()


# -- posts as the site reads them -----------------------------------------------------------
@pytest.mark.parametrize("name", sorted(POSTS))
def test_posts_read_with_pelicans_markdown_reader(imported: tuple[Path, str], name: str) -> None:
    root, _ = imported
    html, metadata = read_post(root / "content/blog" / name)
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.select("iframe, script, object, embed, style")
    for image in soup.select("img"):
        assert image["src"].startswith("/images/blog/")
        assert (root / "content" / image["src"].lstrip("/")).is_file()
    assert {"title", "date", "category", "slug", "authors"} <= set(metadata)


def test_nested_lists_stay_nested(imported: tuple[Path, str]) -> None:
    root, _ = imported
    html, _ = read_post(root / "content/blog/2013-05-buergerbeteiligung-digital.md")
    soup = BeautifulSoup(html, "html.parser")
    assert [li.get_text() for li in soup.select("ul > li > ol > li > ul > li")] == ["dritte Ebene"]
    html, _ = read_post(root / "content/blog/2012-01-template-comments.md")
    assert [li.get_text() for li in BeautifulSoup(html, "html.parser").select("ul ul li")] == \
        ["höchstens eine Seite", "klare Überschriften"]


def test_tables_code_quotes_and_captions_survive(imported: tuple[Path, str]) -> None:
    root, _ = imported
    html, metadata = read_post(root / "content/blog/2012-01-template-comments.md")
    soup = BeautifulSoup(html, "html.parser")
    assert [th.get_text() for th in soup.select("table thead th")] == ["Vorlage",
                                                                      "Zeitersparnis"]
    assert soup.select_one("pre code.language-python").get_text() == \
        'if a < b and c > d:\n    print("]]>")\n'
    assert soup.select_one("blockquote").get_text(strip=True).startswith("Eine Vorlage")
    assert soup.select_one("a > img")["src"] == "/images/blog/2012/01/bild-eins.jpg"
    assert soup.find("em", string="Vorlagen auf dem Flipchart")
    # Text that looks like markup stays text.
    assert "&lt;script&gt; ist Text" in html and "1. Januar ist kein Listenpunkt" in html
    assert str(metadata["summary"]).startswith("<p>Vorlagen sparen Zeit – auch in der Verwaltung.")


def test_internal_links_point_to_the_new_addresses(imported: tuple[Path, str]) -> None:
    root, _ = imported
    html, _ = read_post(root / "content/blog/2012-01-template-comments.md")
    links = {a.get_text(): a["href"] for a in BeautifulSoup(html, "html.parser").select("a")}
    assert links["Bürgerbeteiligung digital"] == "/blog/2013/buergerbeteiligung-digital/"
    # WordPress's jump marks do not exist on the new pages: the link goes to the page itself
    assert links["Galerie"] == "/blog/2014/fotos-vom-barcamp/"
    assert links["Kontakt"] == "/kontakt-anfahrt/"
    assert links["ohne https"] == "/kontakt-anfahrt/"
    assert links["Entwurf"] == "https://alt.verwaltungsrebellen.example/?p=105"


def test_embeds_become_links(imported: tuple[Path, str]) -> None:
    root, _ = imported
    html, _ = read_post(root / "content/blog/2013-05-buergerbeteiligung-digital.md")
    links = [a["href"] for a in BeautifulSoup(html, "html.parser").select("a")]
    assert "https://www.youtube.com/watch?v=dQw4w9WgXcQ" in links
    assert "https://twitter.com/rebellen/status/123456" in links
    assert "https://www.google.com/maps/embed?pb=abc" in links
    html, _ = read_post(root / "content/blog/2014-02-fotos-vom-barcamp.md")
    links = [a["href"] for a in BeautifulSoup(html, "html.parser").select("a")]
    assert "https://vimeo.com/76979871" in links
    assert "https://www.youtube.com/watch?v=abcdefghijk" in links


# -- comments -------------------------------------------------------------------------------
def comments(root: Path) -> dict[str, dict[str, object]]:
    folder = root / "data/comments/template-comments"
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted(folder.glob("*.yaml"))}


def test_comment_files_follow_the_contract(imported: tuple[Path, str]) -> None:
    root, _ = imported
    found = comments(root)
    assert len(found) == 11
    for key, comment in found.items():
        assert set(comment) <= COMMENT_KEYS
        assert {"name", "date", "text", "consent"} <= set(comment)
        assert comment["source"] == "wordpress"
        assert str(comment["date"]).startswith(key[:10])
        assert str(comment["consent"]) == key[:10]
        assert str(comment.get("website", "https://")).startswith(("http://", "https://"))
        assert comment.get("reply_to") is None or comment["reply_to"] in found
        soup = BeautifulSoup(read_markdown(str(comment["text"])), "html.parser")
        assert not soup.select("h1, h2, h3, h4, h5, h6, img, table, script")


def read_markdown(text: str) -> str:
    import markdown

    return markdown.markdown(text, extensions=["extra"])


def test_thread_ten_deep_keeps_its_order(imported: tuple[Path, str]) -> None:
    root, _ = imported
    found = comments(root)
    chain, key = [], "2012-01-06-2"
    while key:
        chain.append(found[key]["text"])
        key = found[key].get("reply_to")
    assert chain[0] == "Antwort Ebene 10: die tiefste."
    assert len(chain) == 10 and chain[-1].startswith("Sehr hilfreich!")


def test_non_latin_names_and_unsafe_websites(imported: tuple[Path, str]) -> None:
    root, _ = imported
    found = comments(root)
    assert found["2012-01-03-1"]["name"] == "Дмитрий Иванов"
    assert found["2012-01-03-2"]["name"] == "李雷"
    assert "website" not in found["2012-01-03-2"]  # javascript: is no website
    assert found["2012-01-04-1"]["name"] == "Zoë Ñandú"


# -- old addresses --------------------------------------------------------------------------
def test_every_imported_old_link_redirects_to_its_new_address(
        imported: tuple[Path, str]) -> None:
    root, _ = imported
    entries = yaml.safe_load((root / "data/redirects.yaml").read_text(encoding="utf-8"))
    mapping = {entry["from"]: entry["to"] for entry in entries}
    assert mapping["/2012/01/03/template-comments/"] == "/blog/2012/template-comments/"
    assert mapping["/2013/05/17/bürgerbeteiligung-digital/"] == \
        "/blog/2013/buergerbeteiligung-digital/"
    assert mapping["/2014/02/02/fotos-vom-barcamp/3/"] == "/blog/2014/fotos-vom-barcamp/"
    assert mapping["/verein/kontakt-anfahrt/"] == "/kontakt-anfahrt/"
    assert "/ueber/" not in mapping and "/2016/04/01/nur-mit-passwort/" not in mapping


# -- running again --------------------------------------------------------------------------
def test_second_run_changes_nothing(imported: tuple[Path, str], tmp_path: Path) -> None:
    root = tmp_path / "again"
    shutil.copytree(imported[0], root)
    before = snapshot(root)
    result = run_import(root, EXPORT, "--media", str(MEDIA))
    assert result.returncode == 0, result.stderr
    assert snapshot(root) == before
    assert "Dateien: 0 neu, 0 aktualisiert, 19 unverändert, 0 bearbeitet, 0 fremd" in \
        result.stdout.splitlines()


def test_edited_files_are_never_overwritten(imported: tuple[Path, str], tmp_path: Path) -> None:
    root = tmp_path / "edited"
    shutil.copytree(imported[0], root)
    post = root / "content/blog/2012-01-template-comments.md"
    comment = root / "data/comments/template-comments/2012-01-04-1.yaml"
    post.write_text(post.read_text(encoding="utf-8") + "\nNachtrag der Redaktion.\n",
                    encoding="utf-8")
    comment.write_text("name: Zoë N.\ndate: 2012-01-04 09:00\ntext: gekürzt\n"
                       "consent: 2012-01-04\n", encoding="utf-8")
    (root / "data/redirects.yaml").write_text(
        (root / "data/redirects.yaml").read_text(encoding="utf-8")
        + "- from: /eigene-alte-seite/\n  to: /ueber/\n", encoding="utf-8")
    before = snapshot(root)
    result = run_import(root, EXPORT, "--media", str(MEDIA))
    assert result.returncode == 0, result.stderr
    assert snapshot(root) == before
    lines = result.stdout.splitlines()
    assert "Dateien: 0 neu, 0 aktualisiert, 17 unverändert, 2 bearbeitet, 0 fremd" in lines
    assert ("  - content/blog/2012-01-template-comments.md (Beitrag 101 „Template-Kommentare: "
            "Grüße & Vorlagen“): seit dem letzten Import bearbeitet; nicht überschrieben") in lines


def test_changed_export_updates_only_unedited_files(imported: tuple[Path, str],
                                                    tmp_path: Path) -> None:
    root = tmp_path / "changed"
    shutil.copytree(imported[0], root)
    edited = root / "content/blog/2015-03-kurz-und-knapp.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "Ergänzt.\n", encoding="utf-8")
    export = tmp_path / "changed.xml"
    export.write_text(EXPORT.read_text(encoding="utf-8")
                      .replace("Vorlagen sparen Zeit", "Vorlagen sparen viel Zeit")
                      .replace("Ein Beitrag ohne Text", "Ein geänderter Beitrag ohne Text"),
                      encoding="utf-8")
    result = run_import(root, export, "--media", str(MEDIA))
    assert "Vorlagen sparen viel Zeit" in \
        (root / "content/blog/2012-01-template-comments.md").read_text(encoding="utf-8")
    assert edited.read_text(encoding="utf-8").endswith("Ergänzt.\n")
    assert "Dateien: 0 neu, 1 aktualisiert, 17 unverändert, 1 bearbeitet, 0 fremd" in \
        result.stdout.splitlines()


def test_files_the_import_did_not_write_are_left_alone(tmp_path: Path) -> None:
    root = existing_site(tmp_path)
    own = root / "content/blog/2015-03-kurz-und-knapp.md"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text("Title: Eigener Beitrag\nDate: 2015-03-01\n\nText.\n", encoding="utf-8")
    result = run_import(root, EXPORT)
    assert own.read_text(encoding="utf-8") == "Title: Eigener Beitrag\nDate: 2015-03-01\n\nText.\n"
    assert ("  - content/blog/2015-03-kurz-und-knapp.md (Beitrag 104 „Kurz & knapp: „Nichts“ zu "
            "sagen“): Datei gab es schon, nicht vom Import angelegt; nicht überschrieben") in \
        result.stdout.splitlines()


def test_without_media_images_become_links_and_are_listed(tmp_path: Path) -> None:
    root = existing_site(tmp_path)
    result = run_import(root, EXPORT)
    assert not (root / "content/images").exists()
    html, _ = read_post(root / "content/blog/2013-05-buergerbeteiligung-digital.md")
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.select("img")
    assert soup.find("a", string="Bild: Grafik: Beteiligung in Zahlen")["href"] == \
        "https://alt.verwaltungsrebellen.example/wp-content/uploads/2013/05/grafik-300x150.png"
    assert ("  - Datei https://alt.verwaltungsrebellen.example/wp-content/uploads/2013/05/"
            "grafik-300x150.png: weder Medienordner (MEDIA=…) noch --download angegeben") in \
        result.stdout.splitlines()


def test_posts_and_pages_clashing_with_the_sites_addresses_are_skipped(tmp_path: Path) -> None:
    root = existing_site(tmp_path)
    (root / "content/blog").mkdir(parents=True, exist_ok=True)
    (root / "content/blog/2015-eigener.md").write_text(
        "Title: Eigener Beitrag\nDate: 2015-05-01\nSlug: kurz-und-knapp\n\nText.\n",
        encoding="utf-8")
    export = tmp_path / "clash.xml"
    export.write_text(EXPORT.read_text(encoding="utf-8").replace(
        "<wp:post_name><![CDATA[kontakt-anfahrt]]>", "<wp:post_name><![CDATA[rebellen]]>"),
        encoding="utf-8")
    lines = run_import(root, export).stdout.splitlines()
    assert ("  - Beitrag 104 „Kurz & knapp: „Nichts“ zu sagen“: Adresse "
            "/blog/2015/kurz-und-knapp/ gehört schon zu content/blog/2015-eigener.md") in lines
    assert ("  - Seite 302 „Kontakt & Anfahrt“: Adresse /rebellen/ gehört schon zu dem Bereich "
            "/rebellen/ der Website") in lines
    assert not (root / "content/pages/rebellen.md").exists()


def test_make_target_passes_export_media_and_args() -> None:
    # --no-print-directory: under `make test` this is a sub-make, which would print
    # "Entering/Leaving directory" lines around the command.
    result = subprocess.run(["make", "--no-print-directory", "-n", "import-wordpress",
                             "WXR=export.xml", "MEDIA=uploads",
                             "ARGS=--download --max-mb 5"], cwd=REPO, capture_output=True,
                            text=True, check=True)
    assert result.stdout.splitlines()[-1] == (
        '.venv/bin/python -m scripts.wordpress_import "export.xml" --media "uploads" '
        "--download --max-mb 5")
