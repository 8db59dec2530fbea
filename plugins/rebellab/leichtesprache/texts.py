"""The texts in Leichter Sprache (``content/leichte-sprache/*.md``), read and checked.

Both ``make check`` and the build call :func:`load_easy_read` (through ``load_lab``): a
finding of the checker without a waiver is a problem like any other content error, reported
as ``path:line: [LS-<rule>] message``; waived findings are kept for ``make check --verbose``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rebellab.kernel.fields import Fields, check_slug
from rebellab.kernel.problems import Problem
from rebellab.kernel.textfile import read_utf8
from rebellab.leichtesprache.checker import check_text, format_finding, read_exceptions
from rebellab.library.markdownfile import parse_markdown

FOLDER = "content/leichte-sprache"
# Names the checker must not measure (one a line, "#" starts a comment), see the checker.
NAMES_FILE = "namen.txt"
KEYS = ("Title", "Slug", "Order", "Date", "Modified", "Summary")
_ORDER = re.compile(r"[1-9][0-9]{0,3}")


@dataclass(frozen=True)
class EasyReadText:
    """One text in Leichter Sprache, as far as the lab needs to know it (links, order)."""

    slug: str
    title: str
    order: int
    source: str  # path relative to the lab root


@dataclass(frozen=True)
class EasyRead:
    """The section's texts in their order and the waived findings of the checker."""

    texts: tuple[EasyReadText, ...] = ()
    waivers: tuple[str, ...] = ()  # report lines, "path:line: [LS-rule] … (ausgenommen: …)"

    @property
    def slugs(self) -> frozenset[str]:
        """Slugs of all texts (for references from other files)."""
        return frozenset(text.slug for text in self.texts)


def load_easy_read(root: Path, problems: list[Problem]) -> EasyRead:
    """Read and check every text below ``root``; append every problem to ``problems``."""
    folder = root / FOLDER
    exceptions = _exceptions(folder / NAMES_FILE)
    texts: list[EasyReadText] = []
    waivers: list[str] = []
    for path in source_files(folder):
        rel = f"{FOLDER}/{path.name}"
        text, found = read_utf8(path, rel)
        problems.extend(found)
        if text is None:
            continue
        item = _read_text(text, rel, problems)
        for finding in check_text(text, exceptions):
            if finding.waived:
                waivers.append(format_finding(rel, finding))
            else:
                problems.append(Problem(rel, finding.line,
                                        f"[LS-{finding.rule}] {finding.message}"))
        if item is not None:
            texts.append(item)
    _check_unique(texts, problems)
    return EasyRead(tuple(sorted(texts, key=lambda t: (t.order, t.slug))), tuple(waivers))


def source_files(folder: Path) -> list[Path]:
    """Return the section's Markdown files, sorted; not READMEs, dotfiles, ``_drafts``."""
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.glob("*.md")
                  if path.name != "README.md" and not path.name.startswith((".", "_")))


def _exceptions(path: Path) -> frozenset[str]:
    return read_exceptions(path.read_text(encoding="utf-8")) if path.is_file() else frozenset()


def _read_text(text: str, rel: str, problems: list[Problem]) -> EasyReadText | None:
    """Read the metadata a listing needs; report every missing or malformed key."""
    document, found = parse_markdown(text, rel, KEYS)
    problems.extend(found)
    if document is None:
        return None
    before = len(problems)
    fields = Fields(document.meta, rel, problems)
    title = fields.text("Title", required=True)
    slug = fields.text("Slug", required=True)
    order = fields.pattern("Order", _ORDER, "(eine ganze Zahl ab 1; 1 = zuerst)")
    if "Order" not in fields.data:
        fields.error(None, "Pflichtfeld 'Order' fehlt: die Stelle in der Übersicht "
                           "(1 = zuerst).")
    fields.text("Summary", required=True)
    fields.date("Date", required=True)
    fields.date("Modified")
    if slug and check_slug(slug):
        fields.error("Slug", str(check_slug(slug)))
    fields.finish(KEYS)
    if len(problems) > before or not (title and slug and order):
        return None
    return EasyReadText(slug=slug, title=title, order=int(order), source=rel)


def _check_unique(texts: list[EasyReadText], problems: list[Problem]) -> None:
    """Two texts must not share a slug (one address) or a place in the listing."""
    for attribute, what in (("slug", "Slug"), ("order", "Order")):
        seen: dict[object, str] = {}
        for text in sorted(texts, key=lambda t: t.source):
            value = getattr(text, attribute)
            if value in seen:
                problems.append(Problem(text.source, 1, f"'{what}: {value}' hat schon "
                                                        f"{seen[value]}; bitte ändern."))
            else:
                seen[value] = text.source
