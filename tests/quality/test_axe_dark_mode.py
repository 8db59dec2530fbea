"""Gate: axe-core, with prefers-color-scheme: dark, on one page of every type (contrast)."""

from __future__ import annotations

import pytest

from tests.quality.browser_checks import (
    AXE_CONTEXT,
    axe_violations,
    describe_violations,
    open_page,
)
from tests.quality.page_types import PAGE_TYPE_NAMES, page_of_type

pytestmark = pytest.mark.browser
# Every type, not just a sample: each area brings its own CSS and its own dark colours.
DARK_MODE_TYPES = PAGE_TYPE_NAMES


@pytest.mark.parametrize("page_type", DARK_MODE_TYPES)
def test_axe_finds_no_wcag_violations_in_dark_mode(page_type, site_output, site_base_url,
                                                   new_browser_page):
    path = page_of_type(site_output, page_type)
    page = new_browser_page(**AXE_CONTEXT, color_scheme="dark")
    violations = axe_violations(open_page(page, site_base_url, path))
    if violations:
        pytest.fail(describe_violations(f"{path} (dunkles Farbschema)", violations),
                    pytrace=False)
