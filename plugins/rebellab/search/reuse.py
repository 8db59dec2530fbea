"""Keep the previous Pagefind bundles and vocabulary when their indexed pages are unchanged.

What indexing writes (the bundles below ``pagefind/`` and the vocabulary file) is a function
of the pages Pagefind reads (their paths and bytes), the Pagefind and split-words versions
and our indexer code. After indexing, a stamp records digests of those inputs and of the
files written (by inode, size and time), for the whole index and for each bundle. A later
build into a staging folder (``PREVIOUS_OUTPUT_PATH`` names the output it replaces)
hard-links the previous index when no indexed page changed, and else each bundle none of
whose pages changed (a changed event leaves the 10,000 profiles' bundle as it was). The
stamp is checked against the files themselves, so a stamp left by a failed build or a
bundle changed by hand is ignored. A bundle indexed again starts from the previous
bundle's files that stay the same (:mod:`.seeds`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rebellab.kernel.files import file_identity
from rebellab.search.indexer import BUNDLE, code_digest, nested_bundles
from rebellab.search.seeds import FragmentUrls, Seeds, plant

FORMAT = 2


def inputs_digest(label: str, pages: dict[str, str]) -> str:
    """Digest of what indexing ``pages`` depends on: those pages, the code.

    ``pages``: the digest of each page (``indexed_pages``) by its path relative to the site.
    ``label`` names what the pages go into: the vocabulary file (the whole index), a bundle.
    """
    digest = hashlib.sha256(json.dumps([FORMAT, code_digest(), label]).encode())
    for name, page_digest in pages.items():
        digest.update(f"{name}\0{page_digest}\0".encode())
    return digest.hexdigest()


def _walk(folder: Path, skip: Iterable[str] = ()) -> list[str]:
    """Every file below ``folder`` as a path relative to it, sorted; not below ``skip``.

    os.walk and strings: pathlib's rglob, is_file and relative_to took 1.3 s per pass over
    the big lab's 25,000 bundle files (profiled).
    """
    skipped = {os.path.join(folder, name) for name in skip}
    found: list[str] = []
    for top, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if os.path.join(top, name) not in skipped]
        start = os.path.relpath(top, folder)
        found.extend(name if start == "." else f"{start}/{name}" for name in files)
    return sorted(found)


def bundle_files(site: Path, name: str) -> list[str]:
    """Return the files of the bundle ``site/name`` (not those of bundles below it), or [].

    Paths relative to ``site``.
    """
    folder = site / name
    if not (folder / "pagefind.js").is_file():
        return []
    return [f"{name}/{path}" for path in _walk(folder, nested_bundles(name))]


def _outputs(site: Path, vocabulary: str) -> list[str]:
    """Return the files indexing wrote below ``site`` (relative, sorted); [] if one is missing."""
    if not (site / BUNDLE / "pagefind.js").is_file() or not (site / vocabulary).is_file():
        return []
    return [*(f"{BUNDLE}/{path}" for path in _walk(site / BUNDLE)), vocabulary]


def outputs_digest(site: Path, files: Iterable[str],
                   identities: dict[str, list[int]] | None = None) -> str:
    """Digest of the files indexing wrote, by path, inode, size and modification time.

    ``identities``: those of the files the caller has already asked for (by path, as in
    ``files``).

    The page writer's test of a file still being the one written (``incremental.py``); a
    hard link keeps all three. Reading and hashing the 25,000 files of the big lab's bundles
    took 1.4 s, twice per build (profiled).
    """
    digest = hashlib.sha256()
    for name in files:
        identity = None if identities is None else identities.get(name)
        if identity is None:
            identity = file_identity(os.path.join(site, name))
        digest.update("\0".join(map(str, [name, *identity, ""])).encode())
    return digest.hexdigest()


def stamp_path(cache: Path, output: Path) -> Path:
    """Where the stamp of the search index in ``output`` is kept."""
    name = hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:16]
    return cache / "search-index" / f"{name}.json"


def _link(previous: Path, site: Path, files: Iterable[str]) -> None:
    """Hard-link ``files`` (relative paths) from ``previous`` into ``site``.

    Strings and one ``makedirs`` per folder: with pathlib and one per file, linking the
    10,132 files of the big lab's profile bundle took 0.34 instead of 0.18 s.
    """
    made: set[str] = set()
    for name in files:
        folder = os.path.dirname(name)
        if folder not in made:
            os.makedirs(os.path.join(site, folder), exist_ok=True)
            made.add(folder)
        os.link(os.path.join(previous, name), os.path.join(site, name))


class IndexStamp:
    """The stamp of the index in the output being replaced, and the one of the new index."""

    def __init__(self, site: Path, previous: Path, path: Path, vocabulary: str,
                 indexed: dict[Path, str]) -> None:
        self.site, self.previous, self.path = site, previous, path
        self.vocabulary, self.indexed = vocabulary, indexed
        # Each page's path relative to the site, worked out once: pathlib's relative_to
        # took 0.06 s per pass over the big lab's 14,263 indexed pages, and there were five.
        self.names = {path: path.relative_to(site).as_posix() for path in indexed}
        try:
            self.old: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.old = {}
        self.new: dict[str, Any] = {"inputs": inputs_digest(vocabulary, self._pages(indexed)),
                                    "code": code_digest(), "bundles": {}}
        self.urls = FragmentUrls(path.with_suffix(".fragments.pickle"))

    def reuse_all(self) -> bool:
        """Link the previous bundles and vocabulary if no indexed page changed."""
        files = _outputs(self.previous, self.vocabulary)
        if (not files or self.old.get("inputs") != self.new["inputs"]
                or self.old.get("outputs") != outputs_digest(self.previous, files)):
            return False
        shutil.copytree(self.previous / BUNDLE, self.site / BUNDLE, copy_function=os.link)
        _link(self.previous, self.site, [self.vocabulary])
        return True

    def _bundle_inputs(self, name: str, paths: list[Path]) -> str:
        return inputs_digest(name, self._pages(paths))

    def _intact(self, name: str, old: dict[str, Any]) -> list[str] | None:
        """Return the previous bundle's files if they are those its stamp entry ``old`` names."""
        files = bundle_files(self.previous, name)
        return files if files and old.get("outputs") == outputs_digest(self.previous, files) \
            else None

    def reuse_bundle(self, name: str, paths: list[Path]) -> bool:
        """Link the previous bundle ``name`` if it indexed just these pages, unchanged.

        Changes nothing but files: it runs in the process that prepares the pages.
        """
        old = self.old.get("bundles", {}).get(name, {})
        files = (self._intact(name, old)
                 if old.get("inputs") == self._bundle_inputs(name, paths) else None)
        if files is None:
            return False
        _link(self.previous, self.site, files)
        return True

    def seed_bundle(self, name: str, paths: list[Path]) -> Seeds | None:
        """Link the files of the previous bundle ``name`` that indexing ``paths`` can keep.

        Only when the stamp is the one of the previous bundle's files and was made by the
        same code and Pagefind: a page's digest then stands for its fragment (:mod:`.seeds`).
        """
        old = self.old.get("bundles", {}).get(name, {})
        if (not isinstance(old.get("pages"), dict) or self.old.get("code") != self.new["code"]
                or self._intact(name, old) is None):
            return None
        return plant(self.previous / name, self.site / name, old["pages"],
                     self._pages(paths), self.urls, name)

    def _pages(self, paths: Iterable[Path]) -> dict[str, str]:
        return {self.names[path]: self.indexed[path] for path in paths}

    def save(self, groups: dict[str, list[Path]]) -> None:
        """Record the digests of the pages indexed (``groups``, by bundle) and of the files."""
        self.new["bundles"] = {}
        for name, paths in groups.items():
            pages = self._pages(paths)
            self.new["bundles"][name] = {"inputs": inputs_digest(name, pages), "pages": pages}
        self.urls.save()
        files = _outputs(self.site, self.vocabulary)
        identities = {name: file_identity(os.path.join(self.site, name)) for name in files}
        self.new["outputs"] = outputs_digest(self.site, files, identities)
        for name, bundle in self.new["bundles"].items():  # their files are among those
            bundle["outputs"] = outputs_digest(self.site, bundle_files(self.site, name),
                                               identities)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.new), encoding="utf-8")
