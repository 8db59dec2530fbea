"""Gate: the skip link is the first stop of the keyboard and leads into the main content."""

from __future__ import annotations

import pytest

from tests.quality.browser_checks import open_page, skip_link_problem
from tests.quality.page_types import PAGE_TYPE_NAMES, page_of_type

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page_type", PAGE_TYPE_NAMES)
def test_skip_link_is_first_and_moves_focus_to_main(page_type, site_output, site_base_url,
                                                    browser_page):
    path = page_of_type(site_output, page_type)
    open_page(browser_page, site_base_url, path)
    problem = skip_link_problem(browser_page, path)
    if problem:
        pytest.fail(problem, pytrace=False)
