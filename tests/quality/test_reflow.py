"""Gate: at 320 CSS pixels wide every page type fits without horizontal scrolling
(WCAG 2.1, 1.4.10 Reflow); failures name the elements that stick out."""

from __future__ import annotations

import pytest

from tests.quality.browser_checks import NARROW, open_page, reflow_problem
from tests.quality.page_types import PAGE_TYPE_NAMES, page_of_type

pytestmark = pytest.mark.browser

@pytest.mark.parametrize("page_type", PAGE_TYPE_NAMES)
def test_page_fits_320_pixels_without_horizontal_scrolling(page_type, site_output,
                                                           site_base_url, new_browser_page):
    path = page_of_type(site_output, page_type)
    page = open_page(new_browser_page(locale="de-DE", viewport=NARROW), site_base_url, path)
    problem = reflow_problem(page, path)
    if problem:
        pytest.fail(problem, pytrace=False)
