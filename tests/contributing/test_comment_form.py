"""The comment form ("Kommentar schreiben") through scripts/issue_to_yaml.py --kind kommentar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from pelican.contents import Article
from pelican.readers import Readers
from pelican.settings import read_settings

from rebellab.kernel.posts import blog_posts
from scripts import issue_to_yaml
from tests.support.site import REPO, copy_tree, make_root

FIXTURES = Path(__file__).parent / "fixtures"
BODY = (FIXTURES / "mail" / "kommentar.md").read_text(encoding="utf-8")
POST = "das-verwaltungsrebellen-labor-startet"


@pytest.fixture
def lab(tmp_path: Path) -> Path:
    return copy_tree(FIXTURES / "comments-lab", make_root(tmp_path))


def convert(lab: Path, body: str, capsys: pytest.CaptureFixture[str], *options: str
            ) -> tuple[int, str, str]:
    path = lab / "issue.md"
    path.write_text(body, encoding="utf-8")
    code = issue_to_yaml.main(["--root", str(lab), "--kind", "kommentar", *options, str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def answer(label: str, value: str, body: str = BODY) -> str:
    """The body with one field's answer replaced."""
    head, rest = body.split(f"### {label}\n\n", 1)
    tail = rest.split("\n\n### ", 1)
    return f"{head}### {label}\n\n{value}" + ("\n\n### " + tail[1] if len(tail) > 1 else "\n")


def test_comment_form_writes_the_comment_file(lab: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = convert(lab, BODY, capsys, "--date", "2026-11-20", "--time", "09:14")
    assert (code, err) == (0, "")
    assert out.split() == [f"data/comments/{POST}/2026-11-20-1.yaml"]
    data = yaml.safe_load((lab / out.strip()).read_text(encoding="utf-8"))
    assert data == {
        "name": "Jürgen M.", "date": "2026-11-20 09:14",
        "text": "Glückwunsch zum Start! Wir in der Kämmerei probieren seit März „Lean Coffee“ "
                "aus – gern teile ich unsere Erfahrungen mit allen, die das auch versuchen "
                "wollen.\n\nEine Frage: Gibt es schon Termine für das erste Treffen & wer darf "
                "mitmachen?\n",
        "website": "https://juergen.example/blog/", "consent": date(2026, 11, 20)}


def test_github_timestamp_is_converted_to_berlin_time(
        lab: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = convert(lab, BODY, capsys, "--date", "2026-11-20T23:30:00Z")
    assert code == 0
    assert out.strip().endswith("/2026-11-21-1.yaml")  # 00:30 in Berlin, the next day
    assert "date: 2026-11-21 00:30\n" in (lab / out.strip()).read_text(encoding="utf-8")


@pytest.mark.parametrize("given", [
    "Das Verwaltungsrebellen-Labor startet",
    "https://verwaltungsrebellen-labor.de/blog/2020/das-verwaltungsrebellen-labor-startet/",
])
def test_post_may_be_given_by_title_or_address(lab: Path, given: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = convert(lab, answer("Beitrag", given), capsys, "--date", "2026-11-20")
    assert (code, err) == (0, "")
    assert out.split() == [f"data/comments/{POST}/2026-11-20-1.yaml"]


@pytest.mark.parametrize(("label", "value", "message"), [
    ("Beitrag", "gibt-es-nicht", "Feld „Beitrag“ enthält 'gibt-es-nicht', aber es gibt keinen "
     "Blogbeitrag mit diesem Kurznamen. Er steht in der Adresse des Beitrags: "
     "…/blog/2020/kurzname/."),
    ("Beitrag", "ein-entwurf", "Feld „Beitrag“ enthält 'ein-entwurf', aber es gibt keinen "
     "Blogbeitrag mit diesem Kurznamen. Er steht in der Adresse des Beitrags: "
     "…/blog/2020/kurzname/."),
    ("Beitrag", "_No response_", "Feld „Beitrag“ ist leer; bitte ausfüllen."),
    ("Name", "_No response_", "Feld „Name“ ist leer; bitte ausfüllen."),
    ("Kommentar", "_No response_", "Feld „Kommentar“ ist leer; bitte ausfüllen."),
    ("Website", "www.example.org", "Feld „Website“: 'www.example.org' ist keine Web-Adresse; "
     "erlaubt sind nur Adressen, die mit http:// oder https:// beginnen."),
    ("Antwort auf", "dem Kommentar von Anna", "Feld „Antwort auf“ enthält 'dem Kommentar von "
     "Anna'; erwartet wird die Kennung eines Kommentars, z. B. 2020-08-20-1."),
    ("Antwort auf", "2020-09-08-1", "Feld „Antwort auf“ enthält '2020-09-08-1', aber zum "
     "Beitrag 'das-verwaltungsrebellen-labor-startet' gibt es keinen Kommentar 2020-09-08-1."),
    ("Einwilligung", "- [ ] Ich willige ein.", "Feld „Einwilligung“ ist nicht angekreuzt; ohne "
     "Einwilligung wird kein Kommentar veröffentlicht."),
])
def test_form_errors_name_the_field(lab: Path, label: str, value: str, message: str,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = convert(lab, answer(label, value), capsys, "--date", "2026-11-20")
    assert (code, out) == (1, "")
    assert err.splitlines() == [message]
    assert not (lab / "data" / "comments" / POST).exists()


def test_reply_to_an_existing_comment_of_the_same_post(
        lab: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = answer("Antwort auf", "#kommentar-2020-09-08-1", answer("Beitrag", "handlungsfelder"))
    code, out, err = convert(lab, body, capsys, "--date", "2026-11-20")
    assert (code, err) == (0, "")
    assert "reply_to: 2020-09-08-1\n" in (lab / out.strip()).read_text(encoding="utf-8")


def test_post_slugs_are_the_ones_pelican_gives(lab: Path) -> None:
    settings = read_settings(str(REPO / "pelicanconf.py"))
    readers = Readers({**settings, "PATH": str(lab / "content"), "CACHE_CONTENT": False,
                       "LOAD_CONTENT_CACHE": False})
    pelican_slugs = {}
    for path in sorted((lab / "content" / "blog").glob("*.md")):
        article = readers.read_file(str(lab / "content"), str(path), content_class=Article)
        if article.status != "draft":
            pelican_slugs[article.slug] = article.title
    assert {slug: post.title for slug, post in blog_posts(lab).items()} == pelican_slugs
    assert set(pelican_slugs) == {POST, "handlungsfelder",
                                  "einladung-zum-ersten-offenen-verwaltungsrebellen-meetup"}


def test_a_comment_that_is_no_yaml_trouble_stays_text(
        lab: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "key: value\n  - eingerückt\n# keine Überschrift\n---\n\x0bEnde"
    body = answer("Name", "Anna: die Erste", answer("Kommentar", text))
    code, out, _ = convert(lab, body, capsys, "--date", "2026-11-20")
    assert code == 0
    data = yaml.safe_load((lab / out.strip()).read_text(encoding="utf-8"))
    assert data["name"] == "Anna: die Erste"
    assert data["text"] == "key: value\n  - eingerückt\n# keine Überschrift\n---\nEnde\n"


def test_unreadable_date_option_is_a_german_message(
        lab: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = convert(lab, BODY, capsys, "--date", "2026-13-01", "--time", "9 Uhr")
    assert (code, out) == (2, "")
    assert err.splitlines() == ["--date '2026-13-01' --time '9 Uhr': erwartet werden "
                                "JJJJ-MM-TT (oder ein Zeitpunkt nach ISO 8601) und HH:MM."]
