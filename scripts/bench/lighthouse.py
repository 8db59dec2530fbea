"""Lighthouse scores of a built site, for ``make bench`` (issue 8).

Serves a built output folder on 127.0.0.1 and runs Lighthouse (``node_modules/.bin/lighthouse``,
npm) against Debian's Chromium on four pages: the home page, one event, one profile and the
directory ``/rebellen/``. The event and the profile are the largest page of their type (by
HTML size, found by Pagefind's "Typ" filter), the richest and so the hardest case.
Lighthouse's defaults are kept: mobile form factor with simulated throttling. Nothing is
fetched from the internet; requests that leave the local server are listed per page.

Targets: 100 for accessibility, best practices and SEO, at least 95 for performance. For
every category under its target the failing audits (id and title) are reported.

    python -m scripts.bench.lighthouse [OUTPUT]   # without OUTPUT: builds the repository's site
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scripts.bench import REPO, SITE_TODAY
from scripts.bench.browser import serve

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync")
# Category id -> lowest acceptable score (0-100).
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
PAGE_TYPES = {"event": "Veranstaltung", "profile": "Profil"}
TIMEOUT_SECONDS = 300


def choose_pages(output: Path) -> dict[str, str]:
    """Site paths to measure: home, the largest event and profile page, the directory."""
    pages = {"home": "/"}
    for name, search_type in PAGE_TYPES.items():
        marker = f'data-pagefind-filter="Typ">{search_type}<'
        candidates = [path for path in output.rglob("index.html")
                      if "pagefind" not in path.parts
                      and marker in path.read_text(encoding="utf-8")]
        if candidates:
            largest = max(sorted(candidates), key=lambda path: path.stat().st_size)
            pages[name] = "/" + largest.parent.relative_to(output).as_posix() + "/"
    if (output / "rebellen" / "index.html").exists():
        pages["directory"] = "/rebellen/"
    return pages


def run_lighthouse(url: str, report: Path) -> dict[str, Any]:
    """Run Lighthouse on ``url``; write its JSON report to ``report`` and return it."""
    command = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
               f"--chrome-flags={CHROME_FLAGS}",
               "--only-categories=performance,accessibility,best-practices,seo"]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    process = subprocess.run(command, env=env, capture_output=True, text=True,
                             timeout=TIMEOUT_SECONDS, check=False)
    if process.returncode != 0 or not report.exists():
        tail = "\n".join((process.stderr or process.stdout).splitlines()[-10:])
        raise RuntimeError(f"Lighthouse fehlgeschlagen für {url}: {tail}")
    result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return result


def summarise(report: dict[str, Any], base_url: str) -> dict[str, Any]:
    """Scores (0-100), the failing audits of categories under target, key metrics."""
    audits = report["audits"]
    scores: dict[str, int | None] = {}
    failing: dict[str, list[dict[str, str]]] = {}
    for category_id, category in report["categories"].items():
        score = category["score"]
        percent = None if score is None else round(100 * score)
        scores[category_id] = percent
        if percent is not None and percent >= TARGETS.get(category_id, 0):
            continue
        failing[category_id] = [
            {"id": ref["id"], "title": audits[ref["id"]]["title"],
             "score": audits[ref["id"]]["score"],
             "value": audits[ref["id"]].get("displayValue", "")}
            for ref in category["auditRefs"]
            if ref["id"] in audits and audits[ref["id"]]["score"] is not None
            and audits[ref["id"]]["score"] < 1
            and (ref.get("weight", 0) > 0 or audits[ref["id"]]["score"] < 0.9)]
    local = urlsplit(base_url).netloc
    requested = audits.get("network-requests", {}).get("details", {}).get("items", [])
    foreign = sorted({item["url"] for item in requested
                      if urlsplit(item["url"]).scheme in {"http", "https"}
                      and urlsplit(item["url"]).netloc != local})
    metrics = {key: audits[key].get("displayValue", "") for key in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                "cumulative-layout-shift", "speed-index") if key in audits}
    return {"scores": scores, "failing": failing, "metrics": metrics,
            "foreign_requests": foreign, "warnings": report.get("runWarnings", []),
            "error": (report.get("runtimeError") or {}).get("message", "")}


def measure_lighthouse(output: Path, pages: dict[str, str] | None = None) -> dict[str, Any]:
    """Lighthouse on the pages of the site built into ``output`` (one after the other)."""
    if not LIGHTHOUSE.exists():
        return {"skipped": f"Lighthouse fehlt ({LIGHTHOUSE}); `npm ci` installiert es."}
    pages = pages or choose_pages(output)
    results: dict[str, Any] = {}
    version = ""
    with serve(output) as base, tempfile.TemporaryDirectory(prefix="vr-lighthouse-") as tmp:
        for name, path in pages.items():
            report = run_lighthouse(base + path, Path(tmp) / f"{name}.json")
            version = report.get("lighthouseVersion", version)
            results[name] = {"path": path, **summarise(report, base)}
    met = all(score is not None and score >= TARGETS[category]
              for page in results.values() for category, score in page["scores"].items())
    return {"lighthouse": version, "form_factor": "mobile", "targets": TARGETS,
            "pages": results, "all_targets_met": met}


def build_own_site(output: Path) -> None:
    """Build the repository's own content into ``output`` as ``make html`` does."""
    env = {**os.environ, "SITE_TODAY": SITE_TODAY}
    env.pop("LAB_ROOT", None)
    process = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build.py"), "--root", str(REPO),
         "--output", str(output), "--quiet"],
        env=env, capture_output=True, text=True, cwd=REPO, check=False)
    if process.returncode != 0:
        raise RuntimeError(f"Build der eigenen Website fehlgeschlagen:\n{process.stderr}")


