"""Gate: no request to any host but the local server, no cookies, on one page of every type."""

from __future__ import annotations

import pytest

from tests.quality.browser_checks import open_page, search_in_page
from tests.quality.page_types import PAGE_TYPE_NAMES, page_of_type
from tests.support.browser import foreign_requests, record_requests

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page_type", PAGE_TYPE_NAMES)
def test_page_requests_nothing_from_other_hosts_and_sets_no_cookies(
        page_type, site_output, site_base_url, browser_page):
    path = page_of_type(site_output, page_type)
    requests = record_requests(browser_page)
    open_page(browser_page, site_base_url, path)
    search_in_page(browser_page)  # where there is a search, its index loads, too
    foreign = foreign_requests(requests, site_base_url)
    if foreign:
        pytest.fail(f"{path} lädt von fremden Hosts:\n" + "\n".join(foreign), pytrace=False)
    cookies = browser_page.context.cookies()
    assert not cookies, f"{path} setzt Cookies: {[cookie['name'] for cookie in cookies]}"
