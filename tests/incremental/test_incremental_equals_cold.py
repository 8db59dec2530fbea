"""Randomised: after every edit, a warm build equals a cold build of the same tree, byte for byte.

A warm build replaces the previous output, reusing its unchanged pages by their fingerprints
(rebellab.sitebase.incremental); a cold build starts from nothing: a fresh output folder and
a fresh cache. A page whose fingerprint misses an input it is rendered from stays stale in
the warm output, and the comparison names it. Each warm build starts from the folders kept
of the output replaced before it (rebellab.sitebase.output.recycle_folders), so a folder
kept that no file needs shows as well; its pages go to forked writers in batches of
``WARM_BATCH`` while they are queued.

Edits, drawn at random: add, change, delete and rename events, profiles and posts; change a
template, a topic, a format; add a comment; let ``SITE_TODAY`` pass events. Every kind comes
once, in a random order, then random kinds up to ``EDITS``. ``INCREMENTAL_SEED`` and
``INCREMENTAL_EDITS`` replay or lengthen a run; a failure prints the seed and the edits.
"""

from __future__ import annotations

import difflib
import html
import os
import random
import re
import shutil
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from rebellab.sitebase.output import kept_folders_path
from scripts.bench.corpus import Sizes, generate
from tests.support.site import DEFAULT_TODAY, REPO, build_site

SEED = int(os.environ.get("INCREMENTAL_SEED", "2026"))
EDITS = int(os.environ.get("INCREMENTAL_EDITS", "16"))
# The warm builds hand queued pages to forked writers in small batches while generators
# still queue (rebellab.sitebase.incremental); the cold builds only at each generator's end.
WARM_BATCH = 8
# Templates an edit may change: the frame of every page, page types, shared components.
TEMPLATES = ("base.html", "article.html", "events/event.html", "events/index.html",
             "rebellen/profile.html", "rebellen/index.html", "components/event_card.html",
             "components/profile_card.html", "home.html", "themen/topic.html")


class Site:
    """A lab root with its own theme copy, the day it is built on, and a counter."""

    def __init__(self, root: Path, theme: Path) -> None:
        self.root, self.theme = root, theme
        self.today = date.fromisoformat(DEFAULT_TODAY)
        self.number = 0

    def files(self, folder: str, pattern: str) -> list[Path]:
        """Files below ``folder`` of the lab, sorted."""
        return sorted((self.root / folder).glob(pattern))

    def unreferenced(self, folder: str, pattern: str) -> list[Path]:
        """Files whose name (their slug) no other content or data file mentions."""
        texts = {path: path.read_text(encoding="utf-8") for path in self.root.rglob("*")
                 if path.suffix in {".yaml", ".md"} and path.is_file()}
        return [path for path in self.files(folder, pattern)
                if not any(path.stem in text for other, text in texts.items() if other != path)]

    def next(self) -> int:
        """A new number for names and marks."""
        self.number += 1
        return self.number


def plain(paths: list[Path], key: str) -> list[Path]:
    """The files whose ``key`` holds a plain (unquoted, one-line) YAML text to prefix."""
    return [path for path in paths
            if re.search(rf"\n{key}: [^\"'|>\n]", path.read_text(encoding="utf-8"))]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _copy(source: Path, name: str, old: str, new: str) -> Path:
    """Copy ``source`` to ``name`` beside it, with ``old`` replaced by ``new`` once."""
    target = source.with_name(name)
    shutil.copy(source, target)
    _replace(target, old, new)
    return target


def _delete(site: Site, pick: random.Random, folder: str, pattern: str) -> str:
    """Delete a file nothing else refers to."""
    path = pick.choice(site.unreferenced(folder, pattern))
    path.unlink()
    return f"delete {path.name}"


def _rename(site: Site, pick: random.Random, folder: str, pattern: str) -> str:
    """Rename a file nothing else refers to."""
    path = pick.choice(site.unreferenced(folder, pattern))
    target = path.with_name(f"{path.stem}-r{site.next()}{path.suffix}")
    path.rename(target)
    return f"rename {path.name} -> {target.name}"


def _retitle(site: Site, pick: random.Random, name: str) -> str:
    """Change the title of an entry of a data file (topics.yaml, formats.yaml)."""
    path = site.root / "data" / name
    title = pick.choice(re.findall(r"\n  title: (.+)", path.read_text(encoding="utf-8")))
    _replace(path, f"\n  title: {title}", f"\n  title: {title} {site.next()}")
    return f"{path.stem} {title}"


