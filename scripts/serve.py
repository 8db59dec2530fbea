"""Build the site, serve it on http://localhost:8000 and rebuild on every change: ``make serve``.

Watches content/ and data/ (of the lab root), the theme, plugins/ and the settings. Each
rebuild runs ``scripts/build.py`` in a fresh process (so changed plugin code is picked up);
it builds into output.new and swaps, so the server always shows a complete site. A failed
rebuild prints the problems and the last good site stays online.

Before each rebuild, a changed post, page, event or profile is previewed: the process the
last build left behind with its site model renders that file's own pages into the served
folder within about a second (rebellab.lab.preview); a changed template, the pages the
browser asked for last. The rebuild then replaces them with the complete site.

    python scripts/serve.py [--port 8000] [--search] [--root DIR] [--output DIR]
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

REPO = Path(__file__).resolve().parent.parent


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")),
                        help="Port (Standard 8000; 0 = ein freier Port)")
    parser.add_argument("--host", default="127.0.0.1", help="Adresse (Standard 127.0.0.1)")
    parser.add_argument("--search", action="store_true",
                        help="auch den Suchindex (Pagefind) bauen; langsamer")
    parser.add_argument("--root", default=os.environ.get("LAB_ROOT", str(REPO)),
                        help="Ordner mit content/ und data/ (Standard: das Repository)")
    parser.add_argument("--output", default=str(REPO / "output"))
    parser.add_argument("--settings", default=str(REPO / "pelicanconf.py"))
    return parser.parse_args(argv)


# Text the site's host (GitHub Pages) sends gzip-compressed to browsers that accept it.
# Pagefind's index files and the vocabulary are gzip files already and go as they are.
COMPRESSED_TYPES = frozenset({
    "text/html", "text/css", "text/javascript", "application/javascript", "application/json",
    "application/manifest+json", "application/ld+json", "image/svg+xml", "application/xml",
    "application/atom+xml", "application/rss+xml", "application/x-rss+xml", "text/calendar",
    "text/plain", "text/csv", "text/vcard"})


def accepts_gzip(header: str | None) -> bool:
    """Whether an ``Accept-Encoding`` header admits gzip (``gzip;q=0`` refuses it)."""
    qualities = {}
    for coding in (header or "").split(","):
        name, _, parameters = coding.partition(";")
        value = parameters.strip().lower().removeprefix("q=").strip() if parameters else "1"
        try:
            qualities[name.strip().lower()] = float(value)
        except ValueError:
            qualities[name.strip().lower()] = 0.0
    return qualities.get("gzip", qualities.get("*", 0.0)) > 0


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder as it is at the moment of each request.

    The folder is looked up by name per request, so the folder swapped in by a rebuild is
    served at once. Unknown paths get the site's own 404 page, as on the real host, and
    text is sent gzip-compressed as the host sends it (``make bench`` measures the search's
    transfer through this server). The pages asked for are noted for the preview of a
    changed template.
    """

    server: SiteServer

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        """Send the headers of a file; text compressed when the browser accepts gzip."""
        path = self.translate_path(self.path)
        address = urllib.parse.urlsplit(self.path).path
        if os.path.isdir(path) and address.endswith("/"):
            path = os.path.join(path, "index.html")
        content_type = self.guess_type(path)
        if content_type == "text/html" and os.path.isfile(path):
            self.server.note_viewed(urllib.parse.unquote(address))
        if (content_type not in COMPRESSED_TYPES or not os.path.isfile(path)
                or not accepts_gzip(self.headers.get("Accept-Encoding"))):
            return super().send_head()  # directories' redirects, 404s, binary files
        try:
            with open(path, "rb") as source:
                modified = os.fstat(source.fileno()).st_mtime
                body = gzip.compress(source.read(), compresslevel=6, mtime=0)
        except OSError:  # swapped away by a rebuild just now: answer as for any path
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(modified))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        """Ask browsers to revalidate, so a reload shows the latest build."""
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        """Answer 404 with the site's 404 page; other errors as usual."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep the terminal for build messages, not one line per request."""


