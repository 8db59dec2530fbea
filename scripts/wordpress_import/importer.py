"""The import: which items go where, under which URL, and what was left out and why."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

import pelicanconf
from rebellab.kernel.slug import slugify
from scripts.contentwriter import site_settings
from scripts.wordpress_import import comments as comment_files
from scripts.wordpress_import import markup
from scripts.wordpress_import.media import TARGET, Fetcher, Media
from scripts.wordpress_import.redirects import Redirects
from scripts.wordpress_import.writer import Writer
from scripts.wordpress_import.wxr import Export, Item, plain_text

_STATUS = {"draft": "Entwurf", "pending": "wartet auf Freigabe", "private": "privat",
           "future": "geplant (noch nicht veröffentlicht)", "trash": "im Papierkorb",
           "auto-draft": "automatischer Entwurf"}
KIND = {"post": "Beitrag", "page": "Seite"}
DEFAULT_CATEGORY = "Allgemein"
# Folders the build fills besides the URL settings' own: Pelican's theme files and the
# search bundle.
_BUILD_FOLDERS = frozenset({"theme", "pagefind"})


def reserved_page_slugs(settings: dict[str, Any]) -> frozenset[str]:
    """Return the first path segments of the site's own pages and files.

    They come from every ``*_URL``/``*_SAVE_AS`` and feed setting and the static folders: an
    imported page with such a slug would overwrite a section's index page.
    """
    segments = set(_BUILD_FOLDERS) | set(settings.get("STATIC_PATHS", ()))
    for key, value in settings.items():
        if (key.endswith(("_URL", "_SAVE_AS", "_ATOM", "_RSS")) and isinstance(value, str)
                and "/" in value and "://" not in value and not value.startswith("{")):
            segments.add(value.split("/", 1)[0])
    return frozenset(segments)
_MARKUP = re.compile(r"<[a-zA-Z/][^>]*>")


def make_slug(text: str) -> str:
    """Slug with the site's one slug function (Pelican's slugify with the site's rules)."""
    return slugify(text, site_settings())


@dataclass
class Entry:
    """One report line: an item (or file) and what happened to it."""

    label: str
    reason: str


@dataclass
class Result:
    """Everything the report needs."""

    counts: dict[str, int] = field(default_factory=dict)
    skipped: list[Entry] = field(default_factory=list)
    degraded: list[Entry] = field(default_factory=list)
    kept: list[Entry] = field(default_factory=list)
    outcomes: dict[str, str] = field(default_factory=dict)
    manifest: str = ""
    redirects_added: int = 0

    def count(self, key: str, by: int = 1) -> None:
        """Add to one of the counters."""
        self.counts[key] = self.counts.get(key, 0) + by


@dataclass
class Planned:
    """A post or page that will be written: its item, slug, file and new URL."""

    item: Item
    title: str
    slug: str
    rel: str
    url: str


def _label(item: Item, title: str = "") -> str:
    name = title or plain_text(item.title) or "(ohne Titel)"
    return f"{KIND.get(item.post_type, item.post_type)} {item.post_id} „{name}“"


def _skip_reason(item: Item) -> str | None:
    if item.password.strip():
        return "passwortgeschützt"
    if item.status != "publish":
        return _STATUS.get(item.status, f"Status „{item.status}“")
    if item.date is None:
        return "ohne Veröffentlichungsdatum"
    return None


def _fallback_title(item: Item) -> str:
    words = plain_text(re.sub(r"<!--.*?-->|\[[^\]]*\]", " ", item.content)).split()
    if words:
        return " ".join(words[:8]) + (" …" if len(words) > 8 else "")
    assert item.date is not None
    return f"Beitrag vom {item.date:%d.%m.%Y}"


