"""What only a browser shows: axe-core (light and dark) and no third-party requests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.quality.browser_checks import (
    AXE_CONTEXT,
    axe_violations,
    describe_violations,
    open_page,
)

PAGES = ["/veranstaltungen/", "/veranstaltungen/archiv/", "/veranstaltungen/dst-series/",
         "/veranstaltungen/cancelled/", "/veranstaltungen/hybrid/",
         "/veranstaltungen/other-timezone/", "/kalender/", "/daten/"]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_event_pages_have_no_wcag_violations(scheme: str, built_site: Path,
                                             served_site: Callable[[Path], str],
                                             new_browser_page: Callable[..., object]) -> None:
    base = served_site(built_site)
    page = new_browser_page(**AXE_CONTEXT, color_scheme=scheme)
    foreign: list[str] = []
    page.on("request", lambda request: foreign.append(request.url)  # type: ignore[attr-defined]
            if urlsplit(request.url).hostname not in ("127.0.0.1", "localhost") else None)
    problems = []
    for path in PAGES:
        open_page(page, base, path)  # type: ignore[arg-type]
        violations = axe_violations(page)  # type: ignore[arg-type]
        if violations:
            problems.append(describe_violations(path, violations))
    assert not problems, "\n".join(problems)
    assert foreign == []