class SiteServer(http.server.ThreadingHTTPServer):
    """Threaded server; restarting right after Ctrl+C may reuse the port."""

    allow_reuse_address = True
    daemon_threads = True
    VIEWED = 4  # pages a changed template is previewed on: those asked for last

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.viewed: collections.deque[str] = collections.deque(maxlen=self.VIEWED)
        self.viewed_lock = threading.Lock()

    def note_viewed(self, address: str) -> None:
        """Note a page asked for, newest first and each once."""
        with self.viewed_lock:
            if address in self.viewed:
                self.viewed.remove(address)
            self.viewed.appendleft(address)

    def last_viewed(self) -> list[str]:
        """Return the pages asked for last, newest first."""
        with self.viewed_lock:
            return list(self.viewed)


def start_server(output: Path, host: str, port: int) -> SiteServer:
    """Serve ``output`` in a background thread; return the running server."""
    handler = functools.partial(SiteHandler, directory=str(output))
    server = SiteServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class Preview:
    """The connection to the site model the last build left behind (its *holder*).

    Each build gets a new socket path below ``folder``; when the build has been swapped in,
    its holder is taken over and the previous one let go (it ends when its connection
    closes; rebellab.lab.preview).
    """

    TIMEOUT = 30.0  # seconds for one preview; a holder that takes longer is let go

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.builds = 0
        self.stream: io.BufferedRWPair | None = None
        self.connection: socket.socket | None = None

    def next_socket(self) -> str:
        """Where the next build's holder is to listen."""
        self.builds += 1
        return str(self.folder / f"modell-{self.builds}.sock")

    def adopt(self, path: str, swapped: bool) -> None:
        """Take over the holder at ``path`` when its build was swapped in, else let it go."""
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.settimeout(self.TIMEOUT)
        try:
            connection.connect(path)
        except OSError:  # the build failed before its holder started
            connection.close()
            return
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
        if not swapped:
            connection.close()
            return
        self.close()
        self.connection, self.stream = connection, connection.makefile("rwb")

    def show(self, paths: list[str], viewed: list[str]) -> None:
        """Preview the changed files (a template on the ``viewed`` pages); print the pages."""
        if self.stream is None or not paths:
            return
        started = time.perf_counter()
        request = {"changed": paths, "viewed": viewed}
        try:
            self.stream.write(json.dumps(request).encode("utf-8") + b"\n")
            self.stream.flush()
            answer = json.loads(self.stream.readline() or b"null")
        except (OSError, ValueError):
            answer = None
        if not isinstance(answer, dict):
            self.close()  # the holder is gone or stuck: the builds go on without previews
            return
        elapsed = time.perf_counter() - started
        pages = [page for item in answer["files"] for page in item.get("pages", ())]
        for item in answer["files"]:
            if "trace" in item:  # a fault of the preview, not of the content
                print(f"Vorschau fehlgeschlagen für {item['path']}:\n{item['trace']}",
                      file=sys.stderr, flush=True)
        if pages:
            shown = ", ".join(pages[:3]) + (f" und {len(pages) - 3} weitere"
                                             if len(pages) > 3 else "")
            print(f"[{time.strftime('%H:%M:%S')}] Vorschau nach {elapsed:.2f} s: {shown} "
                  "(Listen, Feeds und Suche folgen mit dem Build)", flush=True)

    def close(self) -> None:
        """Let the current holder go."""
        for part in (self.stream, self.connection):
            if part is not None:
                with contextlib.suppress(OSError):
                    part.close()
        self.stream = self.connection = None