def _header_values(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text(encoding="utf-8-sig", errors="replace").splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        values[key.strip().lower()] = value.strip()
    return values


def existing_slugs(root: Path, folder: str, own: set[str]) -> dict[str, str]:
    """Map slugs (with the year for posts) to files the import did not write."""
    found = {}
    for path in sorted((root / "content" / folder).glob("*.md")):
        rel = path.relative_to(root).as_posix()
        if rel in own or path.name == "README.md":
            continue
        values = _header_values(path)
        slug = values.get("slug") or make_slug(values.get("title", path.stem))
        year = values.get("date", "")[:4]
        found[f"{year}/{slug}" if folder == "blog" else slug] = rel
    return found


class Importer:
    """Plan, convert and write one export into a lab root."""

    def __init__(self, export: Export, root: Path, *, media: Path | None, download: bool,
                 fetcher: Fetcher | None = None) -> None:
        self.export, self.root = export, root
        self.result = Result()
        self.writer = Writer(root)
        names = {urlsplit(url).hostname for url in (export.blog_url, export.site_url)}
        names.discard("wordpress.com")  # base_site_url of every WordPress.com blog
        # Old posts link to the blog with and without "www." (and http or https).
        bare = {host.removeprefix("www.") for host in names if host}
        self.hosts = bare | {f"www.{host}" for host in bare}
        self.media = Media(self.writer, self.hosts, export.blog_url, media,
                           (fetcher or Fetcher()) if download else None)
        self.planned: list[Planned] = []
        self.by_path: dict[str, str] = {}
        self.by_id: dict[str, str] = {}
        self.redirects = Redirects(root)
        self.attachments: dict[str, tuple[str, str]] = {}
        self.children: dict[str, list[str]] = {}
        for other in export.items:
            if other.post_type == "attachment" and other.attachment_url:
                alt = other.meta.get("_wp_attachment_image_alt", "") or plain_text(other.title)
                self.attachments[other.post_id] = (other.attachment_url, alt)
                self.children.setdefault(other.parent, []).append(other.post_id)

    # -- planning ---------------------------------------------------------------------
    def plan(self) -> None:
        """Decide for every item: imported (with slug, file, URL) or skipped with a reason."""
        own = set(self.writer.manifest)
        posts = existing_slugs(self.root, "blog", own)
        pages = existing_slugs(self.root, "pages", own)
        for slug in sorted(reserved_page_slugs(site_settings())):
            pages.setdefault(slug, f"dem Bereich /{slug}/ der Website")
        taken: set[tuple[str, str]] = set()
        for item in self.export.items:
            if item.post_type not in KIND:
                if item.post_type != "attachment":
                    self.result.count(f"übersprungen: Typ {item.post_type}")
                continue
            reason = _skip_reason(item)
            if reason:
                self.result.skipped.append(Entry(_label(item), reason))
                continue
            planned = self._place(item, posts, pages, taken)
            if planned:
                self.planned.append(planned)

    def _title(self, item: Item) -> str:
        """Plain-text title; a made-up one for empty titles (both listed in the report)."""
        title = plain_text(item.title)
        if not title:
            title = _fallback_title(item)
            self.result.degraded.append(Entry(_label(item, title),
                                              "ohne Titel; Titel aus dem Text gebildet"))
        elif _MARKUP.search(item.title):
            self.result.degraded.append(Entry(_label(item, title),
                                              "Titel enthielt HTML; als reiner Text übernommen"))
        return title

    def _place(self, item: Item, posts: dict[str, str], pages: dict[str, str],
               taken: set[tuple[str, str]]) -> Planned | None:
        title = self._title(item)
        slug = make_slug(unquote(item.name)) or make_slug(title) or f"beitrag-{item.post_id}"
        key, rel, url = _address(item, slug)
        clash = (posts if item.post_type == "post" else pages).get(key)
        if clash or (item.post_type, key) in taken:
            where = f"gehört schon zu {clash}" if clash else "doppelt im Export"
            self.result.skipped.append(Entry(_label(item, title), f"Adresse {url} {where}"))
            return None
        taken.add((item.post_type, key))
        planned = Planned(item, title, slug, rel, url)
        self.by_id[item.post_id] = url
        old = _old_path(item.link)
        if old:
            self.by_path[old] = url
        return planned

    # -- links --------------------------------------------------------------------------
    def resolve_link(self, href: str) -> str | None:
        """Return the new URL of an old link to an imported post or page (path or ?p=ID)."""
        absolute = urljoin(self.export.blog_url + "/", href)
        parts = urlsplit(absolute)
        if (parts.hostname or "") not in self.hosts or parts.scheme not in ("http", "https"):
            return None
        query = parse_qs(parts.query)
        for key in ("p", "page_id"):
            if query.get(key) and query[key][0] in self.by_id:
                return self.by_id[query[key][0]] + (f"#{parts.fragment}" if parts.fragment
                                                    else "")
        path = _old_path(absolute)
        new = self.by_path.get(path or "") or self._paged(path or "")
        return new + (f"#{parts.fragment}" if parts.fragment else "") if new else None

    def _paged(self, path: str) -> str | None:
        match = re.match(r"^(.*/)\d+/$", path)
        return self.by_path.get(match.group(1)) if match else None

    def context(self) -> markup.Context:
        """Make a fresh conversion context (its notes belong to one item)."""
        return markup.Context(self.resolve_link, self.media.resolve, self.attachments,
                              self.children, old_site=self.old_site)

    def old_site(self, href: str) -> bool:
        """Tell whether a link points to a page of the old blog (it breaks when that goes)."""
        parts = urlsplit(urljoin(self.export.blog_url + "/", href))
        # Upload files that could not be had are listed as files already.
        return (parts.hostname or "") in self.hosts and self.media.upload_path(href) is None

    # -- writing ------------------------------------------------------------------------
    def run(self) -> Result:
        """Plan, then write posts, pages, comments, media, redirects and the manifest."""
        self.plan()
        for planned in self.planned:
            self._write_item(planned)
        self._attachment_redirects()
        self.result.redirects_added = self.redirects.save()
        for url, reason in sorted(self.media.failures.items()):
            self.result.degraded.append(Entry(f"Datei {url}", reason))
        self.result.count("Dateien aus dem Medienordner oder geladen",
                          sum(1 for rel in self.media.files if rel in self.writer.manifest))
        self.writer.save()
        self.result.outcomes = dict(self.writer.outcomes)
        self.result.manifest = self.writer.path.relative_to(self.root).as_posix()
        return self.result

    def _write_item(self, planned: Planned) -> None:
        item, context = planned.item, self.context()
        body, pages = markup.post_markdown(item.content, context, item.post_id)
        text = render_item(planned, self._metadata(planned, context), body)
        self._record(planned.rel, self.writer.write_text(planned.rel, text), planned)
        self.result.count("Beiträge" if item.post_type == "post" else "Seiten")
        old = _old_path(item.link)
        if old:
            self.redirects.add(old, planned.url)
            for number in range(2, pages + 1):
                self.redirects.add(f"{old}{number}/", planned.url)
        self._note_losses(item, pages, context)
        self._write_comments(planned, context)
        for note in context.notes:
            self.result.degraded.append(Entry(_label(item, planned.title), note))

    def _note_losses(self, item: Item, pages: int, context: markup.Context) -> None:
        """Note what the post loses: page breaks, its emptiness, a featured image."""
        if pages > 1:
            context.note(f"{pages} Seiten (<!--nextpage-->) zu einer zusammengefügt")
        if not item.content.strip():
            context.note("ohne Inhalt")
        thumbnail = self.attachments.get(item.meta.get("_thumbnail_id", ""))
        if thumbnail and thumbnail[0].rsplit("/", 1)[-1].rsplit(".", 1)[0] not in item.content:
            context.note(f"Beitragsbild nicht übernommen (hier gibt es keins): {thumbnail[0]}")

    def _metadata(self, planned: Planned, context: markup.Context) -> dict[str, str]:
        item = planned.item
        assert item.date is not None  # undated items are skipped (_skip_reason)
        values = {"title": planned.title, "date": berlin(item.date),
                  "summary": _summary(item, context), "slug": planned.slug}
        if item.post_type == "post":
            values.update(_taxonomy(item, context))
            values["authors"] = self.export.authors.get(item.creator, item.creator)
            if item.creator and item.creator not in self.export.authors:
                context.note(f"Autor*in „{item.creator}“ fehlt im Export; Anmeldename übernommen")
        return values

    def _record(self, rel: str, outcome: str, planned: Planned) -> None:
        if outcome in ("bearbeitet", "fremd"):
            why = ("seit dem letzten Import bearbeitet" if outcome == "bearbeitet"
                   else "Datei gab es schon, nicht vom Import angelegt")
            self.result.kept.append(Entry(f"{rel} ({_label(planned.item, planned.title)})",
                                          f"{why}; nicht überschrieben"))

    def _write_comments(self, planned: Planned, context: markup.Context) -> None:
        files, notes = comment_files.comment_files(planned.item.comments, context)
        for note in notes:
            context.note(note)
        for comment in files:
            rel = f"{comment_files.FOLDER}/{planned.slug}/{comment.key}.yaml"
            self._record(rel, self.writer.write_text(rel, comment.text), planned)
        self.result.count("Kommentare", len(files))
        self.result.count("Kommentare übersprungen", len(planned.item.comments) - len(files))

    def _attachment_redirects(self) -> None:
        """Redirect attachment pages of imported files to the file itself."""
        for item in self.export.items:
            if item.post_type != "attachment" or not item.attachment_url:
                continue
            rel, old = self.media.upload_path(item.attachment_url), _old_path(item.link)
            target = f"{TARGET}/{rel}"
            if rel and old and target in self.writer.outcomes and \
                    self.media.upload_path(item.link) is None:
                self.redirects.add(old, "/" + target.removeprefix("content/"))


def render_item(planned: Planned, values: dict[str, str], body: str) -> str:
    """Render the house format: Pelican metadata, a blank line, the text."""
    keys: tuple[tuple[str, str], ...] = (
        ("Title", "title"), ("Date", "date"), ("Category", "category"), ("Tags", "tags"),
        ("Authors", "authors"), ("Summary", "summary"), ("Slug", "slug"))
    if planned.item.post_type == "page":
        keys = (("Title", "title"), ("Slug", "slug"), ("Summary", "summary"))
    header = "".join(f"{label}: {values[key]}\n" for label, key in keys if values.get(key))
    return header + "\n" + (body.strip() + "\n" if body.strip() else "")


def _summary(item: Item, context: markup.Context) -> str:
    """Summary from the excerpt, else from the teaser before ``<!--more-->``, else none."""
    if item.excerpt.strip():
        return markup.summary_markdown(item.excerpt, context, item.post_id)
    teaser = markup.split_more(item.content)[1]
    return markup.summary_markdown(teaser, context, item.post_id) if teaser else ""


def _taxonomy(item: Item, context: markup.Context) -> dict[str, str]:
    """Category (the first one) and tags (the other categories, then the tags)."""
    categories = [t.name for t in item.terms if t.domain == "category" and t.name.strip()]
    tags = [t.name for t in item.terms if t.domain == "post_tag" and t.name.strip()]
    if len(categories) > 1:
        context.note("weitere Kategorien als Schlagwörter übernommen: "
                     + ", ".join(plain_text(name) for name in categories[1:]))
    extra = [plain_text(name) for name in categories[1:] + tags]
    if any("," in name for name in extra):
        context.note("Komma im Schlagwort entfernt (Pelican trennt Schlagwörter daran)")
    names = dict.fromkeys(" ".join(name.replace(",", " ").split()) for name in extra if name)
    return {"category": plain_text(categories[0]) if categories else DEFAULT_CATEGORY,
            "tags": ", ".join(names)}


def _address(item: Item, slug: str) -> tuple[str, str, str]:
    """(clash key, file, URL) of a post or page; the URL from pelicanconf's scheme."""
    assert item.date is not None
    if item.post_type == "post":
        url = "/" + pelicanconf.ARTICLE_URL.format(date=item.date, slug=slug)
        return f"{item.date:%Y}/{slug}", f"content/blog/{item.date:%Y-%m}-{slug}.md", url
    return slug, f"content/pages/{slug}.md", "/" + pelicanconf.PAGE_URL.format(slug=slug)


def _old_path(link: str) -> str | None:
    """Return an old permalink's path with a trailing slash; None for ?p=1 links."""
    parts = urlsplit(link)
    if not parts.path or parts.query:
        return None
    path = unquote(parts.path)
    return path if path.endswith("/") or "." in path.rsplit("/", 1)[-1] else path + "/"


def berlin(value: datetime) -> str:
    """Format ``YYYY-MM-DD HH:MM`` as Pelican reads it with TIMEZONE Europe/Berlin."""
    return f"{value:%Y-%m-%d %H:%M}"
