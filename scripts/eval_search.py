"""Score the site search on a quality set: recall@5 and mean reciprocal rank (issue 17).

    python scripts/eval_search.py OUTPUT [--quality tests/search/quality.tsv] [--json FILE]

Serves a built site (with its Pagefind index) on 127.0.0.1 and asks /suche/ in headless
Chromium, as a reader would: the first five results shown count. For a typo, the first
"Meinten Sie …?" suggestion is followed (one click) and the results after it count. Cases whose
expected page is not in the built site are skipped (the big lab of ``make bench`` has the
repository's methods and topics, not the fixture's people).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

if TYPE_CHECKING:
    from playwright.sync_api import Page

QUALITY = REPO / "tests" / "search" / "quality.tsv"
SHOWN = 5
PATIENCE_MS = 120_000


@dataclass(frozen=True)
class Case:
    """One query of the quality set and the page expected first."""

    kind: str
    query: str
    expected: str
    suggestion: str = ""


@dataclass(frozen=True)
class Outcome:
    """What /suche/ showed for a case: the first results and, for typos, the suggestions."""

    case: Case
    results: tuple[str, ...]
    suggestions: tuple[str, ...] = ()

    @property
    def rank(self) -> int:
        """Position of the expected page among the shown results, 0 when not shown."""
        shown = self.results[:SHOWN]
        return shown.index(self.case.expected) + 1 if self.case.expected in shown else 0


def load_quality(path: Path = QUALITY) -> list[Case]:
    """Read the tab-separated quality set; lines starting with # are comments."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cases.append(Case(*line.split("\t")))
    return cases


def score(outcomes: list[Outcome]) -> dict[str, float]:
    """Return recall@5, mean reciprocal rank and the share of expected pages shown first."""
    count = len(outcomes) or 1
    return {
        "queries": len(outcomes),
        "recall_at_5": round(sum(1 for o in outcomes if o.rank) / count, 3),
        "mrr": round(sum(1 / o.rank for o in outcomes if o.rank) / count, 3),
        "first": round(sum(1 for o in outcomes if o.rank == 1) / count, 3),
    }


def shown_results(page: Page) -> tuple[str, ...]:
    """Wait for /suche/ to answer (and to offer suggestions); return the result paths."""
    # A function, not an expression: Playwright evaluates an expression with eval(), which
    # the site's Content-Security-Policy blocks.
    page.wait_for_function(
        "() => document.querySelector('.vr-search-page__status').textContent"
        ".includes('Treffer')")
    page.wait_for_load_state("networkidle")
    links = page.query_selector_all(".vr-search-page__results h2 a")
    return tuple(link.get_attribute("href") or "" for link in links)


def suggestions(page: Page) -> tuple[str, ...]:
    """Return the "Meinten Sie …?" suggestions now shown."""
    return tuple(link.text_content() or "" for link in
                 page.query_selector_all(".vr-search-page__suggest a"))


def ask(page: Page, base: str, case: Case) -> Outcome:
    """Search for a case on /suche/; for a typo, follow the first suggestion."""
    page.goto(f"{base}/suche/?q={case.query}")
    results = shown_results(page)
    offered = suggestions(page)
    if case.kind == "typo" and offered:
        page.click(".vr-search-page__suggest a")
        page.wait_for_url("**/suche/?q=*")
        results = shown_results(page)
    return Outcome(case=case, results=results, suggestions=offered)


def exists(site: Path, url: str) -> bool:
    """Return whether the built site has the page at ``url``."""
    return (site / url.strip("/") / "index.html").is_file()


def evaluate(page: Page, base: str, site: Path, cases: list[Case]) -> list[Outcome]:
    """Ask every case whose expected page exists in ``site``."""
    return [ask(page, base, case) for case in cases if exists(site, case.expected)]


def measure_quality(site: Path, quality: Path = QUALITY) -> list[Outcome]:
    """Serve ``site``, ask every case of ``quality`` in Chromium; return the outcomes."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import launch_chromium, serve_folder

    with serve_folder(site) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(locale="de-DE")
        page.set_default_timeout(PATIENCE_MS)
        outcomes = evaluate(page, base, site, load_quality(quality))
        browser.close()
    return outcomes


def main(argv: list[str] | None = None) -> int:
    """Serve the site, ask every case, print the figures per kind and overall."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="built output folder with pagefind/")
    parser.add_argument("--quality", type=Path, default=QUALITY)
    parser.add_argument("--json", type=Path, help="where to write the figures as JSON")
    args = parser.parse_args(argv)
    outcomes = measure_quality(args.site, args.quality)
    for outcome in outcomes:
        mark = outcome.rank or "-"
        print(f"{mark!s:>2} {outcome.case.kind:<9} {outcome.case.query:<28} "
              f"{' | '.join(outcome.suggestions)}")
    figures = {"overall": score(outcomes)}
    for kind in dict.fromkeys(o.case.kind for o in outcomes):
        figures[kind] = score([o for o in outcomes if o.case.kind == kind])
    for name, values in figures.items():
        print(f"{name:<9} " + ", ".join(f"{key} {value}" for key, value in values.items()))
    if args.json:
        args.json.write_text(json.dumps({"figures": figures, "outcomes": [
            {**asdict(o.case), "rank": o.rank, "suggestions": list(o.suggestions)}
            for o in outcomes]}, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
