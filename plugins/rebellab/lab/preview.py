"""``make serve``'s preview: a changed post, page, event, profile or template in a second.

A warm build of the big lab takes about 16 s: Pelican reads and places every page again
(issue 15). So the build that ``make serve`` runs leaves a process behind, the *holder*,
forked from the Pelican process once all pages are written: it keeps that build's site
model. When a file changes, ``scripts/serve.py`` first asks the holder for a preview; the
holder reads the changed file as the build would (same checks, same reader, same model
code), renders only that file's own pages from the model it holds into the served folder,
and answers with their addresses. The full build follows at once and replaces the site with
a complete one, byte for byte what a cold build makes; its holder then takes over.

A changed template is previewed on the pages the browser asked for last (serve.py tells
which): each is written again by the call that wrote it in the build, with the templates
read afresh. Hugo's server, in its "fast render mode", likewise renders only the pages
being viewed.

Until the full build is in, a preview shows those pages only: lists, feeds, calendars, the
search and the pages that mention the changed file (a post's neighbours, an event's hosts)
show the last build. A new, renamed or deleted file, a file with problems, a changed
address, style sheets, settings and plugins get no preview: the full build shows them (and
reports the problems).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from pelican import signals
from pelican.contents import Article, Page
from pelican.readers import SkipStub

from rebellab.events.history import file_revision, git_revisions
from rebellab.kernel.files import PELICAN_MARKDOWN_SUFFIXES, YAML_SUFFIXES
from rebellab.kernel.problems import format_problems
from rebellab.lab.load import markdown_problems, reload_record
from rebellab.sitebase.incremental import WRITES, IncrementalWriter
from rebellab.sitebase.plugin import page_path

SETTING = "PREVIEW_SOCKET"  # set by scripts/build.py --preview-socket
HOLDER_NAME = "rebellab-hold"  # as ps shows the holder (Linux keeps 15 characters)
# The holder waits this long for serve.py to take it over (the build's index and swap come
# first), then ends: a build whose result was not swapped in leaves no process behind.
ADOPT_SECONDS = 300
# Set on a post by Pelican's generators or our plugins after reading; a preview's freshly
# read post takes them from the post it replaces (rebellab.sitebase.neighbours).
KEPT_ATTRIBUTES = ("neighbours", "translations")

# The generators of the running build, kept for the holder (``all_generators_finalized``).
GENERATORS: list[Any] = []


class NoPreview(Exception):
    """The changed file gets no preview; the full build shows it. The message says why."""


def keep_generators(generators: list[Any]) -> None:
    """``all_generators_finalized`` receiver: keep the generators when a holder will follow."""
    if generators and generators[0].settings.get(SETTING):
        GENERATORS[:] = generators


def start_holder(settings: dict[str, Any]) -> None:
    """Fork the holder, listening on ``PREVIEW_SOCKET``; return at once in this process.

    Called by the build's Pelican process after its pages are written. The socket is bound
    here, before this process reports success, so serve.py can connect as soon as it knows.
    """
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(settings[SETTING])
        listener.listen(1)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
    except OSError as error:  # the build itself is fine; serve.py then shows no previews
        listener.close()
        print(f"Keine Vorschau möglich: {error}", file=sys.stderr)
        return
    if pid:
        listener.close()
        return
    status = 1
    try:
        _detach()
        Holder(GENERATORS, Path(settings["PREVIOUS_OUTPUT_PATH"])).serve(listener)
        status = 0
    finally:
        os._exit(status)  # never back into the build's code


def _detach() -> None:
    """Leave the build's session (Ctrl+C and its group's kill do not reach it); no output.

    It ends when serve.py closes the connection or dies; its answers carry all it has to say.
    """
    os.setsid()
    Path("/proc/self/comm").write_text(HOLDER_NAME, encoding="utf-8")
    null = os.open(os.devnull, os.O_RDWR)
    for descriptor in (0, 1, 2):
        os.dup2(null, descriptor)
    os.close(null)


class Holder:
    """The site model of one build, rendering previews into the served folder."""

    def __init__(self, generators: list[Any], output: Path) -> None:
        self.generators = {type(generator).__name__: generator for generator in generators}
        self.output = output
        some = generators[0]
        self.settings = some.settings
        self.context = some.context
        self.root = Path(self.settings["DATA_PATH"]).resolve().parent

    def serve(self, listener: socket.socket) -> None:
        """Answer one request per line of the connection serve.py makes, until it closes."""
        listener.settimeout(ADOPT_SECONDS)
        try:
            connection, _ = listener.accept()
        except TimeoutError:
            return
        finally:
            listener.close()
        connection.settimeout(None)
        with connection, connection.makefile("rwb") as stream:
            for line in stream:
                answer = self.answer(json.loads(line))
                stream.write(json.dumps(answer).encode("utf-8") + b"\n")
                stream.flush()

    def answer(self, request: dict[str, Any]) -> dict[str, Any]:
        """Preview every changed file of ``request``; the pages written or why not, per file.

        ``viewed`` names the addresses the browser asked for last (newest first): a changed
        template is previewed on those of them that the build rendered from a template.
        """
        started = time.perf_counter()
        files = []
        viewed = [str(address) for address in request.get("viewed", ())]
        for name in request.get("changed", ()):
            try:
                files.append({"path": name, "pages": self.preview(Path(name), viewed)})
            except NoPreview as reason:
                files.append({"path": name, "reason": str(reason)})
            except Exception as error:  # a preview must never stop the holder
                files.append({"path": name, "reason": f"{type(error).__name__}: {error}",
                              "trace": traceback.format_exc()})
        return {"files": files, "seconds": round(time.perf_counter() - started, 3)}

    def preview(self, path: Path, viewed: Sequence[str] = ()) -> list[str]:
        """Render the pages of the changed file ``path``; their addresses (``/blog/…/``)."""
        kind = self._kind(path)
        if not path.is_file():
            raise NoPreview("gelöscht oder umbenannt")
        writer = PreviewWriter(str(self.output), self.settings)
        if kind == "template":
            self._reload_templates()
            for shown in viewed:
                self._rewrite(shown, writer)
        elif kind == "markdown":
            self._pelican_content(path, writer)
        elif kind == "events":
            # Outside Git a changed file's revision is its new modification time (events.history).
            revision = file_revision(path, git_revisions(path.parent))
            self.generators["EventsGenerator"].write_event(writer, self._record(path), revision)
        else:
            self.generators["DirectoryGenerator"].write_profile(writer, self._record(path))
        return ["/" + page_path(name) for name in writer.written if name.endswith(".html")]

    def _kind(self, path: Path) -> str:
        """Tell which kind of file ``path`` is: a post or page, an event, a profile, a template."""
        data = Path(self.settings["DATA_PATH"]).resolve()
        suffix = path.suffix.lower()
        if path.parent in (data / "events", data / "rebels") and suffix in YAML_SUFFIXES:
            return path.parent.name
        templates = Path(self.settings["THEME"]).resolve() / "templates"
        if suffix == ".html" and path.is_relative_to(templates):
            return "template"
        content = Path(self.settings["PATH"]).resolve()
        folders = [content / folder for setting in ("ARTICLE_PATHS", "PAGE_PATHS")
                   for folder in self.settings[setting]]
        if suffix in PELICAN_MARKDOWN_SUFFIXES and any(map(path.is_relative_to, folders)):
            return "markdown"
        raise NoPreview("keine Vorschau für diese Art Datei")

    def _record(self, path: Path) -> Any:
        """Read and check the event or profile in ``path``; it must be one the build has."""
        lab = self.context["lab"]
        record, problems = reload_record(lab, path, self.settings, self.context["today"])
        if problems or record is None:
            raise NoPreview(format_problems(problems) if problems else "nicht lesbar")
        known = lab.events if path.parent.name == "events" else lab.profiles
        if all(other.slug != record.slug for other in known):
            raise NoPreview("neu; erscheint mit dem Build")
        return record

    def _pelican_content(self, path: Path, writer: PreviewWriter) -> None:
        """Read a post or page as Pelican's generator does and write it as it does."""
        problems = markdown_problems(self.root, path, self.settings)
        if problems:
            raise NoPreview(format_problems(problems))
        for generator, content_class, write in self._pelican_kinds():
            old = next((item for item in _contents(generator)
                        if item.source_path == str(path)), None)
            if old is None:
                continue
            new = self._read(generator, path, content_class)
            if isinstance(new, SkipStub) or not new.is_valid():
                raise NoPreview("von Pelican nicht übernommen")
            if (new.status, new.save_as, new.url) != (old.status, old.save_as, old.url):
                raise NoPreview("Status oder Adresse geändert; erscheint mit dem Build")
            for name in KEPT_ATTRIBUTES:
                if hasattr(old, name):
                    setattr(new, name, getattr(old, name))
            new.refresh_metadata_intersite_links()
            write(generator, new, writer)
            return
        raise NoPreview("neu; erscheint mit dem Build")

    def _reload_templates(self) -> None:
        """Forget the compiled templates: the next page reads them from the theme again.

        ``auto_reload`` is off in pelicanconf.py, so Jinja would keep the old ones.
        """
        for generator in self.generators.values():
            if getattr(generator, "env", None) is not None and generator.env.cache:
                generator.env.cache.clear()

    def _rewrite(self, address: str, writer: PreviewWriter) -> None:
        """Write the page at ``address`` again as the build wrote it, with fresh templates."""
        name = address.lstrip("/") + ("index.html" if address.endswith("/") else "")
        call = WRITES.get(name)
        if call is None:  # not a page the build rendered from a template
            return
        first_name, template, context, args, kwargs = call
        if template.name is None:
            return
        fresh = template.environment.get_template(template.name)
        writer.write_file(first_name, fresh, context, *args, **kwargs)

    def _pelican_kinds(self) -> Iterator[tuple[Any, type, Callable[..., None]]]:
        yield self.generators["ArticlesGenerator"], Article, _write_article
        yield self.generators["PagesGenerator"], Page, _write_page

    @staticmethod
    def _read(generator: Any, path: Path, content_class: type) -> Any:
        kind = "article" if content_class is Article else "page"
        return generator.readers.read_file(
            base_path=generator.path, path=os.path.relpath(path, generator.path),
            content_class=content_class, context=generator.context,
            preread_signal=getattr(signals, f"{kind}_generator_preread"),
            preread_sender=generator,
            context_signal=getattr(signals, f"{kind}_generator_context"),
            context_sender=generator)