def add_event(site: Site, pick: random.Random) -> str:
    """Copy an event under a new name, with a new title."""
    source = pick.choice(plain(site.files("data/events", "*.yaml"), "title"))
    number = site.next()
    target = _copy(source, f"{source.stem}-neu{number}.yaml", "\ntitle: ",
                   f"\ntitle: Neu {number} – ")
    return f"add {target.name}"


def change_event(site: Site, pick: random.Random) -> str:
    """Give an event a new title, or move its start by an hour."""
    path = pick.choice(plain(site.files("data/events", "*.yaml"), "title"))
    if pick.random() < 0.5:
        _replace(path, "\ntitle: ", f"\ntitle: Geändert {site.next()} – ")
        return f"change title {path.name}"
    hour = re.compile(r"\nstart: \d{4}-\d\d-\d\d (0[1-9]|1\d|2[0-3]):")
    starts = {path: hour.search(path.read_text("utf-8"))
              for path in site.files("data/events", "*.yaml")}
    path = pick.choice([path for path, start in starts.items() if start])
    text = path.read_text(encoding="utf-8")
    start = starts[path]
    assert start is not None
    earlier = f"{int(start.group(1)) - 1:02d}"
    path.write_text(text[:start.start(1)] + earlier + text[start.end(1):], encoding="utf-8")
    return f"change start {path.name}"


def delete_event(site: Site, pick: random.Random) -> str:
    """Delete an event nothing else refers to."""
    return _delete(site, pick, "data/events", "*.yaml")


def rename_event(site: Site, pick: random.Random) -> str:
    """Rename an event file (its address follows the file name)."""
    return _rename(site, pick, "data/events", "*.yaml")


def add_profile(site: Site, pick: random.Random) -> str:
    """Copy a profile under a new name and address."""
    source = pick.choice(plain(site.files("data/rebels", "*.yaml"), "name"))
    number = site.next()
    target = _copy(source, f"neu-{number}.yaml", "\nname: ", f"\nname: Neu{number} ")
    return f"add {target.name}"


def change_profile(site: Site, pick: random.Random) -> str:
    """Give a profile a new name or a new role."""
    key = pick.choice(["name", "role"])
    path = pick.choice(plain(site.files("data/rebels", "*.yaml"), key))
    _replace(path, f"\n{key}: ", f"\n{key}: Geändert{site.next()} ")
    return f"change {key} {path.name}"


def delete_profile(site: Site, pick: random.Random) -> str:
    """Delete a profile nothing else refers to."""
    return _delete(site, pick, "data/rebels", "*.yaml")


def add_post(site: Site, pick: random.Random) -> str:
    """Copy a post with a new title (a new address) and a newer date."""
    source = pick.choice(site.files("content/blog", "*-beitrag-*.md"))
    number = site.next()
    target = _copy(source, f"{source.stem}-neu{number}.md", "Title: ", f"Title: Neu {number}: ")
    _replace(target, "Date: ", f"Date: {site.today.isoformat()} 09:{number % 60:02d}\nX-Old: ")
    return f"add {target.name}"


def change_post(site: Site, pick: random.Random) -> str:
    """Add a sentence to a post, or change its title."""
    path = pick.choice(site.files("content/blog", "*.md"))
    if pick.random() < 0.5:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"\n\nNachtrag {site.next()}: Der Beitrag wurde ergänzt.\n")
        return f"append {path.name}"
    _replace(path, "Title: ", f"Title: Geändert {site.next()}: ")
    return f"change title {path.name}"


def delete_post(site: Site, pick: random.Random) -> str:
    """Delete a synthetic post nothing else refers to."""
    return _delete(site, pick, "content/blog", "*-beitrag-*.md")


def rename_post(site: Site, pick: random.Random) -> str:
    """Rename a synthetic post file (its address follows its title, the file name not)."""
    return _rename(site, pick, "content/blog", "*-beitrag-*.md")


def change_template(site: Site, pick: random.Random) -> str:
    """Add a comment inside the body of a template in the lab's theme copy."""
    name = pick.choice(TEMPLATES)
    path = site.theme / "templates" / name
    text = path.read_text(encoding="utf-8")
    marker = pick.choice([m for m in ("{% block content %}", "{% macro ", "<main")
                          if m in text])
    _replace(path, marker, f"<!-- Änderung {site.next()} -->{marker}" if marker != "<main"
             else f"{marker} data-edit=\"{site.number}\"")
    return f"template {name}"


def change_topic(site: Site, pick: random.Random) -> str:
    """Change the title of a topic in data/topics.yaml."""
    return _retitle(site, pick, "topics.yaml")


