"""The one way to write a generated file that is not a rendered template.

Pelican's ``Writer.write_file`` renders a template; calendar files, JSON, photos, the CSS
bundle and the sitemap are bytes made elsewhere. They go through the same writer checks:
the path must stay inside the output folder (``sanitised_join``), a file may be written
only once per build (the writer's overwrite guard), and ``content_written`` announces it
(the sitemap and the build timing listen).

Folders of generated files that are no longer wanted go through :func:`discard`.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.utils import sanitised_join


def write_bytes(writer: Any, name: str, data: bytes) -> str:
    """Write ``data`` to ``name`` below the writer's output folder; return the full path."""
    path: str = sanitised_join(writer.output_path, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    # _open_w is where Pelican refuses a second write to one file; it opens text, so the
    # bytes go to the underlying binary buffer unchanged (CRLF in .ics stays as it is).
    with writer._open_w(path, "utf-8") as handle:
        handle.buffer.write(data)
    signals.content_written.send(path, context=None)
    return path


def write_derived(writer: Any, name: str, data: Any) -> str:
    """Write the bytes ``data`` (a :class:`~rebellab.sitebase.fingerprint.Lazy`) computes.

    A warm build's writer takes the file over (``defer_file``, rebellab.sitebase.incremental):
    it links the previous file when ``data``'s function and arguments are unchanged, and
    else computes the bytes with the pages, on every core. Otherwise they are computed here.
    """
    defer = getattr(writer, "defer_file", None)
    if defer is not None and defer(name, data):
        return write_bytes(writer, name, b"")
    return write_bytes(writer, name, data.value())


def write_text(writer: Any, name: str, text: str) -> str:
    """Write ``text`` as UTF-8 like :func:`write_bytes`."""
    return write_bytes(writer, name, text.encode("utf-8"))


def discard(folder: Path) -> None:
    """Delete ``folder``: renamed away at once, removed by a process of its own.

    For the previous output after the swap (unlinking the 21,000 files of the big lab's took
    3.0 s of a warm build, profiled) and the copies the search index is made from. ``rm``
    goes on after this process has ended; a folder left by an ``rm`` that was stopped goes
    with the next one's.
    """
    trash = [path for path in folder.parent.glob(f".{folder.name}-*") if path.is_dir()]
    if folder.exists():
        target = folder.with_name(f".{folder.name}-{os.getpid()}-{time.time_ns()}")
        folder.rename(target)
        trash.append(target)
    if trash:
        subprocess.Popen(["rm", "-rf", "--", *map(str, trash)], start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)


# The name pelicanconf.py gives a cache folder: a digest of the code and settings it is for.
CACHE_FOLDER = re.compile(r"[0-9a-f]{16}")


def use_cache(settings: Mapping[str, Any]) -> None:
    """Mark ``CACHE_PATH`` as used now (its folder's time), making it if needed.

    At the start of a build: :func:`prune_caches` keeps the folders used last.
    """
    if settings.get("CACHE_ROOT") and settings.get("CACHE_PATH"):
        os.makedirs(settings["CACHE_PATH"], exist_ok=True)
        os.utime(settings["CACHE_PATH"])


def prune_caches(settings: Mapping[str, Any]) -> list[Path]:
    """Discard the caches of other code in ``CACHE_ROOT`` but the ``CACHES_KEPT`` used last.

    Each change to the plugins, requirements.txt or pelicanconf.py gives the build a new
    cache folder (pelicanconf.py), and the old ones stayed: about 40 MB each for the site,
    about 200 MB at the size of make bench's big lab. Only folders named like one of them,
    directly in ``CACHE_ROOT`` beside ``CACHE_PATH``, are touched. A folder that another
    build removes meanwhile is passed over. Returns those discarded.
    """
    root, current = settings.get("CACHE_ROOT"), settings.get("CACHE_PATH")
    if not root or not current or Path(current).parent != Path(root):
        return []
    used: dict[Path, float] = {}
    for path in Path(root).iterdir():
        if CACHE_FOLDER.fullmatch(path.name) and path != Path(current):
            with contextlib.suppress(OSError):
                if path.is_dir():
                    used[path] = path.stat().st_mtime
    kept = int(settings.get("CACHES_KEPT", 2))
    unwanted = sorted(used, key=used.__getitem__, reverse=True)[kept:]
    discarded = []
    for folder in unwanted:
        with contextlib.suppress(OSError):
            discard(folder)
            discarded.append(folder)
    return discarded
