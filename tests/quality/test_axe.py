"""Gate: axe-core finds no WCAG 2.1 A/AA violation on one page of every type."""

from __future__ import annotations

import pytest

from tests.quality.browser_checks import axe_violations, describe_violations, open_page
from tests.quality.page_types import PAGE_TYPE_NAMES, page_of_type

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page_type", PAGE_TYPE_NAMES)
def test_axe_finds_no_wcag_violations(page_type, site_output, site_base_url, browser_page):
    path = page_of_type(site_output, page_type)
    violations = axe_violations(open_page(browser_page, site_base_url, path))
    if violations:
        pytest.fail(describe_violations(path, violations), pytrace=False)
