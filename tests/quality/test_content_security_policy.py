"""Gate: every page carries the site's Content-Security-Policy and breaks none of its rules.

Static, on every HTML file: the policy as the first ``<meta>`` after the charset, the
referrer policy, nothing the policy would block. In Chromium, on one page of every type in
light and dark scheme (search used where a page has one): no ``securitypolicyviolation``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

import pelicanconf
from rebellab.sitebase.csp import csp_policy
from tests.quality.browser_checks import (
    csp_violations,
    describe_csp_violations,
    open_page,
    record_csp_violations,
    search_in_page,
)
from tests.quality.page_types import PAGE_TYPE_NAMES, html_pages, page_of_type, page_type_of
from tests.support.browser import record_requests
from tests.support.site import REPO, build_site, copy_tree, make_root

# Pages whose own search field loads Pagefind (its WebAssembly, fragments, on /suche/ a worker).
SEARCH_PAGE_TYPES = {"search", "directory"}
INLINE_STYLE_SITE = Path(__file__).parent / "fixtures" / "inline-style-site"
# What a URL may start with in a page's subresources: relative or root-relative, same site.
FOREIGN = ("http://", "https://", "//", "data:", "blob:", "javascript:")


def policy_problems(html: str, path: str, site_url: str = pelicanconf.SITEURL) -> list[str]:
    """What in one page contradicts the site's policy, as ``path: German message`` lines.

    ``site_url``: where the site's own files are when links are absolute (production).
    """
    page = BeautifulSoup(html, "html.parser")
    head = page.head or page
    metas = head.find_all("meta")
    problems = _meta_problems(metas, page, _policy_of(path))
    problems += _inline_code_problems(page)
    problems += _subresource_problems(page, site_url)
    return [f"{path}: {problem}" for problem in problems]


def _policy_of(path: str) -> dict[str, list[str]]:
    """Widget pages, framed by partner sites, have their own stricter policy."""
    if page_type_of(path) == "widget":
        return pelicanconf.WIDGET_CONTENT_SECURITY_POLICY
    return pelicanconf.CONTENT_SECURITY_POLICY


def _meta_problems(metas: list[Tag], page: BeautifulSoup,
                   policy: dict[str, list[str]]) -> list[str]:
    expected = csp_policy(policy, [style.string or "" for style in page.find_all("style")])
    if len(metas) < 2 or not metas[0].has_attr("charset") \
            or metas[1].get("http-equiv", "").lower() != "content-security-policy":
        return ["Content-Security-Policy ist nicht das erste <meta> nach dem Zeichensatz"]
    problems = []
    if metas[1]["content"] != expected:
        problems.append(f"Content-Security-Policy {metas[1]['content']!r}, erwartet {expected!r}")
    referrer = [meta.get("content") for meta in metas if meta.get("name") == "referrer"]
    if referrer != [pelicanconf.REFERRER_POLICY]:
        problems.append(f"Referrer-Policy {referrer}, erwartet {pelicanconf.REFERRER_POLICY!r}")
    return problems


def _inline_code_problems(page: BeautifulSoup) -> list[str]:
    problems = []
    for script in page.find_all("script", src=False):
        if script.get("type") != "application/ld+json":  # a data block, never executed
            problems.append(f"Inline-Skript: {script.get_text()[:60]!r}")
    for element in page.find_all(True):
        if element.has_attr("style"):
            problems.append(f"style-Attribut an <{element.name}>: {element['style'][:60]!r}")
        for name in element.attrs:
            if name.lower().startswith("on"):
                problems.append(f"Event-Handler {name} an <{element.name}>")
    for element in page.select("[href], [action], [formaction]"):
        url = element.get("href") or element.get("action") or element.get("formaction")
        if url.strip().lower().startswith("javascript:"):
            problems.append(f"javascript:-URL an <{element.name}>")
    return problems


def _subresource_problems(page: BeautifulSoup, site_url: str) -> list[str]:
    problems = []
    loads = [(tag, "src", tag["src"]) for tag in page.select(
        "img[src], script[src], iframe[src], source[src], video[src], audio[src]")]
    loads += [(tag, "srcset", candidate.split()[0]) for tag in page.select("[srcset]")
              for candidate in tag["srcset"].split(",") if candidate.strip()]
    loads += [(tag, "href", tag["href"]) for tag in page.select("link[href]")
              if not set(tag.get("rel", [])) & {"canonical", "alternate"}]
    for tag, attribute, url in loads:
        url = url.strip()
        if url.lower().startswith(FOREIGN) and not (site_url and url.startswith(site_url + "/")):
            problems.append(f"<{tag.name} {attribute}={url!r}> lädt nicht von hier")
    return problems


def test_every_page_carries_the_policy_and_breaks_none_of_its_rules(site_output: Path):
    pages = html_pages(site_output)
    assert len(pages) > 50, "zu wenige Seiten gebaut"
    problems = [problem for path in pages
                for problem in policy_problems((site_output / path).read_text("utf-8"), path)]
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_type", PAGE_TYPE_NAMES)
def test_page_type_causes_no_policy_violation(page_type, scheme, site_output, site_base_url,
                                              new_browser_page):
    path = page_of_type(site_output, page_type)
    page = new_browser_page(locale="de-DE", color_scheme=scheme)
    record_csp_violations(page)
    requests = record_requests(page)
    open_page(page, site_base_url, path)
    searched = search_in_page(page)
    violations = csp_violations(page)
    if violations:
        pytest.fail(describe_csp_violations(f"{path} ({scheme})", violations), pytrace=False)
    if page_type in SEARCH_PAGE_TYPES:
        _assert_search_worked(page, path, searched, requests)


def _assert_search_worked(page, path: str, searched: bool, requests: list[str]) -> None:
    """Fail unless Pagefind loaded its WebAssembly and answered: a policy that blocks it
    turns the search into an error message (the violation may then be the worker's)."""
    assert searched, f"{path}: kein sichtbares Suchfeld im Hauptinhalt"
    status = page.locator("main [role=status]").first.inner_text()
    assert "nicht verfügbar" not in status, f"{path}: {status}"
    assert any(url.endswith(".pagefind") and "/wasm." in url for url in requests), (
        f"{path}: Pagefinds WebAssembly wurde nicht geladen")


@pytest.fixture(scope="module")
def inline_style_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site with one page whose template sets ``inline_styles`` (as a widget page would)."""
    base = tmp_path_factory.mktemp("inline-style")
    root = copy_tree(INLINE_STYLE_SITE / "content", make_root(base) / "content")
    settings = base / "settings.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(REPO)!r})\n"
                        "from pelicanconf import *\n"
                        f"THEME_TEMPLATES_OVERRIDES = [{str(INLINE_STYLE_SITE / 'templates')!r}]\n")
    result = build_site(root.parent, base / "output", settings=str(settings))
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "output"


def test_inline_styles_of_a_page_type_are_listed_by_hash(inline_style_site: Path):
    html = (inline_style_site / "widget" / "index.html").read_text("utf-8")
    page = BeautifulSoup(html, "html.parser")
    assert [style.string for style in page.head.find_all("style")] == [
        ".vr-test-widget { color: #a3171e; }"]
    assert "'sha256-" in page.head.find("meta", attrs={"http-equiv": True})["content"]
    assert policy_problems(html, "widget/") == []


@pytest.mark.browser
def test_hashed_inline_style_applies_without_violation(inline_style_site, served_site,
                                                       browser_page):
    record_csp_violations(browser_page)
    open_page(browser_page, served_site(inline_style_site), "/widget/")
    assert csp_violations(browser_page) == []
    color = browser_page.eval_on_selector(".vr-test-widget", "el => getComputedStyle(el).color")
    assert color == "rgb(163, 23, 30)"
