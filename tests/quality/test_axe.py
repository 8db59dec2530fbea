"""Gate: axe-core finds no WCAG 2.1 A/AA violation on one page of every type."""

from __future__ import annotations

import pytest

from tests.quality.browser_checks import (
    AXE_CONTEXT,
    axe_violations,
    describe_violations,
    open_page,
    search_in_page,
)
from tests.quality.page_types import PAGE_TYPE_NAMES, page_of_type

pytestmark = pytest.mark.browser
# Pages whose search (progressive enhancement) renders results into the page.
SEARCH_PAGE_TYPES = ["search", "directory"]


@pytest.mark.parametrize("page_type", PAGE_TYPE_NAMES)
def test_axe_finds_no_wcag_violations(page_type, site_output, site_base_url, new_browser_page):
    path = page_of_type(site_output, page_type)
    violations = axe_violations(open_page(new_browser_page(**AXE_CONTEXT), site_base_url, path))
    if violations:
        pytest.fail(describe_violations(path, violations), pytrace=False)


@pytest.mark.parametrize("page_type", SEARCH_PAGE_TYPES)
def test_axe_finds_no_wcag_violations_with_search_results(page_type, site_output, site_base_url,
                                                          new_browser_page):
    path = page_of_type(site_output, page_type)
    page = open_page(new_browser_page(**AXE_CONTEXT), site_base_url, path)
    if not search_in_page(page):
        pytest.fail(f"{path}: kein sichtbares Suchfeld im Hauptinhalt (main input[type=search])",
                    pytrace=False)
    violations = axe_violations(page)
    if violations:
        pytest.fail(describe_violations(f"{path} mit Suchergebnissen", violations),
                    pytrace=False)