def table(figures: dict[str, Any]) -> str:
    """Score table: one row per page, one column per category, then the failing audits."""
    if "pages" not in figures:
        return f"Lighthouse: {figures.get('skipped') or figures.get('error')}"
    categories = list(TARGETS)
    width = 2 + max(len(f"{name} {page['path']}") for name, page in figures["pages"].items())
    lines = [f"Lighthouse {figures['lighthouse']} (mobil), Ziele: "
             + ", ".join(f"{c} {'>=' if TARGETS[c] < 100 else ''}{TARGETS[c]}"
                         for c in categories),
             f"{'Seite':<{width}}" + "".join(f"{c:>16}" for c in categories)]
    notes = []
    for name, page in figures["pages"].items():
        cells = []
        for category in categories:
            score = page["scores"].get(category)
            below = score is None or score < TARGETS[category]
            cells.append(f"{'–' if score is None else score}{' !' if below else ''}")
        lines.append(f"{name + ' ' + page['path']:<{width}}" + "".join(f"{c:>16}" for c in cells))
        for category, audits in page["failing"].items():
            notes += [f"  {name} / {category}: {a['id']} – {a['title']} {a['value']}".rstrip()
                      for a in audits]
        if page["foreign_requests"]:
            notes.append(f"  {name}: Anfragen ins Netz: {', '.join(page['foreign_requests'])}")
    met = "ja" if figures["all_targets_met"] else "NEIN (! = unter dem Ziel)"
    return "\n".join([*lines, f"Lighthouse-Ziele erfüllt: {met}", *notes])


def main(argv: list[str] | None = None) -> int:
    """Measure a built folder, or build the repository's site into a temp folder first."""
    argv = sys.argv[1:] if argv is None else argv
    with tempfile.TemporaryDirectory(prefix="vr-lighthouse-site-") as tmp:
        if argv:
            output = Path(argv[0])
        else:
            output = Path(tmp) / "output"
            build_own_site(output)
        figures = measure_lighthouse(output)
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    print(table(figures))
    return 0 if figures.get("all_targets_met") else 1


if __name__ == "__main__":
    sys.exit(main())
