"""Generate many fictional profiles for load measurements (not a test; run by hand).

    .venv/bin/python -m tests.search.bench_profiles DIR [--count 10000] [--build] [--measure]

Writes a lab root in DIR (the repository's vocabularies and methods plus COUNT profiles),
optionally builds it with the search index into DIR/output and measures, in headless
Chromium, what one search query downloads (bytes and requests) on /suche/ and /rebellen/.
"""

from __future__ import annotations

import argparse
import gzip
import random
import shutil
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from tests.support.site import REPO, build_site, make_root

FIRST = ("Anna", "Ben", "Clara", "Deniz", "Elif", "Finn", "Greta", "Hannes", "Ida", "Jonas",
         "Kira", "Lukas", "Maren", "Nils", "Özlem", "Paul", "Rosa", "Sven", "Tilda", "Ümit",
         "Vera", "Yusuf", "Zoe", "Äneas", "Malte", "Svenja", "Ole", "Lea", "Jana", "Timo")
LAST = ("Aalberg", "Beispiel", "Conrad", "Dorn", "Erdem", "Fiktiv", "Gärtner", "Heinen",
        "Ilgen", "Jäger", "Krüger", "Lorenz", "Muster", "Nowak", "Ohm", "Probe", "Quast",
        "Rübsam", "Schäfer", "Straß", "Thiel", "Ulbrich", "Vogt", "Weiß", "Yilmaz", "Zander")
PLACES = ("Kreis Wesel", "Stadt Essen", "Stadt Lünen", "Stadt Bochum", "Stadt Dortmund",
          "Kreis Unna", "Stadt Moers", "Stadt Dinslaken", "Stadt Oberhausen", "Kreis Kleve",
          "Stadt Duisburg", "Stadt Gelsenkirchen", "Stadt Hamm", "Stadt Herne",
          "Kreis Recklinghausen",
          "Stadt Bottrop", "Stadt Mülheim an der Ruhr", "Stadt Witten", "Ennepe-Ruhr-Kreis",
          "Stadt Münster", "Landesamt für Beispieldaten", "Bezirksregierung Musterstadt")
PARTNERS = {"Kreis Wesel": "kreis-wesel", "Stadt Essen": "essen", "Stadt Lünen": "luenen"}
ROLES = ("Digital-Lotsin", "Digital-Lotse", "Personalentwicklung", "Organisationsentwicklung",
         "Bürgeramt", "IT-Koordination", "Innovationsmanagement", "Ausbildungsleitung",
         "Stadtplanung", "Sozialamt", "Ordnungsamt", "Kämmerei", "Bürgerbeteiligung")
PHRASES = ("Hospitation", "Lean Coffee moderieren", "Nutzertests organisieren",
           "Erfahrungen mit Desksharing", "Austausch zu Raumkonzepten", "Barcamps organisieren",
           "Kollegiale Beratung anleiten", "Design-Thinking-Workshops", "Ideen für Fehlerkultur",
           "Kontakte in andere Kommunen", "Schulungen zu Online-Terminen",
           "Beteiligungsformate planen", "Erfahrungen mit dem Onlinezugangsgesetz",
           "Einführung in Videokonferenzen", "Mentoring für Nachwuchskräfte",
           "Open-Data-Portal aufbauen", "Prozesse modellieren", "Wissensmanagement")
SENTENCES = (
    "Ich arbeite seit einigen Jahren in der Verwaltung und probiere gern Neues aus.",
    "Mich interessiert, wie wir Leistungen von den Menschen aus denken, die sie nutzen.",
    "Im Team testen wir gerade ein Bürokonzept mit geteilten Arbeitsplätzen.",
    "Als Ansprechperson für digitale Werkzeuge begleite ich Kolleginnen und Kollegen.",
    "Besonders spannend finde ich den Austausch über Ämtergrenzen hinweg.",
    "Wir haben ein kleines Netzwerk gegründet, das sich jeden Monat trifft.",
    "Fehler gehören dazu, solange wir aus ihnen lernen und darüber sprechen.",
    "Ich moderiere regelmäßig Lean-Coffee-Runden und kollegiale Beratung.",
    "Für Formulare in verständlicher Sprache setze ich mich seit Langem ein.",
    "Mobiles Arbeiten hat unsere Zusammenarbeit verändert, oft zum Besseren.",
)


