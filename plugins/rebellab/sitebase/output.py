"""The one way to write a generated file that is not a rendered template.

Pelican's ``Writer.write_file`` renders a template; calendar files, JSON, photos, the CSS
bundle and the sitemap are bytes made elsewhere. They go through the same writer checks:
the path must stay inside the output folder (``sanitised_join``), a file may be written
only once per build (the writer's overwrite guard), and ``content_written`` announces it
(the sitemap and the build timing listen).

Folders of generated files that are no longer wanted go through :func:`discard`; the
previous output's through :func:`recycle_folders`, which keeps its folders for the next build.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
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

    For the copies the search index is made from, and old caches. ``rm`` goes on after this
    process has ended; a folder left by an ``rm`` that was stopped goes with the next one's.
    """
    leftovers, renamed = _renamed_away(folder)
    trash = [*leftovers, *([renamed] if renamed else [])]
    if trash:
        _background(["rm", "-rf", "--", *map(str, trash)])


# The list of the folders kept by recycle_folders, inside the kept folder.
FOLDER_LIST = ".rebellab-folders"
# Deletes everything but the folders below $1, lists them in $1/$3, then renames $1 to $2,
# which must not exist or be empty (a kept folder not yet taken has its list in it). Any
# failure removes $1 whole.
_RECYCLE = ('find "$1" -mindepth 1 ! -type d -delete'
            ' && find "$1" -mindepth 1 -type d -printf "%P\\0" > "$1/$3"'
            ' && mv -T -- "$1" "$2" || rm -rf -- "$1"')


def kept_folders_path(output: Path) -> Path:
    """Where :func:`recycle_folders` keeps the folders of the output a build replaced."""
    return output.with_name(f".{output.name}.folders")


def recycle_folders(folder: Path, kept: Path) -> subprocess.Popen[bytes] | None:
    """Delete ``folder``'s files but keep its folders at ``kept`` for the next build.

    For the previous output after the swap. A warm build's staging folder needs nearly the
    same 17,000 folders again (one per page, at the big lab), and this machine's file system
    (ext4 without a journal) makes a folder slowly while many were deleted recently: the
    ``mkdir -p`` of a warm build without changes took 4 of its 22 CPU s (perf, all
    processes). The next build takes the kept folders (:func:`take_kept_folders`) instead.
    As in :func:`discard`, a process of its own does the work and goes on after this one
    has ended; folders left by one that was stopped are removed. Returns the process that
    keeps the folders, if ``folder`` existed.
    """
    leftovers, renamed = _renamed_away(folder)
    if leftovers:
        _background(["rm", "-rf", "--", *map(str, leftovers)])
    if renamed is None:
        return None
    return _background(["sh", "-c", _RECYCLE, "recycle", str(renamed), str(kept), FOLDER_LIST])


def take_kept_folders(kept: Path, target: Path) -> set[str] | None:
    """Put the folders kept by :func:`recycle_folders` at ``target``; return their names.

    Names are relative to ``target``. None, with nothing changed, when no folders are kept
    (or not yet: the process keeping them renames them last) or ``target`` exists and is
    not empty.
    """
    try:
        os.rename(kept, target)
    except OSError:
        return None
    listing = target / FOLDER_LIST
    try:
        names = listing.read_bytes().decode("utf-8", "surrogateescape").split("\0")
        listing.unlink()
    except OSError:  # not what recycle_folders left: the folders are made anew
        shutil.rmtree(target, ignore_errors=True)
        return None
    return {name for name in names if name}


def _renamed_away(folder: Path) -> tuple[list[Path], Path | None]:
    """Rename ``folder`` to a hidden name beside it (returned second, if it exists).

    Returned first: the hidden folders left there by a process that was stopped.
    """
    leftovers = [path for path in folder.parent.glob(f".{folder.name}-*") if path.is_dir()]
    if not folder.exists():
        return leftovers, None
    renamed = folder.with_name(f".{folder.name}-{os.getpid()}-{time.time_ns()}")
    folder.rename(renamed)
    return leftovers, renamed


def _background(command: list[str]) -> subprocess.Popen[bytes]:
    """Start ``command`` in a session of its own: it goes on after this process has ended."""
    return subprocess.Popen(command, start_new_session=True, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


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
