"""A partner's page on another origin embeds the widget; Chromium shows the events.

The site is served on 127.0.0.1, the partner's page on 127.0.0.2 (another loopback address,
so another origin and another site for the browser).
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.browser import LocalServer, QuietHandler, record_requests

PARTNER_HOST = "127.0.0.2"


@pytest.fixture(scope="module")
def partner_page(tmp_path_factory: pytest.TempPathFactory, network_site: Path,
                 served_site: Callable[[Path], str]) -> Iterator[tuple[str, str]]:
    """(partner page URL, site base URL): the page embeds the widget as /einbetten/ says."""
    site = served_site(network_site)
    folder = tmp_path_factory.mktemp("partner")
    (folder / "index.html").write_text(
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
        "<title>Partnerseite</title></head><body><h1>Unsere Nachbarn</h1>"
        f'<iframe src="{site}/widget/alle/" title="Nächste Termine des '
        'Verwaltungsrebellen-Labors" height="420" loading="lazy" '
        'style="width: 100%; border: 0; color-scheme: light dark"></iframe></body></html>',
        encoding="utf-8")
    handler = functools.partial(QuietHandler, directory=str(folder))
    try:
        server = LocalServer((PARTNER_HOST, 0), handler)
    except OSError:
        pytest.fail(f"{PARTNER_HOST} lässt sich nicht binden (Loopback-Netz 127.0.0.0/8)")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with contextlib.ExitStack() as stack:
        stack.callback(server.server_close)
        stack.callback(server.shutdown)
        yield f"http://{PARTNER_HOST}:{server.server_address[1]}/", site


@pytest.mark.parametrize(("scheme", "background"), [("light", "rgb(255, 255, 255)"),
                                                    ("dark", "rgb(22, 24, 28)")])
def test_widget_embedded_on_another_origin_shows_the_events(
        partner_page: tuple[str, str], new_browser_page: Callable[..., object],
        scheme: str, background: str) -> None:
    url, site = partner_page
    page = new_browser_page(locale="de-DE", color_scheme=scheme)
    requests = record_requests(page)  # type: ignore[arg-type]
    page.goto(url)  # type: ignore[attr-defined]
    frame = page.frame_locator("iframe")  # type: ignore[attr-defined]
    titles = frame.locator("h2 a")
    titles.first.wait_for()
    assert titles.all_inner_texts() == ["Meetup im Labor", "Repair-Café mit dem Labor",
                                        "Civic Tech Meetup Essen"]
    # the inline style is admitted by the widget's CSP: the scheme's colours apply
    assert frame.locator("body").evaluate(
        "body => getComputedStyle(body).backgroundColor") == background
    assert frame.locator("body").evaluate("() => document.cookie") == ""
    assert {request.split("/")[2] for request in requests} == {
        url.split("/")[2], site.split("/")[2]}
    assert not [r for r in requests if r.startswith(site) and "/widget/" not in r]


def test_a_link_in_the_widget_opens_in_the_partner_window(
        partner_page: tuple[str, str], new_browser_page: Callable[..., object]) -> None:
    url, site = partner_page
    page = new_browser_page(locale="de-DE")
    page.goto(url)  # type: ignore[attr-defined]
    link = page.frame_locator("iframe").locator("h2 a").first  # type: ignore[attr-defined]
    link.click()
    page.wait_for_url(f"{site}/veranstaltungen/lab-meetup/")  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text() == "Meetup im Labor"  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", ["/veranstaltungen/", "/veranstaltungen/nur-labor/",
                                  "/themen/arbeitskultur/", "/einbetten/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_listing_with_outside_events_passes_axe(path: str, scheme: str, network_site: Path,
                                                served_site: Callable[[Path], str],
                                                new_browser_page: Callable[..., object]) -> None:
    from tests.quality.browser_checks import axe_violations, describe_violations, open_page

    page = new_browser_page(locale="de-DE", color_scheme=scheme)
    violations = axe_violations(open_page(page, served_site(network_site), path))  # type: ignore[arg-type]
    assert not violations, describe_violations(path, violations)
