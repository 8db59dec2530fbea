"""/.well-known/security.txt: valid for sectxt (an independent RFC 9116 parser), fresh, unlisted."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
import sectxt

import pelicanconf
from rebellab.sitebase.securitytxt import security_txt
from tests.foundation.helpers import ABSOLUTE_URL
from tests.support.site import DEFAULT_TODAY

CONTACT = pelicanconf.SITE_OPERATOR["security_contact"]
URL = f"{ABSOLUTE_URL}/.well-known/security.txt"
BUILD_DATE = date.fromisoformat(DEFAULT_TODAY)
# What sectxt only recommends and the lab cannot offer yet: an OpenPGP key for reports
# (Encryption) and a signature over the file.
ACCEPTED_RECOMMENDATIONS = {"no_encryption", "not_signed"}


def parse_on(text: bytes, day: date, monkeypatch: pytest.MonkeyPatch,
             url: str = URL) -> sectxt.Parser:
    """Parse as sectxt would on ``day`` (noon UTC) for a file served at ``url``."""
    moment = datetime.combine(day, time(12), tzinfo=UTC)

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return moment

    # sectxt compares Expires with its module's clock.
    monkeypatch.setattr(sectxt, "datetime", Clock)
    return sectxt.Parser(text, urls=url)


def test_file_is_exactly_the_settings(starter_site: Path) -> None:
    text = (starter_site / ".well-known" / "security.txt").read_text(encoding="utf-8")
    assert text == (f"Contact: mailto:{CONTACT}\n"
                    "Expires: 2027-05-23T00:00:00Z\n"
                    "Preferred-Languages: de, en\n"
                    f"Canonical: {URL}\n"
                    f"Policy: {ABSOLUTE_URL}/sicherheit/\n")


def test_rfc_9116_parser_finds_no_error_on_the_build_date(starter_site: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    parser = parse_on((starter_site / ".well-known" / "security.txt").read_bytes(), BUILD_DATE,
                      monkeypatch)
    assert parser.errors == []
    assert parser.is_valid()
    # long_expiry (a year or more ahead) would be listed here.
    assert {item["code"] for item in parser.recommendations} == ACCEPTED_RECOMMENDATIONS
    assert parser.notifications == []
    assert parser.preferred_languages == ["de", "en"]
    assert parser.contact_email == CONTACT


def test_expires_less_than_a_year_after_the_build_date(starter_site: Path) -> None:
    lines = (starter_site / ".well-known" / "security.txt").read_text("utf-8").splitlines()
    [expires] = [line.split(": ", 1)[1] for line in lines if line.startswith("Expires: ")]
    ahead = datetime.fromisoformat(expires) - datetime.combine(BUILD_DATE, time(), tzinfo=UTC)
    assert timedelta(days=90) < ahead < timedelta(days=365)


def test_a_build_left_alone_too_long_is_expired_for_the_parser(
        starter_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    days = pelicanconf.SECURITY_TXT["valid_days"]
    text = (starter_site / ".well-known" / "security.txt").read_bytes()
    assert parse_on(text, BUILD_DATE + timedelta(days=days - 1), monkeypatch).is_valid()
    parser = parse_on(text, BUILD_DATE + timedelta(days=days), monkeypatch)
    assert [error["code"] for error in parser.errors] == ["expired"]


def test_not_in_the_sitemap(starter_site: Path) -> None:
    sitemap = (starter_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "security.txt" not in sitemap
    assert f"<loc>{ABSOLUTE_URL}/sicherheit/</loc>" in sitemap


def test_without_a_policy_page_the_policy_field_is_left_out(blog_site: Path) -> None:
    text = (blog_site / ".well-known" / "security.txt").read_text(encoding="utf-8")
    assert [line.split(":")[0] for line in text.splitlines()] == [
        "Contact", "Expires", "Preferred-Languages", "Canonical"]


def test_contact_url_is_kept_and_address_becomes_mailto() -> None:
    def contact(value: str) -> str:
        return security_txt(contact=value, site_url=ABSOLUTE_URL, build_date=BUILD_DATE,
                            valid_days=10).splitlines()[0]

    assert contact("sicherheit@labor.example") == "Contact: mailto:sicherheit@labor.example"
    assert contact("https://labor.example/melden") == "Contact: https://labor.example/melden"
