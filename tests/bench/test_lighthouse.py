"""The Lighthouse measurement of ``make bench`` works (no score assertions)."""

from __future__ import annotations

import pytest

from scripts.bench import lighthouse
from scripts.bench.corpus import Sizes, generate
from tests.support.browser import require_chromium
from tests.support.site import REPO, build_site

BASE = "http://127.0.0.1:4711"


def audit(title: str, score: float | None, value: str = "") -> dict:
    return {"title": title, "score": score, "displayValue": value}


def report(performance: float, accessibility: float) -> dict:
    """A minimal Lighthouse report with the fields the summary reads."""
    return {
        "lighthouseVersion": "12.0.0",
        "categories": {
            "performance": {"score": performance, "auditRefs": [
                {"id": "largest-contentful-paint", "weight": 25},
                {"id": "cumulative-layout-shift", "weight": 25},
                {"id": "render-blocking-insight", "weight": 0},
                {"id": "dom-size-insight", "weight": 0}]},
            "accessibility": {"score": accessibility, "auditRefs": [
                {"id": "color-contrast", "weight": 7},
                {"id": "image-alt", "weight": 10},
                {"id": "list", "weight": 0}]},
            "best-practices": {"score": 1.0, "auditRefs": [
                {"id": "errors-in-console", "weight": 1}]},
            "seo": {"score": 1.0, "auditRefs": [{"id": "meta-description", "weight": 1}]},
        },
        "audits": {
            "largest-contentful-paint": audit("Largest Contentful Paint", 0.7, "3.1 s"),
            "cumulative-layout-shift": audit("Cumulative Layout Shift", 1, "0"),
            "render-blocking-insight": audit("Render blocking requests", 0.5),
            "dom-size-insight": audit("Optimize DOM size", 0.95),
            "color-contrast": audit("Background and foreground colors do not have …", 0),
            "image-alt": audit("Image elements have [alt] attributes", None),
            "list": audit("Lists contain only <li> elements", 1),
            "errors-in-console": audit("No browser errors logged to the console", 1),
            "meta-description": audit("Document has a meta description", 1),
            "first-contentful-paint": audit("First Contentful Paint", 0.9, "1.9 s"),
            "network-requests": {"title": "Network Requests", "score": None, "details": {
                "items": [{"url": f"{BASE}/"}, {"url": f"{BASE}/theme/css/site.css"},
                          {"url": "data:image/png;base64,AAAA"},
                          {"url": "https://fonts.example.org/font.woff2"}]}},
        },
    }


def test_summary_lists_failing_audits_only_for_categories_under_target():
    summary = lighthouse.summarise(report(0.9, 0.96), BASE)
    assert summary["scores"] == {"performance": 90, "accessibility": 96,
                                 "best-practices": 100, "seo": 100}
    assert set(summary["failing"]) == {"performance", "accessibility"}
    # Weighted audits under 1 and unweighted diagnostics under 0.9; never unscored ones.
    assert [a["id"] for a in summary["failing"]["performance"]] == [
        "largest-contentful-paint", "render-blocking-insight"]
    assert [a["id"] for a in summary["failing"]["accessibility"]] == ["color-contrast"]
    assert summary["metrics"]["largest-contentful-paint"] == "3.1 s"


def test_performance_at_95_meets_its_target():
    summary = lighthouse.summarise(report(0.95, 1.0), BASE)
    assert summary["failing"] == {}


def test_requests_off_the_local_server_are_reported():
    summary = lighthouse.summarise(report(1.0, 1.0), BASE)
    assert summary["foreign_requests"] == ["https://fonts.example.org/font.woff2"]


def test_table_marks_scores_under_target_and_names_the_audits():
    page = {"path": "/", **lighthouse.summarise(report(0.9, 1.0), BASE)}
    text = lighthouse.table({"lighthouse": "12.0.0", "pages": {"home": page},
                                   "all_targets_met": False})
    assert "90 !" in text
    assert "home / performance: largest-contentful-paint" in text
    assert "fonts.example.org" in text
    assert "Lighthouse-Ziele erfüllt: NEIN" in text


@pytest.mark.browser
def test_lighthouse_scores_a_built_page(tmp_path):
    require_chromium()
    root = generate(REPO, tmp_path / "lab", Sizes(5, 8, 12, 1), seed=2)
    built = build_site(root, tmp_path / "output", search=False)
    assert built.returncode == 0, built.stderr
    pages = lighthouse.choose_pages(tmp_path / "output")
    assert set(pages) == {"home", "event", "profile", "directory"}
    assert pages["event"].startswith("/veranstaltungen/")
    assert pages["profile"].startswith("/rebellen/") and pages["profile"] != "/rebellen/"
    figures = lighthouse.measure_lighthouse(tmp_path / "output",
                                                  {"profile": pages["profile"]})
    page = figures["pages"]["profile"]
    assert set(page["scores"]) == set(lighthouse.TARGETS)
    assert all(0 <= score <= 100 for score in page["scores"].values())
    assert page["error"] == ""
    assert page["foreign_requests"] == []
    assert figures["lighthouse"]
