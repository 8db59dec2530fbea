"""Gate: at 320 CSS pixels wide every page type fits without horizontal scrolling
(WCAG 2.1, 1.4.10 Reflow); failures name the elements that stick out."""

from __future__ import annotations

import pytest

from tests.quality.browser_checks import open_page
from tests.quality.page_types import PAGE_TYPE_NAMES, page_of_type

pytestmark = pytest.mark.browser

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


@pytest.mark.parametrize("page_type", PAGE_TYPE_NAMES)
def test_page_fits_320_pixels_without_horizontal_scrolling(page_type, site_output,
                                                           site_base_url, new_browser_page):
    path = page_of_type(site_output, page_type)
    page = open_page(new_browser_page(locale="de-DE", viewport=NARROW), site_base_url, path)
    result = page.evaluate(OVERFLOW)
    if result["scrollWidth"] > result["width"]:
        pytest.fail(f"{path}: bei 320 px Breite {result['scrollWidth']} px breit; ragen heraus:\n"
                    + "\n".join(result["elements"]), pytrace=False)
