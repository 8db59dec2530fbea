"""Page weight: gzip size of a page's HTML plus the local CSS and JavaScript it references."""

from __future__ import annotations

import gzip
import statistics
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html

from tests.quality.page_types import html_pages, page_type_of, url_of

BUDGET = 30 * 1024
# zlib's default level, what web servers typically use for on-the-fly compression.
GZIP_LEVEL = 6


@cache
def gzip_size(path: Path) -> int:
    """Bytes of ``path`` after gzip compression."""
    return len(gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL))


@dataclass(frozen=True)
class PageWeight:
    """What one page costs on the wire (images excluded)."""

    page: str
    page_type: str
    html: int
    assets: int

    @property
    def total(self) -> int:
        return self.html + self.assets


def local_assets(output: Path, page: str) -> list[Path]:
    """Stylesheets and scripts the page references from the site itself (missing ones are
    the link gate's business)."""
    tree = lxml.html.parse(str(output / page)).getroot()
    found = []
    urls = [link.get("href") for link in tree.iter("link")
            if "stylesheet" in (link.get("rel") or "").split() and link.get("href")]
    urls += [script.get("src") for script in tree.iter("script") if script.get("src")]
    for url in urls:
        parts = urlsplit(urljoin(url_of(page), url))
        if parts.netloc:
            continue
        path = output / parts.path.lstrip("/")
        if path.is_file():
            found.append(path)
    return found


def page_weights(output: Path) -> list[PageWeight]:
    """The weight of every HTML page of the output."""
    weights = []
    for page in html_pages(output):
        assets = local_assets(output, page)
        weights.append(PageWeight(page, page_type_of(page) or "andere",
                                  gzip_size(output / page),
                                  sum(gzip_size(asset) for asset in dict.fromkeys(assets))))
    return weights


def weight_table(weights: list[PageWeight]) -> str:
    """Max and median total per page type, in KB, as a plain-text table."""
    by_type: dict[str, list[PageWeight]] = {}
    for weight in weights:
        by_type.setdefault(weight.page_type, []).append(weight)
    lines = [f"{'Seitentyp':<18}{'Seiten':>7}{'Median KB':>11}{'Max KB':>9}  schwerste Seite"]
    for name, group in sorted(by_type.items()):
        heaviest = max(group, key=lambda weight: weight.total)
        median = statistics.median(weight.total for weight in group)
        lines.append(f"{name:<18}{len(group):>7}{median / 1024:>11.1f}"
                     f"{heaviest.total / 1024:>9.1f}  {heaviest.page}")
    return "\n".join(lines)
