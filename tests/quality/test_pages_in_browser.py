"""Gates in headless Chromium, one page of every type: axe-core (light and dark), no request
to any other host, no cookies, a working skip link."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.quality.conftest import page_of_type
from tests.quality.page_types import PAGE_TYPE_NAMES
from tests.support.browser import foreign_requests, record_requests
from tests.support.site import REPO

if TYPE_CHECKING:
    from playwright.sync_api import Page

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Page types axe checks in dark mode as well; colour contrast differs there.
DARK_MODE_TYPES = PAGE_TYPE_NAMES

pytestmark = pytest.mark.browser


def open_page(page: Page, base_url: str, path: str) -> Page:
    """Load ``path`` from the local server and wait until the network is quiet."""
    response = page.goto(base_url + path, wait_until="networkidle")
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    return page


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core (injected from node_modules, no network) for the WCAG 2.1 A/AA tags."""
    if not AXE.exists():
        pytest.fail(f"{AXE} fehlt (make test installiert node_modules per npm ci)", pytrace=False)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
                           " resultTypes: ['violations']})", AXE_TAGS)
    return result["violations"]


def describe_violations(path: str, violations: list[dict]) -> str:
    """One block per rule: id, impact, help text and up to five offending elements."""
    lines = [f"{path}: {len(violations)} axe-Verstöße"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} "
                     f"[{violation['helpUrl']}]")
        for node in violation["nodes"][:5]:
            summary = " ".join((node.get("failureSummary") or "").split())[:300]
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … und {len(violation['nodes']) - 5} weitere Elemente")
    return "\n".join(lines)


@pytest.mark.parametrize("page_type", PAGE_TYPE_NAMES)
def test_axe_finds_no_wcag_violations(page_type, site_output, site_base_url, browser_page):
    path = page_of_type(site_output, page_type)
    violations = axe_violations(open_page(browser_page, site_base_url, path))
    if violations:
        pytest.fail(describe_violations(path, violations), pytrace=False)


@pytest.mark.parametrize("page_type", DARK_MODE_TYPES)
def test_axe_finds_no_wcag_violations_in_dark_mode(page_type, site_output, site_base_url,
                                                   new_browser_page):
    path = page_of_type(site_output, page_type)
    page = new_browser_page(locale="de-DE", color_scheme="dark")
    violations = axe_violations(open_page(page, site_base_url, path))
    if violations:
        pytest.fail(describe_violations(f"{path} (dunkles Farbschema)", violations),
                    pytrace=False)


@pytest.mark.parametrize("page_type", PAGE_TYPE_NAMES)
def test_page_requests_nothing_from_other_hosts_and_sets_no_cookies(
        page_type, site_output, site_base_url, browser_page):
    path = page_of_type(site_output, page_type)
    requests = record_requests(browser_page)
    open_page(browser_page, site_base_url, path)
    search_field = browser_page.locator("input[type=search]")
    if search_field.count():  # let the search enhancement load its index, too
        search_field.first.fill("Labor")
        browser_page.wait_for_load_state("networkidle")
        browser_page.wait_for_timeout(500)
    foreign = foreign_requests(requests, site_base_url)
    if foreign:
        pytest.fail(f"{path} lädt von fremden Hosts:\n" + "\n".join(foreign), pytrace=False)
    cookies = browser_page.context.cookies()
    assert not cookies, f"{path} setzt Cookies: {[cookie['name'] for cookie in cookies]}"


FOCUS_STATE = """() => {
  const el = document.activeElement;
  const main = document.querySelector('main');
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName, href: el.getAttribute('href'), text: (el.textContent || '').trim(),
    mainId: main ? main.id : null,
    visible: box.width > 1 && box.height > 1 && box.bottom > 0 && box.top < innerHeight
      && box.right > 0 && box.left < innerWidth,
    inMain: !!main && (main === el || main.contains(el)),
    afterMainStart: !!main && !!(main.compareDocumentPosition(el)
      & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY)),
  };
}"""


@pytest.mark.parametrize("page_type", PAGE_TYPE_NAMES)
def test_skip_link_is_first_and_moves_focus_to_main(page_type, site_output, site_base_url,
                                                    browser_page):
    path = page_of_type(site_output, page_type)
    open_page(browser_page, site_base_url, path)
    browser_page.keyboard.press("Tab")
    first = browser_page.evaluate(FOCUS_STATE)
    assert first["mainId"], f"{path}: kein <main> mit id"
    assert first["href"] == f"#{first['mainId']}", (
        f"{path}: erstes fokussierbares Element ist <{first['tag'].lower()} "
        f"href={first['href']!r}> {first['text']!r}, nicht der Link zu #{first['mainId']}")
    assert first["visible"], f"{path}: Skip-Link ist bei Fokus nicht sichtbar"
    browser_page.keyboard.press("Enter")
    after = browser_page.evaluate(FOCUS_STATE)
    if not after["inMain"]:  # main without tabindex: the next Tab must start inside main
        browser_page.keyboard.press("Tab")
        after = browser_page.evaluate(FOCUS_STATE)
    assert after["inMain"] or after["afterMainStart"], (
        f"{path}: nach dem Skip-Link liegt der Fokus auf <{after['tag'].lower()}> "
        f"{after['text'][:60]!r} vor dem Hauptinhalt")
