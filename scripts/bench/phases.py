"""Phases of one build, from the spans the ``rebellab.buildtiming`` plugin records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PHASES = ("startup and validation", "content reading", "plugin models", "page writing",
          "feeds", "search index", "swap and exit")


def phases(timing: dict[str, Any], process_start: float, process_end: float
           ) -> dict[str, float]:
    """Split one build's wall time into the phases of :data:`PHASES` (seconds).

    The search index lasts until ``indexed`` when ``scripts/build.py`` indexed after the
    Pelican process, else until Pelican's ``finalized``.
    """
    spans = timing["spans"]
    indexed = timing.get("indexed", timing["finalized"])

    def total(select: Callable[[dict[str, Any]], bool]) -> float:
        seconds: float = sum(span["end"] - span["start"] for span in spans if select(span))
        return seconds

    def is_search(span: dict[str, Any]) -> bool:
        module: str = span["module"]
        return module.startswith("rebellab.search.")

    def is_pelican(span: dict[str, Any]) -> bool:
        module: str = span["module"]
        return module.split(".")[0] == "pelican"

    contexts = [span for span in spans if span["step"] == "context"]
    outputs = [span for span in spans if span["step"] == "output"]
    context_end = max((span["end"] for span in contexts), default=timing["initialized"])
    output_start = min((span["start"] for span in outputs), default=context_end)
    output_end = max((span["end"] for span in outputs), default=output_start)
    feeds = total(lambda span: span["step"] == "feeds")
    return {
        "startup and validation": timing["initialized"] - process_start,
        "content reading": total(lambda s: s["step"] == "context" and is_pelican(s)),
        "plugin models": total(lambda s: s["step"] == "context" and not is_pelican(s)
                               and not is_search(s)) + (output_start - context_end),
        "page writing": total(lambda s: s["step"] == "output" and not is_search(s)) - feeds,
        "feeds": feeds,
        "search index": total(is_search) + (indexed - output_end),
        "swap and exit": process_end - indexed,
    }


def generator_times(timing: dict[str, Any]) -> dict[str, float]:
    """Seconds per generator and step, e.g. ``EventsGenerator.output``."""
    result: dict[str, float] = {}
    for span in timing["spans"]:
        key = f"{span['generator']}.{span['step']}"
        result[key] = result.get(key, 0.0) + span["end"] - span["start"]
    return {key: round(value, 3) for key, value in result.items()}
