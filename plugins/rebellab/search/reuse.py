"""Keep the previous Pagefind bundle and vocabulary when no indexed page has changed.

What indexing writes (the bundle in ``pagefind/`` and the vocabulary file) is a function of
the pages Pagefind reads (their paths and bytes), the Pagefind and split-words versions
and our indexer code. After indexing, a stamp records a digest of those inputs and one of
the files written. A later build into a staging folder (``PREVIOUS_OUTPUT_PATH`` names the
output it replaces) hard-links the previous bundle and vocabulary when its inputs have the
stamped digest and the previous files still have theirs; the stamp is checked against the
files themselves, so a stamp left by a failed build or a bundle changed by hand is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from rebellab.search.indexer import BUNDLE, code_digest

FORMAT = 1


def inputs_digest(site: Path, vocabulary: str, indexed: dict[Path, str]) -> str:
    """Digest of what indexing ``site`` depends on: the indexed pages (``indexed_pages``), code."""
    digest = hashlib.sha256(json.dumps([FORMAT, code_digest(), vocabulary]).encode())
    for path, page_digest in indexed.items():
        digest.update(f"{path.relative_to(site).as_posix()}\0{page_digest}\0".encode())
    return digest.hexdigest()


def _outputs(site: Path, vocabulary: str) -> list[Path]:
    """Return the files indexing wrote below ``site``, sorted; [] when one is missing."""
    bundle = site / BUNDLE
    if not (bundle / "pagefind.js").is_file() or not (site / vocabulary).is_file():
        return []
    return [*sorted(path for path in bundle.rglob("*") if path.is_file()), site / vocabulary]


def outputs_digest(site: Path, files: Iterable[Path]) -> str:
    """Digest of the files indexing wrote, by path and bytes."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(site).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def stamp_path(cache: Path, output: Path) -> Path:
    """Where the stamp of the search index in ``output`` is kept."""
    name = hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:16]
    return cache / "search-index" / f"{name}.json"


def reuse_index(site: Path, previous: Path, stamp: Path, vocabulary: str,
                indexed: dict[Path, str]) -> str | None:
    """Link ``previous``'s index into ``site`` if it is what indexing ``site`` would write.

    Returns None when linked, else the digest of ``site``'s inputs (for :func:`write_stamp`).
    """
    inputs = inputs_digest(site, vocabulary, indexed)
    files = _outputs(previous, vocabulary)
    if not stamp.is_file() or not files:
        return inputs
    stamped = json.loads(stamp.read_text(encoding="utf-8"))
    if stamped.get("inputs") != inputs or stamped.get("outputs") != outputs_digest(previous,
                                                                                   files):
        return inputs
    shutil.copytree(previous / BUNDLE, site / BUNDLE, copy_function=os.link)
    (site / vocabulary).parent.mkdir(parents=True, exist_ok=True)
    os.link(previous / vocabulary, site / vocabulary)
    return None


def write_stamp(site: Path, stamp: Path, inputs: str, vocabulary: str) -> None:
    """Record the digest of the inputs just indexed and of the files written."""
    stamp.parent.mkdir(parents=True, exist_ok=True)
    outputs = outputs_digest(site, _outputs(site, vocabulary))
    stamp.write_text(json.dumps({"inputs": inputs, "outputs": outputs}), encoding="utf-8")
