"""What only a browser shows: small screens, no JavaScript, dark mode, print."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PAGES = ["/", "/blog/", "/blog/2020/das-verwaltungsrebellen-labor-startet/", "/impressum/",
         "/barrierefreiheit/", "/blog/schlagwort/", "/404.html"]
OVERFLOWING = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .map(e => e.tagName.toLowerCase() + '.' + e.className)"""
VISIBLE_NAV = """() => [...document.querySelectorAll('.vr-nav a')].filter(a => {
  const box = a.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(a).visibility === 'visible';
}).length"""


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scrolling_at_320_px(starter_site: Path, served_site, new_browser_page,
                                           path: str) -> None:
    page = new_browser_page(viewport={"width": 320, "height": 640})
    page.goto(served_site(starter_site) + path)
    assert page.evaluate(OVERFLOWING) == []


def test_navigation_works_without_javascript_on_a_phone(starter_site: Path, served_site,
                                                       new_browser_page) -> None:
    page = new_browser_page(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    base = served_site(starter_site)
    page.goto(base + "/")
    assert page.evaluate(VISIBLE_NAV) == 10
    page.get_by_role("link", name="Über das Labor", exact=True).first.click()
    assert page.url == base + "/ueber/"
    page.fill("#vr-site-search", "Zirkel")
    page.press("#vr-site-search", "Enter")
    assert page.url == base + "/suche/?q=Zirkel"


def test_dark_mode_switches_colours(starter_site: Path, served_site, new_browser_page) -> None:
    backgrounds = {}
    for scheme in ("light", "dark"):
        page = new_browser_page(color_scheme=scheme)
        page.goto(served_site(starter_site) + "/blog/")
        backgrounds[scheme] = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert backgrounds == {"light": "rgb(255, 255, 255)", "dark": "rgb(22, 24, 28)"}


def test_print_shows_content_without_navigation(starter_site: Path, served_site,
                                                new_browser_page) -> None:
    page = new_browser_page()
    page.goto(served_site(starter_site) + "/datenschutz/")
    page.emulate_media(media="print")
    assert page.evaluate(VISIBLE_NAV) == 0
    assert page.locator("form[role=search]").is_hidden()
    assert page.locator("main h1").is_visible()
    links = page.evaluate("""() => [...document.querySelectorAll('.vr-prose a[href^="http"]')]
      .map(a => getComputedStyle(a, '::after').content)""")
    assert links and all(value.startswith('" (http') for value in links), links
