"""scripts/from_mail.py (make from-mail): real e-mails give exactly the files the forms give."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from scripts import from_mail, issue_to_yaml
from tests.support.site import REPO, copy_tree, make_root

FIXTURES = Path(__file__).parent / "fixtures"
MAILS = FIXTURES / "mail"
EXPECTED = MAILS / "expected"

# Each mail, the issue body with the same answers, and the issue's created_at.
SAME_AS_FORM = [
    ("kommentar-quoted-printable.eml", "mail/kommentar.md", "2026-11-20T09:14:27+01:00"),
    ("veranstaltung-base64.eml", "event-valid.md", "2026-11-20T10:05:12Z"),
    ("kommentar-format-flowed-delsp.eml", "mail/kommentar-reply.md", "2026-11-23T21:47:05Z"),
    ("profil-html-and-text-signature.eml", "profile-create.md", "2026-11-24T08:30:09Z"),
    ("kommentar-html-only.eml", "mail/kommentar-html.md", "2026-11-26T07:59:41Z"),
]


@pytest.fixture
def lab(tmp_path: Path) -> Path:
    """A lab with three posts (one draft) and one comment to answer."""
    return copy_tree(FIXTURES / "comments-lab", make_root(tmp_path / "lab"))


@pytest.fixture
def twin(tmp_path: Path) -> Path:
    """A second, identical lab for the issue-form path."""
    return copy_tree(FIXTURES / "comments-lab", make_root(tmp_path / "twin"))


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted((root / "data").rglob("*")) if p.is_file()}


def run(main, args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def new_files(root: Path, before: dict[str, bytes]) -> dict[str, bytes]:
    return {rel: data for rel, data in files(root).items() if before.get(rel) != data}


@pytest.mark.parametrize(("mail", "body", "created"), SAME_AS_FORM,
                         ids=[case[0].removesuffix(".eml") for case in SAME_AS_FORM])
def test_mail_gives_the_same_file_as_the_issue_form(
        lab: Path, twin: Path, mail: str, body: str, created: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    before = files(lab)
    code, out, err = run(from_mail.main, ["--root", str(lab), str(MAILS / mail)], capsys)
    assert (code, err) == (0, "")
    by_mail = new_files(lab, before)
    code, out_form, err = run(issue_to_yaml.main, ["--root", str(twin), "--date", created,
                                                   str(FIXTURES / body)], capsys)
    assert (code, err) == (0, "")
    assert out == out_form
    assert list(by_mail) == out.split()
    assert by_mail == new_files(twin, before)


@pytest.mark.parametrize("mail", ["kommentar-quoted-printable.eml",
                                  "kommentar-format-flowed-delsp.eml",
                                  "kommentar-html-only.eml"])
def test_comment_files_match_golden_files(lab: Path, mail: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(from_mail.main, ["--root", str(lab), str(MAILS / mail)], capsys)
    assert code == 0
    (rel,) = out.split()
    golden = EXPECTED / mail.replace(".eml", ".yaml")
    if os.environ.get("UPDATE_GOLDEN"):  # regenerate, then review the diff like code
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes((lab / rel).read_bytes())
    assert (lab / rel).read_text(encoding="utf-8") == golden.read_text(encoding="utf-8")


def test_no_sender_address_is_written(lab: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = files(lab)
    for mail, _, _ in SAME_AS_FORM:
        assert run(from_mail.main, ["--root", str(lab), str(MAILS / mail)], capsys)[0] == 0
    written = b"".join(new_files(lab, before).values()).decode("utf-8")
    for sender in ("juergen.mueller@kreis.example", "marie@luenen.example", "ayse@example.net",
                   "jana.schaefer@essen.example", "petra.wagner@kreis-wesel.example"):
        assert sender not in written
    # The profile form's own contact field is the only address, as typed into it.
    assert written.count("@example.org") == 1
    assert "email: jana.schaefer@example.org" in written


def test_barrier_report_becomes_the_issue_text_and_no_file(
        lab: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = files(lab)
    code, out, err = run(from_mail.main, ["--root", str(lab),
                                          str(MAILS / "barriere-windows-line-ends.eml")], capsys)
    assert (code, err) == (0, "")
    assert out == (MAILS / "barriere.md").read_text(encoding="utf-8")
    assert files(lab) == before


def test_missing_and_wrong_fields_are_named_in_german(
        lab: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = files(lab)
    code, out, err = run(from_mail.main, ["--root", str(lab),
                                          str(MAILS / "kommentar-missing-name.eml")], capsys)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "Feld „Name“ ist leer; bitte ausfüllen.",
        "Feld „Website“: 'javascript:alert(1)' ist keine Web-Adresse; erlaubt sind nur "
        "Adressen, die mit http:// oder https:// beginnen.",
        "Feld „Antwort auf“ enthält '2020-08-20-7', aber zum Beitrag "
        "'das-verwaltungsrebellen-labor-startet' gibt es keinen Kommentar 2020-08-20-7.",
        "Feld „Einwilligung“ ist nicht angekreuzt; ohne Einwilligung wird kein Kommentar "
        "veröffentlicht.",
    ]
    assert files(lab) == before


def test_unrelated_mail_is_refused(lab: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(from_mail.main, ["--root", str(lab),
                                          str(MAILS / "unrelated-newsletter.eml")], capsys)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "Die E-Mail gehört zu keinem Formular: Der Betreff „Ihre Vorteile im Dezember – jetzt "
        "sparen“ beginnt nicht mit „Veranstaltung eintragen“, „Profil anlegen / ändern / "
        "löschen“, „Kommentar schreiben“ oder „Barriere melden“. Bitte nur Antworten auf die "
        "E-Mail-Vorlagen der Website umwandeln."]


def test_mail_without_fields_is_refused(lab: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(from_mail.main, ["--root", str(lab),
                                          str(MAILS / "kommentar-without-fields.eml")], capsys)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "Die E-Mail „Re: Kommentar schreiben“ enthält keine ausgefüllten Felder des Formulars "
        "„Kommentar schreiben“ (Zeilen wie „Beitrag: …“)."]


def test_missing_file_is_named(lab: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(from_mail.main, ["--root", str(lab), str(lab / "fehlt.eml")], capsys)
    assert code == 1
    assert err.startswith(f"Die Datei „{lab / 'fehlt.eml'}“ gibt es nicht.")


def test_make_from_mail_reads_standard_input(lab: Path) -> None:
    raw = (MAILS / "kommentar-quoted-printable.eml").read_bytes()
    result = subprocess.run(["make", "--no-print-directory", "-s", "from-mail", "FILE=-"],
                            input=raw, capture_output=True, cwd=REPO, check=False,
                            env={**os.environ, "LAB_ROOT": str(lab)})
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().split() == [
        "data/comments/das-verwaltungsrebellen-labor-startet/2026-11-20-1.yaml"]


def test_second_comment_of_the_day_gets_the_next_number(
        lab: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mail = str(MAILS / "kommentar-quoted-printable.eml")
    outs = [run(from_mail.main, ["--root", str(lab), mail], capsys)[1] for _ in range(2)]
    assert [out.strip().rsplit("/", 1)[1] for out in outs] == ["2026-11-20-1.yaml",
                                                               "2026-11-20-2.yaml"]


def test_date_and_time_options_override_the_mail_date(
        lab: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(from_mail.main, ["--root", str(lab), "--date", "2026-12-01", "--time",
                                        "18:05", str(MAILS / "kommentar-html-only.eml")],
                       capsys)
    assert code == 0
    text = (lab / out.strip()).read_text(encoding="utf-8")
    assert out.strip().endswith("/2026-12-01-1.yaml")
    assert "date: 2026-12-01 18:05\n" in text and "consent: 2026-12-01\n" in text


# -- the steps, one by one ------------------------------------------------------------------
def test_unflow_joins_flowed_lines_and_keeps_quotes_and_signature_separator() -> None:
    text = ("Ein langer \nSatz.\n From here: gestopft\n> zitiert \n> weiter\nneu \n-- \nSig")
    assert from_mail.unflow(text, delsp=False).split("\n") == [
        "Ein langer Satz.", "From here: gestopft", "> zitiert weiter", "neu ", "-- ", "Sig"]


def test_unflow_with_delsp_removes_the_inserted_space() -> None:
    assert from_mail.unflow("Hos \npitation und  \nmehr", delsp=True) == "Hospitation und mehr"


@pytest.mark.parametrize("ending", [
    "-- \nAnna", "--\nAnna", "Mit freundlichen Grüßen,\nAnna", "Viele Grüße\nAnna",
    "LG Anna", "-----Original Message-----\nFrom: x", "-----Ursprüngliche Nachricht-----",
    "Von: Redaktion <r@example.org>", "Am 08.09.2020 um 11:02 schrieb Redaktion:\n> Name*:",
    "On Tue, Sep 8, 2020 at 11:02 AM Redaktion wrote:", "Von meinem iPhone gesendet",
    "________________________________\nVon: x", "Best regards,\nAnna",
])
def test_own_text_ends_before_signatures_quotes_and_closing_formulas(ending: str) -> None:
    text = "Name: Anna B.\nKommentar: Grüße an alle im Labor!"
    assert from_mail.own_text(f"{text}\n\n{ending}\nName: Falsch") == text + "\n"


def test_html_to_text_keeps_lines_paragraphs_links_and_drops_quotes() -> None:
    html = ("<html><head><style>p {}</style></head><body><div>Name: Anna</div>"
            "<div><br></div><p class=MsoNormal>Zeile&nbsp;1<o:p></o:p></p>"
            "<p class=MsoNormal>Zeile 2</p><p>Absatz mit <a href='https://a.example/x'>Link"
            "</a> und <a href='https://b.example/'>https://b.example/</a></p>"
            "<ul><li>eins</li><li>zwei</li></ul>"
            "<blockquote>Name: Zitat</blockquote><div class='gmail_quote'>alt</div>"
            "<div id='Signature'>Gruß, Anna</div><hr><div id='divRplyFwdMsg'>Von: x</div>"
            "<div>Name: im beantworteten Text</div>"
            "</body>")
    assert from_mail.html_to_text(html).split("\n") == [
        "Name: Anna", "", "Zeile\xa01", "Zeile 2", "",
        "Absatz mit [Link](https://a.example/x) und https://b.example/", "", "- eins",
        "- zwei"]


@pytest.mark.parametrize(("mail", "marks"), [
    ("kommentar-quoted-printable.eml", [b"Content-Transfer-Encoding: quoted-printable", b"=C3"]),
    ("veranstaltung-base64.eml", [b"Content-Transfer-Encoding: base64"]),
    ("kommentar-format-flowed-delsp.eml", [b"format=flowed; delsp=yes", b"  \n"]),
    ("profil-html-and-text-signature.eml", [b"multipart/alternative", b"text/html",
                                            b"charset=\"iso-8859-1\""]),
    ("barriere-windows-line-ends.eml", [b"\r\n\r\n"]),
    ("kommentar-html-only.eml", [b"Content-Type: text/html"]),
])
def test_fixtures_are_what_their_names_say(mail: str, marks: list[bytes]) -> None:
    raw = (MAILS / mail).read_bytes()
    assert all(mark in raw for mark in marks)
    assert (b"\r\n" in raw) == (mail == "barriere-windows-line-ends.eml")
    assert (b"text/plain" in raw) == (mail != "kommentar-html-only.eml")