def change_format(site: Site, pick: random.Random) -> str:
    """Change the title of an event format in data/formats.yaml (event cards show it)."""
    return _retitle(site, pick, "formats.yaml")


def add_comment(site: Site, pick: random.Random) -> str:
    """Add a comment to a post that has comments (copy one, with a new text)."""
    source = pick.choice(site.files("data/comments", "*/*.yaml"))
    number = site.next()
    day = source.stem.rsplit("-", 1)[0]  # comment files are named day-number.yaml
    target = _copy(source, f"{day}-{100 + number}.yaml", "text: |\n",
                   f"text: |\n  Neuer Kommentar {number}.\n")
    return f"comment {target.parent.name}/{target.name}"


def advance_today(site: Site, pick: random.Random) -> str:
    """Let SITE_TODAY pass some events."""
    site.today += timedelta(days=pick.randint(1, 60))
    return f"today {site.today}"


EDIT_KINDS: tuple[Callable[[Site, random.Random], str], ...] = (
    add_event, change_event, delete_event, rename_event, add_profile, change_profile,
    delete_profile, add_post, change_post, delete_post, rename_post, change_template,
    change_topic, change_format, add_comment, advance_today)


def schedule(pick: random.Random) -> list[Callable[[Site, random.Random], str]]:
    """Every kind once, in a random order, then random kinds up to ``EDITS``."""
    kinds = list(EDIT_KINDS)
    pick.shuffle(kinds)
    return (kinds + [pick.choice(EDIT_KINDS) for _ in range(EDITS)])[:max(EDITS, 1)]


def build(site: Site, output: Path, cache: Path | None = None, batch: int | None = None,
          settings: dict[str, object] | None = None) -> dict[str, tuple[bytes, int]]:
    """Build the site on its day; return every file's bytes and inode by relative path.

    Folders count too (as ``name/``, empty bytes): an empty folder left in the output
    answers differently from a missing page. ``batch``: ``WRITE_BATCH``, if not the default;
    ``settings``: further settings replaced.
    """
    overrides: dict[str, object] = {"THEME": str(site.theme), **(settings or {})}
    if batch is not None:
        overrides["WRITE_BATCH"] = batch
    if cache is not None:
        overrides["CACHE_PATH"] = str(cache)
    result = build_site(site.root, output, today=site.today.isoformat(), overrides=overrides)
    assert result.returncode == 0, result.stderr
    return {path.relative_to(output).as_posix() + "/" if path.is_dir()
            else path.relative_to(output).as_posix():
            (b"", 0) if path.is_dir() else (path.read_bytes(), path.stat().st_ino)
            for path in sorted(output.rglob("*"))}