def build(args: argparse.Namespace, preview: Preview | None = None) -> bool:
    """Run ``scripts/build.py`` once; its problems go straight to the terminal."""
    command = [sys.executable, str(REPO / "scripts" / "build.py"), "--root", args.root,
               "--output", args.output, "--settings", args.settings, "--quiet"]
    if not args.search:
        command.append("--no-search")
    holder = preview.next_socket() if preview is not None else None
    if holder is not None:
        command += ["--preview-socket", holder]
    started = time.perf_counter()
    result = subprocess.run(command, check=False, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    if preview is not None and holder is not None:
        preview.adopt(holder, swapped=result.returncode == 0)
    if result.returncode == 0:
        print(f"[{time.strftime('%H:%M:%S')}] Gebaut in {elapsed:.1f} s.", flush=True)
        return True
    print(f"[{time.strftime('%H:%M:%S')}] Build fehlgeschlagen ({elapsed:.1f} s); "
          "die letzte funktionierende Fassung bleibt online.", flush=True)
    return False


def watched_paths(root: Path, settings_file: Path) -> list[Path]:
    """Everything a rebuild depends on: the lab, the settings' theme, plugins, settings."""
    from pelican.settings import read_settings

    theme = Path(read_settings(str(settings_file))["THEME"]).resolve()
    paths = [root / "content", root / "data", theme, REPO / "plugins", REPO / "pelicanconf.py",
             settings_file.resolve()]
    return sorted({path for path in paths if path.exists()})


def describe(changes: Iterable[tuple[object, str]], root: Path) -> str:
    """Name the changed files briefly, relative to the lab root or the repository."""
    names = []
    for path in sorted({path for _, path in changes}):  # a file added and deleted: once
        resolved = Path(path)
        base = root if resolved.is_relative_to(root) else REPO
        names.append(resolved.relative_to(base).as_posix()
                     if resolved.is_relative_to(base) else path)
    shown = ", ".join(names[:3])
    return shown + (f" und {len(names) - 3} weitere" if len(names) > 3 else "")


def stop_on_sigterm() -> None:
    """Treat SIGTERM like Ctrl+C, so a running build is stopped and the port released."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def watch_and_rebuild(args: argparse.Namespace, root: Path, server: SiteServer,
                      preview: Preview) -> None:
    """Preview and rebuild after every batch of changes, forever."""
    from watchfiles import Change, watch

    watching = False
    # yield_on_timeout: the first (empty) yield tells that the watcher is registered.
    paths = watched_paths(root, Path(args.settings))
    for changes in watch(*paths, debounce=1600, step=50, rust_timeout=1000,
                         yield_on_timeout=True):
        if not changes:
            if not watching:
                print("Warte auf Änderungen in content/, data/, theme/, plugins/ …", flush=True)
                watching = True
            continue
        print(f"[{time.strftime('%H:%M:%S')}] Geändert: {describe(changes, root)}", flush=True)
        preview.show(sorted({path for change, path in changes if change != Change.deleted}),
                     server.last_viewed())
        build(args, preview)


def serve(args: argparse.Namespace) -> int:
    """Bind the port, build once, serve, then rebuild on every change."""
    root = Path(args.root).resolve()
    output = Path(args.output).resolve()
    args.root, args.output = str(root), str(output)
    try:
        server = start_server(output, args.host, args.port)
    except OSError as error:
        print(f"Port {args.port} ist nicht verfügbar ({error.strerror}); anderer Port: "
              "make serve PORT=8001", file=sys.stderr)
        return 1
    preview = Preview(Path(tempfile.mkdtemp(prefix="rebellab-serve-")))
    try:
        if not build(args, preview) and not output.exists():
            print("Es gibt noch keine gebaute Fassung; bitte die Probleme oben beheben. "
                  "Der Server wartet auf Änderungen.", flush=True)
        host = "localhost" if args.host == "127.0.0.1" else args.host
        print(f"Die Website läuft auf http://{host}:{server.server_address[1]}/ "
              "(beenden mit Strg+C)", flush=True)
        watch_and_rebuild(args, root, server, preview)
    finally:
        server.shutdown()
        preview.close()
        shutil.rmtree(preview.folder, ignore_errors=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point for ``make serve``; runs until Ctrl+C (or SIGTERM)."""
    args = parse_args(argv)
    stop_on_sigterm()
    try:
        return serve(args)
    except KeyboardInterrupt:
        print("\nBeendet.", flush=True)
        return 0


if __name__ == "__main__":
    sys.exit(main())