def profile_yaml(rng: random.Random, index: int, topics: list[str]) -> tuple[str, str]:
    """One fictional profile file: (slug, YAML text)."""
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}-{index:05d}"
    organisation = rng.choice(PLACES)
    lines = [f"name: {name}", f"organisation: {organisation}", f"role: {rng.choice(ROLES)}",
             f"topics: [{', '.join(rng.sample(topics, rng.randint(1, 4)))}]"]
    if organisation in PARTNERS:
        lines.append(f"partner: {PARTNERS[organisation]}")
    for key in ("offers", "seeks"):
        items = rng.sample(PHRASES, rng.randint(0, 3))
        if items:
            lines.append(f"{key}: [{', '.join(items)}]")
    bio = " ".join(rng.sample(SENTENCES, rng.randint(3, 6)))
    consent = date(2026, 1, 1) + timedelta(days=rng.randint(0, 300))
    lines += [f"bio: {bio}", f"consent: {consent.isoformat()}", "example: true"]
    return f"person-{index:05d}", "\n".join(lines) + "\n"


def generate(root: Path, count: int, seed: int = 1) -> None:
    """Write ``count`` profiles below ``root/data/rebels``."""
    import yaml

    topics = list(yaml.safe_load((REPO / "data/topics.yaml").read_text(encoding="utf-8")))
    rng = random.Random(seed)
    folder = root / "data" / "rebels"
    for index in range(count):
        slug, text = profile_yaml(rng, index, topics)
        (folder / f"{slug}.yaml").write_text(text, encoding="utf-8")


def measure(output: Path, queries: list[tuple[str, str]]) -> list[str]:
    """For each (page, query): bytes and requests fetched from /pagefind/ by one cold query."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import launch_chromium, serve_folder

    lines = []
    with serve_folder(output) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for path, query in queries:
            context = browser.new_context()
            page = context.new_page()
            responses = []
            page.on("response", lambda response, seen=responses: seen.append(response))
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            responses.clear()
            field = "#vr-search-q" if path.startswith("/suche") else "#vr-directory-q"
            page.fill(field, query)
            status = ".vr-search-page__status" if path.startswith("/suche") \
                else ".vr-directory-search__status"
            page.wait_for_function(f"() => document.querySelector('{status}').textContent"
                                   ".includes('für')", timeout=60000)
            page.wait_for_load_state("networkidle")
            total = 0
            for response in responses:
                body = response.body()
                # Pagefind's index files are gzip already; count JS as a server would send it.
                total += len(gzip.compress(body)) if response.url.endswith(".js") else len(body)
            lines.append(f"{path} „{query}“: {len(responses)} Anfragen, {total / 1024:.0f} KiB "
                         f"({page.text_content(status)})")
            context.close()
        browser.close()
    return lines


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--build", action="store_true")
    parser.add_argument("--measure", action="store_true")
    args = parser.parse_args(argv)
    shutil.rmtree(args.folder, ignore_errors=True)
    args.folder.mkdir(parents=True)
    root = make_root(args.folder)
    shutil.copytree(REPO / "content" / "methoden", root / "content" / "methoden",
                    dirs_exist_ok=True)
    generate(root, args.count)
    print(f"{args.count} Profile in {root / 'data/rebels'}")
    if args.build or args.measure:
        started = time.perf_counter()
        result = build_site(root, args.folder / "output", search=True)
        if result.returncode:
            print(result.stdout, result.stderr, file=sys.stderr)
            return 1
        print(f"Build mit Suchindex: {time.perf_counter() - started:.0f} s")
    if args.measure:
        for line in measure(args.folder / "output", [("/suche/", "Homeoffice"),
                                                     ("/suche/", "Lünen"),
                                                     ("/rebellen/", "Homeoffice"),
                                                     ("/rebellen/", "Jäger")]):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
