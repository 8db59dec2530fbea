"""Property: every set of generated files make check accepts builds into a harmless site.

No page, feed, iCal file, JSON file or search record built from them contains a script
that is not the site's own, an event handler, a script or data URL in a link or source,
an embedding element, or a source on another host (tests/fuzz/scan.py).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from hypothesis import Phase, given, note, settings

from rebellab.lab.load import load_lab
from tests.fuzz.scan import hazards, hosts_in
from tests.fuzz.strategies import TODAY, GeneratedFile, as_json, content_set
from tests.fuzz.tally import count, examples
from tests.support.settings import SETTINGS
from tests.support.site import REPO, build_site

SITE_HOSTS = {urlsplit(SETTINGS["SITE_ABSOLUTE_URL"]).netloc}


def code_hosts() -> set[str]:
    """Hosts the site's own code and templates link to (calendar services, schema.org)."""
    files = [REPO / "pelicanconf.py", *sorted((REPO / "plugins").rglob("*.py")),
             *sorted((REPO / "theme" / "templates").rglob("*.html"))]
    return set().union(*(hosts_in(path.read_text(encoding="utf-8")) for path in files))


CODE_HOSTS = code_hosts()


def asked_hosts(root: Path) -> set[str]:
    """Hosts the content of ``root`` names: links to them are what the content asked for."""
    texts = (path.read_bytes().decode("utf-8", errors="replace")
             for path in root.rglob("*") if path.is_file() and path.suffix in (".yaml", ".md"))
    return CODE_HOSTS.union(*(hosts_in(text) for text in texts))


def build_and_scan(base: Path, files: list[GeneratedFile]) -> list[str] | None:
    """Build ``files`` over a copy of ``base``; hazards found, or None if check refuses."""
    work = Path(tempfile.mkdtemp(prefix="fuzz-build-"))
    try:
        root = shutil.copytree(base, work / "site")
        for file in files:
            (root / file.path).parent.mkdir(parents=True, exist_ok=True)
            (root / file.path).write_bytes(file.data)
        lab = load_lab(root, today=TODAY, settings=SETTINGS)
        if lab.problems:
            note(f"refused: {[str(problem) for problem in lab.problems]}")
            return None
        result = build_site(root, work / "output", search=True, today=TODAY.isoformat())
        assert result.returncode == 0, result.stdout + result.stderr
        return hazards(work / "output", asked_hosts(root), SITE_HOSTS)
    finally:
        shutil.rmtree(work, ignore_errors=True)


# Shrinking would rebuild the site hundreds of times; the failing set is printed in full
# (note) and turned into a fixture by hand.
@settings(max_examples=examples("build"), phases=(Phase.explicit, Phase.reuse, Phase.generate))
@given(files=content_set())
def test_accepted_files_build_without_hazards(lab_base: Path,
                                              files: list[GeneratedFile]) -> None:
    count("build")
    note(as_json(files))
    found = build_and_scan(lab_base, files)
    if found is not None:
        count("built")
        assert found == [], "\n".join(found)
