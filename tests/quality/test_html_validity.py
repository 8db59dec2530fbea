"""Gate: every generated HTML page passes the Nu Html Checker with 0 errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from urllib.parse import unquote, urlsplit

import pytest

from tests.support.site import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def run_vnu(output) -> list[dict]:
    """Check the whole output in one Java run; return the error messages."""
    if shutil.which("java") is None or not VNU.exists():
        pytest.fail(f"Nu Html Checker nicht ausführbar: java={shutil.which('java')}, {VNU} "
                    "(make test installiert node_modules per npm ci)", pytrace=False)
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json",
                             "--skip-non-html", str(output)],
                            capture_output=True, text=True, check=False)
    try:
        report = json.loads(result.stderr or result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"vnu lieferte kein JSON (Exit {result.returncode}):\n{result.stderr}",
                    pytrace=False)
    return [message for message in report["messages"] if message.get("type") != "info"]


def describe(message: dict, output) -> str:
    """``path:line: message`` with the path relative to the output folder."""
    path = unquote(urlsplit(message.get("url", "")).path)
    prefix = str(output.resolve())
    if path.startswith(prefix):
        path = path[len(prefix):].lstrip("/")
    line = message.get("lastLine", message.get("firstLine", "?"))
    extract = " ".join(message.get("extract", "").split())[:120]
    return f"{path}:{line}: {message['message']}" + (f"  [{extract}]" if extract else "")


def test_every_page_passes_the_nu_html_checker(site_output):
    errors = run_vnu(site_output)
    assert not errors, (f"{len(errors)} Fehler des Nu Html Checkers:\n"
                        + "\n".join(describe(message, site_output) for message in errors))