def kept_folders_ready(output: Path) -> bool:
    """Wait until the folders of the output replaced last are kept for the next build."""
    deadline = time.monotonic() + 30
    while list(output.parent.glob(f".{output.name}.old-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    return kept_folders_path(output).is_dir()


def first_difference(name: str, warm: dict[str, tuple[bytes, int]],
                     cold: dict[str, tuple[bytes, int]]) -> str:
    """A few lines of the difference in ``name`` between the warm and the cold output."""
    lines = [(files.get(name, (b"", 0))[0]).decode("utf-8", "replace").splitlines()
             for files in (warm, cold)]
    diff = difflib.unified_diff(*lines, f"warm/{name}", f"cold/{name}", n=0, lineterm="")
    return "\n".join(list(diff)[:16])


@pytest.mark.slow
def test_warm_build_equals_cold_build_after_every_edit(tmp_path):
    root = generate(REPO, tmp_path / "lab", Sizes(14, 14, 24, 2), seed=SEED)
    shutil.copytree(REPO / "theme", tmp_path / "theme")
    site = Site(root, tmp_path / "theme")
    pick = random.Random(SEED)
    warm_output = tmp_path / "warm"
    previous = build(site, warm_output, batch=WARM_BATCH)
    history: list[str] = []
    reused_steps = 0
    for step, edit in enumerate(schedule(pick), 1):
        history.append(edit(site, pick))
        if step > 1:  # each warm build starts from the folders kept of the one before last
            assert kept_folders_ready(warm_output), f"Schritt {step}: keine Ordner behalten"
        warm = build(site, warm_output, batch=WARM_BATCH)
        cold_output = tmp_path / f"cold-{step}"
        cold = build(site, cold_output, cache=tmp_path / f"cold-cache-{step}")
        differing = sorted(name for name in warm.keys() | cold.keys()
                           if warm.get(name, (None,))[0] != cold.get(name, (None,))[0])
        assert differing == [], (f"Seed {SEED}, Schritt {step} nach {history}: "
                                 f"{len(differing)} Dateien anders, z. B. {differing[:8]}\n"
                                 + first_difference(differing[0], warm, cold))
        kept = [name for name, (_, inode) in warm.items()
                if name.endswith(".html") and previous.get(name, (b"", -1))[1] == inode]
        reused_steps += bool(kept)
        previous = warm
        shutil.rmtree(cold_output)
    # The comparison means something only if warm builds did reuse pages (a change of
    # base.html legitimately renders every page again).
    assert reused_steps >= len(history) // 2, f"nur {reused_steps} Schritte mit Wiederverwendung"


def test_comment_feeds_are_written_only_when_their_comments_change(tmp_path):
    root = generate(REPO, tmp_path / "lab", Sizes(14, 14, 24, 2), seed=SEED)
    shutil.copytree(REPO / "theme", tmp_path / "theme")
    site = Site(root, tmp_path / "theme")
    output = tmp_path / "output"
    first = build(site, output)
    feeds = sorted(name for name in first if name.startswith("feeds/kommentare"))
    assert len(feeds) > 3
    unchanged = build(site, output)
    assert [unchanged[name][1] for name in feeds] == [first[name][1] for name in feeds]
    added = add_comment(site, random.Random(SEED)).split()[1].split("/")[0]  # the post's slug
    after = build(site, output)
    written = [name for name in feeds if after[name][1] != unchanged[name][1]]
    assert written == ["feeds/kommentare.atom.xml", f"feeds/kommentare/{added}.atom.xml"]
    assert after[written[1]][0].count(b"<entry>") == unchanged[written[1]][0].count(b"<entry>") + 1


# The paginated lists: the blog's, its tags', categories' and authors', the directory's facets.
LISTS = re.compile(r"(blog/seite/|blog/index\.html$|blog/(schlagwort|kategorie|autor)/[^/]+/"
                   r"|rebellen/(thema|verwaltung|partner)/)")
POST = 10  # the post or profile edited, by its place in file name order


def _post(site: Site) -> tuple[Path, str]:
    path = site.files("content/blog", "*-beitrag-*.md")[POST]
    return path, re.findall(r"^Title: (.+)$", path.read_text(encoding="utf-8"), re.M)[0]


def _append_to_post(site: Site) -> str:
    path, title = _post(site)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n\nNachtrag: Der Beitrag wurde ergänzt.\n")
    return title


def _new_role(site: Site) -> str:
    path = plain(site.files("data/rebels", "*.yaml"), "role")[POST]
    _replace(path, "\nrole: ", "\nrole: Geändert ")
    return re.findall(r"^name: (.+)$", path.read_text(encoding="utf-8"), re.M)[0]


@pytest.mark.slow
@pytest.mark.parametrize("edit", [_append_to_post, _new_role])
def test_a_changed_post_or_profile_renders_only_the_list_pages_that_show_it(tmp_path, edit):
    """Of the paginated lists, only the pages that show the post or profile are rendered again.

    Pelican's paginator holds every post of a list, and a facet every profile: pages that
    read them (for the links to the other pages, for the number of profiles) were rendered
    again after any change to any post or profile of the list. (A new title is not edited
    here: the posts before and after it in the blog link to it, so the lists that show
    them are rendered again too, with the same bytes: rebellab.sitebase.neighbours.)
    """
    root = generate(REPO, tmp_path / "lab", Sizes(36, 4, 40, 2), seed=SEED)
    shutil.copytree(REPO / "theme", tmp_path / "theme")
    site = Site(root, tmp_path / "theme")
    output = tmp_path / "output"
    small = {"DEFAULT_PAGINATION": 3, "DIRECTORY_PER_PAGE": 3}
    build(site, output, settings=small)
    before = build(site, output, settings=small)
    lists = [name for name in before if LISTS.match(name) and name.endswith(".html")]
    shown = html.escape(edit(site), quote=False).encode()  # its title or name, as lists show it
    after = build(site, output, settings=small)
    showing = {name for name in lists if shown in before[name][0]}
    rendered = {name for name in lists if after.get(name, (b"", -1))[1] != before[name][1]}
    changed = {name for name in lists if after.get(name, (b"", -1))[0] != before[name][0]}
    assert rendered <= showing, f"{shown!r} nicht gezeigt: {sorted(rendered - showing)}"
    assert changed <= rendered
    if edit is _new_role:  # cards show the role; lists do not show a post's text
        assert changed, f"{shown!r}: keine Listenseite geändert"
    assert len(lists) > 4 * len(showing) + 20, f"{shown!r}: zu wenige Listenseiten"
