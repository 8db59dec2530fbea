"""Gate: the skip link is the first stop of the keyboard and leads into the main content."""

from __future__ import annotations

import pytest

from tests.quality.browser_checks import FOCUS_STATE, open_page
from tests.quality.page_types import PAGE_TYPE_NAMES, page_of_type

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page_type", PAGE_TYPE_NAMES)
def test_skip_link_is_first_and_moves_focus_to_main(page_type, site_output, site_base_url,
                                                    browser_page):
    path = page_of_type(site_output, page_type)
    open_page(browser_page, site_base_url, path)
    browser_page.keyboard.press("Tab")
    first = browser_page.evaluate(FOCUS_STATE)
    assert first["mainId"], f"{path}: kein <main> mit id"
    assert first["href"] == f"#{first['mainId']}", (
        f"{path}: erstes fokussierbares Element ist <{first['tag'].lower()} "
        f"href={first['href']!r}> {first['text']!r}, nicht der Link zu #{first['mainId']}")
    assert first["visible"], f"{path}: Skip-Link ist bei Fokus nicht sichtbar"
    browser_page.keyboard.press("Enter")
    after = browser_page.evaluate(FOCUS_STATE)
    if not after["inMain"]:  # main without tabindex: the next Tab must start inside main
        browser_page.keyboard.press("Tab")
        after = browser_page.evaluate(FOCUS_STATE)
    assert after["inMain"] or after["afterMainStart"], (
        f"{path}: nach dem Skip-Link liegt der Fokus auf <{after['tag'].lower()}> "
        f"{after['text'][:60]!r} vor dem Hauptinhalt")
