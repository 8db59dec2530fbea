"""``make serve``'s preview (rebellab.lab.preview): the changed file's own pages at once.

The build that serve.py runs leaves a process with its site model behind (the holder); a
preview renders a changed post, page, event or profile from that model into the served
folder. Checked as serve.py uses it: over the socket, against real builds. A previewed page
must be what the full build makes of it, and the warm build after a preview must still
equal a cold build byte for byte (the preview's files are new files, which the warm build
renders again instead of linking).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import struct
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from scripts.bench.corpus import Sizes, generate
from scripts.serve import start_server
from tests.support.processes import wait_until_ended
from tests.support.site import REPO, build_command, build_env, build_site, settings_with

EVENT = "data/events/2020-09-offenes-meetup-essen.yaml"
PROFILE = "data/rebels/aeneas-test.yaml"
PAGE = "content/pages/ueber.md"
MARK = "Vorschau-Markierung 4711"


class Holder:
    """A connection to the holder a build left behind, as serve.py makes it."""

    def __init__(self, path: Path) -> None:
        self.connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.connection.settimeout(60)
        self.connection.connect(str(path))
        credentials = self.connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED,
                                                 struct.calcsize("3i"))
        self.pid = struct.unpack("3i", credentials)[0]
        self.stream = self.connection.makefile("rwb")

    def preview(self, *paths: Path, viewed: tuple[str, ...] = ()) -> dict[str, dict]:
        """The holder's answer for the changed ``paths``, per path."""
        request = {"changed": [str(path) for path in paths], "viewed": list(viewed)}
        self.stream.write(json.dumps(request).encode() + b"\n")
        self.stream.flush()
        answer = json.loads(self.stream.readline())
        return {item["path"]: item for item in answer["files"]}

    def close(self) -> None:
        self.stream.close()
        self.connection.close()


def build_with_holder(root: Path, output: Path, socket_path: Path,
                      settings: Path = REPO / "pelicanconf.py"
                      ) -> subprocess.CompletedProcess[str]:
    command = [*build_command(root, output, settings), "--preview-socket", str(socket_path)]
    return subprocess.run(command, capture_output=True, text=True, env=build_env(root),
                          cwd=REPO, check=False, timeout=600)


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def site(tmp_path):
    """A small generated lab, built with a holder, and the connection to that holder."""
    root = generate(REPO, tmp_path / "lab", Sizes(4, 4, 6, 1), seed=11)
    output = tmp_path / "output"
    result = build_with_holder(root, output, tmp_path / "holder.sock")
    assert result.returncode == 0, result.stderr
    holder = Holder(tmp_path / "holder.sock")
    yield root, output, holder
    holder.close()
    assert wait_until_ended(holder.pid, 20), "der Prozess mit dem Modell läuft weiter"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} fehlt in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.slow
def test_a_preview_shows_what_the_full_build_makes_of_the_changed_files(site, tmp_path):
    root, output, holder = site
    post = sorted((root / "content" / "blog").glob("*beitrag*.md"))[0]
    post.write_text(post.read_text(encoding="utf-8") + f"\n\n{MARK}\n", encoding="utf-8")
    page = root / PAGE
    page.write_text(page.read_text(encoding="utf-8") + f"\n\n{MARK}\n", encoding="utf-8")
    edit(root / EVENT, "description: |\n", f"description: |\n  {MARK}.\n")
    edit(root / PROFILE, "role: Amt für Stadterneuerung",
         f"role: Amt für Stadterneuerung, {MARK}")
    before = files(output)

    answer = holder.preview(post, page, root / EVENT, root / PROFILE)

    cold_output = tmp_path / "cold"
    assert build_site(root, cold_output).returncode == 0
    cold = files(cold_output)
    changed = {name for name, data in files(output).items() if before.get(name) != data}
    assert all(MARK.encode() in (output / name).read_bytes()
               for name in changed if name.endswith(".html"))
    # Each file's own pages, and the event's calendar file; nothing else.
    pages = {path: item.get("pages") for path, item in answer.items()}
    assert pages == {
        str(post): [f"/{name.removesuffix('index.html')}" for name in changed
                    if name.startswith("blog/")],
        str(page): ["/ueber/"],
        str(root / EVENT): ["/veranstaltungen/2020-09-offenes-meetup-essen/"],
        str(root / PROFILE): ["/rebellen/aeneas-test/"],
    }, answer
    assert len(changed) == 5 and "veranstaltungen/2020-09-offenes-meetup-essen/termin.ics" \
        in changed, sorted(changed)
    for name in changed:
        assert (output / name).read_bytes() == cold[name], f"{name} weicht vom Build ab"

    # The full build that follows a preview (as serve.py runs it, with a new socket) reuses
    # the unchanged pages and equals a cold build, byte for byte.
    unchanged = output / "impressum" / "index.html"
    inode = unchanged.stat().st_ino
    result = build_with_holder(root, output, tmp_path / "holder-2.sock")
    assert result.returncode == 0, result.stderr
    Holder(tmp_path / "holder-2.sock").close()
    assert files(output) == cold
    assert unchanged.stat().st_ino == inode, "ein Build mit Vorschau baut alles neu"


