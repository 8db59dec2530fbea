"""The German report printed at the end of an import."""

from __future__ import annotations

from collections import Counter

from scripts.wordpress_import.importer import Entry, Result
from scripts.wordpress_import.writer import EDITED, FOREIGN, NEW, UNCHANGED, UPDATED

_ORDER = ("Beiträge", "Seiten", "Kommentare", "Kommentare übersprungen",
          "Dateien aus dem Medienordner oder geladen")


def _section(title: str, entries: list[Entry]) -> list[str]:
    if not entries:
        return []
    return ["", f"{title} ({len(entries)}):", *(f"  - {e.label}: {e.reason}" for e in entries)]


def render(result: Result, seconds: float | None = None) -> str:
    """Render the whole report (German, one item per line)."""
    lines = ["WordPress-Import: Bericht", "", "Übernommen:"]
    for key in _ORDER:
        lines.append(f"  {key}: {result.counts.get(key, 0)}")
    lines.append(f"  neue Weiterleitungen in data/redirects.yaml: {result.redirects_added}")
    others = sorted(k for k in result.counts if k not in _ORDER)
    lines += [f"  {key}: {result.counts[key]}" for key in others]
    files = Counter(result.outcomes.values())
    lines += ["", "Dateien: " + ", ".join(f"{files.get(state, 0)} {state}" for state in
                                          (NEW, UPDATED, UNCHANGED, EDITED, FOREIGN))]
    lines += _section("Nicht übernommen", result.skipped)
    lines += _section("Mit Einschränkungen übernommen", result.degraded)
    lines += _section("Nicht überschrieben", result.kept)
    lines += ["", f"Ein erneuter Import ändert nur Dateien, die seit dem letzten Import "
              f"unverändert sind; bearbeitete Dateien bleiben, wie sie sind. Die Prüfsummen "
              f"stehen in {result.manifest}."]
    if seconds is not None:
        lines.append(f"Dauer: {seconds:.2f} s")
    return "\n".join(lines) + "\n"
