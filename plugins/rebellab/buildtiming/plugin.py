"""Phase timestamps of one Pelican run, for ``make bench`` only.

Enabled by the benchmark's own settings file (extra ``PLUGINS`` entry and
``BUILD_TIMING_FILE``), never by the site's settings. Pelican runs ``generate_context`` of
every generator, one after the other, then ``generate_output`` of every generator, so a
generator's step lasts from the end of the step before it to its own end. Pelican's signals
mark most of these ends; the spans are written as JSON when Pelican sends ``finalized``.
Behaviour of the build is unchanged.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator

# Generators that send a signal at the end of the step: *_generator_finalized at the end of
# generate_context, *_writer_finalized at the end of generate_output.
SIGNALLED = {"context": (ArticlesGenerator, PagesGenerator, StaticGenerator),
             "output": (ArticlesGenerator, PagesGenerator)}


class Recorder:
    """Collects the step ends of one build; one instance per process."""

    def __init__(self) -> None:
        self.starts = {"context": 0.0, "output": 0.0}
        self.ends: list[tuple[str, float, type]] = []  # step, time, generator class
        self.feeds_end = 0.0
        self.written = 0

    def end(self, step: str, generator: Any) -> None:
        """Note that ``generator`` has finished ``step`` now."""
        self.ends.append((step, time.time(), type(generator)))

    def ending(self, step: str, generator: Any, method: Callable[..., Any]
               ) -> Callable[..., Any]:
        """Return ``method`` that notes its end, for a generator that sends no signal then."""
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return method(*args, **kwargs)
            finally:
                self.end(step, generator)

        return wrapper

    def spans(self) -> list[dict[str, Any]]:
        """Each generator's step, from the end of the step before to its own end."""
        result = []
        for step, start in self.starts.items():
            for _, end, cls in sorted((m for m in self.ends if m[0] == step), key=lambda m: m[1]):
                result.append(span(cls, step, start, end))
                start = end
        articles = [s for s in result if s["step"] == "output"
                    and s["generator"] == ArticlesGenerator.__name__]
        if self.feeds_end and articles:  # feeds are written first in ArticlesGenerator's output
            result.append(span(ArticlesGenerator, "feeds", articles[0]["start"], self.feeds_end))
        return result


def span(cls: type, step: str, start: float, end: float) -> dict[str, Any]:
    """One span as the benchmark reads it."""
    return {"generator": cls.__name__, "module": cls.__module__, "step": step,
            "start": start, "end": end}


RECORDER = Recorder()


def on_generator_init(generator: Any) -> None:
    """Start the clock of the context step; time the steps Pelican sends no signal for.

    The last generator built starts ``generate_context`` (the lab is validated at the first
    one). Pelican has no signal at the end of ``generate_context`` or ``generate_output``
    of a plugin's generator, nor at the end of the static files' ``generate_output``, so
    these methods alone are wrapped, on the instance.
    """
    RECORDER.starts["context"] = time.time()
    for step, method_name in (("context", "generate_context"), ("output", "generate_output")):
        method = getattr(generator, method_name, None)
        if method is not None and not isinstance(generator, SIGNALLED[step]):
            setattr(generator, method_name, RECORDER.ending(step, generator, method))


def on_context_finalized(generator: Any) -> None:
    """Articles, pages or static files have their models."""
    RECORDER.end("context", generator)


def on_writer_finalized(generator: Any, writer: Any) -> None:
    """Articles or pages are written."""
    RECORDER.end("output", generator)


def on_get_writer(pelican: Any) -> None:
    """Start the clock of the output step: Pelican asks for the writer right before it."""
    RECORDER.starts["output"] = time.time()


def on_feed_written(path: str, context: Any, feed: Any) -> None:
    """Note the end of the latest feed."""
    RECORDER.feeds_end = time.time()


def on_content_written(path: str, context: Any) -> None:
    """Count files written through Pelican's writer."""
    RECORDER.written += 1


def on_finalized(pelican: Any) -> None:
    """Write the timings; receivers connected earlier (e.g. a search index) have run."""
    target = pelican.settings.get("BUILD_TIMING_FILE")
    if not target:
        return
    result = {"initialized": RECORDER.starts["context"], "finalized": time.time(),
              "spans": RECORDER.spans(), "written": RECORDER.written}
    Path(target).write_text(json.dumps(result, indent=1), encoding="utf-8")


def note_indexed(settings: dict[str, Any]) -> None:
    """Add the end of the search index, built after the Pelican run, to the timings."""
    target = settings.get("BUILD_TIMING_FILE")
    if not target or not Path(target).is_file():
        return
    timing = json.loads(Path(target).read_text(encoding="utf-8"))
    timing["indexed"] = time.time()
    Path(target).write_text(json.dumps(timing, indent=1), encoding="utf-8")


def register() -> None:
    """Pelican entry point."""
    signals.generator_init.connect(on_generator_init)
    for finalized in (signals.article_generator_finalized, signals.page_generator_finalized,
                      signals.static_generator_finalized):
        finalized.connect(on_context_finalized)
    signals.article_writer_finalized.connect(on_writer_finalized)
    signals.page_writer_finalized.connect(on_writer_finalized)
    signals.get_writer.connect(on_get_writer)
    signals.feed_written.connect(on_feed_written)
    signals.content_written.connect(on_content_written)
    signals.finalized.connect(on_finalized)