@pytest.mark.slow
def test_no_preview_for_problems_new_files_and_style_sheets(site):
    root, output, holder = site
    before = files(output)
    broken = root / EVENT
    broken.write_text(broken.read_text(encoding="utf-8") + "start: [\n", encoding="utf-8")
    new_post = root / "content" / "blog" / "neu.md"
    new_post.write_text("Title: Neu\nDate: 2026-11-20 10:00\nCategory: Labor\n\nNeu.\n",
                        encoding="utf-8")
    template = REPO / "theme" / "templates" / "base.html"  # no page viewed: none written
    style = sorted((REPO / "theme" / "css").glob("*.css"))[0]
    method = sorted((root / "content" / "methoden").glob("*.md"))[0]  # the library's, not Pelican's
    gone = root / PROFILE
    gone.unlink()

    answer = holder.preview(broken, new_post, template, style, method, gone)

    assert answer.pop(str(template)) == {"path": str(template), "pages": []}
    assert all("pages" not in item for item in answer.values()), answer
    assert answer[str(broken)]["reason"].startswith(f"{EVENT}:"), answer[str(broken)]
    assert "neu" in answer[str(new_post)]["reason"]
    assert "keine Vorschau" in answer[str(style)]["reason"]
    assert "keine Vorschau" in answer[str(method)]["reason"]
    assert "gelöscht" in answer[str(gone)]["reason"]
    assert not any("trace" in item for item in answer.values())
    assert files(output) == before


@pytest.mark.slow
def test_a_build_that_fails_leaves_no_holder_and_one_not_taken_over_ends(tmp_path):
    root = generate(REPO, tmp_path / "lab", Sizes(2, 2, 2, 1), seed=3)
    (root / EVENT).write_text("title: [\n", encoding="utf-8")
    result = build_with_holder(root, tmp_path / "output", tmp_path / "failed.sock")
    assert result.returncode == 1 and EVENT in result.stderr
    assert not (tmp_path / "failed.sock").exists()

    (root / EVENT).unlink()
    assert build_with_holder(root, tmp_path / "output", tmp_path / "h.sock").returncode == 0
    holder = Holder(tmp_path / "h.sock")  # serve.py lets a holder go by closing
    holder.close()
    assert wait_until_ended(holder.pid, 20)
    assert os.listdir(tmp_path / "output")


@pytest.mark.slow
def test_a_changed_template_is_previewed_on_the_pages_viewed_last(tmp_path):
    root = generate(REPO, tmp_path / "lab", Sizes(4, 4, 6, 1), seed=5)
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme)
    settings = settings_with(REPO / "pelicanconf.py", {"THEME": str(theme)},
                             tmp_path / "settings.py")
    output = tmp_path / "output"
    assert build_with_holder(root, output, tmp_path / "h.sock", settings).returncode == 0
    holder = Holder(tmp_path / "h.sock")
    base = theme / "templates" / "base.html"
    edit(base, "  </footer>", f"  <p>{MARK}</p>\n  </footer>")
    before = files(output)

    # A list, a profile, an event; a file that is not a page; an address the site lacks.
    viewed = ("/veranstaltungen/", "/rebellen/aeneas-test/",
              "/veranstaltungen/2020-09-offenes-meetup-essen/", "/robots.txt", "/gibt-es-nicht/")
    answer = holder.preview(base, viewed=viewed)
    holder.close()

    assert answer[str(base)]["pages"] == list(viewed[:3]), answer
    changed = sorted(name for name, data in files(output).items() if before.get(name) != data)
    assert changed == sorted(["rebellen/aeneas-test/index.html", "veranstaltungen/index.html",
                              "veranstaltungen/2020-09-offenes-meetup-essen/index.html"])
    cold_output = tmp_path / "cold"
    result = build_site(root, cold_output, overrides={"THEME": str(theme)})
    assert result.returncode == 0, result.stderr
    for name in changed:
        assert MARK in (output / name).read_text(encoding="utf-8")
        assert (output / name).read_bytes() == (cold_output / name).read_bytes(), name


def test_the_server_notes_the_pages_viewed_last(tmp_path):
    """serve.py tells the holder which pages to preview a changed template on."""
    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text("<!doctype html><title>x</title>")
    (tmp_path / "style.css").write_text("p {}")
    server = start_server(tmp_path, "127.0.0.1", 0)
    try:
        for path in ("/a/", "/b/index.html", "/style.css", "/a/?q=1", "/fehlt/", "/c/",
                     "/b/index.html"):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{server.server_address[1]}{path}",
                                       timeout=10).close()
            except urllib.error.HTTPError as error:
                assert error.code == 404 and path == "/fehlt/"
        assert server.last_viewed() == ["/b/index.html", "/c/", "/a/"]
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_a_holder_that_cannot_listen_does_not_fail_the_build(tmp_path):
    root = generate(REPO, tmp_path / "lab", Sizes(2, 2, 2, 1), seed=4)
    result = build_with_holder(root, tmp_path / "output", tmp_path / "fehlt" / "h.sock")
    assert result.returncode == 0, result.stderr
    assert "Keine Vorschau möglich" in result.stderr
    assert (tmp_path / "output" / "index.html").is_file()
