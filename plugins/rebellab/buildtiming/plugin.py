"""Phase timestamps of one Pelican run, for ``make bench`` only.

Enabled by the benchmark's own settings file (extra ``PLUGINS`` entry and
``BUILD_TIMING_FILE``), never by the site's settings. Each generator class is replaced by a
subclass of the same name whose ``generate_context``, ``generate_output`` and (for
Pelican's articles) ``generate_feeds`` record wall-clock start and end; the timings are
written as JSON when Pelican sends ``finalized``. Behaviour of the build is unchanged.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pelican import signals

TIMED_METHODS = ("generate_context", "generate_output", "generate_feeds")
STEP_NAMES = {"generate_context": "context", "generate_output": "output",
              "generate_feeds": "feeds"}


class Recorder:
    """Collects the spans of one build; one instance per process."""

    def __init__(self) -> None:
        self.initialized = 0.0
        self.spans: list[dict[str, Any]] = []
        self.written = 0

    def timed(self, generator: str, module: str, method: Callable[..., Any]
              ) -> Callable[..., Any]:
        """Wrap ``method`` so each call appends a span."""
        step = STEP_NAMES[method.__name__]

        @functools.wraps(method)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.time()
            try:
                return method(*args, **kwargs)
            finally:
                self.spans.append({"generator": generator, "module": module, "step": step,
                                   "start": start, "end": time.time()})

        return wrapper

    def timed_class(self, cls: type) -> type:
        """Return a subclass of ``cls`` with the same name whose build steps are timed."""
        methods = {name: self.timed(cls.__name__, cls.__module__, getattr(cls, name))
                   for name in TIMED_METHODS if callable(getattr(cls, name, None))}
        return type(cls.__name__, (cls,), {**methods, "__module__": cls.__module__})


RECORDER = Recorder()


def on_initialized(pelican: Any) -> None:
    """Note the start and make every generator class report its steps."""
    RECORDER.initialized = time.time()
    original = pelican._get_generator_classes

    def timed_classes() -> list[type]:
        return [RECORDER.timed_class(cls) for cls in original()]

    pelican._get_generator_classes = timed_classes


def on_content_written(path: str, context: Any) -> None:
    """Count files written through Pelican's writer."""
    RECORDER.written += 1


def on_finalized(pelican: Any) -> None:
    """Write the timings; receivers connected earlier (e.g. a search index) have run."""
    target = pelican.settings.get("BUILD_TIMING_FILE")
    if not target:
        return
    result = {"initialized": RECORDER.initialized, "finalized": time.time(),
              "spans": RECORDER.spans, "written": RECORDER.written}
    Path(target).write_text(json.dumps(result, indent=1), encoding="utf-8")


def register() -> None:
    """Pelican entry point."""
    signals.initialized.connect(on_initialized)
    signals.content_written.connect(on_content_written)
    signals.finalized.connect(on_finalized)
