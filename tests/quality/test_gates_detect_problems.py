"""The gates themselves: each one fails on a page that breaks its rule.

``fixtures/broken-site/`` holds one page breaking every rule at once (no lang, a web font
from Google, a cookie, an image without alt, grey on grey, the skip link second, an
element too wide for 320 px, a stray end tag) and a malformed feed.
``fixtures/csp-broken-site/`` holds one page per rule of the Content-Security-Policy, each
breaking only that rule; the tests write the site's real policy in place of ``SITE_POLICY``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import pelicanconf
from rebellab.sitebase.csp import csp_policy
from tests.quality.browser_checks import (
    NARROW,
    axe_violations,
    csp_violations,
    open_page,
    record_csp_violations,
    reflow_problem,
    skip_link_problem,
)
from tests.quality.test_content_security_policy import policy_problems
from tests.quality.test_feeds import feed_problems
from tests.quality.test_html_validity import describe, run_vnu
from tests.quality.weight import BUDGET, page_weights
from tests.support.browser import foreign_requests, record_requests

BROKEN = Path(__file__).parent / "fixtures" / "broken-site"
CSP_BROKEN = Path(__file__).parent / "fixtures" / "csp-broken-site"
# Page of csp-broken-site -> the violation Chromium reports: (directive, blocked URI).
CSP_CASES = {
    "inline-script": ("script-src-elem", "inline"),
    "event-handler": ("script-src-attr", "inline"),
    "style-attribute": ("style-src-attr", "inline"),
    "style-element": ("style-src-elem", "inline"),
    "foreign-image": ("img-src", "https://bilder.example/foto.png"),
    "foreign-script": ("script-src-elem", "https://cdn.example/analyse.js"),
    "eval": ("script-src", "eval"),
}
# The static check's finding on each page (after "name.html: ").
CSP_STATIC_FINDINGS = {
    "inline-script": "Inline-Skript: 'document.title = \"verändert\";'",
    "event-handler": "Event-Handler onerror an <img>",
    "style-attribute": "style-Attribut an <p>: 'color: #a3171e'",
    "style-element": "Content-Security-Policy",
    "foreign-image": "<img src='https://bilder.example/foto.png'> lädt nicht von hier",
    "foreign-script": "<script src='https://cdn.example/analyse.js'> lädt nicht von hier",
}


def test_nu_html_checker_reports_file_line_and_message():
    errors = [describe(message, BROKEN) for message in run_vnu(BROKEN)]
    assert [error.split("  [")[0] for error in errors] == [
        "index.html:15: An “img” element must have an “alt” attribute, except under certain "
        "conditions. For details, consult guidance on providing text alternatives for images.",
        "index.html:17: End tag “p” seen, but there were open elements.",
        "index.html:17: Unclosed element “span”.",
    ]


def test_feed_check_reports_malformed_feed():
    assert feed_problems(BROKEN) == [
        "feeds/all.atom.xml: <unknown>:4:2: mismatched tag",
        "feeds/all.atom.xml: Eintrag 'Eintrag' ohne absoluten Link",
    ]


def test_weight_budget_catches_a_heavy_page(tmp_path):
    # Incompressible text: hex digits of a hash chain, about 40 KB after gzip.
    import hashlib

    digest, chunks = b"seed", []
    for _ in range(1300):
        digest = hashlib.sha256(digest).digest()
        chunks.append(digest.hex())
    (tmp_path / "index.html").write_text("<p>" + "".join(chunks) + "</p>", encoding="utf-8")
    [weight] = page_weights(tmp_path)
    assert weight.total > BUDGET


@pytest.mark.browser
def test_browser_gates_find_every_problem_of_the_broken_page(served_site, browser_page):
    base_url = served_site(BROKEN)
    requests = record_requests(browser_page)
    open_page(browser_page, base_url, "/")

    assert foreign_requests(requests, base_url) == [
        "https://fonts.googleapis.com/css2?family=Roboto"]
    assert [cookie["name"] for cookie in browser_page.context.cookies()] == ["besuch"]
    violations = {violation["id"] for violation in axe_violations(browser_page)}
    assert {"html-has-lang", "image-alt", "color-contrast"} <= violations
    browser_page.reload()
    assert skip_link_problem(browser_page, "/") == (
        "/: erstes fokussierbares Element ist <a href='/impressum/'> 'Impressum', "
        "nicht der Link zu #inhalt")


@pytest.mark.browser
def test_reflow_gate_names_the_element_that_sticks_out(served_site, new_browser_page):
    page = open_page(new_browser_page(viewport=NARROW), served_site(BROKEN), "/")
    problem = reflow_problem(page, "/")
    assert problem is not None and problem.splitlines()[-1] == "div (608 px)"


@pytest.fixture(scope="module")
def csp_broken_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pages of ``fixtures/csp-broken-site`` carrying the site's current policy."""
    folder = tmp_path_factory.mktemp("csp-broken-site")
    shutil.copytree(CSP_BROKEN, folder, dirs_exist_ok=True)
    policy = csp_policy(pelicanconf.CONTENT_SECURITY_POLICY)
    for page in folder.glob("*.html"):
        page.write_text(page.read_text("utf-8").replace("SITE_POLICY", policy), "utf-8")
    return folder


@pytest.mark.parametrize("name", sorted(CSP_STATIC_FINDINGS))
def test_static_policy_check_reports_what_the_policy_blocks(name, csp_broken_site):
    html = (csp_broken_site / f"{name}.html").read_text("utf-8")
    [problem] = policy_problems(html, f"{name}.html")
    assert problem.startswith(f"{name}.html: {CSP_STATIC_FINDINGS[name]}")


@pytest.mark.browser
@pytest.mark.parametrize("name", sorted(CSP_CASES))
def test_csp_gate_reports_the_violation(name, csp_broken_site, served_site, browser_page):
    record_csp_violations(browser_page)
    open_page(browser_page, served_site(csp_broken_site), f"/{name}.html")
    violations = csp_violations(browser_page)
    assert [(violation["directive"], violation["blocked"]) for violation in violations] == [
        CSP_CASES[name]]
