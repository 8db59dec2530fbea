"""Shared pieces of the browser gates: load a page from the local server, run axe-core,
record Content-Security-Policy violations."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from tests.support.site import REPO

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Context options for pages that axe-core checks: the site's policy blocks the <script> that
# injects axe (as it should block any script from outside), so only these contexts bypass it.
# The CSP gate (test_content_security_policy.py) never does.
AXE_CONTEXT = {"locale": "de-DE", "bypass_csp": True}


def open_page(page: Page, base_url: str, path: str) -> Page:
    """Load ``path`` from the local server and wait until the network is quiet; requests
    to other hosts are aborted (see ``block_foreign_requests``).

    The gates check the page that was asked for: a redirect stub's meta refresh is taken out
    of it (it would navigate away mid-check; the target is a page type of its own, and
    tests/comments/test_redirects.py checks the refresh itself).
    """
    block_foreign_requests(page, base_url)
    page.route(lambda url: url == base_url + path, _without_refresh)
    response = page.goto(base_url + path, wait_until="networkidle")
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    return page


_REFRESH = re.compile(r"<meta http-equiv=\"refresh\"[^>]*>", re.IGNORECASE)


def _without_refresh(route: Route) -> None:
    response = route.fetch()
    route.fulfill(response=response, body=_REFRESH.sub("", response.text()))


def search_in_page(page: Page, query: str = "Labor") -> bool:
    """Type into the page's own visible search field (not the header's), let the
    enhancement fetch its index and show results; False when the page has no such field."""
    field = page.locator("main input[type=search]:visible")
    if not field.count():
        return False
    field.first.fill(query)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # results render after the last fragment arrives
    return True


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core (injected from node_modules, no network) for the WCAG 2.1 A/AA tags.

    The page's context needs ``bypass_csp`` (see ``AXE_CONTEXT``), else its policy blocks axe.
    """
    if not AXE.exists():
        pytest.fail(f"{AXE} fehlt (make test installiert node_modules per npm ci)", pytrace=False)
    # Evaluated through the DevTools protocol, not added as a <script> element: a page's own
    # Content-Security-Policy (the widget pages admit no script) does not apply to it.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        pytest.fail("axe-core wurde nicht geladen", pytrace=False)
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


def skip_link_problem(page: Page, path: str) -> str | None:
    """None when Tab first reaches a visible link to <main> whose Enter leads into main."""
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS_STATE)
    if not first["mainId"]:
        return f"{path}: kein <main> mit id"
    if first["href"] != f"#{first['mainId']}":
        return (f"{path}: erstes fokussierbares Element ist <{first['tag'].lower()} "
                f"href={first['href']!r}> {first['text']!r}, nicht der Link zu "
                f"#{first['mainId']}")
    if not first["visible"]:
        return f"{path}: Skip-Link ist bei Fokus nicht sichtbar"
    page.keyboard.press("Enter")
    after = page.evaluate(FOCUS_STATE)
    if not after["inMain"]:  # main without tabindex: the next Tab must start inside main
        page.keyboard.press("Tab")
        after = page.evaluate(FOCUS_STATE)
    if after["inMain"] or after["afterMainStart"]:
        return None
    return (f"{path}: nach dem Skip-Link liegt der Fokus auf <{after['tag'].lower()}> "
            f"{after['text'][:60]!r} vor dem Hauptinhalt")


NARROW = {"width": 320, "height": 640}
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + [...el.classList].map(name => '.' + name).join('');
  const wide = [...document.querySelectorAll('body *')].filter(el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > width + 1
      && getComputedStyle(el).visibility !== 'hidden';
  });
  // Report the outermost offenders only; their children stick out because they do.
  const outermost = wide.filter(el => !wide.includes(el.parentElement));
  return {scrollWidth: document.documentElement.scrollWidth, width,
          elements: outermost.slice(0, 8).map(el =>
            describe(el) + ' (' + Math.round(el.getBoundingClientRect().right) + ' px)')};
}"""


def reflow_problem(page: Page, path: str) -> str | None:
    """None when the page needs no horizontal scrolling at its current (narrow) width."""
    result = page.evaluate(OVERFLOW)
    if result["scrollWidth"] <= result["width"]:
        return None
    return (f"{path}: bei {result['width']} px Breite {result['scrollWidth']} px breit; "
            "ragen heraus:\n" + "\n".join(result["elements"]))


def block_foreign_requests(page: Page, base_url: str) -> None:
    """Abort every request to another host (it is still recorded): the tests never contact
    third parties and never wait for a network that is not there."""
    page.route(lambda url: not url.startswith(base_url + "/") and url != base_url,
               lambda route: route.abort())


# Runs before any script of the page (Playwright's init scripts are not subject to the
# page's policy) and collects every violation the browser reports to the document.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', event => {
  window.__cspViolations.push({directive: event.effectiveDirective, blocked: event.blockedURI,
    source: event.sourceFile, line: event.lineNumber, sample: event.sample});
});
"""


def record_csp_violations(page: Page) -> None:
    """Collect the page's Content-Security-Policy violations from its next load on."""
    page.add_init_script(CSP_RECORDER)


def csp_violations(page: Page) -> list[dict]:
    """The violations of the current document so far (see ``record_csp_violations``)."""
    page.wait_for_timeout(50)  # the event is dispatched in a task after the blocked load
    return page.evaluate("() => window.__cspViolations || []")


def describe_csp_violations(path: str, violations: list[dict]) -> str:
    """One line per violation: directive, what was blocked, where and the first characters."""
    lines = [f"{path}: Verstöße gegen die Content-Security-Policy ({len(violations)})"]
    for violation in violations:
        where = f" in {violation['source']}:{violation['line']}" if violation["source"] else ""
        sample = f" „{violation['sample']}“" if violation["sample"] else ""
        lines.append(f"- {violation['directive']}: {violation['blocked'] or '(inline)'}"
                     f"{where}{sample}")
    return "\n".join(lines)
