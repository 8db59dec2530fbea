"""Leichte-Sprache checker: one fixture per rule, a golden file, and the site's own texts."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from rebellab.leichtesprache.checker import (
    RULES,
    Finding,
    check_text,
    format_finding,
    read_exceptions,
)
from tests.support.site import REPO

FIXTURES = Path(__file__).parent / "fixtures"
# Golden file: every finding for the fixture folder, sorted by file and line, exactly as the
# checker reports them (waived ones with their reason). Regenerate with
# UPDATE_GOLDEN=1 .venv/bin/pytest tests/leichte_sprache and review the diff like code.
GOLDEN = FIXTURES / "expected.txt"
TEXTS = REPO / "content" / "leichte-sprache"
MAX_WAIVERS = 6


def findings(path: Path) -> list[Finding]:
    return check_text(path.read_text(encoding="utf-8"))


def report(folder: Path) -> str:
    lines = []
    for path in sorted(folder.glob("*.md")):
        name = path.relative_to(REPO).as_posix()
        ordered = sorted(findings(path), key=lambda finding: finding.line)
        lines += [format_finding(name, finding) for finding in ordered]
    return "".join(f"{line}\n" for line in lines)


def test_fixture_findings_match_golden_file() -> None:
    produced = report(FIXTURES)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(produced, encoding="utf-8")
    assert produced == GOLDEN.read_text(encoding="utf-8")


@pytest.mark.parametrize("rule", RULES)
def test_rule_fixture_has_exactly_its_one_finding(rule: str) -> None:
    found = findings(FIXTURES / f"{rule}.md")
    assert [(f.rule, f.waived) for f in found] == [(rule, False)]
    assert re.search(r"\b(schreiben|teilen|sagen|trennen|machen|heben) Sie\b", found[0].message,
                     re.IGNORECASE)


def test_clean_fixture_has_no_finding() -> None:
    # Metadata, comments, code, URLs, e-mail, link targets, quotes, names, dates, times,
    # tables, future tense with "werden" and the full verb "werden" raise nothing.
    assert findings(FIXTURES / "clean.md") == []


def test_waivers_need_the_rule_and_a_reason() -> None:
    found = {(f.line, f.rule): f for f in findings(FIXTURES / "waived.md")}
    assert found[(6, "verneinung")].reason == "die Leserinnen und Leser fragen oft nach Essen"
    assert found[(7, "konjunktiv")].waived and found[(7, "verneinung")].waived
    # "<!-- ls: verneinung -->" without a reason waives nothing.
    assert not found[(8, "verneinung")].waived and found[(8, "verneinung")].reason is None


def test_configured_exceptions_are_names() -> None:
    text = "Die Mitgliederversammlung tagt in Gelsenkirchen.\n"
    assert [f.rule for f in check_text(text)] == ["wortlaenge", "wortlaenge"]
    exceptions = read_exceptions("# Namen\nGelsenkirchen  # Stadt\nImpact Hub Ruhr\n")
    assert exceptions == {"Gelsenkirchen", "Impact Hub Ruhr"}
    assert [f.message.split("„")[1].split("“")[0] for f in check_text(text, exceptions)] \
        == ["Mitgliederversammlung"]


def test_finding_lines_follow_the_source_with_crlf_and_metadata() -> None:
    text = "Title: Ein Titel\r\nSlug: nie-kein-nicht\r\n\r\n# Kopf\r\n\r\nDas ist nie so.\r\n"
    assert [(f.line, f.rule) for f in check_text(text)] == [(6, "verneinung")]


# -- the site's texts in Leichte Sprache ---------------------------------------------------
SITE_LINKS = ("/veranstaltungen/", "/kalender/", "/rebellen/", "/suche/", "/barrierefreiheit/",
              "/gebaerdensprache/", "/barriere-melden/")


def site_texts() -> list[Path]:
    # README.md is for contributors (Pelican ignores it, see IGNORE_FILES).
    return sorted(path for path in TEXTS.glob("*.md") if path.name != "README.md")


def test_site_texts_have_no_unwaived_finding_and_few_waivers() -> None:
    found = {path.name: findings(path) for path in site_texts()}
    unwaived = [format_finding(name, f) for name, fs in found.items() for f in fs if not f.waived]
    assert unwaived == []
    assert sum(f.waived for fs in found.values() for f in fs) <= MAX_WAIVERS


def test_site_texts_have_listing_metadata_and_link_the_site() -> None:
    texts = site_texts()
    assert len(texts) >= 7
    orders, slugs, body = [], [], ""
    for path in texts:
        text = path.read_text(encoding="utf-8")
        header = dict(line.split(": ", 1) for line in text.split("\n\n", 1)[0].splitlines())
        assert {"Title", "Slug", "Summary", "Order"} <= header.keys(), path.name
        orders.append(int(header["Order"]))
        slugs.append(header["Slug"])
        body += text
    assert len(set(orders)) == len(orders) and len(set(slugs)) == len(slugs)
    for link in SITE_LINKS:
        assert f"]({link})" in body, link
