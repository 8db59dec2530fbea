"""Gate: the skip link is the first stop of the keyboard and leads into the main content."""

from __future__ import annotations

import pytest

from tests.quality.browser_checks import open_page, skip_link_problem
from tests.quality.page_types import PAGE_TYPE_NAMES, page_of_type

pytestmark = pytest.mark.browser


# A widget page (framed on partner sites) has no repeated blocks to bypass (WCAG 2.4.1):
# its first stop is already an event; its landmarks and headings are checked by axe.
WITHOUT_SKIP_LINK = {"widget"}


@pytest.mark.parametrize("page_type", [name for name in PAGE_TYPE_NAMES
                                       if name not in WITHOUT_SKIP_LINK])
def test_skip_link_is_first_and_moves_focus_to_main(page_type, site_output, site_base_url,
                                                    browser_page):
    path = page_of_type(site_output, page_type)
    open_page(browser_page, site_base_url, path)
    problem = skip_link_problem(browser_page, path)
    if problem:
        pytest.fail(problem, pytrace=False)
