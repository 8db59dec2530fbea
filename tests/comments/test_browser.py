"""In Chromium: deep threads fit 320 px, the hostile comment runs nothing and loads nothing."""

from __future__ import annotations

import pytest

from tests.comments.sites import POST
from tests.quality.browser_checks import (
    NARROW,
    axe_violations,
    describe_violations,
    open_page,
    reflow_problem,
)
from tests.support.browser import foreign_requests, record_requests

pytestmark = pytest.mark.browser
PATH = f"/blog/2020/{POST}/"


@pytest.fixture
def narrow_post(comment_site, served_site, new_browser_page):
    """The post with both threads at 320 px, every "Antworten" opened."""
    base_url = served_site(comment_site)
    page = new_browser_page(locale="de-DE", viewport=NARROW)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    requests = record_requests(page)
    open_page(page, base_url, PATH)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    return page, base_url, requests, dialogs


def test_deep_thread_fits_320_pixels(narrow_post):
    page, *_ = narrow_post
    problem = reflow_problem(page, PATH)
    assert problem is None, problem


def test_indent_stops_growing_after_three_levels(narrow_post):
    page, *_ = narrow_post
    left = {comment_id: page.locator(f"#kommentar-{comment_id} > .vr-comment__text")
            .bounding_box()["x"]
            for comment_id in ("2020-08-20-1", "2020-08-20-2", "2020-08-21-1", "2020-08-21-2",
                               "2020-08-22-1")}
    steps = list(left.values())
    assert steps[0] < steps[1] < steps[2] < steps[3]
    assert steps[4] == steps[3]
    text_width = page.locator("#kommentar-2020-08-22-1 > .vr-comment__text").bounding_box()
    assert text_width["width"] >= 200  # still a readable line at 320 px


def test_hostile_comment_runs_no_script_and_loads_nothing(narrow_post):
    page, base_url, requests, dialogs = narrow_post
    page.hover("#kommentar-2020-08-23-1 a.vr-comment__author")
    page.click("#kommentar-2020-08-23-1 .vr-comment__text p:has-text('kaputtes')")
    assert dialogs == []
    assert foreign_requests(requests, base_url) == []


def test_comment_section_passes_axe(narrow_post):
    page, *_ = narrow_post
    violations = axe_violations(page)
    assert not violations, describe_violations(PATH, violations)
