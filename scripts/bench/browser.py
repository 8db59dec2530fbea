"""One search query on a built site in headless Chromium, for ``make bench``.

Serves the output folder on a local port and opens the search page ``/suche/``. When the
page has the site's search form, the query is typed into it and the clock stops when the
first hit appears in the result list (this includes the search script's debounce, as a
visitor experiences it). Otherwise the query runs through Pagefind's JavaScript API:
``import('/pagefind/pagefind.js')``, ``search(query)``, then the first result's data.
Counts the requests and bytes of the search (everything below ``/pagefind/``; a fresh
browser profile, so nothing is cached) apart from those of the page itself, and the time
to the first result. The bytes are those transferred from the site's server as GitHub Pages
sends them, text gzip-compressed (``scripts/serve.py``); the same requests' bytes before
compression are reported beside them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Request, sync_playwright

from scripts.serve import start_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

QUERY_SCRIPT = """
async (query) => {
  const started = performance.now();
  const pagefind = await import('/pagefind/pagefind.js');
  const search = await pagefind.search(query);
  const first = search.results.length ? await search.results[0].data() : null;
  return {
    ms: performance.now() - started,
    results: search.results.length,
    first_url: first ? first.url : null,
    first_title: first ? first.meta.title : null,
    mode: "pagefind-api",
  };
}
"""


SEARCH_INPUT = "[data-module=site-search] input[name=q]"
SEARCH_HIT = "[data-module=site-search] .vr-search-page__results li a"

# Starts the clock and stops it when the first hit is in the list (MutationObserver:
# no polling delay).
WATCH_SCRIPT = """
(selector) => {
  window.__bench = {started: performance.now(), first: null};
  const stop = () => {
    if (document.querySelector(selector)) { window.__bench.first = performance.now(); return true; }
    return false;
  };
  const observer = new MutationObserver(() => { if (stop()) observer.disconnect(); });
  observer.observe(document.body, {childList: true, subtree: true});
}
"""


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on a free local port, as ``make serve`` does; yield the base URL."""
    server = start_server(folder, "127.0.0.1", 0)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def measure_search(output: Path, query: str) -> dict[str, Any]:
    """Bytes, requests and milliseconds of one query on the site built into ``output``."""
    if not (output / "pagefind" / "pagefind.js").exists():
        return {"skipped": "Der Build hat keinen Pagefind-Index geschrieben."}
    start_page = "/suche/" if (output / "suche" / "index.html").exists() else "/"
    with serve(output) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            finished: list[Request] = []
            page.on("requestfinished", lambda request: finished.append(request))
            page.goto(base + start_page, wait_until="networkidle")
            if page.locator(SEARCH_INPUT).count() and page.locator(SEARCH_INPUT).is_visible():
                answer = _type_query(page, query)
            else:
                answer = page.evaluate(QUERY_SCRIPT, query)
            page.wait_for_load_state("networkidle")
            # The script may fetch Pagefind early (e.g. on focus), so the split is by path.
            requests = [(r.url.removeprefix(base), *_sizes(output, base, r)) for r in finished]
        finally:
            browser.close()
    search = [request for request in requests if request[0].startswith("/pagefind/")]
    page_only = [request for request in requests if not request[0].startswith("/pagefind/")]
    return {
        "page": start_page,
        "mode": answer["mode"],
        "query": query,
        "results": answer["results"],
        "first_result": answer["first_url"],
        "ms_to_first_result": round(answer["ms"], 1),
        "query_requests": len(search),
        "query_kilobytes": _kilobytes(sent for _, sent, _ in search),
        "query_kilobytes_uncompressed": _kilobytes(plain for _, _, plain in search),
        "page_requests": len(page_only),
        "page_kilobytes": _kilobytes(sent for _, sent, _ in page_only),
        "query_urls": [url for url, _, _ in search],
        "page_urls": [url for url, _, _ in page_only],
    }


def _sizes(output: Path, base: str, request: Request) -> tuple[int, int]:
    """Bytes of a response, headers included: as sent, and as sent without compression.

    Chromium reports a body size of 0 for a worker's script and -1 for a reused response,
    so the body is taken from Content-Length (the local server always sends it). Without
    compression the body is the file's own size.
    """
    sizes = request.sizes()
    headers = max(sizes["responseHeadersSize"], 0)
    response = request.response()
    length = response.headers.get("content-length") if response else None
    sent = (int(length) if length else max(sizes["responseBodySize"], 0)) + headers
    path = output / request.url.removeprefix(base).split("?", 1)[0].lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return sent, path.stat().st_size + headers if path.is_file() else sent


def _kilobytes(sizes: Iterable[int]) -> float:
    """Kilobytes of responses of these sizes."""
    return round(sum(sizes) / 1024, 1)


def _type_query(page: Any, query: str) -> dict[str, Any]:
    """Type ``query`` into the site's search form; time until the first hit is listed."""
    page.evaluate(WATCH_SCRIPT, SEARCH_HIT)
    page.fill(SEARCH_INPUT, query)
    page.wait_for_function("() => window.__bench.first !== null", timeout=30_000)
    timing = page.evaluate("window.__bench")
    hits = page.locator(SEARCH_HIT)
    return {"ms": timing["first"] - timing["started"], "results": hits.count(),
            "first_url": hits.first.get_attribute("href"), "mode": "search-page"}