def _contents(generator: Any) -> Iterator[Any]:
    """Every post or page the generator read, in any status and language."""
    for name in ("articles", "translations", "hidden_articles", "hidden_translations",
                 "drafts", "drafts_translations", "pages", "hidden_pages",
                 "draft_pages", "draft_translations"):
        yield from getattr(generator, name, ())


def _write_article(generator: Any, article: Any, writer: Any) -> None:
    """As ``ArticlesGenerator.generate_articles`` writes one post (Pelican 4.12)."""
    writer.write_file(
        article.save_as, generator.get_template(article.template), generator.context,
        article=article, category=getattr(article, "category", None),
        override_output=hasattr(article, "override_save_as"), url=article.url, blog=True,
        relative_urls=generator.settings["RELATIVE_URLS"])


def _write_page(generator: Any, page: Any, writer: Any) -> None:
    """As ``PagesGenerator.generate_output`` writes one page (Pelican 4.12)."""
    writer.write_file(
        page.save_as, generator.get_template(page.template), generator.context, page=page,
        relative_urls=generator.settings["RELATIVE_URLS"],
        override_output=hasattr(page, "override_save_as"), url=page.url)


class PreviewWriter(IncrementalWriter):
    """The build's writer (lazy values, feeds) writing into the served folder, whole files.

    Without a previous output (``PREVIOUS_OUTPUT_PATH``) nothing is linked or fingerprinted.
    """

    def __init__(self, output_path: str, settings: dict[str, Any]) -> None:
        super().__init__(output_path, settings={**settings, "PREVIOUS_OUTPUT_PATH": None,
                                                 SETTING: None})
        self.written: list[str] = []

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        self.written.append(os.path.relpath(filename, self.output_path))
        return _replacing(filename, encoding)


@contextlib.contextmanager
def _replacing(path: str, encoding: str) -> Iterator[IO[str]]:
    """Write ``path`` under a temporary name and rename it over the file when complete.

    The server may be sending the file meanwhile: it never sends half a page. The new file
    (a new inode) also shows the next build that the page changed outside of it, so that
    build renders it again instead of linking it (rebellab.sitebase.incremental).
    """
    descriptor, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".vorschau-")
    try:
        with open(descriptor, "w", encoding=encoding) as handle:
            yield handle
        if os.path.exists(path):
            shutil.copymode(path, temporary)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise

