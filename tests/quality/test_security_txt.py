"""Gate: the repository's site publishes a valid security.txt that search and sitemap skip.

The exact content and the expiry rules are tested on a fixture site with an https address
(tests/foundation/test_security_txt.py); here the repository's own build is checked.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import pelicanconf
from tests.directory.sites import pagefind_records
from tests.foundation.test_security_txt import BUILD_DATE, parse_on
from tests.support.site import REPO

SAVE_AS = Path(".well-known") / "security.txt"
DEPLOY = REPO / ".github" / "workflows" / "deploy.yml"
UPLOAD = re.compile(r"uses: actions/upload-pages-artifact@\w+ # v(\d+)\.")


def test_security_txt_is_valid_on_the_build_date(site_output: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    text = (site_output / SAVE_AS).read_bytes()
    site_url = pelicanconf.SITE_ABSOLUTE_URL
    parser = parse_on(text, BUILD_DATE, monkeypatch, f"{site_url}/{SAVE_AS.as_posix()}")
    # Local builds use http://localhost; RFC 9116 §2.3 wants https, which production has.
    allowed = set() if site_url.startswith("https://") else {"no_https"}
    assert {error["code"] for error in parser.errors} <= allowed, parser.errors


def test_security_txt_is_neither_in_the_sitemap_nor_in_search(site_output: Path) -> None:
    assert "security.txt" not in (site_output / "sitemap.xml").read_text(encoding="utf-8")
    urls = [record["url"] for _, record in pagefind_records(site_output)]
    assert urls, "kein Suchindex gebaut"
    assert not [url for url in urls if "well-known" in url or "security" in url]


def test_deployment_keeps_the_well_known_folder() -> None:
    # upload-pages-artifact leaves out hidden paths from v4 on, .well-known/ too, unless told
    # (actions/upload-pages-artifact#129); a Dependabot update must not drop security.txt.
    text = DEPLOY.read_text(encoding="utf-8")
    [major] = [int(match) for match in UPLOAD.findall(text)]
    steps = [step for job in yaml.safe_load(text)["jobs"].values() for step in job["steps"]
             if step.get("uses", "").startswith("actions/upload-pages-artifact@")]
    if major >= 4:
        assert steps[0].get("with", {}).get("include-hidden-files") is True, (
            f"{DEPLOY.relative_to(REPO)}: upload-pages-artifact v{major} braucht "
            "include-hidden-files: true, sonst fehlt /.well-known/security.txt")
